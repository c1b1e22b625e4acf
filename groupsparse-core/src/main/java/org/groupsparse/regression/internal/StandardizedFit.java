package org.groupsparse.regression.internal;

import org.groupsparse.regression.TrainingHistory;
import org.groupsparse.regression.FitResult;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.Family;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DimensionMismatchException;

/**
 * The data path shared by the iterative estimators: check the inputs, learn the centring and scaling
 * on the training rows, apply it to training and validation rows, and map a solution back to the
 * original scale as a {@link GroupLinearModel}.
 */
public final class StandardizedFit {
  private final Standardization standardization;
  private final Dataset train;
  private final Dataset validation;
  private final boolean fitIntercept;
  private final Family family;

  /**
   * Prepares the data.
   *
   * @param train training rows (at least 2), not modified
   * @param validation validation rows with the same columns, or null
   * @param groups group structure over the features
   * @param fitIntercept whether to centre and fit an intercept
   * @param standardize whether to scale columns and response to unit variance
   */
  public StandardizedFit(Dataset train, Dataset validation, GroupStructure groups, boolean fitIntercept,
      boolean standardize) {
    this(train, validation, groups, fitIntercept, standardize, Family.GAUSSIAN);
  }

  /**
   * Prepares the data for a family: least squares centres (and optionally scales) the response as
   * well; a GLM family (binomial) keeps the response as it is (0/1) and centres the columns only, the
   * method fitting its own intercept.
   *
   * @param train training rows (at least 2), not modified
   * @param validation validation rows with the same columns, or null
   * @param groups group structure over the features
   * @param fitIntercept whether to centre and fit an intercept (always true for a GLM family)
   * @param standardize whether to scale columns (and, for least squares, the response) to unit variance
   * @param family the datafit's family
   */
  public StandardizedFit(Dataset train, Dataset validation, GroupStructure groups, boolean fitIntercept,
      boolean standardize, Family family) {
    if (train.rows() < 2) {
      throw new IllegalArgumentException("training data need at least 2 rows; got " + train.rows());
    }
    if (groups.featureCount() != train.features()) {
      throw new DimensionMismatchException("groups cover " + groups.featureCount() + " features but the data have "
          + train.features());
    }
    if (validation != null && !validation.featureNames().equals(train.featureNames())) {
      throw new DimensionMismatchException("validation data do not have the training columns");
    }
    this.fitIntercept = fitIntercept;
    this.family = family;
    if (family == Family.GAUSSIAN) {
      standardization = Standardization.fit(train, fitIntercept, standardize, standardize);
    } else {
      Standardization s = Standardization.fit(train, true, standardize, false);
      standardization = new Standardization(s.columnMeans(), s.columnScales(), 0.0, 1.0, s.constant());
    }
    this.train = standardization.apply(train);
    this.validation = validation == null ? null : standardization.apply(validation);
  }

  /** @return the transformed training rows */
  public Dataset train() {
    return train;
  }

  /** @return the transformed validation rows, or null */
  public Dataset validation() {
    return validation;
  }

  /** @return the transformation */
  public Standardization standardization() {
    return standardization;
  }

  /**
   * The model on the original scale.
   *
   * @param method method name
   * @param groups group structure
   * @param standardized coefficients of the transformed problem, not modified
   * @param magnitudes group magnitudes (the method's own measure), not modified
   * @param selected selection flags, not modified
   * @param history the record on the transformed scale
   * @return the model and the record with losses in the units of the original response
   */
  public FitResult<GroupLinearModel> result(String method, GroupStructure groups, double[] standardized,
      double[] magnitudes, boolean[] selected, TrainingHistory history) {
    return result(method, groups, standardized, 0.0, magnitudes, selected, history);
  }

  /**
   * The model on the original scale, with the intercept the method fitted on the transformed scale
   * (a GLM family's b; 0 for least squares, whose intercept comes from the centring).
   *
   * @param method method name
   * @param groups group structure
   * @param standardized coefficients of the transformed problem, not modified
   * @param standardizedIntercept the intercept of the transformed problem
   * @param magnitudes group magnitudes (the method's own measure), not modified
   * @param selected selection flags, not modified
   * @param history the record on the transformed scale
   * @return the model of this fit's family and the record with losses in the units of the original response
   */
  public FitResult<GroupLinearModel> result(String method, GroupStructure groups, double[] standardized,
      double standardizedIntercept, double[] magnitudes, boolean[] selected, TrainingHistory history) {
    double[] w = standardization.coefficientsToOriginal(standardized);
    double b = fitIntercept ? standardizedIntercept + standardization.intercept(w) : 0.0;
    GroupLinearModel model = new GroupLinearModel(method, train.targetName(), train.featureNames(), groups, w, b,
        magnitudes, selected, family);
    double s = standardization.responseScale();
    return new FitResult<>(model, history.scaleLosses(s * s));
  }
}
