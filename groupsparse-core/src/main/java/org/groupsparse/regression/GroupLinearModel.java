package org.groupsparse.regression;

import java.util.ArrayList;
import java.util.List;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.DimensionMismatchException;
import org.groupsparse.linalg.MatrixOps;

/**
 * A fitted linear model with group structure, on the original scale of the data: the prediction is
 * y_hat = b + x^T w. Immutable; arrays are copied in and out.
 *
 * <p>{@code groupMagnitudes} are the method's own group sizes (u_l^2 for the diagonally grouped
 * linear network, ||w_l||_2 otherwise) on the scale the model was fitted on; {@code selected}
 * marks the groups the model keeps.
 */
public final class GroupLinearModel {
  private final String method;
  private final String targetName;
  private final List<String> featureNames;
  private final GroupStructure groups;
  private final double[] coefficients;
  private final double intercept;
  private final double[] groupMagnitudes;
  private final boolean[] selected;
  private final Family family;

  /**
   * Creates the model.
   *
   * @param method name of the method that fitted it
   * @param targetName response column name
   * @param featureNames feature names, length p
   * @param groups the group structure over the p features
   * @param coefficients w on the original scale, length p, copied
   * @param intercept b
   * @param groupMagnitudes one per group, copied
   * @param selected whether each group is kept, copied
   */
  public GroupLinearModel(String method, String targetName, List<String> featureNames, GroupStructure groups,
      double[] coefficients, double intercept, double[] groupMagnitudes, boolean[] selected) {
    this(method, targetName, featureNames, groups, coefficients, intercept, groupMagnitudes, selected, Family.GAUSSIAN);
  }

  /**
   * Creates a model of a given family.
   *
   * @param method name of the method that fitted it
   * @param targetName response column name
   * @param featureNames feature names, length p
   * @param groups the group structure over the p features
   * @param coefficients w on the original scale, length p, copied
   * @param intercept b
   * @param groupMagnitudes one per group, copied
   * @param selected whether each group is kept, copied
   * @param family how the linear predictor b + x^T w maps to the response
   */
  public GroupLinearModel(String method, String targetName, List<String> featureNames, GroupStructure groups,
      double[] coefficients, double intercept, double[] groupMagnitudes, boolean[] selected, Family family) {
    int p = groups.featureCount();
    if (featureNames.size() != p || coefficients.length != p) {
      throw new DimensionMismatchException("model with " + p + " grouped features got " + featureNames.size()
          + " names and " + coefficients.length + " coefficients");
    }
    if (groupMagnitudes.length != groups.groupCount() || selected.length != groups.groupCount()) {
      throw new DimensionMismatchException("model with " + groups.groupCount() + " groups got "
          + groupMagnitudes.length + " magnitudes and " + selected.length + " selection flags");
    }
    this.method = method;
    this.targetName = targetName;
    this.featureNames = List.copyOf(featureNames);
    this.groups = groups;
    this.coefficients = coefficients.clone();
    this.intercept = intercept;
    this.groupMagnitudes = groupMagnitudes.clone();
    this.selected = selected.clone();
    this.family = java.util.Objects.requireNonNull(family, "family");
  }

  /** @return the family: how the linear predictor maps to the response */
  public Family family() {
    return family;
  }

  /**
   * The mean response b + X w (Gaussian) or the probability 1/(1 + exp(-(b + X w))) (binomial).
   *
   * @param design n x p matrix with the model's columns, not modified
   * @return the n means
   */
  public double[] predictMean(DenseMatrix design) {
    double[] eta = predict(design);
    for (int i = 0; i < eta.length; i++) {
      eta[i] = family.mean(eta[i]);
    }
    return eta;
  }

  /** @return the method name */
  public String method() {
    return method;
  }

  /** @return the response column name */
  public String targetName() {
    return targetName;
  }

  /** @return the feature names */
  public List<String> featureNames() {
    return featureNames;
  }

  /** @return the group structure */
  public GroupStructure groups() {
    return groups;
  }

  /** @return a copy of the coefficients w */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** @return the intercept b */
  public double intercept() {
    return intercept;
  }

  /** @return a copy of the group magnitudes */
  public double[] groupMagnitudes() {
    return groupMagnitudes.clone();
  }

  /** @return a copy of the selection flags, one per group */
  public boolean[] selectedMask() {
    return selected.clone();
  }

  /** @return the labels of the selected groups, in group order */
  public List<String> selectedGroups() {
    List<String> out = new ArrayList<>();
    for (int l = 0; l < selected.length; l++) {
      if (selected[l]) {
        out.add(groups.label(l));
      }
    }
    return out;
  }

  /**
   * The linear predictor b + X w (the prediction for Gaussian models, the log-odds for binomial
   * ones).
   *
   * @param design n x p matrix with the model's columns in the model's order, not modified
   * @return the n predictions
   */
  public double[] predict(DenseMatrix design) {
    if (design.cols() != coefficients.length) {
      throw new DimensionMismatchException(
          "data have " + design.cols() + " columns but the model has " + coefficients.length + " features");
    }
    double[] out = new double[design.rows()];
    MatrixOps.multiply(design, coefficients, out);
    for (int i = 0; i < out.length; i++) {
      out[i] += intercept;
    }
    return out;
  }
}
