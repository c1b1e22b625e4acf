package org.groupsparse.regression.grouplasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.groupsparse.TestData;
import org.groupsparse.data.Dataset;
import org.groupsparse.data.Standardization;
import org.groupsparse.groups.GroupStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lasso's active-set polish (every group one column): an exact Newton step on the orthant of the
 * current signs, cut where a coefficient reaches zero, with an updated factor of G_AA. Checked by
 * the optimality conditions computed here from a fresh residual, by the objective of the solver
 * without the polish, and by the work it saves.
 */
class LassoPolishTest {
  private record Problem(LeastSquaresDatafit f, GroupNormPenalty penalty, int[] working, double lambdaMax) {}

  /**
   * A wide, correlated lasso problem: n rows, p columns with a shared factor (pairwise correlation
   * about 0.4) and unequal scales, 60 true coefficients, noise sd 0.5.
   */
  private static Problem problem(int n, int p, double[] weights, SplittableRandom rng) {
    GroupStructure groups = GroupStructure.contiguous(1, p, false);
    double[] x = TestData.gaussian(n, p, rng).data();
    double[] shared = TestData.gaussian(n, rng);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i * p + j] = (0.8 * x[i * p + j] + 0.65 * shared[i]) * (1 + j % 7);
      }
    }
    double[] y = new double[n];
    for (int t = 0; t < 60; t++) {
      int j = rng.nextInt(p);
      double beta = (rng.nextBoolean() ? 1 : -1) * (0.5 + rng.nextDouble()) / (1 + j % 7);
      for (int i = 0; i < n; i++) {
        y[i] += beta * x[i * p + j];
      }
    }
    for (int i = 0; i < n; i++) {
      y[i] += 0.5 * rng.nextGaussian();
    }
    Dataset data = GroupLassoPathTest.dataset(new org.groupsparse.linalg.DenseMatrix(n, p, x), y);
    Standardization std = Standardization.fit(data, true, true, false);
    Dataset t = std.apply(data);
    LeastSquaresDatafit f = new LeastSquaresDatafit(t.design(), t.response(), groups);
    GroupNormPenalty penalty = new GroupNormPenalty(weights == null ? groups.defaultWeights() : weights);
    int[] working = new int[p];
    double[] b = new double[p];
    f.correlation(f.response(), b, null);
    double lambdaMax = 0;
    for (int l = 0; l < p; l++) {
      working[l] = l;
      if (penalty.isPenalized(l)) {
        lambdaMax = Math.max(lambdaMax, Math.abs(b[l]) / penalty.weight(l));
      }
    }
    return new Problem(f, penalty, working, lambdaMax);
  }

  /** The solver's optimum from zero at lambda, to 1e-12 lambda by its own measure, the polish on or off. */
  private static double[] optimum(Problem pr, double lambda, UpdateType updates, boolean polish) {
    double[] w = new double[pr.f().cols()];
    BlockCoordinateDescent solver = new BlockCoordinateDescent(BlockUpdate.EXACT, updates);
    solver.polish(polish);
    solver.solve(pr.f(), pr.penalty(), lambda, pr.working(), w.length, w, pr.f().response().clone(), 1e-12 * lambda,
        500_000);
    return w;
  }

  /** The worst KKT violation from a residual recomputed from w, and the objective. */
  private static double[] violationAndObjective(Problem pr, double lambda, double[] w) {
    LeastSquaresDatafit f = pr.f();
    int n = f.rows();
    int p = f.cols();
    double[] r = new double[n];
    f.residual(w, r);
    double[] c = new double[p];
    f.correlation(r, c, null);
    double worst = 0;
    double value = 0;
    for (double v : r) {
      value += v * v;
    }
    value /= 2.0 * n;
    for (int j = 0; j < p; j++) {
      double level = lambda * pr.penalty().weight(j);
      double v = w[j] != 0 ? Math.abs(c[j] - Math.copySign(level, w[j])) : Math.max(0, Math.abs(c[j]) - level);
      worst = Math.max(worst, v);
      value += level * Math.abs(w[j]);
    }
    return new double[] {worst, value};
  }

  @ParameterizedTest
  @ValueSource(strings = {"NAIVE", "COVARIANCE", "FULL_GRAM"})
  void thePolishedSolveReachesTheSameOptimumInAFractionOfTheSweeps(String mode) {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 120;
    int p = 300;
    Problem pr = problem(n, p, null, rng);
    double lambda = 0.01 * pr.lambdaMax();
    double[] objective = new double[2];
    int[] iterations = new int[2];
    int nonzero = 0;
    for (int run = 0; run < 2; run++) {
      BlockCoordinateDescent solver = new BlockCoordinateDescent(BlockUpdate.EXACT,
          mode.equals("NAIVE") ? UpdateType.NAIVE : UpdateType.COVARIANCE);
      solver.polish(run == 0);
      double[] w = new double[p];
      if (mode.equals("FULL_GRAM")) {
        double[] b = new double[p];
        pr.f().correlation(pr.f().response(), b, null);
        double[] c = b.clone();
        iterations[run] = solver.solveGram(pr.f(), pr.penalty(), lambda, pr.working(), p, w, c, b, 1e-10 * lambda,
            200_000);
      } else {
        double[] r = pr.f().response().clone();
        iterations[run] = solver.solve(pr.f(), pr.penalty(), lambda, pr.working(), p, w, r, 1e-10 * lambda, 200_000);
      }
      double[] vo = violationAndObjective(pr, lambda, w);
      assertThat(vo[0]).as("run %d violation", run).isLessThanOrEqualTo(1e-8 * lambda);
      objective[run] = vo[1];
      if (run == 0) {
        for (double v : w) {
          nonzero += v != 0 ? 1 : 0;
        }
      }
    }
    assertThat(nonzero).as("nonzero coefficients").isGreaterThan(40);
    assertThat(objective[0]).isCloseTo(objective[1], within(1e-12 * objective[1]));
    assertThat(iterations[0]).as("polished %d vs plain %d iterations", iterations[0], iterations[1])
        .isLessThan(iterations[1] / 3);
  }

  /**
   * Warm-started at the next lambda, the lasso's sweeps move only zero coefficients that violate
   * (the columns joining) and leave the nonzero ones to the exact polish that follows: no sweep moves
   * a nonzero coefficient, and the solve still ends optimal with the new columns in. Without the
   * polish the sweeps move the nonzero coefficients hundreds of times (so the count is live).
   */
  @ParameterizedTest
  @ValueSource(strings = {"NAIVE", "COVARIANCE"})
  void aWarmSolveMovesOnlyTheJoiningCoefficientsAndLeavesTheRestToThePolish(String mode) {
    SplittableRandom rng = new SplittableRandom(17);
    int n = 120;
    int p = 300;
    Problem pr = problem(n, p, null, rng);
    UpdateType updates = mode.equals("NAIVE") ? UpdateType.NAIVE : UpdateType.COVARIANCE;
    double lambda1 = 0.03 * pr.lambdaMax();
    double[] w1 = optimum(pr, lambda1, updates, true);
    double lambda2 = 0.85 * lambda1;
    int[] moves = new int[2];
    for (int run = 0; run < 2; run++) {
      double[] w = w1.clone();
      double[] r = new double[n];
      pr.f().residual(w, r);
      BlockCoordinateDescent solver = new BlockCoordinateDescent(BlockUpdate.EXACT, updates);
      solver.polish(run == 0);
      solver.solve(pr.f(), pr.penalty(), lambda2, pr.working(), p, w, r, 1e-9 * lambda2, 200_000);
      // without the polish the sweeps stop at their own measure (before each move): within 10 x
      assertThat(violationAndObjective(pr, lambda2, w)[0]).as("run %d", run)
          .isLessThanOrEqualTo((run == 0 ? 1 : 10) * 1e-9 * lambda2);
      int joined = 0;
      for (int j = 0; j < p; j++) {
        joined += w1[j] == 0 && w[j] != 0 ? 1 : 0;
      }
      assertThat(joined).as("columns joining at the new lambda").isPositive();
      moves[run] = solver.nonzeroMoves();
    }
    assertThat(moves[0]).as("sweep moves of nonzero coefficients, with the polish").isZero();
    assertThat(moves[1]).as("without it").isGreaterThan(100);
  }

  /**
   * At a loose tolerance the polish still runs when the nonzero coefficients are within the
   * tolerance but not settled (above 1% of it), so the solve leaves them exact: an exact warm start
   * for the next lambda (skipping it there made a loose --tol slower than the default: the next
   * lambdas' polishes had more sign changes to undo). The start is the optimum with its nonzero
   * coefficients scaled by 1 + 1e-6 (their violation V, the tolerance 2 V), solved by the solver
   * that found the optimum: its opening polish makes them exact, where before it was skipped and
   * the first sweep, within the tolerance, ended the solve with them at V.
   */
  @ParameterizedTest
  @ValueSource(strings = {"NAIVE", "COVARIANCE"})
  void aLooseToleranceStillPolishesTheNonzeroCoefficientsToExactness(String mode) {
    SplittableRandom rng = new SplittableRandom(13);
    int n = 120;
    int p = 300;
    Problem pr = problem(n, p, null, rng);
    UpdateType updates = mode.equals("NAIVE") ? UpdateType.NAIVE : UpdateType.COVARIANCE;
    double lambda = 0.03 * pr.lambdaMax();
    // the optimum by the solver that continues (a solver whose last solve polished opens the next
    // with a polish, as along a path)
    BlockCoordinateDescent solver = new BlockCoordinateDescent(BlockUpdate.EXACT, updates);
    double[] start = new double[p];
    solver.solve(pr.f(), pr.penalty(), lambda, pr.working(), p, start, pr.f().response().clone(), 1e-12 * lambda,
        500_000);
    for (int j = 0; j < p; j++) {
      start[j] *= 1 + 1e-6;
    }
    double scaled = supportViolation(pr, lambda, start, correlations(pr, start));
    double tolerance = 2 * scaled;
    assertThat(scaled).as("the violation V, not settled").isGreaterThan(1e-9 * lambda)
        .isGreaterThan(10 * BlockCoordinateDescent.SETTLED * tolerance);
    assertThat(violationAndObjective(pr, lambda, start)[0]).as("the start's violation, all columns")
        .isLessThanOrEqualTo(tolerance);
    double[] w = start.clone();
    double[] r = new double[n];
    pr.f().residual(w, r);
    solver.solve(pr.f(), pr.penalty(), lambda, pr.working(), p, w, r, tolerance, 200_000);
    assertThat(supportViolation(pr, lambda, w, correlations(pr, w))).as("the nonzero coefficients' violation")
        .isLessThanOrEqualTo(1e-9 * lambda);
  }

  /** c = X^T r / n from a residual recomputed from w. */
  private static double[] correlations(Problem pr, double[] w) {
    double[] r = new double[pr.f().rows()];
    pr.f().residual(w, r);
    double[] c = new double[pr.f().cols()];
    pr.f().correlation(r, c, null);
    return c;
  }

  /** The worst KKT violation over the nonzero coefficients: |c_j - lambda sign(w_j)| (unit weights). */
  private static double supportViolation(Problem pr, double lambda, double[] w, double[] c) {
    double worst = 0;
    for (int j = 0; j < w.length; j++) {
      if (w[j] != 0) {
        worst = Math.max(worst, Math.abs(c[j] - Math.copySign(lambda * pr.penalty().weight(j), w[j])));
      }
    }
    return worst;
  }

  /**
   * A solve started at a point whose every block is settled (KKT violation at most
   * BlockCoordinateDescent.SETTLED times the tolerance) leaves it exactly as it is: one sweep that
   * reports convergence and moves nothing, where moving the blocks by their rounding-level
   * violations would change w's bits. Its conditions, recomputed from a fresh residual, hold.
   */
  @ParameterizedTest
  @ValueSource(strings = {"NAIVE", "COVARIANCE"})
  void settledBlocksAreNotMovedAgain(String mode) {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 120;
    int p = 300;
    Problem pr = problem(n, p, null, rng);
    double lambda = 0.02 * pr.lambdaMax();
    UpdateType updates = mode.equals("NAIVE") ? UpdateType.NAIVE : UpdateType.COVARIANCE;
    double[] w = optimum(pr, lambda, updates, true);
    double[] vo = violationAndObjective(pr, lambda, w);
    assertThat(vo[0]).as("first solve's violation").isLessThanOrEqualTo(1e-11 * lambda).isGreaterThan(0.0);
    double tolerance = 1e-6 * lambda;
    assertThat(vo[0]).isLessThan(BlockCoordinateDescent.SETTLED * tolerance);
    double[] again = w.clone();
    double[] r2 = new double[n];
    pr.f().residual(again, r2);
    int used = new BlockCoordinateDescent(BlockUpdate.EXACT, updates)
        .solve(pr.f(), pr.penalty(), lambda, pr.working(), p, again, r2, tolerance, 200_000);
    assertThat(used).as("iterations").isEqualTo(1);
    for (int j = 0; j < p; j++) {
      assertThat(Double.doubleToRawLongBits(again[j])).as("w[%d]", j).isEqualTo(Double.doubleToRawLongBits(w[j]));
    }
    assertThat(violationAndObjective(pr, lambda, again)[0]).isLessThanOrEqualTo(tolerance);
  }

  /**
   * The path's shortcuts into a covariance-mode solve: correlations handed in for the groups with
   * the valid stamp (computed as the solver would, so the solve's bits are unchanged) are taken
   * instead of recomputed, and the ones with another stamp are not; without the residual's update
   * on exit, r is left as it was passed. Handing in wrong values with the valid stamp changes the
   * result, so the test sees whether they are read at all.
   */
  @Test
  void knownCorrelationsAreTakenOnlyWithTheirStampAndChangeNoBit() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 150;
    int p = 120;
    Problem pr = problem(n, p, null, rng);
    double lambda = 0.05 * pr.lambdaMax();
    int[] stamp = new int[p];
    double[] exact = new double[p];
    double[] r0 = pr.f().response().clone();
    for (int l = 0; l < p; l++) {
      stamp[l] = l % 3 == 0 ? 7 : -2;
      pr.f().groupCorrelation(l, r0, exact, l);
    }
    double[] plain = new double[p];
    new BlockCoordinateDescent(BlockUpdate.EXACT, UpdateType.COVARIANCE)
        .solve(pr.f(), pr.penalty(), lambda, pr.working(), p, plain, r0.clone(), 1e-9 * lambda, 100_000);
    // exact values handed in: the same bits
    double[] viaKnown = new double[p];
    double[] r = r0.clone();
    BlockCoordinateDescent solver = new BlockCoordinateDescent(BlockUpdate.EXACT, UpdateType.COVARIANCE);
    solver.knownCorrelations(exact, stamp, 7);
    solver.solve(pr.f(), pr.penalty(), lambda, pr.working(), p, viaKnown, r, 1e-9 * lambda, 100_000, false);
    for (int j = 0; j < p; j++) {
      assertThat(Double.doubleToRawLongBits(viaKnown[j])).as("w[%d]", j).isEqualTo(Double.doubleToRawLongBits(plain[j]));
    }
    assertThat(r).as("r left as passed").containsExactly(r0);
    // wrong values under another stamp: ignored
    double[] wrong = new double[p];
    java.util.Arrays.fill(wrong, 1e3);
    double[] ignored = new double[p];
    solver = new BlockCoordinateDescent(BlockUpdate.EXACT, UpdateType.COVARIANCE); // a fresh one: a solver keeps state
    solver.knownCorrelations(wrong, stamp, 8);
    solver.solve(pr.f(), pr.penalty(), lambda, pr.working(), p, ignored, r0.clone(), 1e-9 * lambda, 100_000, true);
    assertThat(ignored).containsExactly(plain);
    // wrong values under the valid stamp: read (the solve starts from them and ends elsewhere)
    double[] misled = new double[p];
    solver = new BlockCoordinateDescent(BlockUpdate.EXACT, UpdateType.COVARIANCE);
    solver.knownCorrelations(wrong, stamp, 7);
    solver.solve(pr.f(), pr.penalty(), lambda, pr.working(), p, misled, r0.clone(), 1e-9 * lambda, 100_000, true);
    assertThat(misled).isNotEqualTo(plain);
  }

  /**
   * A full cache makes room for the factor: a covariance-mode solve on 2040 columns (all but the 60
   * most correlated with y, forced covariance updates) fills the cache, then a warm solve on all 2100
   * columns at a smaller lambda runs naive updates (the working set is wider than the cache's 2048)
   * while the most
   * correlated columns join the factor. The cache cannot add them to its 2040, so it keeps only the
   * factor's columns and adds them then; the solve reaches the same optimum, in as few iterations, as
   * one whose factor forms its Gram entries from the rows.
   */
  @Test
  void aFullCacheKeepsOnlyTheFactorsColumnsAndThePolishStaysExact() {
    SplittableRandom rng = new SplittableRandom(29);
    int n = 300;
    int p = 2100;
    Problem pr = problem(n, p, null, rng);
    double[] b = new double[p];
    pr.f().correlation(pr.f().response(), b, null);
    Integer[] byCorrelation = new Integer[p];
    for (int j = 0; j < p; j++) {
      byCorrelation[j] = j;
    }
    java.util.Arrays.sort(byCorrelation, (u, v) -> Double.compare(Math.abs(b[u]), Math.abs(b[v])));
    int[] first = new int[p - 60];
    for (int a = 0; a < first.length; a++) {
      first[a] = byCorrelation[a]; // all but the 60 most correlated columns
    }
    java.util.Arrays.sort(first);
    double lambda = 0.1 * pr.lambdaMax();
    double[] objective = new double[2];
    int[] iterations = new int[2];
    for (int run = 0; run < 2; run++) {
      boolean inCache = run == 0;
      // covariance updates while the working set fits the cache's 2048 columns, naive beyond
      BlockCoordinateDescent solver = new BlockCoordinateDescent(BlockUpdate.EXACT, UpdateType.COVARIANCE);
      solver.factorInCache(inCache);
      double[] w = new double[p];
      double[] r = pr.f().response().clone();
      solver.solve(pr.f(), pr.penalty(), 0.3 * pr.lambdaMax(), first, first.length, w, r, 1e-10 * lambda, 200_000);
      int filled = solver.cachedColumns();
      iterations[run] = solver.solve(pr.f(), pr.penalty(), lambda, pr.working(), p, w, r, 1e-10 * lambda, 200_000);
      double[] vo = violationAndObjective(pr, lambda, w);
      assertThat(vo[0]).as("run %d violation", run).isLessThanOrEqualTo(1e-8 * lambda);
      objective[run] = vo[1];
      if (inCache) {
        assertThat(filled).as("columns cached by the first solve").isEqualTo(first.length);
        int nonzero = 0;
        for (double v : w) {
          nonzero += v != 0 ? 1 : 0;
        }
        assertThat(solver.cachedColumns()).as("after the second (%d nonzero)", nonzero)
            .isGreaterThanOrEqualTo(nonzero).isLessThan(first.length);
      }
    }
    assertThat(objective[0]).isCloseTo(objective[1], within(1e-12 * objective[1]));
    assertThat(iterations[0]).as("factor in the cache %d vs from the rows %d iterations", iterations[0], iterations[1])
        .isLessThanOrEqualTo(iterations[1] + 2);
  }

  /**
   * Wider than ActiveSetNewton.FULL_GRAM_COLUMNS with naive updates, no Gram matrix of the working
   * set is kept: the entries of columns joining the factor are either formed in blocks (each factor
   * column read once for all joining columns) or put in the covariance cache for the factor alone
   * (ActiveSetNewton#holdFactorInCache, the default). Either way the polished solve reaches the same
   * optimum as with the working set's Gram cache (covariance updates), in as few iterations, which it
   * would not if the factor were off.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void blockFormedGramEntriesGiveAnExactPolish(boolean factorInCache) {
    SplittableRandom rng = new SplittableRandom(21);
    int n = 80;
    int p = ActiveSetNewton.FULL_GRAM_COLUMNS + 40; // within the Gram cache's 2048 columns
    Problem pr = problem(n, p, null, rng);
    double lambda = 0.05 * pr.lambdaMax();
    double[] objective = new double[2];
    int[] iterations = new int[2];
    int nonzero = 0;
    UpdateType[] modes = {UpdateType.NAIVE, UpdateType.COVARIANCE};
    for (int run = 0; run < 2; run++) {
      double[] w = new double[p];
      double[] r = pr.f().response().clone();
      BlockCoordinateDescent solver = new BlockCoordinateDescent(BlockUpdate.EXACT, modes[run]);
      solver.factorInCache(factorInCache);
      iterations[run] = solver.solve(pr.f(), pr.penalty(), lambda, pr.working(), p, w, r, 1e-10 * lambda, 200_000);
      double[] vo = violationAndObjective(pr, lambda, w);
      assertThat(vo[0]).as("%s violation", modes[run]).isLessThanOrEqualTo(1e-8 * lambda);
      objective[run] = vo[1];
      if (run == 0) {
        for (double v : w) {
          nonzero += v != 0 ? 1 : 0;
        }
        // naive mode: the cache holds the factor's columns only when the polish put them there
        if (factorInCache) {
          assertThat(solver.cachedColumns()).as("columns cached").isGreaterThanOrEqualTo(nonzero).isLessThan(p);
        } else {
          assertThat(solver.cachedColumns()).as("columns cached").isZero();
        }
      }
    }
    assertThat(nonzero).as("nonzero coefficients").isGreaterThan(ActiveSetNewton.BLOCK_GRAM_MIN * 4);
    assertThat(objective[0]).isCloseTo(objective[1], within(1e-12 * objective[1]));
    assertThat(iterations[0]).as("naive %d vs covariance %d iterations", iterations[0], iterations[1])
        .isLessThanOrEqualTo(iterations[1] + 2);
  }

  /**
   * One polish on the optimum's support and signs, from a point off the optimum, lands on it: the
   * conditions on the support hold to rounding after it, with no sweep. From a point whose signs are
   * partly wrong the step is cut where a coefficient reaches zero: it is then exactly zero, and the
   * objective has fallen.
   */
  @Test
  void onTheRightSignsOnePolishIsExactAndACutStepLowersTheObjective() {
    SplittableRandom rng = new SplittableRandom(8);
    int n = 100;
    int p = 160;
    double[] weights = GroupStructure.contiguous(1, p, false).defaultWeights();
    weights[5] = 0; // an unpenalized column stays in the set
    Problem pr = problem(n, p, weights, rng);
    double lambda = 0.05 * pr.lambdaMax();
    double[] optimum = optimum(pr, lambda, UpdateType.NAIVE, false);
    assertThat(optimum[5]).isNotZero();

    // the same support and signs, perturbed: one exact step
    double[] w = optimum.clone();
    for (int j = 0; j < p; j++) {
      if (w[j] != 0) {
        w[j] *= 1 + 0.3 * rng.nextDouble();
      }
    }
    ActiveSetNewton newton = new ActiveSetNewton();
    double[] r = new double[n];
    pr.f().residual(w, r);
    int steps = newton.polishLasso(pr.f(), pr.penalty(), lambda, pr.working(), p, w, 1e-12 * lambda, n,
        residualCorrelations(pr.f(), r));
    assertThat(steps).isEqualTo(1);
    assertThat(violationAndObjective(pr, lambda, w)[0]).isLessThan(1e-10 * lambda);
    double[] fresh = new double[n];
    pr.f().residual(w, fresh);
    for (int i = 0; i < n; i++) {
      assertThat(r[i]).as("the residual moved with w").isCloseTo(fresh[i], within(1e-11));
    }
    for (int j = 0; j < p; j++) {
      assertThat(w[j]).isCloseTo(optimum[j], within(1e-8));
    }

    // flip the sign of a few coefficients: the step is cut where the first one reaches zero
    double[] start = optimum.clone();
    int flipped = 0;
    for (int j = 0; j < p && flipped < 3; j++) {
      if (start[j] != 0 && j != 5) {
        start[j] = -0.5 * start[j];
        flipped++;
      }
    }
    double[] w2 = start.clone();
    double[] r2 = new double[n];
    pr.f().residual(w2, r2);
    double before = violationAndObjective(pr, lambda, w2)[1];
    newton.polishLasso(pr.f(), pr.penalty(), lambda, pr.working(), p, w2, 1e-12 * lambda, n,
        residualCorrelations(pr.f(), r2));
    double after = violationAndObjective(pr, lambda, w2)[1];
    assertThat(after).isLessThan(before);
    int zeroed = 0;
    for (int j = 0; j < p; j++) {
      if (start[j] != 0 && w2[j] == 0) {
        zeroed++;
      }
      if (start[j] == 0) {
        assertThat(w2[j]).as("a zero coefficient stays zero: the polish moves the set's").isZero();
      }
      if (w2[j] != 0 && j != 5) {
        assertThat(Math.signum(w2[j])).as("sign of %d", j).isEqualTo(Math.signum(start[j]));
      }
    }
    assertThat(zeroed).isPositive();
  }

  /**
   * From the optimum with a third of its signs flipped, the full Newton step carries many
   * coefficients across zero at once: the projected step removes them together where the homotopy
   * removed one per step (so fewer steps than coefficients removed; with one removal per step there
   * would be at least one more step than removals), and the polish still ends at the minimizer on its
   * final orthant: zero coefficients stay zero, no sign changes, and c_j = lambda sign(w_j) on every
   * nonzero penalized coefficient to rounding, with a lower objective.
   */
  @Test
  void manyCrossingsLeaveTogetherAndThePolishStillEndsAtItsOrthantsMinimizer() {
    SplittableRandom rng = new SplittableRandom(12);
    int n = 200;
    int p = 300;
    Problem pr = problem(n, p, null, rng);
    double lambda = 0.02 * pr.lambdaMax();
    double[] start = optimum(pr, lambda, UpdateType.NAIVE, true);
    int nonzero = 0;
    for (int j = 0; j < p; j++) {
      if (start[j] != 0 && nonzero++ % 3 == 0) {
        start[j] = -start[j];
      }
    }
    assertThat(nonzero).isGreaterThan(60);
    double[] w = start.clone();
    double[] r = new double[n];
    pr.f().residual(w, r);
    double before = violationAndObjective(pr, lambda, w)[1];
    int steps = new ActiveSetNewton().polishLasso(pr.f(), pr.penalty(), lambda, pr.working(), p, w, 1e-12 * lambda, n,
        residualCorrelations(pr.f(), r));
    int removed = 0;
    for (int j = 0; j < p; j++) {
      if (start[j] == 0) {
        assertThat(w[j]).as("a zero coefficient stays zero").isZero();
      } else if (w[j] == 0) {
        removed++;
      } else {
        assertThat(Math.signum(w[j])).as("sign of %d", j).isEqualTo(Math.signum(start[j]));
      }
    }
    assertThat(removed).isGreaterThan(5);
    assertThat(steps).as("steps, with %d coefficients removed", removed).isLessThan(removed);
    double[] fresh = new double[n];
    pr.f().residual(w, fresh);
    double[] c = new double[p];
    pr.f().correlation(fresh, c, null);
    for (int j = 0; j < p; j++) {
      if (w[j] != 0) {
        assertThat(c[j]).as("c_%d on the final orthant", j).isCloseTo(lambda * Math.signum(w[j]), within(1e-9 * lambda));
      }
    }
    assertThat(violationAndObjective(pr, lambda, w)[1]).isLessThan(before);
  }

  private static ActiveSetNewton.Correlations residualCorrelations(LeastSquaresDatafit f, double[] r) {
    int n = f.rows();
    double[] columns = f.columnsView();
    return new ActiveSetNewton.Correlations() {
      @Override
      public double get(int position) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += columns[position * n + i] * r[i];
        }
        return s / n;
      }

      @Override
      public void move(int position, double delta) {
        for (int i = 0; i < n; i++) {
          r[i] -= delta * columns[position * n + i];
        }
      }
    };
  }

  /**
   * A wide lasso path whose last lambdas have more nonzero coefficients than a quarter of the rows,
   * with unpenalized and zero-weight columns scattered among them: certified along the path by the
   * independent {@link KktChecker}.
   */
  @Test
  void aWideLassoPathWithUnpenalizedColumnsHoldsItsConditionsEverywhere() {
    SplittableRandom rng = new SplittableRandom(12);
    int n = 90;
    int p = 400;
    GroupStructure groups = GroupStructure.contiguous(1, p, false);
    Dataset data = GroupLassoPathTest.randomProblem(n, groups, rng);
    double[] weights = groups.defaultWeights();
    weights[17] = 0;
    weights[230] = 0;
    weights[399] = 0.5;
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().lambdaCount(40).lambdaMinRatio(0.01)
        .weights(weights).build()).fit(data, groups, null);
    GroupLassoPathTest.assertKktAlongPath(path, data);
    assertThat(path.activeGroups()[path.size() - 1]).isGreaterThan(n / 4);
  }

  /**
   * A path on a design beyond {@link LeastSquaresDatafit#APPROXIMATE_PASS_ENTRIES}, where zero groups are
   * certified from the float32 pass: every lambda still satisfies its conditions computed in double
   * by the independent {@link KktChecker}, for the lasso and for groups of 4.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void theFloatCertificationPassLeavesEveryLambdaOptimal(int size) {
    SplittableRandom rng = new SplittableRandom(31);
    int n = 120;
    int p = 9000;
    assertThat((long) n * p).isGreaterThanOrEqualTo(LeastSquaresDatafit.APPROXIMATE_PASS_ENTRIES);
    GroupStructure groups = GroupStructure.contiguous(size, p, false);
    double[] x = TestData.gaussian(n, p, rng).data();
    double[] y = new double[n];
    for (int t = 0; t < 30; t++) {
      int j = rng.nextInt(p);
      for (int i = 0; i < n; i++) {
        y[i] += (rng.nextBoolean() ? 1 : -1) * x[i * p + j];
      }
    }
    for (int i = 0; i < n; i++) {
      y[i] += rng.nextGaussian();
    }
    Dataset data = GroupLassoPathTest.dataset(new org.groupsparse.linalg.DenseMatrix(n, p, x), y);
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().lambdaCount(25).lambdaMinRatio(0.05)
        .build()).fit(data, groups, null);
    GroupLassoPathTest.assertKktAlongPath(path, data);
    assertThat(path.activeGroups()[path.size() - 1]).isGreaterThan(10);
  }

  /**
   * Duplicated and collinear columns (dummy coding with every level, copies of a column): the
   * dependent column stays out of the factor and fixed, so the polish still solves for the others;
   * the path holds its conditions at every lambda and the polished solve still needs a fraction of
   * the plain solver's iterations.
   */
  @Test
  void duplicatedAndCollinearColumnsLeaveThePolishExactOnTheOthers() {
    SplittableRandom rng = new SplittableRandom(41);
    int n = 120;
    int p = 200;
    double[] x = TestData.gaussian(n, p, rng).data();
    for (int i = 0; i < n; i++) {
      x[i * p + 1] = x[i * p]; // a copy
      x[i * p + 3] = 2 * x[i * p + 2] + 1; // an affine copy: the same column once standardized
      x[i * p + 10] = x[i * p + 11] + x[i * p + 12]; // a combination
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 15; j++) {
        y[i] += x[i * p + j];
      }
      y[i] += rng.nextGaussian();
    }
    GroupStructure groups = GroupStructure.contiguous(1, p, false);
    Dataset data = GroupLassoPathTest.dataset(new org.groupsparse.linalg.DenseMatrix(n, p, x), y);
    GroupLassoPathResult path = new GroupLassoPath(GroupLassoOptions.builder().lambdaCount(30).lambdaMinRatio(0.01)
        .build()).fit(data, groups, null);
    GroupLassoPathTest.assertKktAlongPath(path, data);
    int iterations = 0;
    for (int it : path.iterations()) {
      iterations += it;
    }
    Standardization std = Standardization.fit(data, true, true, false);
    Dataset t = std.apply(data);
    LeastSquaresDatafit f = new LeastSquaresDatafit(t.design(), t.response(), groups);
    Problem pr = new Problem(f, new GroupNormPenalty(groups.defaultWeights()), java.util.stream.IntStream.range(0, p)
        .toArray(), Double.NaN);
    double lambda = path.lambdas()[path.size() - 1];
    int[] used = new int[2];
    double[] objective = new double[2];
    for (int run = 0; run < 2; run++) {
      BlockCoordinateDescent solver = new BlockCoordinateDescent(BlockUpdate.EXACT, UpdateType.NAIVE);
      solver.polish(run == 0);
      double[] w = new double[p];
      double[] r = f.response().clone();
      used[run] = solver.solve(f, pr.penalty(), lambda, pr.working(), p, w, r, 1e-10 * lambda, 500_000);
      double[] vo = violationAndObjective(pr, lambda, w);
      assertThat(vo[0]).as("run %d", run).isLessThanOrEqualTo(1e-8 * lambda);
      objective[run] = vo[1];
    }
    assertThat(objective[0]).isCloseTo(objective[1], within(1e-10 * objective[1]));
    assertThat(used[0]).as("polished %d vs plain %d", used[0], used[1]).isLessThan(used[1] / 3);
    // 183 iterations over the path; 848 when a dependent column made the polish give up (measured)
    assertThat(iterations).isLessThan(400);
  }
}
