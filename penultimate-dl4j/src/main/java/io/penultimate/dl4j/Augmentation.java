package io.penultimate.dl4j;

import java.util.Random;

/**
 * The standard CIFAR augmentation on flat channels-first images: a random crop of the image padded
 * by {@value #PADDING} zero pixels on every side (the same as shifting it by up to that many pixels
 * each way and filling with zeros), then a horizontal flip with probability one half.
 */
final class Augmentation {
  static final int PADDING = 4;

  private final int channels;
  private final int height;
  private final int width;

  Augmentation(int channels, int height, int width) {
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /** A new image: {@code image} cropped and perhaps flipped by draws from {@code random}; the input is left as it is. */
  float[] apply(float[] image, Random random) {
    int dy = random.nextInt(2 * PADDING + 1) - PADDING;
    int dx = random.nextInt(2 * PADDING + 1) - PADDING;
    boolean flip = random.nextBoolean();
    return shifted(image, dy, dx, flip);
  }

  /** Output pixel (y, x) is input pixel (y + dy, x' + dx), x' = x or its mirror, or 0 outside the image. */
  float[] shifted(float[] image, int dy, int dx, boolean flip) {
    float[] out = new float[image.length];
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        int sourceY = y + dy;
        if (sourceY < 0 || sourceY >= height) {
          continue;
        }
        for (int x = 0; x < width; x++) {
          int sourceX = (flip ? width - 1 - x : x) + dx;
          if (sourceX >= 0 && sourceX < width) {
            out[c * plane + y * width + x] = image[c * plane + sourceY * width + sourceX];
          }
        }
      }
    }
    return out;
  }
}
