package fr.officine.segur.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GrayImageTest {

  @Test
  void direct_byte_reading_of_jpeg_and_grey_images_gives_the_same_luminance_as_getRGB() {
    BufferedImage bgr = randomImage(BufferedImage.TYPE_3BYTE_BGR, 37, 23);
    assertThat(GrayImage.of(bgr).pixels())
        .isEqualTo(GrayImage.of(copy(bgr, BufferedImage.TYPE_INT_RGB)).pixels());
    BufferedImage grey = randomImage(BufferedImage.TYPE_BYTE_GRAY, 37, 23);
    assertThat(GrayImage.of(grey).pixels())
        .isEqualTo(GrayImage.of(copy(grey, BufferedImage.TYPE_INT_RGB)).pixels());
  }

  @Test
  void sub_image_sharing_a_bigger_buffer_is_read_through_its_own_pixels() {
    BufferedImage bgr = randomImage(BufferedImage.TYPE_3BYTE_BGR, 40, 30);
    BufferedImage part = bgr.getSubimage(5, 7, 20, 10);
    assertThat(GrayImage.of(part).pixels())
        .isEqualTo(GrayImage.of(copy(part, BufferedImage.TYPE_INT_RGB)).pixels());
  }

  @Test
  void transparent_pixels_count_as_white_paper() {
    BufferedImage clear = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
    assertThat(GrayImage.of(clear).pixels()).containsOnly((byte) 255);
  }

  @Test
  void contrast_stretch_turns_grey_on_grey_into_black_on_white() {
    byte[] pixels = new byte[200];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i % 2 == 0 ? 110 : 150);
    }
    GrayImage stretched = new GrayImage(20, 10, pixels).contrastStretched();
    assertThat(stretched.pixels()).containsOnly((byte) 0, (byte) 255);
  }

  @Test
  void downscale_averages_blocks_and_upscale_keeps_flat_areas_flat() {
    GrayImage checker =
        new GrayImage(
            4, 2, new byte[] {0, (byte) 255, 0, (byte) 255, (byte) 255, 0, (byte) 255, 0});
    assertThat(checker.downscaled(2).pixels()).containsExactly((byte) 127, (byte) 127);
    GrayImage flat = new GrayImage(3, 3, new byte[] {90, 90, 90, 90, 90, 90, 90, 90, 90});
    GrayImage up = flat.upscaled(3);
    assertThat(up.width()).isEqualTo(9);
    assertThat(up.pixels()).containsOnly((byte) 90);
  }

  private static BufferedImage randomImage(int type, int w, int h) {
    Random random = new Random(42);
    BufferedImage image = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return image;
  }

  private static BufferedImage copy(BufferedImage src, int type) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
    Graphics2D g = out.createGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return out;
  }
}
