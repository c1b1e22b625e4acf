package org.groupsparse.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groupsparse.util.AtomicFiles;
import org.groupsparse.io.CsvFiles;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The files of one experiment run, all written atomically into one directory: series as CSV,
 * figures as PNG and SVG, {@code summary.json} (the numbers the report quotes),
 * {@code provenance.json} (configuration, seed, version, git commit, date) and {@code report.md}.
 */
public final class ExperimentOutput {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Path dir;
  private final long seed;
  private final int repeats;
  private final boolean quick;
  private final Map<String, Object> config = new LinkedHashMap<>();
  private final Map<String, Object> summary = new LinkedHashMap<>();
  private final ExperimentProgress progress;
  private Path mnistDirectory;
  private Integer epochsOverride;

  ExperimentOutput(Path dir, long seed, int repeats, boolean quick, ExperimentProgress progress) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.progress = progress;
    this.seed = seed;
    this.repeats = repeats;
    this.quick = quick;
  }

  /** @return the seed of the run */
  public long seed() {
    return seed;
  }

  /** @return the repeats of the run */
  public int repeats() {
    return repeats;
  }

  /** @return whether this is a shortened --quick run */
  public boolean quick() {
    return quick;
  }

  /**
   * Reports progress to the caller.
   *
   * @param stage what is running
   * @param done units finished
   * @param total units in all
   */
  public void progress(String stage, int done, int total) {
    progress.update(stage, done, total);
  }

  /**
   * Sets the run's inputs beyond the seed: where MNIST lies and an epoch override for experiments
   * that train networks.
   *
   * @param mnist the MNIST directory (null: the default location)
   * @param epochs training epochs to use instead of the experiment's own (null: its own)
   */
  void inputs(Path mnist, Integer epochs) {
    this.mnistDirectory = mnist;
    this.epochsOverride = epochs;
  }

  /** @return the MNIST directory chosen with --mnist, or null for the default */
  public Path mnistDirectory() {
    return mnistDirectory;
  }

  /**
   * The training epochs of this run.
   *
   * @param own the experiment's own number (full or quick)
   * @return --epochs when given, else own
   */
  public int epochs(int own) {
    return epochsOverride != null ? epochsOverride : own;
  }

  /**
   * Writes a dense raster figure (a heat map with very many cells) as PNG only: its SVG would hold
   * one element per cell.
   *
   * @param name file name without extension
   * @param chart the chart
   * @throws IOException on failure
   */
  public void rasterFigure(String name, Chart<?, ?> chart) throws IOException {
    byte[] png = Png.of(chart);
    AtomicFiles.write(dir.resolve(name + ".png"), out -> out.write(png));
  }

  /**
   * Writes an image (a grid of pictures, not a chart) as PNG.
   *
   * @param name file name without extension
   * @param image the image
   * @throws IOException on failure
   */
  public void image(String name, java.awt.image.BufferedImage image) throws IOException {
    byte[] png = Png.of(image);
    AtomicFiles.write(dir.resolve(name + ".png"), out -> out.write(png));
  }

  /** @return the output directory */
  public Path dir() {
    return dir;
  }

  /**
   * Records a configuration value for provenance.json.
   *
   * @param key name
   * @param value value
   */
  public void config(String key, Object value) {
    config.put(key, value);
  }

  /**
   * Records a key number for summary.json.
   *
   * @param key name
   * @param value value
   */
  public void summary(String key, Object value) {
    summary.put(key, value);
  }

  /**
   * Writes a CSV of series.
   *
   * @param name file name without extension
   * @param header column names
   * @param rows the rows
   * @throws IOException on failure
   */
  public void csv(String name, List<String> header, List<double[]> rows) throws IOException {
    CsvFiles.write(dir.resolve(name + ".csv"), header, printer -> {
      for (double[] r : rows) {
        Object[] cells = new Object[r.length];
        for (int k = 0; k < r.length; k++) {
          cells[k] = r[k];
        }
        printer.printRecord(cells);
      }
    });
  }

  /**
   * Writes a figure as PNG and SVG.
   *
   * @param name file name without extension
   * @param chart the chart
   * @throws IOException on failure
   */
  public void figure(String name, Chart<?, ?> chart) throws IOException {
    byte[] png = Png.of(chart);
    AtomicFiles.write(dir.resolve(name + ".png"), out -> out.write(png));
    AtomicFiles.write(dir.resolve(name + ".svg"),
        out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
  }

  /**
   * Writes the report, summary.json and provenance.json.
   *
   * @param experiment the experiment
   * @param markdown the report
   * @param version the GroupSparse version
   * @throws IOException on failure
   */
  void finish(Experiment experiment, String markdown, String version) throws IOException {
    AtomicFiles.writeString(dir.resolve("summary.json"), MAPPER.writeValueAsString(summary) + "\n");
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("experiment", experiment.name());
    provenance.put("title", experiment.title());
    provenance.put("seed", seed);
    provenance.put("repeats", repeats);
    provenance.put("quick", quick);
    provenance.put("configuration", config);
    provenance.put("groupsparseVersion", version);
    provenance.put("gitCommit", gitCommit());
    provenance.put("java", System.getProperty("java.version"));
    provenance.put("date", Instant.now().toString());
    AtomicFiles.writeString(dir.resolve("provenance.json"), MAPPER.writeValueAsString(provenance) + "\n");
    AtomicFiles.writeString(dir.resolve("report.md"), markdown);
  }

  /** The commit of the working directory's repository, or null outside one. */
  private static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 && s.matches("[0-9a-f]{40}") ? s : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
