package io.penultimate.experiment;

import io.penultimate.bundle.ScoreName;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.report.AnswerColumns;
import io.penultimate.report.Evaluator;
import io.penultimate.report.OodType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes model outputs as CSV ({@code label,predicted,logit_0..logit_{K-1},h_0..h_{n-1}}) and
 * evaluated scores as CSV, for analysis in other tools.
 */
public final class CsvExport {
  private CsvExport() {}

  public static void write(LabeledOutputs data, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    int[] predicted = data.outputs().predicted();
    try (BufferedWriter writer = Files.newBufferedWriter(out)) {
      writer.write(header(data.outputs().numClasses(), data.outputs().width()));
      writer.newLine();
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < data.size(); i++) {
        row.setLength(0);
        row.append(data.labels()[i]).append(',').append(predicted[i]);
        for (double z : data.outputs().logits()[i]) {
          row.append(',').append(z);
        }
        for (double h : data.outputs().hidden()[i]) {
          row.append(',').append(h);
        }
        writer.write(row.toString());
        writer.newLine();
      }
    }
  }

  /**
   * One evaluated split for {@link #writeScores}: its name in the {@code split} column, the true
   * label of each sample (null for out-of-distribution sets, whose labels are not the model's
   * classes), the predicted class, whether the split is out of distribution, every score and the
   * three answers.
   */
  public record ScoredSplit(
      String name, int[] labels, int[] predicted, boolean ood, Map<ScoreName, double[]> scores, AnswerColumns answers) {

    /** The test split and every OOD set of an evaluation: {@code test}, then {@code ood} (far) and {@code near}. */
    public static List<ScoredSplit> of(Evaluator.Evaluation evaluation) {
      List<ScoredSplit> splits = new ArrayList<>();
      splits.add(new ScoredSplit("test", evaluation.test().labels(), evaluation.test().outputs().predicted(), false,
          evaluation.testScores(), evaluation.testAnswers()));
      evaluation.ood().forEach((type, outputs) -> splits.add(new ScoredSplit(type == OodType.FAR ? "ood" : type.key(), null,
          outputs.predicted(), true, evaluation.oodScores().get(type), evaluation.oodAnswers().get(type))));
      return splits;
    }
  }

  /**
   * One row per evaluated sample, from which every figure of the evaluation can be recomputed:
   * {@code split,index,label,predicted,ood,softmax,...,primary,confidence,oodPValue,trust}, where
   * {@code index} is the sample's position in its split, {@code label} is empty for
   * out-of-distribution samples and {@code ood} is 0 or 1.
   */
  public static void writeScores(List<ScoredSplit> splits, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (BufferedWriter writer = Files.newBufferedWriter(out)) {
      writer.write("split,index,label,predicted,ood," + String.join(",", ScoreName.keys()) + ",confidence,oodPValue,trust");
      writer.newLine();
      StringBuilder row = new StringBuilder();
      for (ScoredSplit split : splits) {
        double[] pValues = split.answers().oodPValue();
        for (int i = 0; i < split.predicted().length; i++) {
          row.setLength(0);
          row.append(split.name()).append(',').append(i).append(',')
              .append(split.labels() == null ? "" : String.valueOf(split.labels()[i])).append(',')
              .append(split.predicted()[i]).append(',').append(split.ood() ? '1' : '0');
          for (ScoreName score : ScoreName.values()) {
            row.append(',').append(split.scores().get(score)[i]);
          }
          row.append(',').append(split.answers().confidence()[i]).append(',').append(pValues[i]).append(',')
              .append(split.answers().trust()[i]);
          writer.write(row.toString());
          writer.newLine();
        }
      }
    }
  }

  static String header(int numClasses, int width) {
    StringBuilder header = new StringBuilder("label,predicted");
    for (int c = 0; c < numClasses; c++) {
      header.append(",logit_").append(c);
    }
    for (int j = 0; j < width; j++) {
      header.append(",h_").append(j);
    }
    return header.toString();
  }
}
