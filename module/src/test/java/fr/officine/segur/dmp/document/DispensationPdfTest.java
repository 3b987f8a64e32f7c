package fr.officine.segur.dmp.document;

import static fr.officine.segur.dmp.document.DispensationSamples.AMOXICILLINE_GENERIQUE;
import static fr.officine.segur.dmp.document.DispensationSamples.BISEPTINE;
import static fr.officine.segur.dmp.document.DispensationSamples.CLAMOXYL;
import static fr.officine.segur.dmp.document.DispensationSamples.DOLIPRANE;
import static fr.officine.segur.dmp.document.DispensationSamples.PRESCRIPTION_NUMBER;
import static fr.officine.segur.dmp.document.DispensationSamples.SERUM;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paper handed over, read back with PDFBox as a reader would see it. */
class DispensationPdfTest {
  static DispensationPdf pdf;
  static byte[] bytes;
  static String text;

  @BeforeAll
  static void render() throws Exception {
    pdf = new DispensationPdf();
    bytes = pdf.render(DispensationSamples.knownGood());
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      // Cells wrap long labels: compare with whitespace runs folded into one space.
      text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      // Page 1 as a picture, to be looked at (target/dispensation-documents/page-1.png).
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 110);
      Path out = Path.of("target", "dispensation-documents");
      Files.createDirectories(out);
      ImageIO.write(page, "png", out.resolve("page-1.png").toFile());
    }
  }

  @Test
  void pdf_shows_prescription_number_and_every_line_label() {
    assertThat(text).contains(PRESCRIPTION_NUMBER);
    assertThat(text).contains(DOLIPRANE, CLAMOXYL, SERUM, BISEPTINE);
  }

  @Test
  void substituted_line_says_by_what() {
    assertThat(text).contains("Substitué par " + AMOXICILLINE_GENERIQUE);
  }

  @Test
  void line_not_delivered_shows_the_french_reason() {
    assertThat(text).contains("Non délivré — motif : rupture de stock / produit indisponible");
  }

  @Test
  void handwritten_line_is_marked_as_such() {
    assertThat(text).contains("(mention manuscrite)");
  }

  @Test
  void pdf_shows_who_delivered_under_whose_responsibility_and_what_remains() {
    assertThat(text)
        .contains("LEROY Sandrine, préparateur en pharmacie")
        .contains(
            "sous la responsabilité de MARTIN Claire, pharmacien titulaire — RPPS 10100000016")
        .contains("Reste à délivrer sur cette ordonnance")
        .contains(CLAMOXYL + " : 1 boîte")
        .contains("Le 23/11/2026 à 10h42")
        .contains("INS : 277076322082910");
  }

  @Test
  void what_remains_covers_the_prescriptions_lines_this_delivery_left_alone() throws Exception {
    // The walk of 2026-12-02: L1 delivered in full, L3 of the prescription not in this
    // dispensation and still 1 box to deliver; the paper said « Rien : les lignes de cette
    // délivrance sont entièrement servies » under « Reste à délivrer sur cette ordonnance ».
    DispensationDocumentData today =
        DispensationSamples.withLines(
                java.util.List.of(
                    DispensationDocumentData.Line.delivered(
                        "L1",
                        DispensationSamples.product("3400935955838", DOLIPRANE),
                        1,
                        DispensationDocumentData.Completeness.FFC,
                        0)))
            .withOtherLinesRemaining(
                java.util.List.of(
                    new DispensationDocumentData.Remaining(
                        "SPASFON LYOC 80 mg lyoph oral B/10", 1)));
    assertThat(page(pdf.render(today)))
        .contains(
            "Reste à délivrer sur cette ordonnance SPASFON LYOC 80 mg lyoph oral B/10 : 1 boîte")
        .doesNotContain("Rien");

    DispensationDocumentData all =
        DispensationSamples.withLines(
            java.util.List.of(
                DispensationDocumentData.Line.delivered(
                    "L1",
                    DispensationSamples.product("3400935955838", DOLIPRANE),
                    1,
                    DispensationDocumentData.Completeness.FFC,
                    0)));
    assertThat(page(pdf.render(all)))
        .contains(
            "Reste à délivrer sur cette ordonnance Rien : l'ordonnance est entièrement servie.");
  }

  private static String page(byte[] rendered) throws Exception {
    try (PDDocument doc = Loader.loadPDF(rendered)) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void a_second_partial_delivery_is_not_called_a_renewal_and_no_completeness_code_is_printed_alone()
      throws Exception {
    // RFP = a delivery after the first, partial: « Renouvellement » was printed for it (issue 10
    // §4)
    byte[] second =
        pdf.render(
            DispensationSamples.withLines(
                java.util.List.of(
                    DispensationDocumentData.Line.delivered(
                        "L1",
                        DispensationSamples.product("3400935955838", DOLIPRANE),
                        1,
                        DispensationDocumentData.Completeness.RFP,
                        1))));
    try (PDDocument doc = Loader.loadPDF(second)) {
      String page = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertThat(page)
          .contains("Délivrance suivante, partielle")
          .doesNotContain("Renouvellement", "RFP");
    }
    assertThat(text).contains("Première délivrance, complète").doesNotContain(" FFC", " FFP");
  }

  @Test
  void a_long_prescription_flows_onto_a_second_page_with_the_header_row_kept() throws Exception {
    var lines = new java.util.ArrayList<DispensationDocumentData.Line>();
    for (int i = 1; i <= 24; i++) {
      lines.add(
          DispensationDocumentData.Line.delivered(
              "L" + i,
              DispensationSamples.product("3400935955838", DOLIPRANE + " (ligne " + i + ")"),
              1,
              DispensationDocumentData.Completeness.FFC,
              0));
    }
    byte[] longOne = pdf.render(DispensationSamples.withLines(lines));
    try (PDDocument doc = Loader.loadPDF(longOne)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(2);
      ImageIO.write(
          new PDFRenderer(doc).renderImageWithDPI(1, 80),
          "png",
          Path.of("target", "dispensation-documents", "long-page-2.png").toFile());
      var stripper = new PDFTextStripper();
      stripper.setStartPage(2);
      stripper.setEndPage(2);
      String page2 = stripper.getText(doc).replaceAll("\\s+", " ");
      assertThat(page2).contains("(ligne 24)").contains("Page 2 / 2").contains("Produit prescrit");
    }
  }

  @Test
  void fonts_are_embedded_so_accents_do_not_depend_on_the_reader() throws Exception {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      var resources = doc.getPage(0).getResources();
      for (var name : resources.getFontNames()) {
        PDFont font = resources.getFont(name);
        assertThat(font.isEmbedded()).as(font.getName()).isTrue();
      }
    }
  }

  @Test
  void pdf_declares_pdf_a_1b_with_an_srgb_output_intent() throws Exception {
    // What a PDF/A reader checks first; full PDF/A validation (veraPDF) is not run here.
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      String xmp =
          new String(
              doc.getDocumentCatalog().getMetadata().toByteArray(),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(xmp)
          .containsPattern("pdfaid:part[>=\"]+1")
          .containsPattern("pdfaid:conformance[>=\"]+B");
      assertThat(doc.getDocumentCatalog().getOutputIntents()).hasSize(1);
      assertThat(doc.getVersion()).isLessThanOrEqualTo(1.4f);
      assertThat(doc.getDocumentInformation().getTitle()).contains(PRESCRIPTION_NUMBER);
    }
  }

  @Test
  void patient_without_qualified_ins_still_gets_the_paper() throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.render(DispensationSamples.withoutIns()))) {
      assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", " "))
          .contains("INS : identité non qualifiée");
    }
  }
}
