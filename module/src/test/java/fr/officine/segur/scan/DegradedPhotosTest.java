package fr.officine.segur.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 §2: the decoder reads most of the seeded degraded phone photos (see the README's
 * benchmark table, where zbarimg's figures on the same files are). No time limit: the deadline is
 * an hour away, so only the strategies decide.
 */
class DegradedPhotosTest {
  private final QrDecoder decoder = new QrDecoder();

  @Test
  void readsMostSeededSmallSoftPhonePhotos() {
    // Small, tilted, soft, dim, noisy, JPEG q35. 48 measured; ZXing alone (before BoofCV) read 47,
    // and 41 before the upscale + unsharp strategies.
    int read =
        read(
            DegradedQrPhotos.photos(
                QrPictures.NUMBER, DegradedQrPhotos.COUNT, DegradedQrPhotos.SEED),
            QrPictures.NUMBER);
    assertThat(read)
        .as("small, soft photos read of %d", DegradedQrPhotos.COUNT)
        .isGreaterThanOrEqualTo(48);
  }

  @Test
  void readsPhonePhotosTakenAtAnAngle() {
    // Perspective: ZXing alone (every strategy) read none of these 60, zbarimg 28; 60 measured.
    int read =
        read(
            DegradedQrPhotos.askew(
                QrPictures.NUMBER, DegradedQrPhotos.COUNT, DegradedQrPhotos.ASKEW_SEED),
            QrPictures.NUMBER);
    assertThat(read)
        .as("askew photos read of %d", DegradedQrPhotos.COUNT)
        .isGreaterThanOrEqualTo(58);
  }

  @Test
  void readsPhotosOfABoxDataMatrix() {
    // The same field reads the box's GS1 DataMatrix (ZXing only: BoofCV reads no DataMatrix; zbar
    // neither). 57 measured, the same as before BoofCV was added.
    int read =
        read(
            BoxPictures.degradedPhotos(
                BoxPictures.KARDEGIC, DegradedQrPhotos.COUNT, BoxPictures.PHOTO_SEED),
            BoxPictures.KARDEGIC_AS_READ);
    assertThat(read).as("box photos read of %d", DegradedQrPhotos.COUNT).isGreaterThanOrEqualTo(57);
  }

  private int read(List<DegradedQrPhotos.Photo> photos, String expected) {
    int read = 0;
    for (DegradedQrPhotos.Photo photo : photos) {
      long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
      if (decoder
          .decode(pixels(photo), expected::equals, deadline)
          .filter(d -> d.text().equals(expected))
          .isPresent()) {
        read++;
      }
    }
    return read;
  }

  private static GrayImage pixels(DegradedQrPhotos.Photo photo) {
    try {
      return GrayImage.of(ImageIO.read(new ByteArrayInputStream(photo.picture().bytes())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
