package io.penultimate.cli;

import io.penultimate.dl4j.Trainer;
import java.io.PrintWriter;

/**
 * Draws training progress on stderr: a live bar with the images per second within each epoch when
 * stderr is a terminal, else a line at every tenth of an epoch (an epoch of a convolutional network
 * takes minutes); one summary line per epoch always, with its time and rate.
 */
final class ProgressBar implements Trainer.Progress {
  private static final int WIDTH = 30;
  private static final int LOGGED_STEPS = 10;
  private final PrintWriter err;
  private final int maxEpochs;
  private final boolean live = System.console() != null;
  private int lastDrawn = -1;

  ProgressBar(PrintWriter err, int maxEpochs) {
    this.err = err;
    this.maxEpochs = maxEpochs;
  }

  @Override
  public void batch(int epoch, int batch, int batches, double imagesPerSecond) {
    int steps = live ? WIDTH : LOGGED_STEPS;
    int filled = batch * steps / batches;
    if (filled == lastDrawn || (!live && (filled == 0 || batch == batches))) {
      return;
    }
    lastDrawn = filled;
    if (live) {
      err.printf("\repoch %2d/%d [%s%s] %3d%% %,.0f images/s", epoch, maxEpochs, "#".repeat(filled), ".".repeat(WIDTH - filled),
          100 * batch / batches, imagesPerSecond);
    } else {
      err.printf("epoch %2d/%d %3d%% %,.0f images/s%n", epoch, maxEpochs, 100 * batch / batches, imagesPerSecond);
    }
    err.flush();
  }

  @Override
  public void epoch(Trainer.Epoch epoch) {
    lastDrawn = -1;
    err.printf(
        (live ? "\r" : "") + "epoch %2d/%d validation loss %.4f accuracy %.4f%s; trained in %.0f s, %,.0f images/s%n",
        epoch.epoch(), maxEpochs, epoch.validationLoss(), epoch.validationAccuracy(), epoch.improved() ? " (best)" : "",
        epoch.trainingSeconds(), epoch.imagesPerSecond());
    err.flush();
  }
}
