package io.penultimate.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a folder of class sub-folders of PNG and JPEG images, the layout of Keras'
 * {@code image_dataset_from_directory} and torchvision's {@code ImageFolder}: {@code DIR/cat/1.png},
 * {@code DIR/dog/7.jpg}, ….
 *
 * <p>The classes are the sub-folders' names sorted, as those libraries sort them, or the given
 * class names in their order, each sub-folder being one of them. Every
 * image must have the size and channel count of the first (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA;
 * a palette image has those of its palette). Values are the 8-bit samples as read, 0..255, channels
 * first: a sample is the C×H×W array flattened row-major, input shape (C, H, W). Files whose names
 * start with a dot are skipped; any other file that is not .png, .jpg or .jpeg is an error, as is
 * an empty class folder (its class would silently shift the labels of those after it).
 */
final class ImageFolderSamples {
  private ImageFolderSamples() {}

  static LabeledSamples read(Path dir, LabelOptions options) {
    return read(dir, options, true);
  }

  /** The images only, whatever their folders are called. */
  static LabeledSamples readUnlabelled(Path dir) {
    return read(dir, LabelOptions.DEFAULT, false);
  }

  private static LabeledSamples read(Path dir, LabelOptions options, boolean labelled) {
    List<Path> folders = list(dir).stream().filter(Files::isDirectory).filter(p -> !hidden(p)).toList();
    if (folders.isEmpty()) {
      throw new InvalidDataException(dir + " holds no class sub-folders: expected DIR/<class>/<image>.png or .jpg");
    }
    for (Path file : list(dir)) {
      if (Files.isRegularFile(file) && isImage(file)) {
        throw new InvalidDataException(file + " lies outside any class folder: expected DIR/<class>/<image>");
      }
    }
    List<String> classNames = labelled
        ? options.classNames().orElseGet(() -> folders.stream().map(ImageFolderSamples::name).toList())
        : SampleFiles.UNLABELLED_CLASSES;
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    Layout layout = null;
    Path first = null;
    for (Path folder : folders) {
      int label = labelled ? classNames.indexOf(name(folder)) : 0;
      if (label < 0) {
        throw new InvalidDataException(folder + " is not one of the classes given (" + String.join(", ", classNames)
            + "): expected a sub-folder per class, named as the class");
      }
      List<Path> images = list(folder).stream().filter(p -> !hidden(p)).toList();
      if (images.isEmpty()) {
        throw new InvalidDataException(folder + " holds no images: expected at least one .png or .jpg per class folder");
      }
      for (Path file : images) {
        if (!Files.isRegularFile(file) || !isImage(file)) {
          throw new InvalidDataException(file + " is not a PNG or JPEG image (.png, .jpg, .jpeg)");
        }
        BufferedImage image = image(file);
        Layout found = Layout.of(image, file);
        if (layout == null) {
          layout = found;
          first = file;
        } else if (!found.equals(layout)) {
          throw new InvalidDataException(file + " is " + found + ", expected " + layout + " like " + first);
        }
        rows.add(channelsFirst(image, layout.channels()));
        labels.add(label);
      }
    }
    return new LabeledSamples(rows.toArray(new float[0][]), List.of(layout.channels(), layout.height(), layout.width()),
        labels.stream().mapToInt(Integer::intValue).toArray(), classNames, dir.toString());
  }

  /** Size and channel count of an image. */
  private record Layout(int width, int height, int channels) {
    static Layout of(BufferedImage image, Path file) {
      ColorModel model = image.getColorModel();
      boolean eightBit = model instanceof IndexColorModel
          || (model instanceof ComponentColorModel && image.getRaster().getDataBuffer().getDataType() == DataBuffer.TYPE_BYTE);
      if (!eightBit) {
        throw new InvalidDataException(file + " has " + model.getComponentSize(0)
            + "-bit samples, expected 8-bit gray, gray + alpha, RGB or RGBA, or a palette");
      }
      return new Layout(image.getWidth(), image.getHeight(), model.getNumComponents());
    }

    @Override
    public String toString() {
      return width + "x" + height + " with " + channels + (channels == 1 ? " channel" : " channels");
    }
  }

  /** Values [c][y][x] flattened; a palette image gives its palette's components (RGB or RGBA). */
  private static float[] channelsFirst(BufferedImage image, int channels) {
    int width = image.getWidth();
    int height = image.getHeight();
    float[] values = new float[channels * height * width];
    Raster raster = image.getRaster();
    if (image.getColorModel() instanceof IndexColorModel palette) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int index = raster.getSample(x, y, 0);
          int at = y * width + x;
          values[at] = palette.getRed(index);
          values[height * width + at] = palette.getGreen(index);
          values[2 * height * width + at] = palette.getBlue(index);
          if (channels == 4) {
            values[3 * height * width + at] = palette.getAlpha(index);
          }
        }
      }
    } else {
      // the raster's bands are the colour model's components in order (R, G, B[, A] or gray[, A]),
      // whatever order the bytes are stored in
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            values[(c * height + y) * width + x] = raster.getSample(x, y, c);
          }
        }
      }
    }
    return values;
  }

  /**
   * Decodes one image after reading its size from the header alone: a PNG of a few bytes can declare
   * 800 million by 2 pixels, and decoding it would allocate gigabytes first. The JDK's decoders
   * report some corrupt files not as IOException but as unchecked exceptions (an index out of
   * bounds, an illegal argument, a negative array size), so those become the same refusal.
   */
  private static BufferedImage image(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new InvalidDataException(file + " is not a PNG or JPEG image that Java's ImageIO can read");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > IdxReader.MAX_PIXELS_PER_IMAGE) {
          throw new InvalidDataException(file + " is " + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels, more than the limit of "
              + IdxReader.MAX_PIXELS_PER_IMAGE + " per image");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new InvalidDataException(file + " cannot be read as an image: " + DataText.quoted(String.valueOf(e.getMessage())), e);
    } catch (InvalidDataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidDataException(file + " is a corrupt image: " + DataText.quoted(e.toString()), e);
    }
  }

  /** The entries of a folder, sorted by name. */
  private static List<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted((a, b) -> name(a).compareTo(name(b))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String name(Path path) {
    return path.getFileName().toString();
  }

  private static boolean hidden(Path path) {
    return name(path).startsWith(".");
  }

  static boolean isImage(Path file) {
    String name = name(file).toLowerCase(Locale.ROOT);
    return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
  }
}
