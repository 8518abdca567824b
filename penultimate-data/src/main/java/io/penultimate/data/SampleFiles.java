package io.penultimate.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user's own data, read from a path whose format its name or content tells:
 *
 * <ul>
 *   <li>{@code *.csv} (or {@code *.csv.gz}): a header row, a label column, feature columns ({@link CsvSamples});
 *   <li>{@code *.npz}: NumPy arrays {@code x} and {@code y} ({@link NpzSamples});
 *   <li>an IDX images file {@code *images-idx3-ubyte[.gz]}, its labels file
 *       {@code *labels-idx1-ubyte[.gz]} beside it, values scaled to [0, 1] as for the named data
 *       sets ({@link IdxReader}); or a folder holding exactly one such pair;
 *   <li>any other folder: class sub-folders of PNG and JPEG images ({@link ImageFolderSamples}).
 * </ul>
 *
 * Unlabelled reading, for out-of-distribution inputs, ignores labels whatever the format: a CSV
 * label column is left out when present, {@code y} and IDX labels files need not exist, class
 * folders' names are not classes. Such samples belong to one class, {@link #UNLABELLED_CLASSES}.
 */
public final class SampleFiles {
  /** The one class of unlabelled samples: out-of-distribution inputs have none of the model's. */
  public static final List<String> UNLABELLED_CLASSES = List.of("unlabelled");

  private static final Pattern IDX_IMAGES = Pattern.compile(".*images-idx3-ubyte(\\.gz)?");
  private static final String FORMATS = "expected a .csv or .npz file, an IDX images file (*images-idx3-ubyte[.gz]),"
      + " or a folder of IDX files or of class sub-folders of PNG/JPEG images";

  private SampleFiles() {}

  /** Reads labelled samples; see {@link LabelOptions} for how labels become classes. */
  public static LabeledSamples read(Path path, LabelOptions options) {
    return switch (Format.of(path)) {
      case CSV -> CsvSamples.read(path, options);
      case NPZ -> NpzSamples.read(path, options);
      case IDX -> IdxReader.read(idxImages(path), idxLabels(idxImages(path)), options);
      case IMAGE_FOLDER -> ImageFolderSamples.read(path, options);
    };
  }

  /** Reads the inputs only; {@code labelColumn} is the CSV column to leave out if present. */
  public static LabeledSamples readUnlabelled(Path path, String labelColumn) {
    return switch (Format.of(path)) {
      case CSV -> CsvSamples.readUnlabelled(path, labelColumn);
      case NPZ -> NpzSamples.readUnlabelled(path);
      case IDX -> IdxReader.readUnlabelled(idxImages(path));
      case IMAGE_FOLDER -> ImageFolderSamples.readUnlabelled(path);
    };
  }

  private enum Format {
    CSV, NPZ, IDX, IMAGE_FOLDER;

    static Format of(Path path) {
      String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
      if (Files.isDirectory(path)) {
        return idxFilesIn(path).isEmpty() ? IMAGE_FOLDER : IDX;
      }
      if (!Files.exists(path)) {
        throw new UncheckedIOException("missing file " + path, new NoSuchFileException(path.toString()));
      }
      if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
        return CSV;
      }
      if (name.endsWith(".npz")) {
        return NPZ;
      }
      if (IDX_IMAGES.matcher(name).matches()) {
        return IDX;
      }
      throw new InvalidDataException(path + ": unknown data format; " + FORMATS);
    }
  }

  /** The images file itself, or the one in a folder. */
  private static Path idxImages(Path path) {
    if (!Files.isDirectory(path)) {
      return path;
    }
    List<Path> files = idxFilesIn(path);
    if (files.size() > 1) {
      throw new InvalidDataException(path + " holds " + files.size() + " IDX images files ("
          + String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList())
          + "); expected one: name the file, e.g. " + files.get(0) + ", or read the folder's standard files with --dataset idx:"
          + path);
    }
    return files.get(0);
  }

  /** {@code train-images-idx3-ubyte.gz} → {@code train-labels-idx1-ubyte.gz}, else without or with .gz. */
  private static Path idxLabels(Path images) {
    String name = images.getFileName().toString().replace("images-idx3-ubyte", "labels-idx1-ubyte");
    String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    return Stream.of(name, plain, plain + ".gz")
        .map(images::resolveSibling)
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(() -> new InvalidDataException(images + " has no labels file beside it: expected "
            + images.resolveSibling(plain) + "[.gz]"));
  }

  private static List<Path> idxFilesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> IDX_IMAGES.matcher(f.getFileName().toString()).matches())
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
