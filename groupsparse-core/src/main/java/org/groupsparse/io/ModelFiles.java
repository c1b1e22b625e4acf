package org.groupsparse.io;

import org.groupsparse.util.FileSink;
import org.groupsparse.util.FileBatch;
import org.groupsparse.util.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groupsparse.util.InputException;
import org.groupsparse.groups.GroupStructure;
import org.groupsparse.regression.GroupLinearModel;
import org.groupsparse.regression.StopReason;
import org.groupsparse.regression.TrainingHistory;

/**
 * Saves and loads fitted models as JSON. The file holds everything needed to predict (feature
 * names, groups, coefficients on the original scale, intercept), the selection, the record of the
 * run and the settings that produced it. No time stamps: the same fit gives the same bytes.
 */
public final class ModelFiles {
  /** The value of the {@code format} field of every model file. */
  public static final String FORMAT = "groupsparse-model";
  /** The current format version. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFiles() {}

  /**
   * A model read back from a file.
   *
   * @param model the model
   * @param history the record of the run, if the file has one (else null)
   * @param classes for a binomial model, the response values coded 0 and 1 ({@code settings.classes}),
   *     else null
   */
  public record Loaded(GroupLinearModel model, TrainingHistory history, double[] classes) {}

  /**
   * The JSON tree of a model.
   *
   * @param model the model
   * @param history the record of its run, or null
   * @param settings the settings that produced it (written as given), or empty
   * @return the tree
   */
  public static ObjectNode toJson(GroupLinearModel model, TrainingHistory history, Map<String, ?> settings) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("method", model.method());
    root.put("family", model.family().label());
    root.put("target", model.targetName());
    ArrayNode names = root.putArray("featureNames");
    model.featureNames().forEach(names::add);
    ArrayNode groups = root.putArray("groups");
    model.groups().labelPerFeature().forEach(groups::add);
    ArrayNode coef = root.putArray("coefficients");
    for (double c : model.coefficients()) {
      coef.add(c);
    }
    root.put("intercept", model.intercept());
    ArrayNode labels = root.putArray("groupLabels");
    model.groups().labels().forEach(labels::add);
    ArrayNode mags = root.putArray("groupMagnitudes");
    for (double m : model.groupMagnitudes()) {
      mags.add(m);
    }
    ArrayNode sel = root.putArray("selectedGroups");
    model.selectedGroups().forEach(sel::add);
    if (history != null) {
      root.put("iterations", history.iterations());
      root.put("bestIteration", history.bestIteration());
      if (history.switchIteration() >= 0) {
        root.put("switchIteration", history.switchIteration());
      } else {
        root.putNull("switchIteration");
      }
      root.put("stopReason", history.stopReason().name());
      ObjectNode h = root.putObject("history");
      ArrayNode tl = h.putArray("trainLoss");
      for (double d : history.trainLoss()) {
        tl.add(d);
      }
      ArrayNode vl = h.putArray("validationLoss");
      for (double d : history.validationLoss()) {
        vl.add(d);
      }
    }
    root.set("settings", MAPPER.valueToTree(settings));
    return root;
  }

  /**
   * Writes a model file atomically.
   *
   * @param path target file
   * @param model the model
   * @param history the record of its run, or null
   * @param settings settings to record
   * @throws IOException on write failure
   */
  public static void write(Path path, GroupLinearModel model, TrainingHistory history, Map<String, ?> settings)
      throws IOException {
    writeJson(AtomicFiles.DIRECT, path, toJson(model, history, settings));
  }

  /**
   * Writes (or stages) the model of a fit: the model, its history, how the fit ended
   * ({@code convergence}) and the typed options of the trainer ({@code options}, as Jackson writes
   * the records: every field by name, NaN as "NaN" meaning automatic), so that a model saved from
   * Java code records what produced it; {@code settings} adds the caller's provenance (file names,
   * command-line choices).
   *
   * @param sink where to write ({@link AtomicFiles#DIRECT} or a {@link org.groupsparse.util.FileBatch})
   * @param path target file
   * @param result the fit
   * @param settings provenance to record beside the options, or empty
   * @throws IOException on write failure
   */
  public static void write(FileSink sink, Path path, org.groupsparse.regression.FitResult<GroupLinearModel> result,
      Map<String, ?> settings) throws IOException {
    ObjectNode root = toJson(result.model(), result.history(), settings);
    if (result.convergence() != null) {
      root.set("convergence", MAPPER.valueToTree(result.convergence()));
    }
    if (result.options() != null) {
      root.set("options", MAPPER.valueToTree(result.options()));
    }
    writeJson(sink, path, root);
  }

  /**
   * Writes (or stages) a model file through a sink.
   *
   * @param sink where to write ({@link AtomicFiles#DIRECT} or a {@link FileBatch})
   * @param path target file
   * @param model the model
   * @param history the record of its run, or null
   * @param settings settings to record
   * @throws IOException on write failure
   */
  public static void write(FileSink sink, Path path, GroupLinearModel model, TrainingHistory history,
      Map<String, ?> settings) throws IOException {
    writeJson(sink, path, toJson(model, history, settings));
  }

  /** Writes a JSON tree through a sink, indented, with a final newline. */
  static void writeJson(FileSink sink, Path path, JsonNode root) throws IOException {
    sink.write(path, out -> {
      MAPPER.writeValue(new java.io.FilterOutputStream(out) {
        @Override
        public void close() {
          // the caller closes the stream
        }
      }, root);
      out.write('\n');
    });
  }

  /**
   * Reads a model file.
   *
   * @param path the file
   * @return the model and its record
   * @throws InputException if the file is missing, not JSON, not a GroupSparse model, truncated or
   *     inconsistent
   */
  public static Loaded read(Path path) {
    String shown = path.toString();
    JsonNode root = readModelTree(path, FORMAT, FORMAT_VERSION, "model");
    List<String> names = strings(root, "featureNames", shown);
    List<String> groupLabels = strings(root, "groups", shown);
    double[] coef = numbers(root, "coefficients", shown);
    int p = names.size();
    if (p == 0 || groupLabels.size() != p || coef.length != p) {
      throw new InputException(shown, 0, 0, "inconsistent model file: " + p + " feature names, " + groupLabels.size()
          + " group labels, " + coef.length + " coefficients");
    }
    if (new HashSet<>(names).size() != p) {
      throw new InputException(shown, 0, 0, "inconsistent model file: duplicate feature names");
    }
    String target = root.path("target").asText("y");
    if (names.contains(target)) {
      throw new InputException(shown, 0, 0, "inconsistent model file: the target '" + InputException.printable(target)
          + "' is also one of its features");
    }
    JsonNode b = root.get("intercept");
    if (b == null || !b.isNumber() || !Double.isFinite(b.asDouble())) {
      throw new InputException(shown, 0, 0, "inconsistent model file: 'intercept' must be a finite number");
    }
    GroupStructure groups = GroupStructure.ofLabels(groupLabels);
    double[] mags = root.has("groupMagnitudes") ? numbers(root, "groupMagnitudes", shown) : new double[groups.groupCount()];
    if (mags.length != groups.groupCount()) {
      throw new InputException(shown, 0, 0, "inconsistent model file: " + mags.length + " group magnitudes for "
          + groups.groupCount() + " groups");
    }
    Set<String> selectedLabels = new HashSet<>(strings(root, "selectedGroups", shown));
    boolean[] selected = new boolean[groups.groupCount()];
    for (int l = 0; l < selected.length; l++) {
      selected[l] = selectedLabels.remove(groups.label(l));
    }
    if (!selectedLabels.isEmpty()) {
      throw new InputException(shown, 0, 0, "inconsistent model file: selected group '"
          + selectedLabels.iterator().next() + "' is not a group of the model");
    }
    org.groupsparse.regression.Family family;
    String familyName = root.path("family").asText("gaussian");
    try {
      family = org.groupsparse.regression.Family.valueOf(familyName.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException(shown, 0, 0, "inconsistent model file: unknown family '"
          + InputException.printable(familyName) + "'; expected gaussian, binomial or poisson");
    }
    GroupLinearModel model = new GroupLinearModel(root.path("method").asText("unknown"),
        target, names, groups, coef, b.asDouble(), mags, selected, family);
    TrainingHistory history = null;
    if (root.has("history")) {
      JsonNode h = root.get("history");
      JsonNode sw = root.get("switchIteration");
      StopReason reason;
      try {
        reason = StopReason.valueOf(root.path("stopReason").asText("MAX_ITERATIONS"));
      } catch (IllegalArgumentException e) {
        throw new InputException(shown, 0, 0, "inconsistent model file: unknown stopReason");
      }
      history = new TrainingHistory(numbers(h, "trainLoss", shown), numbersAllowNaN(h, "validationLoss", shown),
          root.path("bestIteration").asInt(0), sw == null || sw.isNull() ? -1 : sw.asInt(),
          root.path("iterations").asInt(0), reason);
    }
    double[] classes = null;
    JsonNode c = root.path("settings").get("classes");
    if (c != null && c.isArray() && c.size() == 2 && c.get(0).isNumber() && c.get(1).isNumber()) {
      classes = new double[] {c.get(0).asDouble(), c.get(1).asDouble()};
    }
    return new Loaded(model, history, classes);
  }

  /**
   * Reads a JSON model file and checks its format name and version.
   *
   * @throws InputException if missing, unreadable, malformed, of another format or version
   */
  static JsonNode readModelTree(Path path, String format, int formatVersion, String what) {
    String shown = path.toString();
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      throw new InputException(shown, 0, 0, "model file not found");
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new InputException(shown, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
          "not a valid GroupSparse model file (malformed or truncated JSON: " + jsonProblem(e) + ")");
    } catch (IOException e) {
      throw new InputException(shown, "cannot read model file: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !format.equals(root.path("format").asText(null))) {
      throw new InputException(shown, 0, 0, "not a GroupSparse " + what + " file (no \"format\": \"" + format
          + "\")");
    }
    int version = root.path("formatVersion").asInt(-1);
    if (version != formatVersion) {
      throw new InputException(shown, 0, 0, "unsupported model format version " + root.path("formatVersion")
          + "; this GroupSparse reads version " + formatVersion);
    }
    return root;
  }

  /** Jackson's message without its parser-configuration hints, on one printable line. */
  private static String jsonProblem(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    m = m.replaceAll("\\s*\\(?[^()]*(Feature|enable|disable)[^()]*\\)?", "").replaceAll(":\\s*$", "").strip();
    return InputException.printable(m, 120);
  }

  static List<String> strings(JsonNode root, String field, String shown) {
    JsonNode a = root.get(field);
    if (a == null || !a.isArray()) {
      throw new InputException(shown, 0, 0, "not a valid GroupSparse model file: missing array '" + field + "'");
    }
    List<String> out = new ArrayList<>(a.size());
    for (JsonNode e : a) {
      if (!e.isTextual()) {
        throw new InputException(shown, 0, 0, "not a valid GroupSparse model file: '" + field + "' must hold strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  static double[] numbers(JsonNode root, String field, String shown) {
    double[] out = numbersAllowNaN(root, field, shown);
    for (double d : out) {
      if (!Double.isFinite(d)) {
        throw new InputException(shown, 0, 0, "not a valid GroupSparse model file: '" + field + "' must be finite");
      }
    }
    return out;
  }

  private static double[] numbersAllowNaN(JsonNode root, String field, String shown) {
    JsonNode a = root.get(field);
    if (a == null || !a.isArray()) {
      throw new InputException(shown, 0, 0, "not a valid GroupSparse model file: missing array '" + field + "'");
    }
    double[] out = new double[a.size()];
    for (int k = 0; k < out.length; k++) {
      JsonNode e = a.get(k);
      if (!e.isNumber()) {
        throw new InputException(shown, 0, 0, "not a valid GroupSparse model file: '" + field + "' must hold numbers");
      }
      out[k] = e.asDouble();
    }
    return out;
  }
}
