package io.penultimate.experiment;

import io.penultimate.model.LabeledOutputs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes model outputs as CSV: {@code label,predicted,logit_0..logit_{K-1},h_0..h_{n-1}}. */
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
