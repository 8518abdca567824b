package io.penultimate.cli;

import io.penultimate.dl4j.Trainer;
import java.io.PrintWriter;

/**
 * Draws training progress on stderr: a live bar within each epoch when stderr is a terminal, and
 * one summary line per epoch always (so logs stay readable).
 */
final class ProgressBar implements Trainer.Progress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final int maxEpochs;
  private final boolean live = System.console() != null;
  private int lastDrawn = -1;

  ProgressBar(PrintWriter err, int maxEpochs) {
    this.err = err;
    this.maxEpochs = maxEpochs;
  }

  @Override
  public void batch(int epoch, int batch, int batches) {
    int filled = batch * WIDTH / batches;
    if (!live || filled == lastDrawn) {
      return;
    }
    lastDrawn = filled;
    err.printf("\repoch %2d/%d [%s%s] %3d%%", epoch, maxEpochs, "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * batch / batches);
    err.flush();
  }

  @Override
  public void epoch(int epoch, double validationLoss, double validationAccuracy, boolean improved) {
    lastDrawn = -1;
    err.printf(
        (live ? "\r" : "") + "epoch %2d/%d validation loss %.4f accuracy %.4f%s%n",
        epoch, maxEpochs, validationLoss, validationAccuracy, improved ? " (best)" : "");
    err.flush();
  }
}
