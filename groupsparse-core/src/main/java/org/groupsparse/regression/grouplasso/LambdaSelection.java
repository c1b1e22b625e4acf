package org.groupsparse.regression.grouplasso;

import org.groupsparse.data.Dataset;
import org.groupsparse.data.Splits;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.util.Check;

/**
 * Choosing lambda on the path: K-fold cross-validation (as cv.grpreg and cv.glmnet) or a held-out
 * validation set (what Li et al., ICLR 2023, did for their group lasso baseline).
 *
 * <p>Cross-validation fits the path on all training rows first and reuses its lambdas on every
 * fold; each fold's path standardizes on its own training rows. The error of a fold at lambda is
 * the mean squared prediction error on its held-out rows; the curve is the mean over folds with
 * standard error sd / sqrt(K); lambda_min minimizes the mean, lambda_1se is the largest lambda whose
 * mean is within one standard error of the minimum. Folds are a seeded permutation dealt
 * round-robin, so their sizes differ by at most one.
 */
public final class LambdaSelection {
  private LambdaSelection() {}

  /**
   * The cross-validation curve.
   *
   * @param path the path on all training rows
   * @param lambdas its lambdas
   * @param meanError mean over folds of the held-out mean squared error, per lambda
   * @param standardError standard error of that mean, per lambda
   * @param foldErrors error per fold (rows) and lambda (columns)
   * @param indexMin position of lambda_min
   * @param index1se position of lambda_1se
   * @param folds K
   * @param seed the fold seed
   * @param misclassification for the binomial family, the mean over folds of the held-out
   *     misclassification rate (class 1 predicted when the linear predictor is positive), per lambda;
   *     null otherwise. lambda is still chosen by the deviance
   * @param misclassificationError its standard error over folds, or null
   */
  public record CrossValidation(GroupLassoPathResult path, double[] lambdas, double[] meanError, double[] standardError,
      double[][] foldErrors, int indexMin, int index1se, int folds, long seed, double[] misclassification,
      double[] misclassificationError) {
    /** @return lambda_min */
    public double lambdaMin() {
      return lambdas[indexMin];
    }

    /** @return lambda_1se */
    public double lambda1se() {
      return lambdas[index1se];
    }
  }

  /**
   * Selection on a validation set.
   *
   * @param path the path on the training rows
   * @param validationError mean squared error on the validation rows, per lambda
   * @param bestIndex the lambda with the smallest validation error (the largest such lambda on ties)
   */
  public record Validation(GroupLassoPathResult path, double[] validationError, int bestIndex) {
    /** @return the chosen model */
    public GroupLinearModel model() {
      return path.model(bestIndex);
    }
  }

  /**
   * K-fold cross-validation.
   *
   * @param train training data, not modified
   * @param groups group structure
   * @param options path options (their lambdas, if any, are replaced by the full-data path's)
   * @param folds K, in [2, n]
   * @param seed fold seed
   * @param listener progress of the full-data path, or null
   * @return the curve and the full-data path
   */
  public static CrossValidation crossValidate(Dataset train, GroupStructure groups, GroupLassoOptions options,
      int folds, long seed, PathListener listener) {
    int n = train.rows();
    Check.atLeast("folds", "cross-validation", folds, 2);
    if (folds > n) {
      throw new IllegalArgumentException("'folds' of cross-validation must be at most the number of rows (" + n
          + "); got " + folds);
    }
    GroupLassoPathResult full = new GroupLassoPath(options).fit(train, groups, listener);
    double[] lambdas = full.lambdas();
    GroupLassoOptions foldOptions = options.toBuilder().lambdas(lambdas).build();
    int[][] held = Splits.kFold(n, folds, seed);
    double[][] errors = new double[folds][];
    boolean binomial = options.family() == org.groupsparse.regression.Family.BINOMIAL;
    double[][] misclassified = binomial ? new double[folds][] : null;
    for (int fold = 0; fold < folds; fold++) {
      int[] test = held[fold];
      int[] training = Splits.complement(n, test);
      Dataset foldTrain = train.selectRows(training);
      Dataset foldTest = train.selectRows(test);
      GroupLassoPathResult path = new GroupLassoPath(foldOptions).fit(foldTrain, groups, null);
      errors[fold] = predictionErrors(path, foldTest);
      if (binomial) {
        misclassified[fold] = misclassificationRates(path, foldTest);
      }
    }
    org.groupsparse.regression.CrossValidationCurve curve = org.groupsparse.regression.CrossValidationCurve.of(errors);
    org.groupsparse.regression.CrossValidationCurve miss = binomial
        ? org.groupsparse.regression.CrossValidationCurve.of(misclassified) : null;
    return new CrossValidation(full, lambdas, curve.mean(), curve.standardError(), errors, curve.indexMin(),
        curve.index1se(), folds, seed, miss == null ? null : miss.mean(), miss == null ? null : miss.standardError());
  }

  /**
   * Selection on a validation set: the lambda with the smallest validation mean squared error.
   *
   * @param path the path fitted on the training rows
   * @param validation validation data with the same columns, not modified
   * @return the errors and the choice
   */
  public static Validation onValidation(GroupLassoPathResult path, Dataset validation) {
    if (!validation.featureNames().equals(path.featureNames())) {
      throw new IllegalArgumentException("validation data do not have the training columns");
    }
    double[] errors = predictionErrors(path, validation);
    int best = 0;
    for (int k = 1; k < errors.length; k++) {
      if (errors[k] < errors[best]) {
        best = k;
      }
    }
    return new Validation(path, errors, best);
  }

  /**
   * The misclassification rate of every lambda of a binomial path on some rows: the fraction of
   * rows whose class (0/1) differs from 1 when the linear predictor is positive, else 0.
   *
   * @param path a binomial path
   * @param data rows with 0/1 responses, not modified
   * @return one rate per lambda
   */
  public static double[] misclassificationRates(GroupLassoPathResult path, Dataset data) {
    return meanOverRows(path, data, (y, eta) -> (eta > 0 ? 1.0 : 0.0) != y ? 1.0 : 0.0);
  }

  /** The mean over the rows of a measure of (y_i, eta_i), for every lambda of a path. */
  private static double[] meanOverRows(GroupLassoPathResult path, Dataset data,
      java.util.function.DoubleBinaryOperator measure) {
    int count = path.size();
    double[] out = new double[count];
    double[] y = data.response();
    double[] x = data.design().data();
    int p = data.features();
    double[] intercepts = path.intercepts();
    for (int k = 0; k < count; k++) {
      double[] w = path.coefficients(k);
      double s = 0;
      for (int i = 0; i < data.rows(); i++) {
        s += measure.applyAsDouble(y[i], intercepts[k] + org.groupsparse.linalg.MatrixOps.dot(x, i * p, w, p));
      }
      out[k] = s / data.rows();
    }
    return out;
  }

  /**
   * Mean deviance of every lambda of a path on some rows: the mean squared prediction error for
   * least squares, the mean binomial deviance -2 (y eta - log(1 + e^eta)) for the logistic loss.
   *
   * @param path the path
   * @param data rows with responses, not modified
   * @return one error per lambda
   */
  public static double[] predictionErrors(GroupLassoPathResult path, Dataset data) {
    org.groupsparse.regression.Family family = path.family();
    return meanOverRows(path, data, family::deviance);
  }
}
