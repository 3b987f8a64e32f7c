package fr.officine.segur.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.scan.ScanResult;
import fr.officine.segur.problem.ProblemException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScanImageTest {
  private final ScanService scans = new ScanService(UnhurriedScanLimits.get());

  static Stream<Arguments> damagedPictures() {
    return QrPictures.damagedPictures(QrPictures.NUMBER).entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedPictures")
  void qr_is_read_from_a_damaged_picture(String damage, QrPictures.Picture picture) {
    ScanResult result = scan(picture.bytes(), picture.mediaType());
    assertThat(result).isEqualTo(new ScanResult("E_PRESCRIPTION", QrPictures.NUMBER));
  }

  @Test
  void picture_sent_as_octet_stream_is_recognised_by_its_bytes() {
    byte[] png = QrPictures.png(QrPictures.qr(QrPictures.NUMBER)).bytes();
    assertThat(scan(png, "application/octet-stream").prescriptionNumber())
        .isEqualTo(QrPictures.NUMBER);
    assertThat(scan(png, null).prescriptionNumber()).isEqualTo(QrPictures.NUMBER);
  }

  @Test
  void jpeg_labelled_as_png_is_still_read() {
    byte[] jpeg = QrPictures.jpeg(QrPictures.qr(QrPictures.NUMBER), 0.8f).bytes();
    assertThat(scan(jpeg, "image/png; q=0.9").prescriptionNumber()).isEqualTo(QrPictures.NUMBER);
  }

  @Test
  void lower_case_number_in_the_qr_is_upper_cased() {
    byte[] png = QrPictures.png(QrPictures.qr(QrPictures.NUMBER.toLowerCase() + "\r\n")).bytes();
    assertThat(scan(png, "image/png").prescriptionNumber()).isEqualTo(QrPictures.NUMBER);
  }

  @Test
  void page_with_an_unrelated_qr_first_still_gives_the_prescription_number() {
    BufferedImage page = new BufferedImage(900, 500, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 900, 500);
    g.drawImage(QrPictures.qr("https://pharmacie.example/fidelite?id=42"), 20, 20, null);
    g.drawImage(QrPictures.qr(QrPictures.NUMBER), 560, 120, null);
    g.dispose();
    assertThat(scan(QrPictures.png(page).bytes(), "image/png").prescriptionNumber())
        .isEqualTo(QrPictures.NUMBER);
  }

  // --- hostile pictures

  @Test
  @Timeout(5)
  void decompression_bomb_is_refused_from_its_header_without_decoding_pixels() {
    byte[] bomb = QrPictures.decompressionBomb(20_000, 20_000);
    assertThat(bomb.length).as("the bomb is small on the wire").isLessThan(1_000_000);
    long heapBefore = usedHeap();
    assertProblem(bomb, "image/png", ProblemType.IMAGE_TOO_LARGE)
        .hasMessageContaining("20000 × 20000")
        .hasMessageContaining("400,0 Mpx");
    // 400 M pixels decoded would need ≥ 400 MB; the refusal must cost a few MB at most.
    assertThat(usedHeap() - heapBefore).isLessThan(64L * 1024 * 1024);
  }

  @Test
  void picture_with_a_side_over_10000_px_is_refused_even_under_20_mpx() {
    byte[] wide = QrPictures.decompressionBomb(12_000, 100);
    assertProblem(wide, "image/png", ProblemType.IMAGE_TOO_LARGE);
    byte[] wideJpeg =
        QrPictures.jpeg(new BufferedImage(10_001, 8, BufferedImage.TYPE_INT_RGB), 0.5f).bytes();
    assertProblem(wideJpeg, "image/jpeg", ProblemType.IMAGE_TOO_LARGE);
  }

  @Test
  void picture_just_under_the_limits_is_decoded_not_refused() {
    // 10000 × 2000 = 20 Mpx exactly: allowed, blank, so unreadable (not "too large").
    byte[] big = QrPictures.decompressionBomb(10_000, 2_000);
    assertProblem(big, "image/png", ProblemType.SCAN_UNREADABLE);
  }

  @Test
  void body_over_15_mb_is_refused_after_reading_at_most_one_byte_more() {
    CountingEndlessPng body = new CountingEndlessPng();
    assertThatThrownBy(() -> scans.scanImage(body, "image/png"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
    assertThat(body.served).isEqualTo(15L * 1024 * 1024 + 1);
  }

  @Test
  void text_sent_as_png_is_unreadable() {
    assertProblem(
        "not an image".getBytes(StandardCharsets.UTF_8), "image/png", ProblemType.SCAN_UNREADABLE);
    assertProblem(new byte[0], "image/jpeg", ProblemType.SCAN_UNREADABLE);
  }

  @Test
  void truncated_picture_is_unreadable() {
    byte[] png = QrPictures.png(QrPictures.qr(QrPictures.NUMBER)).bytes();
    assertProblem(Arrays.copyOf(png, png.length / 2), "image/png", ProblemType.SCAN_UNREADABLE);
    byte[] jpeg = QrPictures.jpeg(QrPictures.qr(QrPictures.NUMBER), 0.8f).bytes();
    assertProblem(Arrays.copyOf(jpeg, 200), "image/jpeg", ProblemType.SCAN_UNREADABLE);
  }

  @Test
  void other_media_types_are_refused() {
    byte[] png = QrPictures.png(QrPictures.qr(QrPictures.NUMBER)).bytes();
    assertProblem(png, "image/gif", ProblemType.UNSUPPORTED_MEDIA_TYPE);
    assertProblem(png, "application/pdf", ProblemType.UNSUPPORTED_MEDIA_TYPE);
    assertProblem(
        "GIF89a....".getBytes(StandardCharsets.US_ASCII),
        "application/octet-stream",
        ProblemType.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void blank_picture_is_unreadable_with_the_hint_to_type_the_number() {
    BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    assertProblem(QrPictures.png(blank).bytes(), "image/png", ProblemType.SCAN_UNREADABLE)
        .hasMessageContaining("tapez le numéro");
  }

  @Test
  void qr_holding_a_url_is_not_a_prescription() {
    byte[] png =
        QrPictures.png(QrPictures.qr("https://ordonnance.example/" + QrPictures.NUMBER)).bytes();
    assertProblem(png, "image/png", ProblemType.SCAN_NOT_A_PRESCRIPTION)
        .hasMessageContaining("« https://ordonnance.example/01S2TBPZ2JCNZ… »");
  }

  @Test
  void qr_holding_a_script_is_not_a_prescription_and_is_not_echoed() {
    String hostile = "<script>alert(document.cookie)</script>" + "A".repeat(500);
    byte[] png = QrPictures.png(QrPictures.qr(hostile, 400)).bytes();
    assertProblem(png, "image/png", ProblemType.SCAN_NOT_A_PRESCRIPTION)
        .satisfies(
            e -> {
              assertThat(e.getMessage())
                  .doesNotContain("<")
                  .doesNotContain(">")
                  .doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
              assertThat(e.getMessage().length()).isLessThan(250);
            });
  }

  @Test
  void search_stops_when_the_decode_budget_is_spent() {
    GrayImage readable = GrayImage.of(QrPictures.qr(QrPictures.NUMBER));
    QrDecoder decoder = new QrDecoder();
    assertThat(decoder.decode(readable, t -> true, System.nanoTime() + TimeUnit.HOURS.toNanos(1)))
        .isPresent();
    assertThat(decoder.decode(readable, t -> true, System.nanoTime()))
        .as("no attempt after the deadline")
        .isEmpty();
  }

  @Test
  void the_budget_covers_imageio_s_read_too_which_stops_at_the_deadline() {
    // Issue 15 §2 / issue 11 §3: the budget runs from the permit on, so ImageIO's read of a big
    // picture is stopped at the deadline (row by row) instead of holding the permit past it. A
    // deadline already passed stops it on its first row, whatever the machine's speed; before,
    // the whole picture was decoded first and only the search was bounded.
    ScanLimits d = ScanLimits.defaults();
    ScanService noTime =
        new ScanService(
            new ScanLimits(
                d.maxTextChars(),
                d.maxImageBytes(),
                d.maxImagePixels(),
                d.maxImageSide(),
                Duration.ZERO,
                1,
                d.maxJpegScanPixels()));
    byte[] page =
        QrPictures.jpeg(QrPictures.onPage(QrPictures.qr(QrPictures.NUMBER), 2480, 3508), 0.7f)
            .bytes();
    byte[] png = QrPictures.png(QrPictures.qr(QrPictures.NUMBER)).bytes();
    for (byte[] picture : new byte[][] {page, png}) {
      assertThatThrownBy(() -> noTime.scanImage(new ByteArrayInputStream(picture), "image/jpeg"))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.type()).isEqualTo(ProblemType.SCAN_UNREADABLE);
                assertThat(e.detail()).contains("trop longue à décoder dans le temps imparti");
              });
    }
    PictureReader reader = new PictureReader(d);
    assertThat(
            reader.read(page, "image/jpeg", System.nanoTime() + TimeUnit.HOURS.toNanos(1)).width())
        .as("with time left, the same picture is read whole")
        .isEqualTo(2480);
  }

  @Test
  void an_attempt_that_would_end_past_the_deadline_is_not_started() {
    // The pace learnt on the picture: 1 s for the first megapixel.
    QrDecoder.Pace pace = new QrDecoder.Pace();
    assertThat(pace.fits(2_000_000, 1)).as("the first attempt has nothing to go by").isTrue();
    pace.spent(1_000_000, TimeUnit.SECONDS.toNanos(1));
    assertThat(pace.fits(1_000_000, TimeUnit.SECONDS.toNanos(3))).isTrue();
    assertThat(pace.fits(16_000_000, TimeUnit.SECONDS.toNanos(3)))
        .as("the full-size 16 Mpx attempt of a big photo: 16 s predicted, 3 s left")
        .isFalse();
    pace.spent(1_000_000, TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(pace.fits(2_000_000, TimeUnit.SECONDS.toNanos(1)))
        .as("0.6 s per Mpx on average now")
        .isFalse();
    assertThat(pace.fits(1_000_000, TimeUnit.SECONDS.toNanos(1))).isTrue();
  }

  @Test
  void pictures_beyond_the_concurrent_decodes_are_told_to_retry() throws Exception {
    ScanLimits d = ScanLimits.defaults();
    PictureReader real = new PictureReader(d);
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch finishReading = new CountDownLatch(1);
    byte[] held = QrPictures.png(QrPictures.qr(QrPictures.NUMBER, 300)).bytes();
    byte[] quick = QrPictures.png(QrPictures.qr(QrPictures.NUMBER)).bytes();
    // The first picture's read holds its permit until the test says so: the second caller meets a
    // taken permit whatever the machine's speed (no sleep, no race).
    ScanService.PictureSource holding =
        (bytes, mediaType, deadline) -> {
          if (java.util.Arrays.equals(bytes, held)) {
            reading.countDown();
            try {
              finishReading.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return real.read(bytes, mediaType, deadline);
        };
    // One decode at a time, and a second caller waits at most 2 × 1 ms for it.
    ScanService onePermit =
        new ScanService(
            new ScanLimits(
                d.maxTextChars(),
                d.maxImageBytes(),
                d.maxImagePixels(),
                d.maxImageSide(),
                Duration.ofMillis(1),
                1,
                d.maxJpegScanPixels()),
            java.time.Clock.systemUTC(),
            holding);
    CompletableFuture<ScanResult> first =
        CompletableFuture.supplyAsync(
            () -> onePermit.scanImage(new ByteArrayInputStream(held), "image/png"));
    assertThat(reading.await(30, TimeUnit.SECONDS)).as("the first decode has its permit").isTrue();
    assertThatThrownBy(() -> onePermit.scanImage(new ByteArrayInputStream(quick), "image/png"))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.SCAN_BUSY));
    finishReading.countDown();
    first.handle((result, failure) -> null).get(30, TimeUnit.SECONDS);
    // The permit is given back: the next picture gets it at once. Its 1 ms budget, which now covers
    // ImageIO's read too, may well be spent before anything is read, so any answer but SCAN_BUSY.
    Throwable next =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> onePermit.scanImage(new ByteArrayInputStream(quick), "image/png"));
    if (next != null) {
      assertThat(next)
          .as("the permit is given back")
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> assertThat(e.type()).isNotEqualTo(ProblemType.SCAN_BUSY));
    }
  }

  /** A camera-like progressive JPEG of the QR code (ImageIO's default progression). */
  static byte[] progressiveJpeg(BufferedImage image) throws java.io.IOException {
    javax.imageio.ImageWriter writer =
        javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
    javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (javax.imageio.stream.ImageOutputStream ios =
        javax.imageio.ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      BufferedImage rgb =
          new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      rgb.getGraphics().drawImage(image, 0, 0, null);
      writer.write(null, new javax.imageio.IIOImage(rgb, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** The same file with its last scan repeated {@code copies} more times before EOI. */
  static byte[] withLastScanRepeated(byte[] jpeg, int copies) {
    int lastSos = -1;
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
        lastSos = i;
      }
    }
    int eoi = jpeg.length - 2;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(jpeg, 0, eoi);
    for (int i = 0; i < copies; i++) {
      out.write(jpeg, lastSos, eoi - lastSos);
    }
    out.write(jpeg, eoi, 2);
    return out.toByteArray();
  }

  @Test
  void a_camera_progressive_jpeg_is_read_and_its_scans_are_counted_without_decoding()
      throws Exception {
    byte[] progressive = progressiveJpeg(QrPictures.qr(QrPictures.NUMBER));
    assertThat(JpegScans.count(progressive))
        .as("ImageIO's default progression, in colour")
        .isEqualTo(10);
    assertThat(JpegScans.count(QrPictures.jpeg(QrPictures.qr(QrPictures.NUMBER), 0.8f).bytes()))
        .as("baseline")
        .isEqualTo(1);
    assertThat(scan(progressive, "image/jpeg").prescriptionNumber()).isEqualTo(QrPictures.NUMBER);
    assertThat(JpegScans.count(withLastScanRepeated(progressive, 1000))).isEqualTo(1010);
  }

  @Test
  void a_jpeg_whose_scans_would_cost_more_than_the_limit_is_refused_before_its_decode()
      throws Exception {
    ScanLimits d = ScanLimits.defaults();
    byte[] progressive = progressiveJpeg(QrPictures.qr(QrPictures.NUMBER));
    long pixels =
        (long) QrPictures.qr(QrPictures.NUMBER).getWidth()
            * QrPictures.qr(QrPictures.NUMBER).getHeight();
    // room for 20 scans of this picture: 10 pass, 21 are refused
    ScanService twentyScans =
        new ScanService(
            new ScanLimits(
                d.maxTextChars(),
                d.maxImageBytes(),
                d.maxImagePixels(),
                d.maxImageSide(),
                Duration.ofHours(1),
                1,
                pixels * 20));
    assertThat(
            twentyScans
                .scanImage(new ByteArrayInputStream(progressive), "image/jpeg")
                .prescriptionNumber())
        .isEqualTo(QrPictures.NUMBER);
    byte[] hostile = withLastScanRepeated(progressive, 11);
    assertThatThrownBy(() -> twentyScans.scanImage(new ByteArrayInputStream(hostile), "image/jpeg"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.IMAGE_TOO_COMPLEX);
              assertThat(e.type().status()).isEqualTo(422);
              assertThat(e.detail())
                  .startsWith("JPEG de 21 passes sur ")
                  .contains("au plus 20 passes à cette taille");
            });
  }

  private ScanResult scan(byte[] bytes, String mediaType) {
    return scans.scanImage(new ByteArrayInputStream(bytes), mediaType);
  }

  private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertProblem(
      byte[] bytes, String mediaType, ProblemType expected) {
    return assertThatThrownBy(() -> scan(bytes, mediaType))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).isEqualTo(expected));
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** A PNG signature followed by an endless stream of bytes; counts what was read from it. */
  private static final class CountingEndlessPng extends InputStream {
    private static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    long served;

    @Override
    public int read() {
      int b = served < MAGIC.length ? MAGIC[(int) served] & 0xff : 0x42;
      served++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      for (int i = 0; i < len; i++) {
        b[off + i] = (byte) read();
      }
      return len;
    }
  }
}
