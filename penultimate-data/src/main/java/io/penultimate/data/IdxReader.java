package io.penultimate.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads IDX files, the format of the original MNIST and of Fashion-MNIST, plain or gzipped.
 *
 * <p>Layout (big-endian): a magic number {@code 0x000008DD} where 08 means unsigned bytes and DD
 * the number of dimensions, then one 4-byte size per dimension, then the bytes. Images are
 * {@code 0x00000803} with sizes (n, rows, cols), labels {@code 0x00000801} with size (n). Pixels
 * are scaled to [0, 1] by dividing by 255. Every deviation (wrong magic, fewer or more bytes than
 * the header promises, corrupt gzip, out-of-range label) is an {@link InvalidDataException}
 * naming the file.
 */
public final class IdxReader {
  public static final int IMAGES_MAGIC = 0x00000803;
  public static final int LABELS_MAGIC = 0x00000801;
  /** Sanity limit on rows*cols (a 4096x4096 image), so a corrupt header cannot request huge buffers. */
  static final int MAX_PIXELS_PER_IMAGE = 1 << 24;

  private static final float[] SCALE = new float[256];

  static {
    for (int b = 0; b < 256; b++) {
      SCALE[b] = b / 255f;
    }
  }

  private IdxReader() {}

  /** Reads an image file and its label file; their counts must match. */
  public static LabeledSamples read(Path images, Path labels, List<String> classNames) {
    return read(images, labels, LabelOptions.DEFAULT.withClassNames(classNames));
  }

  /** Reads an image file and its label file, whose labels are class indices under {@code options}. */
  static LabeledSamples read(Path images, Path labels, LabelOptions options) {
    Images pixels = readImageFile(images);
    int[] classes = readLabels(labels, 256);
    if (pixels.rows().length != classes.length) {
      throw new InvalidDataException(
          "image/label count mismatch: " + images + " holds " + pixels.rows().length + " images but " + labels
              + " holds " + classes.length + " labels");
    }
    ClassLabels classLabels = new ClassLabels(options);
    for (int i = 0; i < classes.length; i++) {
      if (classLabels.index(classes[i]) < 0) {
        throw new InvalidDataException(
            labels + ": label " + classes[i] + " of item " + i + " is out of range, expected " + classLabels.expectedIndex());
      }
    }
    return new LabeledSamples(
        pixels.rows(), pixels.shape(), classes, classLabels.classNames(), images + " + " + labels);
  }

  /** The images of a file as samples of one class, {@link SampleFiles#UNLABELLED_CLASSES}. */
  static LabeledSamples readUnlabelled(Path images) {
    Images pixels = readImageFile(images);
    return new LabeledSamples(
        pixels.rows(), pixels.shape(), new int[pixels.rows().length], SampleFiles.UNLABELLED_CLASSES, images.toString());
  }

  /** Reads an IDX image file: one row of rows*cols values in [0, 1] per image. */
  public static float[][] readImages(Path file) {
    return readImageFile(file).rows();
  }

  /** The images of a file, each {@code shape} (rows, cols) flattened. */
  private record Images(float[][] rows, List<Integer> shape) {}

  private static Images readImageFile(Path file) {
    return DataFiles.read(file, in -> {
      int[] dims = header(in, file, IMAGES_MAGIC, 3);
      int n = dims[0];
      long pixelsPerImage = (long) dims[1] * dims[2];
      if (pixelsPerImage > MAX_PIXELS_PER_IMAGE) {
        throw new InvalidDataException(file + ": images of " + dims[1] + "x" + dims[2] + " exceed the limit of "
            + MAX_PIXELS_PER_IMAGE + " pixels per image");
      }
      int width = (int) pixelsPerImage;
      long promised = (long) n * width;
      // Rows are allocated as they arrive, so a corrupt header promising billions of images
      // fails as "truncated" instead of exhausting memory up front.
      List<float[]> rows = new ArrayList<>(Math.min(n, 1 << 16));
      byte[] buffer = new byte[width];
      for (int i = 0; i < n; i++) {
        int got = in.readNBytes(buffer, 0, width);
        if (got < width) {
          throw truncated(file, n + " images of " + dims[1] + "x" + dims[2], promised, (long) i * width + got);
        }
        float[] row = new float[width];
        for (int j = 0; j < width; j++) {
          row[j] = SCALE[buffer[j] & 0xff];
        }
        rows.add(row);
      }
      requireEnd(in, file, 16 + promised);
      return new Images(rows.toArray(new float[0][]), List.of(dims[1], dims[2]));
    });
  }

  /** Reads an IDX label file; every label must lie in [0, numClasses). */
  public static int[] readLabels(Path file, int numClasses) {
    return DataFiles.read(file, in -> {
      int n = header(in, file, LABELS_MAGIC, 1)[0];
      byte[] bytes = in.readNBytes(n);
      if (bytes.length < n) {
        throw truncated(file, n + " labels", n, bytes.length);
      }
      requireEnd(in, file, 8L + n);
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = bytes[i] & 0xff;
        if (labels[i] >= numClasses) {
          throw new InvalidDataException(
              file + ": label " + labels[i] + " of item " + i + " is out of range, expected 0.." + (numClasses - 1));
        }
      }
      return labels;
    });
  }

  /** Reads and checks the magic number and the dimension sizes. */
  private static int[] header(InputStream in, Path file, int magic, int rank) throws IOException {
    byte[] bytes = in.readNBytes(4 * (1 + rank));
    if (bytes.length < 4) {
      throw new InvalidDataException(file + " is too short for an IDX file: " + bytes.length + " bytes");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
    int found = header.getInt();
    if (found != magic) {
      throw new InvalidDataException(
          String.format("%s: expected IDX magic 0x%08x (%s), found 0x%08x", file, magic,
              magic == IMAGES_MAGIC ? "unsigned-byte images n x rows x cols" : "unsigned-byte labels", found));
    }
    if (bytes.length < 4 * (1 + rank)) {
      throw new InvalidDataException(
          file + " is truncated: expected a " + 4 * (1 + rank) + "-byte header, found " + bytes.length + " bytes");
    }
    int[] dims = new int[rank];
    for (int d = 0; d < rank; d++) {
      dims[d] = header.getInt();
      // Sizes are unsigned 32-bit; anything past Integer.MAX_VALUE cannot be a real data set.
      if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
        throw new InvalidDataException(
            file + ": invalid size " + Integer.toUnsignedString(dims[d]) + " of dimension " + d);
      }
    }
    return dims;
  }

  private static InvalidDataException truncated(Path file, String promise, long promisedBytes, long foundBytes) {
    return new InvalidDataException(
        file + " is truncated: its header promises " + promise + " (" + promisedBytes + " bytes after the header)"
            + " but only " + foundBytes + " bytes follow");
  }

  private static void requireEnd(InputStream in, Path file, long expectedLength) throws IOException {
    if (in.read() != -1) {
      throw new InvalidDataException(
          file + " has trailing bytes: its header promises " + expectedLength + " bytes in total, found more");
    }
  }
}
