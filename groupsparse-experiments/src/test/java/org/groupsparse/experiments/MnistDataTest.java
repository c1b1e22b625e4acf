package org.groupsparse.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.groupsparse.data.IdxFiles;
import org.groupsparse.TestData;
import org.groupsparse.util.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataTest {
  @TempDir Path dir;

  @Test
  void mnistLayoutLoadsAndChecksCounts() throws IOException {
    Path mnist = Files.createDirectories(dir.resolve("mnist"));
    IdxFiles.writeUnsignedBytes(mnist.resolve("train-images-idx3-ubyte.gz"), new int[] {3, 2, 2}, TestData.randomBytes(12, 4));
    IdxFiles.writeUnsignedBytes(mnist.resolve("train-labels.idx1-ubyte"), new int[] {3}, new int[] {0, 1, 2});
    IdxFiles.writeUnsignedBytes(mnist.resolve("t10k-images-idx3-ubyte"), new int[] {2, 2, 2}, TestData.randomBytes(8, 5));
    IdxFiles.writeUnsignedBytes(mnist.resolve("t10k-labels-idx1-ubyte"), new int[] {2}, new int[] {1, 1});
    assertThat(MnistData.isPresent(mnist)).isTrue();
    MnistData data = MnistData.load(mnist);
    assertThat(data.trainImages().rows()).isEqualTo(3);
    assertThat(data.trainImages().cols()).isEqualTo(4);
    assertThat(data.testLabels()).containsExactly(1, 1);
    assertThat(Arrays.stream(data.trainImages().data()).allMatch(v -> v >= 0 && v <= 1)).isTrue();

    IdxFiles.writeUnsignedBytes(mnist.resolve("t10k-labels-idx1-ubyte"), new int[] {3}, new int[] {1, 1, 1});
    assertThatThrownBy(() -> MnistData.load(mnist)).isInstanceOf(InputException.class)
        .hasMessageContaining("has 3 labels but the images file has 2 images");
    Files.delete(mnist.resolve("t10k-labels-idx1-ubyte"));
    assertThat(MnistData.isPresent(mnist)).isFalse();
    assertThatThrownBy(() -> MnistData.load(mnist)).hasMessageContaining("missing MNIST file");
  }
}
