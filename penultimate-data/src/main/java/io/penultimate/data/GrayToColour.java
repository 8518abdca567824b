package io.penultimate.data;

import java.util.List;

/**
 * Gray images made into the colour images a convolutional network reads, for far-OOD sets: MNIST
 * and Fashion-MNIST (28×28, one channel) facing a CIFAR network (3×32×32). Each image is resized
 * by bilinear interpolation with pixel centres at half-integers (what PIL's and PyTorch's
 * {@code align_corners=False} bilinear resize do), then the one channel is replicated into each of
 * the model's channels, so that the far-OOD images have the shape and the value range ([0, 1]) the
 * network was trained on, and differ from its data in content only.
 */
public final class GrayToColour {
  private GrayToColour() {}

  /**
   * Whether samples of {@code dataShape} are single-channel images ((H, W) or (1, H, W)) that a
   * network reading (C, H', W') images cannot take as they are.
   */
  public static boolean applies(List<Integer> dataShape, List<Integer> modelShape) {
    boolean gray = dataShape.size() == 2 || (dataShape.size() == 3 && dataShape.get(0) == 1);
    return gray && modelShape.size() == 3 && !dataShape.equals(modelShape);
  }

  /**
   * The samples resized and replicated to {@code modelShape} (channels, height, width), labels and
   * class names kept; the source says what was done.
   *
   * @throws IllegalArgumentException if {@link #applies} does not hold
   */
  public static LabeledSamples convert(LabeledSamples gray, List<Integer> modelShape) {
    if (!applies(gray.inputShape(), modelShape)) {
      throw new IllegalArgumentException(
          gray.source() + ": shape " + gray.inputShape() + " is not a gray image to make into shape " + modelShape);
    }
    List<Integer> shape = gray.inputShape();
    int height = shape.get(shape.size() - 2);
    int width = shape.get(shape.size() - 1);
    int channels = modelShape.get(0);
    int outHeight = modelShape.get(1);
    int outWidth = modelShape.get(2);
    float[][] rows = new float[gray.size()][];
    for (int i = 0; i < rows.length; i++) {
      float[] resized = resized(gray.features()[i], height, width, outHeight, outWidth);
      float[] colour = new float[channels * resized.length];
      for (int c = 0; c < channels; c++) {
        System.arraycopy(resized, 0, colour, c * resized.length, resized.length);
      }
      rows[i] = colour;
    }
    String how = ", resized to " + outHeight + "x" + outWidth + " (bilinear)" + (channels > 1 ? " and replicated to " + channels + " channels" : "");
    return new LabeledSamples(rows, modelShape, gray.labels(), gray.classNames(), gray.source() + how);
  }

  /** Bilinear resize of one row-major image; the source coordinate of output pixel x is (x + ½)·w/w' − ½, clamped to the image. */
  static float[] resized(float[] image, int height, int width, int outHeight, int outWidth) {
    float[] out = new float[outHeight * outWidth];
    for (int y = 0; y < outHeight; y++) {
      double sy = source(y, height, outHeight);
      int y0 = (int) Math.floor(sy);
      int y1 = Math.min(y0 + 1, height - 1);
      double fy = sy - y0;
      for (int x = 0; x < outWidth; x++) {
        double sx = source(x, width, outWidth);
        int x0 = (int) Math.floor(sx);
        int x1 = Math.min(x0 + 1, width - 1);
        double fx = sx - x0;
        double top = image[y0 * width + x0] * (1 - fx) + image[y0 * width + x1] * fx;
        double bottom = image[y1 * width + x0] * (1 - fx) + image[y1 * width + x1] * fx;
        out[y * outWidth + x] = (float) (top * (1 - fy) + bottom * fy);
      }
    }
    return out;
  }

  private static double source(int target, int size, int outSize) {
    return Math.min(Math.max((target + 0.5) * size / outSize - 0.5, 0), size - 1);
  }
}
