package org.groupsparse.cluster;

import java.util.Arrays;

/**
 * The assignment problem on a square cost matrix by the Hungarian method (Kuhn, 1955; Munkres,
 * 1957) in its O(n^3) form with row and column potentials: each row is added in turn and a
 * shortest augmenting path (Dijkstra on reduced costs) extends the matching.
 */
final class Hungarian {
  private Hungarian() {}

  /**
   * A minimum-cost perfect matching.
   *
   * @param cost n x n costs
   * @return for each row, its column
   */
  static int[] minimumCostAssignment(long[][] cost) {
    int n = cost.length;
    long[] u = new long[n + 1];
    long[] v = new long[n + 1];
    int[] matchOfColumn = new int[n + 1]; // 1-based row matched to column j; 0 = free
    int[] way = new int[n + 1];
    long[] minSlack = new long[n + 1];
    boolean[] used = new boolean[n + 1];
    for (int row = 1; row <= n; row++) {
      matchOfColumn[0] = row;
      int column = 0;
      Arrays.fill(minSlack, Long.MAX_VALUE);
      Arrays.fill(used, false);
      do {
        used[column] = true;
        int i0 = matchOfColumn[column];
        long delta = Long.MAX_VALUE;
        int next = 0;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            long reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
            if (reduced < minSlack[j]) {
              minSlack[j] = reduced;
              way[j] = column;
            }
            if (minSlack[j] < delta) {
              delta = minSlack[j];
              next = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[matchOfColumn[j]] += delta;
            v[j] -= delta;
          } else {
            minSlack[j] -= delta;
          }
        }
        column = next;
      } while (matchOfColumn[column] != 0);
      do {
        int previous = way[column];
        matchOfColumn[column] = matchOfColumn[previous];
        column = previous;
      } while (column != 0);
    }
    int[] assignment = new int[n];
    for (int j = 1; j <= n; j++) {
      assignment[matchOfColumn[j] - 1] = j - 1;
    }
    return assignment;
  }
}
