package io.penultimate.stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * Event JSON from any bytes: an event fit to score, or a dead letter with a reason. The committed
 * inputs (EventJsonFuzzTestInputs/) replay in every build; {@code -Dfuzz.duration} fuzzes longer.
 */
@Tag("fuzz")
class EventJsonFuzzTest {
  private static final int INPUT = 4;
  private static final int CLASSES = 3;
  private final EventParser parser = new EventParser(INPUT, CLASSES, 1 << 20);

  @FuzzTest
  void eventJsonIsScoredOrDeadLetteredWithAReason(byte[] input) {
    CleanParse.check(() -> parser.parse(input, 42L), INPUT, CLASSES);
  }
}
