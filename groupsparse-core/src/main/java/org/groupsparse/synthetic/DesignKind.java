package org.groupsparse.synthetic;

/** Distribution of the i.i.d. entries of a simulated design matrix. */
public enum DesignKind {
  /** +1 or -1 with probability 1/2 each (section 5 of Li et al., ICLR 2023). */
  RADEMACHER,
  /** Standard normal (appendix E.3). */
  GAUSSIAN;

  /**
   * @param name rademacher or gaussian, any case
   * @return the kind
   */
  public static DesignKind parse(String name) {
    for (DesignKind k : values()) {
      if (k.name().equalsIgnoreCase(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown design '" + name + "'; expected rademacher or gaussian");
  }
}
