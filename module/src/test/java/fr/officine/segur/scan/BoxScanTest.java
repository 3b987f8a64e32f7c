package fr.officine.segur.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.scan.ScanResult;
import fr.officine.segur.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A medicine box's GS1 DataMatrix scanned into the prescription's field: text and pictures. */
class BoxScanTest {
  private static final String KARDEGIC = BoxPictures.KARDEGIC;
  private static final ScanResult KARDEGIC_BOX =
      ScanResult.medicineBox("3400933216146", LocalDate.of(2027, 5, 31), "K75-2409", "SN42");

  private final ScanService scans =
      new ScanService(
          UnhurriedScanLimits.get(),
          Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneId.of("Europe/Paris")));

  @Test
  void douchette_text_of_a_box_is_a_medicine_box() {
    assertThat(scans.scanText("]d2" + KARDEGIC + "\r\n")).isEqualTo(KARDEGIC_BOX);
  }

  @Test
  void a_prescription_number_is_still_a_prescription() {
    assertThat(scans.scanText("01S2TBPZ2JCNZZYGHZ"))
        .isEqualTo(new ScanResult("E_PRESCRIPTION", "01S2TBPZ2JCNZZYGHZ"));
  }

  @Test
  void a_broken_box_code_is_box_code_invalid_with_the_reason() {
    assertThatThrownBy(() -> scans.scanText("0103400933216147" + "17270500"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.BOX_CODE_INVALID);
              assertThat(p.detail()).contains("clé de contrôle GTIN fausse");
            });
  }

  @Test
  void ten_kilobytes_of_a_box_code_are_refused_before_any_parsing() {
    String huge = "0103400933216146" + "10" + "A".repeat(10 * 1024);
    assertThatThrownBy(() -> scans.scanText(huge))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.BOX_CODE_INVALID);
              assertThat(p.detail()).contains("10258 caractères");
            });
    // The same through a request body (read up to a byte limit, never whole).
    assertThatThrownBy(
            () ->
                scans.scanText(
                    new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.BOX_CODE_INVALID));
  }

  @Test
  void gs1_datamatrix_picture_of_a_box_is_read_with_its_separators() {
    byte[] png = QrPictures.png(BoxPictures.gs1DataMatrix(KARDEGIC, 6)).bytes();
    assertThat(scans.scanImage(new ByteArrayInputStream(png), "image/png")).isEqualTo(KARDEGIC_BOX);
  }

  @Test
  void datamatrix_photo_tilted_and_recompressed_is_still_read() {
    var tilted = QrPictures.rotate(BoxPictures.gs1DataMatrix(KARDEGIC, 8), 90);
    byte[] jpeg = QrPictures.jpeg(tilted, 0.6f).bytes();
    assertThat(scans.scanImage(new ByteArrayInputStream(jpeg), "image/jpeg"))
        .isEqualTo(KARDEGIC_BOX);
  }

  @Test
  void datamatrix_with_a_broken_gs1_content_is_box_code_invalid() {
    // Valid DataMatrix, GS1 mode, but the product code's check digit is wrong.
    byte[] png =
        QrPictures.png(BoxPictures.gs1DataMatrix("0103400933216147" + "17270500", 6)).bytes();
    assertThatThrownBy(() -> scans.scanImage(new ByteArrayInputStream(png), "image/png"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> assertThat(p.type()).isEqualTo(ProblemType.BOX_CODE_INVALID));
  }
}
