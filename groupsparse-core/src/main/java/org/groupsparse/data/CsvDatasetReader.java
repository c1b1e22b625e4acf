package org.groupsparse.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.groupsparse.linalg.DenseMatrix;

/**
 * Reads a numeric regression data set from a CSV file with a header line (RFC 4180, parsed by
 * Apache Commons CSV). One column is the target; the features are either every other column (minus
 * any excluded ones) or an explicit list of names, in the order given.
 *
 * <p>Every cell that is used must be a finite number; anything else is reported as an {@link
 * InputException} naming the file, the 1-based line and column, and what was expected. Columns
 * that are not used are not parsed.
 */
public final class CsvDatasetReader {
  private final String target;
  private final boolean targetRequired;
  private final List<String> features;
  private final Set<String> excluded;

  private CsvDatasetReader(String target, boolean targetRequired, List<String> features, Set<String> excluded) {
    this.target = target;
    this.targetRequired = targetRequired;
    this.features = features;
    this.excluded = excluded;
  }

  /**
   * A reader for training data: the target column and every other column as a feature.
   *
   * @param target the name of the response column
   * @param excluded columns to leave out (identifiers and the like), not modified
   * @return the reader
   */
  public static CsvDatasetReader forTraining(String target, Set<String> excluded) {
    return new CsvDatasetReader(target, true, null, Set.copyOf(excluded));
  }

  /**
   * A reader for unlabeled data (autoencoders, clustering): every column but the excluded ones is
   * a feature; there is no target (the response is NaN).
   *
   * @param excluded columns to leave out, not modified
   * @return the reader
   */
  public static CsvDatasetReader forUnlabeled(Set<String> excluded) {
    return new CsvDatasetReader(null, false, null, Set.copyOf(excluded));
  }

  /**
   * A reader for new data of a fitted model: exactly the named features, in that order; the target
   * is read when present (for scoring) and otherwise left as NaN.
   *
   * @param features the model's feature names, not modified
   * @param target the model's target name, may be {@code null}
   * @return the reader
   */
  public static CsvDatasetReader forFeatures(List<String> features, String target) {
    return new CsvDatasetReader(target, false, List.copyOf(features), Set.of());
  }

  /**
   * Reads a file.
   *
   * @param path the file
   * @return the data set
   * @throws InputException for a missing, unreadable or malformed file
   */
  public Dataset read(Path path) {
    String shown = path.toString();
    try (InputStream in = Files.newInputStream(path)) {
      return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), shown);
    } catch (NoSuchFileException e) {
      throw new InputException(shown, 0, 0, "file not found");
    } catch (AccessDeniedException e) {
      throw new InputException(shown, 0, 0, "permission denied");
    } catch (IOException e) {
      if (Files.isDirectory(path)) {
        throw new InputException(shown, 0, 0, "is a directory, expected a CSV file");
      }
      throw new InputException(shown, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads CSV text.
   *
   * @param reader the text, consumed and not closed
   * @param shown the name to use in error messages
   * @return the data set
   */
  public Dataset read(Reader reader, String shown) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).build();
    try (CSVParser parser = format.parse(reader)) {
      Iterator<CSVRecord> it = parser.iterator();
      if (!it.hasNext()) {
        throw new InputException(shown, 0, 0, "file is empty; expected a header line with column names");
      }
      CSVRecord header = it.next();
      List<String> names = new ArrayList<>(header.size());
      for (String h : header) {
        names.add(h);
      }
      if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
        names.set(0, names.get(0).substring(1));
      }
      Map<String, Integer> columnOf = new HashMap<>();
      for (int c = 0; c < names.size(); c++) {
        String name = names.get(c);
        if (name.isEmpty()) {
          throw new InputException(shown, 1, c + 1, "empty column name in the header");
        }
        if (columnOf.put(name, c) != null) {
          throw new InputException(shown, 1, c + 1, "duplicate column name '" + name + "'");
        }
      }
      int targetColumn = -1;
      if (target != null) {
        Integer t = columnOf.get(target);
        if (t == null && targetRequired) {
          throw new InputException(shown, 1, 0, "no target column '" + target + "'; columns are " + preview(names));
        }
        targetColumn = t == null ? -1 : t;
      }
      for (String e : excluded) {
        if (!columnOf.containsKey(e)) {
          throw new InputException(shown, 1, 0, "no column '" + e + "' to exclude; columns are " + preview(names));
        }
      }
      int[] featureColumns;
      List<String> featureNames = new ArrayList<>();
      if (features != null) {
        featureColumns = new int[features.size()];
        for (int k = 0; k < features.size(); k++) {
          Integer c = columnOf.get(features.get(k));
          if (c == null) {
            throw new InputException(shown, 1, 0, "no column '" + features.get(k) + "', which the model needs");
          }
          featureColumns[k] = c;
          featureNames.add(features.get(k));
        }
      } else {
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
          if (c != targetColumn && !excluded.contains(names.get(c))) {
            cols.add(c);
            featureNames.add(names.get(c));
          }
        }
        if (cols.isEmpty()) {
          throw new InputException(shown, 1, 0, target == null ? "no columns left to use"
              : "no feature columns besides the target '" + target + "'");
        }
        featureColumns = cols.stream().mapToInt(Integer::intValue).toArray();
      }
      int p = featureColumns.length;
      int width = names.size();
      double[] x = new double[Math.max(16, p * 64)];
      double[] y = new double[64];
      int n = 0;
      while (it.hasNext()) {
        CSVRecord rec;
        try {
          rec = it.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw new InputException(shown, parser.getCurrentLineNumber(), 0, "malformed CSV: " + rootMessage(e));
        }
        long line = parser.getCurrentLineNumber();
        if (rec.size() != width) {
          throw new InputException(shown, line, 0,
              "expected " + width + " fields as in the header; got " + rec.size());
        }
        if ((long) (n + 1) * p > Integer.MAX_VALUE - 8) {
          throw new InputException(shown, line, 0, "too many cells for one dense matrix");
        }
        if ((n + 1) * p > x.length) {
          x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max((long) x.length * 2, (long) (n + 1) * p)));
        }
        if (n + 1 > y.length) {
          y = Arrays.copyOf(y, y.length * 2);
        }
        int off = n * p;
        for (int k = 0; k < p; k++) {
          x[off + k] = parseCell(rec.get(featureColumns[k]), shown, line, featureColumns[k], names);
        }
        y[n] = targetColumn >= 0 ? parseCell(rec.get(targetColumn), shown, line, targetColumn, names) : Double.NaN;
        n++;
      }
      if (n == 0) {
        throw new InputException(shown, 0, 0, "has a header but no data rows");
      }
      return new Dataset(new DenseMatrix(n, p, Arrays.copyOf(x, n * p)), Arrays.copyOf(y, n), featureNames,
          target == null ? "y" : target);
    } catch (IOException | UncheckedIOException e) {
      throw new InputException(shown, "cannot read: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private static double parseCell(String cell, String shown, long line, int column, List<String> names) {
    if (cell.isEmpty()) {
      throw new InputException(shown, line, column + 1,
          "expected a number in column '" + names.get(column) + "'; got an empty cell (missing values are not supported)");
    }
    double v;
    try {
      // Jackson's bundled FastDoubleParser: the same syntax and correctly rounded results as
      // Double.parseDouble, several times faster on 17-digit numbers
      v = com.fasterxml.jackson.core.io.NumberInput.parseDouble(cell, true);
    } catch (NumberFormatException e) {
      throw new InputException(shown, line, column + 1,
          "expected a number in column '" + names.get(column) + "'; got '" + abbreviate(cell) + "'");
    }
    if (!Double.isFinite(v) || cell.endsWith("f") || cell.endsWith("F") || cell.endsWith("d") || cell.endsWith("D")) {
      throw new InputException(shown, line, column + 1,
          "expected a finite number in column '" + names.get(column) + "'; got '" + abbreviate(cell) + "'");
    }
    return v;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  private static String preview(List<String> names) {
    Set<String> seen = new HashSet<>();
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      if (seen.size() == 6) {
        sb.append(", ... (").append(names.size()).append(" in all)");
        break;
      }
      seen.add(n);
      sb.append(sb.length() == 0 ? "" : ", ").append(n);
    }
    return sb.toString();
  }
}
