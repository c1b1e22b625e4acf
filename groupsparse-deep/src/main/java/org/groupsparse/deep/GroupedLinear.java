package org.groupsparse.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block-diagonal linear map without bias: the input's {@code width} channels are split into
 * {@code groups} consecutive groups of width/groups and each group has its own square matrix,
 * y_k = W_k x_k. With one group it is an ordinary bias-free linear layer. Parameters: width^2 /
 * groups.
 */
final class GroupedLinear extends AbstractBlock {
  private static final byte VERSION = 1;
  private final int width;
  private final int groups;
  private final Linear[] maps;

  GroupedLinear(int width, int groups) {
    super(VERSION);
    this.width = width;
    this.groups = groups;
    this.maps = new Linear[groups];
    for (int k = 0; k < groups; k++) {
      maps[k] = addChildBlock("group" + k, Linear.builder().setUnits(width / groups).optBias(false).build());
    }
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (groups == 1) {
      return maps[0].forward(store, inputs, training);
    }
    NDList parts = x.split(groups, 1);
    NDList outputs = new NDList(groups);
    for (int k = 0; k < groups; k++) {
      outputs.add(maps[k].forward(store, new NDList(parts.get(k)), training).singletonOrThrow());
    }
    return new NDList(NDArrays.concat(outputs, 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape part = new Shape(inputShapes[0].get(0), width / groups);
    for (Linear map : maps) {
      map.initialize(manager, dataType, part);
    }
  }
}
