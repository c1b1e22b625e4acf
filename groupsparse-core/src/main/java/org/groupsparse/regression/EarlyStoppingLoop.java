package org.groupsparse.regression;

import org.groupsparse.util.DivergenceException;
import java.util.Arrays;
import org.groupsparse.linalg.MatrixOps;

/**
 * The loop shared by the methods whose iteration count is the regularization parameter (the
 * Hadamard parameterization, primal-dual iterative regularization): evaluate the iterate, record
 * its training and validation losses, keep the iterate with the lowest validation loss, stop when it
 * has not improved for {@code patience} iterations or at the iteration cap. The stopping rule sees
 * only the validation loss, never the true coefficients.
 */
public final class EarlyStoppingLoop {
  private EarlyStoppingLoop() {}

  /** One method's iteration state. */
  public interface Iterate {
    /**
     * Brings the coefficients up to date with the state.
     *
     * @return the training loss (1/2n)||y - X w||^2 of the current iterate
     */
    double evaluate();

    /** @return the current coefficients (a view, valid until the next step) */
    double[] coefficientsView();

    /** Performs one update. */
    void step();

    /** Saves the current state as the best so far. */
    void keepBest();
  }

  /**
   * Runs the loop.
   *
   * @param method the method name (for listeners and messages)
   * @param iterate the state
   * @param xVal validation design (row-major n_val x p), or null
   * @param yVal validation response, or null
   * @param maxIterations iteration cap
   * @param patience iterations without validation improvement before stopping
   * @param listener progress receiver
   * @param divergenceHint what to suggest when the loss becomes non-finite
   * @return the record; the best iterate has been passed to {@link Iterate#keepBest()} last
   * @throws DivergenceException if the training loss becomes non-finite
   */
  public static TrainingHistory run(String method, Iterate iterate, org.groupsparse.linalg.DenseMatrix xVal,
      double[] yVal, int maxIterations, int patience, TrainingListener listener, String divergenceHint) {
    TrainingListener l = listener == null ? TrainingListener.NONE : listener;
    int nVal = xVal == null ? 0 : xVal.rows();
    double[] trainLoss = new double[maxIterations + 1];
    double[] validationLoss = new double[nVal > 0 ? maxIterations + 1 : 0];
    View view = new View(iterate, trainLoss, validationLoss);
    l.onStart(method, maxIterations);
    double best = Double.POSITIVE_INFINITY;
    int bestIteration = 0;
    StopReason reason = StopReason.MAX_ITERATIONS;
    int t = 0;
    while (true) {
      double loss = iterate.evaluate();
      trainLoss[t] = loss;
      if (!Double.isFinite(loss)) {
        throw new DivergenceException(method + " diverged at iteration " + t + " (the training loss is not finite); "
            + divergenceHint);
      }
      if (nVal > 0) {
        double[] w = iterate.coefficientsView();
        double v = MatrixOps.residualSumOfSquares(xVal.data(), xVal.cols(), 0, nVal, yVal, w) / (2.0 * nVal);
        validationLoss[t] = v;
        if (v < best) {
          best = v;
          bestIteration = t;
          iterate.keepBest();
        }
      }
      view.iteration = t;
      l.onIteration(view);
      if (nVal > 0 && t - bestIteration >= patience) {
        reason = StopReason.EARLY_STOPPING;
        break;
      }
      if (t == maxIterations) {
        break;
      }
      iterate.step();
      t++;
    }
    if (nVal == 0) {
      bestIteration = t;
      iterate.keepBest();
    }
    TrainingHistory history = new TrainingHistory(Arrays.copyOf(trainLoss, t + 1),
        Arrays.copyOf(validationLoss, nVal > 0 ? t + 1 : 0), bestIteration, -1, t, reason);
    l.onFinish(history);
    return history;
  }

  private static final class View implements IterationView {
    private final Iterate iterate;
    private final double[] trainLoss;
    private final double[] validationLoss;
    private int iteration;

    View(Iterate iterate, double[] trainLoss, double[] validationLoss) {
      this.iterate = iterate;
      this.trainLoss = trainLoss;
      this.validationLoss = validationLoss;
    }

    @Override
    public int iteration() {
      return iteration;
    }

    @Override
    public double trainLoss() {
      return trainLoss[iteration];
    }

    @Override
    public double validationLoss() {
      return validationLoss.length > 0 ? validationLoss[iteration] : Double.NaN;
    }

    @Override
    public void coefficients(double[] out) {
      double[] w = iterate.coefficientsView();
      System.arraycopy(w, 0, out, 0, w.length);
    }
  }
}
