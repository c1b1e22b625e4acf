package org.groupsparse.experiments;

import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * PNG bytes of a chart or an image, encoded in memory by PngEncoder (com.pngencoder) on the calling
 * thread: the same pixels as ImageIO's PNG writer (lossless either way), without its Java row
 * filtering, which was most of a short command's PNG time in a fresh JVM (bardet's path plot: the
 * whole {@code ./groupsparse path} 0.64 s against 0.69 s in ten alternations; ImageIO's encoder took
 * 83 ms of it), and without ImageIO's temporary cache file. Single-threaded at a fixed compression
 * level, so the bytes depend on the pixels only.
 */
public final class Png {
  /**
   * zlib's default level, not PngEncoder's 9: on bardet's path plot (800 x 600) level 9 took 55-67 ms
   * in a fresh JVM for 104,490 bytes, level 6 about 22 ms for 107,498 (level 1: 17 ms, 128,465).
   */
  static final int COMPRESSION_LEVEL = 6;

  private Png() {}

  /**
   * @param chart the chart, drawn at its own size
   * @return the PNG file's bytes
   */
  public static byte[] of(Chart<?, ?> chart) {
    return of(BitmapEncoder.getBufferedImage(chart));
  }

  /**
   * @param image the image
   * @return the PNG file's bytes
   */
  public static byte[] of(BufferedImage image) {
    return new com.pngencoder.PngEncoder().withBufferedImage(image).withMultiThreadedCompressionEnabled(false)
        .withCompressionLevel(COMPRESSION_LEVEL).toBytes();
  }
}
