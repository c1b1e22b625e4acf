package org.groupsparse.deep;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Prepares square grey images for {@link ConvAutoencoder}: bilinear resizing to 32 x 32. */
public final class Images {
  private static final int CHUNK = 2000;

  private Images() {}

  /**
   * Resizes square images to 32 x 32 by bilinear interpolation (the engine's), as IRMAE resizes
   * MNIST's 28 x 28 digits.
   *
   * @param pixels count x side x side values, image after image, row-major
   * @param count images
   * @param side the input side
   * @return count x 32 x 32 values
   */
  public static float[] resizeTo32(double[] pixels, int count, int side) {
    int in = side * side;
    int out = ConvAutoencoder.SIDE * ConvAutoencoder.SIDE;
    if (pixels.length != (long) count * in) {
      throw new IllegalArgumentException("expected " + count + " images of " + side + " x " + side + " pixels");
    }
    float[] result = new float[Math.multiplyExact(count, out)];
    if (side == ConvAutoencoder.SIDE) {
      for (int i = 0; i < pixels.length; i++) {
        result[i] = (float) pixels[i];
      }
      return result;
    }
    float[] chunk = new float[CHUNK * in];
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      for (int from = 0; from < count; from += CHUNK) {
        int size = Math.min(CHUNK, count - from);
        for (int i = 0; i < size * in; i++) {
          chunk[i] = (float) pixels[from * in + i];
        }
        try (NDManager scope = manager.newSubManager()) {
          NDArray x = scope.create(java.util.Arrays.copyOf(chunk, size * in), new Shape(size, side, side, 1));
          NDArray y = NDImageUtils.resize(x, ConvAutoencoder.SIDE, ConvAutoencoder.SIDE, Image.Interpolation.BILINEAR);
          float[] part = y.clip(0f, 1f).toFloatArray();
          System.arraycopy(part, 0, result, from * out, part.length);
        }
      }
    }
    return result;
  }
}
