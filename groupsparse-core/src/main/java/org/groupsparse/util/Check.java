package org.groupsparse.util;

/**
 * Uniform validation of parameters, in the message format of scikit-learn:
 * {@code 'alpha' of DglnnOptions must be in (0, inf); got -1.0}.
 *
 * <p>Every failed check throws {@link IllegalArgumentException}; the CLI maps that exception to
 * exit code 2.
 */
public final class Check {
  private Check() {}

  /** Whether an end point of an interval belongs to it. */
  public enum Bounds {
    /** {@code [lo, hi]}. */
    CLOSED,
    /** {@code (lo, hi)}. */
    OPEN,
    /** {@code [lo, hi)}. */
    CLOSED_LEFT,
    /** {@code (lo, hi]}. */
    CLOSED_RIGHT
  }

  /**
   * Checks that {@code value} lies in the interval and is not NaN.
   *
   * @param name parameter name as the user knows it
   * @param owner the class or command the parameter belongs to
   * @param value the value, not modified
   * @param lo lower end
   * @param hi upper end
   * @param bounds which end points are included
   * @return {@code value}
   */
  public static double inRange(String name, String owner, double value, double lo, double hi, Bounds bounds) {
    boolean leftOk = bounds == Bounds.CLOSED || bounds == Bounds.CLOSED_LEFT ? value >= lo : value > lo;
    boolean rightOk = bounds == Bounds.CLOSED || bounds == Bounds.CLOSED_RIGHT ? value <= hi : value < hi;
    if (Double.isNaN(value) || !leftOk || !rightOk) {
      String open = bounds == Bounds.CLOSED || bounds == Bounds.CLOSED_LEFT ? "[" : "(";
      String close = bounds == Bounds.CLOSED || bounds == Bounds.CLOSED_RIGHT ? "]" : ")";
      throw new IllegalArgumentException(
          "'" + name + "' of " + owner + " must be in " + open + fmt(lo) + ", " + fmt(hi) + close + "; got " + value);
    }
    return value;
  }

  /**
   * Checks that an integer is at least {@code min}.
   *
   * @param name parameter name
   * @param owner owning class or command
   * @param value the value
   * @param min smallest allowed value
   * @return {@code value}
   */
  public static int atLeast(String name, String owner, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(
          "'" + name + "' of " + owner + " must be an integer >= " + min + "; got " + value);
    }
    return value;
  }

  /**
   * Checks a condition and throws with the given message when it does not hold.
   *
   * @param condition what must hold
   * @param message the message of the exception
   */
  public static void argument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String fmt(double v) {
    if (v == Double.POSITIVE_INFINITY) {
      return "inf";
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return "-inf";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
