package org.groupsparse.io;

import org.groupsparse.groups.GroupStructure;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.groupsparse.util.InputException;

/**
 * Builds a {@link GroupStructure} for named features from a textual specification:
 *
 * <ul>
 *   <li>{@code size:K} — consecutive groups of K features; K must divide p, unless written
 *       {@code size:K:allow-partial}, which lets the last group be smaller;
 *   <li>{@code sizes:3,3,2} — consecutive groups of the listed sizes, which must add up to p;
 *   <li>{@code prefix:SEP} — the group of a feature is its name up to the last occurrence of
 *       {@code SEP} (so bardet's {@code g7_b3} belongs to group {@code g7} with {@code prefix:_});
 *   <li>{@code file:PATH} — a file with one group label per feature, either one label per line in
 *       feature order (p lines), or a CSV with a header {@code feature,group} that maps every
 *       feature name to its label, in any order.
 * </ul>
 */
public final class GroupSpecs {
  private GroupSpecs() {}

  /**
   * Parses a specification for the given features.
   *
   * @param spec the specification, as above
   * @param featureNames the feature names in column order, not modified
   * @return the validated partition
   * @throws IllegalArgumentException for a malformed spec or one that does not cover the features
   * @throws InputException for an unreadable or malformed group file
   */
  public static GroupStructure parse(String spec, List<String> featureNames) {
    int p = featureNames.size();
    int colon = spec.indexOf(':');
    if (colon < 0) {
      throw badSpec(spec);
    }
    String kind = spec.substring(0, colon);
    String arg = spec.substring(colon + 1);
    switch (kind) {
      case "size": {
        boolean partial = false;
        if (arg.endsWith(":allow-partial")) {
          partial = true;
          arg = arg.substring(0, arg.length() - ":allow-partial".length());
        }
        int size = parsePositive(arg, spec);
        if (size > p) {
          throw new IllegalArgumentException("group size " + size + " is larger than the " + p + " features");
        }
        return GroupStructure.contiguous(size, p, partial);
      }
      case "sizes": {
        String[] parts = arg.split(",", -1);
        int[] sizes = new int[parts.length];
        long total = 0;
        for (int i = 0; i < parts.length; i++) {
          sizes[i] = parsePositive(parts[i].trim(), spec);
          total += sizes[i];
        }
        if (total != p) {
          throw new IllegalArgumentException(
              "group sizes in '" + spec + "' add up to " + total + " but there are " + p + " features");
        }
        return GroupStructure.ofSizes(sizes);
      }
      case "prefix": {
        if (arg.isEmpty()) {
          throw new IllegalArgumentException("'prefix:' needs a separator, as in 'prefix:_'");
        }
        List<String> labels = new ArrayList<>(p);
        for (String name : featureNames) {
          int at = name.lastIndexOf(arg);
          if (at <= 0) {
            throw new IllegalArgumentException("feature '" + name + "' has no group prefix before '" + arg + "'");
          }
          labels.add(name.substring(0, at));
        }
        return GroupStructure.ofLabels(labels);
      }
      case "file":
        return fromFile(Path.of(arg), arg, featureNames);
      default:
        throw badSpec(spec);
    }
  }

  private static IllegalArgumentException badSpec(String spec) {
    return new IllegalArgumentException("unknown group specification '" + spec
        + "'; expected size:K, size:K:allow-partial, sizes:A,B,..., prefix:SEP or file:PATH");
  }

  private static int parsePositive(String text, String spec) {
    try {
      int v = Integer.parseInt(text);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("expected a positive integer in group specification '" + spec + "'; got '" + text + "'");
  }

  private static GroupStructure fromFile(Path path, String shown, List<String> featureNames) {
    int p = featureNames.size();
    List<CSVRecord> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try {
      byte[] head;
      try (java.io.InputStream in = Files.newInputStream(path)) {
        head = in.readNBytes(8192);
      }
      String kind = org.groupsparse.data.CsvDatasetReader.describeNonText(head);
      if (kind != null) {
        throw new InputException(shown, 0, 0, kind);
      }
      java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
      try (Reader reader = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(path), utf8));
          CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).build().parse(reader)) {
        for (CSVRecord r : parser) {
          rows.add(r);
          lines.add(parser.getCurrentLineNumber());
        }
      }
    } catch (NoSuchFileException e) {
      throw new InputException(shown, 0, 0, "group file not found");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputException(shown, 0, 0, "the group file is not UTF-8 text; save it as UTF-8");
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      if (Files.isDirectory(path)) {
        throw new InputException(shown, 0, 0, "is a directory, expected a group file");
      }
      Throwable t = e;
      while (t.getCause() != null) {
        t = t.getCause();
      }
      if (t instanceof java.nio.charset.CharacterCodingException) {
        throw new InputException(shown, 0, 0, "the group file is not UTF-8 text; save it as UTF-8");
      }
      throw new InputException(shown, "cannot read group file: " + InputException.printable(t.getMessage(), 120), e);
    }
    if (rows.isEmpty()) {
      throw new InputException(shown, 0, 0, "group file is empty; expected one group label per feature");
    }
    CSVRecord first = rows.get(0);
    if (first.size() == 2 && first.get(0).equalsIgnoreCase("feature") && first.get(1).equalsIgnoreCase("group")) {
      Map<String, String> map = new HashMap<>();
      for (int i = 1; i < rows.size(); i++) {
        CSVRecord r = rows.get(i);
        if (r.size() != 2) {
          throw new InputException(shown, lines.get(i), 0, "expected 2 fields 'feature,group'; got " + r.size());
        }
        if (r.get(1).isEmpty()) {
          throw new InputException(shown, lines.get(i), 2, "empty group label for feature '"
              + InputException.printable(r.get(0)) + "'");
        }
        if (map.put(r.get(0), r.get(1)) != null) {
          throw new InputException(shown, lines.get(i), 1, "feature '" + InputException.printable(r.get(0))
              + "' is listed twice");
        }
      }
      List<String> labels = new ArrayList<>(p);
      for (String name : featureNames) {
        String label = map.remove(name);
        if (label == null) {
          throw new InputException(shown, 0, 0, "feature '" + InputException.printable(name)
              + "' of the data has no line in the group file");
        }
        labels.add(label);
      }
      if (!map.isEmpty()) {
        String unknown = map.keySet().iterator().next();
        long line = 0;
        for (int i = 1; i < rows.size(); i++) {
          if (rows.get(i).get(0).equals(unknown)) {
            line = lines.get(i);
          }
        }
        throw new InputException(shown, line, 1, "names column '" + InputException.printable(unknown)
            + "', which is not a feature of the data");
      }
      return GroupStructure.ofLabels(labels);
    }
    if (rows.size() != p) {
      throw new InputException(shown, 0, 0,
          "has " + rows.size() + " group labels but there are " + p + " features; expected one label per feature");
    }
    List<String> labels = new ArrayList<>(p);
    for (int i = 0; i < rows.size(); i++) {
      CSVRecord r = rows.get(i);
      if (r.size() != 1 || r.get(0).isEmpty()) {
        throw new InputException(shown, lines.get(i), 0, "expected one group label on the line");
      }
      labels.add(r.get(0));
    }
    return GroupStructure.ofLabels(labels);
  }
}
