package io.penultimate.encoder;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid setting so that one exception reports them all at once. */
final class Problems {
  private final List<String> messages = new ArrayList<>();

  Problems require(boolean ok, String message) {
    if (!ok) {
      messages.add(message);
    }
    return this;
  }

  void throwIfAny(String what) {
    if (!messages.isEmpty()) {
      throw new IllegalArgumentException("invalid " + what + ": " + String.join("; ", messages));
    }
  }
}
