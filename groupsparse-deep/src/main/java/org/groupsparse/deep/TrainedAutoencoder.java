package org.groupsparse.deep;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/** A trained {@link ConvAutoencoder}: encode, decode, reconstruct; holds native memory until closed. */
public final class TrainedAutoencoder implements AutoCloseable {
  private static final int PIXELS = ConvAutoencoder.SIDE * ConvAutoencoder.SIDE;
  private static final int CHUNK = 500;
  private final Model model;
  private final ConvAutoencoder block;
  private final double[] epochLoss;

  TrainedAutoencoder(Model model, ConvAutoencoder block, double[] epochLoss) {
    this.model = model;
    this.block = block;
    this.epochLoss = epochLoss.clone();
  }

  /** @return the latent space */
  public LatentModel spec() {
    return block.spec();
  }

  /** @return the mean training loss of every epoch */
  public double[] epochLoss() {
    return epochLoss.clone();
  }

  /**
   * @param images count x 32 x 32 pixels
   * @param count images
   * @return count x width codes, row after row
   */
  public float[] encode(float[] images, int count) {
    return inChunks(images, count, new Shape(1, ConvAutoencoder.SIDE, ConvAutoencoder.SIDE), block.spec().width(),
        block::encode);
  }

  /**
   * @param codes count x width codes
   * @param count codes
   * @return count x 32 x 32 decoded pixels
   */
  public float[] decode(float[] codes, int count) {
    return inChunks(codes, count, new Shape(block.spec().width()), PIXELS, block::decode);
  }

  /** Applies an inference map to rows of {@code rowShape} in chunks of {@value #CHUNK}, each in its own scope. */
  private float[] inChunks(float[] in, int count, Shape rowShape, int outWidth,
      java.util.function.BiFunction<ParameterStore, NDArray, NDArray> map) {
    int inWidth = (int) rowShape.size();
    float[] out = new float[Math.multiplyExact(count, outWidth)];
    for (int from = 0; from < count; from += CHUNK) {
      int size = Math.min(CHUNK, count - from);
      try (NDManager scope = model.getNDManager().newSubManager()) {
        NDArray x = scope.create(java.util.Arrays.copyOfRange(in, from * inWidth, (from + size) * inWidth),
            new Shape(size).addAll(rowShape));
        float[] part = map.apply(new ParameterStore(scope, false), x).toFloatArray();
        System.arraycopy(part, 0, out, from * outWidth, part.length);
      }
    }
    return out;
  }

  /**
   * Mean squared reconstruction error per pixel, (1 / (count 32^2)) sum (decode(encode(x)) - x)^2.
   *
   * @param images count x 32 x 32 pixels
   * @param count images
   * @return the error
   */
  public double reconstructionMse(float[] images, int count) {
    float[] reconstructed = decode(encode(images, count), count);
    double sum = 0;
    for (int i = 0; i < reconstructed.length; i++) {
      double d = reconstructed[i] - images[i];
      sum += d * d;
    }
    return sum / reconstructed.length;
  }

  /** @return every weight, in the block's parameter order (for reproducibility checks) */
  public float[] weights() {
    int total = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      total = Math.addExact(total, (int) p.getValue().getArray().size());
    }
    float[] all = new float[total];
    int at = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      float[] w = p.getValue().getArray().toFloatArray();
      System.arraycopy(w, 0, all, at, w.length);
      at += w.length;
    }
    return all;
  }

  /** @return weights of the latent linear layers (the parameters of the block's "latent" child) */
  public long latentWeightCount() {
    long total = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getKey().matches("\\d*latent_.*")) {
        total += p.getValue().getArray().size();
      }
    }
    return total;
  }

  @Override
  public void close() {
    model.close();
  }
}
