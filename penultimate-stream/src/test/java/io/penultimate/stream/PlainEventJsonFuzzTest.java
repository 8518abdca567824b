package io.penultimate.stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * Any bytes: the fast path for plain event JSON either leaves them to Jackson or reads the event
 * Jackson reads, feature bits included. The committed inputs (PlainEventJsonFuzzTestInputs/)
 * replay in every build; {@code -Dfuzz.duration} fuzzes longer.
 */
@Tag("fuzz")
class PlainEventJsonFuzzTest {
  private static final int INPUT = 4;
  private static final int CLASSES = 3;
  private final EventParser jackson = new EventParser(INPUT, CLASSES, 1 << 20);
  private final PlainEventJson plain = new PlainEventJson(INPUT, CLASSES);

  @FuzzTest
  void thePlainReadingIsJacksonsOrNone(byte[] input) throws InvalidEventException {
    InputEvent fast = plain.read(input, PlainEventJsonTest.RECORD_TIME);
    if (fast != null) {
      PlainEventJsonTest.assertSameAsJackson(jackson, input, fast);
    }
  }
}
