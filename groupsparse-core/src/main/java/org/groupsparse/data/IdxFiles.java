package org.groupsparse.data;

import org.groupsparse.util.InputException;
import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reader and writer of the IDX format of the MNIST database (LeCun, Cortes and Burges).
 *
 * <p>An IDX file is a big-endian header — two zero bytes, a type byte ({@code 0x08} unsigned byte,
 * {@code 0x09} signed byte, {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E}
 * double) and the number of dimensions — then one 4-byte size per dimension, then the values in
 * row-major order. Images are {@code 0x00000803} (count, rows, columns), labels {@code 0x00000801}
 * (count). Files may be gzip-compressed; that is recognized by the gzip magic bytes, not by the
 * name. Every read checks the header, that the sizes are positive, and that the file holds exactly
 * the values the header announces (no fewer, no more); anything else is an {@link InputException}
 * naming the file and the byte offset.
 */
public final class IdxFiles {
  private IdxFiles() {}

  /** Type byte of unsigned 8-bit values, the type of the MNIST files. */
  public static final int UNSIGNED_BYTE = 0x08;

  /**
   * The values of an IDX file.
   *
   * @param type the type byte
   * @param dimensions the sizes from the header, outermost first
   * @param values all values in row-major order, converted to double
   */
  public record IdxArray(int type, int[] dimensions, double[] values) {
    /** @return the number of items (the first dimension) */
    public int count() {
      return dimensions[0];
    }

    /** @return the number of values per item (the product of the other dimensions) */
    public int itemLength() {
      int length = 1;
      for (int k = 1; k < dimensions.length; k++) {
        length *= dimensions[k];
      }
      return length;
    }
  }

  /**
   * Reads an IDX file, plain or gzip-compressed.
   *
   * @param file the file
   * @return its dimensions and values
   * @throws InputException when the file is not a well-formed IDX file
   * @throws IOException when it cannot be read
   */
  public static IdxArray read(Path file) throws IOException {
    String name = file.toString();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      try (InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw) {
        return read(in, name);
      } catch (ZipException | EOFException e) {
        if (gzip) {
          throw new InputException(name, 0, 0, "corrupt or truncated gzip stream: " + e.getMessage());
        }
        throw e;
      }
    }
  }

  /**
   * Opens a file, transparently gunzipping it when it starts with the gzip magic bytes.
   *
   * @param file the file
   * @return a buffered stream of the (uncompressed) content
   * @throws IOException when the file cannot be opened
   */
  public static InputStream openMaybeGzip(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    return gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
  }

  /**
   * Whether a file looks like IDX by its content (after gunzip when it is gzip): two zero bytes
   * and a known type byte. A CSV file never starts that way.
   *
   * @param file the file
   * @return true for IDX content
   * @throws IOException when the file cannot be read
   */
  public static boolean isIdx(Path file) throws IOException {
    try (InputStream in = openMaybeGzip(file)) {
      byte[] magic = in.readNBytes(4);
      if (magic.length < 4 || magic[0] != 0 || magic[1] != 0) {
        return false;
      }
      int type = magic[2] & 0xff;
      return type == 0x08 || type == 0x09 || type == 0x0B || type == 0x0C || type == 0x0D || type == 0x0E;
    } catch (ZipException | EOFException e) {
      return false;
    }
  }

  /**
   * Reads an IDX file of items (2 or more dimensions) as a matrix, one row per item; unsigned-byte
   * values (pixels) are divided by 255 so they lie in [0, 1].
   *
   * @param file the file
   * @return count x itemLength
   * @throws IOException when the file cannot be read
   */
  public static org.groupsparse.linalg.DenseMatrix readMatrix(Path file) throws IOException {
    return toMatrix(read(file), file);
  }

  /**
   * An IDX array of items as a matrix, one row per item; unsigned bytes divided by 255.
   *
   * @param array the values (consumed: its value array becomes the matrix's storage)
   * @param file the file it came from, for messages
   * @return count x itemLength
   */
  public static org.groupsparse.linalg.DenseMatrix toMatrix(IdxArray array, Path file) {
    if (array.dimensions().length < 2) {
      throw new InputException(file.toString(), 0, 0,
          "expected items of 1 or more dimensions (an image file), found a 1-dimensional (label) file");
    }
    double[] values = array.values();
    if (array.type() == UNSIGNED_BYTE) {
      for (int i = 0; i < values.length; i++) {
        values[i] /= 255.0;
      }
    }
    return new org.groupsparse.linalg.DenseMatrix(array.count(), array.itemLength(), values);
  }

  /**
   * Reads an IDX image file and checks that it holds {@code rows x cols} images.
   *
   * @param file the file
   * @return the images, one row per image, values as stored (0-255 for MNIST)
   * @throws IOException when the file cannot be read
   */
  public static IdxArray readImages(Path file) throws IOException {
    IdxArray array = read(file);
    if (array.dimensions().length != 3) {
      throw new InputException(file.toString(), 0, 0,
          "expected an image file (3 dimensions: count, rows, columns), found " + array.dimensions().length
              + " dimension(s)");
    }
    return array;
  }

  /**
   * Reads an IDX label file: one integer label per item.
   *
   * @param file the file
   * @return the labels
   * @throws IOException when the file cannot be read
   */
  public static int[] readLabels(Path file) throws IOException {
    IdxArray array = read(file);
    if (array.dimensions().length != 1) {
      throw new InputException(file.toString(), 0, 0,
          "expected a label file (1 dimension), found " + array.dimensions().length + " dimensions");
    }
    int[] labels = new int[array.values().length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) array.values()[i];
    }
    return labels;
  }

  private static IdxArray read(InputStream in, String name) throws IOException {
    byte[] magic = readFully(in, 4, name, 0, "the 4-byte magic number");
    if (magic[0] != 0 || magic[1] != 0) {
      throw new InputException(name, 0, 0, String.format(
          "not an IDX file: the magic number must start with two zero bytes, found 0x%02x%02x%02x%02x",
          magic[0], magic[1], magic[2], magic[3]));
    }
    int type = magic[2] & 0xff;
    int width = switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> throw new InputException(name, 0, 0, String.format(
          "unknown IDX type byte 0x%02x (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)", type));
    };
    int rank = magic[3] & 0xff;
    if (rank < 1) {
      throw new InputException(name, 0, 0, "IDX header declares 0 dimensions (expected at least 1)");
    }
    ByteBuffer header = ByteBuffer.wrap(readFully(in, 4 * rank, name, 4, rank + " dimension sizes"))
        .order(ByteOrder.BIG_ENDIAN);
    int[] dims = new int[rank];
    long count = 1;
    for (int k = 0; k < rank; k++) {
      dims[k] = header.getInt();
      if (dims[k] <= 0) {
        throw new InputException(name, 0, 0,
            "IDX dimension " + (k + 1) + " has size " + dims[k] + " (expected a positive size)");
      }
      count *= dims[k];
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new InputException(name, 0, 0, "IDX file declares " + count + " values (at most "
          + (Integer.MAX_VALUE - 8) + " are supported)");
    }
    long offset = 4L + 4L * rank;
    double[] values = new double[(int) count];
    byte[] buffer = new byte[1 << 16];
    int done = 0;
    while (done < values.length) {
      int want = Math.min(buffer.length / width, values.length - done) * width;
      int got = in.readNBytes(buffer, 0, want);
      if (got < want) {
        throw new InputException(name, 0, 0, "truncated IDX file: the header announces " + count
            + " values (" + (offset + count * width) + " bytes) but the data ends after "
            + (offset + (long) done * width + got) + " bytes");
      }
      ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, want).order(ByteOrder.BIG_ENDIAN);
      int n = want / width;
      for (int i = 0; i < n; i++) {
        values[done + i] = switch (type) {
          case 0x08 -> chunk.get() & 0xff;
          case 0x09 -> chunk.get();
          case 0x0B -> chunk.getShort();
          case 0x0C -> chunk.getInt();
          case 0x0D -> chunk.getFloat();
          default -> chunk.getDouble();
        };
      }
      done += n;
    }
    if (in.read() >= 0) {
      throw new InputException(name, 0, 0, "IDX file has data after the " + count
          + " values its header announces (" + (offset + count * width) + " bytes expected)");
    }
    return new IdxArray(type, dims, values);
  }

  private static byte[] readFully(InputStream in, int n, String name, long offset, String what) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new InputException(name, 0, 0, "truncated IDX file: expected " + what + " at byte " + offset
          + " but the file ends after " + (offset + bytes.length) + " bytes");
    }
    return bytes;
  }

  /**
   * Writes unsigned-byte values as an IDX file (type {@code 0x08}), gzip-compressed when the name
   * ends in {@code .gz}. The file is written to a temporary file and renamed when complete.
   *
   * @param file the target
   * @param dimensions the sizes, outermost first
   * @param values the values, each in 0..255, {@code product(dimensions)} of them
   * @throws IOException when writing fails
   */
  public static void writeUnsignedBytes(Path file, int[] dimensions, int[] values) throws IOException {
    long count = 1;
    for (int d : dimensions) {
      if (d <= 0) {
        throw new IllegalArgumentException("IDX dimensions must be positive");
      }
      count *= d;
    }
    if (count != values.length) {
      throw new IllegalArgumentException("IDX dimensions announce " + count + " values, got " + values.length);
    }
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    org.groupsparse.util.AtomicFiles.write(file, raw -> {
      OutputStream target = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
      DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(target, 1 << 16));
      out.writeByte(0);
      out.writeByte(0);
      out.writeByte(UNSIGNED_BYTE);
      out.writeByte(dimensions.length);
      for (int d : dimensions) {
        out.writeInt(d);
      }
      for (int v : values) {
        if (v < 0 || v > 255) {
          throw new IllegalArgumentException("unsigned byte value out of range: " + v);
        }
        out.writeByte(v);
      }
      out.flush();
      if (target instanceof GZIPOutputStream z) {
        z.finish();
      }
    });
  }
}
