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
      int threads = Runtime.getRuntime().availableProcessors();
      if (threads > 1 && Files.size(path) >= PARALLEL_MIN_BYTES) {
        Dataset blocks = readBlocks(path, shown, Math.min(threads, MAX_THREADS), MIN_BLOCK_BYTES);
        if (blocks != null) {
          return blocks;
        }
      }
      return read(new BufferedReader(new InputStreamReader(in, utf8()), 1 << 16), shown);
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

  /** Files from this size on are parsed in blocks of rows on several threads. */
  static final long PARALLEL_MIN_BYTES = 4L << 20;
  /** Threads of the block parser, at most. */
  private static final int MAX_THREADS = 8;
  /** Blocks per thread (smaller blocks balance the threads' loads). */
  private static final int BLOCKS_PER_THREAD = 4;
  /** Blocks are at least this long (fewer blocks than threads x {@value #BLOCKS_PER_THREAD} for smaller files). */
  private static final long MIN_BLOCK_BYTES = 1L << 20;
  /** Blocks are at most this long, so that each maps into one buffer. */
  private static final long MAX_BLOCK_BYTES = 1L << 30;

  private static java.nio.charset.CharsetDecoder utf8() {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
  }

  /**
   * Parses a large file in blocks of whole lines on several threads: the header first, then each
   * block (split at line breaks) by its own Commons CSV parser, with the line numbers of the whole
   * file in its messages; the first error in the file wins, as in a sequential read. Files with a
   * quote character anywhere are read sequentially (a quoted cell may hold a line break, so lines
   * are not records there), as are files without a line feed after the header.
   *
   * @param threads threads
   * @param minBlockBytes smallest block (tests use small ones to get many blocks from a small file)
   * @return the data, or null when the file must be read sequentially
   */
  Dataset readBlocks(Path path, String shown, int threads, long minBlockBytes) throws IOException {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(path,
        java.nio.file.StandardOpenOption.READ)) {
      long size = channel.size();
      long headerEnd = lineEnd(channel, 0, size);
      if (headerEnd < 0) {
        return null;
      }
      java.nio.ByteBuffer headerBytes = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, headerEnd);
      for (int i = 0; i < headerEnd; i++) {
        if (headerBytes.get(i) == '"') {
          return null;
        }
      }
      Layout layout;
      try (CSVParser hp = FORMAT.parse(new InputStreamReader(new BufferStream(headerBytes), utf8()))) {
        layout = header(hp.iterator(), shown);
      }
      int blocks = (int) Math.max(Math.min((long) threads * BLOCKS_PER_THREAD, (size - headerEnd) / minBlockBytes + 1),
          (size - headerEnd) / MAX_BLOCK_BYTES + 1);
      long[] from = new long[blocks + 1];
      from[0] = headerEnd;
      from[blocks] = size;
      for (int b = 1; b < blocks; b++) {
        long target = Math.max(from[b - 1], headerEnd + (size - headerEnd) / blocks * b);
        long end = lineEnd(channel, target, size);
        from[b] = end < 0 ? size : end;
      }
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "groupsparse-csv");
        t.setDaemon(true);
        return t;
      });
      try {
        // pass 1: line feeds per block (for the line numbers of messages) and quote characters
        List<java.util.concurrent.Future<long[]>> scans = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
          long a = from[b];
          long e = from[b + 1];
          scans.add(pool.submit(() -> scan(channel, a, e)));
        }
        long[] lineOffset = new long[blocks];
        long lines = 1; // the header's
        for (int b = 0; b < blocks; b++) {
          long[] counts = scans.get(b).get();
          if (counts[1] > 0) {
            return null;
          }
          lineOffset[b] = lines;
          lines += counts[0];
        }
        // pass 2: parse the blocks
        List<java.util.concurrent.Future<Rows>> parsed = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
          long a = from[b];
          long e = from[b + 1];
          long offset = lineOffset[b];
          parsed.add(pool.submit(() -> {
            java.nio.ByteBuffer bytes = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, a, e - a);
            // the blocks hold no quote character: every record is one line, and FastCSV's tokenizer
            // (about ten times faster than Commons CSV's on such files) gives the same fields
            try (de.siegmar.fastcsv.reader.CsvReader<de.siegmar.fastcsv.reader.CsvRecord> reader = BLOCKS
                .ofCsvRecord(new InputStreamReader(new BufferStream(bytes), utf8()))) {
              return rows(fastSource(reader, shown, offset), layout, shown);
            }
          }));
        }
        List<Rows> parts = new ArrayList<>();
        for (java.util.concurrent.Future<Rows> f : parsed) {
          try {
            parts.add(f.get());
          } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof InputException ie) {
              throw ie; // the earliest block's error: the first in the file
            }
            if (e.getCause() instanceof UncheckedIOException || e.getCause() instanceof IOException) {
              throw new InputException(shown, "cannot read: " + csvProblem(e.getCause()), e.getCause());
            }
            throw new IllegalStateException(e.getCause());
          }
        }
        long n = 0;
        for (Rows r : parts) {
          n += r.n();
        }
        int p = layout.featureColumns().length;
        if (n * p > Integer.MAX_VALUE - 8) {
          throw new InputException(shown, 0, 0, "too many cells for one dense matrix");
        }
        double[] x = new double[(int) (n * p)];
        double[] y = new double[(int) n];
        int at = 0;
        for (Rows r : parts) {
          System.arraycopy(r.x(), 0, x, at * p, r.n() * p);
          System.arraycopy(r.y(), 0, y, at, r.n());
          at += r.n();
        }
        return layout.dataset(new Rows(x, y, (int) n), shown);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InputException(shown, "interrupted while reading", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new InputException(shown, "cannot read: " + csvProblem(e.getCause()), e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** The position after the first line feed at or after {@code from}, or -1 when there is none. */
  private static long lineEnd(java.nio.channels.FileChannel channel, long from, long size) throws IOException {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
    long pos = from;
    while (pos < size) {
      buf.clear();
      int got = channel.read(buf, pos);
      if (got <= 0) {
        return -1;
      }
      for (int i = 0; i < got; i++) {
        if (buf.get(i) == '\n') {
          return pos + i + 1;
        }
      }
      pos += got;
    }
    return -1;
  }

  /** {line feeds, quote characters} in {@code [from, to)}. */
  private static long[] scan(java.nio.channels.FileChannel channel, long from, long to) throws IOException {
    java.nio.ByteBuffer bytes = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, from, to - from);
    long feeds = 0;
    long quotes = 0;
    for (int i = 0, m = bytes.limit(); i < m; i++) {
      byte c = bytes.get(i);
      feeds += c == '\n' ? 1 : 0;
      quotes += c == '"' ? 1 : 0;
    }
    return new long[] {feeds, quotes};
  }

  /** An input stream over the remaining bytes of a buffer. */
  private static final class BufferStream extends InputStream {
    private final java.nio.ByteBuffer buffer;

    BufferStream(java.nio.ByteBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public int read() {
      return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (!buffer.hasRemaining()) {
        return -1;
      }
      int k = Math.min(len, buffer.remaining());
      buffer.get(b, off, k);
      return k;
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
    try (CSVParser parser = FORMAT.parse(reader)) {
      Iterator<CSVRecord> it = parser.iterator();
      Layout layout = header(it, shown);
      Rows rows = rows(commonsSource(it, parser, shown, 0), layout, shown);
      return layout.dataset(rows, shown);
    } catch (IOException | UncheckedIOException e) {
      throw new InputException(shown, "cannot read: " + csvProblem(e), e);
    }
  }

  /**
   * No trim by the parser: it would also strip control characters such as NUL; cells and names are
   * stripped of spaces and tabs only, and anything else that is not a number is refused.
   */
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(false).build();

  /**
   * The blocks of a file without quote characters: comma-separated, empty lines skipped, fields as
   * written (no trimming), any field count (checked against the header here).
   */
  private static final de.siegmar.fastcsv.reader.CsvReader.CsvReaderBuilder BLOCKS = de.siegmar.fastcsv.reader.CsvReader
      .builder().fieldSeparator(',').skipEmptyLines(true).ignoreDifferentFieldCount(true).detectBomHeader(false);

  /** One record of a CSV file: its fields and the file lines they start on. */
  private interface Record {
    int size();

    String get(int column);

    /** @return the file line on which the record starts */
    long line();

    /** @return the file line on which a cell starts (later than {@link #line} after quoted line breaks) */
    long cellLine(int column);
  }

  /** The records of a text, in order; null at its end; malformed text is an {@link InputException}. */
  private interface RecordSource {
    Record next();
  }

  /** Commons CSV's records (quoted cells with line breaks allowed). */
  private static RecordSource commonsSource(Iterator<CSVRecord> it, CSVParser parser, String shown, long lineOffset) {
    return () -> {
      CSVRecord rec;
      try {
        if (!it.hasNext()) {
          return null;
        }
        rec = it.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        throw new InputException(shown, lineOffset + parser.getCurrentLineNumber() + 1, 0,
            "malformed CSV: " + csvProblem(e));
      }
      long line = recordStartLine(rec, lineOffset + parser.getCurrentLineNumber());
      return new Record() {
        @Override
        public int size() {
          return rec.size();
        }

        @Override
        public String get(int column) {
          return rec.get(column);
        }

        @Override
        public long line() {
          return line;
        }

        @Override
        public long cellLine(int column) {
          return CsvDatasetReader.cellLine(rec, column, line);
        }
      };
    };
  }

  /** FastCSV's records of a block without quotes: one line each. */
  private static RecordSource fastSource(de.siegmar.fastcsv.reader.CsvReader<de.siegmar.fastcsv.reader.CsvRecord> reader,
      String shown, long lineOffset) {
    Iterator<de.siegmar.fastcsv.reader.CsvRecord> it = reader.iterator();
    long[] last = {lineOffset};
    return () -> {
      de.siegmar.fastcsv.reader.CsvRecord rec;
      try {
        if (!it.hasNext()) {
          return null;
        }
        rec = it.next();
      } catch (UncheckedIOException | de.siegmar.fastcsv.reader.CsvParseException e) {
        throw new InputException(shown, last[0] + 1, 0, "malformed CSV: " + csvProblem(e));
      }
      long line = lineOffset + rec.getStartingLineNumber();
      last[0] = line;
      return new Record() {
        @Override
        public int size() {
          return rec.getFieldCount();
        }

        @Override
        public String get(int column) {
          return rec.getField(column);
        }

        @Override
        public long line() {
          return line;
        }

        @Override
        public long cellLine(int column) {
          return line;
        }
      };
    };
  }

  /** The columns a file provides and which of them are read. */
  private record Layout(List<String> names, int[] featureColumns, int targetColumn, List<String> featureNames,
      String target) {
    Dataset dataset(Rows rows, String shown) {
      if (rows.n() == 0) {
        throw new InputException(shown, 0, 0, "has a header but no data rows");
      }
      int p = featureColumns.length;
      // the parsed arrays are the reader's own: taken as they are when they have the exact size (the
      // parallel reader's merge makes them so; a copy of a 6.4 MB design cost 25 ms in a fresh JVM),
      // trimmed otherwise
      double[] x = rows.x().length == rows.n() * p ? rows.x() : Arrays.copyOf(rows.x(), rows.n() * p);
      double[] y = rows.y().length == rows.n() ? rows.y() : Arrays.copyOf(rows.y(), rows.n());
      return new Dataset(new DenseMatrix(rows.n(), p, x), y, featureNames, target == null ? "y" : target,
          targetColumn >= 0);
    }
  }

  /** Parsed rows: x row-major (n x p, possibly longer), y, and their number. */
  private record Rows(double[] x, double[] y, int n) {}

  /** Reads and checks the header line; decides which columns are features and which is the target. */
  private Layout header(Iterator<CSVRecord> it, String shown) {
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
    return new Layout(names, featureColumns, targetColumn, featureNames, target);
  }

  /**
   * Parses the data rows of a record source (whose line numbers are the file's).
   */
  private static Rows rows(RecordSource source, Layout layout, String shown) {
    int[] featureColumns = layout.featureColumns();
    int targetColumn = layout.targetColumn();
    List<String> names = layout.names();
    int p = featureColumns.length;
    int width = names.size();
    double[] x = new double[Math.max(16, p * 64)];
    double[] y = new double[64];
    int n = 0;
    for (Record rec = source.next(); rec != null; rec = source.next()) {
      long line = rec.line();
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
        x[off + k] = parseCell(rec, featureColumns[k], shown, names);
      }
      y[n] = targetColumn >= 0 ? parseCell(rec, targetColumn, shown, names) : Double.NaN;
      n++;
    }
    return new Rows(x, y, n);
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

  private static double parseCell(Record rec, int column, String shown, List<String> names) {
    String raw = rec.get(column);
    String cell = strip(raw);
    if (cell.isEmpty()) {
      throw new InputException(shown, rec.cellLine(column), column + 1,
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
      throw new InputException(shown, rec.cellLine(column), column + 1,
          "expected a finite number in column '" + names.get(column) + "'; got '" + InputException.printable(cell)
              + "' (missing or infinite values are not supported)");
    }
    if (!plain) {
      throw new InputException(shown, rec.cellLine(column), column + 1,
          "expected a number in column '" + names.get(column) + "'; got '" + InputException.printable(cell) + "'");
    }
    if (!Double.isFinite(v)) {
      throw new InputException(shown, rec.cellLine(column), column + 1,
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
