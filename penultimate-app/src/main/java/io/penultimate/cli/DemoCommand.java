package io.penultimate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.penultimate.data.DataFetcher;
import io.penultimate.data.DataSplit;
import io.penultimate.data.Datasets;
import io.penultimate.demo.DemoRun;
import io.penultimate.demo.EmbeddedBroker;
import io.penultimate.demo.ReplayPlan;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.TopicCheck;
import io.penultimate.stream.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    modelTransformer = MonitorOptions.Tuning.class,
    description = {
      "The whole monitor on one machine: fetches data, trains and fits if nothing is cached, starts a Kafka broker,",
      "serves, replays MNIST test digits mixed with Fashion-MNIST images as out-of-distribution events, publishes",
      "labels late, and reports throughput, latency, rolling AUROC per score and answer, OOD detection, and the",
      "label-free estimates of accuracy and OOD share beside the rolling accuracy, the true OOD share and the flag rate."
    })
final class DemoCommand implements Callable<Integer> {
  /** The order in which the demo replays the MNIST test digits. */
  private static final long REPLAY_SEED = 11;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--events", defaultValue = "2000", description = "Events to replay (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--ood-share", defaultValue = "0.2", description = "Share of Fashion-MNIST (out-of-distribution) events (default: ${DEFAULT-VALUE}).")
  double oodShare;

  @Option(names = "--rate", defaultValue = "500",
      description = "Events per second; 0 floods, which measures this process's replay and the broker as much as the monitor: capacity is what 'bench stream' measures (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--label-delay", defaultValue = "PT2S", description = "How late labels arrive, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration labelDelay;

  @Option(names = "--labels", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Publish the in-distribution events' labels late (default: ${DEFAULT-VALUE}); --no-labels scores only.")
  boolean labels;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this Kafka cluster instead of starting one.")
  String bootstrapServers;

  @Option(names = "--keep-running", description = "After the summary, keep replaying at --rate (50/s if 0) and serving until stopped.")
  boolean keepRunning;

  @Mixin DemoModel.Options files;

  @Override
  public Integer call() throws Exception {
    if (events < 1 || !(oodShare >= 0 && oodShare < 1) || rate < 0) {
      throw new UsageException("--events must be >= 1, --ood-share in [0, 1) and --rate >= 0; found " + events + ", " + oodShare + ", " + rate);
    }
    MonitorConfig tuning = MonitorOptions.read(spec);
    PrintWriter err = spec.commandLine().getErr();
    Path data = files.dataDir();
    DataSplit mnist = DataFetcher.ensure(Datasets.MNIST, data);
    DataSplit fashion = DataFetcher.ensure(Datasets.FASHION_MNIST, data);
    DemoModel demoModel = DemoModel.ensure(files.workDir, mnist, err);
    Path model = demoModel.model();
    Path encoders = demoModel.encoders();

    String run = "demo-" + System.currentTimeMillis();
    Topics topics = Topics.withPrefix(run);
    // the MNIST test split lists its digits class by class: replayed in order, the first 2,000 events hold no 8 or 9
    ReplayPlan plan = new ReplayPlan(ReplayPlan.shuffled(mnist.test(), REPLAY_SEED), fashion.test(), oodShare, events, rate, false,
        labels ? topics.labels() : null, labelDelay, "e");

    EmbeddedBroker broker = null;
    try {
      if (bootstrapServers == null) {
        err.println("demo: starting a single-node Kafka broker (KRaft) in a child JVM");
        broker = EmbeddedBroker.start();
      }
      String servers = broker == null ? bootstrapServers : broker.bootstrapServers();
      err.println("demo: Kafka at " + servers + ", topics " + run + ".*");
      try (TopicCheck check = TopicCheck.connect(servers)) {
        check.createMissing(topics, new TopicCheck.Creation(2, Optional.empty()));
      }
      RunStateDir state = RunStateDir.create(files.workDir, run);
      // the estimates then cover exactly the replayed events: the warm-up is scored before them
      MonitorConfig config = tuning.with(topics).with("application-id", run).with("bootstrap-servers", servers)
          .with("state-dir", state.path().toString()).with("estimate-window", Integer.toString(events));
      try (state; RunningMonitor monitor = RunningMonitor.start(MonitorWiring.load(model, encoders), config, (now, before) -> {})) {
        err.println("demo: metrics on http://localhost:" + monitor.metricsPort() + "/metrics");
        DemoRun.Result result = DemoRun.run(servers, topics, plan, config.window(), monitor.streams(), () -> estimates(monitor.registry()), err);
        result.print(spec.commandLine().getOut(), reproducedAuroc());
        if (keepRunning) {
          err.println("demo: --keep-running: replaying and serving until stopped (Ctrl-C)");
          DemoRun.replayForever(servers, topics, plan, rate > 0 ? rate : 50);
        }
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
    return ExitCodes.OK;
  }

  /** The label-free estimates' gauges (metrics' {@code AnswerMetrics}) as they read now. */
  private static DemoRun.Estimates estimates(MeterRegistry registry) {
    return new DemoRun.Estimates(registry.get("penultimate.estimated.accuracy").gauge().value(),
        registry.get("penultimate.estimated.ood.share").gauge().value(),
        (int) registry.get("penultimate.estimate.events").gauge().value(), registry.get("penultimate.ood.alpha").gauge().value());
  }

  /** Test AUROC per score from {@code results/mnist.json} (reproduce, 3 seeds), when present. */
  private static JsonNode reproducedAuroc() throws IOException {
    Path results = Path.of("results", "mnist.json");
    return Files.exists(results) ? new ObjectMapper().readTree(results.toFile()) : null;
  }
}
