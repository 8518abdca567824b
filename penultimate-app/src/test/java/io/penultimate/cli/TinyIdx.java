package io.penultimate.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small data set in the four standard IDX files ({@code --dataset idx:DIR}), 28 × 28 like MNIST,
 * for trainings that take seconds: class c of {@code classes} brightens the horizontal band of rows
 * 5c..5c+4 over gray noise, faintly enough that some predictions are wrong; with {@code classes} 0,
 * every image is uniform noise.
 */
final class TinyIdx {
  private static final int SIDE = 28;

  private TinyIdx() {}

  static Path write(Path dir, int classes, int train, int test, long seed) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(seed);
    part(dir, "train", classes, train, random);
    part(dir, "t10k", classes, test, random);
    return dir;
  }

  private static void part(Path dir, String prefix, int classes, int n, Random random) throws IOException {
    ByteArrayOutputStream images = new ByteArrayOutputStream();
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    try (DataOutputStream imageOut = new DataOutputStream(images); DataOutputStream labelOut = new DataOutputStream(labels)) {
      imageOut.writeInt(0x00000803);
      imageOut.writeInt(n);
      imageOut.writeInt(SIDE);
      imageOut.writeInt(SIDE);
      labelOut.writeInt(0x00000801);
      labelOut.writeInt(n);
      for (int i = 0; i < n; i++) {
        int label = classes == 0 ? 0 : i % classes;
        for (int p = 0; p < SIDE * SIDE; p++) {
          boolean band = classes > 0 && p / SIDE >= 5 * label && p / SIDE < 5 * label + 5;
          double value = classes == 0 ? 255 * random.nextDouble() : 90 + (band ? 25 : 0) + 60 * random.nextGaussian();
          imageOut.writeByte((int) Math.max(0, Math.min(255, Math.round(value))));
        }
        labelOut.writeByte(label);
      }
    }
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.toByteArray());
    Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.toByteArray());
  }
}
