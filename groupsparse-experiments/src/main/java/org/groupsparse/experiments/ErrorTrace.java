package org.groupsparse.experiments;

import java.util.ArrayList;
import java.util.List;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.TrainingListener;

/**
 * Records ||w(t) - w*||^2 along a run (every {@code stride} iterations, and its minimum over every
 * iteration). The truth is used for the experiment's metrics only, never for stopping.
 */
final class ErrorTrace implements TrainingListener<IterationView> {
  private final double[] truth;
  private final int stride;
  private final double[] w;
  final List<double[]> rows = new ArrayList<>();
  double minError = Double.POSITIVE_INFINITY;
  double lastError = Double.NaN;

  ErrorTrace(double[] truth, int stride) {
    this.truth = truth;
    this.stride = stride;
    this.w = new double[truth.length];
  }

  @Override
  public void onIteration(IterationView view) {
    view.coefficients(w);
    double e = Series.errorSquared(w, truth);
    minError = Math.min(minError, e);
    lastError = e;
    if (view.iteration() % stride == 0) {
      rows.add(new double[] {view.iteration(), e, view.validationLoss()});
    }
  }

  /** @return the recorded iterations */
  double[] iterations() {
    return Series.column(rows, 0);
  }

  /** @return the recorded errors, floored for a log axis */
  double[] errors() {
    return Series.positiveColumn(rows, 1);
  }
}
