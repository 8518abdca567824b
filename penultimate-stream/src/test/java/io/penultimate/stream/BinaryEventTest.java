package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.stream.InvalidEventException.Cause;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalInt;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class BinaryEventTest {

  /** magic (2) + version (1) + timestamp (8) + label (4) + id length (2) + feature count (4). */
  private static final int HEADER = 21;

  private static final InputEvent EVENT =
      new InputEvent("digit-7", new float[] {0f, 0.5f, -1.25f, Float.MIN_VALUE}, OptionalInt.of(3), 1_700_000_000_000L);

  private static AbstractThrowableAssert<?, ? extends Throwable> assertMalformed(byte[] bytes) {
    return assertThatThrownBy(() -> BinaryEvent.decode(bytes))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(e -> assertThat(((InvalidEventException) e).rejection()).isEqualTo(Cause.MALFORMED));
  }

  @Test
  void decodesWhatItEncodes() throws InvalidEventException {
    InputEvent decoded = BinaryEvent.decode(BinaryEvent.encode(EVENT));
    assertThat(decoded.id()).isEqualTo("digit-7");
    assertThat(decoded.features()).containsExactly(0f, 0.5f, -1.25f, Float.MIN_VALUE);
    assertThat(decoded.label()).hasValue(3);
    assertThat(decoded.timestamp()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void keepsAnAbsentLabelAbsentAndAUnicodeIdIntact() throws InvalidEventException {
    String id = "bild-ü-图像-\uD83D\uDE00";
    InputEvent event = new InputEvent(id, new float[] {1f}, OptionalInt.empty(), -1);
    byte[] bytes = BinaryEvent.encode(event);
    InputEvent decoded = BinaryEvent.decode(bytes);
    assertThat(decoded.id()).isEqualTo(id);
    assertThat(decoded.label()).isEmpty();
    assertThat(decoded.timestamp()).isEqualTo(-1);
    // the id is counted in UTF-8 bytes, not chars: 5 + 2 + 1 + 6 + 1 + 4 = 19
    assertThat(bytes).hasSize(HEADER + 19 + 4);
  }

  @Test
  void takesAHeaderPlusFourBytesPerFeatureAboutAThirdOfTheJsonForAnImage() {
    float[] pixels = new float[784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (1 + i % 255) / 255f; // every pixel lit, so the JSON has no short "0.0"
    }
    byte[] binary = BinaryEvent.encode(new InputEvent("img-1", pixels, OptionalInt.of(7), 1_700_000_000_000L));
    assertThat(binary).hasSize(HEADER + 5 + 4 * 784);
    int json = EventJson.event("img-1", pixels, 7, 1_700_000_000_000L).getBytes(StandardCharsets.UTF_8).length;
    assertThat((double) binary.length / json).isBetween(0.25, 0.4);
  }

  @Test
  void refusesAnIdLongerThanAnUnsignedShortCanCount() {
    String id = "x".repeat(0x10000);
    assertThatThrownBy(() -> BinaryEvent.encode(new InputEvent(id, new float[0], OptionalInt.empty(), 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
  }

  @Test
  void rejectsBytesWithoutTheMagic() {
    byte[] bytes = BinaryEvent.encode(EVENT);
    bytes[1] = 'X';
    assertMalformed(bytes).hasMessageContaining("magic bytes 'PU'");
    assertMalformed("{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8)).hasMessageContaining("not a binary event");
  }

  @Test
  void rejectsAnotherFormatVersionNamingBoth() {
    byte[] bytes = BinaryEvent.encode(EVENT);
    bytes[2] = 2;
    assertMalformed(bytes).hasMessageContaining("version 2, this build reads 1");
  }

  @Test
  void rejectsBytesCutInsideTheHeader() {
    byte[] bytes = BinaryEvent.encode(EVENT);
    assertMalformed(Arrays.copyOf(bytes, 10)).hasMessageContaining("truncated binary event of 10 bytes");
    assertMalformed(new byte[0]).hasMessageContaining("truncated binary event of 0 bytes");
    // the id claims 7 bytes but only 3 follow
    assertMalformed(Arrays.copyOf(bytes, HEADER - 4 + 3)).hasMessageContaining("truncated");
  }

  @Test
  void rejectsBytesCutInsideTheFeatures() {
    byte[] bytes = BinaryEvent.encode(EVENT);
    // 4 features declared, 16 bytes expected, 14 present
    assertMalformed(Arrays.copyOf(bytes, bytes.length - 2)).hasMessageContaining("declares 4 features but carries 14 bytes");
  }

  @Test
  void rejectsADeclaredFeatureCountThatDisagreesWithThePayload() {
    byte[] bytes = BinaryEvent.encode(EVENT);
    int countAt = HEADER - 4 + "digit-7".length();
    ByteBuffer.wrap(bytes).putInt(countAt, 5);
    assertMalformed(bytes).hasMessageContaining("declares 5 features but carries 16 bytes");
    ByteBuffer.wrap(bytes).putInt(countAt, -1);
    assertMalformed(bytes).hasMessageContaining("declares -1 features");
    byte[] longer = Arrays.copyOf(BinaryEvent.encode(EVENT), bytes.length + 4);
    assertMalformed(longer).hasMessageContaining("declares 4 features but carries 20 bytes");
  }
}
