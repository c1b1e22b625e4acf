package org.groupsparse.data;

import org.groupsparse.util.InputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.groupsparse.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxFilesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"images-idx3-ubyte", "images-idx3-ubyte.gz"})
  void roundTripPlainAndGzip(String name) throws IOException {
    int[] values = TestData.randomBytes(5 * 4 * 3, 1);
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
    IdxFiles.writeUnsignedBytes(good, new int[] {2, 2, 2}, TestData.randomBytes(8, 2));
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
    IdxFiles.writeUnsignedBytes(gz, new int[] {100, 10}, TestData.randomBytes(1000, 3));
    byte[] bytes = Files.readAllBytes(gz);
    Path cut = write("cut.gz", Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> IdxFiles.read(cut)).isInstanceOf(InputException.class);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }
}
