package io.penultimate.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.bundle.ScoreName;
import io.penultimate.report.AnswerColumns;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {
  // Three samples, K = 3 classes, n = 2 hidden nodes.
  private static final double[][] LOGITS = {
    {0.5, 2.25, -1.0}, // argmax 1, label 1: right
    {-3.0, -4.5, -0.125}, // argmax 2, label 0: wrong
    {1.5, 1.5, 1.0}, // tie between 0 and 1: the lowest index, 0
  };
  private static final double[][] HIDDEN = {{0.1, 0.9999999}, {1.0E-7, 0.0}, {-2.5, 123456.789}};
  private static final int[] LABELS = {1, 0, 2};

  @TempDir Path dir;

  @Test
  void headerNamesLabelPredictedEveryLogitAndEveryHiddenNode() throws Exception {
    List<String> lines = Files.readAllLines(write(dir.resolve("out.csv")));
    assertThat(lines.get(0)).isEqualTo("label,predicted,logit_0,logit_1,logit_2,h_0,h_1");
  }

  @Test
  void writesOneRowPerSampleWithTheLabelTheArgmaxAndTheValuesThatParseBackExactly() throws Exception {
    List<String> lines = Files.readAllLines(write(dir.resolve("out.csv")));
    assertThat(lines).hasSize(1 + LABELS.length);
    int[] expectedPredicted = {1, 2, 0};
    for (int i = 0; i < LABELS.length; i++) {
      String[] cells = lines.get(i + 1).split(",", -1);
      assertThat(cells).as("row %d", i).hasSize(2 + 3 + 2);
      assertThat(Integer.parseInt(cells[0])).as("label of row %d", i).isEqualTo(LABELS[i]);
      assertThat(Integer.parseInt(cells[1])).as("predicted of row %d", i).isEqualTo(expectedPredicted[i]);
      double[] values = Arrays.stream(cells, 2, cells.length).mapToDouble(Double::parseDouble).toArray();
      assertThat(Arrays.copyOfRange(values, 0, 3)).as("logits of row %d", i).containsExactly(LOGITS[i]);
      assertThat(Arrays.copyOfRange(values, 3, 5)).as("hidden of row %d", i).containsExactly(HIDDEN[i]);
    }
  }

  @Test
  void createsMissingParentDirectories() throws Exception {
    Path out = write(dir.resolve("a").resolve("b").resolve("out.csv"));
    assertThat(out).isRegularFile();
    assertThat(Files.readAllLines(out)).hasSize(4);
  }

  @Test
  void overwritesAnExistingFile() throws Exception {
    Path out = dir.resolve("out.csv");
    Files.writeString(out, "stale\nstale\nstale\nstale\nstale\nstale\n");
    write(out);
    assertThat(Files.readAllLines(out)).hasSize(4).noneMatch(line -> line.contains("stale"));
  }

  private static Path write(Path out) throws Exception {
    CsvExport.write(new LabeledOutputs(new ModelOutputs(HIDDEN, LOGITS), LABELS), out);
    return out;
  }

  @Test
  void writesEveryScoreAndAnswerOfTestAndOodSamplesWithLabelsForTestOnly() throws Exception {
    Map<ScoreName, double[]> test = new EnumMap<>(ScoreName.class);
    Map<ScoreName, double[]> ood = new EnumMap<>(ScoreName.class);
    for (ScoreName score : ScoreName.values()) {
      test.put(score, new double[] {score.ordinal(), -0.5});
      ood.put(score, new double[] {1e-9 * score.ordinal()});
    }
    AnswerColumns testAnswers =
        new AnswerColumns(new double[] {0.9, 0.2}, new double[] {Math.log(0.5), Math.log(0.25)}, new boolean[] {false, false}, new double[] {0.85, 0.1});
    AnswerColumns oodAnswers = new AnswerColumns(new double[] {0.7}, new double[] {Math.log(0.001)}, new boolean[] {true}, new double[] {0.05});
    Path out = dir.resolve("scores/s.csv");
    CsvExport.writeScores(List.of(
        new CsvExport.ScoredSplit("test", new int[] {3, 1}, new int[] {3, 2}, false, test, testAnswers),
        new CsvExport.ScoredSplit("ood", null, new int[] {4}, true, ood, oodAnswers)), out);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("split,index,label,predicted,ood," + String.join(",", ScoreName.keys()) + ",confidence,oodPValue,trust");
    assertThat(lines).hasSize(4);
    String[] first = lines.get(1).split(",", -1);
    assertThat(first).startsWith("test", "0", "3", "3", "0");
    assertThat(Double.parseDouble(first[5 + ScoreName.GAUSSIAN.ordinal()])).isEqualTo(ScoreName.GAUSSIAN.ordinal());
    assertThat(lines.get(2)).startsWith("test,1,1,2,0,-0.5,").endsWith(",0.2,0.25,0.1");
    String[] oodRow = lines.get(3).split(",", -1);
    assertThat(oodRow).startsWith("ood", "0", "", "4", "1");
    assertThat(Double.parseDouble(oodRow[5 + ScoreName.PRIMARY.ordinal()])).isEqualTo(1e-9 * ScoreName.PRIMARY.ordinal());
    assertThat(Double.parseDouble(oodRow[oodRow.length - 2])).isCloseTo(0.001, within(1e-15));
  }
}
