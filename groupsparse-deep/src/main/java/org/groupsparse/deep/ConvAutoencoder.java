package org.groupsparse.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The convolutional autoencoder of IRMAE's MNIST experiments (Jing, Zbontar and LeCun 2020), with
 * the latent space of a {@link LatentModel}. Input: one-channel 32 x 32 images with pixels in [0,
 * 1].
 *
 * <ul>
 *   <li>Encoder: four 4 x 4 convolutions of stride 2 and padding 1 (32, 64, 128, 256 channels, ReLU;
 *       32 -> 16 -> 8 -> 4 -> 2 pixels), flattened (1024), a linear layer to the latent width (twice
 *       the width for the VAE: mean and log-variance).
 *   <li>Latent: for IRMAE and GAE, l {@link GroupedLinear} layers without bias (one group for
 *       IRMAE).
 *   <li>Decoder: a linear layer to 128 x 8 x 8, two 4 x 4 transposed convolutions of stride 2 (64
 *       and 32 channels, ReLU; 8 -> 16 -> 32 pixels), a 1 x 1 transposed convolution to one channel (the same map as a 1 x 1
 *       convolution); the stride-2 ones are {@link TransposedConv}, as DJL's PyTorch engine has none;
 *       tanh (sigmoid for the VAE).
 * </ul>
 *
 * <p>{@link #forward} returns (reconstruction, code) and, for the VAE, (reconstruction, mean,
 * log-variance, logits); in training the VAE's code is the reparameterized sample mean + exp(log-var
 * / 2) * eps, eps ~ N(0, I) from the engine's seeded generator.
 */
public final class ConvAutoencoder extends AbstractBlock {
  /** Side of the square input images. */
  public static final int SIDE = 32;
  private static final byte VERSION = 1;
  private static final int DECODER_CHANNELS = 128;
  private static final int DECODER_SIDE = 8;
  private final LatentModel spec;
  private final Block encoder;
  private final Block latent;
  private final Block decoder;

  /** @param spec the latent space */
  public ConvAutoencoder(LatentModel spec) {
    super(VERSION);
    this.spec = spec;
    boolean vae = spec.kind() == LatentModel.Kind.VAE;
    this.encoder = addChildBlock("encoder", encoder(vae ? 2 * spec.width() : spec.width()));
    if (spec.layers() > 0) {
      SequentialBlock stack = new SequentialBlock();
      for (int i = 0; i < spec.layers(); i++) {
        stack.add(new GroupedLinear(spec.width(), spec.groups()));
      }
      this.latent = addChildBlock("latent", stack);
    } else {
      this.latent = null;
    }
    this.decoder = addChildBlock("decoder", decoder());
  }

  /** @return the latent space */
  public LatentModel spec() {
    return spec;
  }

  private static Block encoder(int out) {
    SequentialBlock block = new SequentialBlock();
    for (int channels : new int[] {32, 64, 128, 256}) {
      block.add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2))
          .optPadding(new Shape(1, 1)).setFilters(channels).build());
      block.add(Activation::relu);
    }
    block.add(Blocks.batchFlattenBlock());
    block.add(Linear.builder().setUnits(out).build());
    return block;
  }

  private static Block decoder() {
    SequentialBlock block = new SequentialBlock();
    block.add(Linear.builder().setUnits((long) DECODER_CHANNELS * DECODER_SIDE * DECODER_SIDE).build());
    block.add(new LambdaBlock(list -> new NDList(
        list.singletonOrThrow().reshape(-1, DECODER_CHANNELS, DECODER_SIDE, DECODER_SIDE)), "reshape"));
    for (int channels : new int[] {64, 32}) {
      block.add(new TransposedConv(channels));
      block.add(Activation::relu);
    }
    block.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
    return block;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray h = encoder.forward(store, inputs, training).singletonOrThrow();
    if (spec.kind() == LatentModel.Kind.VAE) {
      NDList parts = h.split(2, 1);
      NDArray mean = parts.get(0);
      NDArray logVariance = parts.get(1);
      NDArray z = training
          ? mean.add(logVariance.mul(0.5f).exp().mul(h.getManager().randomNormal(mean.getShape())))
          : mean;
      NDArray logits = decoder.forward(store, new NDList(z), training).singletonOrThrow();
      return new NDList(Activation.sigmoid(logits), mean, logVariance, logits);
    }
    NDArray z = latent == null ? h : latent.forward(store, new NDList(h), training).singletonOrThrow();
    NDArray out = decoder.forward(store, new NDList(z), training).singletonOrThrow();
    return new NDList(out.tanh(), z);
  }

  /**
   * The code of images (the mean for the VAE; after the latent linear layers for IRMAE and GAE).
   *
   * @param store parameters
   * @param images (N, 1, 32, 32)
   * @return (N, width)
   */
  public NDArray encode(ParameterStore store, NDArray images) {
    NDArray h = encoder.forward(store, new NDList(images), false).singletonOrThrow();
    if (spec.kind() == LatentModel.Kind.VAE) {
      return h.split(2, 1).get(0);
    }
    return latent == null ? h : latent.forward(store, new NDList(h), false).singletonOrThrow();
  }

  /**
   * Images decoded from codes.
   *
   * @param store parameters
   * @param codes (N, width)
   * @return (N, 1, 32, 32), pixels in the output activation's range
   */
  public NDArray decode(ParameterStore store, NDArray codes) {
    NDArray out = decoder.forward(store, new NDList(codes), false).singletonOrThrow();
    return spec.kind() == LatentModel.Kind.VAE ? Activation.sigmoid(out) : out.tanh();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long n = inputShapes[0].get(0);
    Shape image = new Shape(n, 1, SIDE, SIDE);
    Shape code = new Shape(n, spec.width());
    if (spec.kind() == LatentModel.Kind.VAE) {
      return new Shape[] {image, code, code, image};
    }
    return new Shape[] {image, code};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes[0]);
    Shape code = new Shape(inputShapes[0].get(0), spec.width());
    if (latent != null) {
      latent.initialize(manager, dataType, code);
    }
    decoder.initialize(manager, dataType, code);
  }
}
