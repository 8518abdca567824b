package io.penultimate.cli;

import io.penultimate.data.LabeledImages;
import io.penultimate.stream.EventReplay;
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
    description = "Replay a data set split into the input topic as event JSON, at a chosen rate.")
final class ProduceCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin DatasetOptions dataset;

  @Option(names = "--split", defaultValue = "test", description = "train, validation or test (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT", description = "(default: ${DEFAULT-VALUE})")
  String bootstrapServers;

  @Option(names = "--topic", defaultValue = "penultimate.events", description = "(default: ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--events", description = "How many events to send, cycling through the split (default: the split's size).")
  Integer events;

  @Option(names = "--rate", defaultValue = "0", description = "Events per second; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--with-labels", description = "Put the true label inside each event.")
  boolean withLabels;

  @Option(names = "--id-prefix", defaultValue = "e", description = "Event ids are this prefix plus a counter (default: ${DEFAULT-VALUE}).")
  String idPrefix;

  @Override
  public Integer call() throws Exception {
    if (rate < 0 || (events != null && events < 0)) {
      throw new UsageException("--rate and --events must not be negative, found " + rate + " and " + events);
    }
    var data = dataset.load();
    LabeledImages images = DatasetOptions.part(data, split);
    int count = events == null ? images.size() : events;
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    long start = System.nanoTime();
    EventReplay.replay(images, count, rate, withLabels, idPrefix, config, topic,
        sent -> spec.commandLine().getErr().printf("sent %d of %d%n", sent, count));
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getOut().printf("sent %d events to %s in %.1f s (%.0f events/s)%n", count, topic, seconds, count / seconds);
    return ExitCodes.OK;
  }
}
