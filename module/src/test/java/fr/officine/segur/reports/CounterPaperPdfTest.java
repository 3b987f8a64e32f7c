package fr.officine.segur.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import fr.officine.segur.reports.CounterPaperPdf.DeliveryDetail;
import fr.officine.segur.reports.CounterPaperPdf.DetailRow;
import fr.officine.segur.reports.CounterPaperPdf.RemainingRow;
import fr.officine.segur.reports.CounterPaperPdf.RemainingSlip;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class CounterPaperPdfTest {
  static final CounterPaperPdf PRINTS = new CounterPaperPdf();

  @Test
  void
      remaining_slip_lists_what_remains_and_its_printed_qr_code_reads_back_as_the_prescription_number()
          throws Exception {
    byte[] pdf =
        PRINTS.remainingSlip(
            new RemainingSlip(
                "Pharmacie du Marché, Lyon — FINESS 690100011",
                "Zoé ADRUN",
                "01S2TBPZ2JCNZZYGHZ",
                "imprimé le 23/11/2026 à 15h02",
                List.of(
                    new RemainingRow("DOLIPRANE 1000 mg cp B/8\nCIP 3400935955838", "2 boîtes"))));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertThat(text)
          .contains(
              "Reste à délivrer",
              "Zoé ADRUN",
              "01S2TBPZ2JCNZZYGHZ",
              "DOLIPRANE 1000 mg cp B/8",
              "2 boîtes")
          .doesNotContain("null", "Plus rien");
      // Printed at 150 dpi, as a counter printer would: the QR code must read back from paper.
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 150);
      Files.createDirectories(Path.of("target"));
      ImageIO.write(page, "png", Path.of("target", "remaining-slip.png").toFile());
      assertThat(decode(page)).isEqualTo("01S2TBPZ2JCNZZYGHZ");
    }
  }

  @Test
  void remaining_slip_of_a_closed_prescription_says_nothing_is_left() throws IOException {
    byte[] pdf =
        PRINTS.remainingSlip(
            new RemainingSlip(
                "Pharmacie du Marché", "Zoé ADRUN", "SBX07CLOTUREE00000", "imprimé", List.of()));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(doc))
          .contains("Plus rien à délivrer sur cette ordonnance.");
    }
  }

  @Test
  void delivery_detail_names_each_line_its_outcome_and_what_remains() throws IOException {
    byte[] pdf =
        PRINTS.deliveryDetail(
            new DeliveryDetail(
                "Pharmacie du Marché, Lyon — FINESS 690100011",
                "01S2TBPZ2JCNZZYGHZ",
                "4f1c7d7e-0000-4000-8000-000000000001",
                "Délivré le 23/11/2026 à 15h02",
                "par Claire MARTIN",
                List.of(
                    new DetailRow(
                        "DOLIPRANE 1000 mg cp B/8", "1 boîte", "Délivré (FFP)", "2 boîtes"),
                    new DetailRow(
                        "SKENAN LP 30 mg",
                        "0 boîte",
                        "Non délivré — rupture de stock",
                        "1 boîte"))));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertThat(text)
          .contains(
              "Détail de délivrance", "Ordonnance numérique 01S2TBPZ2JCNZZYGHZ", "FINESS 690100011")
          .contains(
              "DOLIPRANE 1000 mg cp B/8",
              "Délivré (FFP)",
              "Non délivré — rupture de stock",
              "par Claire MARTIN");
    }
  }

  private static String decode(BufferedImage image) throws NotFoundException {
    return new MultiFormatReader()
        .decode(
            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
        .getText();
  }
}
