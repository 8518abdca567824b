package io.penultimate.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads samples from a NumPy {@code .npz} file: a zip archive of {@code .npy} arrays (see {@link
 * NpyHeader}), stored or deflated, as {@code np.savez(f, x=x, y=y)} and {@code np.savez_compressed}
 * write it.
 *
 * <ul>
 *   <li>{@code x.npy}: the inputs, shape (N, d1, d2, …): N samples of input shape (d1, d2, …), or
 *       (N, features) flattened; dtype float32 ({@code <f4}), float64 ({@code <f8}, rounded to
 *       float) or uint8 ({@code |u1}, values 0..255 as they are); C order; every value finite.
 *   <li>{@code y.npy}: the labels, shape (N,), class indices as int64 ({@code <i8}), int32
 *       ({@code <i4}) or uint8 ({@code |u1}). Not read for unlabelled (out-of-distribution) inputs.
 * </ul>
 */
final class NpzSamples {
  static final String X = "x.npy";
  static final String Y = "y.npy";
  private static final int BUFFER = 1 << 16;
  private static final int ENTRIES_SHOWN = 10;

  private NpzSamples() {}

  static LabeledSamples read(Path file, LabelOptions options) {
    return read(file, options, true);
  }

  /** The inputs only: {@code y.npy} need not exist and is not read. */
  static LabeledSamples readUnlabelled(Path file) {
    return read(file, LabelOptions.DEFAULT, false);
  }

  private static LabeledSamples read(Path file, LabelOptions options, boolean labelled) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Inputs inputs = readInputs(zip, entry(zip, X, file), file + "!" + X);
      if (!labelled) {
        return new LabeledSamples(inputs.rows(), inputs.shape(), new int[inputs.rows().length],
            SampleFiles.UNLABELLED_CLASSES, file.toString());
      }
      ClassLabels classes = new ClassLabels(options);
      int[] labels = readLabels(zip, entry(zip, Y, file), file + "!" + Y, inputs.rows().length, classes);
      return new LabeledSamples(inputs.rows(), inputs.shape(), labels, classes.classNames(), file.toString());
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("missing file " + file, e);
    } catch (ZipException e) {
      throw new InvalidDataException(file + " is not a valid zip archive, as np.savez writes: " + e.getMessage(), e);
    } catch (EOFException e) {
      // the zip's directory points past the end of the file (ZipFile reads entries at those offsets)
      throw new InvalidDataException(file + " is a truncated zip archive: its directory names data beyond its end", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static ZipEntry entry(ZipFile zip, String name, Path file) {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      // a zip may list thousands of entries: the message names the first few
      List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).map(DataText::quoted).toList();
      String held = names.isEmpty() ? "none"
          : String.join(", ", names.subList(0, Math.min(ENTRIES_SHOWN, names.size()))) + (names.size() > ENTRIES_SHOWN ? ", …" : "");
      throw new InvalidDataException(file + " holds no array " + name + " (it holds " + held
          + "); expected x (inputs) and y (labels), as np.savez(file, x=x, y=y) writes them");
    }
    return entry;
  }

  /** The rows of x and the input shape of one sample. */
  private record Inputs(float[][] rows, List<Integer> shape) {}

  private static Inputs readInputs(ZipFile zip, ZipEntry entry, String name) throws IOException {
    try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), BUFFER)) {
      NpyHeader header = NpyHeader.read(in, name);
      Dtype dtype = Dtype.of(header, name, List.of(Dtype.FLOAT32, Dtype.FLOAT64, Dtype.UINT8));
      long[] shape = header.shape();
      if (shape.length < 2 || shape[0] == 0 || Arrays.stream(shape).skip(1).anyMatch(d -> d == 0)) {
        throw new InvalidDataException(name + " has shape " + header.shapeText()
            + ", expected (samples, features) or (samples, d1, d2, …) with at least one sample and one value each");
      }
      long width = header.items() / shape[0];
      if (width * dtype.bytes > Integer.MAX_VALUE - 8 || shape[0] > Integer.MAX_VALUE - 8) {
        throw new InvalidDataException(name + " has shape " + header.shapeText() + ", too large to read");
      }
      requireSize(entry, header, dtype, name);
      int n = (int) shape[0];
      List<Integer> sampleShape = Arrays.stream(shape).skip(1).mapToObj(d -> (int) d).toList();
      // rows are allocated as they arrive, so a size field that lies fails as truncated, not out of memory
      List<float[]> rows = new ArrayList<>(Math.min(n, 1 << 16));
      byte[] bytes = new byte[(int) (width * dtype.bytes)];
      ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        readFully(in, bytes, name, header, i);
        float[] row = new float[(int) width];
        for (int j = 0; j < row.length; j++) {
          row[j] = switch (dtype) {
            case FLOAT32 -> buffer.getFloat(j * 4);
            case FLOAT64 -> (float) buffer.getDouble(j * 8);
            default -> bytes[j] & 0xff;
          };
          if (!Float.isFinite(row[j])) {
            throw new InvalidDataException(name + ": sample " + i + ", value " + j + " is " + row[j]
                + (dtype == Dtype.FLOAT64 && Double.isFinite(buffer.getDouble(j * 8)) ? " as a float32" : "")
                + ", expected a finite number");
          }
        }
        rows.add(row);
      }
      requireEnd(in, name, header);
      return new Inputs(rows.toArray(new float[0][]), sampleShape);
    }
  }

  private static int[] readLabels(ZipFile zip, ZipEntry entry, String name, int n, ClassLabels classes) throws IOException {
    try (InputStream in = new BufferedInputStream(zip.getInputStream(entry), BUFFER)) {
      NpyHeader header = NpyHeader.read(in, name);
      Dtype dtype = Dtype.of(header, name, List.of(Dtype.INT64, Dtype.INT32, Dtype.UINT8));
      if (header.shape().length != 1 || header.shape()[0] != n) {
        throw new InvalidDataException(name + " has shape " + header.shapeText() + ", expected (" + n + ",): one label per"
            + " sample of x");
      }
      requireSize(entry, header, dtype, name);
      byte[] bytes = new byte[n * dtype.bytes];
      readFully(in, bytes, name, header, 0);
      requireEnd(in, name, header);
      ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        long value = switch (dtype) {
          case INT64 -> buffer.getLong(i * 8);
          case INT32 -> buffer.getInt(i * 4);
          default -> bytes[i] & 0xff;
        };
        labels[i] = classes.index(value);
        if (labels[i] < 0) {
          throw new InvalidDataException(name + ": label " + i + " is " + value + ", expected " + classes.expectedIndex());
        }
      }
      return labels;
    }
  }

  /** The zip's directory knows the entry's size: a header promising more or less fails here, before any read. */
  private static void requireSize(ZipEntry entry, NpyHeader header, Dtype dtype, String name) {
    long promised = header.length() + header.items() * dtype.bytes;
    if (entry.getSize() >= 0 && entry.getSize() != promised) {
      throw new InvalidDataException(name + " holds " + entry.getSize() + " bytes, but its header (" + dtype.descr + ", shape "
          + header.shapeText() + ") promises " + promised);
    }
  }

  private static void readFully(InputStream in, byte[] bytes, String name, NpyHeader header, int sample) throws IOException {
    if (in.readNBytes(bytes, 0, bytes.length) < bytes.length) {
      throw new InvalidDataException(name + " is truncated: its header promises shape " + header.shapeText()
          + ", the data ends in sample " + sample);
    }
  }

  private static void requireEnd(InputStream in, String name, NpyHeader header) throws IOException {
    if (in.read() != -1) {
      throw new InvalidDataException(name + " has bytes after the " + header.shapeText() + " items its header promises");
    }
  }

  /** The dtypes read here, by their .npy descr. */
  private enum Dtype {
    FLOAT32("<f4", "float32", 4),
    FLOAT64("<f8", "float64", 8),
    UINT8("|u1", "uint8", 1),
    INT64("<i8", "int64", 8),
    INT32("<i4", "int32", 4);

    final String descr;
    final String numpyName;
    final int bytes;

    Dtype(String descr, String numpyName, int bytes) {
      this.descr = descr;
      this.numpyName = numpyName;
      this.bytes = bytes;
    }

    static Dtype of(NpyHeader header, String name, List<Dtype> allowed) {
      if (header.fortranOrder()) {
        throw new InvalidDataException(name + " is in Fortran (column-major) order, expected C order"
            + " (save np.ascontiguousarray(a) instead)");
      }
      for (Dtype dtype : allowed) {
        if (dtype.descr.equals(header.descr())) {
          return dtype;
        }
      }
      String expected = String.join(", ", allowed.stream().map(d -> d.numpyName + " '" + d.descr + "'").toList());
      String hint = header.descr().startsWith(">") ? " (big-endian: save a.astype(a.dtype.newbyteorder('<')))" : "";
      throw new InvalidDataException(name + " has dtype '" + header.descr() + "'" + hint + ", expected " + expected);
    }
  }
}
