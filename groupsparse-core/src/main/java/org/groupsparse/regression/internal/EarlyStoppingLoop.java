package org.groupsparse.regression.internal;

import org.groupsparse.regression.TrainingListener;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.TrainingHistory;
import org.groupsparse.regression.StopReason;
import java.util.Arrays;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.util.DivergenceException;

/**
 * The loop shared by the methods whose iteration count is the regularization parameter (DGLNN,
 * Algorithms 1-2 and plain gradient descent of Li et al.; the Hadamard parameterization;
 * primal-dual iterative regularization): evaluate the iterate, record its training loss and its
 * validation loss (by default (1/2n_val)||y_val - X_val w||^2; the method's own datafit otherwise), keep the iterate with the lowest validation loss,
 * stop when it has not improved for {@code patience} iterations (and the method does not ask to
 * keep waiting, after at least {@code minIterations}) or at the iteration cap. The stopping rule
 * sees only the validation loss and the method's own state, never the true coefficients.
 */
public final class EarlyStoppingLoop {
  /** Loss records start at most this long and double when full (a large cap costs nothing up front). */
  static final int INITIAL_RECORD = 4096;

  private EarlyStoppingLoop() {}

  /**
   * One method's iteration state.
   *
   * @param <V> the view of an iterate the method gives its listeners
   */
  public interface Iterate<V extends IterationView> {
    /**
     * Brings the coefficients up to date with the state.
     *
     * @return the training loss of the current iterate
     */
    double evaluate();

    /** @return the current coefficients (a view, valid until the next step) */
    double[] coefficientsView();

    /**
     * Performs one update.
     *
     * @param iteration the index of the current iterate (the update makes iteration + 1)
     */
    void step(int iteration);

    /** Saves the current state as the best so far. */
    void keepBest();

    /**
     * The loss of the current iterate on the validation rows; default the least-squares
     * (1/2n_val)||y_val - X_val w||^2 of {@link #coefficientsView()}.
     *
     * @param xVal validation design
     * @param yVal validation response
     * @return the validation loss
     */
    default double validationLoss(DenseMatrix xVal, double[] yVal) {
      int nVal = xVal.rows();
      return MatrixOps.residualSumOfSquares(xVal.data(), xVal.cols(), 0, nVal, yVal, coefficientsView()) / (2.0 * nVal);
    }

    /**
     * The view listeners receive; created once, it reads the current iterate and its losses.
     *
     * @param losses the loop's records
     * @return the view
     */
    V view(LossRecord losses);

    /**
     * Asked when the patience has run out: whether the method sees a reason in its own state to
     * continue (DGLNN: a group about to emerge or still growing). Default: no.
     *
     * @param iteration current iteration
     * @param bestIteration iteration of the best validation loss so far
     * @return whether to continue
     */
    default boolean keepWaiting(int iteration, int bestIteration) {
      return false;
    }

    /** @return the iteration at which the method switched phase, or -1 */
    default int switchIteration() {
      return -1;
    }
  }

  /** An iterate whose listeners see the plain {@link IterationView}. */
  public interface PlainIterate extends Iterate<IterationView> {
    @Override
    default IterationView view(LossRecord losses) {
      return new LossView(losses, this);
    }
  }

  /**
   * The loop's settings.
   *
   * @param method the method name (for listeners and messages)
   * @param xVal validation design (row-major n_val x p), or null
   * @param yVal validation response, or null
   * @param maxIterations iteration cap
   * @param minIterations iterations before early stopping may stop the run
   * @param patience iterations without validation improvement before stopping
   * @param divergenceHint what to suggest when the loss becomes non-finite
   */
  public record Stopping(String method, DenseMatrix xVal, double[] yVal, int maxIterations, int minIterations,
      int patience, String divergenceHint) {}

  /** The per-iteration losses recorded so far, and the current iteration. */
  public static final class LossRecord {
    private final boolean validated;
    private final int cap;
    private double[] train;
    private double[] validation;
    private int iteration;

    LossRecord(int maxIterations, boolean validated) {
      this.validated = validated;
      this.cap = maxIterations + 1;
      int initial = Math.min(cap, INITIAL_RECORD);
      train = new double[initial];
      validation = new double[validated ? initial : 0];
    }

    void at(int t) {
      iteration = t;
      if (t >= train.length) {
        int next = (int) Math.min(cap, Math.max(t + 1L, 2L * train.length));
        train = Arrays.copyOf(train, next);
        if (validated) {
          validation = Arrays.copyOf(validation, next);
        }
      }
    }

    /** @return the current iteration */
    public int iteration() {
      return iteration;
    }

    /** @return the training loss of the current iterate */
    public double train() {
      return train[iteration];
    }

    /** @return the validation loss of the current iterate, NaN without validation data */
    public double validation() {
      return validated ? validation[iteration] : Double.NaN;
    }
  }

  /**
   * Runs the loop.
   *
   * @param <V> the listeners' view
   * @param stopping the settings
   * @param iterate the state
   * @param listener progress receiver, or null
   * @return the record; the best iterate has been passed to {@link Iterate#keepBest()} last
   * @throws DivergenceException if the training loss becomes non-finite
   */
  public static <V extends IterationView> TrainingHistory run(Stopping stopping, Iterate<V> iterate,
      TrainingListener<? super V> listener) {
    TrainingListener<? super V> l = listener == null ? TrainingListener.NONE : listener;
    DenseMatrix xVal = stopping.xVal();
    double[] yVal = stopping.yVal();
    int nVal = xVal == null ? 0 : xVal.rows();
    int maxIterations = stopping.maxIterations();
    LossRecord losses = new LossRecord(maxIterations, nVal > 0);
    V view = iterate.view(losses);
    l.onStart(stopping.method(), maxIterations);
    double best = Double.POSITIVE_INFINITY;
    int bestIteration = 0;
    StopReason reason = StopReason.MAX_ITERATIONS;
    int t = 0;
    while (true) {
      losses.at(t);
      double loss = iterate.evaluate();
      losses.train[t] = loss;
      if (!Double.isFinite(loss)) {
        throw new DivergenceException(stopping.method() + " diverged at iteration " + t
            + " (the training loss is not finite); " + stopping.divergenceHint());
      }
      if (nVal > 0) {
        double v = iterate.validationLoss(xVal, yVal);
        losses.validation[t] = v;
        if (v < best) {
          best = v;
          bestIteration = t;
          iterate.keepBest();
        }
      }
      l.onIteration(view);
      if (nVal > 0 && t >= stopping.minIterations() && t - bestIteration >= stopping.patience()
          && !iterate.keepWaiting(t, bestIteration)) {
        reason = StopReason.EARLY_STOPPING;
        break;
      }
      if (t == maxIterations) {
        break;
      }
      iterate.step(t);
      t++;
    }
    if (nVal == 0) {
      bestIteration = t;
      iterate.keepBest();
    }
    TrainingHistory history = new TrainingHistory(Arrays.copyOf(losses.train, t + 1),
        Arrays.copyOf(losses.validation, nVal > 0 ? t + 1 : 0), bestIteration, iterate.switchIteration(), t, reason);
    l.onFinish(history);
    return history;
  }

  /**
   * The view of an iterate that every method shares: iteration, losses from the loop's record,
   * coefficients from the iterate. A method's richer view extends it.
   */
  public static class LossView implements IterationView {
    private final LossRecord losses;
    private final Iterate<?> iterate;

    /**
     * @param losses the loop's records
     * @param iterate the state whose coefficients the view copies
     */
    public LossView(LossRecord losses, Iterate<?> iterate) {
      this.losses = losses;
      this.iterate = iterate;
    }

    @Override
    public int iteration() {
      return losses.iteration();
    }

    @Override
    public double trainLoss() {
      return losses.train();
    }

    @Override
    public double validationLoss() {
      return losses.validation();
    }

    @Override
    public void coefficients(double[] out) {
      double[] w = iterate.coefficientsView();
      System.arraycopy(w, 0, out, 0, w.length);
    }
  }
}
