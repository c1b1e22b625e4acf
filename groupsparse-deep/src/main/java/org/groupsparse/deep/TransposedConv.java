package org.groupsparse.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 4 x 4 transposed convolution of stride 2 and padding 1 (H x W -> 2H x 2W), computed in its
 * sub-pixel form with the engine's ordinary convolution (DJL's PyTorch engine has no transposed
 * convolution).
 *
 * <p>Output pixel (2m + a, 2q + b) of such a transposed convolution is a sum over the 2 x 2 input
 * pixels rows {m - 1, m} (a = 0) or {m, m + 1} (a = 1), and likewise for columns with b, each with
 * its own quarter of the 4 x 4 kernel. So one 2 x 2 convolution with padding 1 and 4 C_out output
 * channels gives, on an (H + 1) x (W + 1) grid, all four phases (a, b); phase (a, b) is the window
 * starting at row a and column b, and interleaving the four phases gives the 2H x 2W output. The
 * weights are the 16 C_in C_out of the 4 x 4 kernel, regrouped, and the functions are exactly the
 * transposed convolution's; the work is the same (no multiplications by inserted zeros).
 */
final class TransposedConv extends AbstractBlock {
  private static final byte VERSION = 1;
  private final int filters;
  private final Conv2d conv;

  TransposedConv(int filters) {
    super(VERSION);
    this.filters = filters;
    conv = addChildBlock("conv", Conv2d.builder().setKernelShape(new Shape(2, 2)).optPadding(new Shape(1, 1))
        .setFilters(4 * filters).build());
  }

  /**
   * Interleaves four phase images into one of twice the side.
   *
   * @param phases (N, 4 C, H + 1, W + 1): phases (0,0), (0,1), (1,0), (1,1), each C channels, before
   *     their windows are cut
   * @param h input height H
   * @param w input width W
   * @return (N, C, 2H, 2W)
   */
  static NDArray interleave(NDArray phases, long h, long w) {
    NDList parts = phases.split(4, 1);
    NDArray[] p = new NDArray[4];
    for (int k = 0; k < 4; k++) {
      int a = k / 2;
      int b = k % 2;
      p[k] = parts.get(k).get(new NDIndex(":, :, {}:{}, {}:{}", a, a + h, b, b + w));
    }
    Shape s = p[0].getShape();
    long n = s.get(0);
    long c = s.get(1);
    NDArray row0 = NDArrays.stack(new NDList(p[0], p[1]), 4).reshape(n, c, h, 2 * w);
    NDArray row1 = NDArrays.stack(new NDList(p[2], p[3]), 4).reshape(n, c, h, 2 * w);
    return NDArrays.stack(new NDList(row0, row1), 3).reshape(n, c, 2 * h, 2 * w);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray phases = conv.forward(store, inputs, training).singletonOrThrow();
    return new NDList(interleave(phases, x.getShape().get(2), x.getShape().get(3)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), filters, 2 * s.get(2), 2 * s.get(3))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv.initialize(manager, dataType, inputShapes[0]);
  }
}
