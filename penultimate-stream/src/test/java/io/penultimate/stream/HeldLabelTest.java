package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeldLabelTest {
  private static final byte[] VALUE = "{\"id\":\"e-1\",\"label\":3}".getBytes(StandardCharsets.UTF_8);

  @Test
  void decodesWhatItEncodesWithAndWithoutItsOrigin() {
    HeldLabel withOrigin = new HeldLabel(3, 1_700_000_000_123L, 1_700_000_000_456L, VALUE, new DeadLetters.Origin("shop.labels", 4, 9_876_543_210L));
    HeldLabel withoutOrigin = new HeldLabel(0, 0L, 42L, new byte[0], null);
    assertThat(HeldLabel.decode(withOrigin.encode())).usingRecursiveComparison().isEqualTo(withOrigin);
    assertThat(HeldLabel.decode(withoutOrigin.encode())).usingRecursiveComparison().isEqualTo(withoutOrigin);
  }

  @Test
  void readsTheJsonEntriesThatEarlierVersionsStored() {
    HeldLabel label = new HeldLabel(7, 5L, 6L, VALUE, new DeadLetters.Origin("labels", 0, 11L));
    byte[] json = Json.write(label);
    assertThat(json[0]).isEqualTo((byte) '{');
    assertThat(HeldLabel.decode(json)).usingRecursiveComparison().isEqualTo(label);
  }

  @Test
  void namesTheWayOutWhenANewerVersionWroteTheEntry() {
    byte[] newer = new HeldLabel(1, 0L, 0L, VALUE, null).encode();
    newer[0] = 2;
    assertThatThrownBy(() -> HeldLabel.decode(newer)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 2").hasMessageContaining("this build reads 1");
  }

  @Test
  void refusesATruncatedEntryWithItsSize() {
    byte[] whole = new HeldLabel(1, 0L, 0L, VALUE, null).encode();
    byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
    assertThatThrownBy(() -> HeldLabel.decode(truncated)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt entry of " + truncated.length + " bytes");
  }
}
