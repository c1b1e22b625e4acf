package org.groupsparse.util;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where file writers send their content: {@link AtomicFiles#DIRECT} writes each file atomically on
 * its own; a {@link FileBatch} stages files and makes them visible together, all or nothing.
 */
@FunctionalInterface
public interface FileSink {
  /**
   * Writes (or stages) one file.
   *
   * @param target the file to create or replace
   * @param writer what to write
   * @throws IOException on failure; nothing of this file is then visible at {@code target}
   */
  void write(Path target, AtomicFiles.Writer writer) throws IOException;
}
