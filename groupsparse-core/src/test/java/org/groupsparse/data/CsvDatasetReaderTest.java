package org.groupsparse.data;

import org.groupsparse.util.InputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvDatasetReaderTest {
  private static Dataset read(String text) {
    return CsvDatasetReader.forTraining("y", Set.of()).read(new StringReader(text), "t.csv");
  }

  @Test
  void readsTargetAndFeaturesInColumnOrder() {
    Dataset d = read("a,y,b\n1,2,3\n4,5,6\n");
    assertThat(d.featureNames()).containsExactly("a", "b");
    assertThat(d.response()).containsExactly(2, 5);
    assertThat(d.design().data()).containsExactly(1, 3, 4, 6);
  }

  @Test
  void quotedFieldsAndBlankLinesKeepLineNumbersRight() {
    assertThatThrownBy(() -> read("\"a\",y\n\n1,2\n\n\"x\",3\n")).isInstanceOf(InputException.class)
        .hasMessage("t.csv:5:1: expected a number in column 'a'; got 'x'");
  }

  @Test
  void featureSelectionForPredictionIgnoresOtherColumnsAndOrder() {
    Dataset d = CsvDatasetReader.forFeatures(List.of("b", "a"), "y").read(new StringReader("a,id,b\n1,zz,3\n"), "t.csv");
    assertThat(d.design().data()).containsExactly(3, 1);
    assertThat(d.response()[0]).isNaN();
    // no target column is an explicit state, kept by row and column selection
    assertThat(d.hasResponse()).isFalse();
    assertThat(d.selectRows(new int[] {0}).hasResponse()).isFalse();
    assertThat(read("a,y,b\n1,2,3\n").hasResponse()).isTrue();
    Dataset withTarget = CsvDatasetReader.forFeatures(List.of("b"), "y").read(new StringReader("y,b\n1,3\n"), "t.csv");
    assertThat(withTarget.hasResponse()).isTrue();
  }

  @Test
  void duplicateColumnNamesAreRejected() {
    assertThatThrownBy(() -> read("a,y,a\n1,2,3\n")).hasMessage("t.csv:1:3: duplicate column name 'a'");
  }

  /**
   * Whatever the bytes, the reader either returns a consistent data set or throws an {@link
   * InputException}; never another exception. Runs the stored inputs as a regression test; with
   * JAZZER_FUZZ=1 it fuzzes.
   */
  @FuzzTest(maxDuration = "30s")
  void arbitraryTextGivesADatasetOrAnInputException(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      Dataset d = read(text);
      assertThat(d.rows()).isPositive();
      assertThat(d.design().data()).hasSize(d.rows() * d.features());
      for (double v : d.design().data()) {
        assertThat(Double.isFinite(v)).isTrue();
      }
    } catch (InputException expected) {
      assertThat(expected.getMessage()).startsWith("t.csv");
    }
  }
}
