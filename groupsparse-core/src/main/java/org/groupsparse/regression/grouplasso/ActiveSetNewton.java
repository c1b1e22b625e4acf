package org.groupsparse.regression.grouplasso;

import org.groupsparse.groups.GroupOps;
import java.util.Arrays;
import org.groupsparse.linalg.MatrixOps;
import org.groupsparse.linalg.UpdatableCholesky;

/**
 * Newton's method on the active set, the polish that block coordinate descent needs on
 * ill-conditioned designs (bardet: condition number of X^T X / n about 1e8, where plain BCD needs
 * tens of thousands of sweeps at small lambda). With the set A of nonzero groups fixed, the group
 * lasso objective
 *
 * <pre>  Phi(w_A) = (1/2n) ||y - X_A w_A||^2 + lambda sum_{l in A} omega_l ||w_l||</pre>
 *
 * <p>is smooth, with gradient -c_A + lambda omega_l w_l / ||w_l|| (c = X^T r / n) and Hessian
 * G_AA + lambda blockdiag(omega_l (I - u_l u_l^T) / ||w_l||), u_l = w_l / ||w_l||. Each step solves
 * the Newton system by Cholesky (with a tiny diagonal shift if the factorization breaks down) and
 * backtracks on Phi (Armijo). While the stored factor (same active columns, possibly from an
 * earlier lambda) still cuts the violation by 4x per step, it is reused (a chord step, O(m^2)
 * instead of O(m^3)); otherwise the Hessian is factored anew. Groups that should leave the active set are left to BCD, which
 * resumes after the polish; the path driver certifies the result with the full KKT check either way.
 *
 * <p>For the lasso (every group one column, {@link #polishLasso}) the Hessian on the active set is
 * G_AA itself, the step is exact on the orthant of the current signs, and the factor of G_AA is kept
 * and updated column by column ({@link UpdatableCholesky}) across polishes and lambdas.
 */
final class ActiveSetNewton {
  private static final int MAX_STEPS = 50;
  /**
   * The lasso polish (every group one column) handles active sets up to this many columns: its
   * factor of G_AA is updated, not rebuilt, so its cost no longer grows with the cube of the set
   * (a 2048 x 2048 factor is 32 MiB, the Gram cache's bound too).
   */
  static final int LASSO_MAX_COLUMNS = 2048;
  /** The factor of G_AA of the lasso polish, kept across polishes and lambdas, in {@link #lassoPositions} order. */
  private final UpdatableCholesky lassoFactor = new UpdatableCholesky(LASSO_MAX_COLUMNS);
  private int[] lassoPositions = new int[0];
  private int[] lassoGroups = new int[0];
  /** Index in the factor by position, -1 when not held. */
  private int[] lassoIndex = new int[0];
  /** Positions the current polish wants in its factor: wanted[position] == lassoEpoch. */
  private int[] wanted = new int[0];
  private int lassoEpoch;
  /** The Gram rows of the columns a sync appends: each against the held and the new columns. */
  private double[] gramRows = new double[0];
  /** Joining columns side by side, one factor column, and one pass's entries ({@link #blockGramEntries}). */
  private double[] joining = new double[0];
  private double[] factorColumn = new double[0];
  private double[] entries = new double[0];
  /** Joining columns from which their Gram entries are formed in one pass over the factor's columns. */
  static final int BLOCK_GRAM_MIN = 4;
  /** The positions a lasso polish may move and their values at its start. */
  private int[] movedPositions = new int[0];
  private double[] movedStart = new double[0];
  /** The coefficients a full Newton step would carry across zero, and the projected step's G e ({@link #projectedStep}). */
  private int[] crossedIndex = new int[0];
  private double[] crossedValue = new double[0];
  private double[] projectedGradient = new double[0];
  private double[] projectedScratch = new double[0];
  /** Up to this many columns the polish reads its Gram block from the datafit's full Gram matrix. */
  static final int FULL_GRAM_COLUMNS = 2000;
  /**
   * How many times the multiply-adds of the joining columns' Gram entries as dot products the lasso
   * factor lets the covariance cache spend on holding its columns instead (BLAS products, and no
   * recomputation when a column returns).
   */
  static final int GROW_RULE = 4;

  private double[] fullGram;
  private int[] positions = new int[0];
  private int[] groupOfColumn = new int[0];
  private double[] hessian = new double[0];
  private double[] gradient = new double[0];
  private double[] direction = new double[0];
  private double[] xd = new double[0];
  /** The group polish's scratch, reused across calls: its active groups, their sizes, G_AA, a column. */
  private int[] activeScratch = new int[0];
  private int[] includedScratch = new int[0];
  private double[] gramScratch = new double[0];
  private double[] gramColumn = new double[0];
  private double[] trial = new double[0];
  private double[] factor = new double[0];
  /** The columns of the stored factor; it may be reused (a chord step) while it still contracts. */
  private int[] factorPositions = new int[0];
  private int factorOrder = -1;
  private boolean trustStale;

  /**
   * Polishes w on its nonzero groups among {@code working} (and the unpenalized ones).
   *
   * @return the number of Newton steps taken
   */
  int polish(QuadraticDatafit f, BlockPenalty penalty, double lambda, int[] working, int count, double[] w,
      double[] r, double tolerance, int maxColumns) {
    // the smooth part of the problem: the nonzero groups (for the sparse group lasso only their
    // nonzero entries, where |w_j| is linear), each group's columns kept together
    boolean entries = penalty.kind() == PenaltyKind.SPARSE_GROUP_LASSO;
    int m = 0;
    if (activeScratch.length < count) {
      activeScratch = new int[count];
      includedScratch = new int[count];
    }
    int[] active = activeScratch;
    int[] included = includedScratch;
    int activeCount = 0;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      if (!penalty.isPenalized(l) || GroupOps.norm(w, f.start(l), f.end(l)) > 0) {
        int size = 0;
        for (int k = f.start(l); k < f.end(l); k++) {
          size += !entries || !penalty.isPenalized(l) || w[k] != 0 ? 1 : 0;
        }
        included[activeCount] = size;
        active[activeCount++] = l;
        m += size;
      }
    }
    if (m == 0 || m > maxColumns) {
      return 0;
    }
    ensureCapacity(m, maxColumns, f.rows());
    int q = 0;
    for (int a = 0; a < activeCount; a++) {
      int l = active[a];
      for (int k = f.start(l); k < f.end(l); k++) {
        if (!entries || !penalty.isPenalized(l) || w[k] != 0) {
          positions[q] = k;
          groupOfColumn[q++] = l;
        }
      }
    }
    int n = f.rows();
    double[] gram = gramScratch; // sized by ensureCapacity; every entry of its first m * m is written by fillGram
    fillGram(f, m, gram);
    int steps = 0;
    double objective = objective(f, penalty, lambda, active, activeCount, w, r);
    double previousWorst = Double.POSITIVE_INFINITY;
    boolean lastWasStale = false;
    for (; steps < MAX_STEPS; steps++) {
      // gradient and KKT violation on A
      double worst = 0;
      for (int a = 0, col = 0; a < activeCount; a++) {
        int l = active[a];
        int size = included[a];
        double norm = GroupOps.norm(w, f.start(l), f.end(l));
        double level = lambda * penalty.weight(l);
        double slope = level > 0 ? penalty.groupSlope(l, norm, lambda) : 0.0;
        double entry = level > 0 ? penalty.entrySlope(lambda) : 0.0;
        double gn = 0;
        for (int k = 0; k < size; k++) {
          int pos = positions[col + k];
          double c = MatrixOps.fastDot(f.columnsView(), pos * f.rows(), r, f.rows()) / f.rows();
          double wk = w[pos];
          double g = -c + (level > 0 ? slope * wk / norm + Math.copySign(entry, wk) : 0.0);
          gradient[col + k] = g;
          gn += g * g;
        }
        worst = Math.max(worst, Math.sqrt(gn));
        col += size;
      }
      if (worst <= tolerance) {
        break;
      }
      if (lastWasStale && worst > 0.25 * previousWorst) {
        trustStale = false; // the old factor no longer contracts fast enough
      }
      previousWorst = worst;
      boolean stale = trustStale && sameColumns(m);
      lastWasStale = stale;
      if (stale) {
        for (int i = 0; i < m; i++) {
          direction[i] = -gradient[i];
        }
        triangularSolves(m, direction);
      } else {
      // Hessian
      System.arraycopy(gram, 0, hessian, 0, m * m);
      for (int a = 0, col = 0; a < activeCount; a++) {
        int l = active[a];
        int size = included[a];
        double level = lambda * penalty.weight(l);
        if (level > 0) {
          // Hessian of rho(||w_l||): rho'(t)/t (I - u u^T) + rho''(t) u u^T, u = w_l / t (the l1
          // part of the sparse group lasso is linear on its nonzero entries)
          double norm = GroupOps.norm(w, f.start(l), f.end(l));
          double s = penalty.groupSlope(l, norm, lambda) / norm;
          double second = penalty.curvature(l, norm, lambda);
          for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
              double uu = w[positions[col + i]] * w[positions[col + j]] / (norm * norm);
              hessian[(col + i) * m + col + j] += s * ((i == j ? 1.0 : 0.0) - uu) + second * uu;
            }
          }
        }
        col += size;
      }
      if (!newtonDirection(m)) {
        factorOrder = -1;
        break;
      }
      factorOrder = m;
      System.arraycopy(positions, 0, factorPositions, 0, m);
      trustStale = true;
      }
      // X_A d and the slope
      Arrays.fill(xd, 0, n, 0.0);
      double slope = 0;
      for (int i = 0; i < m; i++) {
        MatrixOps.axpy(direction[i], f.columnsView(), positions[i] * n, xd, n);
        slope += gradient[i] * direction[i];
      }
      if (!(slope < 0)) {
        break;
      }
      double t = 1.0;
      boolean accepted = false;
      for (int back = 0; back < 40; back++) {
        for (int i = 0; i < m; i++) {
          trial[i] = w[positions[i]] + t * direction[i];
        }
        double value = trialObjective(penalty, lambda, active, included, activeCount, r, t, n);
        if (value <= objective + 1e-4 * t * slope) {
          for (int i = 0; i < m; i++) {
            w[positions[i]] = trial[i];
          }
          for (int i = 0; i < n; i++) {
            r[i] -= t * xd[i];
          }
          objective = value;
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) {
        if (stale) {
          trustStale = false; // retry with a fresh factor
          continue;
        }
        break;
      }
    }
    return steps;
  }

  /** A Gram cache of the working set's columns to read instead of recomputing (null: none). */
  private CovarianceCache cache;
  private boolean factorInCache = true;

  /** @param on whether the lasso factor may add its columns to the cache ({@link #holdFactorInCache}) */
  void factorInCache(boolean on) {
    factorInCache = on;
  }

  /** @param c the covariance cache of the current solve, or null */
  void useCache(CovarianceCache c) {
    cache = c;
  }

  private void fillGram(QuadraticDatafit f, int m, double[] gram) {
    int p = f.cols();
    int n = f.rows();
    if (cache != null && heldByCache(positions, m)) {
      double[] g = cache.matrix();
      for (int i = 0; i < m; i++) {
        int row = cache.rowOffset(cache.slot(positions[i]));
        for (int j = 0; j < m; j++) {
          gram[i * m + j] = g[row + cache.slot(positions[j])];
        }
      }
    } else if (p <= FULL_GRAM_COLUMNS) {
      if (fullGram == null) {
        fullGram = f.gram();
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          gram[i * m + j] = fullGram[positions[i] * p + positions[j]];
        }
      }
    } else {
      double[] column = gramColumn; // sized by ensureCapacity
      double[] cols = f.columnsView();
      for (int j = 0; j < m; j++) {
        System.arraycopy(cols, positions[j] * n, column, 0, n);
        for (int i = 0; i <= j; i++) {
          double v = MatrixOps.fastDot(cols, positions[i] * n, column, n) / n;
          gram[i * m + j] = v;
          gram[j * m + i] = v;
        }
      }
    }
  }

  private double objective(QuadraticDatafit f, BlockPenalty penalty, double lambda, int[] active, int count,
      double[] w, double[] r) {
    double v = f.value(r);
    for (int a = 0; a < count; a++) {
      int l = active[a];
      v += penalty.blockValue(l, w, f.start(l), f.end(l) - f.start(l), lambda);
    }
    return v;
  }

  private double trialObjective(BlockPenalty penalty, double lambda, int[] active, int[] included, int count,
      double[] r, double t, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double e = r[i] - t * xd[i];
      s += e * e;
    }
    double v = s / (2.0 * n);
    // the trial holds each group's included entries together; the excluded ones are zero and add
    // nothing to either norm
    for (int a = 0, col = 0; a < count; a++) {
      int l = active[a];
      v += penalty.blockValue(l, trial, col, included[a], lambda);
      col += included[a];
    }
    return v;
  }

  private boolean sameColumns(int m) {
    if (factorOrder != m) {
      return false;
    }
    for (int i = 0; i < m; i++) {
      if (factorPositions[i] != positions[i]) {
        return false;
      }
    }
    return true;
  }

  /** direction = -H^{-1} gradient by a Cholesky factorization of the Hessian. */
  private boolean newtonDirection(int m) {
    if (!factorize(m)) {
      return false;
    }
    for (int i = 0; i < m; i++) {
      direction[i] = -gradient[i];
    }
    triangularSolves(m, direction);
    return true;
  }

  /** Cholesky factor of the Hessian into {@code factor}, shifting the diagonal if needed. */
  private boolean factorize(int m) {
    double trace = 0;
    for (int i = 0; i < m; i++) {
      trace += hessian[i * m + i];
    }
    double shift = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
      if (factor(hessian, m, factor, shift)) {
        return true;
      }
      shift = shift == 0 ? 1e-14 * trace / m : shift * 100;
    }
    return false;
  }

  /** b &lt;- (U^T U)^{-1} b with the stored factor. */
  private void triangularSolves(int m, double[] b) {
    solveFactored(factor, m, b);
  }

  /**
   * b &lt;- (U^T U)^{-1} b for an upper-triangular U stored row-major (from {@link #factor}).
   *
   * @param u the factor, not modified
   * @param m order
   * @param b right-hand side, replaced by the solution
   */
  static void solveFactored(double[] u, int m, double[] b) {
    for (int k = 0; k < m; k++) {
      int row = k * m;
      double bk = b[k] / u[row + k];
      b[k] = bk;
      // b_i - u_ki b_k as an axpy with -b_k: the same bits, in a kernel the JIT compiles early
      MatrixOps.axpy(-bk, u, row + k + 1, b, k + 1, m - k - 1);
    }
    for (int i = m - 1; i >= 0; i--) {
      int row = i * m;
      b[i] = (b[i] - MatrixOps.fastDot(u, row + i + 1, b, i + 1, m - i - 1)) / u[row + i];
    }
  }

  /**
   * Cholesky H + shift I = U^T U with U upper triangular, stored row-major in {@code u}; every inner
   * loop runs along a row (contiguous). False if the matrix is not positive definite.
   */
  static boolean factor(double[] h, int m, double[] u, double shift) {
    System.arraycopy(h, 0, u, 0, m * m);
    for (int k = 0; k < m; k++) {
      u[k * m + k] += shift;
    }
    for (int k = 0; k < m; k++) {
      int rowK = k * m;
      double pivot = u[rowK + k];
      if (!(pivot > 0)) {
        return false;
      }
      double d = Math.sqrt(pivot);
      u[rowK + k] = d;
      double inv = 1.0 / d;
      for (int j = k + 1; j < m; j++) {
        u[rowK + j] *= inv;
      }
      for (int i = k + 1; i < m; i++) {
        double uki = u[rowK + i];
        if (uki != 0) {
          MatrixOps.axpy(-uki, u, rowK + i, u, i * m + i, m - i); // u_ij - u_ki u_kj, j >= i
        }
      }
    }
    return true;
  }

  /**
   * @param f the datafit
   * @param penalty the penalty
   * @return whether the problem is the lasso: the group lasso penalty with every group one column,
   *     where the polish is exact (the Hessian on the active set is G_AA) and keeps an updated factor
   */
  static boolean isLasso(QuadraticDatafit f, BlockPenalty penalty) {
    return penalty.isGroupLasso() && f.cols() == f.groupCount();
  }

  /**
   * The correlations c = X^T r / n the lasso polish reads and moves: kept by the caller as a
   * residual (naive updates) or as correlations updated through the Gram matrix (covariance updates).
   */
  interface Correlations {
    /**
     * @param position a column position
     * @return c at that position, current
     */
    double get(int position);

    /**
     * Records that w[position] moved by delta: c -= G_{:,position} delta (or r -= x_position delta).
     *
     * @param position a column position
     * @param delta the move
     */
    void move(int position, double delta);

    /**
     * {@link #move} for each of {@code count} positions in turn; an implementation may do the moves
     * in fewer passes but must give the same result.
     *
     * @param positions column positions
     * @param deltas their moves
     * @param count entries used
     */
    default void moveAll(int[] positions, double[] deltas, int count) {
      for (int i = 0; i < count; i++) {
        move(positions[i], deltas[i]);
      }
    }
  }

  /**
   * The polish for the lasso (every group one column). On the orthant of the signs s_A of the
   * nonzero coefficients the objective (1/2n)||y - X_A w_A||^2 + lambda sum omega_j s_j w_j is
   * quadratic with Hessian G_AA = X_A^T X_A / n, so one Newton step d = -G_AA^{-1} g_A
   * (g_A = -c_A + lambda omega_A s_A, c = X^T r / n) is its exact minimizer. The step is cut where a
   * coefficient first reaches zero (homotopy's rule: the objective falls all along the segment); that
   * coefficient leaves, the gradient of the others is then exactly (1 - t) g (G_AA d = -g), and the
   * next step is taken on the smaller set without reading the data. When the full step would carry
   * several coefficients across zero, the projected step (all of them set to zero, the others moved
   * by d) is taken instead if it lowers the objective at least as much as the cut step
   * ({@link #projectedStep}): they leave together, for one solve instead of one each. The polish ends
   * with a full step that crosses nothing, at the minimizer on its final orthant. The factor L L^T = G_AA is kept
   * from polish to polish and lambda to lambda and updated by appending and deleting single columns
   * (as homotopy and LARS keep theirs), O(k^2) each instead of O(k^3) per polish; the data is touched
   * once at the end, when the correlations are moved by the total change of w. Unpenalized columns
   * are kept in the set and never cut. BCD's next sweep measures the violation the polish leaves.
   *
   * @param corr the current correlations, moved on return by the polish's change of w
   * @return the steps taken (0 when the set is empty or larger than {@code maxColumns}: BCD's
   *     sweeps carry on alone)
   */
  int polishLasso(QuadraticDatafit f, BlockPenalty penalty, double lambda, int[] working, int count,
      double[] w, double tolerance, int maxColumns, Correlations corr) {
    int m = markWanted(f, penalty, working, count, w);
    if (m == 0 || m > maxColumns) {
      return 0;
    }
    lassoFactor.limitOrder(Math.min(Math.min(maxColumns, f.cols()), LASSO_MAX_COLUMNS));
    syncLassoFactor(f, m);
    if (gradient.length < m) {
      gradient = new double[Math.max(m, 2 * gradient.length)];
      direction = new double[gradient.length];
      movedStart = new double[gradient.length];
      movedPositions = new int[gradient.length];
    }
    if (crossedIndex.length < m) {
      crossedIndex = new int[gradient.length];
      crossedValue = new double[gradient.length];
      projectedGradient = new double[gradient.length];
      projectedScratch = new double[gradient.length];
    }
    int k = lassoFactor.order();
    double worst = 0;
    for (int i = 0; i < k; i++) {
      int pos = lassoPositions[i];
      int l = lassoGroups[i];
      double level = penalty.isPenalized(l) ? lambda * penalty.weight(l) : 0.0;
      double g = -corr.get(pos) + Math.copySign(level, w[pos]);
      gradient[i] = g;
      worst = Math.max(worst, Math.abs(g));
      movedPositions[i] = pos;
      movedStart[i] = w[pos];
    }
    if (worst <= tolerance) {
      return 0;
    }
    int moved = k;
    int steps = 0;
    while (steps < MAX_STEPS && k > 0) {
      steps++;
      for (int i = 0; i < k; i++) {
        direction[i] = -gradient[i];
      }
      lassoFactor.solve(direction);
      // the longest step along d that keeps every penalized sign, and the coefficients the full
      // step would carry across zero
      double t = 1.0;
      int hit = -1;
      int crossing = 0;
      for (int i = 0; i < k; i++) {
        if (!penalty.isPenalized(lassoGroups[i])) {
          continue;
        }
        double wi = w[lassoPositions[i]];
        double di = direction[i];
        if (wi * di < 0 && -wi / di < 1.0) {
          crossedIndex[crossing] = i;
          crossedValue[crossing++] = -(wi + di);
          if (-wi / di < t) {
            t = -wi / di;
            hit = i;
          }
        }
      }
      if (crossing > 1 && projectedStep(w, k, t, crossing)) {
        k -= crossing;
        continue;
      }
      for (int i = 0; i < k; i++) {
        w[lassoPositions[i]] += t * direction[i];
      }
      if (hit < 0) {
        break; // the minimizer on this orthant: the gradient on A is zero up to rounding
      }
      // the coefficient that reached zero leaves; the others' gradient is (1 - t) g
      w[lassoPositions[hit]] = 0.0;
      for (int i = 0; i < k; i++) {
        gradient[i] *= 1 - t;
      }
      System.arraycopy(gradient, hit + 1, gradient, hit, k - hit - 1);
      deleteFromFactor(hit);
      k--;
    }
    int changed = 0;
    for (int i = 0; i < moved; i++) {
      double delta = w[movedPositions[i]] - movedStart[i];
      if (delta != 0) {
        movedPositions[changed] = movedPositions[i];
        movedStart[changed++] = delta; // the start is not needed again: it holds the move now
      }
    }
    corr.moveAll(movedPositions, movedStart, changed);
    return steps;
  }

  /**
   * The projected Newton step (Bertsekas 1982, for bounds; here the closed orthant of the current
   * signs s): w + d with every coefficient the full step carries across zero set to zero, taken when
   * it lowers the objective at least as much as the homotopy step to the first crossing t, after
   * which all the crossing coefficients leave the factor at once (the homotopy removes one per
   * solve). On the orthant the objective is F(w + D) - F(w) = g^T D + D^T G D / 2 with g the
   * gradient of (1/2n)||y - X w||^2 + lambda s^T w on the factor's columns; for the projected step
   * D = d + e, e_i = -(w_i + d_i) on the crossing set C, and G d = -g gives
   *
   * <pre>  F(w + D) - F(w) = (g^T d + e^T G_CC e) / 2,   against   F(w + t d) - F(w) = g^T d (t - t^2 / 2),</pre>
   *
   * <p>and the new gradient is g + G D = G e, formed as L (L^T e) ({@link UpdatableCholesky#gramTimes},
   * half a solve). On n = 2000, p = 3000 to 0.001 lambda_max a polish's 20-37 homotopy steps, each a
   * pair of triangular solves on a factor of order up to 1850, were the largest part of the path.
   *
   * @return whether the step was taken (w, the gradient and the factor then updated)
   */
  private boolean projectedStep(double[] w, int k, double t, int crossing) {
    double gd = 0;
    for (int i = 0; i < k; i++) {
      gd += gradient[i] * direction[i];
    }
    double quadratic = lassoFactor.gramTimes(crossedIndex, crossedValue, crossing, projectedGradient, projectedScratch);
    if (!(0.5 * (gd + quadratic) <= gd * (t - 0.5 * t * t))) {
      return false;
    }
    for (int c = crossing - 1; c >= 0; c--) {
      w[lassoPositions[crossedIndex[c]]] = 0.0; // before the delete shifts the positions
    }
    for (int i = 0, c = 0, kept = 0; i < k; i++) {
      if (c < crossing && crossedIndex[c] == i) {
        c++;
        continue;
      }
      w[lassoPositions[i]] += direction[i];
      gradient[kept++] = projectedGradient[i];
    }
    for (int c = crossing - 1; c >= 0; c--) {
      deleteFromFactor(crossedIndex[c]);
    }
    return true;
  }

  /**
   * Multiply-adds of a lasso polish on the current nonzero coefficients of the working set, but for
   * appending columns to the factor: two solves with the factor, the deletes, and moving the
   * correlations by the change of each coefficient. The appends (O(k^2) each, with their Gram entries)
   * are left out: a column joins the factor once and serves every later polish and lambda while it
   * stays nonzero, so that over a path they cost about one factorization of the final active set.
   *
   * @param perMove multiply-adds of moving the correlations by one coefficient's change
   */
  double lassoPolishCost(QuadraticDatafit f, BlockPenalty penalty, int[] working, int count, double[] w,
      double perMove) {
    int m = markWanted(f, penalty, working, count, w);
    int removed = 0;
    for (int i = 0; i < lassoFactor.order(); i++) {
      removed += wanted[lassoPositions[i]] != lassoEpoch ? 1 : 0;
    }
    return removed * (double) m * m / 2 + 2.0 * m * m + m * perMove;
  }

  /** Marks the positions the lasso polish wants (nonzero or unpenalized, in the working set); returns how many. */
  private int markWanted(QuadraticDatafit f, BlockPenalty penalty, int[] working, int count, double[] w) {
    int p = f.cols();
    if (wanted.length < p) {
      wanted = new int[p];
      lassoIndex = new int[p];
      Arrays.fill(lassoIndex, -1);
      lassoFactor.clear();
    }
    if (++lassoEpoch == Integer.MAX_VALUE) {
      Arrays.fill(wanted, 0);
      lassoEpoch = 1;
    }
    int m = 0;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      int pos = f.start(l);
      if (!penalty.isPenalized(l) || w[pos] != 0) {
        wanted[pos] = lassoEpoch;
        m++;
      }
    }
    return m;
  }

  /**
   * Brings the factor to the wanted positions: deletes the others (from the last index down, the
   * cheaper end), then appends the new ones in position order in one block, leaving out a column
   * that is numerically dependent on those before it.
   */
  private void syncLassoFactor(QuadraticDatafit f, int m) {
    for (int i = lassoFactor.order() - 1; i >= 0; i--) {
      if (wanted[lassoPositions[i]] != lassoEpoch) {
        deleteFromFactor(i);
      }
    }
    if (lassoPositions.length < m) {
      lassoPositions = Arrays.copyOf(lassoPositions, Math.max(m, 2 * lassoPositions.length));
      lassoGroups = Arrays.copyOf(lassoGroups, lassoPositions.length);
    }
    // the new columns, in position order, after the held ones; their Gram rows against all of
    // them, then one block append (one pass over the factor for all of them)
    int k = lassoFactor.order();
    int added = 0;
    for (int l = 0; l < f.groupCount() && k + added < m; l++) {
      int pos = f.start(l);
      if (wanted[pos] == lassoEpoch && lassoIndex[pos] < 0) {
        lassoPositions[k + added] = pos;
        lassoGroups[k + added] = l;
        added++;
      }
    }
    if (cache != null) {
      cache.bind(f); // naive mode may pass a cache no solve has filled yet
    }
    while (added > 0) {
      int stride = k + added;
      if (gramRows.length < (long) added * stride) {
        gramRows = new double[Math.multiplyExact(added, stride)];
      }
      boolean cached = cache != null && (heldByCache(lassoPositions, stride) || holdFactorInCache(f, stride, added));
      if (!cached && f.cols() > FULL_GRAM_COLUMNS && added >= BLOCK_GRAM_MIN) {
        blockGramEntries(f, k, added, stride);
      } else {
        for (int c = 0; c < added; c++) {
          gramEntries(f, lassoPositions[k + c], stride, cached, gramRows, c * stride);
        }
      }
      int got = lassoFactor.appendAll(gramRows, stride, added);
      for (int c = 0; c < got; c++) {
        lassoIndex[lassoPositions[k + c]] = k + c;
      }
      if (got == added) {
        break;
      }
      // column k + got is (numerically) a combination of the held ones (a duplicated or
      // collinear column): it stays out of the factor, fixed during the polish, and the
      // columns after it are appended without it
      k += got;
      added -= got + 1;
      System.arraycopy(lassoPositions, k + 1, lassoPositions, k, added);
      System.arraycopy(lassoGroups, k + 1, lassoGroups, k, added);
    }
  }

  /**
   * The Gram entries of the {@code added} columns joining the factor (lassoPositions[k ..]) against
   * all {@code stride} of its columns, into gramRows (row c for joining column c), when no Gram matrix
   * holds them: the joining columns are copied side by side and each factor column is read once for
   * all of them ({@code MatrixOps.blockCorrelation}, four dot products per pass over it), where one dot
   * product per entry read every factor column {@code added} times. On n = 2000, p = 3000 to 0.001
   * lambda_max (up to 1856 nonzero coefficients, naive updates) these entries were a fifth of the path.
   */
  private void blockGramEntries(QuadraticDatafit f, int k, int added, int stride) {
    int n = f.rows();
    double[] cols = f.columnsView();
    if (joining.length < (long) added * n) {
      joining = new double[Math.multiplyExact(added, n)];
    }
    if (factorColumn.length < n) {
      factorColumn = new double[n];
    }
    if (entries.length < added) {
      entries = new double[Math.max(added, 2 * entries.length)];
    }
    for (int c = 0; c < added; c++) {
      System.arraycopy(cols, lassoPositions[k + c] * n, joining, c * n, n);
    }
    double inv = 1.0 / n;
    for (int i = 0; i < stride; i++) {
      System.arraycopy(cols, lassoPositions[i] * n, factorColumn, 0, n);
      MatrixOps.blockCorrelation(joining, 0, n, added, factorColumn, inv, entries, 0);
      for (int c = 0; c < added; c++) {
        gramRows[c * stride + i] = entries[c];
      }
    }
  }

  /**
   * G entries of column {@code pos} against the first k of {@link #lassoPositions} into
   * out[offset ..]: from the covariance cache when it holds all of them ({@code cached}), else from
   * the full Gram matrix of a narrow design, else by dot products.
   */
  private void gramEntries(QuadraticDatafit f, int pos, int k, boolean cached, double[] out, int offset) {
    int n = f.rows();
    int p = f.cols();
    if (cached) {
      double[] g = cache.matrix();
      int row = cache.rowOffset(cache.slot(pos));
      for (int i = 0; i < k; i++) {
        out[offset + i] = g[row + cache.slot(lassoPositions[i])];
      }
      return;
    }
    if (p <= FULL_GRAM_COLUMNS) {
      if (fullGram == null) {
        fullGram = f.gram();
      }
      int row = pos * p;
      for (int i = 0; i < k; i++) {
        out[offset + i] = fullGram[row + lassoPositions[i]];
      }
      return;
    }
    double[] cols = f.columnsView();
    for (int i = 0; i < k; i++) {
      out[offset + i] = MatrixOps.fastDot(cols, lassoPositions[i] * n, cols, pos * n, n) / n;
    }
  }

  /**
   * Adds the factor's columns the covariance cache lacks, when that costs at most {@value #GROW_RULE}
   * times the dot products of the joining columns' Gram entries (the cache forms a new column's row
   * against every column it holds by one BLAS product). A column that leaves the factor (a sign
   * change) and joins again then costs no pass over the rows. This serves naive mode, where the
   * working set has outgrown the rows but the factor (at most n columns) has not: on n = 2000,
   * p = 3000 to 0.001 lambda_max two thirds of the late lambdas' appends were such returns. When the
   * cache is full it first drops every column outside the factor. Never reached in covariance mode,
   * whose cache holds the whole working set and so the factor's columns (dropping any there would
   * pull the rows of c_W from under the sweeps).
   *
   * @return whether the cache now holds the first {@code stride} factor columns
   */
  private boolean holdFactorInCache(QuadraticDatafit f, int stride, int added) {
    if (!factorInCache || f.cols() <= FULL_GRAM_COLUMNS) {
      return false; // the full Gram matrix serves
    }
    int missing = 0;
    for (int i = 0; i < stride; i++) {
      missing += cache.slot(lassoPositions[i]) < 0 ? 1 : 0;
    }
    long after = (long) cache.size() + missing;
    if (after > CovarianceCache.MAX_COLUMNS || !cache.fitsCopies(after, f.rows())) {
      cache.retain(lassoGroups, stride, f.rows());
      after = (long) cache.size() + missing;
    }
    if (after > CovarianceCache.MAX_COLUMNS || !cache.fitsCopies(after, f.rows())
        || (double) missing * after > GROW_RULE * added * stride) {
      return false;
    }
    cache.ensure(f, lassoGroups, stride);
    return true;
  }

  /** Whether the covariance cache holds the first k of these positions. */
  private boolean heldByCache(int[] of, int k) {
    for (int i = 0; i < k; i++) {
      if (cache.slot(of[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  private void deleteFromFactor(int index) {
    int k = lassoFactor.order();
    lassoFactor.delete(index);
    lassoIndex[lassoPositions[index]] = -1;
    for (int i = index + 1; i < k; i++) {
      lassoPositions[i - 1] = lassoPositions[i];
      lassoGroups[i - 1] = lassoGroups[i];
      lassoIndex[lassoPositions[i - 1]] = i - 1;
    }
  }

  /**
   * Room for m columns: grown to at least twice the last size (at most {@code maxColumns}), so that a
   * path whose active set grows a group at a time reallocates O(log m) times, not once per group (on
   * bardet 20 times, 1.7 MB of fresh arrays to zero and fault in, in a short command's cold start).
   */
  private void ensureCapacity(int m, int maxColumns, int n) {
    if (positions.length < m) {
      int c = Math.max(m, Math.min(maxColumns, 2 * positions.length));
      positions = new int[c];
      groupOfColumn = new int[c];
      gradient = new double[c];
      direction = new double[c];
      trial = new double[c];
      factorPositions = new int[c];
      factorOrder = -1;
      hessian = new double[Math.multiplyExact(c, c)];
      factor = new double[hessian.length];
      gramScratch = new double[hessian.length];
    }
    if (xd.length < n) {
      xd = new double[n];
      gramColumn = new double[n];
    }
  }
}
