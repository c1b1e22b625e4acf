package org.groupsparse.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groupsparse.data.IdxFiles;
import org.groupsparse.util.InputException;
import org.groupsparse.io.GroupSpecs;
import org.groupsparse.groups.GroupStructure;

/**
 * Fuzz targets for every reader of user files besides CSV data: IDX, model files (regression and
 * autoencoder) and group files. Any byte sequence must give a value or an {@link InputException}
 * naming the file, never another exception, and the message must be one printable line. Runs the
 * stored inputs as a regression test; with JAZZER_FUZZ=1 it fuzzes.
 */
class ReaderFuzzTest {
  private static Path file(byte[] bytes, String suffix) throws IOException {
    Path p = Files.createTempFile("fuzz", suffix);
    Files.write(p, bytes);
    return p;
  }

  private static void assertOneLineNaming(InputException e, Path p) {
    assertThat(e.getMessage()).startsWith(p.toString()).doesNotContain("\n");
    for (char c : e.problem().toCharArray()) {
      assertThat(c >= 0x20 && c != 0x7f).as("printable: %s", e.problem()).isTrue();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void idxBytesGiveAnArrayOrAnInputException(FuzzedDataProvider data) throws IOException {
    Path p = file(data.consumeRemainingAsBytes(), ".idx");
    try {
      IdxFiles.IdxArray idx = IdxFiles.read(p);
      assertThat(idx).isNotNull();
    } catch (InputException e) {
      assertOneLineNaming(e, p);
    } finally {
      Files.deleteIfExists(p);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void modelBytesGiveAModelOrAnInputException(FuzzedDataProvider data) throws IOException {
    boolean autoencoder = data.consumeBoolean();
    Path p = file(data.consumeRemainingAsBytes(), ".json");
    try {
      if (autoencoder) {
        assertThat(AutoencoderFiles.read(p).model()).isNotNull();
      } else {
        ModelFiles.Loaded m = ModelFiles.read(p);
        assertThat(m.model().featureNames()).doesNotContain(m.model().targetName());
      }
    } catch (InputException e) {
      assertOneLineNaming(e, p);
    } finally {
      Files.deleteIfExists(p);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void groupFileBytesGiveAPartitionOrAnInputException(FuzzedDataProvider data) throws IOException {
    List<String> names = List.of("a_1", "a_2", "b_1", "b_2", "c");
    Path p = file(data.consumeRemainingAsBytes(), ".csv");
    try {
      GroupStructure g = GroupSpecs.parse("file:" + p, names);
      assertThat(g.featureCount()).isEqualTo(names.size());
    } catch (InputException e) {
      assertOneLineNaming(e, p);
    } catch (IllegalArgumentException e) {
      // a partition the labels cannot form (GroupStructure's own validation): one line as well
      assertThat(e.getMessage()).doesNotContain("\n");
    } finally {
      Files.deleteIfExists(p);
    }
  }
}
