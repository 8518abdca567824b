package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property every fuzz target of an event parser checks: a parse ends either in an event the
 * scorer can take (an id within the limit, as many finite features as the model has inputs, a label
 * in range, a timestamp Kafka can write) or in the parser's own rejection, with a short one-line reason. Anything else thrown
 * (an index out of bounds, an overflow of the stack, a negative array size) escapes the target and is
 * Jazzer's finding.
 */
final class CleanParse {
  private CleanParse() {}

  /** Parses {@code input} with {@code parse} and checks the result or the rejection. */
  static void check(Parse parse, int inputSize, int numClasses) {
    InputEvent event;
    try {
      event = parse.run();
    } catch (InvalidEventException e) {
      checkRejection(e);
      return;
    }
    checkId(event.id());
    assertThat(event.features()).hasSize(inputSize);
    for (float feature : event.features()) {
      assertThat(Float.isFinite(feature)).as("feature %s is finite", feature).isTrue();
    }
    event.label().ifPresent(label -> assertThat(label).isBetween(0, numClasses - 1));
    assertThat(event.timestamp()).as("Kafka writes no negative timestamp").isNotNegative();
  }

  static void checkId(String id) {
    assertThat(id).isNotBlank();
    assertThat(id.length()).isLessThanOrEqualTo(EventParser.MAX_ID_LENGTH);
  }

  static void checkRejection(InvalidEventException e) {
    assertThat(e.rejection()).isNotNull();
    assertThat(e.getMessage()).isNotBlank();
    assertThat(e.getMessage().length()).isLessThanOrEqualTo(Reasons.MAX_LENGTH);
  }

  /** One parse of the input under test. */
  interface Parse {
    InputEvent run() throws InvalidEventException;
  }
}
