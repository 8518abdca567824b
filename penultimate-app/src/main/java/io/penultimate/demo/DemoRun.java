package io.penultimate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.evaluation.Auroc;
import io.penultimate.evaluation.StoreyPi0;
import io.penultimate.math.Stats;
import io.penultimate.stream.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One demo pass against a running monitor: replays the plan with a plain producer, reads every
 * scored record back with a plain read_committed consumer, waits for the rolling quality to take
 * in every late label, and sums it up.
 */
public final class DemoRun {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_WARM_UP_EVENTS = 2000;
  private static final String WARM_UP_PREFIX = "warm-up-";

  private DemoRun() {}

  /**
   * The label-free estimates as the monitor's gauges showed them once every replayed event was
   * scored: over its last {@code events} scored events, with the bundle's level α of the OOD flag.
   */
  public record Estimates(double accuracy, double oodShare, int events, double alpha) {}

  /** The answers' keys the summary reports beside the scores, and the one with an OOD AUROC only. */
  static final List<String> ANSWERS = List.of("confidence", "trust");
  static final String OOD_P_VALUE = "oodPValue";

  /** What the demo measured. */
  public record Result(
      int events,
      int outOfDistribution,
      int labels,
      double offeredRate,
      double seconds,
      double[] latencyMs,
      int oodFlaggedOod,
      int oodFlaggedIn,
      double meanConfidenceIn,
      Map<String, Double> streamedOodAuroc,
      Estimates estimates,
      JsonNode quality) {

    /**
     * @param inName what the in-distribution events are ("MNIST", a file name)
     * @param oodName what the out-of-distribution events are, or null when there were none
     * @param reproduced the offline test AUROCs ({@code reproduce --json}) for the columns beside
     *     the streamed ones, or null ("-")
     */
    public void print(PrintWriter out, String inName, String oodName, JsonNode reproduced) {
      int in = events - outOfDistribution;
      String oodEvents = oodName == null ? "no out-of-distribution events" : outOfDistribution + " out-of-distribution " + oodName;
      out.printf("%npenultimate demo: %d events (%s), %d labelled late%n", events, oodEvents, labels);
      out.printf("throughput   %.0f events/s (first event sent -> last scored record read back; %s)%n", events / seconds,
          offeredRate > 0 ? String.format("offered %.0f/s", offeredRate) : "a flood: the replay and the broker share the cores");
      out.printf("latency      p50 %.0f ms, p99 %.0f ms (event timestamp -> scored record read back)%n",
          Stats.percentile(latencyMs, 0.5), Stats.percentile(latencyMs, 0.99));
      if (oodName == null) {
        out.printf("ood flag     oodPValue < alpha = %s: %.1f%% of %s events flagged%n", estimates.alpha(), 100.0 * oodFlaggedIn / Math.max(1, in), inName);
      } else {
        out.printf("ood flag     oodPValue < alpha = %s: %.1f%% of %s events flagged, %.1f%% of %s events, %.1f%% of all%n",
            estimates.alpha(), 100.0 * oodFlaggedOod / Math.max(1, outOfDistribution), oodName, 100.0 * oodFlaggedIn / Math.max(1, in),
            inName, 100.0 * flagRate());
      }
      out.printf("rolling window: %s labelled events, accuracy %.3f; confidence AUROC %s, ECE %s; trust AUROC %s%n",
          quality == null ? "0" : quality.get("labelled").asText(), quality == null ? Double.NaN : quality.get("accuracy").asDouble(),
          value(at(quality, "auroc", "confidence")), value(at(quality, "ece", "confidence")), value(at(quality, "auroc", "trust")));
      out.printf("label-free estimates over the monitor's last %d scored events (the replayed ones), no labels used:%n", estimates.events());
      out.printf("  accuracy   %.3f estimated (mean confidence; %.3f over the %s events alone) vs %s rolling (labelled %s events)%n",
          estimates.accuracy(), meanConfidenceIn, inName, quality == null ? "-" : String.format("%.3f", quality.get("accuracy").asDouble()),
          inName);
      out.printf("  OOD share  %.1f%% estimated (Storey, lambda = %s) vs %.1f%% true; the flag rate, %.1f%%, also counts alpha of the %s events%n%n",
          100 * estimates.oodShare(), StoreyPi0.DEFAULT_LAMBDA, 100.0 * outOfDistribution / Math.max(1, events), 100.0 * flagRate(), inName);
      out.printf("%-20s %14s %14s %14s %14s%n", "score", "rolling AUROC", "reproduce", "streamed OOD", "reproduce OOD");
      out.printf("%-20s %14s %14s %14s %14s%n", "", "(misclass.)", "(3 seeds)", "AUROC", "(3 seeds)");
      // the served scores (serve --scores), then the answers: the keys of the streamed OOD AUROCs but the p-value's
      List<String> keys = new ArrayList<>(streamedOodAuroc.keySet());
      keys.remove(OOD_P_VALUE);
      JsonNode reproducedOod = reproduced == null || reproduced.get("oodAuroc") == null ? null : farOod(reproduced.get("oodAuroc"));
      for (String key : keys) {
        out.printf("%-20s %14s %14s %14s %14s%n", key, value(at(quality, "auroc", key)), value(at(reproduced, "auroc", key)),
            streamed(key), value(reproducedOod == null ? null : reproducedOod.get(key)));
      }
      out.printf("%-20s %14s %14s %14s %14s%n", OOD_P_VALUE, "", "", streamed(OOD_P_VALUE),
          value(reproducedOod == null ? null : reproducedOod.get(OOD_P_VALUE)));
    }

    private String streamed(String key) {
      double auroc = streamedOodAuroc.get(key);
      return Double.isNaN(auroc) ? "-" : String.format("%.3f", auroc);
    }

    double flagRate() {
      return (double) (oodFlaggedOod + oodFlaggedIn) / Math.max(1, events);
    }

    private static JsonNode at(JsonNode node, String field, String key) {
      return node == null || node.get(field) == null ? null : node.get(field).get(key);
    }

    /** The far OOD set's numbers: keyed "far" since reports hold several OOD sets, flat in results written before. */
    private static JsonNode farOod(JsonNode byType) {
      return byType.has("far") ? byType.get("far") : byType;
    }

    private static String value(JsonNode node) {
      return node == null || node.isNull() ? "-" : String.format("%.3f", node.asDouble());
    }
  }

  /**
   * Replays the plan against the running monitor and sums it up; {@code estimates} reads the
   * monitor's label-free estimates, once every replayed event is scored.
   */
  public static Result run(String servers, Topics topics, ReplayPlan plan, int warmUpEvents, int window, KafkaStreams streams,
      Supplier<Estimates> estimates, PrintWriter err) throws Exception {
    StreamClients.awaitRunning(streams, STARTUP_TIMEOUT);
    List<JsonNode> scored = new ArrayList<>();
    double[] latency = new double[plan.count()];
    long start;
    AtomicLong replayed = new AtomicLong();
    CompletableFuture<EventReplay.Sent> sending;
    try (KafkaConsumer<String, String> consumer = StreamClients.readCommitted(servers, new StringDeserializer(), topics.scores())) {
      // join the group before sending, so the wait for partitions counts in neither latency nor throughput
      StreamClients.awaitAssignment(consumer);
      if (warmUpEvents > 0) {
        warmUp(servers, topics, plan, warmUpEvents, consumer, err);
      }
      start = System.nanoTime();
      sending = CompletableFuture.supplyAsync(() -> {
        try {
          EventReplay.Sent sent = EventReplay.replay(plan, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), topics.events(), n -> {});
          replayed.set(System.nanoTime());
          return sent;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      });
      long lastProgress = System.nanoTime();
      long lastRecord = System.nanoTime();
      while (scored.size() < plan.count()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
          if (scored.size() < plan.count() && !record.key().startsWith(WARM_UP_PREFIX)) {
            latency[scored.size()] = System.currentTimeMillis() - record.timestamp();
            scored.add(JSON.readTree(record.value()));
            lastRecord = System.nanoTime();
          }
        }
        if (System.nanoTime() - lastProgress > 1e9) {
          err.printf("demo: %d of %d events scored%n", scored.size(), plan.count());
          lastProgress = System.nanoTime();
        }
        if (System.nanoTime() - lastRecord > QUIET_TIMEOUT.toNanos()) {
          throw new IllegalStateException("no scored record for " + QUIET_TIMEOUT.toSeconds() + " s after " + scored.size()
              + " of " + plan.count() + "; Streams is " + streams.state());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // every replayed event went through the observer before its record was committed, and read back
    Estimates live = estimates.get();
    EventReplay.Sent sent = sending.get();
    err.printf("demo: all %d events scored in %.1f s (the replay, labels included, took %.1f s); waiting for the %d late labels%n",
        scored.size(), seconds, (replayed.get() - start) / 1e9, sent.labels());
    JsonNode quality = lastQuality(servers, topics.quality(), Math.min(sent.labels(), window), plan.labelDelay());
    return summarise(plan, scored, latency, seconds, sent, live, quality);
  }

  /**
   * Sends unlabelled events and waits until they are scored, so that the measured replay does not
   * include a fresh application's first seconds (first fetches and transactions, class loading,
   * the networks' first forward passes, and above all the JIT: its C2 thread kept one of this
   * machine's two cores busy for 5-6 s of a 10 s benchmark phase). Without a warm-up every demo
   * event waited ~3 s.
   */
  private static void warmUp(String servers, Topics topics, ReplayPlan plan, int events, KafkaConsumer<String, String> consumer,
      PrintWriter err) throws InterruptedException {
    ReplayPlan warmUp = new ReplayPlan(plan.inDistribution(), null, 0, events, 0, false, null, Duration.ZERO, WARM_UP_PREFIX);
    long start = System.nanoTime();
    EventReplay.replay(warmUp, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), topics.events(), n -> {});
    int seen = 0;
    long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
    while (seen < events) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("warm-up: only " + seen + " of " + events + " events scored after " + QUIET_TIMEOUT);
      }
      seen += consumer.poll(Duration.ofMillis(50)).count();
    }
    err.printf("demo: warm-up, %d events scored in %.1f s (not counted below)%n", events, (System.nanoTime() - start) / 1e9);
  }

  private static Result summarise(
      ReplayPlan plan, List<JsonNode> scored, double[] latency, double seconds, EventReplay.Sent sent, Estimates estimates, JsonNode quality) {
    int oodFlaggedOod = 0;
    int oodFlaggedIn = 0;
    double confidenceIn = 0;
    boolean[] inDistribution = new boolean[scored.size()];
    for (int i = 0; i < scored.size(); i++) {
      JsonNode event = scored.get(i);
      inDistribution[i] = !event.get("id").asText().startsWith(ReplayPlan.OOD_PREFIX);
      boolean flagged = event.get("ood").asBoolean();
      oodFlaggedOod += !inDistribution[i] && flagged ? 1 : 0;
      oodFlaggedIn += inDistribution[i] && flagged ? 1 : 0;
      confidenceIn += inDistribution[i] ? event.get("confidence").asDouble() : 0;
    }
    int in = scored.size() - sent.outOfDistribution();
    Map<String, Double> oodAuroc = new LinkedHashMap<>();
    // every scored record carries the same served scores
    Iterable<String> served = scored.isEmpty() ? List.of() : () -> scored.get(0).get("scores").fieldNames();
    for (String score : served) {
      oodAuroc.put(score, oodAuroc(scored, inDistribution, sent, e -> e.get("scores").get(score).asDouble()));
    }
    for (String answer : ANSWERS) {
      oodAuroc.put(answer, oodAuroc(scored, inDistribution, sent, e -> e.get(answer).asDouble()));
    }
    oodAuroc.put(OOD_P_VALUE, oodAuroc(scored, inDistribution, sent, e -> e.get(OOD_P_VALUE).asDouble()));
    return new Result(scored.size(), sent.outOfDistribution(), sent.labels(), plan.ratePerSecond(), seconds, latency, oodFlaggedOod,
        oodFlaggedIn, in == 0 ? Double.NaN : confidenceIn / in, oodAuroc, estimates, quality);
  }

  /** AUROC of in-distribution vs OOD events by one value of theirs, higher meaning more typical; NaN without OOD events. */
  private static double oodAuroc(List<JsonNode> scored, boolean[] inDistribution, EventReplay.Sent sent, ToDoubleFunction<JsonNode> value) {
    return sent.outOfDistribution() == 0 ? Double.NaN : Auroc.of(scored.stream().mapToDouble(value).toArray(), inDistribution);
  }

  /** Reads the quality topic until a snapshot's window holds {@code labelled} events, or it goes quiet. */
  private static JsonNode lastQuality(String servers, String topic, int labelled, Duration labelDelay) throws Exception {
    JsonNode last = null;
    long deadline = System.nanoTime() + labelDelay.toNanos() + QUIET_TIMEOUT.toNanos();
    try (KafkaConsumer<String, String> consumer = StreamClients.readCommitted(servers, new StringDeserializer(), topic)) {
      while ((last == null || last.get("labelled").asInt() < labelled) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          last = JSON.readTree(record.value());
        }
      }
    }
    return last;
  }

  /** Keeps replaying the plan at a steady rate until interrupted (for dashboards). */
  public static void replayForever(String servers, Topics topics, ReplayPlan plan, double rate) throws InterruptedException {
    ReplayPlan forever = new ReplayPlan(plan.inDistribution(), plan.outOfDistribution(), plan.oodShare(), 0, rate,
        false, plan.labelsTopic(), plan.labelDelay(), "k" + System.currentTimeMillis() + "-");
    EventReplay.replay(forever, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), topics.events(), n -> {});
  }


}
