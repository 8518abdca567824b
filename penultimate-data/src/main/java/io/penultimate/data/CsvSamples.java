package io.penultimate.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads samples from a CSV file (RFC 4180 as Apache Commons CSV parses it: commas, double quotes,
 * any line ending; blank lines skipped, spaces around values trimmed; UTF-8, gzipped or plain).
 *
 * <p>The first row names the columns. The label column ({@link LabelOptions#column()}, {@code
 * label} by default) holds each row's class, by name or index (see {@link ClassLabels}); every
 * other column is a feature, in file order, so a sample's input shape is (number of features).
 * Read unlabelled (out-of-distribution inputs), the label column is left out when present.
 * Messages name the file, the line (as an editor counts it: the header is line 1) and the column.
 */
final class CsvSamples {
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).build();
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int COLUMNS_SHOWN = 5;

  private CsvSamples() {}

  static LabeledSamples read(Path file, LabelOptions options) {
    return DataFiles.read(file, in -> parse(in, file, options, true));
  }

  /** The features only: the label column, if there is one, is not read. */
  static LabeledSamples readUnlabelled(Path file, String labelColumn) {
    return DataFiles.read(file, in -> parse(in, file, LabelOptions.DEFAULT.withColumn(labelColumn), false));
  }

  private static LabeledSamples parse(InputStream in, Path file, LabelOptions options, boolean labelled)
      throws IOException {
    try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), FORMAT)) {
      try {
        return parse(parser, file, options, labelled);
      } catch (UncheckedIOException e) {
        // Commons CSV reports malformed quoting as an IOException inside the iterator.
        throw new InvalidDataException(
            file + ": not valid CSV after line " + parser.getCurrentLineNumber() + ": " + e.getCause().getMessage(), e);
      }
    }
  }

  private static LabeledSamples parse(CSVParser parser, Path file, LabelOptions options, boolean labelled) {
    Iterator<CSVRecord> records = parser.iterator();
    if (!records.hasNext()) {
      throw new InvalidDataException(file + " is empty: expected a header row naming the columns, then one row per sample");
    }
    Header header = Header.of(records.next().toList(), file, options.column(), labelled);
    ClassLabels classes = new ClassLabels(options);
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    while (records.hasNext()) {
      CSVRecord record = records.next();
      // the line the record ends on, which is its line unless a quoted value spans lines
      String where = file + " line " + parser.getCurrentLineNumber();
      if (record.size() != header.names().size()) {
        throw new InvalidDataException(where + " has " + record.size() + " values, expected "
            + header.names().size() + " like the header");
      }
      float[] row = new float[header.features()];
      for (int column = 0, feature = 0; column < record.size(); column++) {
        String text = record.get(column);
        if (column == header.label()) {
          if (labelled) {
            int label = classes.index(text);
            if (label < 0) {
              throw new InvalidDataException(where + ", column '" + options.column() + "': label '" + DataText.quoted(text) + "' is not "
                  + classes.expected());
            }
            labels.add(label);
          }
        } else {
          row[feature] = number(text);
          if (!Float.isFinite(row[feature++])) {
            throw new InvalidDataException(
                where + ", column '" + DataText.quoted(header.names().get(column)) + "': '" + DataText.quoted(text) + "' is not a finite number");
          }
        }
      }
      rows.add(row);
    }
    if (rows.isEmpty()) {
      throw new InvalidDataException(file + " has a header but no rows: expected one row per sample");
    }
    int[] labelArray = labelled ? labels.stream().mapToInt(Integer::intValue).toArray() : new int[rows.size()];
    List<String> names = labelled ? classes.classNames() : SampleFiles.UNLABELLED_CLASSES;
    return new LabeledSamples(rows.toArray(new float[0][]), List.of(header.features()), labelArray, names, file.toString());
  }

  /**
   * The column names and where the label is.
   *
   * @param label the label column's position, or -1 when unlabelled and absent
   */
  private record Header(List<String> names, int label) {
    static Header of(List<String> names, Path file, String labelColumn, boolean labelled) {
      List<String> cleaned = new ArrayList<>(names);
      if (!cleaned.isEmpty() && !cleaned.get(0).isEmpty() && cleaned.get(0).charAt(0) == BYTE_ORDER_MARK) {
        cleaned.set(0, cleaned.get(0).substring(1).strip()); // spreadsheet programs start UTF-8 files with one
      }
      int label = -1;
      for (int column = 0; column < cleaned.size(); column++) {
        String name = cleaned.get(column);
        if (name.isEmpty()) {
          throw new InvalidDataException(file + " line 1: column " + (column + 1) + " has no name; expected a header"
              + " naming every column (an unnamed first column is often a pandas index: write it with index=False)");
        }
        if (name.equals(labelColumn)) {
          if (label >= 0) {
            throw new InvalidDataException(file + " line 1: the label column '" + labelColumn + "' appears twice, as columns "
                + (label + 1) + " and " + (column + 1));
          }
          label = column;
        }
      }
      if (label < 0 && labelled) {
        String shown = String.join(", ", cleaned.subList(0, Math.min(COLUMNS_SHOWN, cleaned.size())).stream().map(DataText::quoted).toList())
            + (cleaned.size() > COLUMNS_SHOWN ? ", …" : "");
        throw new InvalidDataException(file + " line 1: no label column '" + labelColumn + "' in the header (" + shown
            + "); name it with --label-column");
      }
      Header header = new Header(List.copyOf(cleaned), label);
      if (header.features() == 0) {
        throw new InvalidDataException(file + " line 1: no feature columns besides the label column '" + labelColumn + "'");
      }
      return header;
    }

    int features() {
      return names.size() - (label < 0 ? 0 : 1);
    }
  }

  /**
   * A decimal number as a float, or NaN when the text is none. Only digits, signs, the point and
   * the exponent's letter get as far as Java's parser, which would also take hexadecimal, a
   * trailing type letter ("1f"), NaN and Infinity; a value too large for a float parses as
   * infinite, which the caller refuses as it does NaN.
   */
  private static float number(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return Float.NaN;
      }
    }
    try {
      return Float.parseFloat(text);
    } catch (NumberFormatException e) {
      return Float.NaN; // also the empty text
    }
  }
}
