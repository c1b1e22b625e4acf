package org.groupsparse.regression.implicit;

/** How the direction vector v of the diagonally grouped linear network starts. */
public enum DirectionInit {
  /** v_l(0) = 1/sqrt(p_l) on every entry: unit norm per group (default for Algorithms 1 and 2). */
  UNIFORM_UNIT,
  /**
   * v_l(0) proportional to X_l^T y / n, normalized per group (Lemma 3: this direction is close to
   * v_l^*); a group with zero correlation falls back to 1/sqrt(p_l).
   */
  CORRELATION,
  /** v(0) = 0 (only for plain gradient descent; figure 7, left and middle). */
  ZERO,
  /** v(0) = scale on every entry (figure 7, right, with scale 1e-3). */
  CONSTANT,
  /** v(0) uniform on [-scale, scale], from the seed. */
  RANDOM_UNIFORM
}
