package org.groupsparse.io;

import org.groupsparse.util.FileSink;
import org.groupsparse.util.FileBatch;
import org.groupsparse.util.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.groupsparse.data.Dataset;

/** Writes CSV files atomically with Apache Commons CSV. */
public final class CsvFiles {
  private CsvFiles() {}

  /** Receives a printer to fill. */
  @FunctionalInterface
  public interface Rows {
    /**
     * @param printer the printer, header already written
     * @throws IOException on failure
     */
    void print(CSVPrinter printer) throws IOException;
  }

  /**
   * Writes a CSV file atomically.
   *
   * @param path the target
   * @param header the column names
   * @param rows what to print below the header
   * @throws IOException on failure
   */
  public static void write(Path path, List<String> header, Rows rows) throws IOException {
    write(AtomicFiles.DIRECT, path, header, rows);
  }

  /**
   * Writes (or stages) a CSV file through a sink.
   *
   * @param sink where to write ({@link AtomicFiles#DIRECT} or a {@link FileBatch})
   * @param path the target
   * @param header the column names
   * @param rows what to print below the header
   * @throws IOException on failure
   */
  public static void write(FileSink sink, Path path, List<String> header, Rows rows) throws IOException {
    sink.write(path, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
      printer.printRecord(header);
      rows.print(printer);
      printer.flush();
    });
  }

  /**
   * Writes a data set as CSV: the target column first, then the features.
   *
   * @param path the target
   * @param data the data
   * @throws IOException on failure
   */
  public static void writeDataset(Path path, Dataset data) throws IOException {
    writeDataset(AtomicFiles.DIRECT, path, data);
  }

  /**
   * Writes (or stages) a data set as CSV through a sink: the target column first, then the features.
   *
   * @param sink where to write
   * @param path the target
   * @param data the data
   * @throws IOException on failure
   */
  public static void writeDataset(FileSink sink, Path path, Dataset data) throws IOException {
    List<String> header = new java.util.ArrayList<>();
    header.add(data.targetName());
    header.addAll(data.featureNames());
    int p = data.features();
    double[] x = data.design().data();
    write(sink, path, header, printer -> {
      Object[] row = new Object[p + 1];
      for (int i = 0; i < data.rows(); i++) {
        row[0] = data.response()[i];
        for (int j = 0; j < p; j++) {
          row[j + 1] = x[i * p + j];
        }
        printer.printRecord(row);
      }
    });
  }
}
