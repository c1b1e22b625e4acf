package org.groupsparse.data;

import org.groupsparse.util.InputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxFilesTest {
  @TempDir Path dir;

  private static int[] randomBytes(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextInt(256);
    }
    return values;
  }

  @ParameterizedTest
  @ValueSource(strings = {"images-idx3-ubyte", "images-idx3-ubyte.gz"})
  void roundTripPlainAndGzip(String name) throws IOException {
    int[] values = randomBytes(5 * 4 * 3, 1);
    Path file = dir.resolve(name);
    IdxFiles.writeUnsignedBytes(file, new int[] {5, 4, 3}, values);
    IdxFiles.IdxArray array = IdxFiles.readImages(file);
    assertThat(array.dimensions()).containsExactly(5, 4, 3);
    assertThat(array.count()).isEqualTo(5);
    assertThat(array.itemLength()).isEqualTo(12);
    assertThat(array.values()).containsExactly(Arrays.stream(values).asDoubleStream().toArray());
    // gzip is recognized by content, so the compressed file has the gzip magic and the plain one not.
    byte[] head = Arrays.copyOf(Files.readAllBytes(file), 2);
    assertThat(head[0] == (byte) 0x1f && head[1] == (byte) 0x8b).isEqualTo(name.endsWith(".gz"));
  }

  @Test
  void readsLabelsAndRejectsImagesAsLabels() throws IOException {
    Path labels = dir.resolve("labels");
    IdxFiles.writeUnsignedBytes(labels, new int[] {4}, new int[] {3, 1, 4, 1});
    assertThat(IdxFiles.readLabels(labels)).containsExactly(3, 1, 4, 1);
    assertThatThrownBy(() -> IdxFiles.readImages(labels)).isInstanceOf(InputException.class)
        .hasMessageContaining("expected an image file");
  }

  @Test
  void readsOtherTypesBigEndian() throws IOException {
    // type 0x0B (short), 1 dimension of 2: values -2 and 513
    byte[] bytes = {0, 0, 0x0B, 1, 0, 0, 0, 2, (byte) 0xff, (byte) 0xfe, 0x02, 0x01};
    Path file = dir.resolve("shorts");
    Files.write(file, bytes);
    assertThat(IdxFiles.read(file).values()).containsExactly(-2.0, 513.0);
  }

  @Test
  void rejectsCorruptHeadersAndTruncation() throws IOException {
    Path good = dir.resolve("good");
    IdxFiles.writeUnsignedBytes(good, new int[] {2, 2, 2}, randomBytes(8, 2));
    byte[] bytes = Files.readAllBytes(good);

    byte[] badMagic = bytes.clone();
    badMagic[0] = 7;
    assertThatThrownBy(() -> IdxFiles.read(write("magic", badMagic))).isInstanceOf(InputException.class)
        .hasMessageContaining("not an IDX file");

    byte[] badType = bytes.clone();
    badType[2] = 0x42;
    assertThatThrownBy(() -> IdxFiles.read(write("type", badType))).hasMessageContaining("unknown IDX type");

    byte[] zeroDim = bytes.clone();
    zeroDim[7] = 0;
    assertThatThrownBy(() -> IdxFiles.read(write("zero", zeroDim))).hasMessageContaining("expected a positive size");

    for (int cut = 0; cut < bytes.length; cut++) {
      Path truncated = write("cut" + cut, Arrays.copyOf(bytes, cut));
      assertThatThrownBy(() -> IdxFiles.read(truncated)).isInstanceOf(InputException.class)
          .hasMessageContaining("truncated").hasMessageContaining(truncated.toString());
    }
    byte[] extra = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> IdxFiles.read(write("extra", extra))).hasMessageContaining("data after");
  }

  @Test
  void rejectsTruncatedGzip() throws IOException {
    Path gz = dir.resolve("x.gz");
    IdxFiles.writeUnsignedBytes(gz, new int[] {100, 10}, randomBytes(1000, 3));
    byte[] bytes = Files.readAllBytes(gz);
    Path cut = write("cut.gz", Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> IdxFiles.read(cut)).isInstanceOf(InputException.class);
  }

  @Test
  void mnistLayoutLoadsAndChecksCounts() throws IOException {
    Path mnist = Files.createDirectories(dir.resolve("mnist"));
    IdxFiles.writeUnsignedBytes(mnist.resolve("train-images-idx3-ubyte.gz"), new int[] {3, 2, 2}, randomBytes(12, 4));
    IdxFiles.writeUnsignedBytes(mnist.resolve("train-labels.idx1-ubyte"), new int[] {3}, new int[] {0, 1, 2});
    IdxFiles.writeUnsignedBytes(mnist.resolve("t10k-images-idx3-ubyte"), new int[] {2, 2, 2}, randomBytes(8, 5));
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

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }
}
