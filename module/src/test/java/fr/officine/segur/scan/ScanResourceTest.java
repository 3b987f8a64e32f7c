package fr.officine.segur.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How {@code POST /api/v1/scans} sorts bodies by Content-Type (the HTTP round trip is in the ITs).
 */
class ScanResourceTest {
  private final ScanResource resource =
      new ScanResource(
          new ScanService(UnhurriedScanLimits.get()), new fr.officine.segur.audit.AuditContext());

  @Test
  void text_plain_goes_to_the_text_scan_with_its_charset() {
    byte[] latin1 = "à&SéTBPWéJCNWWYGHW\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(
            resource
                .scan("text/plain; charset=ISO-8859-1", new ByteArrayInputStream(latin1))
                .prescriptionNumber())
        .isEqualTo(QrPictures.NUMBER);
    byte[] utf8 = "à&SéTBPWéJCNWWYGHW\r\n".getBytes(StandardCharsets.UTF_8);
    assertThat(resource.scan("Text/Plain", new ByteArrayInputStream(utf8)).prescriptionNumber())
        .isEqualTo(QrPictures.NUMBER);
    assertThat(
            resource
                .scan("text/plain;charset=\"utf-8\"", new ByteArrayInputStream(utf8))
                .prescriptionNumber())
        .isEqualTo(QrPictures.NUMBER);
  }

  @Test
  void pictures_go_to_the_image_scan() {
    byte[] png = QrPictures.png(QrPictures.qr(QrPictures.NUMBER)).bytes();
    byte[] jpeg = QrPictures.jpeg(QrPictures.qr(QrPictures.NUMBER), 0.6f).bytes();
    assertThat(resource.scan("image/png", new ByteArrayInputStream(png)).kind())
        .isEqualTo("E_PRESCRIPTION");
    assertThat(resource.scan("image/jpeg", new ByteArrayInputStream(jpeg)).kind())
        .isEqualTo("E_PRESCRIPTION");
    assertThat(resource.scan("application/octet-stream", new ByteArrayInputStream(png)).kind())
        .isEqualTo("E_PRESCRIPTION");
    assertThat(resource.scan(null, new ByteArrayInputStream(jpeg)).kind())
        .isEqualTo("E_PRESCRIPTION");
  }

  @Test
  void other_content_types_get_the_catalogue_problem() {
    byte[] png = QrPictures.png(QrPictures.qr(QrPictures.NUMBER)).bytes();
    assertThatThrownBy(() -> resource.scan("application/json", new ByteArrayInputStream(png)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE));
    assertThatThrownBy(
            () -> resource.scan("text/plain; charset=klingon", new ByteArrayInputStream(png)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE));
  }
}
