package org.groupsparse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a command reads and writes, checked before any work: every output location must be
 * writable, no output may be an input (the same file, however it is named: symlinks, {@code ./x}
 * vs {@code x}, hard links) and no two outputs may be the same file. Errors are one line naming the
 * option as the user typed it and are {@link Main.UsageException}s (exit 2).
 */
final class FilePlan {
  private record Entry(String option, Path path, boolean directory) {}

  private final List<Entry> inputs = new ArrayList<>();
  private final List<Entry> outputs = new ArrayList<>();

  /**
   * @param option the option as typed
   * @param path an input file, or null (ignored)
   * @return this
   */
  FilePlan input(String option, Path path) {
    if (path != null) {
      inputs.add(new Entry(option, path, false));
    }
    return this;
  }

  /**
   * @param option the option as typed
   * @param path an input directory, or null (ignored)
   * @return this
   */
  FilePlan inputDirectory(String option, Path path) {
    if (path != null) {
      inputs.add(new Entry(option, path, true));
    }
    return this;
  }

  /**
   * @param option the option as typed
   * @param path an output file, or null (ignored)
   * @return this
   */
  FilePlan output(String option, Path path) {
    if (path != null) {
      outputs.add(new Entry(option, path, false));
    }
    return this;
  }

  /**
   * An output directory and the files the command writes into it.
   *
   * @param option the option as typed
   * @param dir the directory
   * @param files the file names inside it
   * @return this
   */
  FilePlan outputDirectory(String option, Path dir, List<String> files) {
    if (dir != null) {
      outputs.add(new Entry(option, dir, true));
      if (!dir.toString().isEmpty()) {
        for (String f : files) {
          outputs.add(new Entry(option, dir.resolve(f), false));
        }
      }
    }
    return this;
  }

  /** Checks everything; throws {@link Main.UsageException} with one line at the first problem. */
  void check() {
    for (Entry o : outputs) {
      checkLocation(o);
    }
    List<Path> inputKeys = new ArrayList<>();
    for (Entry in : inputs) {
      inputKeys.add(Files.exists(in.path) ? key(in.path) : null);
    }
    List<Path> outputKeys = new ArrayList<>();
    for (int k = 0; k < outputs.size(); k++) {
      Entry o = outputs.get(k);
      Path ko = key(o.path);
      for (int i = 0; i < inputs.size(); i++) {
        Entry in = inputs.get(i);
        if (inputKeys.get(i) != null && o.directory == in.directory && (ko.equals(inputKeys.get(i)) || sameFile(o.path, in.path))) {
          throw new Main.UsageException(o.option + " '" + o.path + "' is the same " + (o.directory ? "directory" : "file")
              + " as the input " + in.option + " '" + in.path + "'; refusing to overwrite an input");
        }
      }
      for (int j = 0; j < k; j++) {
        Entry other = outputs.get(j);
        if (!o.directory && !other.directory && ko.equals(outputKeys.get(j))) {
          String what = o.option.equals(other.option) ? o.option + " writes '" + other.path + "' twice"
              : o.option + " '" + o.path + "' is the same file as " + other.option + " '" + other.path + "'";
          throw new Main.UsageException(what + "; choose different output names");
        }
      }
      outputKeys.add(ko);
    }
  }

  private static void checkLocation(Entry o) {
    String shown = o.path.toString();
    if (shown.isEmpty()) {
      throw new Main.UsageException(o.option + " is empty; expected a " + (o.directory ? "directory" : "file") + " name");
    }
    if (o.directory) {
      if (Files.exists(o.path) && !Files.isDirectory(o.path)) {
        throw new Main.UsageException(o.option + " '" + shown + "' exists and is not a directory");
      }
    } else if (Files.isDirectory(o.path)) {
      throw new Main.UsageException(o.option + " '" + shown + "' is a directory; expected a file name");
    } else if (Files.exists(o.path) && !Files.isRegularFile(o.path)) {
      throw new Main.UsageException(o.option + " '" + shown + "' exists and is not a regular file (a device or pipe);"
          + " refusing to replace it");
    }
    Path ancestor = o.path.toAbsolutePath().normalize().getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor == null) {
      throw new Main.UsageException(o.option + " '" + shown + "': no existing parent directory");
    }
    if (!Files.isDirectory(ancestor)) {
      throw new Main.UsageException(o.option + " '" + shown + "': '" + ancestor + "' is a file, not a directory");
    }
    if (!Files.isWritable(ancestor)) {
      throw new Main.UsageException(o.option + " '" + shown + "': directory '" + ancestor + "' is not writable");
    }
  }

  /** The file's identity: its real path, or its nearest existing ancestor's real path and the rest. */
  private static Path key(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs));
    } catch (IOException e) {
      return abs;
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
