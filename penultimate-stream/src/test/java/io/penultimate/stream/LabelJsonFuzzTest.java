package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/** Label JSON from any bytes: a label of a known class for a bounded id, or a rejection with a reason. */
@Tag("fuzz")
class LabelJsonFuzzTest {
  private static final int CLASSES = 3;
  private final EventParser parser = new EventParser(4, CLASSES, 1 << 20);

  @FuzzTest
  void labelJsonIsJoinedOrDeadLetteredWithAReason(byte[] input) {
    EventParser.Label label;
    try {
      label = parser.parseLabel(input);
    } catch (InvalidEventException e) {
      CleanParse.checkRejection(e);
      return;
    }
    CleanParse.checkId(label.id());
    assertThat(label.label()).isBetween(0, CLASSES - 1);
  }
}
