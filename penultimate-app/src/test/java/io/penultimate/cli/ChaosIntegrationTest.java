package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.bundle.BundleJson;
import io.penultimate.data.LabelOptions;
import io.penultimate.data.LabeledSamples;
import io.penultimate.data.SampleFiles;
import io.penultimate.demo.ChaosCounts;
import io.penultimate.demo.ChaosRun;
import io.penultimate.demo.ChaosTable;
import io.penultimate.demo.EmbeddedCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ChaosRun} on the ONNX MLP fixture: three monitors in child JVMs on a three-node cluster,
 * 6,000 labelled events at 30/s (200 s), and the three faults after 1,500, 3,000 and 4,500 of
 * them, each once the scores have kept up for 10 s. Exactly-once must hold through all of them,
 * with a standby replica too: tasks then move back and forth between active and standby, and
 * Kafka Streams initialises their processors again (the batch kept from a processor's previous turn
 * was once scored twice there).
 */
@Tag("integration")
class ChaosIntegrationTest {
  private static final int EVENTS = 6000;
  private static final double RATE = 30;
  /**
   * Serve's default, shorter than the faults: when the grace ran on the wall clock, a kill
   * dead-lettered a fifth of the labels, whose events the restarted tasks had not yet scored when
   * it ran out (README, Faults). In the events' record time it must lose none.
   */
  private static final Duration LABEL_GRACE = Duration.ofSeconds(10);

  @TempDir Path dir;

  @ParameterizedTest(name = "standby replicas: {0}")
  @ValueSource(ints = {0, 1})
  void everyEventIsScoredAndJoinedExactlyOnceThroughAMonitorKillABrokerStopAndARollingRestart(int standbyReplicas) throws Exception {
    Path bundle = OnnxEndToEndTest.fittedBundle(dir);
    LabeledSamples samples = SampleFiles.read(Path.of(OnnxEndToEndTest.FIXTURES + "mlp-test.csv"),
        LabelOptions.DEFAULT.withDefaultClassNames(BundleJson.read(bundle).classNames()));
    PrintWriter log = new PrintWriter(System.err, true);
    ChaosRun.Result result;
    double brokerCpuBefore;
    double brokerCpuAfter;
    try (EmbeddedCluster cluster = EmbeddedCluster.start(3)) {
      brokerCpuBefore = cluster.cpuNanos();
      result = ChaosRun.run(cluster, new ChaosRun.Settings(OnnxEndToEndTest.MLP.toAbsolutePath(), bundle.toAbsolutePath(), samples, EVENTS,
          RATE, standbyReplicas, Duration.ofSeconds(5), Duration.ofSeconds(10), LABEL_GRACE, dir.resolve("work")), log);
      brokerCpuAfter = cluster.cpuNanos();
    }
    ChaosTable.print(log, List.of(result), EVENTS, RATE, Duration.ofSeconds(5), Duration.ofSeconds(10), LABEL_GRACE, "mlp-test.csv, mlp.onnx");

    assertThat(result.counts()).isEqualTo(new ChaosCounts(EVENTS, EVENTS, 0, EVENTS, 0, EVENTS, EVENTS, EVENTS, 0, 0));
    assertThat(result.faults()).extracting(ChaosRun.FaultFigures::fault).containsExactly(ChaosRun.Fault.values());
    // the kill was real: the killed monitor's partitions went unscored until the group gave up on it
    ChaosRun.FaultFigures kill = result.faults().get(0);
    assertThat(kill.recovery().peak()).as("backlog after the kill").isGreaterThan(kill.recovery().threshold());
    // the brokers' processes were running and working: bench stream reports this per event
    assertThat(brokerCpuBefore).as("brokers' CPU ns after their start").isPositive();
    assertThat(brokerCpuAfter).as("brokers' CPU ns after the run").isGreaterThan(brokerCpuBefore);
  }
}
