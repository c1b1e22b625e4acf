package org.groupsparse.util;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that nothing half-written is ever visible: the content goes to a temporary file
 * in the target's directory, which is renamed over the target only when complete.
 *
 * <p>Permissions are those every Unix tool gives: a new file gets mode {@code 0666} less the
 * process umask (the temporary file is opened with the system's default mode, not the
 * {@code 0600} of {@link Files#createTempFile}); a replaced file keeps its mode.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes each file atomically on its own. */
  public static final FileSink DIRECT = AtomicFiles::write;

  /** Writes content to a stream. */
  @FunctionalInterface
  public interface Writer {
    /**
     * @param out the stream to write to; closed by the caller
     * @throws IOException on failure
     */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes a file atomically; on any failure the temporary file is removed and the target is left
   * as it was.
   *
   * @param target the file to create or replace; missing parent directories are created
   * @param writer what to write
   * @throws IOException on failure
   */
  public static void write(Path target, Writer writer) throws IOException {
    try (FileBatch batch = new FileBatch()) {
      batch.write(target, writer);
      batch.commit();
    }
  }

  /**
   * Writes text atomically in UTF-8.
   *
   * @param target the file
   * @param text the content
   * @throws IOException on failure
   */
  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes text in UTF-8 to a sink.
   *
   * @param sink where to write
   * @param target the file
   * @param text the content
   * @throws IOException on failure
   */
  public static void writeString(FileSink sink, Path target, String text) throws IOException {
    sink.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Creates a new temporary file beside {@code target} with the system's default mode (0666 less
   * the umask) and fills it.
   *
   * @param target the eventual file (absolute)
   * @param writer the content
   * @return the temporary file
   * @throws IOException on failure (the temporary file is then removed)
   */
  static Path writeTemporary(Path target, Writer writer) throws IOException {
    Path tmp = newSibling(target, ".tmp");
    boolean done = false;
    try {
      try (OutputStream out = new BufferedOutputStream(
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
        writer.write(out);
      }
      copyModeIfExists(target, tmp);
      done = true;
      return tmp;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Creates a new empty directory beside {@code target} (mode 0777 less the umask).
   *
   * @param target the eventual directory (absolute)
   * @return the new directory
   * @throws IOException on failure
   */
  static Path newSiblingDirectory(Path target) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path dir = target.resolveSibling("." + target.getFileName() + "." + randomHex() + ".partial");
      try {
        return Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static Path newSibling(Path target, String suffix) {
    return target.resolveSibling("." + target.getFileName() + "." + randomHex() + suffix);
  }

  private static String randomHex() {
    // only a name for a temporary file, opened with CREATE_NEW: no seed or security involved
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /** Renames {@code from} over {@code to}, atomically where the file system can. */
  static void moveReplacing(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void copyModeIfExists(Path target, Path tmp) throws IOException {
    if (!Files.isRegularFile(target)) {
      return;
    }
    PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (from != null && to != null) {
      to.setPermissions(from.readAttributes().permissions());
    }
  }
}
