package org.groupsparse.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Set;
import org.groupsparse.util.InputException;
import org.junit.jupiter.api.Test;

/**
 * The block parser of large CSV files against the sequential one (a class of its own: the fuzz test
 * of {@link CsvDatasetReaderTest} instruments the classes its JVM loads, which slows parsing).
 */
class CsvBlockReaderTest {
  /** A CSV text above the size from which files are parsed in blocks on several threads. */
  private static String large(int rows, java.util.function.IntFunction<String> cell) {
    StringBuilder b = new StringBuilder("y");
    for (int j = 0; j < 40; j++) {
      b.append(",x").append(j);
    }
    b.append('\n');
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    for (int i = 0; i < rows; i++) {
      if (i % 997 == 0) {
        b.append('\n'); // blank lines are skipped and still counted
      }
      b.append(cell.apply(i));
      for (int j = 0; j < 40; j++) {
        b.append(',').append(rng.nextGaussian());
      }
      b.append(i % 3 == 0 ? "\r\n" : "\n");
    }
    return b.toString();
  }

  @Test
  void filesParsedInBlocksGiveTheSequentialResultAndLineNumbers(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    // 6,000 rows of about 800 bytes in blocks of at least 64 KiB on 3 threads: 12 blocks
    String text = large(6000, i -> Integer.toString(i));
    java.nio.file.Path file = dir.resolve("big.csv");
    java.nio.file.Files.writeString(file, text);
    CsvDatasetReader reader = CsvDatasetReader.forTraining("y", Set.of());
    Dataset blocks = reader.readBlocks(file, file.toString(), 3, 1 << 16);
    assertThat(blocks).isNotNull();
    Dataset sequential = reader.read(new StringReader(text), file.toString());
    assertThat(blocks.rows()).isEqualTo(6000);
    assertThat(blocks.response()).isEqualTo(sequential.response());
    assertThat(blocks.design().data()).isEqualTo(sequential.design().data());
    assertThat(blocks.featureNames()).isEqualTo(sequential.featureNames());
    // two bad cells late in the file: the first one is reported, with its line and column, as the
    // sequential reader reports it
    String bad = large(6000, i -> i == 5100 ? "oops" : i == 5900 ? "" : Integer.toString(i));
    java.nio.file.Path badFile = dir.resolve("bad.csv");
    java.nio.file.Files.writeString(badFile, bad);
    String expected = org.assertj.core.api.Assertions.catchThrowable(() -> reader.read(new StringReader(bad),
        badFile.toString())).getMessage();
    assertThat(expected).contains(":5108:1: expected a number in column 'y'; got 'oops'");
    assertThatThrownBy(() -> reader.readBlocks(badFile, badFile.toString(), 3, 1 << 16))
        .isInstanceOf(InputException.class).hasMessage(expected);
    // a row with a field too many, and one with invalid UTF-8, late in the file: the same messages
    String wide = large(6000, i -> i == 4321 ? "1,2" : Integer.toString(i));
    java.nio.file.Path wideFile = dir.resolve("wide.csv");
    java.nio.file.Files.writeString(wideFile, wide);
    String wideExpected = org.assertj.core.api.Assertions.catchThrowable(() -> reader.read(new StringReader(wide),
        wideFile.toString())).getMessage();
    assertThat(wideExpected).contains("expected 41 fields as in the header; got 42");
    assertThatThrownBy(() -> reader.readBlocks(wideFile, wideFile.toString(), 3, 1 << 16))
        .isInstanceOf(InputException.class).hasMessage(wideExpected);
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int late = text.indexOf("\n5000,") + 1;
    bytes[late] = (byte) 0xC3; // a lead byte followed by an ASCII comma: invalid UTF-8
    java.nio.file.Path latin = dir.resolve("latin.csv");
    java.nio.file.Files.write(latin, bytes);
    assertThatThrownBy(() -> reader.readBlocks(latin, latin.toString(), 3, 1 << 16))
        .isInstanceOf(InputException.class).hasMessageContaining("not UTF-8");
    // a quote anywhere: read sequentially (a quoted cell may hold a line break)
    String quoted = large(6000, i -> i == 3000 ? "\"3000\"" : Integer.toString(i));
    java.nio.file.Path quotedFile = dir.resolve("quoted.csv");
    java.nio.file.Files.writeString(quotedFile, quoted);
    assertThat(reader.readBlocks(quotedFile, quotedFile.toString(), 3, 1 << 16)).isNull();
    assertThat(reader.read(quotedFile).response()[3000]).isEqualTo(3000.0);
    // the whole read picks the block parser by itself from PARALLEL_MIN_BYTES on
    assertThat(text.length()).isGreaterThan((int) CsvDatasetReader.PARALLEL_MIN_BYTES);
    assertThat(reader.read(file).design().data()).isEqualTo(sequential.design().data());
  }

}
