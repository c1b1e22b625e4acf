package org.groupsparse.regression.implicit;

import org.groupsparse.regression.IterationView;

/** The current iterate of a DGLNN fit: besides w, the group scales u and the directions v. */
public interface DglnnIterationView extends IterationView {
  /**
   * Copies the group scales u (w_i = u_{g(i)}^2 v_i).
   *
   * @param out array of length L, modified
   */
  void groupScales(double[] out);

  /**
   * Copies the directions v.
   *
   * @param out array of length p, modified
   */
  void directions(double[] out);

  /** @return whether Algorithm 2 has switched to the fixed step on v */
  boolean switched();
}
