package fr.officine.segur.dmp.document;

import java.util.Objects;

/**
 * The dispensation document, built once: the CDA eDISP-MED (which carries the PDF copy inside) is
 * what goes to the DMP; the PDF alone is what is printed and handed over.
 *
 * @param uniqueId the XDS DocumentEntry.uniqueId (= CDA id: {@code root} or {@code root^extension})
 * @param cda the CDA R2 document, UTF-8, mimeType {@value #CDA_MIME_TYPE}
 * @param pdf the PDF rendering (the same bytes as embedded in the CDA)
 */
public record DispensationDocument(String uniqueId, byte[] cda, byte[] pdf) {
  public static final String CDA_MIME_TYPE = "text/xml";

  /** XDS formatCode of the structured eDISP (JDV_J60, codingScheme 1.3.6.1.4.1.19376.1.2.3). */
  public static final String FORMAT_CODE = EdispCdaWriter.FORMAT_CODE;

  /** XDS classCode "Dispensation" (TRE_A03, codingScheme 1.2.250.1.213.1.1.4.1). */
  public static final String CLASS_CODE = "43";

  /** XDS typeCode = CDA code, LOINC. */
  public static final String TYPE_CODE = "60593-1";

  public DispensationDocument {
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(cda, "cda");
    Objects.requireNonNull(pdf, "pdf");
  }
}
