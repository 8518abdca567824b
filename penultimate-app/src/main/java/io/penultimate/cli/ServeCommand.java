package io.penultimate.cli;

import io.penultimate.metrics.MetricsEndpoint;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.NotAuthorisedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    modelTransformer = MonitorOptions.All.class,
    description = {
      "Score every event of the input topic in Kafka Streams; unscorable events go to the dead-letter topic.",
      "Any Kafka property can be set with --kafka-config or -Dkafka.<property>=<value>."
    })
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file from 'penultimate train'.")
  Path model;

  @Option(names = "--encoders", required = true, paramLabel = "FILE", description = "Encoder bundle from 'penultimate fit'.")
  Path encoders;

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "Properties file passed to Kafka Streams (TLS, SASL, tuning).")
  Path kafkaConfig;

  @Override
  public Integer call() throws Exception {
    MonitorConfig config = config();
    MetricsEndpoint endpoint = MetricsAccess.endpoint(config, System::getenv);
    // the local files first: a bundle of another model fails at once, not after a broker timeout
    MonitorWiring wiring = MonitorWiring.load(model, encoders);
    try {
      TopicsAtStartup.prepare(config, spec.commandLine().getErr());
    } catch (Exception e) {
      wiring.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (RunningMonitor monitor = RunningMonitor.start(wiring, config, endpoint, (now, before) -> {
      spec.commandLine().getErr().println("penultimate: streams " + before + " -> " + now);
      if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
        stopped.countDown();
      }
    })) {
      spec.commandLine().getErr().println("penultimate: metrics on " + monitor.metricsUrl());
      Runnable close = monitor::close;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        close.run();
        stopped.countDown();
      }, "penultimate-shutdown"));
      stopped.await();
      if (monitor.streams().state() != KafkaStreams.State.ERROR) {
        return ExitCodes.OK;
      }
      throwIfNotAuthorised(config, monitor.fatal());
      return ExitCodes.FAILURE;
    }
  }

  /** A stream thread that died of a missing ACL stops serve with the line naming it, not only with the state. */
  private static void throwIfNotAuthorised(MonitorConfig config, Optional<Throwable> fatal) throws InterruptedException {
    if (fatal.isPresent()) {
      Optional<NotAuthorisedException> denied = TopicsAtStartup.explain(config, fatal.get());
      if (denied.isPresent()) {
        throw denied.get();
      }
    }
  }

  /**
   * The flags, checked before any file is read, then the Kafka properties of --kafka-config, then
   * -Dkafka.* system properties (the last wins).
   */
  private MonitorConfig config() throws IOException {
    MonitorConfig config = MonitorOptions.read(spec);
    if (kafkaConfig != null) {
      Properties file = new Properties();
      try (InputStream in = Files.newInputStream(kafkaConfig)) {
        file.load(in);
      }
      for (String name : file.stringPropertyNames()) {
        config = config.with(MonitorConfig.KAFKA_PREFIX + name, file.getProperty(name));
      }
    }
    return MonitorOptions.withKafkaSystemProperties(config);
  }
}
