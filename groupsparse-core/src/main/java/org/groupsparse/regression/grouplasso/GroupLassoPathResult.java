package org.groupsparse.regression.grouplasso;

import org.groupsparse.groups.GroupOps;
import java.util.List;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.GroupLinearModel;

/**
 * A fitted group lasso path: per lambda (descending), the coefficients on the original scale (in
 * feature order), the intercept, the certified KKT violation (largest over groups, divided by
 * lambda; see {@link KktChecker}), whether it met the tolerance, the iterations used, the number
 * of nonzero penalized groups and the training loss (1/2n)||y - X w - b||^2.
 *
 * <p>The arrays are handed over by the path, which keeps no reference to them; accessors return
 * copies, so a caller cannot change the result.
 */
public final class GroupLassoPathResult {
  /** The method name recorded in models. */
  public static final String METHOD = "group-lasso";
  private final double lambdaMax;
  private final double[] lambdas;
  private final double[][] coefficients;
  private final double[][] standardizedCoefficients;
  private final double[] intercepts;
  private final double[] kktViolation;
  private final boolean[] converged;
  private final int[] iterations;
  private final int[] activeGroups;
  private final double[] trainLoss;
  private final double[] weights;
  private final GroupStructure groups;
  private final List<String> featureNames;
  private final String targetName;
  private final Standardization standardization;
  private final GroupLassoOptions options;

  GroupLassoPathResult(double lambdaMax, double[] lambdas, double[][] coefficients, double[][] standardizedCoefficients,
      double[] intercepts, double[] kktViolation, boolean[] converged, int[] iterations, int[] activeGroups,
      double[] trainLoss, double[] weights, GroupStructure groups, List<String> featureNames, String targetName,
      Standardization standardization, GroupLassoOptions options) {
    this.lambdaMax = lambdaMax;
    this.lambdas = lambdas;
    this.coefficients = coefficients;
    this.standardizedCoefficients = standardizedCoefficients;
    this.intercepts = intercepts;
    this.kktViolation = kktViolation;
    this.converged = converged;
    this.iterations = iterations;
    this.activeGroups = activeGroups;
    this.trainLoss = trainLoss;
    this.weights = weights;
    this.groups = groups;
    this.featureNames = List.copyOf(featureNames);
    this.targetName = targetName;
    this.standardization = standardization;
    this.options = options;
  }

  /** @return the datafit's family (from the options) */
  public org.groupsparse.regression.Family family() {
    return options.family();
  }

  /** @return lambda_max = max_l ||X_l^T r_0|| / (n omega_l), the smallest lambda with all penalized groups zero */
  public double lambdaMax() {
    return lambdaMax;
  }

  /** @return number of lambdas */
  public int size() {
    return lambdas.length;
  }

  /** @return the lambdas, descending */
  public double[] lambdas() {
    return lambdas.clone();
  }

  /**
   * @param k index on the path
   * @return coefficients on the original scale, feature order
   */
  public double[] coefficients(int k) {
    return coefficients[k].clone();
  }

  /**
   * @param k index on the path
   * @return coefficients of the problem actually solved (standardized columns), feature order
   */
  public double[] standardizedCoefficients(int k) {
    return standardizedCoefficients[k].clone();
  }

  /** @return intercepts per lambda */
  public double[] intercepts() {
    return intercepts.clone();
  }

  /** @return certified largest KKT violation over groups divided by lambda, per lambda */
  public double[] kktViolation() {
    return kktViolation.clone();
  }

  /** @return whether each lambda met the tolerance */
  public boolean[] converged() {
    return converged.clone();
  }

  /** @return number of lambdas that did not meet the tolerance within the budget */
  public int unconvergedCount() {
    int c = 0;
    for (boolean b : converged) {
      c += b ? 0 : 1;
    }
    return c;
  }

  /** @return iterations per lambda */
  public int[] iterations() {
    return iterations.clone();
  }

  /** @return nonzero penalized groups per lambda */
  public int[] activeGroups() {
    return activeGroups.clone();
  }

  /** @return training loss (1/2n)||y - Xw - b||^2 per lambda */
  public double[] trainLoss() {
    return trainLoss.clone();
  }

  /** @return the group weights omega_l used */
  public double[] weights() {
    return weights.clone();
  }

  /** @return the group structure */
  public GroupStructure groups() {
    return groups;
  }

  /** @return feature names */
  public List<String> featureNames() {
    return featureNames;
  }

  /** @return the response name */
  public String targetName() {
    return targetName;
  }

  /** @return the centring and scaling learned on the training rows */
  public Standardization standardization() {
    return standardization;
  }

  /** @return the options that produced the path */
  public GroupLassoOptions options() {
    return options;
  }

  /**
   * The model at one lambda; group magnitudes are ||w_l|| on the standardized scale and the
   * selected groups are the nonzero ones.
   *
   * @param k index on the path
   * @return the model
   */
  public GroupLinearModel model(int k) {
    int g = groups.groupCount();
    double[] magnitudes = GroupOps.norms(groups, standardizedCoefficients[k]);
    boolean[] selected = new boolean[g];
    for (int l = 0; l < g; l++) {
      selected[l] = magnitudes[l] > 0;
    }
    return new GroupLinearModel(METHOD, targetName, featureNames, groups, coefficients[k], intercepts[k], magnitudes,
        selected, options.family());
  }
}
