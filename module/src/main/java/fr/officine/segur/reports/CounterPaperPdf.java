package fr.officine.segur.reports;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import fr.officine.segur.jasper.CompiledReports;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
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

/**
 * Renders the two papers printed at the counter as PDF (Jasper): the delivery detail for the back
 * of the paper prescription and the patient's "reste à délivrer" slip with the prescription's QR
 * code. Text arrives worded in French by {@code counter.CounterPapers} (issue 14 §5: one names the
 * papers' words, this one their layout); the templates are layouts only. Compiled once; {@link
 * #deliveryDetail} and {@link #remainingSlip} are thread-safe.
 */
public final class CounterPaperPdf {
  private static final Locale FRENCH = Locale.FRANCE;

  /** 4 modules of quiet zone, as the QR specification asks, so a phone or a douchette reads it. */
  private static final int QR_MARGIN = 4;

  /** One row of the delivery detail. */
  public record DetailRow(String product, String quantity, String outcome, String remaining) {}

  public record DeliveryDetail(
      String pharmacy,
      String prescriptionNumber,
      String dispensationId,
      String dispensedAt,
      String dispensedBy,
      List<DetailRow> rows) {}

  /** One product still to deliver. */
  public record RemainingRow(String product, String remaining) {}

  public record RemainingSlip(
      String pharmacy,
      String patient,
      String prescriptionNumber,
      String printedAt,
      List<RemainingRow> rows) {}

  private final JasperReport detail;
  private final JasperReport slip;

  public CounterPaperPdf() {
    this.detail = CompiledReports.load("/reports/counter/delivery-detail.jasper");
    this.slip = CompiledReports.load("/reports/counter/remaining-slip.jasper");
  }

  public byte[] deliveryDetail(DeliveryDetail d) {
    Map<String, Object> p = parameters();
    p.put("PHARMACY", d.pharmacy());
    p.put("PRESCRIPTION_NUMBER", d.prescriptionNumber());
    p.put("DISPENSATION_ID", d.dispensationId());
    p.put("DISPENSED_AT", d.dispensedAt());
    p.put("DISPENSED_BY", d.dispensedBy());
    List<Map<String, ?>> rows = new ArrayList<>();
    for (DetailRow r : d.rows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("PRODUCT", r.product());
      row.put("QUANTITY", r.quantity());
      row.put("OUTCOME", r.outcome());
      row.put("REMAINING", r.remaining());
      rows.add(row);
    }
    return pdf(detail, p, rows, "Détail de délivrance " + d.prescriptionNumber());
  }

  public byte[] remainingSlip(RemainingSlip s) {
    Map<String, Object> p = parameters();
    p.put("PHARMACY", s.pharmacy());
    p.put("PATIENT", s.patient());
    p.put("PRESCRIPTION_NUMBER", s.prescriptionNumber());
    p.put("PRINTED_AT", s.printedAt());
    p.put("QR", qr(s.prescriptionNumber()));
    p.put("NOTHING_LEFT", s.rows().isEmpty() ? "Plus rien à délivrer sur cette ordonnance." : "");
    List<Map<String, ?>> rows = new ArrayList<>();
    for (RemainingRow r : s.rows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("PRODUCT", r.product());
      row.put("REMAINING", r.remaining());
      rows.add(row);
    }
    return pdf(slip, p, rows, "Reste à délivrer " + s.prescriptionNumber());
  }

  /** The QR code of the prescription number alone, as on the prescriber's paper (ZXing). */
  static BufferedImage qr(String number) {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  number,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.MARGIN,
                      QR_MARGIN,
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M));
      // Scaled up by whole modules: Jasper then draws it without blurring module edges.
      BufferedImage small = MatrixToImageWriter.toBufferedImage(matrix);
      int scale = 8;
      BufferedImage big =
          new BufferedImage(
              small.getWidth() * scale, small.getHeight() * scale, BufferedImage.TYPE_BYTE_BINARY);
      var g = big.createGraphics();
      g.drawImage(small, 0, 0, big.getWidth(), big.getHeight(), null);
      g.dispose();
      return big;
    } catch (WriterException e) {
      throw new IllegalArgumentException("QR code impossible for " + number, e);
    }
  }

  private static Map<String, Object> parameters() {
    Map<String, Object> p = new HashMap<>();
    p.put(JRParameter.REPORT_LOCALE, FRENCH);
    return p;
  }

  private static byte[] pdf(
      JasperReport report,
      Map<String, Object> parameters,
      List<Map<String, ?>> rows,
      String title) {
    try {
      JasperPrint print =
          JasperFillManager.fillReport(report, parameters, new JRMapCollectionDataSource(rows));
      SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
      configuration.setMetadataTitle(title);
      configuration.setMetadataCreator("officine-segur");
      JRPdfExporter exporter = new JRPdfExporter();
      exporter.setExporterInput(new SimpleExporterInput(print));
      ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
      exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
      exporter.setConfiguration(configuration);
      exporter.exportReport();
      return out.toByteArray();
    } catch (JRException e) {
      throw new IllegalStateException("The PDF " + title + " could not be produced", e);
    }
  }
}
