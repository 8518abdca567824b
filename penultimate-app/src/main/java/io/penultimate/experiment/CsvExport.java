package io.penultimate.experiment;

import io.penultimate.bundle.ScoreName;
import io.penultimate.model.LabeledOutputs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * One row per evaluated sample with every score: {@code set,correct,softmax,...,primary}, where
   * set is {@code test} or {@code ood} and correct is empty for out-of-distribution samples; no
   * {@code ood} rows when {@code ood} is empty (an evaluation without OOD data).
   */
  public static void writeScores(Map<ScoreName, double[]> test, boolean[] correct, Map<ScoreName, double[]> ood, Path out)
      throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (BufferedWriter writer = Files.newBufferedWriter(out)) {
      writer.write("set,correct," + String.join(",", ScoreName.keys()));
      writer.newLine();
      writeScoreRows(writer, "test", test, correct);
      if (!ood.isEmpty()) {
        writeScoreRows(writer, "ood", ood, null);
      }
    }
  }

  private static void writeScoreRows(BufferedWriter writer, String set, Map<ScoreName, double[]> scores, boolean[] correct)
      throws IOException {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < scores.get(ScoreName.SOFTMAX).length; i++) {
      row.setLength(0);
      row.append(set).append(',').append(correct == null ? "" : correct[i] ? "1" : "0");
      for (ScoreName score : ScoreName.values()) {
        row.append(',').append(scores.get(score)[i]);
      }
      writer.write(row.toString());
      writer.newLine();
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
