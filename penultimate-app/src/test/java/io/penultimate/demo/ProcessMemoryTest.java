package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
  /** Lines of a real /proc/self/status (Linux 6.x), trimmed. */
  private static final String STATUS = String.join("\n",
      "Name:\tjava",
      "VmPeak:\t 9182456 kB",
      "VmRSS:\t  381232 kB",
      "RssAnon:\t  330816 kB",
      "RssFile:\t   50416 kB",
      "RssShmem:\t       0 kB",
      "Threads:\t47",
      "");

  @Test
  void readsAStatusFieldInKilobytesAsBytes() {
    assertThat(ProcessMemory.statusBytes(STATUS, "VmRSS")).isEqualTo(381_232L * 1024);
    assertThat(ProcessMemory.statusBytes(STATUS, "RssFile")).isEqualTo(50_416L * 1024);
  }

  @Test
  void matchesTheWholeFieldNameNotAPrefixOfAnother() {
    // "Rss" alone is no field: RssAnon, RssFile and RssShmem must not answer for it
    assertThatThrownBy(() -> ProcessMemory.statusBytes(STATUS, "Rss")).hasMessageContaining("no Rss line");
  }

  @Test
  void rejectsAFieldThatIsNotInKilobytes() {
    assertThatThrownBy(() -> ProcessMemory.statusBytes(STATUS, "Threads")).hasMessageContaining("found 'Threads:\t47'");
  }

  @Test
  void readsThisProcessWithOtherNativeAsWhatTheNamedPartsLeaveOfTheRss() {
    ProcessMemory.Reading reading = new ProcessMemory(() -> 5).read();

    assertThat(reading.rss()).isPositive().isGreaterThan(reading.rssFile());
    assertThat(reading.heapCommitted()).isPositive();
    assertThat(reading.nonHeapCommitted()).isPositive();
    assertThat(reading.javaCpp()).isEqualTo(5);
    assertThat(reading.otherNative())
        .isEqualTo(reading.rss() - reading.heapCommitted() - reading.nonHeapCommitted() - reading.direct() - reading.javaCpp());
  }

  @Test
  void replacesOnlyTheHeapAfterGcWhenACollectionFollowsTheReading() {
    ProcessMemory.Reading reading = new ProcessMemory.Reading(1000, 50, 300, 600, 80, 10, 5);

    assertThat(reading.withHeapAfterGc(120)).isEqualTo(new ProcessMemory.Reading(1000, 50, 120, 600, 80, 10, 5));
    assertThat(reading.otherNative()).isEqualTo(1000 - 600 - 80 - 10 - 5);
  }

  @Test
  void heapAfterGcCountsWhatIsStillReachableAfterTheLatestCollection() {
    byte[][] kept = new byte[64][];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = new byte[1 << 20];
    }
    System.gc();

    assertThat(ProcessMemory.heapAfterLastGc()).isGreaterThanOrEqualTo(64L << 20);
    Reference.reachabilityFence(kept);
  }
}
