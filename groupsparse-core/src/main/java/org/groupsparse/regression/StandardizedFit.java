package org.groupsparse.regression;

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
    standardization = Standardization.fit(train, fitIntercept, standardize, standardize);
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
    double[] w = standardization.coefficientsToOriginal(standardized);
    double b = fitIntercept ? standardization.intercept(w) : 0.0;
    GroupLinearModel model = new GroupLinearModel(method, train.targetName(), train.featureNames(), groups, w, b,
        magnitudes, selected);
    double s = standardization.responseScale();
    return new FitResult<>(model, history.scaleLosses(s * s));
  }
}
