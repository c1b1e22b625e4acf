package org.groupsparse.data;

import org.groupsparse.util.InputException;
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
  private static final java.util.regex.Pattern NON_FINITE =
      java.util.regex.Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
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
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      in.mark(8192);
      byte[] head = in.readNBytes(8192);
      in.reset();
      String kind = describeNonText(head);
      if (kind != null) {
        throw new InputException(shown, 0, 0, kind);
      }
      java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
      return read(new BufferedReader(new InputStreamReader(in, utf8), 1 << 16), shown);
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
   * Recognizes content that is not UTF-8 CSV text from its first bytes, so that the user is told
   * what the file is instead of seeing its bytes.
   *
   * @param head the first bytes of the file (up to 8 KiB), not modified
   * @return what the file appears to be and what to do, or null when it looks like text
   */
  public static String describeNonText(byte[] head) {
    int n = head.length;
    if (n >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
      return "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); GroupSparse reads UTF-8 CSV: "
          + "convert it, e.g. iconv -f UTF-16 -t UTF-8";
    }
    if (n >= 2 && head[0] == (byte) 0x1F && head[1] == (byte) 0x8B) {
      return "the file is gzip-compressed; decompress it first (gunzip)";
    }
    if (n >= 4 && head[0] == 0 && head[1] == 0 && head[2] >= 0x08 && head[2] <= 0x0E) {
      return "the file looks like an IDX file (binary), not CSV text";
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return "the file is a ZIP archive (or an Excel .xlsx workbook), not CSV text; export it as CSV";
    }
    int zeros = 0;
    int evenZeros = 0;
    for (int i = 0; i < n; i++) {
      if (head[i] == 0) {
        zeros++;
        if ((i & 1) == 0) {
          evenZeros++;
        }
      }
    }
    if (zeros > 0 && n >= 4 && zeros >= n / 4 && (evenZeros == zeros || evenZeros == 0)) {
      return "the file looks like UTF-16 text without a byte-order mark (every other byte is 0); GroupSparse reads "
          + "UTF-8 CSV: convert it, e.g. iconv -f UTF-16LE -t UTF-8";
    }
    if (zeros > 0) {
      return "the file contains binary data (NUL bytes), not CSV text";
    }
    return null;
  }

  /**
   * Reads CSV text.
   *
   * @param reader the text, consumed and not closed
   * @param shown the name to use in error messages
   * @return the data set
   */
  public Dataset read(Reader reader, String shown) {
    // no trim by the parser: it would also strip control characters such as NUL; cells and names
    // are stripped of spaces and tabs only, and anything else that is not a number is refused
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(false).build();
    try (CSVParser parser = format.parse(reader)) {
      Iterator<CSVRecord> it = parser.iterator();
      if (!it.hasNext()) {
        throw new InputException(shown, 0, 0, "file is empty; expected a header line with column names");
      }
      CSVRecord header = it.next();
      List<String> names = new ArrayList<>(header.size());
      for (String h : header) {
        names.add(strip(h));
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
        for (int k = 0; k < name.length(); k++) {
          char ch = name.charAt(k);
          if (ch < 0x20 || ch == 0x7f || ch == '\uFFFD') {
            throw new InputException(shown, 1, c + 1, "column name '" + InputException.printable(name)
                + "' contains a control character; is this a text CSV file?");
          }
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
      while (true) {
        CSVRecord rec;
        try {
          if (!it.hasNext()) {
            break;
          }
          rec = it.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw new InputException(shown, parser.getCurrentLineNumber() + 1, 0, "malformed CSV: " + csvProblem(e));
        }
        long line = recordStartLine(rec, parser.getCurrentLineNumber());
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
          x[off + k] = parseCell(rec, featureColumns[k], shown, line, names);
        }
        y[n] = targetColumn >= 0 ? parseCell(rec, targetColumn, shown, line, names) : Double.NaN;
        n++;
      }
      if (n == 0) {
        throw new InputException(shown, 0, 0, "has a header but no data rows");
      }
      return new Dataset(new DenseMatrix(n, p, Arrays.copyOf(x, n * p)), Arrays.copyOf(y, n), featureNames,
          target == null ? "y" : target);
    } catch (IOException | UncheckedIOException e) {
      throw new InputException(shown, "cannot read: " + csvProblem(e), e);
    }
  }

  /** The first line of a record: its end line less the line breaks inside its quoted cells. */
  private static long recordStartLine(CSVRecord rec, long endLine) {
    long breaks = 0;
    for (String cell : rec) {
      breaks += countBreaks(cell);
    }
    return Math.max(1, endLine - breaks);
  }

  private static long countBreaks(String cell) {
    long b = 0;
    for (int i = 0; i < cell.length(); i++) {
      if (cell.charAt(i) == '\n') {
        b++;
      }
    }
    return b;
  }

  private static String csvProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.charset.CharacterCodingException) {
        return "the file is not UTF-8 text (invalid byte sequence); save it as UTF-8";
      }
    }
    return InputException.printable(rootMessage(e));
  }

  private static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
      a++;
    }
    while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
      b--;
    }
    return a == 0 && b == s.length() ? s : s.substring(a, b);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private static double parseCell(CSVRecord rec, int column, String shown, long recordLine, List<String> names) {
    String raw = rec.get(column);
    String cell = strip(raw);
    if (cell.isEmpty()) {
      throw new InputException(shown, cellLine(rec, column, recordLine), column + 1,
          "expected a number in column '" + names.get(column) + "'; got an empty cell (missing values are not supported)");
    }
    // plain decimal numbers only: digits, sign, point, exponent (no hexadecimal, NaN, Infinity,
    // Java suffixes or control characters), then Jackson's bundled FastDoubleParser, which gives
    // the correctly rounded value several times faster than Double.parseDouble
    boolean plain = true;
    for (int i = 0; i < cell.length() && plain; i++) {
      char c = cell.charAt(i);
      plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }
    double v = Double.NaN;
    if (plain) {
      try {
        v = com.fasterxml.jackson.core.io.NumberInput.parseDouble(cell, true);
      } catch (NumberFormatException e) {
        plain = false;
      }
    }
    if (!plain && NON_FINITE.matcher(cell).matches()) {
      throw new InputException(shown, cellLine(rec, column, recordLine), column + 1,
          "expected a finite number in column '" + names.get(column) + "'; got '" + InputException.printable(cell)
              + "' (missing or infinite values are not supported)");
    }
    if (!plain) {
      throw new InputException(shown, cellLine(rec, column, recordLine), column + 1,
          "expected a number in column '" + names.get(column) + "'; got '" + InputException.printable(cell) + "'");
    }
    if (!Double.isFinite(v)) {
      throw new InputException(shown, cellLine(rec, column, recordLine), column + 1,
          "expected a finite number in column '" + names.get(column) + "'; got '" + InputException.printable(cell)
              + "' (out of the range of a double)");
    }
    return v;
  }

  /** The line on which a cell starts, counting the line breaks inside earlier quoted cells. */
  private static long cellLine(CSVRecord rec, int column, long recordLine) {
    long line = recordLine;
    for (int c = 0; c < column; c++) {
      line += countBreaks(rec.get(c));
    }
    return line;
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
