package org.groupsparse.regression.grouplasso;

import java.util.Locale;

/** The solvers of the group lasso, by their command-line names. */
public enum GroupLassoSolverKind {
  /** {@link BlockCoordinateDescent}: the default, fastest along a path. */
  BCD("bcd"),
  /** {@link ProximalGradient}: FISTA, the paper's "PGD" baseline. */
  FISTA("fista");

  private final String cliName;

  GroupLassoSolverKind(String cliName) {
    this.cliName = cliName;
  }

  /** @return the command-line name */
  public String cliName() {
    return cliName;
  }

  /**
   * @param name a command-line name
   * @return the kind
   * @throws IllegalArgumentException for an unknown name
   */
  public static GroupLassoSolverKind fromName(String name) {
    for (GroupLassoSolverKind k : values()) {
      if (k.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown group lasso solver '" + name + "'; expected bcd or fista");
  }
}
