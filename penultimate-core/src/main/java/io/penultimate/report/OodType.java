package io.penultimate.report;

import java.util.Locale;

/**
 * The kinds of out-of-distribution inputs an evaluation faces, each measured on its own: the
 * report's OOD fields are keyed by {@link #key()}, far first.
 */
public enum OodType {
  /** Another data set's test images: clothes for a digit classifier, digits for a clothes one. */
  FAR,
  /**
   * The test images of the data set's held-out classes (the open-set protocol, {@code reproduce
   * --holdout}): the same kind of image, of a class the model never saw, so harder to tell apart.
   */
  NEAR;

  /** "far" or "near", the JSON key. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
