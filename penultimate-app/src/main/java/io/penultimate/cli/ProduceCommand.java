package io.penultimate.cli;

import io.penultimate.data.LabeledSamples;
import io.penultimate.demo.EventReplay;
import io.penultimate.demo.ReplayPlan;
import io.penultimate.stream.EventParser.InputFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = "Replay a data set split, or your own data, into the input topic as event JSON, at a chosen rate.")
final class ProduceCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin DataOptions data;

  @Option(names = "--data", paramLabel = "DATA", description = "Your own data instead of --dataset, replayed whole: " + DataOptions.DATA + ".")
  Path file;

  @Option(names = "--split", paramLabel = "SPLIT", description = "train, validation or test: the part of --dataset to replay (default: test).")
  String split;

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT", description = "(default: ${DEFAULT-VALUE})")
  String bootstrapServers;

  @Option(names = "--topic", defaultValue = "penultimate.events", description = "(default: ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--events", description = "How many events to send, cycling through the split; 0 sends until stopped (default: the split's size).")
  Integer events;

  @Option(names = "--rate", defaultValue = "0", description = "Events per second; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--input-format", defaultValue = "json",
      description = "How events are written, as serve's --input-format reads them: json or binary (default: ${DEFAULT-VALUE}).")
  String inputFormat;

  @Option(names = "--with-labels", description = "Put the true label inside each event.")
  boolean withLabels;

  @Option(names = "--id-prefix", defaultValue = "e", description = "Event ids are this prefix plus a counter (default: ${DEFAULT-VALUE}).")
  String idPrefix;

  @Option(names = {"--ood", "--ood-dataset"}, paramLabel = "DATA",
      description = "Mix in these inputs as out-of-distribution events (ids ood-N, never labelled): a data set name (its test"
          + " split) or your own data, whose labels are not read.")
  String ood;

  @Option(names = "--ood-share", defaultValue = "0", description = "Share of events drawn from --ood (default: ${DEFAULT-VALUE}).")
  double oodShare;

  @Option(names = "--labels-topic", description = "Publish each in-distribution event's label here, --label-delay after the event.")
  String labelsTopic;

  @Option(names = "--label-delay", defaultValue = "PT5S", description = "How late labels arrive, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration labelDelay;

  @Override
  public Integer call() throws Exception {
    if (events != null && events < 0) {
      throw new UsageException("--events must not be negative (0 sends until stopped), found " + events);
    }
    if (oodShare > 0 && ood == null) {
      throw new UsageException("--ood-share " + oodShare + " needs --ood, e.g. --ood fashion-mnist");
    }
    InputFormat format = InputFormat.byKey(inputFormat).filter(f -> f != InputFormat.OIP)
        .orElseThrow(() -> new UsageException("--input-format must be json or binary, found '" + inputFormat + "'"));
    data.requireOneSource("produce", "--data", file, ood);
    if (file != null && split != null) {
      throw new UsageException("--split applies to --dataset; --data " + file + " is replayed whole");
    }
    LabeledSamples samples =
        file == null ? DatasetOptions.part(data.loadNamed(), split == null ? "test" : split) : data.read(file, null);
    LabeledSamples oodSamples = ood == null ? null : data.ood(ood, samples.inputShape());
    if (oodSamples != null && oodSamples.inputSize() != samples.inputSize()) {
      throw new IllegalArgumentException(oodSamples.source() + ": its samples have " + oodSamples.inputSize()
          + " values, but those of " + samples.source() + " have " + samples.inputSize());
    }
    int count = events == null ? samples.size() : events;
    ReplayPlan plan;
    try {
      plan = new ReplayPlan(samples, oodSamples, oodShare, count, rate, withLabels, labelsTopic, labelDelay, idPrefix);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--ood-share, --events, --rate, --label-delay: " + e.getMessage());
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    long start = System.nanoTime();
    EventReplay.Sent sent = EventReplay.replay(plan, config, topic, format,
        n -> spec.commandLine().getErr().printf(count == 0 ? "sent %d%n" : "sent %d of " + count + "%n", n));
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getOut().printf("sent %d events to %s in %.1f s (%.0f events/s), %d out-of-distribution, %d labels%n",
        sent.events(), topic, seconds, sent.events() / seconds, sent.outOfDistribution(), sent.labels());
    return ExitCodes.OK;
  }
}
