package io.penultimate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.penultimate.data.DataFetcher;
import io.penultimate.data.DataSplit;
import io.penultimate.data.Datasets;
import io.penultimate.data.LabeledSamples;
import io.penultimate.data.SampleFiles;
import io.penultimate.demo.DemoRun;
import io.penultimate.demo.EmbeddedCluster;
import io.penultimate.demo.ReplayPlan;
import io.penultimate.experiment.InputCheck;
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
      "label-free estimates of accuracy and OOD share beside the rolling accuracy, the true OOD share and the flag rate.",
      "With --model, --encoders and --data: the same on your own model, bundle and data (--ood DATA mixes in OOD events)."
    })
final class DemoCommand implements Callable<Integer> {
  /** The share of OOD events when there is OOD data and --ood-share is not given. */
  static final double DEFAULT_OOD_SHARE = 0.2;
  /** The order in which the demo replays the in-distribution samples. */
  private static final long REPLAY_SEED = 11;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--events", defaultValue = "2000", description = "Events to replay (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--warm-up", paramLabel = "N", defaultValue = "" + DemoRun.DEFAULT_WARM_UP_EVENTS,
      description = "Unlabelled events flooded and scored first, not counted in the summary, so that it shows the monitor after its"
          + " start-up (default: ${DEFAULT-VALUE}; 0: none).")
  int warmUp;

  @Option(names = "--ood-share", paramLabel = "S",
      description = "Share of out-of-distribution events, in [0, 1) (default: " + DEFAULT_OOD_SHARE + " with OOD data: Fashion-MNIST,"
          + " or --ood; 0 without).")
  Double oodShare;

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
  @Mixin OwnModelOptions own;

  @Option(names = {"--ood", "--ood-dataset"}, paramLabel = "DATA",
      description = "With --data: out-of-distribution inputs mixed in (ids ood-N), a data set name (its test split, made into the"
          + " model's input shape as for evaluate --ood) or your own"
          + " data, whose labels are not read; without it, every event is in-distribution.")
  String ood;

  /**
   * What a demo replays and against what it is compared.
   *
   * @param outOfDistribution null for none
   * @param reproduced the offline test AUROCs to print beside the streamed ones, or null
   */
  private record Sources(
      LabeledSamples inDistribution, String inName, LabeledSamples outOfDistribution, String oodName, JsonNode reproduced) {}

  @Override
  public Integer call() throws Exception {
    own.requireComplete("demo");
    if (!own.given() && ood != null) {
      throw new UsageException("--ood applies to --data (demo on your own model); the MNIST demo mixes in Fashion-MNIST");
    }
    if (events < 1 || oodShare != null && !(oodShare >= 0 && oodShare < 1) || rate < 0) {
      throw new UsageException("--events must be >= 1, --ood-share in [0, 1) and --rate >= 0; found " + events + ", " + oodShare + ", " + rate);
    }
    if (warmUp < 0) {
      throw new UsageException("--warm-up must be >= 0 (0: no warm-up), found " + warmUp);
    }
    if (own.given() && ood == null && oodShare != null && oodShare > 0) {
      throw new UsageException("--ood-share " + oodShare + " needs --ood DATA: out-of-distribution inputs to mix into --data " + own.data);
    }
    MonitorConfig tuning = MonitorOptions.read(spec);
    PrintWriter err = spec.commandLine().getErr();
    MonitorWiring wiring = null;
    EmbeddedCluster broker = null;
    try {
      // the files are read and checked against each other, and the data against them, before a broker starts
      Sources sources;
      if (own.given()) {
        wiring = MonitorWiring.load(own.model, own.encoders);
        sources = ownSources(wiring);
      } else {
        DataSplit mnist = DataFetcher.ensure(Datasets.MNIST, files.dataDir());
        DataSplit fashion = DataFetcher.ensure(Datasets.FASHION_MNIST, files.dataDir());
        DemoModel demoModel = DemoModel.ensure(files.workDir, mnist, err);
        wiring = MonitorWiring.load(demoModel.model(), demoModel.encoders());
        sources = new Sources(mnist.test(), "MNIST", fashion.test(), "Fashion-MNIST", reproducedAuroc());
      }
      double share = oodShare != null ? oodShare : sources.outOfDistribution() == null ? 0 : DEFAULT_OOD_SHARE;
      String run = "demo-" + System.currentTimeMillis();
      Topics topics = Topics.withPrefix(run);
      // a split may list its samples class by class, as the MNIST test split does: replayed in order,
      // its first 2,000 events would hold no 8 or 9
      ReplayPlan plan = new ReplayPlan(ReplayPlan.shuffled(sources.inDistribution(), REPLAY_SEED), sources.outOfDistribution(), share,
          events, rate, false, labels ? topics.labels() : null, labelDelay, "e");

      if (bootstrapServers == null) {
        err.println("demo: starting a single-node Kafka broker (KRaft) in a child JVM");
        broker = EmbeddedCluster.start(1);
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
      MonitorWiring started = wiring;
      wiring = null; // the running monitor owns it from here on, and closes it
      try (state; RunningMonitor monitor = RunningMonitor.start(started, config, (now, before) -> {})) {
        err.println("demo: metrics on http://localhost:" + monitor.metricsPort() + "/metrics");
        DemoRun.Result result =
            DemoRun.run(servers, topics, plan, warmUp, config.window(), monitor.streams(), () -> estimates(monitor.registry()), err);
        result.print(spec.commandLine().getOut(), sources.inName(), sources.oodName(), sources.reproduced());
        if (keepRunning) {
          err.println("demo: --keep-running: replaying and serving until stopped (Ctrl-C)");
          DemoRun.replayForever(servers, topics, plan, rate > 0 ? rate : 50);
        }
      }
    } finally {
      if (wiring != null) {
        wiring.close();
      }
      if (broker != null) {
        broker.close();
      }
    }
    return ExitCodes.OK;
  }

  /**
   * The user's data, read as evaluate reads a test file (index labels take the bundle's class
   * names), and the OOD data, each checked against the model before anything is sent.
   */
  private Sources ownSources(MonitorWiring wiring) throws IOException {
    LabeledSamples data = own.read(wiring);
    LabeledSamples oodSamples = null;
    String oodName = null;
    if (ood != null) {
      oodSamples = DatasetOptions.isOodName(ood) ? DatasetOptions.loadOod(ood, files.dataDir(), wiring.model().inputShape())
          : SampleFiles.readUnlabelled(existing(ood), own.labels(wiring).column());
      InputCheck.requireInput(oodSamples, wiring.model());
      oodName = DatasetOptions.isOodName(ood) ? ood : Path.of(ood).getFileName().toString();
    }
    return new Sources(data, own.data.getFileName().toString(), oodSamples, oodName, null);
  }

  private static Path existing(String ood) {
    Path path = Path.of(ood);
    if (!Files.exists(path)) {
      throw new UsageException("--ood " + ood + ": no such file or folder, nor a data set name (" + String.join(", ", Datasets.NAMES)
          + ", " + DatasetOptions.DIRECTORY_NAMES + ")");
    }
    return path;
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
