package fr.officine.segur.dmp.document;

import java.util.Objects;

/**
 * Builds the dispensation document from a dispensation: the PDF first (Jasper), then the CDA
 * eDISP-MED that embeds it. Thread-safe; meant to be one shared instance (the report is compiled
 * once by {@link DispensationPdf}).
 *
 * <p>Build once, keep the bytes: the PDF carries its creation date, so a rebuild gives another hash
 * under the same uniqueId. What is retried towards the DMP is the stored document.
 */
public final class DispensationDocuments {
  private final DispensationPdf pdf;
  private final EdispCdaWriter cda;

  public DispensationDocuments(DispensationPdf pdf, EdispCdaWriter cda) {
    this.pdf = Objects.requireNonNull(pdf, "pdf");
    this.cda = Objects.requireNonNull(cda, "cda");
  }

  /** Compiles the report: a second or so, once. */
  public static DispensationDocuments create() {
    return new DispensationDocuments(new DispensationPdf(), new EdispCdaWriter());
  }

  /** The CDA writer (re-identification of a stored document). */
  public EdispCdaWriter cda() {
    return cda;
  }

  public DispensationDocument build(DispensationDocumentData data) {
    byte[] rendered = pdf.render(data);
    return new DispensationDocument(data.ids().xdsUniqueId(), cda.write(data, rendered), rendered);
  }
}
