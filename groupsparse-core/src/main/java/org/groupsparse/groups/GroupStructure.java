package org.groupsparse.groups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, validated partition of the {@code p} features into {@code L} non-empty groups
 * G_1, ..., G_L of any sizes, unequal and non-contiguous allowed (section 2 of Li et al., ICLR
 * 2023, "Implicit Regularization for Group Sparsity").
 *
 * <p>Stored in compressed form as in skglm: {@code groupOf[j]} is the group of feature {@code j};
 * the features of group {@code l} are {@code members[start(l)] .. members[end(l) - 1]}, in
 * increasing order. Group {@code l} has the label {@code label(l)} as the user named it; groups are
 * numbered in order of their first feature. The default group weight is sqrt(p_l).
 */
public final class GroupStructure {
  private final int featureCount;
  private final int[] groupOf;
  private final int[] ptr;
  private final int[] members;
  private final String[] labels;
  private final boolean contiguous;

  private GroupStructure(int[] groupOf, String[] labels) {
    this.featureCount = groupOf.length;
    this.groupOf = groupOf;
    this.labels = labels;
    int groups = labels.length;
    int[] counts = new int[groups];
    for (int g : groupOf) {
      counts[g]++;
    }
    ptr = new int[groups + 1];
    for (int l = 0; l < groups; l++) {
      if (counts[l] == 0) {
        throw new IllegalArgumentException("group '" + labels[l] + "' is empty");
      }
      ptr[l + 1] = ptr[l] + counts[l];
    }
    members = new int[featureCount];
    int[] fill = Arrays.copyOf(ptr, groups);
    for (int j = 0; j < featureCount; j++) {
      members[fill[groupOf[j]]++] = j;
    }
    boolean c = true;
    for (int j = 0; j < featureCount && c; j++) {
      c = members[j] == j;
    }
    contiguous = c;
  }

  /**
   * Groups given by one label per feature; groups are numbered in order of first appearance.
   *
   * @param labels label of each feature, not modified; no null entries
   * @return the partition
   */
  public static GroupStructure ofLabels(List<String> labels) {
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("a group structure needs at least one feature");
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] groupOf = new int[labels.size()];
    for (int j = 0; j < groupOf.length; j++) {
      String label = labels.get(j);
      if (label == null || label.isEmpty()) {
        throw new IllegalArgumentException("feature " + (j + 1) + " has an empty group label");
      }
      Integer g = index.get(label);
      if (g == null) {
        g = index.size();
        index.put(label, g);
      }
      groupOf[j] = g;
    }
    return new GroupStructure(groupOf, index.keySet().toArray(new String[0]));
  }

  /**
   * Consecutive groups of the given sizes, labelled {@code 1..L}.
   *
   * @param sizes size of each group, all positive, not modified
   * @return the partition of {@code sum(sizes)} features
   */
  public static GroupStructure ofSizes(int... sizes) {
    if (sizes.length == 0) {
      throw new IllegalArgumentException("a group structure needs at least one group");
    }
    int p = 0;
    for (int s : sizes) {
      if (s <= 0) {
        throw new IllegalArgumentException("group sizes must be positive; got " + s);
      }
      p += s;
    }
    int[] groupOf = new int[p];
    String[] labels = new String[sizes.length];
    int j = 0;
    for (int l = 0; l < sizes.length; l++) {
      labels[l] = Integer.toString(l + 1);
      for (int k = 0; k < sizes[l]; k++) {
        groupOf[j++] = l;
      }
    }
    return new GroupStructure(groupOf, labels);
  }

  /**
   * Consecutive groups of equal size.
   *
   * @param size the group size, positive
   * @param featureCount number of features p
   * @param allowPartialLast whether a last, smaller group is allowed when size does not divide p
   * @return the partition
   */
  public static GroupStructure contiguous(int size, int featureCount, boolean allowPartialLast) {
    if (size <= 0) {
      throw new IllegalArgumentException("group size must be positive; got " + size);
    }
    if (featureCount <= 0) {
      throw new IllegalArgumentException("the number of features must be positive; got " + featureCount);
    }
    if (featureCount % size != 0 && !allowPartialLast) {
      throw new IllegalArgumentException("group size " + size + " does not divide the " + featureCount
          + " features (ask for a smaller last group with 'size:" + size + ":allow-partial')");
    }
    int full = featureCount / size;
    int rest = featureCount % size;
    int[] sizes = new int[full + (rest > 0 ? 1 : 0)];
    Arrays.fill(sizes, 0, full, size);
    if (rest > 0) {
      sizes[full] = rest;
    }
    return ofSizes(sizes);
  }

  /** @return the number of features p */
  public int featureCount() {
    return featureCount;
  }

  /** @return the number of groups L */
  public int groupCount() {
    return labels.length;
  }

  /**
   * @param feature feature index in {@code [0, p)}
   * @return its group index in {@code [0, L)}
   */
  public int groupOf(int feature) {
    return groupOf[feature];
  }

  /**
   * @param group group index
   * @return offset of its first member in {@link #members()}
   */
  public int start(int group) {
    return ptr[group];
  }

  /**
   * @param group group index
   * @return one past the offset of its last member
   */
  public int end(int group) {
    return ptr[group + 1];
  }

  /**
   * @param group group index
   * @return its size p_l
   */
  public int size(int group) {
    return ptr[group + 1] - ptr[group];
  }

  /**
   * @param group group index
   * @return the label the user gave it
   */
  public String label(int group) {
    return labels[group];
  }

  /** @return whether group l holds exactly the features start(l)..end(l)-1 for every l */
  public boolean isContiguous() {
    return contiguous;
  }

  /** @return a copy of the feature-to-group map */
  public int[] groupIndexPerFeature() {
    return groupOf.clone();
  }

  /** @return a copy of the member list (features ordered by group) */
  public int[] members() {
    return members.clone();
  }

  /**
   * @param k position in the member list, 0 &lt;= k &lt; featureCount()
   * @return the k-th feature in group order (group l holds positions start(l) .. end(l) - 1)
   */
  public int member(int k) {
    return members[k];
  }

  /**
   * A copy of the CSR pointer array: the members of group l are {@code members()[starts[l]] ..
   * members()[starts[l + 1] - 1]}. Kernels take the copies once ({@link #members()}, this,
   * {@link #groupIndexPerFeature()}); the structure itself never hands out its arrays.
   *
   * @return an array of length groupCount() + 1
   */
  public int[] groupStarts() {
    return ptr.clone();
  }

  /** @return the label of each feature, in feature order */
  public List<String> labelPerFeature() {
    List<String> out = new ArrayList<>(featureCount);
    for (int j = 0; j < featureCount; j++) {
      out.add(labels[groupOf[j]]);
    }
    return out;
  }

  /** @return all group labels, in group order */
  public List<String> labels() {
    return List.of(labels);
  }

  /** @return the default weights sqrt(p_l) */
  public double[] defaultWeights() {
    double[] w = new double[labels.length];
    for (int l = 0; l < w.length; l++) {
      w[l] = Math.sqrt(size(l));
    }
    return w;
  }

  /**
   * The same partition restricted to features renumbered by a permutation.
   *
   * @param order new feature j is old feature order[j]; a permutation of [0, p)
   * @return the permuted structure with the same labels
   */
  public GroupStructure permuteFeatures(int[] order) {
    if (order.length != featureCount) {
      throw new IllegalArgumentException("permutation has length " + order.length + ", expected " + featureCount);
    }
    List<String> out = new ArrayList<>(featureCount);
    for (int j = 0; j < featureCount; j++) {
      out.add(labels[groupOf[order[j]]]);
    }
    return ofLabels(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupStructure g && Arrays.equals(groupOf, g.groupOf) && Arrays.equals(labels, g.labels);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(groupOf) + Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "GroupStructure[p=" + featureCount + ", L=" + labels.length + (contiguous ? ", contiguous" : "") + "]";
  }
}
