package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.math.LeastSquaresLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakResultTest {
  private static final long MB = 1024 * 1024;
  private static final SoakBench.Settings SETTINGS =
      new SoakBench.Settings(100, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofSeconds(2), true);
  private static final EventReplay.Sent SENT = new EventReplay.Sent(60_000, 0, 60_000);
  private static final IdTally.Counts ALL = new IdTally.Counts(60_000, 60_000, 0, 0, 0);

  /**
   * A sample a minute for ten minutes: a 500 MB jump in RSS during the two warm-up minutes, then
   * RSS growing 60 MB per hour (1 MB a minute), and the heap after GC filling 10 MB a minute until
   * minute 5, then flat at 150 MB (a window reaching its capacity).
   */
  private static List<SoakSample> samples() {
    List<SoakSample> samples = new ArrayList<>();
    for (int minute = 0; minute <= 10; minute++) {
      long rss = (minute < 2 ? 300 * MB : 800 * MB) + minute * MB;
      long heap = 100 * MB + Math.min(minute, 5) * 10 * MB;
      ProcessMemory.Reading memory = new ProcessMemory.Reading(rss, 50 * MB, heap, 400 * MB, 80 * MB, MB, 0);
      samples.add(new SoakSample(Duration.ofMinutes(minute), memory, 2 * MB, 1000, 0, 0, minute * 6000L, minute * 6000L));
    }
    return samples;
  }

  private static SoakResult result(IdTally.Counts scores, IdTally.Counts outcomes, long deadLetters) {
    return new SoakResult(SETTINGS, samples(), SENT, 600, Duration.ofSeconds(3), scores, outcomes, deadLetters);
  }

  @Test
  void fitsTheSlopesPerHourToTheSamplesAfterTheWarmUpOnly() {
    Map<String, LeastSquaresLine> slopes = result(ALL, ALL, 0).slopes(SETTINGS.warmUp());

    // the warm-up jump, left out, would have made it thousands
    assertThat(slopes.get("RSS").slope()).isCloseTo(60.0 * MB, within(1e-3));
    assertThat(slopes.get("RSS").points()).isEqualTo(9);
    assertThat(slopes.get("other native").slope()).isCloseTo(60.0 * MB, within(1e-3));
    assertThat(slopes.get("heap committed").slope()).isZero();
    assertThat(slopes).containsOnlyKeys(SoakResult.SERIES.stream().map(SoakResult.Series::name).toList());
  }

  @Test
  void showsOverTheSecondHalfThatASeriesStillFillingAfterTheWarmUpHasLevelledOff() {
    SoakResult result = result(ALL, ALL, 0);

    assertThat(result.secondHalf()).isEqualTo(Duration.ofMinutes(5));
    assertThat(result.slopes(SETTINGS.warmUp()).get("heap used after GC").slope()).isGreaterThan(100.0 * MB);
    assertThat(result.slopes(result.secondHalf()).get("heap used after GC").slope()).isCloseTo(0, within(1e-3));
    assertThat(result.slopes(result.secondHalf()).get("heap used after GC").points()).isEqualTo(6);
  }

  @Test
  void passesTheCountCheckOnlyWithEveryEventScoredAndEveryLabelJoinedExactlyOnceAndNoDeadLetter() {
    assertThat(result(ALL, ALL, 0).countsPass()).isTrue();
    assertThat(result(new IdTally.Counts(60_000, 59_999, 1, 0, 0), ALL, 0).countsPass()).as("one lost").isFalse();
    assertThat(result(ALL, new IdTally.Counts(60_000, 60_001, 0, 1, 0), 0).countsPass()).as("one outcome twice").isFalse();
    assertThat(result(ALL, ALL, 1).countsPass()).as("one dead letter").isFalse();
    assertThat(result(new IdTally.Counts(59_000, 59_000, 0, 0, 0), ALL, 0).countsPass()).as("fewer expected than sent").isFalse();
  }

  @Test
  void printsEverySampleTheSlopesAndTheCountCheck() {
    StringWriter text = new StringWriter();
    result(ALL, new IdTally.Counts(60_000, 60_000, 1, 1, 0), 0).print(new PrintWriter(text, true));

    String report = text.toString();
    assertThat(report.lines().filter(line -> line.matches("\\s+\\d+\\.\\d\\s+\\d+\\.\\d .*"))).hasSize(11);
    assertThat(report).contains("over the 9 samples after the warm-up (from 2.0 min) and over the 6 of the second half (from 5.0 min)")
        .containsPattern("RSS\\s+60\\.00\\s+0\\.00\\s+60\\.00\\s+0\\.00\\s+806\\.0\\s+7\\.44")
        .contains("sent 60000 events (100/s sustained over 600 s, 100/s asked) and 60000 labels")
        .contains("outcomes: 60000 records, 59999 distinct of 60000 labels: 1 lost, 1 duplicated, 0 unexpected")
        .contains("count check: FAILED");
  }
}
