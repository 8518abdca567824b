package io.penultimate.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Writes small synthetic IDX, npm digit, NumPy and image files and tarballs for the tests. */
final class TestFiles {
  private TestFiles() {}

  /**
   * A .npy array as numpy.lib.format writes it: magic, version, header length, the dict padded
   * with spaces and a newline to a multiple of 64 bytes, then {@code data}.
   */
  static byte[] npy(int major, String descr, boolean fortranOrder, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False") + ", 'shape': " + shape + ", }";
    int prefix = 6 + 2 + (major == 1 ? 2 : 4);
    int padded = (prefix + dict.length() + 1 + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - prefix - dict.length() - 1) + "\n";
    ByteBuffer b = ByteBuffer.allocate(padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      b.putShort((short) header.length());
    } else {
      b.putInt(header.length());
    }
    return b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data).array();
  }

  static byte[] float32(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] float64(double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  static byte[] int64(long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }

  static byte[] int32(int... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putInt(v);
    }
    return b.array();
  }

  /** A zip of {@code entries}, deflated (as np.savez_compressed writes) or stored. */
  static Path npz(Path file, Map<String, byte[]> entries, boolean deflate) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        if (!deflate) {
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(e.getValue().length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return write(file, out.toByteArray());
  }

  /** Writes {@code image} as PNG or JPEG, by the file's extension. */
  static Path image(Path file, BufferedImage image) {
    try {
      Files.createDirectories(file.getParent());
      String format = file.toString().endsWith(".png") ? "png" : "jpeg";
      if (!ImageIO.write(image, format, file.toFile())) {
        throw new IllegalStateException("no " + format + " writer for " + image);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An 8-bit gray image whose pixel (x, y) is {@code base + 10y + x}. */
  static BufferedImage gray(int width, int height, int base) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, base + 10 * y + x);
      }
    }
    return image;
  }

  static byte[] idxImages(int n, int rows, int cols, byte[] pixels) {
    ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
    b.putInt(IdxReader.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols).put(pixels);
    return b.array();
  }

  static byte[] idxLabels(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
    for (int label : labels) {
      b.put((byte) label);
    }
    return b.array();
  }

  /** Pixel bytes 0, 1, 2, … (mod 256) for n images of {@code size} pixels. */
  static byte[] rampPixels(int n, int size) {
    byte[] pixels = new byte[n * size];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) i;
    }
    return pixels;
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Path write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the four standard IDX files (gzipped) into {@code dir}: {@code perClassTrain} and
   * {@code perClassTest} images of 28x28 for each of 10 classes, labels cycling 0..9.
   */
  static Path idxDirectory(Path dir, int perClassTrain, int perClassTest) {
    writeIdxPair(dir, "train", perClassTrain * 10);
    writeIdxPair(dir, "t10k", perClassTest * 10);
    return dir;
  }

  private static void writeIdxPair(Path dir, String prefix, int n) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
    }
    write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(idxImages(n, 28, 28, rampPixels(n, 784))));
    write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), gzip(idxLabels(labels)));
  }

  /** Pixel value of image {@code k} of a digit, as written by {@link #digitJson}. */
  static float digitValue(int digit, int k, int pixel) {
    return ((digit * 31 + k * 7 + pixel) % 101) / 100f;
  }

  /** {@code {"data": [...]}} holding {@code images} images of a digit. */
  static byte[] digitJson(int digit, int images) {
    StringBuilder json = new StringBuilder("{ \"data\": [");
    for (int k = 0; k < images; k++) {
      for (int p = 0; p < 784; p++) {
        json.append(k + p == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", digitValue(digit, k, p)));
      }
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The package's files as npm ships them: digits 0..9 with {@code perDigit} images, plus others. */
  static Map<String, byte[]> npmPackage(int perDigit) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("package/package.json", "{\"name\": \"mnist\"}".getBytes(StandardCharsets.UTF_8));
    for (int d = 0; d < 10; d++) {
      files.put("package/src/digits/" + d + ".json", digitJson(d, perDigit));
    }
    files.put("package/README.md", "# mnist".getBytes(StandardCharsets.UTF_8));
    return files;
  }

  static Path extract(Path dir, Map<String, byte[]> files) {
    files.forEach((name, content) -> write(dir.resolve(name), content));
    return dir;
  }

  /** A ustar archive of {@code files}, as {@code npm pack} writes it (uncompressed). */
  static byte[] tar(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    files.forEach((name, content) -> {
      byte[] header = new byte[512];
      put(header, 0, name);
      put(header, 100, "0000644");
      put(header, 108, "0000000");
      put(header, 116, "0000000");
      put(header, 124, String.format("%011o", content.length));
      put(header, 136, "00000000000");
      Arrays.fill(header, 148, 156, (byte) ' ');
      header[156] = '0';
      put(header, 257, "ustar");
      put(header, 263, "00");
      int sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      put(header, 148, String.format("%06o", sum));
      header[154] = 0;
      out.writeBytes(header);
      out.writeBytes(content);
      out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    });
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
