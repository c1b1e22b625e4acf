package org.groupsparse.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that nothing half-written is ever visible: the content goes to a temporary file
 * in the target's directory, which is renamed over the target only when complete.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

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
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    boolean done = false;
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writer.write(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
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
    write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
