package fr.officine.segur.sandbox.documents;

import fr.officine.segur.sandbox.eprescription.Prescription;
import fr.officine.segur.sandbox.eprescription.PrescriptionLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.engine.util.JRLoader;

/**
 * The printable ordonnance of a prescription (what the patient brings to the pharmacy): prescriber,
 * patient, lines with the prescriber's mentions, the QR code and the number in clear. The report is
 * the .jasper compiled by the build (ReportCompiler); when absent (run from an IDE without the
 * build step) the JRXML is compiled at first use, then kept.
 */
public final class OrdonnanceRenderer {
  private static final DateTimeFormatter FRENCH_DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
  private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final QrCodes qrCodes;
  private JasperReport report;

  public OrdonnanceRenderer(QrCodes qrCodes) {
    this.qrCodes = qrCodes;
  }

  public byte[] pdf(Prescription p) {
    Map<String, Object> params = new HashMap<>();
    params.put("numero", p.number());
    params.put(
        "prescripteurNom", "Dr " + p.prescriber().firstName() + " " + p.prescriber().lastName());
    params.put("prescripteurSpecialite", p.prescriber().specialty());
    params.put("prescripteurStructure", p.prescriber().structure());
    params.put("prescripteurRpps", p.prescriber().rpps());
    params.put("patientNom", p.patient().birthName() + " " + p.patient().firstName());
    params.put(
        "patientNaissance",
        ("F".equals(p.patient().sex()) ? "Née le " : "Né le ")
            + p.patient().birthDate().format(BIRTH_DATE));
    params.put("dateOrdonnance", p.prescribedOn().format(FRENCH_DATE));
    params.put("qrImage", qrCodes.image(p.number()));
    List<Map<String, ?>> rows = new ArrayList<>();
    // The paper shows what the prescriber wrote: handwritten additions recorded later by a
    // pharmacy are not part of it.
    for (PrescriptionLine line : p.lines()) {
      if (!line.handwritten()) {
        rows.add(row(line));
      }
    }
    try {
      JasperPrint print =
          JasperFillManager.fillReport(report(), params, new JRMapCollectionDataSource(rows));
      return JasperExportManager.exportReportToPdf(print);
    } catch (JRException e) {
      throw new IllegalStateException("ordonnance PDF failed for " + p.number(), e);
    }
  }

  private static Map<String, ?> row(PrescriptionLine line) {
    List<String> mentions = new ArrayList<>();
    if (line.renewals() > 0) {
      mentions.add("À renouveler " + line.renewals() + " fois");
    }
    if (!line.substitutable()) {
      mentions.add("Non substituable");
    }
    if (line.narcotic()) {
      mentions.add("Stupéfiant : vérifier l'ordonnance sécurisée papier");
    }
    if (line.treatmentDays() != null) {
      mentions.add("Traitement de " + line.treatmentDays() + " jours");
    }
    if (line.fractionDays() != null) {
      mentions.add("Délivrance fractionnée par périodes de " + line.fractionDays() + " jours");
    }
    Map<String, Object> row = new HashMap<>();
    row.put("libelle", line.product().label());
    row.put("posologie", line.posology() == null ? "" : line.posology());
    row.put(
        "quantite",
        "Quantité : "
            + line.quantityPerPeriod()
            + (line.quantityPerPeriod() > 1 ? " boîtes" : " boîte"));
    row.put("mentions", String.join(" — ", mentions));
    return row;
  }

  private synchronized JasperReport report() throws JRException {
    if (report == null) {
      report = load();
    }
    return report;
  }

  private static JasperReport load() throws JRException {
    try (InputStream compiled =
        OrdonnanceRenderer.class.getResourceAsStream("/reports/ordonnance.jasper")) {
      if (compiled != null) {
        return (JasperReport) JRLoader.loadObject(compiled);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream in =
        OrdonnanceRenderer.class.getResourceAsStream("/reports/ordonnance.jrxml")) {
      if (in == null) {
        throw new IllegalStateException("missing /reports/ordonnance.jrxml");
      }
      return JasperCompileManager.compileReport(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
