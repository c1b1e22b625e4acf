package org.groupsparse.regression.implicit;

/**
 * How the DGLNN trainer chooses its steps, when it stops and which groups it selects.
 *
 * <ul>
 *   <li>{@link #PAPER}: the constants of section 5 of Li et al. (ICLR 2023) as given: a fixed
 *       gamma, one global switch of Algorithm 2 to a fixed eta, a fixed patience, and selection by
 *       u_l^2 &gt; sqrt(alpha max u^2). The reproductions use this.
 *   <li>{@link #ADAPTIVE} (the default): the same parameterization and updates with every constant
 *       derived from the data so that a fit is right on users' problems without tuning; see {@link
 *       DglnnTrainer} for the rules and their justification from Theorem 3 and Lemma 3.
 * </ul>
 */
public enum DglnnSchedule {
  /** The paper's fixed constants. */
  PAPER,
  /** Steps, switch, stopping and selection derived from the data. */
  ADAPTIVE
}
