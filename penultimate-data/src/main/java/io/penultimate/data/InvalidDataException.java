package io.penultimate.data;

/**
 * A data file whose content is not what its format promises (wrong magic number, truncated,
 * corrupt compression, out-of-range values). The message names the file, what was expected and
 * what was found; the CLI prints it as its one-line failure (exit code 1).
 */
public final class InvalidDataException extends RuntimeException {
  public InvalidDataException(String message) {
    super(message);
  }

  public InvalidDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
