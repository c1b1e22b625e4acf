package org.groupsparse.regression.grouplasso;

import org.groupsparse.groups.GroupOps;
import org.groupsparse.util.Check;

/**
 * The weighted group norm R(w) = sum_l omega_l ||w_l||_2 of the group lasso (Yuan and Lin 2006),
 * omega_l &gt;= 0 (0 leaves a group unpenalized), with its block proximal operator (block
 * soft-thresholding) and the distance of a correlation to its subdifferential, which is the
 * group's KKT violation.
 *
 * <p>Blocks are addressed by the column positions of {@link LeastSquaresDatafit}: group l occupies
 * positions [start(l), end(l)).
 */
final class GroupNormPenalty implements BlockPenalty {
  private final double[] weights;
  private final PenaltyKind kind;
  private final double gamma;
  private final double alpha;

  /**
   * The group lasso's norm.
   *
   * @param weights omega_l, one per group, finite and &gt;= 0, copied
   */
  public GroupNormPenalty(double[] weights) {
    this(weights, PenaltyKind.GROUP_LASSO, Double.NaN, 0.0);
  }

  /**
   * A penalty of the {@link PenaltyKind} family on the group norms.
   *
   * @param weights omega_l, one per group, finite and &gt;= 0, copied
   * @param kind the penalty
   * @param gamma MCP's gamma &gt; 1 or SCAD's gamma &gt; 2 (ignored otherwise)
   * @param alpha the sparse group lasso's l1 share in [0, 1] (ignored otherwise)
   */
  public GroupNormPenalty(double[] weights, PenaltyKind kind, double gamma, double alpha) {
    for (int l = 0; l < weights.length; l++) {
      Check.inRange("weights[" + l + "]", "GroupLasso", weights[l], 0, Double.POSITIVE_INFINITY,
          Check.Bounds.CLOSED_LEFT);
    }
    this.weights = weights.clone();
    this.kind = kind;
    this.gamma = gamma;
    this.alpha = kind == PenaltyKind.SPARSE_GROUP_LASSO ? alpha : 0.0;
  }

  /** @return the penalty's kind */
  public PenaltyKind kind() {
    return kind;
  }

  /** @return whether this is the group lasso (convex, with the exact block update and Newton polish) */
  public boolean isGroupLasso() {
    return kind == PenaltyKind.GROUP_LASSO;
  }

  /**
   * The block proximal step of curvature L: w_l = argmin (L / 2) ||w - z||^2 + P_l(w), in place.
   * Group lasso: block soft-thresholding at lambda omega / L. MCP and SCAD: the group norm t = ||z||
   * is mapped by the scalar minimizer of (L / 2)(t - ||z||)^2 + rho(t) (firm thresholding when L = 1;
   * needs L gamma &gt; 1 for MCP and L (gamma - 1) &gt; 1 for SCAD, which standardized columns give).
   * Sparse group lasso: soft-thresholding of each entry at lambda alpha / L, then block
   * soft-thresholding at lambda (1 - alpha) omega / L.
   *
   * @param l group
   * @param z the point, modified in place into the step's result
   * @param from first entry of the block in z
   * @param m block size
   * @param curvature L &gt; 0
   * @param lambda the level
   */
  public void prox(int l, double[] z, int from, int m, double curvature, double lambda) {
    double level = lambda * weights[l];
    switch (kind) {
      case GROUP_LASSO:
        GroupOps.blockSoftThreshold(z, from, from + m, level / curvature);
        return;
      case SPARSE_GROUP_LASSO: {
        if (level == 0) {
          return; // unpenalized group
        }
        double soft = lambda * alpha / curvature;
        for (int k = from; k < from + m; k++) {
          double v = z[k];
          z[k] = Math.abs(v) <= soft ? 0.0 : v - Math.copySign(soft, v);
        }
        GroupOps.blockSoftThreshold(z, from, from + m, (1 - alpha) * level / curvature);
        return;
      }
      default: {
        double t = GroupOps.norm(z, from, from + m);
        if (t == 0 || level == 0) {
          return;
        }
        double target = scalarProx(t, curvature, level);
        double factor = target / t;
        for (int k = from; k < from + m; k++) {
          z[k] *= factor;
        }
      }
    }
  }

  /** The minimizer over s &gt;= 0 of (L / 2)(s - t)^2 + rho(s) for MCP or SCAD at level lambda omega. */
  private double scalarProx(double t, double curvature, double level) {
    if (kind == PenaltyKind.GROUP_MCP) {
      if (t <= level / curvature) {
        return 0.0;
      }
      if (t <= gamma * level) {
        return (curvature * t - level) / (curvature - 1 / gamma);
      }
      return t;
    }
    // SCAD
    if (t <= level * (1 + 1 / curvature)) {
      return Math.max(0.0, t - level / curvature);
    }
    if (t <= gamma * level) {
      return (curvature * t * (gamma - 1) - gamma * level) / (curvature * (gamma - 1) - 1);
    }
    return t;
  }

  /**
   * rho'(t) of MCP or SCAD at level lambda omega (the group lasso's is the level itself).
   *
   * @param t the group norm, &gt; 0
   * @param level lambda omega
   * @return the derivative
   */
  private double derivative(double t, double level) {
    switch (kind) {
      case GROUP_MCP:
        return t <= gamma * level ? level - t / gamma : 0.0;
      case GROUP_SCAD:
        return t <= level ? level : t <= gamma * level ? (gamma * level - t) / (gamma - 1) : 0.0;
      default:
        return level;
    }
  }

  /**
   * The smallest curvature L for which the block step (L / 2) ||w - z||^2 + rho(||w||) is convex:
   * 1 / gamma for MCP, 1 / (gamma - 1) for SCAD, 0 otherwise. Block steps use at least this (times
   * a margin); a larger curvature still majorizes a smooth loss, it only shortens the step.
   *
   * @return the curvature floor
   */
  public double minimumCurvature() {
    return kind == PenaltyKind.GROUP_MCP ? 1 / gamma : kind == PenaltyKind.GROUP_SCAD ? 1 / (gamma - 1) : 0.0;
  }

  /**
   * @return whether the active-set Newton polish applies: always, since on the nonzero groups (and,
   *     for the sparse group lasso, on their nonzero entries) every penalty here is twice
   *     differentiable
   */
  public boolean smoothOnNonzeroGroups() {
    return true;
  }

  /**
   * rho'(t) of group l at level lambda: lambda omega_l for the group lasso, MCP's and SCAD's slopes.
   *
   * @param l group
   * @param t the group norm, &gt; 0
   * @param lambda the level
   * @return the slope
   */
  public double slope(int l, double t, double lambda) {
    return derivative(t, lambda * weights[l]);
  }

  /**
   * The slope of the group-norm part at t = ||w_l|| &gt; 0: {@link #slope} for the group lasso, MCP
   * and SCAD, lambda (1 - alpha) omega_l for the sparse group lasso.
   *
   * @param l group
   * @param t the group norm
   * @param lambda the level
   * @return the slope
   */
  public double groupSlope(int l, double t, double lambda) {
    return kind == PenaltyKind.SPARSE_GROUP_LASSO ? (1 - alpha) * lambda * weights[l] : slope(l, t, lambda);
  }

  /**
   * @param lambda the level
   * @return the slope of the entrywise part on a nonzero entry: lambda alpha for the sparse group
   *     lasso, 0 otherwise
   */
  public double entrySlope(double lambda) {
    return kind == PenaltyKind.SPARSE_GROUP_LASSO ? lambda * alpha : 0.0;
  }

  /**
   * rho''(t) of group l at level lambda: 0 for the group lasso, -1/gamma inside MCP's concave part,
   * -1/(gamma - 1) inside SCAD's, 0 elsewhere.
   *
   * @param l group
   * @param t the group norm, &gt; 0
   * @param lambda the level
   * @return the second derivative
   */
  public double curvature(int l, double t, double lambda) {
    double level = lambda * weights[l];
    switch (kind) {
      case GROUP_MCP:
        return t < gamma * level ? -1 / gamma : 0.0;
      case GROUP_SCAD:
        return t > level && t < gamma * level ? -1 / (gamma - 1) : 0.0;
      default:
        return 0.0;
    }
  }

  /**
   * The penalty of one block at level lambda.
   *
   * @param l group
   * @param w coefficients
   * @param from first entry of the block
   * @param m block size
   * @param lambda the level
   * @return P_l(w_l)
   */
  public double blockValue(int l, double[] w, int from, int m, double lambda) {
    double level = lambda * weights[l];
    double t = GroupOps.norm(w, from, from + m);
    switch (kind) {
      case GROUP_MCP:
        return t <= gamma * level ? level * t - t * t / (2 * gamma) : gamma * level * level / 2;
      case GROUP_SCAD:
        if (t <= level) {
          return level * t;
        }
        if (t <= gamma * level) {
          return (2 * gamma * level * t - t * t - level * level) / (2 * (gamma - 1));
        }
        return (gamma + 1) * level * level / 2;
      case SPARSE_GROUP_LASSO: {
        if (level == 0) {
          return 0.0;
        }
        double l1 = 0;
        for (int k = from; k < from + m; k++) {
          l1 += Math.abs(w[k]);
        }
        return lambda * alpha * l1 + (1 - alpha) * level * t;
      }
      default:
        return level * t;
    }
  }

  /**
   * The smallest lambda at which w_l = 0 satisfies its optimality condition for correlations c_l:
   * ||c_l|| / omega_l, and for the sparse group lasso the root of ||S(c_l, lambda alpha)|| = lambda
   * (1 - alpha) omega_l (S elementwise soft-thresholding).
   *
   * @param l group (penalized)
   * @param c correlations
   * @param from first entry of the block
   * @param m block size
   * @return the group's lambda_max
   */
  public double zeroThreshold(int l, double[] c, int from, int m) {
    double cNorm = GroupOps.norm(c, from, from + m);
    if (kind != PenaltyKind.SPARSE_GROUP_LASSO) {
      return cNorm / weights[l];
    }
    double cMax = 0;
    for (int k = from; k < from + m; k++) {
      cMax = Math.max(cMax, Math.abs(c[k]));
    }
    // g(lambda) = ||S(c, lambda alpha)|| - lambda (1 - alpha) omega decreases from ||c|| at 0; its
    // root lies below ||c|| / ((1 - alpha) omega) and below cMax / alpha (where S vanishes)
    double hi = Math.min(alpha > 0 ? cMax / alpha : Double.POSITIVE_INFINITY,
        alpha < 1 ? cNorm / ((1 - alpha) * weights[l]) : Double.POSITIVE_INFINITY);
    double lo = 0;
    for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
      double mid = 0.5 * (lo + hi);
      if (sgValue(c, from, m, mid, weights[l]) > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  private double sgValue(double[] c, int from, int m, double lambda, double weight) {
    double soft = lambda * alpha;
    double s = 0;
    for (int k = from; k < from + m; k++) {
      double v = Math.max(0.0, Math.abs(c[k]) - soft);
      s += v * v;
    }
    return Math.sqrt(s) - lambda * (1 - alpha) * weight;
  }

  /**
   * Whether the sequential strong rule keeps a group at the next lambda, given its correlations at
   * the previous solution: ||c_l|| &gt;= omega_l (2 lambda - lambda_prev) (Tibshirani et al. 2012;
   * grpreg uses the same rule for MCP and SCAD), and for the sparse group lasso
   * ||S(c_l, alpha t)|| &gt;= (1 - alpha) omega_l t with t = 2 lambda - lambda_prev.
   *
   * @param l group
   * @param c correlations
   * @param from first entry
   * @param m block size
   * @param threshold t = 2 lambda - lambda_prev
   * @return whether to keep it
   */
  public boolean strongRuleKeeps(int l, double[] c, int from, int m, double threshold) {
    if (kind != PenaltyKind.SPARSE_GROUP_LASSO) {
      return GroupOps.norm(c, from, from + m) >= weights[l] * threshold;
    }
    return sgValue(c, from, m, Math.max(threshold, 0.0), weights[l]) >= 0;
  }

  /**
   * A level such that ||c_l|| at most this certifies that w_l = 0 is optimal at lambda: lambda
   * omega_l, and lambda (1 - alpha) omega_l for the sparse group lasso (as ||S(c, a)|| &lt;= ||c||).
   *
   * @param l group
   * @param lambda the level
   * @return the certifying level
   */
  public double zeroLevel(int l, double lambda) {
    return kind == PenaltyKind.SPARSE_GROUP_LASSO ? lambda * (1 - alpha) * weights[l] : lambda * weights[l];
  }

  /**
   * @param l group
   * @return omega_l
   */
  public double weight(int l) {
    return weights[l];
  }

  /** @return a copy of the weights */
  public double[] weights() {
    return weights.clone();
  }

  /**
   * @param l group
   * @return whether omega_l &gt; 0
   */
  public boolean isPenalized(int l) {
    return weights[l] > 0;
  }

  /**
   * R(w).
   *
   * @param w coefficients by position, not modified
   * @param datafit gives the block layout
   * @return sum_l omega_l ||w_l||
   */
  public double value(double[] w, QuadraticDatafit datafit) {
    double s = 0;
    for (int l = 0; l < weights.length; l++) {
      if (weights[l] > 0) {
        s += weights[l] * GroupOps.norm(w, datafit.start(l), datafit.end(l));
      }
    }
    return s;
  }

  /**
   * The group's optimality violation: the distance of c_l = X_l^T r / n to the (local, for MCP and
   * SCAD) subdifferential of P_l at w_l. Group lasso, MCP, SCAD: ||c_l - rho'(||w_l||) w_l / ||w_l|| ||
   * when w_l != 0, max(0, ||c_l|| - lambda omega_l) when w_l = 0. Sparse group lasso: when w_l = 0,
   * max(0, ||S(c_l, lambda alpha)|| - lambda (1 - alpha) omega_l); otherwise the norm over the entries
   * of c_j - lambda alpha sign(w_j) - lambda (1 - alpha) omega_l w_j / ||w_l|| (w_j != 0) and
   * max(0, |c_j| - lambda alpha) (w_j = 0).
   *
   * @param l group
   * @param w coefficients
   * @param wFrom first entry of the block in w
   * @param c correlations
   * @param cFrom first entry of the block in c
   * @param size block size
   * @param lambda the level
   * @return the violation (absolute)
   */
  public double violation(int l, double[] w, int wFrom, double[] c, int cFrom, int size, double lambda) {
    double level = lambda * weights[l];
    double wNorm = GroupOps.norm(w, wFrom, wFrom + size);
    if (kind == PenaltyKind.SPARSE_GROUP_LASSO && level > 0) {
      double soft = lambda * alpha;
      double groupLevel = (1 - alpha) * level;
      if (wNorm == 0) {
        double s = 0;
        for (int k = 0; k < size; k++) {
          double v = Math.max(0.0, Math.abs(c[cFrom + k]) - soft);
          s += v * v;
        }
        return Math.max(0.0, Math.sqrt(s) - groupLevel);
      }
      double s = 0;
      for (int k = 0; k < size; k++) {
        double wk = w[wFrom + k];
        double d = wk != 0 ? c[cFrom + k] - Math.copySign(soft, wk) - groupLevel * wk / wNorm
            : Math.max(0.0, Math.abs(c[cFrom + k]) - soft);
        s += d * d;
      }
      return Math.sqrt(s);
    }
    if (wNorm == 0 || level == 0) {
      double cNorm = GroupOps.norm(c, cFrom, cFrom + size);
      return Math.max(0.0, cNorm - level);
    }
    double s = 0;
    double f = derivative(wNorm, level) / wNorm;
    for (int k = 0; k < size; k++) {
      double d = c[cFrom + k] - f * w[wFrom + k];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
