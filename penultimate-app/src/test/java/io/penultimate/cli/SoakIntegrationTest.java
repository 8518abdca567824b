package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.stream.SingleBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench soak} for 40 seconds on the ONNX MLP fixture and its CSV rows, against a real
 * single-node KRaft broker in this JVM: every event comes out scored once, every label as one
 * outcome, and every sample's memory figures are numbers, the JVM's positive.
 */
@Tag("integration")
class SoakIntegrationTest {
  /** A table row: minutes, then eight memory figures and the state in MB, then the state's keys and four counts. */
  private static final Pattern ROW = Pattern.compile("\\s+(-?\\d+\\.\\d+(?:\\s+-?\\d+\\.\\d+){9})((?:\\s+\\d+){5})");

  @TempDir Path dir;

  @Test
  void scoresEveryEventOnceJoinsEveryLabelOnceAndSamplesFiniteMemoryFigures() throws Exception {
    Path bundle = OnnxEndToEndTest.fittedBundle(dir);
    Path out = dir.resolve("results").resolve("soak.txt");
    CliRun soak;
    try (KafkaClusterTestKit cluster = SingleBroker.start()) {
      soak = CliRun.of("bench", "soak", "--model", OnnxEndToEndTest.MLP.toString(), "--encoders", bundle.toString(),
          "--data", OnnxEndToEndTest.FIXTURES + "mlp-test.csv", "--duration", "PT40S", "--rate", "50", "--sample-interval", "PT5S",
          "--warm-up", "PT10S", "--label-delay", "PT0.5S", "--bootstrap-servers", cluster.bootstrapServers(),
          "--work-dir", dir.resolve("runs").toString(), "--out", out.toString());
    }

    assertThat(soak.code()).as(soak.err()).isZero();
    assertThat(soak.out()).contains("sent 2000 events").contains("and 2000 labels")
        .contains("scores:   2000 records, 2000 distinct of 2000 events: 0 lost, 0 duplicated, 0 unexpected")
        .contains("outcomes: 2000 records, 2000 distinct of 2000 labels: 0 lost, 0 duplicated, 0 unexpected")
        .contains("dead letters: 0").contains("count check: passed").contains("over the 7 samples after the warm-up");
    List<String> rows = soak.out().lines().filter(line -> ROW.matcher(line).matches()).toList();
    assertThat(rows).as(soak.out()).hasSize(9);
    for (String row : rows) {
      double[] figures = Pattern.compile("\\s+").splitAsStream(row.strip()).mapToDouble(Double::parseDouble).toArray();
      assertThat(Arrays.stream(figures).allMatch(Double::isFinite)).as(row).isTrue();
      // RSS, RssFile, heap committed and non-heap committed; the heap after GC is 0 until the first collection
      assertThat(List.of(figures[1], figures[2], figures[4], figures[5])).as(row).allMatch(mb -> mb > 0);
      assertThat(figures[3]).as(row).isNotNegative();
    }
    assertThat(Files.readString(out)).isEqualTo(soak.out());
    assertThat(dir.resolve("runs").resolve("state")).isEmptyDirectory();
  }
}
