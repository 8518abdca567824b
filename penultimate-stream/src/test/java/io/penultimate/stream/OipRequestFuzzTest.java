package io.penultimate.stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/** {@code --input-format oip} from any bytes: an event fit to score, or a rejection with a reason. */
@Tag("fuzz")
class OipRequestFuzzTest {
  private static final int INPUT = 4;
  private static final int CLASSES = 3;
  private final EventParser parser = new EventParser(INPUT, CLASSES, 1 << 20, EventParser.InputFormat.OIP);

  @FuzzTest
  void oipRequestIsScoredOrDeadLetteredWithAReason(byte[] input) {
    CleanParse.check(() -> parser.parse(input, 42L), INPUT, CLASSES);
  }
}
