package fr.officine.segur.dmp.document;

import fr.officine.segur.dmp.document.DispensationDocumentData.Line;
import fr.officine.segur.dmp.document.DispensationDocumentData.Patient;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dmp.document.DispensationDocumentData.Role;
import fr.officine.segur.dmp.document.DispensationDocumentData.Sex;
import fr.officine.segur.jasper.CompiledReports;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import net.sf.jasperreports.pdf.type.PdfaConformanceEnum;

/**
 * The dispensation paper handed to the patient ("Délivrance — ordonnance numérique"), as a PDF.
 *
 * <p>The JRXML is compiled at build time ({@code build/CompileReports.java}: a node does not spend
 * seconds of the JDT compiler at each start, issue 13 §7) and its {@code .jasper} loaded once, in
 * the constructor; one instance is meant to be shared, {@link #render} is thread-safe (a compiled
 * report is immutable, each fill has its own data source).
 *
 * <p>Text is formatted here, in French, so the template stays a layout. Fonts come from the
 * jasperreports-fonts extension (DejaVu, embedded), so accents do not depend on the machine's
 * fonts.
 *
 * <p>The PDF is exported as PDF/A-1b: CI-SIS wants PDF/A-1 for a PDF carried in a CDA (XDS-SD
 * formatCode label, N1 rule) and this PDF is also the copy embedded in the eDISP document. PDF/A
 * needs an output intent: the JDK's own sRGB ICC profile, written once to a temporary file because
 * Jasper takes the profile by location.
 */
public final class DispensationPdf {

  private static final String TEMPLATE = "/reports/dispensation.jasper";
  private static final Locale FRENCH = Locale.FRANCE;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", FRENCH);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("'Le' dd/MM/yyyy 'à' HH'h'mm", FRENCH);

  /** Times are shown as the pharmacy lives them: metropolitan France. */
  private static final ZoneId PHARMACY_ZONE = ZoneId.of("Europe/Paris");

  private final JasperReport report;
  private final Path iccProfile;

  public DispensationPdf() {
    this.report = CompiledReports.load(TEMPLATE);
    try {
      this.iccProfile = Files.createTempFile("officine-segur-srgb-", ".icc");
      iccProfile.toFile().deleteOnExit();
      Files.write(iccProfile, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PDF bytes for one dispensation. */
  public byte[] render(DispensationDocumentData data) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put(JRParameter.REPORT_LOCALE, FRENCH);
    parameters.put("PHARMACY_NAME", data.pharmacy().name());
    parameters.put(
        "PHARMACY_ADDRESS",
        data.pharmacy().street()
            + ", "
            + data.pharmacy().postalCode()
            + " "
            + data.pharmacy().city());
    parameters.put("PHARMACY_FINESS", data.pharmacy().finess().value());
    parameters.put("DISPENSED_BY", dispensedBy(data.dispenser(), data.responsiblePharmacist()));
    parameters.put(
        "PATIENT_NAME", data.patient().birthFamilyName() + " " + data.patient().firstName());
    parameters.put("PATIENT_DETAILS", patientDetails(data.patient()));
    parameters.put("PATIENT_INS", insText(data.patient()));
    parameters.put(
        "PRESCRIBER",
        data.prescriber().familyName()
            + " "
            + data.prescriber().givenName()
            + "\nRPPS "
            + data.prescriber().rpps().value());
    parameters.put("PRESCRIPTION_NUMBER", data.prescriptionNumber().value());
    parameters.put(
        "DISPENSED_AT", DATE_TIME.format(data.dispensedAt().atZoneSameInstant(PHARMACY_ZONE)));
    parameters.put("REMAINING_SUMMARY", remainingSummary(data));
    parameters.put("DOCUMENT_ID", data.ids().xdsUniqueId());
    try {
      JasperPrint print =
          JasperFillManager.fillReport(
              report, parameters, new JRMapCollectionDataSource(rows(data)));
      return export(print, data);
    } catch (JRException e) {
      throw new IllegalStateException("The dispensation PDF could not be produced", e);
    }
  }

  private byte[] export(JasperPrint print, DispensationDocumentData data) throws JRException {
    SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
    configuration.setPdfaConformance(PdfaConformanceEnum.PDFA_1B);
    configuration.setIccProfilePath(iccProfile.toAbsolutePath().toString());
    configuration.setMetadataTitle(
        "Délivrance — ordonnance numérique " + data.prescriptionNumber().value());
    configuration.setMetadataAuthor(data.pharmacy().name());
    configuration.setMetadataCreator("officine-segur");
    JRPdfExporter exporter = new JRPdfExporter();
    exporter.setExporterInput(new SimpleExporterInput(print));
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
    exporter.setConfiguration(configuration);
    exporter.exportReport();
    return out.toByteArray();
  }

  private static List<Map<String, ?>> rows(DispensationDocumentData data) {
    List<Map<String, ?>> rows = new ArrayList<>();
    for (Line line : data.lines()) {
      Map<String, Object> row = new LinkedHashMap<>();
      String product =
          line.prescribed().label()
              + line.prescribed().cip13().map(c -> "\nCIP " + c.value()).orElse("\nsans code CIP");
      if (line.handwritten()) {
        // The pharmacist must see at a glance that this line is not in the electronic prescription.
        product += "\n(mention manuscrite)";
      }
      row.put("PRODUCT", product);
      row.put("QUANTITY", line.delivered() ? boxes(line.deliveredBoxes()) : "aucune");
      row.put("OUTCOME", outcome(line));
      row.put("REMAINING", line.remainingBoxes() == 0 ? "—" : boxes(line.remainingBoxes()));
      rows.add(row);
    }
    return rows;
  }

  /** French wording of what happened on a line. */
  static String outcome(Line line) {
    if (!line.delivered()) {
      return "Non délivré — motif : "
          + line.notDeliveredReason().orElseThrow().label().toLowerCase(FRENCH);
    }
    String completeness = line.completeness().orElseThrow().words();
    return line.substitute()
        .map(
            s ->
                "Substitué par "
                    + s.label()
                    + s.cip13().map(c -> " (CIP " + c.value() + ")").orElse("")
                    + "\n"
                    + completeness)
        .orElse("Délivré\n" + completeness);
  }

  private static String boxes(int n) {
    return fr.officine.segur.text.FrenchWords.boxes(n);
  }

  private static String dispensedBy(Professional dispenser, Professional responsible) {
    String who = person(dispenser);
    if (dispenser.equals(responsible)) {
      return who;
    }
    // A préparateur delivers under the responsibility of a pharmacist (CSP L.4241-1).
    return who + "\nsous la responsabilité de " + person(responsible);
  }

  private static String person(Professional p) {
    String text = p.familyName() + " " + p.givenName() + ", " + roleLabel(p.role());
    return p.rpps().map(r -> text + " — RPPS " + r.value()).orElse(text);
  }

  private static String roleLabel(Role role) {
    return role.label().toLowerCase(FRENCH);
  }

  private static String patientDetails(Patient patient) {
    String born = patient.sex() == Sex.F ? "Née le " : "Né(e) le ";
    return born
        + DATE.format(patient.birthDate())
        + " — sexe : "
        + patient.sex().label().toLowerCase(FRENCH);
  }

  private static String insText(Patient patient) {
    return patient
        .ins()
        .map(ins -> "INS : " + ins.number() + " (" + ins.type().name().replace('_', ' ') + ")")
        .orElse("INS : identité non qualifiée");
  }

  /** What remains on the whole prescription: its lines delivered today, then the others. */
  static String remainingSummary(DispensationDocumentData data) {
    List<String> parts = new ArrayList<>();
    for (Line line : data.lines()) {
      if (line.remainingBoxes() > 0) {
        parts.add(line.prescribed().label() + " : " + boxes(line.remainingBoxes()));
      }
    }
    for (DispensationDocumentData.Remaining other : data.otherLinesRemaining()) {
      parts.add(other.label() + " : " + boxes(other.boxes()));
    }
    return parts.isEmpty()
        ? "Rien : l'ordonnance est entièrement servie."
        : String.join("\n", parts);
  }
}
