package org.groupsparse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.groupsparse.autoencoder.AutoencoderArchitecture;
import org.groupsparse.autoencoder.AutoencoderFit;
import org.groupsparse.autoencoder.AutoencoderTrainer;
import org.groupsparse.autoencoder.AutoencoderTrainingOptions;
import org.groupsparse.autoencoder.GroupSparseAutoencoder;
import org.groupsparse.linalg.DenseMatrix;
import org.groupsparse.linalg.RowMajorBlas;
import org.groupsparse.synthetic.DictionarySimulator;
import org.groupsparse.synthetic.SimulatedDictionaryData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code groupsparse bench autoencoder}: same problem, model and keys as shared/bench/torch_gsae.py. */
@Command(name = "autoencoder", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Time epochs of autoencoder training (Adam) on the synthetic group-sparse model of",
        "Theodosis et al. section 4.1, started from A* + scale * N(0, 1) like torch_gsae.py.",
        "Prints one JSON line with the keys of torch_gsae.py (seconds per epoch: median after the first)."})
public final class AutoencoderBench implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--N", defaultValue = "10000", description = "Samples. Default: ${DEFAULT-VALUE}.") int samples;
  @Option(names = "--n", defaultValue = "950", description = "Data dimension. Default: ${DEFAULT-VALUE}.") int n;
  @Option(names = "--groups", defaultValue = "500", description = "Code groups Gamma. Default: ${DEFAULT-VALUE}.") int groups;
  @Option(names = "--d", defaultValue = "2", description = "Group size. Default: ${DEFAULT-VALUE}.") int d;
  @Option(names = "--active", defaultValue = "3", description = "Active groups per sample. Default: ${DEFAULT-VALUE}.") int active;
  @Option(names = "--snr-db", defaultValue = "10", description = "SNR in dB. Default: ${DEFAULT-VALUE}.") double snrDb;
  @Option(names = "--layers", defaultValue = "1", description = "Unfolded steps T. Default: ${DEFAULT-VALUE}.") int layers;
  @Option(names = "--lam", defaultValue = "2", description = "lambda. Default: ${DEFAULT-VALUE}.") double lambda;
  @Option(names = "--alpha", defaultValue = "0", description = "Step size; 0: automatic. Default: ${DEFAULT-VALUE}.") double alpha;
  @Option(names = "--epochs", defaultValue = "5", description = "Epochs. Default: ${DEFAULT-VALUE}.") int epochs;
  @Option(names = "--batch", defaultValue = "0", description = "Batch size; 0: full batch. Default: ${DEFAULT-VALUE}.") int batch;
  @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.") double lr;
  @Option(names = "--init-scale", defaultValue = "0.2", description = "Perturbation scale of the start. Default: ${DEFAULT-VALUE}.") double initScale;
  @Option(names = "--sparse", description = "Elementwise soft-threshold (sparse autoencoder).") boolean sparse;
  @Option(names = "--dtype", defaultValue = "float64",
      description = "Arithmetic of the passes: float64 or float32 (float64 master weights). Default: ${DEFAULT-VALUE}.")
  String dtype;
  @Option(names = "--seed", defaultValue = "0", description = "Seed. Default: ${DEFAULT-VALUE}.") long seed;

  @Override
  public Integer call() {
    SimulatedDictionaryData data = DictionarySimulator.generate(samples, n, groups, d, active, snrDb, seed);
    DenseMatrix start = DictionarySimulator.perturbByScale(data.dictionary(), initScale, seed + 1);
    int m = groups * d;
    AutoencoderArchitecture architecture = (sparse ? AutoencoderArchitecture.sparse(m, lambda, layers)
        : AutoencoderArchitecture.groupSparse(m, d, lambda, layers)).withStepSize(alpha > 0 ? alpha : Double.NaN);
    GroupSparseAutoencoder initial = new GroupSparseAutoencoder(architecture, start);
    AutoencoderTrainingOptions options = AutoencoderTrainingOptions.defaults().withLearningRate(lr).withEpochs(epochs)
        .withBatchSize(batch).withSeed(seed).withPrecision(AutoencoderCommand.precision(dtype));
    double[] times = new double[epochs];
    long[] last = {System.nanoTime()};
    AutoencoderFit fit = new AutoencoderTrainer(options).train(initial, data.data(), view -> {
      long now = System.nanoTime();
      times[view.epoch() - 1] = (now - last[0]) / 1e9;
      last[0] = now;
    });
    double[] steady = epochs > 1 ? Arrays.copyOfRange(times, 1, epochs) : times;
    Arrays.sort(steady);
    double median = steady.length % 2 == 1 ? steady[steady.length / 2]
        : 0.5 * (steady[steady.length / 2 - 1] + steady[steady.length / 2]);
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("peer", "groupsparse-java");
    json.put("N", samples);
    json.put("n", n);
    json.put("m", m);
    json.put("d", d);
    json.put("layers", layers);
    json.put("sparse", sparse);
    json.put("batch", batch > 0 ? batch : samples);
    json.put("dtype", dtype);
    json.put("threads", Runtime.getRuntime().availableProcessors());
    json.put("blas", RowMajorBlas.implementation());
    json.put("seconds_per_epoch_median", median);
    json.put("final_loss", fit.trainingLoss()[epochs - 1]);
    json.put("java", System.getProperty("java.version"));
    spec.commandLine().getOut().println(json.toString());
    return 0;
  }
}
