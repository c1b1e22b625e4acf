package org.groupsparse.cli;

import java.util.Locale;

/** Refuses, before allocating, work whose arrays would not fit in the JVM's heap or in a Java array. */
final class MemoryCheck {
  private MemoryCheck() {}

  /**
   * Multiplies sizes, refusing an overflow of a Java array index.
   *
   * @param what the array, for the message (e.g. "the design (--n x --p)")
   * @param factors the dimensions
   * @return the product, at most {@code Integer.MAX_VALUE - 8}
   */
  static long cells(String what, long... factors) {
    long c = 1;
    for (long f : factors) {
      if (f < 0) {
        throw new IllegalArgumentException(what + ": negative size " + f);
      }
      if (f != 0 && c > (Integer.MAX_VALUE - 8L) / f) {
        StringBuilder sb = new StringBuilder();
        for (long g : factors) {
          sb.append(sb.length() == 0 ? "" : " x ").append(g);
        }
        throw new IllegalArgumentException(what + " would have " + sb + " cells, more than one Java array holds ("
            + (Integer.MAX_VALUE - 8L) + ")");
      }
      c *= f;
    }
    return c;
  }

  /**
   * Refuses work that needs more heap than the JVM may use.
   *
   * @param what the work, for the message
   * @param bytes the estimated bytes needed
   */
  static void require(String what, double bytes) {
    long max = Runtime.getRuntime().maxMemory();
    if (bytes > 0.9 * max) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s needs about %s of memory; this JVM may use %s (raise it with GROUPSPARSE_JAVA_OPTS=-Xmx...)",
          what, human(bytes), human(max)));
    }
  }

  static String human(double bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    double v = bytes;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }
}
