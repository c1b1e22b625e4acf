package org.groupsparse.regression.grouplasso;

import org.groupsparse.linalg.SymmetricEigen;

/**
 * Block coordinate descent for the group lasso (Yuan and Lin 2006; Tseng 2001 for convergence),
 * cycling over the working set and then over its nonzero groups until every visited group's KKT
 * violation, measured just before its update, is within tolerance. Each visit costs one pass over
 * the group's columns for c_l = X_l^T r / n and, if the block moves, one more for r -= X_l d.
 * Groups of more than 128 columns always use the majorized update. When the nonzero groups still
 * violate their conditions after {@value #NEWTON_AFTER} sweeps over them (ill-conditioned designs),
 * and they have at most {@value #NEWTON_MAX_COLUMNS} columns together, {@link ActiveSetNewton} polishes them (each polish counts as one
 * iteration). Allocates only at construction and when a larger group or active set than before is
 * met.
 */
public final class BlockCoordinateDescent implements GroupLassoSolver {
  /** Sweeps without a {@link #PROGRESS} improvement of the worst violation before giving up (rounding floor). */
  private static final int STALL_SWEEPS = 200;
  /** Sweeps over the nonzero groups before the active-set Newton polish. */
  static final int NEWTON_AFTER = 4;
  /** The polish runs only when the nonzero groups have at most this many columns together. */
  static final int NEWTON_MAX_COLUMNS = 500;
  /** A sweep counts as progress when the worst violation falls below this fraction of the best so far. */
  private static final double PROGRESS = 0.99;
  /** Eigenvalues of a block Gram matrix below this fraction of the largest count as zero (flat directions). */
  private static final double FLAT_EIGENVALUE = 1e-12;
  private final BlockUpdate update;
  private final ActiveSetNewton newton = new ActiveSetNewton();
  private boolean polishFirst;
  private double[] corr = new double[0];
  private double[] rotated = new double[0];
  private double[] rhs = new double[0];
  private double[] next = new double[0];
  private double[] delta = new double[0];

  /** @param update exact block minimization or one majorized step per visit */
  public BlockCoordinateDescent(BlockUpdate update) {
    this.update = update;
  }

  @Override
  public int solve(LeastSquaresDatafit datafit, GroupNormPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] residual, double tolerance, int maxIterations) {
    int iterations = 0;
    if (polishFirst && maxIterations > 1) {
      polishFirst = newton.polish(datafit, penalty, lambda, working, count, w, residual, tolerance,
          NEWTON_MAX_COLUMNS) > 0;
      iterations++;
    }
    while (iterations < maxIterations) {
      double violation = sweep(datafit, penalty, lambda, working, count, w, residual, false);
      iterations++;
      if (violation <= tolerance) {
        return iterations;
      }
      int inner = 0;
      double best = Double.POSITIVE_INFINITY;
      int stalled = 0;
      while (iterations < maxIterations) {
        double active = sweep(datafit, penalty, lambda, working, count, w, residual, true);
        iterations++;
        inner++;
        if (active <= tolerance) {
          break;
        }
        if (active < PROGRESS * best) {
          best = active;
          stalled = 0;
        } else if (++stalled >= STALL_SWEEPS) {
          return iterations; // rounding floor: the driver reports the certified violation
        }
        if (inner % NEWTON_AFTER == 0 && iterations < maxIterations) {
          polishFirst = newton.polish(datafit, penalty, lambda, working, count, w, residual, tolerance,
              NEWTON_MAX_COLUMNS) > 0;
          iterations++;
        }
      }
    }
    return iterations;
  }

  private double sweep(LeastSquaresDatafit f, GroupNormPenalty penalty, double lambda, int[] working, int count,
      double[] w, double[] r, boolean activeOnly) {
    double worst = 0;
    for (int a = 0; a < count; a++) {
      int l = working[a];
      int from = f.start(l);
      int m = f.end(l) - from;
      if (activeOnly && penalty.isPenalized(l) && GroupNormPenalty.norm(w, from, from + m) == 0) {
        continue;
      }
      ensureCapacity(m);
      f.groupCorrelation(l, r, corr, 0);
      double violation = penalty.violation(l, w, from, corr, 0, m, lambda);
      worst = Math.max(worst, violation);
      if (violation == 0) {
        continue;
      }
      double level = lambda * penalty.weight(l);
      SymmetricEigen gram = update == BlockUpdate.EXACT ? f.blockGram(l) : null;
      if (gram != null) {
        exactBlock(gram, w, from, m, level);
      } else {
        double lipschitz = f.blockLipschitz(l);
        if (!(lipschitz > 0)) {
          continue; // an all-zero block: nothing to fit
        }
        for (int k = 0; k < m; k++) {
          next[k] = w[from + k] + corr[k] / lipschitz;
        }
        GroupNormPenalty.blockSoftThreshold(next, 0, m, level / lipschitz);
      }
      boolean moved = false;
      for (int k = 0; k < m; k++) {
        delta[k] = next[k] - w[from + k];
        moved |= delta[k] != 0;
        w[from + k] = next[k];
      }
      if (moved) {
        f.subtractGroup(l, delta, 0, r);
      }
    }
    return worst;
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
      double normB = GroupNormPenalty.norm(rhs, 0, m);
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
