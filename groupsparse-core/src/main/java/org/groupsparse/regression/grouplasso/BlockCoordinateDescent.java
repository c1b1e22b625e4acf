package org.groupsparse.regression.grouplasso;

import java.util.Arrays;

import org.groupsparse.groups.GroupOps;
import org.groupsparse.linalg.SymmetricEigen;

/**
 * Block coordinate descent for the group lasso (Yuan and Lin 2006; Tseng 2001 for convergence),
 * cycling over the working set and then over its nonzero groups until every visited group's KKT
 * violation, measured just before its update, is within tolerance. Each visit costs one pass over
 * the group's columns for c_l = X_l^T r / n and, if the block moves, one more for r -= X_l d.
 * Groups of more than 128 columns always use the majorized update. When the nonzero groups still
 * violate their conditions after {@value #NEWTON_AFTER} sweeps over them (ill-conditioned designs),
 * and they have at most {@value #NEWTON_MAX_COLUMNS} columns together, {@link ActiveSetNewton} polishes them (each polish counts as one
 * iteration). For the lasso (every group one column) the polish is exact and cheap: one Newton step
 * on the orthant of the current signs with a factor of G_AA that is updated, not rebuilt, as the
 * active set changes along the path ({@link ActiveSetNewton#polishLasso}), for active sets up to the
 * smaller of n and {@value ActiveSetNewton#LASSO_MAX_COLUMNS} columns. There a sweep over the working
 * set moves only the zero coefficients that violate their conditions (the columns joining) and the
 * polish follows at once: coordinate moves of the nonzero coefficients, which the exact polish would
 * overwrite, were most of the sweeps' work (on the wide lasso, n = 1000, p = 5000 to 0.01 lambda_max,
 * two sweeps over ~600 nonzero coefficients before each polish; 633 -> 449 iterations over the path).
 * When the polish cannot run (too many columns) or finds nothing to do, sweeps move every coefficient
 * and the polish is tried after {@value #LASSO_NEWTON_AFTER} sweeps over the nonzero ones, as for
 * groups. Allocates only at construction
 * and when a larger group or active set than before is met.
 *
 * <p>With covariance updates ({@link UpdateType#COVARIANCE}, chosen automatically when n is at least
 * twice the working set's columns q), a solve computes c_W = X_W^T r / n once, each visit reads c_l
 * from it and a move d_l updates c_W -= G_{W,l} d_l from the cached Gram matrix ({@link
 * CovarianceCache}), so a visit costs q m_l instead of 4 n m_l; the residual is brought up to date
 * once per solve, r -= X_W (w - w_start). Both kinds of update give the same iterates up to rounding.
 */
final class BlockCoordinateDescent implements GroupLassoSolver {
  /** Sweeps without a {@link #PROGRESS} improvement of the worst violation before giving up (rounding floor). */
  private static final int STALL_SWEEPS = 200;
  /** Sweeps over the nonzero groups before the active-set Newton polish is first considered. */
  static final int NEWTON_AFTER = 4;
  /** The same for the lasso, whose polish is one exact step on an updated factor. */
  static final int LASSO_NEWTON_AFTER = 2;
  /** The polish runs only when the nonzero groups have at most this many columns together. */
  static final int NEWTON_MAX_COLUMNS = 500;
  /** A sweep counts as progress when the worst violation falls below this fraction of the best so far. */
  private static final double PROGRESS = 0.99;
  /** Eigenvalues of a block Gram matrix below this fraction of the largest count as zero (flat directions). */
  private static final double FLAT_EIGENVALUE = 1e-12;
  private final BlockUpdate update;
  private final UpdateType updates;
  private final CovarianceCache cache = new CovarianceCache();
  private final ActiveSetNewton newton = new ActiveSetNewton();
  /** A solve opens with a Newton polish (after one that helped) only when it costs at most this many sweeps. */
  static final int POLISH_FIRST_SWEEPS = 64;
  /**
   * A sweep leaves a block whose KKT violation is at most this fraction of the solve's tolerance as
   * it is. Moving it would change the solution by less than the tolerance can see, and each move
   * costs a pass over a Gram row (covariance updates) or a column (naive): after an exact Newton
   * polish every nonzero block is settled to rounding, and the sweeps that verify it would otherwise
   * move all of them again by amounts of order 1e-16. The sweep's reported violation still includes
   * these blocks, so convergence is judged as before. On the wide lasso (n = 1000, p = 5000, 100
   * lambdas to 0.01 lambda_max; warm, in-process, three alternations) 0.29-0.30 s -> 0.27-0.29 s,
   * with the same 633 iterations and worst KKT violation (4.6e-8 x lambda).
   */
  static final double SETTLED = 0.01;
  private double settled;
  /** The caller's exact correlations for the next solve's opening c_W ({@link #knownCorrelations}). */
  private double[] known;
  private int[] knownStamp;
  private int knownValid;
  /** The group of each column position of {@link #groupsOf}, for matching the caller's stamps. */
  private int[] groupOfPosition = new int[0];
  private QuadraticDatafit groupsOf;
  /** Covariance mode of the current solve: c_W by slot, and w at the last residual sync by slot. */
  private boolean covariance;
  private double[] cw = new double[0];
  private double[] synced = new double[0];
  /** Full-Gram mode ({@link #solveGram}): c over all positions, maintained by G; no residual. */
  private boolean full;
  private double[] fullB;
  private double[] polishResidual = new double[0];
  /** The correlations and Gram rows the covariance sweep reads: by slot, or by position when full. */
  private double[] cVec;
  private double[] gMat;
  private int gStride;
  private int gSize;
  private boolean polishFirst;
  /** Sweep moves of blocks that were nonzero before the move, in the last solve (for tests). */
  private int nonzeroMoves;
  private double[] corr = new double[0];
  private double[] rotated = new double[0];
  private double[] rhs = new double[0];
  private double[] next = new double[0];
  private double[] delta = new double[0];
  /**
   * Anderson extrapolation of the sweeps over the nonzero groups (skglm's accelerated coordinate
   * descent): the coefficients of those groups after each of the last ANDERSON_K + 1 sweeps, while
   * the nonzero groups stay the same; the extrapolated point is taken when it lowers the objective.
   * For the group lasso, and for group MCP and SCAD, whose sweeps alone crawl where the nonzero
   * groups have more columns than the Newton polish takes (on n = 1000, p = 800, groups of 5, 3325
   * sweeps at one lambda; the path 2.6 s against 1.3 s with it, 23,388 sweeps against 6,302): the
   * objective test keeps the sweeps' descent, nonconvex or not. Not for the sparse group lasso, where
   * it halved the sweeps on that problem without shortening the path (0.21-0.25 s against 0.24-0.27 s).
   */
  static final int ANDERSON_K = 5;
  private final AndersonExtrapolation anderson = new AndersonExtrapolation(ANDERSON_K);
  private final double[][] andersonIterates = new double[ANDERSON_K + 1][];
  private int[] andersonPositions = new int[0];
  private int[] andersonScratch = new int[0];
  private int andersonLength;
  private int andersonStored;
  private double[] andersonPoint = new double[0];
  private double[] andersonStep = new double[0];
  private double[] andersonMove = new double[0];
  private boolean accelerate = true;
  private boolean polishing = true;

  /** @param update exact block minimization or one majorized step per visit */
  public BlockCoordinateDescent(BlockUpdate update) {
    this(update, UpdateType.AUTO);
  }

  /**
   * @param update exact block minimization or one majorized step per visit
   * @param updates covariance or naive correlation updates, or the automatic choice
   */
  public BlockCoordinateDescent(BlockUpdate update, UpdateType updates) {
    this.update = update;
    this.updates = updates;
  }

  private boolean useCovariance(QuadraticDatafit datafit, int[] working, int count) {
    if (updates == UpdateType.NAIVE) {
      return false;
    }
    int q = CovarianceCache.columns(datafit, working, count);
    if (q > CovarianceCache.MAX_COLUMNS) {
      return false;
    }
    return updates == UpdateType.COVARIANCE || datafit.rows() >= q;
  }

  /** Starts a covariance-mode solve: Gram rows for new groups, c_W = X_W^T r / n, w at sync. */
  private void beginCovariance(QuadraticDatafit f, int[] working, int count, double[] w, double[] r) {
    cache.ensure(f, working, count);
    int q = cache.size();
    if (cw.length < q) {
      cw = new double[Math.max(q, 2 * cw.length)];
      synced = new double[cw.length];
    }
    double[] columns = f.columnsView();
    int n = f.rows();
    double inv = 1.0 / n;
    if (known != null && groupsOf != f) {
      groupsOf = f;
      groupOfPosition = new int[f.cols()];
      for (int l = 0; l < f.groupCount(); l++) {
        java.util.Arrays.fill(groupOfPosition, f.start(l), f.end(l), l);
      }
    }
    for (int t = 0; t < q; t++) {
      int k = cache.position(t);
      // the same expression as the caller's (LeastSquaresDatafit.groupCorrelation): the same bits
      cw[t] = known != null && knownStamp[groupOfPosition[k]] == knownValid ? known[k]
          : org.groupsparse.linalg.MatrixOps.fastDot(columns, k * n, r, n) * inv;
      synced[t] = w[k];
    }
    cVec = cw;
    gMat = cache.matrix();
    gStride = cache.stride();
    gSize = q;
  }

  /**
   * Solves on the working set in full-Gram mode: the caller holds c = X^T r / n for every column
   * position, exact on entry (c = b - G w with b = X^T y / n and G = X^T X / n, the datafit's
   * {@code gram()}), and every move d_l updates c -= G_{:,l} d_l for all p positions, so that c is
   * current on exit for every group, at a cost of p m_l per move and no pass over the rows. Used
   * by the path when n &gt;&gt; p (glmnet's covariance mode).
   *
   * @param datafit the datafit
   * @param penalty the penalty
   * @param lambda the level
   * @param working working groups
   * @param count entries used
   * @param w coefficients by position, modified
   * @param c correlations by position, current on entry and exit, modified
   * @param b X^T y / n by position (to recompute c exactly after a Newton polish)
   * @param tolerance absolute KKT tolerance on the working set
   * @param maxIterations budget
   * @return iterations used
   */
  int solveGram(QuadraticDatafit datafit, BlockPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] c, double[] b, double tolerance, int maxIterations) {
    covariance = true;
    full = true;
    cVec = c;
    fullB = b;
    gMat = datafit.gram();
    gStride = datafit.cols();
    gSize = datafit.cols();
    try {
      return iterate(datafit, penalty, lambda, working, count, w, null, tolerance, maxIterations);
    } finally {
      covariance = false;
      full = false;
      cVec = null;
      fullB = null;
    }
  }

  /**
   * The correlations the lasso polish reads and moves: c_W (or c in full-Gram mode) through G in
   * covariance mode, else c_k = x_k^T r / n from the residual, which the moves update.
   */
  private final class LassoCorrelations implements ActiveSetNewton.Correlations {
    private double[] columns;
    private double[] r;
    private int n;

    LassoCorrelations on(QuadraticDatafit f, double[] residual) {
      columns = f.columnsView();
      n = f.rows();
      r = residual;
      return this;
    }

    @Override
    public double get(int position) {
      return covariance ? cVec[slotOf(position)]
          : org.groupsparse.linalg.MatrixOps.fastDot(columns, position * n, r, n) / n;
    }

    @Override
    public void move(int position, double d) {
      if (covariance) {
        org.groupsparse.linalg.MatrixOps.axpy(-d, gMat, slotOf(position) * gStride, cVec, gSize);
      } else {
        org.groupsparse.linalg.MatrixOps.axpy(-d, columns, position * n, r, n);
      }
    }

    /** Four moves per pass over r (or c_W): the same bits as one after the other. */
    @Override
    public void moveAll(int[] positions, double[] deltas, int count) {
      double[] source = covariance ? gMat : columns;
      double[] target = covariance ? cVec : r;
      int len = covariance ? gSize : n;
      int i = 0;
      for (; i + 4 <= count; i += 4) {
        org.groupsparse.linalg.MatrixOps.axpy4(-deltas[i], -deltas[i + 1], -deltas[i + 2], -deltas[i + 3], source,
            offset(positions[i]), offset(positions[i + 1]), offset(positions[i + 2]), offset(positions[i + 3]),
            target, len);
      }
      for (; i < count; i++) {
        move(positions[i], deltas[i]);
      }
    }

    private int offset(int position) {
      return covariance ? slotOf(position) * gStride : position * n;
    }
  }

  private final LassoCorrelations lassoCorrelations = new LassoCorrelations();

  private int slotOf(int position) {
    return full ? position : cache.slot(position);
  }

  /** Brings the residual up to date with w: r -= X_W (w - w_synced). */
  private void syncResidual(QuadraticDatafit f, double[] w, double[] r) {
    double[] columns = f.columnsView();
    int n = f.rows();
    for (int t = 0; t < cache.size(); t++) {
      int k = cache.position(t);
      double d = w[k] - synced[t];
      if (d != 0) {
        org.groupsparse.linalg.MatrixOps.axpy(-d, columns, k * n, r, n);
        synced[t] = w[k];
      }
    }
  }

  @Override
  public int solve(QuadraticDatafit datafit, BlockPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] residual, double tolerance, int maxIterations) {
    return solve(datafit, penalty, lambda, working, count, w, residual, tolerance, maxIterations, true);
  }

  /**
   * Correlations the caller already holds, exact at the residual it passes to the next {@link #solve}:
   * c[k] = x_k^T r / n for every column k of a group l with {@code stamp[l] == valid}, computed by
   * {@code LeastSquaresDatafit.groupCorrelation} (the expression a covariance-mode solve would use, so
   * taking them changes no bit). The next solve's opening c_W takes them instead of a dot product
   * over n rows each; they are forgotten after it.
   *
   * @param c correlations by column position, not modified
   * @param stamp by group
   * @param valid the stamp of the groups whose c is exact
   */
  void knownCorrelations(double[] c, int[] stamp, int valid) {
    known = c;
    knownStamp = stamp;
    knownValid = valid;
  }

  /**
   * {@link #solve} with the residual's update on exit optional: a caller that recomputes r = y - X w
   * right after the solve (the path does, so that the solvers' rounding does not enter its
   * certificate) passes false and saves a covariance-mode solve's r -= X_W (w - w_start). r is then
   * not current on return.
   */
  int solve(QuadraticDatafit datafit, BlockPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] residual, double tolerance, int maxIterations, boolean residualOnExit) {
    covariance = useCovariance(datafit, working, count);
    try {
      if (covariance) {
        beginCovariance(datafit, working, count, w, residual);
      }
    } finally {
      known = null; // only the opening correlations may come from the caller
      knownStamp = null;
    }
    try {
      return iterate(datafit, penalty, lambda, working, count, w, residual, tolerance, maxIterations);
    } finally {
      if (covariance) {
        if (residualOnExit) {
          syncResidual(datafit, w, residual);
        }
        covariance = false;
      }
    }
  }

  private int polish(QuadraticDatafit datafit, BlockPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] residual, double tolerance) {
    if (!penalty.smoothOnNonzeroGroups()) {
      return 0; // the sparse group lasso's l1 part is not smooth on nonzero groups: proximal sweeps only
    }
    if (ActiveSetNewton.isLasso(datafit, penalty)) {
      newton.useCache(full ? null : cache); // in naive mode too: the polish may grow it for its factor
      try {
        // skipped only when the nonzero coefficients are settled (1% of the tolerance), as the sweeps
        // skip a block: a polish near the optimum is cheap, and an exact solution is the next
        // lambda's warm start. Skipping it whenever they were within the tolerance made a loose --tol
        // slower than the default: on n = 2000, p = 3000 to 0.001 lambda_max 1.59 s at 1e-2 against
        // 1.41 s at 1e-6 (the polishes then had more sign changes to undo), 1.29 s with this rule.
        return newton.polishLasso(datafit, penalty, lambda, working, count, w, settled,
            Math.min(ActiveSetNewton.LASSO_MAX_COLUMNS, datafit.rows()), lassoCorrelations.on(datafit, residual));
      } finally {
        newton.useCache(null);
      }
    }
    if (full) {
      // the Newton polish works on the residual: form it, polish, and recompute c = b - G w exactly
      int n = datafit.rows();
      if (polishResidual.length < n) {
        polishResidual = new double[n];
      }
      datafit.residual(w, polishResidual);
      int moves = newton.polish(datafit, penalty, lambda, working, count, w, polishResidual, tolerance,
          NEWTON_MAX_COLUMNS);
      datafit.gramCorrelation(fullB, w, cVec);
      return moves;
    }
    if (covariance) {
      syncResidual(datafit, w, residual);
      newton.useCache(cache);
    }
    int moves = newton.polish(datafit, penalty, lambda, working, count, w, residual, tolerance, NEWTON_MAX_COLUMNS);
    newton.useCache(null);
    if (covariance) {
      beginCovariance(datafit, working, count, w, residual);
    }
    return moves;
  }

  private int iterate(QuadraticDatafit datafit, BlockPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] residual, double tolerance, int maxIterations) {
    settled = SETTLED * tolerance;
    nonzeroMoves = 0;
    int iterations = 0;
    if (polishing && polishFirst && penalty.smoothOnNonzeroGroups() && maxIterations > 1 && polishCost(datafit, penalty, working, count, w)
        <= POLISH_FIRST_SWEEPS * sweepCost(datafit, penalty, working, count, w)) {
      polishFirst = polish(datafit, penalty, lambda, working, count, w, residual, tolerance) > 0;
      iterations++;
    }
    boolean lasso = ActiveSetNewton.isLasso(datafit, penalty);
    boolean joinOnly = polishing && lasso;
    while (iterations < maxIterations) {
      double violation = sweep(datafit, penalty, lambda, working, count, w, residual, false, !joinOnly);
      iterations++;
      if (violation <= tolerance) {
        return iterations;
      }
      if (joinOnly && iterations < maxIterations) {
        // the lasso's polish solves the nonzero coefficients exactly on their orthant, the columns
        // that just joined with them: coordinate moves of the nonzero ones would be overwritten
        polishFirst = polish(datafit, penalty, lambda, working, count, w, residual, tolerance) > 0;
        if (polishFirst) {
          iterations++;
        } else {
          joinOnly = false; // no polish here (too many columns, or nothing it could do): sweeps move all
        }
      }
      int inner = 0;
      double best = Double.POSITIVE_INFINITY;
      double previous = Double.NaN;
      int stalled = 0;
      double polishCost = polishCost(datafit, penalty, working, count, w);
      double sweepCost = sweepCost(datafit, penalty, working, count, w);
      andersonStored = 0;
      while (iterations < maxIterations) {
        double active = sweep(datafit, penalty, lambda, working, count, w, residual, true, true);
        iterations++;
        inner++;
        if (active <= tolerance) {
          break;
        }
        if (accelerate && penalty.kind() != PenaltyKind.SPARSE_GROUP_LASSO) {
          accelerate(datafit, penalty, lambda, working, count, w, residual);
        }
        if (active < PROGRESS * best) {
          best = active;
          stalled = 0;
        } else if (++stalled >= STALL_SWEEPS) {
          return iterations; // rounding floor: the driver reports the certified violation
        }
        // Polish when the sweeps still to go, at the rate of the last one, would cost more than a
        // Newton polish (always after NEWTON_AFTER sweeps on an ill-conditioned problem, where the
        // rate is near 1; late on a large active set, where the polish's cubic cost dominates).
        double rate = active / previous;
        previous = active;
        double remaining = rate < 1 ? Math.log(tolerance / active) / Math.log(rate) : Double.POSITIVE_INFINITY;
        if (polishing && penalty.smoothOnNonzeroGroups() && inner >= (lasso ? LASSO_NEWTON_AFTER : NEWTON_AFTER)
            && remaining * sweepCost > polishCost
            && iterations < maxIterations) {
          polishFirst = polish(datafit, penalty, lambda, working, count, w, residual, tolerance) > 0;
          iterations++;
          previous = Double.NaN;
          inner = 0;
        }
      }
    }
    return iterations;
  }

  /** @return the sweeps' moves of blocks that were nonzero before the move, in the last solve */
  int nonzeroMoves() {
    return nonzeroMoves;
  }

  /**
   * @param on whether the sweeps over the nonzero groups are Anderson-accelerated (the default; off
   *     gives plain block coordinate descent, for tests and comparisons)
   */
  void accelerate(boolean on) {
    accelerate = on;
  }

  /**
   * @param on whether the active-set Newton polish may run (the default; off leaves the sweeps to
   *     converge on their own, for tests of the sweeps)
   */
  void polish(boolean on) {
    polishing = on;
  }

  /**
   * @param on whether the lasso polish may add its factor's columns to the covariance cache in naive
   *     mode (the default; off makes it form their Gram entries from the rows, for tests)
   */
  void factorInCache(boolean on) {
    newton.factorInCache(on);
  }

  /** @return the columns the covariance cache holds */
  int cachedColumns() {
    return cache.size();
  }

  /**
   * Records the nonzero groups' coefficients after a sweep; after ANDERSON_K + 1 sweeps over the same
   * nonzero groups, tries the extrapolated point: taken when the objective
   * F(w) = (1/2n)||y - X w||^2 + sum_l P_l(w_l) falls (P_l the group's penalty, lambda omega_l ||w_l||
   * for the group lasso), its change computed from
   * c = X^T r / n and the move d on those positions, -c^T d + (1/2n)||X d||^2 (||X d||^2 = d^T G d
   * n in covariance mode) plus the change of the penalty.
   */
  private void accelerate(QuadraticDatafit f, BlockPenalty penalty, double lambda, int[] working, int count, double[] w,
      double[] r) {
    int q = 0;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      if (GroupOps.norm(w, f.start(l), f.end(l)) > 0) {
        q += f.end(l) - f.start(l);
      }
    }
    if (andersonScratch.length < q) {
      andersonScratch = new int[Math.max(q, 2 * andersonScratch.length)];
    }
    int t = 0;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      if (GroupOps.norm(w, f.start(l), f.end(l)) > 0) {
        for (int k = f.start(l); k < f.end(l); k++) {
          andersonScratch[t++] = k;
        }
      }
    }
    boolean same = andersonStored > 0 && q == andersonLength
        && Arrays.equals(andersonScratch, 0, q, andersonPositions, 0, q);
    if (!same) {
      if (andersonPositions.length < andersonScratch.length) {
        andersonPositions = new int[andersonScratch.length];
      }
      System.arraycopy(andersonScratch, 0, andersonPositions, 0, q);
      andersonLength = q;
      andersonStored = 0;
    }
    double[] slot = andersonIterates[andersonStored];
    if (slot == null || slot.length < q) {
      slot = new double[Math.max(q, 16)];
      andersonIterates[andersonStored] = slot;
    }
    for (int j = 0; j < q; j++) {
      slot[j] = w[andersonPositions[j]];
    }
    andersonStored++;
    if (andersonStored < ANDERSON_K + 1 || q == 0) {
      return;
    }
    andersonStored = 0;
    if (andersonPoint.length < q) {
      andersonPoint = new double[Math.max(q, 2 * andersonPoint.length)];
      andersonStep = new double[andersonPoint.length];
    }
    if (!anderson.extrapolate(andersonIterates, q, andersonPoint)) {
      return;
    }
    // the move d = x_e - w on the nonzero groups' positions, and the change of the objective
    double[] d = andersonStep;
    for (int j = 0; j < q; j++) {
      d[j] = andersonPoint[j] - w[andersonPositions[j]];
    }
    double linear = 0;
    double quadratic = 0;
    int n = f.rows();
    if (covariance) {
      for (int j = 0; j < q; j++) {
        int sj = slotOf(andersonPositions[j]);
        linear += cVec[sj] * d[j];
        double gd = 0;
        int row = sj * gStride;
        for (int i = 0; i < q; i++) {
          gd += gMat[row + slotOf(andersonPositions[i])] * d[i];
        }
        quadratic += d[j] * gd;
      }
    } else {
      if (andersonMove.length < n) {
        andersonMove = new double[n];
      }
      Arrays.fill(andersonMove, 0, n, 0.0);
      double[] columns = f.columnsView();
      for (int j = 0; j < q; j++) {
        int k = andersonPositions[j];
        linear += org.groupsparse.linalg.MatrixOps.fastDot(columns, k * n, r, n) / n * d[j];
        if (d[j] != 0) {
          org.groupsparse.linalg.MatrixOps.axpy(d[j], columns, k * n, andersonMove, n);
        }
      }
      for (int i = 0; i < n; i++) {
        quadratic += andersonMove[i] * andersonMove[i];
      }
      quadratic /= n;
    }
    // the penalty changes only on the nonzero groups, whose positions are listed in working order
    double penaltyChange = 0;
    int at = 0;
    for (int a = 0; a < count && at < q; a++) {
      int l = working[a];
      int from = f.start(l);
      int m = f.end(l) - from;
      if (andersonPositions[at] != from) {
        continue;
      }
      penaltyChange += penalty.blockValue(l, andersonPoint, at, m, lambda) - penalty.blockValue(l, w, from, m, lambda);
      at += m;
    }
    double change = -linear + 0.5 * quadratic + penaltyChange;
    if (!(change < 0)) {
      return;
    }
    // take it: w on the positions, and c (covariance) or r (naive) updated by the move
    for (int j = 0; j < q; j++) {
      w[andersonPositions[j]] = andersonPoint[j];
    }
    if (covariance) {
      for (int j = 0; j < q; j++) {
        if (d[j] != 0) {
          org.groupsparse.linalg.MatrixOps.axpy(-d[j], gMat, slotOf(andersonPositions[j]) * gStride, cVec, gSize);
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        r[i] -= andersonMove[i];
      }
    }
  }

  /** Multiply-adds of one sweep over the nonzero groups, with the current kind of update. */
  private double sweepCost(QuadraticDatafit f, BlockPenalty penalty, int[] working, int count, double[] w) {
    double perColumn = covariance ? gSize : 2.0 * f.rows();
    double cost = 0;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      int m = f.end(l) - f.start(l);
      if (!penalty.isPenalized(l) || GroupOps.norm(w, f.start(l), f.end(l)) > 0) {
        cost += m * (perColumn + m);
      }
    }
    return Math.max(cost, 1);
  }

  /** Multiply-adds of one Newton polish: the Gram block (unless cached), its Cholesky factor, the line search. */
  private double polishCost(QuadraticDatafit f, BlockPenalty penalty, int[] working, int count, double[] w) {
    if (ActiveSetNewton.isLasso(f, penalty)) {
      return newton.lassoPolishCost(f, penalty, working, count, w, covariance ? gSize : 2.0 * f.rows());
    }
    double q = 0;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      if (!penalty.isPenalized(l) || GroupOps.norm(w, f.start(l), f.end(l)) > 0) {
        q += f.end(l) - f.start(l);
      }
    }
    double gram = covariance || f.cols() <= ActiveSetNewton.FULL_GRAM_COLUMNS ? q * q : f.rows() * q * q / 2;
    return q * q * q / 3 + gram + 3.0 * f.rows() * q;
  }

  private double sweep(QuadraticDatafit f, BlockPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] r, boolean activeOnly, boolean moveNonzero) {
    double worst = 0;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      int from = f.start(l);
      int m = f.end(l) - from;
      if (activeOnly && penalty.isPenalized(l) && GroupOps.norm(w, from, from + m) == 0) {
        continue;
      }
      ensureCapacity(m);
      if (covariance) {
        for (int k = 0; k < m; k++) {
          corr[k] = cVec[slotOf(from + k)];
        }
      } else {
        f.groupCorrelation(l, r, corr, 0);
      }
      double violation = penalty.violation(l, w, from, corr, 0, m, lambda);
      worst = Math.max(worst, violation);
      if (violation <= settled) {
        continue;
      }
      boolean nonzero = GroupOps.norm(w, from, from + m) > 0;
      if (!moveNonzero && (nonzero || !penalty.isPenalized(l))) {
        continue;
      }
      double level = lambda * penalty.weight(l);
      SymmetricEigen gram = penalty.isGroupLasso() && update == BlockUpdate.EXACT && m > 1 ? f.blockGram(l) : null;
      if (penalty.isGroupLasso() && m == 1) {
        // one column: the exact and the majorized updates are both scalar soft-thresholding,
        // w = S(c + g w, level) / g with g = ||x||^2 / n
        double g = f.blockLipschitz(l);
        if (!(g > 0)) {
          continue;
        }
        double target = corr[0] + g * w[from];
        next[0] = Math.abs(target) <= level ? 0.0 : (target - Math.copySign(level, target)) / g;
      } else if (gram != null) {
        exactBlock(gram, w, from, m, level);
      } else {
        // one majorized proximal step, w_l = prox_{P/L}(w_l + c_l / L): block soft-thresholding for
        // the group lasso (gglasso's step), the penalty's own prox for MCP, SCAD and the sparse
        // group lasso (L kept above MCP's and SCAD's concavity)
        double lipschitz = f.blockLipschitz(l);
        if (!(lipschitz > 0)) {
          continue; // an all-zero block: nothing to fit
        }
        lipschitz = Math.max(lipschitz, 1.01 * penalty.minimumCurvature());
        for (int k = 0; k < m; k++) {
          next[k] = w[from + k] + corr[k] / lipschitz;
        }
        penalty.prox(l, next, 0, m, lipschitz, lambda);
      }
      boolean moved = false;
      for (int k = 0; k < m; k++) {
        delta[k] = next[k] - w[from + k];
        moved |= delta[k] != 0;
        w[from + k] = next[k];
      }
      if (moved) {
        nonzeroMoves += nonzero ? 1 : 0;
        moveBlock(f, l, from, m, r);
      }
    }
    return worst;
  }

  /** Applies the move delta[0 .. m) of the block at {@code from}: to c_W by G, or to the residual. */
  private void moveBlock(QuadraticDatafit f, int l, int from, int m, double[] r) {
    if (covariance) {
      // one axpy per Gram row: four per pass was 4% slower on these short rows (groups of 10,
      // n = 1000, p = 2000: 0.029-0.041 s against 0.027-0.032 s)
      for (int k = 0; k < m; k++) {
        double d = delta[k];
        if (d != 0) {
          org.groupsparse.linalg.MatrixOps.axpy(-d, gMat, slotOf(from + k) * gStride, cVec, gSize);
        }
      }
      return;
    }
    f.subtractGroup(l, delta, 0, r);
  }

  /** Writes the exact block minimizer into {@code next}; uses corr (c_l) and the current block. */
  private void exactBlock(SymmetricEigen gram, double[] w, int from, int m, double level) {
    double[] d = gram.values();
    double[] v = gram.vectors();
    double dMax = Math.max(d[m - 1], 0.0);
    // rhs = V^T c + D V^T w  (= V^T b with b = c + G w)
    for (int col = 0; col < m; col++) {
      double vc = 0;
      double vw = 0;
      for (int i = 0; i < m; i++) {
        double e = v[i * m + col];
        vc += e * corr[i];
        vw += e * w[from + i];
      }
      rotated[col] = vw;
      rhs[col] = vc + Math.max(d[col], 0.0) * vw;
    }
    double flat = FLAT_EIGENVALUE * dMax;
    if (level == 0) {
      for (int col = 0; col < m; col++) {
        double dc = Math.max(d[col], 0.0);
        rotated[col] = dc > flat ? rhs[col] / dc : rotated[col];
      }
    } else {
      double normB = GroupOps.norm(rhs, 0, m);
      if (normB <= level) {
        java.util.Arrays.fill(next, 0, m, 0.0);
        return;
      }
      double mu = solveShift(d, m, normB, level);
      for (int col = 0; col < m; col++) {
        double q = Math.max(d[col], 0.0) + mu;
        rotated[col] = q > 0 ? rhs[col] / q : 0.0;
      }
    }
    for (int i = 0; i < m; i++) {
      double s = 0;
      for (int col = 0; col < m; col++) {
        s += v[i * m + col] * rotated[col];
      }
      next[i] = s;
    }
  }

  /**
   * The mu &gt; 0 with s(mu) = ||mu (D + mu)^{-1} b~|| = level, given ||b~|| &gt; level. s increases from
   * s(0) to ||b~||; the root lies in [level d_min / (||b~|| - level), level d_max / (||b~|| - level)].
   */
  private double solveShift(double[] d, int m, double normB, double level) {
    double gap = normB - level;
    double lo = level * Math.max(d[0], 0.0) / gap;
    double hi = level * Math.max(d[m - 1], 0.0) / gap;
    if (hi <= lo) {
      return lo; // all eigenvalues equal: block soft-thresholding
    }
    double mu = lo > 0 ? lo : 0.5 * hi;
    for (int it = 0; it < 100; it++) {
      double s2 = 0;
      double ds = 0;
      for (int col = 0; col < m; col++) {
        double dc = Math.max(d[col], 0.0);
        double q = dc + mu;
        double t = q > 0 ? mu * rhs[col] / q : rhs[col];
        s2 += t * t;
        ds += q > 0 ? t * rhs[col] * dc / (q * q) : 0.0;
      }
      double s = Math.sqrt(s2);
      double f = s - level;
      if (Math.abs(f) <= 1e-15 * level) {
        return mu;
      }
      if (f < 0) {
        lo = mu;
      } else {
        hi = mu;
      }
      double nextMu = s > 0 && ds > 0 ? mu - f / (ds / s) : 0.5 * (lo + hi);
      if (!(nextMu > lo && nextMu < hi)) {
        nextMu = 0.5 * (lo + hi);
      }
      if (Math.abs(nextMu - mu) <= 1e-16 * mu || hi - lo <= 1e-16 * hi) {
        return nextMu;
      }
      mu = nextMu;
    }
    return mu;
  }

  private void ensureCapacity(int m) {
    if (corr.length < m) {
      corr = new double[m];
      rotated = new double[m];
      rhs = new double[m];
      next = new double[m];
      delta = new double[m];
    }
  }
}
