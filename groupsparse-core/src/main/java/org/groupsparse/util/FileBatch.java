package org.groupsparse.util;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * All-or-nothing output of several files and directories. Files are staged as temporary files
 * beside their targets and directories as hidden sibling directories; {@link #commit()} renames
 * them into place one after another, and {@link #close()} without a commit removes every staged
 * file and every directory the batch created, so a failed command leaves the file system as it
 * found it.
 *
 * <p>The renames of a commit are each atomic but not jointly: a crash of the machine between two
 * of them can leave some targets replaced. A failure of a writer, of the disk while staging or of
 * the computation between two writes leaves nothing behind.
 *
 * <pre>{@code
 * try (FileBatch batch = new FileBatch()) {
 *   ModelFiles.write(batch, model, ...);
 *   Plots.writePng(batch, plot, ...);
 *   batch.commit();
 * }
 * }</pre>
 */
public final class FileBatch implements FileSink, AutoCloseable {
  private final List<Path[]> staged = new ArrayList<>();
  private final List<Path[]> stagedDirectories = new ArrayList<>();
  private final List<Path> created = new ArrayList<>();
  private boolean committed;

  /** Creates an empty batch. */
  public FileBatch() {}

  @Override
  public void write(Path target, AtomicFiles.Writer writer) throws IOException {
    requireOpen();
    Path abs = target.toAbsolutePath().normalize();
    createParents(abs.getParent());
    Path tmp = AtomicFiles.writeTemporary(abs, writer);
    staged.add(new Path[] {tmp, abs});
  }

  /**
   * Stages a directory: returns a new empty directory beside {@code target} to fill. On commit it
   * becomes {@code target} (renamed when {@code target} does not exist; otherwise its files are
   * moved into {@code target}, replacing files of the same names).
   *
   * @param target the directory to create or fill
   * @return the staging directory
   * @throws IOException on failure
   */
  public Path stageDirectory(Path target) throws IOException {
    requireOpen();
    Path abs = target.toAbsolutePath().normalize();
    createParents(abs.getParent());
    Path tmp = AtomicFiles.newSiblingDirectory(abs);
    stagedDirectories.add(new Path[] {tmp, abs});
    return tmp;
  }

  /**
   * Makes every staged file and directory visible.
   *
   * @throws IOException when a rename fails
   */
  public void commit() throws IOException {
    requireOpen();
    for (Path[] d : stagedDirectories) {
      commitDirectory(d[0], d[1]);
    }
    for (Path[] f : staged) {
      AtomicFiles.moveReplacing(f[0], f[1]);
    }
    committed = true;
  }

  /** Removes whatever was staged and not committed, and the directories the batch created. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    committed = true;
    for (Path[] f : staged) {
      try {
        Files.deleteIfExists(f[0]);
      } catch (IOException ignored) {
        // best effort: nothing else can be done about a temporary file that cannot be removed
      }
    }
    for (Path[] d : stagedDirectories) {
      deleteTree(d[0]);
    }
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException ignored) {
        // not empty (someone else wrote there) or gone: leave it
      }
    }
  }

  private void requireOpen() {
    if (committed) {
      throw new IllegalStateException("the batch is already committed or closed");
    }
  }

  private void createParents(Path dir) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    createParents(dir.getParent());
    Files.createDirectory(dir);
    created.add(dir);
  }

  private static void commitDirectory(Path tmp, Path target) throws IOException {
    if (!Files.exists(target)) {
      AtomicFiles.moveReplacing(tmp, target);
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(tmp)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      Path dest = target.resolve(tmp.relativize(f).toString());
      Files.createDirectories(dest.getParent());
      AtomicFiles.moveReplacing(f, dest);
    }
    deleteTree(tmp);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
