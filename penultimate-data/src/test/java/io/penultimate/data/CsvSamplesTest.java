package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSamplesTest {
  @TempDir Path dir;

  private Path csv(String content) {
    return TestFiles.write(dir.resolve("data.csv"), content.getBytes(StandardCharsets.UTF_8));
  }

  private static LabeledSamples read(Path file) {
    return SampleFiles.read(file, LabelOptions.DEFAULT);
  }

  @Test
  void readsEveryColumnButTheLabelAsAFeatureInFileOrder() {
    Path file = csv("a,label,b\n1,0,2.5\n-3e2,1, 4 \n");

    LabeledSamples samples = read(file);

    assertThat(samples.features()).isDeepEqualTo(new float[][] {{1f, 2.5f}, {-300f, 4f}});
    assertThat(samples.inputShape()).containsExactly(2);
    assertThat(samples.labels()).containsExactly(0, 1);
    assertThat(samples.classNames()).containsExactly("0", "1");
    assertThat(samples.source()).isEqualTo(file.toString());
  }

  @Test
  void namesClassesZeroToTheLargestIndexFoundWhenNoNamesAreGiven() {
    LabeledSamples samples = read(csv("x,label\n0,3\n1,0\n"));

    assertThat(samples.classNames()).containsExactly("0", "1", "2", "3");
  }

  @Test
  void takesTheLabelColumnTheOptionsName() {
    LabeledSamples samples = SampleFiles.read(csv("label,class\n7,1\n8,0\n"), LabelOptions.DEFAULT.withColumn("class"));

    assertThat(samples.features()).isDeepEqualTo(new float[][] {{7f}, {8f}});
    assertThat(samples.labels()).containsExactly(1, 0);
  }

  @Test
  void mapsLabelsByTheGivenClassNamesOrAsIndicesIntoThem() {
    LabeledSamples samples =
        SampleFiles.read(csv("label,x\ncat,1\n0,2\nbird,3\n"), LabelOptions.DEFAULT.withClassNames(List.of("dog", "cat", "bird")));

    assertThat(samples.labels()).containsExactly(1, 0, 2);
    assertThat(samples.classNames()).containsExactly("dog", "cat", "bird");
  }

  @Test
  void takesTheDefaultClassNamesForIndexLabelsUnlessNamesAreGiven() {
    LabelOptions options = LabelOptions.DEFAULT.withDefaultClassNames(List.of("x", "y", "z"));

    assertThat(SampleFiles.read(csv("label,f\n0,1\n1,2\n"), options).classNames()).containsExactly("x", "y", "z");
    assertThat(SampleFiles.read(csv("label,f\n0,1\n1,2\n"), options.withClassNames(List.of("p", "q"))).classNames())
        .containsExactly("p", "q");
  }

  @Test
  void skipsBlankLinesAndAByteOrderMarkAndCountsLinesAsAnEditorDoes() {
    Path file = csv("\uFEFFlabel,f\n0,1\n\n1,x\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(file + " line 4, column 'f': 'x' is not a finite number");
  }

  @Test
  void rejectsARaggedRowNamingTheFileAndTheLine() {
    Path file = csv("label,a,b\n0,1,2\n1,3\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(file + " line 3 has 2 values, expected 3 like the header");
  }

  @Test
  void rejectsNonNumericNaNInfiniteAndOverflowingValuesNamingTheLineAndColumn() {
    for (String value : List.of("abc", "NaN", "inf", "-Infinity", "1e39", "0x10", "1f", "")) {
      Path file = csv("label,a,b\n0,1,2\n1,3," + value + "\n");

      assertThatThrownBy(() -> read(file))
          .as(value)
          .isInstanceOf(InvalidDataException.class)
          .hasMessage(file + " line 3, column 'b': '" + value + "' is not a finite number");
    }
  }

  @Test
  void rejectsAMissingLabelColumnListingTheColumnsFound() {
    Path file = csv("a,b,c,d,e,f\n1,2,3,4,5,6\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(file + " line 1: no label column 'label' in the header (a, b, c, d, e, …); name it with --label-column");
  }

  @Test
  void rejectsAnUnknownClassNameAndAnIndexOutOfRange() {
    LabelOptions options = LabelOptions.DEFAULT.withClassNames(List.of("a", "b"));
    Path unknown = csv("label,f\na,1\nc,2\n");

    assertThatThrownBy(() -> SampleFiles.read(unknown, options))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(unknown + " line 3, column 'label': label 'c' is not a class index 0..1 or a class name (a, b)");
    Path outOfRange = csv("label,f\n2,1\n");
    assertThatThrownBy(() -> SampleFiles.read(outOfRange, options))
        .hasMessageContaining("line 2, column 'label': label '2' is not a class index 0..1");
  }

  @Test
  void rejectsANameLabelWithoutClassNamesSayingHowToGiveThem() {
    Path file = csv("label,f\ncat,1\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("label 'cat' is not a class index")
        .hasMessageContaining("--class-names");
  }

  @Test
  void rejectsANegativeLabel() {
    assertThatThrownBy(() -> read(csv("label,f\n-1,1\n"))).hasMessageContaining("label '-1' is not a class index");
  }

  @Test
  void rejectsAnEmptyFileAndAHeaderWithoutRows() {
    Path empty = csv("");
    assertThatThrownBy(() -> read(empty))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(empty + " is empty: expected a header row");
    Path headerOnly = csv("label,f\n");
    assertThatThrownBy(() -> read(headerOnly))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(headerOnly + " has a header but no rows: expected one row per sample");
  }

  @Test
  void rejectsAnUnnamedColumnAsAPandasIndexWouldBe() {
    Path file = csv(",label,f\n0,1,2\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(file + " line 1: column 1 has no name")
        .hasMessageContaining("index=False");
  }

  @Test
  void rejectsATwiceNamedLabelColumnAndALabelWithoutFeatures() {
    assertThatThrownBy(() -> read(csv("label,f,label\n0,1,0\n")))
        .hasMessageContaining("the label column 'label' appears twice, as columns 1 and 3");
    assertThatThrownBy(() -> read(csv("label\n0\n"))).hasMessageContaining("no feature columns besides the label column");
  }

  @Test
  void rejectsAnUnclosedQuoteNamingTheFile() {
    Path file = csv("label,f\n0,\"1\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(file + ": not valid CSV after line");
  }

  @Test
  void readsAGzippedFile() {
    Path file = TestFiles.write(dir.resolve("data.csv.gz"), TestFiles.gzip("label,f\n1,5\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(read(file).features()).isDeepEqualTo(new float[][] {{5f}});
  }

  @Test
  void readsUnlabelledInputsLeavingTheLabelColumnOutWhenThereIsOne() {
    LabeledSamples withLabels = SampleFiles.readUnlabelled(csv("a,label,b\n1,whatever,2\n"), "label");
    LabeledSamples without = SampleFiles.readUnlabelled(csv("a,b\n1,2\n"), "label");

    assertThat(withLabels.features()).isDeepEqualTo(new float[][] {{1f, 2f}});
    assertThat(without.features()).isDeepEqualTo(new float[][] {{1f, 2f}});
    assertThat(without.classNames()).isEqualTo(SampleFiles.UNLABELLED_CLASSES);
  }
}
