package io.penultimate.data;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The user's own data, read from a path whose format its name or content tells:
 *
 * <ul>
 *   <li>{@code *.csv} (or {@code *.csv.gz}): a header row, a label column, feature columns ({@link CsvSamples});
 *   <li>{@code *.npz}: NumPy arrays {@code x} and {@code y} ({@link NpzSamples});
 *   <li>a folder: class sub-folders of PNG and JPEG images ({@link ImageFolderSamples}).
 * </ul>
 *
 * Unlabelled reading, for out-of-distribution inputs, ignores labels whatever the format: a CSV
 * label column is left out when present, {@code y} need not exist, class folders' names are not
 * classes. Such samples belong to one class, {@link #UNLABELLED_CLASSES}.
 */
public final class SampleFiles {
  /** The one class of unlabelled samples: out-of-distribution inputs have none of the model's. */
  public static final List<String> UNLABELLED_CLASSES = List.of("unlabelled");

  private static final String FORMATS = "expected a .csv or .npz file, or a folder of class sub-folders of PNG/JPEG images";

  private SampleFiles() {}

  /** Reads labelled samples; see {@link LabelOptions} for how labels become classes. */
  public static LabeledSamples read(Path path, LabelOptions options) {
    return switch (Format.of(path)) {
      case CSV -> CsvSamples.read(path, options);
      case NPZ -> NpzSamples.read(path, options);
      case IMAGE_FOLDER -> ImageFolderSamples.read(path, options);
    };
  }

  /** Reads the inputs only; {@code labelColumn} is the CSV column to leave out if present. */
  public static LabeledSamples readUnlabelled(Path path, String labelColumn) {
    return switch (Format.of(path)) {
      case CSV -> CsvSamples.readUnlabelled(path, labelColumn);
      case NPZ -> NpzSamples.readUnlabelled(path);
      case IMAGE_FOLDER -> ImageFolderSamples.readUnlabelled(path);
    };
  }

  private enum Format {
    CSV, NPZ, IMAGE_FOLDER;

    static Format of(Path path) {
      String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
      if (Files.isDirectory(path)) {
        return IMAGE_FOLDER;
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
      throw new InvalidDataException(path + ": unknown data format; " + FORMATS);
    }
  }
}
