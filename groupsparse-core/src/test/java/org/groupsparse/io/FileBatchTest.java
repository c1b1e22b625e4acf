package org.groupsparse.io;

import org.groupsparse.util.FileBatch;
import org.groupsparse.util.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBatchTest {
  @TempDir Path dir;

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aFailingLaterWriterLeavesNothingBehindAndEarlierTargetsIntact() throws IOException {
    Path existing = dir.resolve("model.json");
    Files.writeString(existing, "old");
    List<String> before = listing();
    assertThatThrownBy(() -> {
      try (FileBatch batch = new FileBatch()) {
        batch.write(existing, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        batch.write(dir.resolve("new/deeper/plot.png"), out -> out.write(1));
        Path staged = batch.stageDirectory(dir.resolve("experiment"));
        Files.writeString(staged.resolve("report.md"), "x");
        batch.write(dir.resolve("third.csv"), out -> {
          out.write(1);
          throw new IOException("disk full");
        });
        batch.commit();
      }
    }).hasMessage("disk full");
    assertThat(listing()).isEqualTo(before);
    assertThat(Files.readString(existing)).isEqualTo("old");
  }

  @Test
  void commitMakesEveryFileVisibleAndFillsExistingDirectories() throws IOException {
    Path exp = Files.createDirectories(dir.resolve("exp"));
    Files.writeString(exp.resolve("keep.txt"), "keep");
    Files.writeString(exp.resolve("report.md"), "old");
    try (FileBatch batch = new FileBatch()) {
      batch.write(dir.resolve("a/b.json"), out -> out.write('1'));
      Path staged = batch.stageDirectory(exp);
      Files.writeString(staged.resolve("report.md"), "new");
      Path fresh = batch.stageDirectory(dir.resolve("fresh"));
      Files.writeString(fresh.resolve("x.csv"), "x");
      assertThat(Files.exists(dir.resolve("a/b.json"))).isFalse();
      batch.commit();
    }
    assertThat(Files.readString(dir.resolve("a/b.json"))).isEqualTo("1");
    assertThat(Files.readString(exp.resolve("report.md"))).isEqualTo("new");
    assertThat(Files.readString(exp.resolve("keep.txt"))).isEqualTo("keep");
    assertThat(Files.readString(dir.resolve("fresh/x.csv"))).isEqualTo("x");
    assertThat(listing()).allMatch(name -> !name.contains(".tmp") && !name.contains(".partial"));
  }

  @Test
  void newFilesGetTheUmaskModeAndReplacedFilesKeepTheirs() throws IOException {
    // the mode a new file gets from this process's umask, as any tool would create it
    Path probe = Files.createFile(dir.resolve("probe"));
    Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(probe);
    Path target = dir.resolve("out.csv");
    AtomicFiles.writeString(target, "a");
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(umaskMode).isNotEqualTo(
        PosixFilePermissions.fromString("rw-------"));
    Set<PosixFilePermission> custom = PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(target, custom);
    AtomicFiles.writeString(target, "b");
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(custom);
    assertThat(Files.readString(target)).isEqualTo("b");
  }

  @Test
  void aBatchCannotBeReused() throws IOException {
    FileBatch batch = new FileBatch();
    batch.commit();
    assertThatThrownBy(() -> batch.write(dir.resolve("x"), out -> out.write(1))).isInstanceOf(IllegalStateException.class);
    batch.close();
  }
}
