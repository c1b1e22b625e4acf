package org.groupsparse.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.SymmetricEigen;
import org.groupsparse.regression.IterationView;
import org.groupsparse.regression.TrainingListener;
import org.groupsparse.regression.implicit.DglnnAlgorithm;
import org.groupsparse.regression.implicit.DglnnIterationView;
import org.groupsparse.regression.implicit.DglnnOptions;
import org.groupsparse.regression.implicit.DglnnTrainer;
import org.groupsparse.regression.implicit.DirectionInit;
import org.groupsparse.synthetic.DesignKind;
import org.groupsparse.synthetic.RegressionSimulator;
import org.groupsparse.synthetic.SimulatedRegression;
import org.knowm.xchart.XYChart;

/**
 * Numerical checks of three statements of Li et al. (ICLR 2023), section 3:
 *
 * <ul>
 *   <li>Lemma 2: under gradient flow, B_l = u_l^2 / 2 - ||v_l||^2 is constant. Plain gradient descent
 *       with step h (our trainer, gamma = eta = h) is the Euler discretization, so the drift of B_l
 *       over a fixed time horizon must vanish like O(h).
 *   <li>Lemma 1: G(u, v)_i = u_{g(i)}^2 v_i is not commuting: the Lie bracket [grad G_i, grad G_j] is
 *       nonzero for i != j in the same group; analytically 4 u_g^2 (v_i e_{v_j} - v_j e_{v_i}). We
 *       compute it by central differences of the gradient fields and compare.
 *   <li>Lemma 3: X_l^T y / n points close to v_l^*; we measure the cosine on the figure 3 problem
 *       beside the lemma's lower bound 1 - (delta_in + L delta_out + ||X_l^T xi / n|| / (u_l^*)^2)^2.
 * </ul>
 */
public final class IgsTheoryExperiment implements Experiment {
  @Override
  public String name() {
    return "igs-theory";
  }

  @Override
  public String title() {
    return "Numerical checks of lemmas 1-3 (Li et al., ICLR 2023, section 3)";
  }

  @Override
  public int defaultRepeats() {
    return 10;
  }

  /**
   * What a run computes.
   *
   * @param horizon the time T of lemma 2's runs
   * @param steps the step sizes h of lemma 2's runs
   */
  record Settings(double horizon, double[] steps) {
    static Settings of(boolean quick) {
      return quick ? new Settings(2, new double[] {1e-2, 1e-3})
          : new Settings(5, new double[] {1e-2, 3e-3, 1e-3, 3e-4, 1e-4});
    }
  }

  /** Lemma 2's numbers: per step size the largest drift of B_l and change of u_l, and the table rows. */
  private record Balance(int n, int p, double[] drift, double[] travel, List<double[]> rows) {}

  /** Lemma 1's numbers: the bracket norms and the relative difference from the analytic bracket. */
  private record Bracket(double sameNorm, double relative, double otherNorm) {}

  /** Lemma 3's numbers: one row per repeat and true group, the worst cosine and the bound counts. */
  private record Direction(List<double[]> rows, double worstCos, int boundHolds, int informative, int groupCount) {}

  @Override
  public String run(ExperimentOutput out) throws Exception {
    Settings settings = Settings.of(out.quick());
    // computations
    Balance balance = balance(settings, out);
    out.progress("lemma 2", 1, 3);
    Bracket bracket = lieBracket(out);
    out.progress("lemma 1", 2, 3);
    Direction direction = direction(out);
    out.progress("lemma 3", 3, 3);
    // reports
    StringBuilder md = new StringBuilder();
    md.append("# igs-theory — ").append(title()).append("\n\n");
    boolean lemma2 = reportBalance(settings, balance, out, md);
    boolean lemma1 = reportBracket(bracket, out, md);
    boolean lemma3 = reportDirection(direction, out, md);
    out.summary("claimHolds", lemma1 && lemma2 && lemma3);
    md.append("Files: theory-balance.csv/png/svg, theory-direction.csv, summary.json, provenance.json.\n");
    return md.toString();
  }

  /** Lemma 2: drift of u_l^2/2 - ||v_l||^2 over time T = h * steps, for decreasing h. */
  private Balance balance(Settings settings, ExperimentOutput out) {
    int n = 60;
    int p = 24;
    double horizon = settings.horizon();
    double[] steps = settings.steps();
    GroupStructure groups = GroupStructure.contiguous(4, p, false);
    SimulatedRegression sim = RegressionSimulator.generate(n, groups, new double[] {2, -1, 1.5, 1, -2, 1}, false,
        DesignKind.GAUSSIAN, 0.5, 0, out.seed());
    List<double[]> rows = new ArrayList<>();
    double[] drift = new double[steps.length];
    double[] travel = new double[steps.length];
    for (int k = 0; k < steps.length; k++) {
      double h = steps[k];
      int iterations = (int) Math.round(horizon / h);
      DglnnOptions options = DglnnOptions.paperBuilder().algorithm(DglnnAlgorithm.GRADIENT_DESCENT).alpha(1.0).stepSizeU(h)
          .stepSizeV(h).directionInit(DirectionInit.RANDOM_UNIFORM).directionInitScale(0.5).seed(out.seed())
          .maxIterations(iterations).patience(Integer.MAX_VALUE).fitIntercept(false).standardize(false).build();
      int groupCount = groups.groupCount();
      double[] u = new double[groupCount];
      double[] v = new double[p];
      double[] initial = new double[groupCount];
      double[] first = new double[groupCount];
      double[] stats = {0, 0};
      TrainingListener<DglnnIterationView> recorder = new TrainingListener<>() {
        @Override
        public void onIteration(DglnnIterationView view) {
          DglnnIterationView d = view;
          d.groupScales(u);
          d.directions(v);
          for (int l = 0; l < groupCount; l++) {
            double s = 0;
            for (int j = 4 * l; j < 4 * l + 4; j++) {
              s += v[j] * v[j];
            }
            double b = 0.5 * u[l] * u[l] - s;
            if (view.iteration() == 0) {
              initial[l] = b;
              first[l] = u[l];
            } else {
              stats[0] = Math.max(stats[0], Math.abs(b - initial[l]));
              stats[1] = Math.max(stats[1], Math.abs(u[l] - first[l]));
            }
          }
        }
      };
      new DglnnTrainer(options).run(sim.train().design(), sim.train().response(), null, null, groups, recorder);
      drift[k] = stats[0];
      travel[k] = stats[1];
      rows.add(new double[] {h, iterations, drift[k], travel[k]});
    }
    return new Balance(n, p, drift, travel, rows);
  }

  private boolean reportBalance(Settings settings, Balance r, ExperimentOutput out, StringBuilder md)
      throws java.io.IOException {
    double horizon = settings.horizon();
    double[] steps = settings.steps();
    double[] drift = r.drift();
    double[] travel = r.travel();
    List<double[]> rows = r.rows();
    int n = r.n();
    int p = r.p();
    out.csv("theory-balance", List.of("step", "iterations", "max_balance_drift", "max_change_of_u"), rows);
    XYChart chart = Charts.lines("Lemma 2: drift of u_l^2/2 - ||v_l||^2 over t in [0, " + horizon + "]", "step size h",
        "max_l,t |B_l(t) - B_l(0)|", true);
    chart.getStyler().setXAxisLogarithmic(true).setMarkerSize(7);
    chart.addSeries("gradient descent", steps, drift);
    out.figure("theory-balance", chart);
    // slope of log drift against log h between the two smallest steps
    int a = steps.length - 2;
    int b = steps.length - 1;
    double slope = Math.log(drift[a] / drift[b]) / Math.log(steps[a] / steps[b]);
    double ratio = drift[b] / travel[b];
    boolean holds = slope > 0.8 && slope < 1.2 && ratio < 0.05;
    out.summary("lemma2Steps", steps);
    out.summary("lemma2MaxDrift", drift);
    out.summary("lemma2MaxChangeOfU", travel);
    out.summary("lemma2Slope", slope);
    out.summary("lemma2Holds", holds);
    md.append("## Lemma 2 — balance\n\n**Statement.** Under gradient flow, d/dt (u_l^2/2 - ||v_l||^2) = 0 for every "
        + "group.\n\n");
    md.append(String.format(Locale.ROOT, "**Check.** Plain gradient descent (gamma = eta = h) is the Euler scheme of the "
        + "flow; we run it to time T = %.0f from u(0) = 1 and a random v(0) (uniform on [-0.5, 0.5]; n = %d, p = %d, "
        + "groups of 4, Gaussian design) and record the largest drift of B_l = u_l^2/2 - ||v_l||^2. If the lemma "
        + "holds, the drift is a discretization error and shrinks like h.%n%n| h | max drift of B_l | max change of "
        + "u_l |%n|---|---|---|%n", horizon, n, p));
    for (int k = 0; k < steps.length; k++) {
      md.append(String.format(Locale.ROOT, "| %.0e | %.3g | %.3g |%n", steps[k], drift[k], travel[k]));
    }
    md.append(String.format(Locale.ROOT, "%nSlope of log drift against log h between the two smallest steps: %.3f "
        + "(1 = first order). At the smallest step the drift is %.2g of the change of u itself. **%s**%n%n", slope,
        ratio, holds ? "Holds" : "Does not hold (criterion: slope in [0.8, 1.2] and drift < 5% of the motion)"));
    return holds;
  }

  /** Lemma 1: Lie bracket of grad G_i and grad G_j by central differences. */
  private Bracket lieBracket(ExperimentOutput out) {
    int groupCount = 3;
    int size = 3;
    int p = groupCount * size;
    int dim = groupCount + p;
    SplittableRandom rng = new SplittableRandom(out.seed());
    double[] x = new double[dim];
    for (int k = 0; k < dim; k++) {
      x[k] = rng.nextDouble(-1, 1);
    }
    int i = 0;
    int sameGroup = 1; // same group as i
    int otherGroup = 4; // group 1
    double[] same = bracket(x, i, sameGroup, size, groupCount, p);
    double[] other = bracket(x, i, otherGroup, size, groupCount, p);
    double u = x[0];
    double[] analytic = new double[dim];
    analytic[groupCount + sameGroup] = 4 * u * u * x[groupCount + i];
    analytic[groupCount + i] = -4 * u * u * x[groupCount + sameGroup];
    double diff = 0;
    double norm = 0;
    for (int k = 0; k < dim; k++) {
      diff += (same[k] - analytic[k]) * (same[k] - analytic[k]);
      norm += analytic[k] * analytic[k];
    }
    double sameNorm = norm(same);
    double otherNorm = norm(other);
    double relative = Math.sqrt(diff / norm);
    return new Bracket(sameNorm, relative, otherNorm);
  }

  private boolean reportBracket(Bracket r, ExperimentOutput out, StringBuilder md) {
    double sameNorm = r.sameNorm();
    double relative = r.relative();
    double otherNorm = r.otherNorm();
    boolean holds = sameNorm > 1e-3 && relative < 1e-6 && otherNorm < 1e-8;
    out.summary("lemma1SameGroupBracketNorm", sameNorm);
    out.summary("lemma1AnalyticRelativeDifference", relative);
    out.summary("lemma1DifferentGroupBracketNorm", otherNorm);
    out.summary("lemma1Holds", holds);
    md.append("## Lemma 1 — G is not commuting\n\n**Statement.** The Lie bracket [grad G_i, grad G_j] of two "
        + "coordinate functions G_i(u, v) = u_{g(i)}^2 v_i is not identically zero.\n\n");
    md.append(String.format(Locale.ROOT, "**Check.** At a random point (3 groups of 3, entries uniform on [-1, 1], "
        + "seed %d) we differentiate the gradient fields by central differences (step 1e-5) and form "
        + "d(grad G_j) grad G_i - d(grad G_i) grad G_j. Same group (i = 1, j = 2): ||bracket|| = %.4g, relative "
        + "difference from the analytic 4 u_g^2 (v_i e_{v_j} - v_j e_{v_i}) %.2g. Different groups (i = 1, j = 5): "
        + "||bracket|| = %.2g (separable coordinates commute). **%s**%n%n", out.seed(), sameNorm, relative, otherNorm,
        holds ? "Holds" : "Does not hold"));
    return holds;
  }

  private static double norm(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** grad G_i at x = (u, v): 2 u_g v_i on u_g, u_g^2 on v_i. */
  private static double[] gradient(double[] x, int i, int size, int groupCount, int p) {
    double[] g = new double[groupCount + p];
    int group = i / size;
    double u = x[group];
    g[group] = 2 * u * x[groupCount + i];
    g[groupCount + i] = u * u;
    return g;
  }

  private static double[] bracket(double[] x, int i, int j, int size, int groupCount, int p) {
    double[] gi = gradient(x, i, size, groupCount, p);
    double[] gj = gradient(x, j, size, groupCount, p);
    double[] a = directional(x, j, gi, size, groupCount, p);
    double[] b = directional(x, i, gj, size, groupCount, p);
    double[] out = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      out[k] = a[k] - b[k];
    }
    return out;
  }

  /** d(grad G_index)(x) applied to dir, by central differences. */
  private static double[] directional(double[] x, int index, double[] dir, int size, int groupCount, int p) {
    double eps = 1e-5;
    double[] plus = x.clone();
    double[] minus = x.clone();
    for (int k = 0; k < x.length; k++) {
      plus[k] += eps * dir[k];
      minus[k] -= eps * dir[k];
    }
    double[] gp = gradient(plus, index, size, groupCount, p);
    double[] gm = gradient(minus, index, size, groupCount, p);
    double[] out = new double[gp.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = (gp[k] - gm[k]) / (2 * eps);
    }
    return out;
  }

  /** Lemma 3: cosine of X_l^T y / n with v_l^* on the figure 3 problem, beside the lemma's bound. */
  private Direction direction(ExperimentOutput out) {
    int n = IgsFig2Fig3Fig11Experiment.N;
    int p = IgsFig2Fig3Fig11Experiment.P;
    int size = 3;
    double[] support = {5, 6, 7, 8, 9, 10, 11, 12, 13};
    GroupStructure groups = GroupStructure.contiguous(size, p, false);
    int groupCount = groups.groupCount();
    List<double[]> rows = new ArrayList<>();
    double worstCos = 1;
    int boundHolds = 0;
    int informative = 0;
    for (int rep = 0; rep < out.repeats(); rep++) {
      SimulatedRegression sim = RegressionSimulator.generate(n, groups, support, false, DesignKind.RADEMACHER,
          IgsFig2Fig3Fig11Experiment.NOISE, 0, out.seed() + rep);
      double[] x = sim.train().design().data();
      double[] y = sim.train().response();
      double[] truth = sim.truth();
      double[] noise = y.clone();
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < p; j++) {
          noise[r] -= x[r * p + j] * truth[j];
        }
      }
      double[] gram = new double[p * p];
      for (int r = 0; r < n; r++) {
        for (int a = 0; a < p; a++) {
          double xa = x[r * p + a] / n;
          for (int b = 0; b < p; b++) {
            gram[a * p + b] += xa * x[r * p + b];
          }
        }
      }
      double deltaIn = 0;
      double deltaOut = 0;
      for (int l = 0; l < groupCount; l++) {
        for (int m = l; m < groupCount; m++) {
          double[] block = new double[size * size];
          for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
              block[a * size + b] = gram[(l * size + a) * p + m * size + b] - (l == m && a == b ? 1 : 0);
            }
          }
          double norm = spectralNorm(block, size);
          if (l == m) {
            deltaIn = Math.max(deltaIn, norm);
          } else {
            deltaOut = Math.max(deltaOut, norm);
          }
        }
      }
      for (int l = 0; l < 3; l++) {
        double dot = 0;
        double cn = 0;
        double tn = 0;
        double xiNorm = 0;
        for (int j = size * l; j < size * l + size; j++) {
          double c = 0;
          double e = 0;
          for (int r = 0; r < n; r++) {
            c += x[r * p + j] * y[r] / n;
            e += x[r * p + j] * noise[r] / n;
          }
          dot += c * truth[j];
          cn += c * c;
          tn += truth[j] * truth[j];
          xiNorm += e * e;
        }
        double cosine = dot / Math.sqrt(cn * tn);
        double u2 = Math.sqrt(tn); // (u_l*)^2 = ||w_l*||
        double boundL = 1 - Math.pow(deltaIn + groupCount * deltaOut + Math.sqrt(xiNorm) / u2, 2);
        double boundS = 1 - Math.pow(deltaIn + 3 * deltaOut + Math.sqrt(xiNorm) / u2, 2);
        worstCos = Math.min(worstCos, cosine);
        boundHolds += cosine >= boundL ? 1 : 0;
        informative += boundL > 0 ? 1 : 0;
        rows.add(new double[] {out.seed() + rep, l + 1, cosine, deltaIn, deltaOut, Math.sqrt(xiNorm), boundL, boundS});
      }
    }
    return new Direction(rows, worstCos, boundHolds, informative, groupCount);
  }

  private boolean reportDirection(Direction r, ExperimentOutput out, StringBuilder md) throws java.io.IOException {
    List<double[]> rows = r.rows();
    double worstCos = r.worstCos();
    int boundHolds = r.boundHolds();
    int informative = r.informative();
    int groupCount = r.groupCount();
    out.csv("theory-direction", List.of("seed", "true_group", "cosine", "delta_in", "delta_out", "norm_Xl_xi_over_n",
        "bound_with_L", "bound_with_s"), rows);
    double meanCos = Series.mean(Series.column(rows, 2));
    double meanDeltaIn = Series.mean(Series.column(rows, 3));
    double meanDeltaOut = Series.mean(Series.column(rows, 4));
    double meanBoundS = Series.mean(Series.column(rows, 7));
    int cases = rows.size();
    boolean holds = boundHolds == cases && meanCos > 0.95;
    out.summary("lemma3MeanCosine", meanCos);
    out.summary("lemma3WorstCosine", worstCos);
    out.summary("lemma3BoundSatisfied", boundHolds);
    out.summary("lemma3BoundInformative", informative);
    out.summary("lemma3Cases", cases);
    out.summary("lemma3Holds", holds);
    md.append("## Lemma 3 — the initial direction\n\n**Statement.** If v_l(0) is proportional to X_l^T y / n, then "
        + "<v_l(0)/||v_l(0)||, v_l^*> >= 1 - (delta_in + L delta_out + ||X_l^T xi / n|| / (u_l^*)^2)^2.\n\n");
    md.append(String.format(Locale.ROOT, "**Check.** Figure 3's problem (n = 150, p = 300, groups of 3, entries "
        + "5..13, Rademacher, noise 0.5), %d seeds, the 3 true groups each: the cosine between X_l^T y / n and "
        + "v_l^* is %.4f on average and at least %.4f. delta_in = max_l ||X_l^T X_l / n - I||_2 = %.3f and delta_out = "
        + "max_{l != l'} ||X_l^T X_l' / n||_2 = %.3f on average (exact 3 x 3 spectral norms). The bound held in %d of "
        + "%d cases but is informative (> 0) in only %d: with L = %d groups the term L delta_out is far above 1 at "
        + "this n. Reading L as the number of true groups s = 3 gives a bound of %.3f on average, still below the "
        + "measured cosines. **%s**%n%n", out.repeats(), meanCos, worstCos, meanDeltaIn, meanDeltaOut, boundHolds,
        cases, informative, groupCount, meanBoundS, holds ? "Holds in the sense that the direction is close to v_l^* "
            + "(mean cosine above 0.95, our criterion) and the bound is never violated; but at this n the bound is "
            + "vacuous, so these data do not test it" : "Does not hold (criterion: bound satisfied everywhere and mean cosine > 0.95)"));
    return holds;
  }

  private static double spectralNorm(double[] block, int size) {
    double[] btb = new double[size * size];
    for (int a = 0; a < size; a++) {
      for (int b = 0; b < size; b++) {
        double s = 0;
        for (int k = 0; k < size; k++) {
          s += block[k * size + a] * block[k * size + b];
        }
        btb[a * size + b] = s;
      }
    }
    double[] values = SymmetricEigen.of(btb, size).values();
    return Math.sqrt(Math.max(0, values[size - 1]));
  }
}
