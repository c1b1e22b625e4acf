package org.groupsparse.linalg;

import dev.ludovic.netlib.arpack.ARPACK;
import java.util.SplittableRandom;
import org.netlib.util.doubleW;
import org.netlib.util.intW;

/**
 * The largest eigenpairs of a symmetric operator by the implicitly restarted Lanczos method
 * (ARPACK's {@code dsaupd}/{@code dseupd}, reverse communication, regular mode), through
 * dev.ludovic.netlib:arpack (native ARPACK when installed, its Java translation otherwise). Only
 * products {@code y = W x} are needed, so a 10,000-node graph with millions of edges costs
 * {@code O(nnz)} per step and no dense matrix is ever formed.
 *
 * <p>The starting vector is drawn from an explicit seed (ARPACK's own random start depends on how
 * often it has been called in the process), so results are reproducible.
 */
public final class LanczosEigensolver {
  private LanczosEigensolver() {}

  /** A symmetric linear operator y = W x on storage with offsets. */
  @FunctionalInterface
  public interface SymmetricOperator {
    /**
     * y = W x.
     *
     * @param x input storage
     * @param xOffset first entry of x
     * @param y output storage
     * @param yOffset first entry of y
     */
    void apply(double[] x, int xOffset, double[] y, int yOffset);
  }

  /**
   * Eigenpairs, largest eigenvalue first.
   *
   * @param values the eigenvalues, descending
   * @param vectors the unit eigenvectors, {@code order x count}, column j for values[j]
   * @param restarts the number of Arnoldi update iterations ARPACK took
   * @param products the number of operator products
   */
  public record Eigenpairs(double[] values, DenseMatrix vectors, int restarts, int products) {}

  /**
   * The {@code count} algebraically largest eigenpairs.
   *
   * @param operator the operator
   * @param order its order n
   * @param count how many pairs (1 &le; count &lt; n)
   * @param tolerance ARPACK's relative accuracy of the Ritz values (0 = machine precision)
   * @param maxRestarts the cap on restarts
   * @param seed seed of the starting vector
   * @return the eigenpairs
   * @throws IllegalStateException when ARPACK reports an error or does not converge
   */
  public static Eigenpairs largest(SymmetricOperator operator, int order, int count, double tolerance,
      int maxRestarts, long seed) {
    if (count < 1 || count >= order) {
      throw new IllegalArgumentException("count must be in [1, order): count=" + count + ", order=" + order);
    }
    ARPACK arpack = ARPACK.getInstance();
    int ncv = Math.min(order, Math.max(2 * count + 1, 4 * count));
    ncv = Math.min(order, Math.max(ncv, Math.min(order, 20)));
    double[] resid = new double[order];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < order; i++) {
      resid[i] = random.nextDouble() - 0.5;
    }
    double[] v = new double[order * ncv];
    int[] iparam = new int[11];
    iparam[0] = 1; // exact shifts
    iparam[2] = maxRestarts;
    iparam[6] = 1; // regular mode: OP = W
    int[] ipntr = new int[11];
    double[] workd = new double[3 * order];
    int lworkl = ncv * (ncv + 8);
    double[] workl = new double[lworkl];
    intW ido = new intW(0);
    intW info = new intW(1); // 1: use resid as the start
    doubleW tol = new doubleW(tolerance);
    int products = 0;
    while (true) {
      arpack.dsaupd(ido, "I", order, "LA", count, tol, resid, ncv, v, order, iparam, ipntr, workd, workl, lworkl, info);
      if (ido.val == -1 || ido.val == 1) {
        operator.apply(workd, ipntr[0] - 1, workd, ipntr[1] - 1);
        products++;
      } else {
        break;
      }
    }
    if (info.val < 0) {
      throw new IllegalStateException("ARPACK dsaupd failed with info=" + info.val);
    }
    if (info.val == 1) {
      throw new IllegalStateException("ARPACK did not converge in " + maxRestarts + " restarts ("
          + iparam[4] + " of " + count + " eigenpairs converged)");
    }
    double[] d = new double[count];
    double[] z = new double[order * count];
    boolean[] select = new boolean[ncv];
    intW ierr = new intW(0);
    arpack.dseupd(true, "A", select, d, z, order, 0.0, "I", order, "LA", new intW(count), tol.val, resid, ncv, v,
        order, iparam, ipntr, workd, workl, lworkl, ierr);
    if (ierr.val != 0) {
      throw new IllegalStateException("ARPACK dseupd failed with info=" + ierr.val);
    }
    // dseupd returns ascending eigenvalues and column-major vectors; reorder to descending, row-major.
    Integer[] order0 = new Integer[count];
    for (int j = 0; j < count; j++) {
      order0[j] = j;
    }
    java.util.Arrays.sort(order0, (a, b) -> Double.compare(d[b], d[a]));
    double[] values = new double[count];
    double[] vectors = new double[order * count];
    for (int jj = 0; jj < count; jj++) {
      int j = order0[jj];
      values[jj] = d[j];
      for (int i = 0; i < order; i++) {
        vectors[i * count + jj] = z[j * order + i];
      }
    }
    return new Eigenpairs(values, new DenseMatrix(order, count, vectors), iparam[2], products);
  }
}
