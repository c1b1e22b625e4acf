package org.groupsparse.io;

import org.groupsparse.util.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.groupsparse.autoencoder.AutoencoderArchitecture;
import org.groupsparse.autoencoder.GroupSoftThreshold;
import org.groupsparse.autoencoder.GroupSparseAutoencoder;
import org.groupsparse.autoencoder.Shrinkage;
import org.groupsparse.autoencoder.SoftThreshold;
import org.groupsparse.util.InputException;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.linalg.DenseMatrix;

/**
 * Autoencoder model files: JSON with the format name {@value #FORMAT}, the encoder (kind, code
 * group labels, lambda, layers T, step size alpha or "auto", momentum), the input column names,
 * the input mean when the model centres its inputs, the dictionary A as n rows of m numbers, and
 * optional training records. Written atomically;
 * the same model and settings give the same bytes.
 */
public final class AutoencoderFiles {
  /** Format name. */
  public static final String FORMAT = "groupsparse-autoencoder";
  /** Format version. */
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AutoencoderFiles() {}

  /**
   * A loaded file.
   *
   * @param model the autoencoder
   * @param inputNames names of the n input columns
   */
  public record Loaded(GroupSparseAutoencoder model, List<String> inputNames) {}

  /**
   * Writes a model file atomically.
   *
   * @param path target
   * @param model the model
   * @param inputNames the n input column names
   * @param trainingLoss loss per epoch, or null
   * @param settings training settings to record
   * @throws IOException on write failure
   */
  public static void write(Path path, GroupSparseAutoencoder model, List<String> inputNames, double[] trainingLoss,
      Map<String, ?> settings) throws IOException {
    if (inputNames.size() != model.inputDimension()) {
      throw new IllegalArgumentException(inputNames.size() + " input names for " + model.inputDimension() + " inputs");
    }
    AutoencoderArchitecture arch = model.architecture();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("shrinkage", arch.shrinkage().kind());
    root.put("lambda", arch.lambda());
    root.put("layers", arch.layers());
    if (Double.isNaN(arch.stepSize())) {
      root.put("stepSize", "auto");
    } else {
      root.put("stepSize", arch.stepSize());
    }
    root.put("momentum", arch.momentum());
    root.put("inputDimension", model.inputDimension());
    root.put("codeLength", model.codeLength());
    ArrayNode names = root.putArray("inputNames");
    inputNames.forEach(names::add);
    ArrayNode groups = root.putArray("codeGroups");
    model.codeGroups().labelPerFeature().forEach(groups::add);
    double[] mean = model.inputMean();
    if (mean != null) {
      ArrayNode m = root.putArray("inputMean");
      for (double v : mean) {
        m.add(v);
      }
    }
    ArrayNode rows = root.putArray("dictionary");
    DenseMatrix a = model.dictionary();
    for (int i = 0; i < a.rows(); i++) {
      ArrayNode row = rows.addArray();
      for (int j = 0; j < a.cols(); j++) {
        row.add(a.get(i, j));
      }
    }
    if (trainingLoss != null) {
      ArrayNode loss = root.putArray("trainingLoss");
      for (double v : trainingLoss) {
        loss.add(v);
      }
    }
    root.set("settings", MAPPER.valueToTree(new java.util.TreeMap<>(settings)));
    ModelFiles.writeJson(AtomicFiles.DIRECT, path, root);
  }

  /**
   * Reads a model file.
   *
   * @param path the file
   * @return the model and its input names
   * @throws InputException if missing, malformed, truncated or inconsistent
   */
  public static Loaded read(Path path) {
    String shown = path.toString();
    JsonNode root = ModelFiles.readModelTree(path, FORMAT, FORMAT_VERSION, "autoencoder model");
    List<String> names = ModelFiles.strings(root, "inputNames", shown);
    List<String> labels = ModelFiles.strings(root, "codeGroups", shown);
    int n = names.size();
    int m = labels.size();
    JsonNode rows = root.get("dictionary");
    if (n == 0 || m == 0 || rows == null || !rows.isArray() || rows.size() != n) {
      throw new InputException(shown, 0, 0, "inconsistent autoencoder model file: " + n + " input names, " + m
          + " code entries, " + (rows == null || !rows.isArray() ? "no" : rows.size()) + " dictionary rows");
    }
    double[] a = new double[n * m];
    for (int i = 0; i < n; i++) {
      JsonNode row = rows.get(i);
      if (!row.isArray() || row.size() != m) {
        throw new InputException(shown, 0, 0, "inconsistent autoencoder model file: dictionary row " + (i + 1)
            + " does not have " + m + " numbers");
      }
      for (int j = 0; j < m; j++) {
        JsonNode v = row.get(j);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
          throw new InputException(shown, 0, 0, "inconsistent autoencoder model file: dictionary entry (" + (i + 1)
              + ", " + (j + 1) + ") is not a finite number");
        }
        a[i * m + j] = v.asDouble();
      }
    }
    String kind = root.path("shrinkage").asText("");
    Shrinkage shrinkage = switch (kind) {
      case "group" -> new GroupSoftThreshold(GroupStructure.ofLabels(labels));
      case "nonnegative-group" -> new GroupSoftThreshold(GroupStructure.ofLabels(labels), true);
      case "elementwise" -> new SoftThreshold(m);
      default -> throw new InputException(shown, 0, 0, "inconsistent autoencoder model file: unknown shrinkage '"
          + kind + "' (expected group, nonnegative-group or elementwise)");
    };
    double[] mean = null;
    JsonNode meanNode = root.get("inputMean");
    if (meanNode != null) {
      if (!meanNode.isArray() || meanNode.size() != n) {
        throw new InputException(shown, 0, 0, "inconsistent autoencoder model file: 'inputMean' must hold " + n
            + " numbers");
      }
      mean = new double[n];
      for (int i = 0; i < n; i++) {
        JsonNode v = meanNode.get(i);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
          throw new InputException(shown, 0, 0, "inconsistent autoencoder model file: inputMean entry " + (i + 1)
              + " is not a finite number");
        }
        mean[i] = v.asDouble();
      }
    }
    JsonNode step = root.get("stepSize");
    double stepSize = step != null && step.isNumber() ? step.asDouble() : Double.NaN;
    if (step == null || !(step.isNumber() || "auto".equals(step.asText()))) {
      throw new InputException(shown, 0, 0, "inconsistent autoencoder model file: 'stepSize' must be a number or \"auto\"");
    }
    JsonNode lambda = root.get("lambda");
    JsonNode layers = root.get("layers");
    if (lambda == null || !lambda.isNumber() || layers == null || !layers.canConvertToInt()) {
      throw new InputException(shown, 0, 0, "inconsistent autoencoder model file: 'lambda' and 'layers' are required");
    }
    try {
      AutoencoderArchitecture arch = new AutoencoderArchitecture(shrinkage, lambda.asDouble(), layers.asInt(), stepSize,
          root.path("momentum").asBoolean(false));
      return new Loaded(new GroupSparseAutoencoder(arch, new DenseMatrix(n, m, a), mean), names);
    } catch (IllegalArgumentException e) {
      throw new InputException(shown, 0, 0, "inconsistent autoencoder model file: " + e.getMessage());
    }
  }
}
