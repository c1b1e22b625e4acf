package org.groupsparse.regression;

import java.util.Objects;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Splits;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DimensionMismatchException;

/**
 * What every regression trainer fits: training rows with a response, optional validation rows with
 * the same columns (for early stopping or choosing lambda), and the group structure over the
 * features. Immutable; the data sets are not copied and must not be modified.
 *
 * @param train training rows, with a response
 * @param validation validation rows, or null for none
 * @param groups the groups over the training features
 */
public record Problem(Dataset train, Dataset validation, GroupStructure groups) {
  /** The share of the rows held out for validation when none are given (as the command line). */
  public static final double DEFAULT_VALIDATION_FRACTION = 0.25;

  /**
   * Validates the parts against each other.
   *
   * @param train training rows, with a response
   * @param validation validation rows, or null for none
   * @param groups the groups over the training features
   */
  public Problem {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(groups, "groups");
    if (!train.hasResponse()) {
      throw new IllegalArgumentException("the training rows have no response column");
    }
    if (groups.featureCount() != train.features()) {
      throw new DimensionMismatchException("groups cover " + groups.featureCount() + " features but the training data have "
          + train.features());
    }
    if (validation != null) {
      if (!validation.featureNames().equals(train.featureNames())) {
        throw new DimensionMismatchException("validation rows have columns " + validation.features()
            + " that differ from the training columns " + train.features());
      }
      if (!validation.hasResponse()) {
        throw new IllegalArgumentException("the validation rows have no response column");
      }
    }
  }

  /**
   * @param train training rows
   * @param groups the groups
   * @return the problem without validation rows
   */
  public static Problem of(Dataset train, GroupStructure groups) {
    return new Problem(train, null, groups);
  }

  /**
   * Holds out a seeded fraction of the rows for validation.
   *
   * @param data all rows
   * @param groups the groups
   * @param fraction the share held out, in [0, 1); 0 gives no validation rows
   * @param seed the seed of the split
   * @return the problem
   */
  public static Problem holdOut(Dataset data, GroupStructure groups, double fraction, long seed) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("'validationFraction' must be in [0, 1); got " + fraction);
    }
    if (fraction == 0) {
      return of(data, groups);
    }
    int[][] split = Splits.holdOut(data.rows(), fraction, seed);
    return new Problem(data.selectRows(split[0]), data.selectRows(split[1]), groups);
  }

  /** @return whether there are validation rows */
  public boolean hasValidation() {
    return validation != null;
  }
}
