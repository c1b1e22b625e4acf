package org.groupsparse.groups;

import org.groupsparse.io.GroupSpecs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groupsparse.util.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupSpecsTest {
  private static final List<String> EIGHT = List.of("a_1", "a_2", "b_1", "c_1", "c_2", "b_2", "c_3", "a_3");

  @Test
  void uniformSizeMustDivideUnlessAskedOtherwise() {
    GroupStructure g = GroupSpecs.parse("size:2", EIGHT);
    assertThat(g.groupCount()).isEqualTo(4);
    assertThat(g.isContiguous()).isTrue();
    assertThatThrownBy(() -> GroupSpecs.parse("size:3", EIGHT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not divide");
    GroupStructure partial = GroupSpecs.parse("size:3:allow-partial", EIGHT);
    assertThat(partial.groupCount()).isEqualTo(3);
    assertThat(partial.size(2)).isEqualTo(2);
  }

  @Test
  void sizesMustCoverTheFeatures() {
    assertThat(GroupSpecs.parse("sizes:3,3,2", EIGHT).size(2)).isEqualTo(2);
    assertThatThrownBy(() -> GroupSpecs.parse("sizes:3,3", EIGHT)).hasMessageContaining("add up to 6");
    assertThatThrownBy(() -> GroupSpecs.parse("sizes:3,0,5", EIGHT)).hasMessageContaining("positive integer");
    assertThatThrownBy(() -> GroupSpecs.parse("sizes:x", EIGHT)).hasMessageContaining("positive integer");
    assertThatThrownBy(() -> GroupSpecs.parse("blocks:3", EIGHT)).hasMessageContaining("unknown group specification");
  }

  @Test
  void prefixGroupsAreNonContiguousAndKeepTheirNames() {
    GroupStructure g = GroupSpecs.parse("prefix:_", EIGHT);
    assertThat(g.labels()).containsExactly("a", "b", "c");
    assertThat(g.isContiguous()).isFalse();
    assertThat(g.size(0)).isEqualTo(3);
    assertThat(g.labelPerFeature()).containsExactly("a", "a", "b", "c", "c", "b", "c", "a");
    // members of each group are listed in increasing feature order
    assertThat(java.util.Arrays.copyOfRange(g.members(), g.start(2), g.end(2))).containsExactly(3, 4, 6);
    assertThatThrownBy(() -> GroupSpecs.parse("prefix:-", EIGHT)).hasMessageContaining("'a_1' has no group prefix");
  }

  @Test
  void groupFilesOneLabelPerLineOrAMapping(@TempDir Path dir) throws Exception {
    Path lines = dir.resolve("g.txt");
    Files.writeString(lines, "x\nx\ny\ny\nz\nz\nz\nx\n");
    assertThat(GroupSpecs.parse("file:" + lines, EIGHT).labels()).containsExactly("x", "y", "z");
    Path shortFile = dir.resolve("short.txt");
    Files.writeString(shortFile, "x\ny\n");
    assertThatThrownBy(() -> GroupSpecs.parse("file:" + shortFile, EIGHT)).isInstanceOf(InputException.class)
        .hasMessageContaining("has 2 group labels but there are 8 features");
    Path map = dir.resolve("map.csv");
    Files.writeString(map, "feature,group\nc_3,C\na_1,A\na_2,A\nb_1,B\nc_1,C\nc_2,C\nb_2,B\na_3,A\n");
    assertThat(GroupSpecs.parse("file:" + map, EIGHT))
        .isEqualTo(GroupStructure.ofLabels(List.of("A", "A", "B", "C", "C", "B", "C", "A")));
    Path unknown = dir.resolve("unknown.csv");
    Files.writeString(unknown, "feature,group\na_1,A\na_2,A\nb_1,B\nc_1,C\nc_2,C\nb_2,B\nc_3,C\na_3,A\nzz,Q\n");
    assertThatThrownBy(() -> GroupSpecs.parse("file:" + unknown, EIGHT)).hasMessageContaining("unknown.csv:10:1: names column 'zz', which is not a feature");
    assertThatThrownBy(() -> GroupSpecs.parse("file:" + dir.resolve("missing"), EIGHT))
        .isInstanceOf(InputException.class).hasMessageContaining("not found");
  }

  @Test
  void permutingFeaturesKeepsEachFeaturesGroup() {
    GroupStructure g = GroupSpecs.parse("prefix:_", EIGHT);
    int[] order = {7, 6, 5, 4, 3, 2, 1, 0};
    GroupStructure q = g.permuteFeatures(order);
    for (int j = 0; j < 8; j++) {
      assertThat(q.label(q.groupOf(j))).isEqualTo(g.label(g.groupOf(order[j])));
    }
  }
}
