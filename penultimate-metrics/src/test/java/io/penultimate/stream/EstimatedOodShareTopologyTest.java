package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.penultimate.bundle.AnswerSettings;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.StoreyPi0;
import io.penultimate.metrics.AnswerMetrics;
import io.penultimate.model.ModelOutputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The label-free estimates on streams whose OOD share is known: the production topology under
 * TopologyTestDriver, scoring with the streaming fixtures' network and a bundle fitted on their
 * synthetic data, watched by the real {@link AnswerMetrics}. The OOD p-values are the bundle's,
 * never made up: in-distribution events are fresh draws of the training distribution, and the OOD
 * ones either far (unscaled inputs) or near (twice the noise).
 *
 * <p>Storey's estimate of the OOD share π has a standard error of about √(q(1 − q)/n)/(1 − λ), q
 * the share of p-values above λ: 0.007 for n = 20,000 here; the in-distribution p-values of a
 * fixed calibration half of 10,000 add about 0.005·(1 − π)/(1 − λ) = 0.008. Three points are
 * about 2.8 of the two combined.
 */
class EstimatedOodShareTopologyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EVENTS = 20_000;
  private static final double OOD_SHARE = 0.2;
  private static final double LAMBDA = StoreyPi0.DEFAULT_LAMBDA;
  private static StreamFixtures fixtures;

  @TempDir Path stateDir;

  @BeforeAll
  static void fitBundle() {
    fixtures = StreamFixtures.fitWithValidation(20_000);
  }

  /** What one stream did: the gauges after it, and the scored records read back. */
  private record Run(double estimatedShare, double estimatedAccuracy, double windowEvents, int ood, List<JsonNode> scored) {
    double trueShare() {
      return (double) ood / scored.size();
    }

    double flagRate() {
      return scored.stream().filter(e -> e.get("ood").asBoolean()).count() / (double) scored.size();
    }

    double[] pValues() {
      return scored.stream().mapToDouble(e -> e.get("oodPValue").asDouble()).toArray();
    }
  }

  /** {@code EVENTS} events in a seeded random order, each OOD with probability {@code OOD_SHARE}, drawn from {@code outOfDistribution}. */
  private Run stream(float[][] outOfDistribution, long seed) throws Exception {
    Random coin = new Random(seed);
    float[][] inDistribution = StreamFixtures.inputs(EVENTS, seed + 1);
    List<float[]> events = new ArrayList<>();
    int ood = 0;
    for (int i = 0; i < EVENTS; i++) {
      boolean out = coin.nextDouble() < OOD_SHARE;
      events.add(out ? outOfDistribution[ood++] : inDistribution[i]);
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AnswerSettings declared = new AnswerSettings(fixtures.bundle.answers().oodPValue().alpha(), fixtures.bundle.answers().trust().oodShare());
    AnswerMetrics answers = new AnswerMetrics(registry, declared, EVENTS);
    List<JsonNode> scored = new ArrayList<>();
    try (TopologyTestDriver driver = driver(answers)) {
      Topics topics = MonitorConfig.DEFAULT.topics();
      TestInputTopic<String, byte[]> input = driver.createInputTopic(topics.events(), new StringSerializer(), new ByteArraySerializer());
      TestOutputTopic<String, byte[]> output = driver.createOutputTopic(topics.scores(), new StringDeserializer(), new ByteArrayDeserializer());
      for (int i = 0; i < events.size(); i++) {
        input.pipeInput("e" + i, StreamFixtures.eventJson("e" + i, events.get(i), "").getBytes(StandardCharsets.UTF_8));
      }
      driver.advanceWallClockTime(Duration.ofSeconds(1));
      for (TestRecord<String, byte[]> record : output.readRecordsToList()) {
        scored.add(JSON.readTree(record.value()));
      }
    }
    assertThat(scored).hasSize(EVENTS);
    return new Run(registry.get("penultimate.estimated.ood.share").gauge().value(),
        registry.get("penultimate.estimated.accuracy").gauge().value(),
        registry.get("penultimate.estimate.events").gauge().value(), ood, scored);
  }

  private TopologyTestDriver driver(MonitorObserver observer) {
    Topics topics = MonitorConfig.DEFAULT.topics();
    ConfidenceScorer scorer = new ConfidenceScorer(fixtures.bundle);
    ScoringSettings settings = new ScoringSettings(ScoreName.GMM, 0, "model", "bundle");
    var topology = MonitorTopology.build(topics, new EventParser(StreamFixtures.INPUT, StreamFixtures.CLASSES, 64 * 1024), scorer,
        () -> new EventScorer(fixtures.network, scorer, settings), new BatchSettings(256, Duration.ofMillis(50)),
        new LabelTiming(Duration.ofHours(1), Duration.ofSeconds(10)), new QualityWindows(100, Duration.ofHours(1), 100, Duration.ofSeconds(1)), observer);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "penultimate-estimates-test");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return new TopologyTestDriver(topology, props);
  }

  /** Share of the bundle's OOD p-values above λ for these inputs, scored offline (not the stream's inputs). */
  private static double shareAboveLambda(float[][] inputs) {
    ConfidenceScorer scorer = new ConfidenceScorer(fixtures.bundle);
    ModelOutputs outputs = fixtures.network.run(inputs);
    int above = 0;
    for (int i = 0; i < inputs.length; i++) {
      double[] scores = scorer.scores(outputs.hidden()[i], outputs.logits()[i]);
      above += scorer.answer(outputs.logits()[i], scores).oodPValue() > LAMBDA ? 1 : 0;
    }
    return (double) above / inputs.length;
  }

  @Test
  void estimatesTheOodShareOfAStreamWithFarOodEventsWithinThreePoints() throws Exception {
    Run run = stream(StreamFixtures.unscaled(EVENTS, 41), 40);

    assertThat(run.trueShare()).isCloseTo(OOD_SHARE, within(0.01));
    assertThat(run.windowEvents()).isEqualTo(EVENTS);
    assertThat(run.estimatedShare()).as("Storey's estimate of the known share " + run.trueShare())
        .isCloseTo(run.trueShare(), within(0.03));
    assertThat(run.estimatedShare()).as("the gauge is Storey's estimate over exactly the scored events' p-values")
        .isCloseTo(StoreyPi0.oodShare(run.pValues(), LAMBDA), within(1e-12));
    assertThat(run.estimatedAccuracy()).as("the mean confidence of the scored events")
        .isCloseTo(run.scored().stream().mapToDouble(e -> e.get("confidence").asDouble()).average().orElseThrow(), within(1e-9));
    // the flag counts α of the in-distribution events as well: it is no estimate of the share
    assertThat(run.flagRate()).isGreaterThan(run.trueShare() + 0.5 * fixtures.bundle.answers().oodPValue().alpha() * (1 - OOD_SHARE));
  }

  @Test
  void underestimatesANearOodStreamByItsPValuesAboveLambdaDividedByOneMinusLambda() throws Exception {
    double above = shareAboveLambda(StreamFixtures.noisy(5_000, 51));
    Run run = stream(StreamFixtures.noisy(EVENTS, 53), 52);

    // E[π̂₀] = (1 − π)·P_in(p > λ)/(1 − λ) + π·P_out(p > λ)/(1 − λ), P_in(p > λ) = 1 − λ: the share
    // comes out low by π·P_out(p > λ)/(1 − λ)
    double expected = run.trueShare() - run.trueShare() * above / (1 - LAMBDA);
    assertThat(above).as("a near OOD set: many of its p-values look in-distribution").isGreaterThan(0.15);
    assertThat(run.estimatedShare()).as("low by the bias formula, from " + run.trueShare()).isCloseTo(expected, within(0.03));
    assertThat(run.estimatedShare()).as("conservative: below the true share").isLessThan(run.trueShare() - 0.05);
  }
}
