package io.penultimate.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreSelection;
import io.penultimate.data.DataFetcher;
import io.penultimate.data.DataSplit;
import io.penultimate.data.Datasets;
import io.penultimate.data.LabeledSamples;
import io.penultimate.demo.ChaosRun;
import io.penultimate.demo.ChaosTable;
import io.penultimate.demo.EmbeddedCluster;
import io.penultimate.demo.LatencyRate;
import io.penultimate.demo.PhaseCpu;
import io.penultimate.demo.ProcessMemory;
import io.penultimate.demo.QualityBench;
import io.penultimate.demo.Ramp;
import io.penultimate.demo.ReplayPlan;
import io.penultimate.demo.SoakBench;
import io.penultimate.demo.SoakResult;
import io.penultimate.demo.StartupBench;
import io.penultimate.demo.StreamBench;
import io.penultimate.demo.TopicWrites;
import io.penultimate.dl4j.BlasDotProducts;
import io.penultimate.dl4j.JavaCppMemory;
import io.penultimate.experiment.FitBenchmark;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.math.Stats;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.LoadedModel;
import io.penultimate.stream.EventParser;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.TopicCheck;
import io.penultimate.stream.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks on this machine (results are wall times, and ratios to a baseline run alongside).",
    subcommands = {BenchCommand.Fit.class, BenchCommand.Stream.class, BenchCommand.Quality.class, BenchCommand.Chaos.class,
        BenchCommand.Startup.class, BenchCommand.Soak.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing benchmark; try 'penultimate bench fit --help' or 'penultimate bench stream --help'");
  }

  @Command(
      name = "fit",
      mixinStandardHelpOptions = true,
      description = "Time fitting every encoder family on the training split's hidden outputs of a model.")
  static final class Fit implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin DatasetOptions dataset;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = ModelOptions.MODEL)
    Path model;

    @Option(names = "--repeats", defaultValue = "3", description = "Runs per step; the fastest counts (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
      if (repeats < 1) {
        throw new UsageException("--repeats must be at least 1, found " + repeats);
      }
      DataSplit data = dataset.load();
      long start = System.nanoTime();
      LabeledOutputs train;
      try (LoadedModel loaded = ModelFiles.open(model)) {
        train = new ProbedModel(loaded, null).probe(data.train());
      }
      double probeSeconds = (System.nanoTime() - start) / 1e9;
      FitBenchmark.Result result = FitBenchmark.run(train, data.train().classNames().size(), repeats);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("fit on %d correct training samples x %d nodes x %d classes, %d processors, best of %d%n",
          result.samples(), result.width(), result.classes(), Runtime.getRuntime().availableProcessors(), repeats);
      out.printf("  (probing %d training images through the network took %.2f s, not counted)%n", data.train().size(), probeSeconds);
      double baseline = result.seconds().get(FitBenchmark.BASELINE);
      out.printf("  %-38s %10s %12s%n", "step", "seconds", "x baseline");
      for (Map.Entry<String, Double> step : result.seconds().entrySet()) {
        out.printf("  %-38s %10.3f %12.1f%n", step.getKey(), step.getValue(), step.getValue() / baseline);
      }
      out.printf("  %-38s %10.3f %12.1f%n", "all families", result.total(), result.total() / baseline);
      return ExitCodes.OK;
    }
  }

  /** {@code topic records/bytes}, the most bytes first. */
  private static String writes(Map<String, TopicWrites.PerEvent> byTopic) {
    return byTopic.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, TopicWrites.PerEvent> topic) -> topic.getValue().bytes()).reversed())
        .map(topic -> String.format("%s %.2f/%.0f", topic.getKey(), topic.getValue().records(), topic.getValue().bytes()))
        .collect(Collectors.joining(", "));
  }

  @Command(
      name = "stream",
      mixinStandardHelpOptions = true,
      modelTransformer = MonitorOptions.Tuning.class,
      description = {
        "End-to-end events/s and latency of the scoring monitor against a pass-through topology with the same serdes,",
        "on a real broker (started in a child JVM unless --bootstrap-servers), in one run; prints their ratio.",
        "Runs the MNIST paper MLP on its test digits, or with --model, --encoders and --data your own model on your data."
      })
  static final class Stream implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", defaultValue = "20000", description = "Backlog events for the throughput phase (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--warm-up", defaultValue = "5000",
        description = "Labelled events each topology processes, unmeasured, before the phases, so the JIT has compiled its hot paths (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--latency-events", defaultValue = "3000", description = "Events sent at --rate for the latency phase (default: ${DEFAULT-VALUE}).")
    int latencyEvents;

    @Option(names = "--rate", defaultValue = "500", paramLabel = "RATE",
        description = "Events per second in the latency phase, or a share of the unlabelled events/s the same run reached just before,"
            + " e.g. 50% (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--runs", defaultValue = "5",
        description = "Pairs of runs, pass-through then scoring, alternating; medians and ranges over them (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this Kafka cluster instead of starting one.")
    String bootstrapServers;

    @Mixin DemoModel.Options files;
    @Mixin OwnModelOptions own;

    @Override
    public Integer call() throws Exception {
      own.requireComplete("bench stream");
      if (events < 2 || warmUp < 0 || latencyEvents < 1 || runs < 1) {
        throw new UsageException("--events >= 2, --warm-up >= 0, --latency-events >= 1 and --runs >= 1; found "
            + events + ", " + warmUp + ", " + latencyEvents + ", " + runs);
      }
      LatencyRate latencyRate;
      try {
        latencyRate = LatencyRate.parse(rate);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      // metrics are bound as in serve, but not served: the bench starts several clients in turn
      // -Dkafka.* (PENULTIMATE_JAVA_OPTS) tunes both topologies' clients, as it tunes serve's
      MonitorConfig tuning = MonitorOptions.withKafkaSystemProperties(MonitorOptions.read(spec));
      if (tuning.inputFormat() == EventParser.InputFormat.OIP) {
        throw new UsageException("bench stream replays events as json or binary; --input-format oip is measured by serving requests");
      }
      PrintWriter err = spec.commandLine().getErr();
      Wired wired = Wired.open(own, files, err);
      MonitorWiring wiring = wired.wiring();
      LabeledSamples replayed = wired.events();
      RunStateDir state = RunStateDir.create(files.workDir, "bench-" + System.currentTimeMillis());
      MonitorConfig base = tuning.with("state-dir", state.path().toString());
      StreamBench.App passThrough = (topics, config) -> new KafkaStreams(StreamBench.passThrough(topics), config.streamsProperties());
      StreamBench.App scoringApp =
          (topics, config) -> wiring.streams(config.with(topics), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      EmbeddedCluster broker = bootstrapServers == null ? EmbeddedCluster.start(1) : null;
      List<StreamBench.Figures> passThroughRuns = new ArrayList<>();
      List<StreamBench.Figures> scoringRuns = new ArrayList<>();
      try (state; wiring) {
        String servers = broker == null ? bootstrapServers : broker.bootstrapServers();
        MonitorConfig config = base.with("bootstrap-servers", servers);
        DoubleSupplier brokerCpu = broker == null ? () -> Double.NaN : broker::cpuNanos;
        // alternating, so that the machine's slow swings (a third between runs here) fall on both alike
        for (int run = 1; run <= runs; run++) {
          err.printf("bench: run %d of %d, pass-through ...%n", run, runs);
          passThroughRuns.add(StreamBench.run("pass-through", passThrough, StreamBench.ONE_PER_OUTCOME, config, replayed, warmUp,
              events, latencyEvents, latencyRate, brokerCpu));
          err.printf("bench: run %d of %d, scoring ...%n", run, runs);
          scoringRuns.add(StreamBench.run("scoring", scoringApp, StreamBench.MERGED_SNAPSHOTS, config, replayed, warmUp, events,
              latencyEvents, latencyRate, brokerCpu));
        }
      } finally {
        if (broker != null) {
          broker.close();
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("stream bench: %d backlog events (%s as %s) unlabelled, then each followed by its label; then %d at %s for latency; %s broker, %s, %d processors, %d alternating pairs of runs%n",
          events, own.given() ? own.data + ", " + replayed.inputSize() + " values each," : "MNIST test digits", tuning.inputFormat().key(), latencyEvents, latencyRate,
          broker == null ? "external" : "embedded single-node KRaft", tuning.processingGuarantee(),
          Runtime.getRuntime().availableProcessors(), runs);
      out.printf("  %-4s %-14s %12s %16s %14s %10s %10s %10s %10s %10s %10s %10s%n", "run", "topology", "events/s", "labelled ev/s",
          "steady ev/s", "latency /s", "p50 ms", "p99 ms", "cpu us/ev", "lab. us/ev", "broker", "lab. broker");
      for (int run = 0; run < runs; run++) {
        for (StreamBench.Figures f : List.of(passThroughRuns.get(run), scoringRuns.get(run))) {
          out.printf("  %-4d %-14s %12.0f %16.0f %14.0f %10.0f %10.0f %10.0f %10.1f %10.1f %10.1f %10.1f%n", run + 1, f.name(),
              f.eventsPerSecond(), f.labelledPerSecond(), f.labelledSteadyPerSecond(), f.rate(), f.p50Ms(), f.p99Ms(), f.unlabelled().cpuMicrosPerEvent(),
              f.labelled().cpuMicrosPerEvent(), f.unlabelled().brokerCpuMicrosPerEvent(), f.labelled().brokerCpuMicrosPerEvent());
        }
      }
      out.printf("  cpu us/ev: CPU time of the application's Java threads per event, between the outputs at a tenth and at nine tenths of the phase (unlabelled; labelled, with its label);"
          + " NaN when fewer than %d reads brought outputs between the two, too short a phase for a steady middle (give more --events)%n",
          PhaseCpu.MIN_READS_BETWEEN);
      out.printf("  broker: CPU time of the broker's process over the same spans per event, the bench's reading of the outputs included%n");
      out.printf("  lab. us/ev by thread, the busiest first:%n");
      for (int run = 0; run < runs; run++) {
        for (StreamBench.Figures f : List.of(passThroughRuns.get(run), scoringRuns.get(run))) {
          out.printf("  %-4d %-14s %s%n", run + 1, f.name(), f.labelled().cpuByThread().entrySet().stream()
              .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
              .map(thread -> String.format("%s %.1f", thread.getKey(), thread.getValue()))
              .collect(Collectors.joining(", ")));
        }
      }
      out.printf("  written per event by topic, records and bytes, the most bytes first: unlabelled phase; labelled phase%n");
      for (int run = 0; run < runs; run++) {
        for (StreamBench.Figures f : List.of(passThroughRuns.get(run), scoringRuns.get(run))) {
          out.printf("  %-4d %-14s %s%n  %-4s %-14s %s%n", run + 1, f.name(), writes(f.unlabelled().writes()), "", "", writes(f.labelled().writes()));
        }
      }
      out.printf("  the stream thread in the latency phase, longest ms: commit, poll, processing of one record, punctuation%n");
      for (int run = 0; run < runs; run++) {
        for (StreamBench.Figures f : List.of(passThroughRuns.get(run), scoringRuns.get(run))) {
          StreamBench.ThreadLatencies t = f.thread();
          out.printf("  %-4d %-14s %8.0f %8.0f %8.1f %8.1f%n", run + 1, f.name(), t.commitMaxMs(), t.pollMaxMs(), t.processMaxMs(),
              t.punctuateMaxMs());
        }
      }
      out.printf("  median [range] over the runs (batch size %d, model %s):%n", base.batchSize(),
          own.given() ? own.model + ", " + wiring.model().metadata().arch() : wiring.model().metadata().arch());
      StreamBench.Spread spread = new StreamBench.Spread(passThroughRuns, scoringRuns);
      out.printf("  %-34s %s%n", "pass-through events/s", spread.of(StreamBench.Figures::eventsPerSecond, false));
      out.printf("  %-34s %s%n", "scoring events/s", spread.of(StreamBench.Figures::eventsPerSecond, true));
      out.printf("  %-34s %s%n", "ratio unlabelled (per pair)", spread.ratio(StreamBench.Figures::eventsPerSecond));
      out.printf("  %-34s %s%n", "pass-through labelled events/s", spread.of(StreamBench.Figures::labelledPerSecond, false));
      out.printf("  %-34s %s%n", "scoring labelled events/s", spread.of(StreamBench.Figures::labelledPerSecond, true));
      out.printf("  %-34s %s%n", "ratio labelled (per pair)", spread.ratio(StreamBench.Figures::labelledPerSecond));
      out.printf("  %-34s %s%n", "pass-through labelled steady ev/s", spread.of(StreamBench.Figures::labelledSteadyPerSecond, false));
      out.printf("  %-34s %s%n", "scoring labelled steady ev/s", spread.of(StreamBench.Figures::labelledSteadyPerSecond, true));
      out.printf("  %-34s %s%n", "ratio labelled steady (per pair)", spread.ratio(StreamBench.Figures::labelledSteadyPerSecond));
      ToDoubleFunction<StreamBench.Figures> cpu = f -> f.unlabelled().cpuMicrosPerEvent();
      ToDoubleFunction<StreamBench.Figures> labelledCpu = f -> f.labelled().cpuMicrosPerEvent();
      ToDoubleFunction<StreamBench.Figures> brokerCpu = f -> f.unlabelled().brokerCpuMicrosPerEvent();
      ToDoubleFunction<StreamBench.Figures> labelledBrokerCpu = f -> f.labelled().brokerCpuMicrosPerEvent();
      out.printf("  %-34s %s / %s%n", "pass-through CPU us/event", spread.of(cpu, false), spread.of(labelledCpu, false));
      out.printf("  %-34s %s / %s%n", "scoring CPU us/event", spread.of(cpu, true), spread.of(labelledCpu, true));
      out.printf("  %-34s %s / %s%n", "CPU ratio (per pair)", spread.ratio(cpu), spread.ratio(labelledCpu));
      out.printf("  %-34s %s / %s%n", "pass-through broker CPU us/event", spread.of(brokerCpu, false), spread.of(labelledBrokerCpu, false));
      out.printf("  %-34s %s / %s%n", "scoring broker CPU us/event", spread.of(brokerCpu, true), spread.of(labelledBrokerCpu, true));
      out.printf("  %-34s %s / %s%n", "p50 / p99 ms pass-through", spread.of(StreamBench.Figures::p50Ms, false),
          spread.of(StreamBench.Figures::p99Ms, false));
      out.printf("  %-34s %s / %s%n", "p50 / p99 ms scoring", spread.of(StreamBench.Figures::p50Ms, true),
          spread.of(StreamBench.Figures::p99Ms, true));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "quality",
      mixinStandardHelpOptions = true,
      description = {
        "Outcomes per second the quality stage alone sustains (per-partition windows, summaries, merge) with 1, 2 and 4",
        "outcomes partitions, one stream thread each, in this process, on a real broker; the outcomes are the demo MNIST",
        "model's scored test digits. After one unmeasured warm-up run, runs alternate between the partition counts;",
        "median and range per count."
      })
  static final class Quality implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--partitions", defaultValue = "1,2,4", split = ",", description = "Outcomes partition counts (default: ${DEFAULT-VALUE}).")
    List<Integer> partitions;

    @Option(names = "--outcomes", defaultValue = "200000", description = "Outcomes per run (default: ${DEFAULT-VALUE}).")
    int outcomes;

    @Option(names = "--repeats", defaultValue = "3", description = "Runs per partition count, alternating (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--scores", defaultValue = "all", paramLabel = "KEYS",
        description = "Scores the windows rank, as serve --scores; the answers always (default: ${DEFAULT-VALUE}).")
    String scores;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this Kafka cluster instead of starting one.")
    String bootstrapServers;

    @Mixin DemoModel.Options files;

    @Override
    public Integer call() throws Exception {
      if (outcomes < 1000 || repeats < 1 || partitions.stream().anyMatch(p -> p < 1)) {
        throw new UsageException("--outcomes >= 1000, --repeats >= 1 and every --partitions >= 1; found " + outcomes + ", " + repeats
            + ", " + partitions);
      }
      ScoreSelection selection;
      try {
        selection = ScoreSelection.parse(scores);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--scores must be all or score keys separated by commas: " + e.getMessage());
      }
      PrintWriter err = spec.commandLine().getErr();
      DataSplit mnist = DataFetcher.ensure(Datasets.MNIST, files.dataDir());
      DemoModel demoModel = DemoModel.ensure(files.workDir, mnist, err);
      List<byte[]> records;
      ConfidenceScorer scorer;
      try (MonitorWiring wiring = MonitorWiring.load(demoModel.model(), demoModel.encoders())) {
        scorer = new ConfidenceScorer(wiring.bundle(), selection, BlasDotProducts.INSTANCE);
        records = QualityBench.outcomes(ProbedModel.forBundle(wiring.model(), wiring.bundle()).probe(mnist.test()), scorer,
            System.currentTimeMillis());
      }
      RunStateDir state = RunStateDir.create(files.workDir, "bench-quality-" + System.currentTimeMillis());
      EmbeddedCluster broker = bootstrapServers == null ? EmbeddedCluster.start(1) : null;
      Map<Integer, List<Double>> rates = new TreeMap<>();
      try (state) {
        MonitorConfig config = MonitorConfig.DEFAULT.with("state-dir", state.path().toString())
            .with("bootstrap-servers", broker == null ? bootstrapServers : broker.bootstrapServers());
        // unmeasured: the JIT compiles the windows' hot paths in the first seconds, which the first measured run would pay alone
        err.println("bench: warm-up run ...");
        QualityBench.run(config, scorer, records, outcomes / 4, partitions.get(0));
        for (int run = 0; run < repeats; run++) {
          for (int count : partitions) {
            QualityBench.Figures figures = QualityBench.run(config, scorer, records, outcomes, count);
            err.printf("bench: %d partition(s), run %d: %.0f outcomes/s%n", count, run + 1, figures.outcomesPerSecond());
            rates.computeIfAbsent(count, c -> new ArrayList<>()).add(figures.outcomesPerSecond());
          }
        }
      } finally {
        if (broker != null) {
          broker.close();
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("quality stage: %d outcomes per run, %d runs per partition count (alternating), scores %s, %s broker, %s, %d processors%n",
          outcomes, repeats, selection, broker == null ? "external" : "embedded single-node KRaft", StreamsConfig.EXACTLY_ONCE_V2,
          Runtime.getRuntime().availableProcessors());
      out.printf("  %-11s %14s %22s %16s%n", "partitions", "median oc/s", "range", "x fewest");
      double reference = Stats.percentile(rates.values().iterator().next().stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
      for (Map.Entry<Integer, List<Double>> entry : rates.entrySet()) {
        double[] values = entry.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = Stats.percentile(values, 0.5);
        out.printf("  %-11d %14.0f %22s %16.2f%n", entry.getKey(), median,
            String.format("%.0f-%.0f", values[0], values[values.length - 1]), median / reference);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "chaos",
      mixinStandardHelpOptions = true,
      description = {
        "Faults on a real cluster: three monitors (serve, each in a JVM of its own) on six partitions of a three-broker",
        "KRaft cluster (replication factor 3, min.insync.replicas 2), a stream of labelled events at --rate, and after a",
        "quarter, a half and three quarters of them: a kill -9 of a monitor, a broker stopped, a rolling restart of every",
        "monitor. One run per --standby-replicas setting; prints each fault's recovery time and whether every event was",
        "scored and joined exactly once. Exit code 1 when any record was lost or duplicated."
      })
  static final class Chaos implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", defaultValue = "8000", description = "Labelled events per run (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rate", defaultValue = "20",
        description = "Events per second, below what the three monitors sustain beside the brokers on this machine (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--standby-replicas", defaultValue = "0,1", split = ",",
        description = "num.standby.replicas of each run, in order (default: ${DEFAULT-VALUE}).")
    List<Integer> standbyReplicas;

    @Option(names = "--pause", defaultValue = "PT10S", description = "How long the killed monitor and the stopped broker stay down (default: ${DEFAULT-VALUE}).")
    Duration pause;

    @Option(names = "--session-timeout", defaultValue = "PT10S",
        description = "The monitors' session.timeout.ms: how long their group waits for a member gone without a word (default: ${DEFAULT-VALUE}; Kafka's is PT45S).")
    Duration sessionTimeout;

    @Option(names = "--label-grace", defaultValue = "PT10S",
        description = "The monitors' --label-grace, serve's default unless set: counted in the events' record time, it does not run out while a task catches up after a fault (default: ${DEFAULT-VALUE}).")
    Duration labelGrace;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the table to this file.")
    Path out;

    @Mixin DemoModel.Options files;
    @Mixin OwnModelOptions own;

    @Override
    public Integer call() throws Exception {
      own.requireComplete("bench chaos");
      if (events < 1000 || !(rate > 0) || standbyReplicas.stream().anyMatch(n -> n < 0) || pause.isNegative()
          || sessionTimeout.toMillis() < 6000 || labelGrace.isNegative() || labelGrace.isZero()) {
        throw new UsageException("--events >= 1000, --rate > 0, every --standby-replicas >= 0, --pause >= 0, --session-timeout >= PT6S "
            + "(the brokers' group.min.session.timeout.ms) and --label-grace > 0; found " + events + ", " + rate + ", " + standbyReplicas
            + ", " + pause + ", " + sessionTimeout + ", " + labelGrace);
      }
      PrintWriter err = spec.commandLine().getErr();
      Replayed source = Replayed.of(own, files, err);
      Path model = source.model();
      Path encoders = source.encoders();
      LabeledSamples replayed = source.events();
      List<ChaosRun.Result> results = new ArrayList<>();
      err.println("bench: starting a three-node Kafka cluster (KRaft) in child JVMs");
      try (EmbeddedCluster cluster = EmbeddedCluster.start(3)) {
        for (int standbys : standbyReplicas) {
          err.printf("bench: run with %d standby replicas ...%n", standbys);
          results.add(ChaosRun.run(cluster, new ChaosRun.Settings(model.toAbsolutePath(), encoders.toAbsolutePath(), replayed, events,
              rate, standbys, pause, sessionTimeout, labelGrace, files.workDir.resolve("chaos").toAbsolutePath()), err));
        }
      }
      StringWriter table = new StringWriter();
      ChaosTable.print(new PrintWriter(table, true), results, events, rate, pause, sessionTimeout, labelGrace,
          own.given() ? own.data + " with " + own.model : "MNIST test digits, the paper MLP");
      spec.commandLine().getOut().print(table);
      spec.commandLine().getOut().flush();
      if (out != null) {
        Files.writeString(out, table.toString());
      }
      return results.stream().allMatch(result -> result.counts().exact()) ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  /** The monitor an in-process bench runs and the events it replays: the demo MNIST MLP on its test digits, or the user's. */
  private record Wired(MonitorWiring wiring, LabeledSamples events) {
    /** The user's data is checked against the model; the wiring is closed when it does not fit. */
    static Wired open(OwnModelOptions own, DemoModel.Options files, PrintWriter err) throws Exception {
      if (own.given()) {
        MonitorWiring wiring = MonitorWiring.load(own.model, own.encoders);
        try {
          return new Wired(wiring, own.read(wiring));
        } catch (RuntimeException e) {
          wiring.close();
          throw e;
        }
      }
      DataSplit mnist = DataFetcher.ensure(Datasets.MNIST, files.dataDir());
      DemoModel demoModel = DemoModel.ensure(files.workDir, mnist, err);
      return new Wired(MonitorWiring.load(demoModel.model(), demoModel.encoders()), mnist.test());
    }
  }

  /** The model files a child-JVM bench serves and the events it replays: the demo MNIST MLP, or the user's. */
  private record Replayed(Path model, Path encoders, LabeledSamples events) {
    static Replayed of(OwnModelOptions own, DemoModel.Options files, PrintWriter err) throws Exception {
      if (own.given()) {
        try (MonitorWiring wiring = MonitorWiring.load(own.model, own.encoders)) {
          return new Replayed(own.model.toAbsolutePath(), own.encoders.toAbsolutePath(), own.read(wiring));
        }
      }
      DataSplit mnist = DataFetcher.ensure(Datasets.MNIST, files.dataDir());
      DemoModel demoModel = DemoModel.ensure(files.workDir, mnist, err);
      return new Replayed(demoModel.model().toAbsolutePath(), demoModel.encoders().toAbsolutePath(), mnist.test());
    }
  }

  @Command(
      name = "startup",
      mixinStandardHelpOptions = true,
      description = {
        "Start-up of serve: a monitor started in a child JVM on a backlog, timed from the process start to its first scored record",
        "and to full throughput (the first second at 0.9 of the steady rate), with the default JVM options and with a class-data",
        "sharing archive of the application's classes (made first), alternating; median and range per variant."
      })
  static final class Startup implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", defaultValue = "40000", description = "Backlog events per start (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--runs", defaultValue = "3", description = "Starts per variant, alternating (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this Kafka cluster instead of starting one.")
    String bootstrapServers;

    @Option(names = "--archive", paramLabel = "FILE", description = {
        "Also start from this class-data sharing archive, as a third variant 'given': for example the one the launcher records",
        "after a whole demo, penultimate-app/target/penultimate.jsa. It must come from this build's class path."})
    Path givenArchive;

    @Mixin DemoModel.Options files;
    @Mixin OwnModelOptions own;

    @Override
    public Integer call() throws Exception {
      own.requireComplete("bench startup");
      if (events < 1000 || runs < 1) {
        throw new UsageException("--events >= 1000 and --runs >= 1; found " + events + ", " + runs);
      }
      if (givenArchive != null && !Files.isRegularFile(givenArchive)) {
        throw new UsageException("--archive " + givenArchive + ": no such file; run './penultimate demo' once to record the launcher's archive");
      }
      PrintWriter err = spec.commandLine().getErr();
      Replayed source = Replayed.of(own, files, err);
      RunStateDir state = RunStateDir.create(files.workDir, "bench-startup-" + System.currentTimeMillis());
      EmbeddedCluster cluster = bootstrapServers == null ? EmbeddedCluster.start(1) : null;
      List<StartupBench.Figures> figures = new ArrayList<>();
      try (state) {
        String servers = cluster == null ? bootstrapServers : cluster.bootstrapServers();
        MonitorConfig config = MonitorConfig.DEFAULT.with("bootstrap-servers", servers);
        List<String> serveArgs = List.of("--model", source.model().toString(), "--encoders", source.encoders().toString(),
            "--bootstrap-servers", servers);
        Path archive = state.path().resolve("penultimate.jsa");
        err.println("bench: writing the class-data sharing archive ...");
        StartupBench.archive(archive, config, serveArgs, source.events(), state.path());
        // -Xshare:on: a JVM that cannot map the archive stops instead of silently starting without it
        List<StartupBench.Variant> variants = new ArrayList<>(List.of(new StartupBench.Variant("default", List.of()),
            new StartupBench.Variant("cds", List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"))));
        if (givenArchive != null) {
          variants.add(new StartupBench.Variant("given", List.of("-XX:SharedArchiveFile=" + givenArchive.toAbsolutePath(), "-Xshare:on")));
        }
        for (int run = 1; run <= runs; run++) {
          for (StartupBench.Variant variant : variants) {
            StartupBench.Figures start = StartupBench.run(variant, config, serveArgs, source.events(), events, state.path());
            err.printf("bench: run %d, %s: first score %.1f s, full throughput %.1f s, steady %.0f events/s%n", run, variant.name(),
                start.ramp().firstMs() / 1e3, start.ramp().fullMs() / 1e3, start.ramp().steadyPerSecond());
            figures.add(start);
          }
        }
      } finally {
        if (cluster != null) {
          cluster.close();
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("serve start-up on a backlog of %d events (%s), %s broker, %d processors, %d starts per variant (alternating)%n", events,
          own.given() ? own.data + " with " + own.model : "MNIST test digits, the paper MLP", cluster == null ? "external" : "embedded single-node KRaft",
          Runtime.getRuntime().availableProcessors(), runs);
      out.printf("  %-8s %-26s %-26s %-20s%n", "variant", "first score s, median [range]", "full throughput s", "steady events/s");
      for (String variant : givenArchive == null ? List.of("default", "cds") : List.of("default", "cds", "given")) {
        List<Ramp> ramps = figures.stream().filter(f -> f.variant().equals(variant)).map(StartupBench.Figures::ramp).toList();
        out.printf("  %-8s %-26s %-26s %-20s%n", variant, spread(ramps, r -> r.firstMs() / 1e3, "%.1f"), spread(ramps, r -> r.fullMs() / 1e3, "%.1f"),
            spread(ramps, Ramp::steadyPerSecond, "%.0f"));
      }
      return ExitCodes.OK;
    }

    private static String spread(List<Ramp> ramps, ToDoubleFunction<Ramp> value, String number) {
      return StreamBench.Spread.format(ramps.stream().mapToDouble(value).toArray(), number);
    }
  }

  @Command(
      name = "soak",
      mixinStandardHelpOptions = true,
      modelTransformer = MonitorOptions.Tuning.class,
      description = {
        "Memory over time: the scoring monitor (exactly-once, as serve) in this process, fed at --rate events/s, each labelled",
        "--label-delay later, for --duration, on a real broker (started in a child JVM unless --bootstrap-servers). Every",
        "--sample-interval: RSS, heap after GC, non-heap, native memory, state stores on disk, consumer lag. Then the count",
        "check (every event scored once, every label one outcome) and each memory series' slope per hour after --warm-up.",
        "Exits 1 when the counts fail. Runs the MNIST paper MLP on its test digits, or --model, --encoders and --data."
      })
  static final class Soak implements Callable<Integer> {
    /** The order in which the MNIST test digits are replayed, as the demo does. */
    private static final long REPLAY_SEED = 11;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", defaultValue = "PT30M", description = "How long events are sent, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "1000",
        description = "Events per second, each labelled; about half of what 'bench stream' measures (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--sample-interval", defaultValue = "PT1M", description = "Time between samples, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--warm-up", defaultValue = "PT5M",
        description = "Samples before this are shown but left out of the slopes: the JIT, caches and RocksDB's memtables fill first,"
            + " ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--label-delay", defaultValue = "PT2S", description = "How late each label follows its event, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration labelDelay;

    @Option(names = "--full-gc", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = {"Collect the whole heap (System.gc()) before each sample, so that the heap after GC is the live set: young",
            "collections leave the old generation's garbage in it until a mixed one runs (default: ${DEFAULT-VALUE});",
            "--no-full-gc leaves the collector alone."})
    boolean fullGc;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the report to this file.")
    Path out;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this Kafka cluster instead of starting one.")
    String bootstrapServers;

    @Mixin DemoModel.Options files;
    @Mixin OwnModelOptions own;

    @Override
    public Integer call() throws Exception {
      own.requireComplete("bench soak");
      SoakBench.Settings settings;
      try {
        settings = new SoakBench.Settings(rate, duration, interval, warmUp, labelDelay, fullGc);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--rate, --duration, --sample-interval, --warm-up, --label-delay: " + e.getMessage());
      }
      MonitorConfig tuning = MonitorOptions.read(spec);
      if (tuning.inputFormat() == EventParser.InputFormat.OIP) {
        throw new UsageException("bench soak replays events as json or binary; --input-format oip is measured by serving requests");
      }
      PrintWriter err = spec.commandLine().getErr();
      Wired wired = Wired.open(own, files, err);
      MonitorWiring wiring = wired.wiring();
      LabeledSamples replayed = own.given() ? wired.events() : ReplayPlan.shuffled(wired.events(), REPLAY_SEED);
      String arch = wiring.model().metadata().arch();
      String run = "soak-" + System.currentTimeMillis();
      Topics topics = Topics.withPrefix(run);
      EmbeddedCluster broker = null;
      SoakResult result;
      try {
        if (bootstrapServers == null) {
          err.println("soak: starting a single-node Kafka broker (KRaft) in a child JVM");
          broker = EmbeddedCluster.start(1);
        }
        String servers = broker == null ? bootstrapServers : broker.bootstrapServers();
        try (TopicCheck check = TopicCheck.connect(servers)) {
          check.createMissing(topics, new TopicCheck.Creation(2, Optional.empty()));
        }
        RunStateDir state = RunStateDir.create(files.workDir, run);
        // a free port unless one is asked for: a soak beside a running serve must not fail on 9404
        boolean portGiven = spec.commandLine().getParseResult().hasMatchedOption("--metrics-port");
        MonitorConfig config = tuning.with(topics).with("application-id", run).with("bootstrap-servers", servers)
            .with("state-dir", state.path().toString()).with("metrics-port", portGiven ? String.valueOf(tuning.metricsPort()) : "0");
        MonitorWiring started = wiring;
        wiring = null; // the running monitor owns it from here on, and closes it
        try (state; RunningMonitor monitor = RunningMonitor.start(started, config, (now, before) -> {})) {
          err.printf("soak: Kafka at %s, topics %s.*, metrics on %s; %s at %.0f events/s, a sample every %s%n", servers, run,
              monitor.metricsUrl(), duration, rate, interval);
          result = SoakBench.run(new SoakBench.Monitor(servers, topics, run, state.path(), monitor.streams()), replayed,
              config.inputFormat(), settings, new ProcessMemory(JavaCppMemory::allocatedBytes), err);
        }
      } finally {
        if (wiring != null) {
          wiring.close();
        }
        if (broker != null) {
          broker.close();
        }
      }
      StringWriter report = new StringWriter();
      try (PrintWriter text = new PrintWriter(report)) {
        text.printf("bench soak: %s at %.0f events/s (%s, %s as %s, labels %s later), %s broker, %s, %d processors, max heap %d MB, a sample every %s%s%n",
            duration, rate, own.given() ? own.model + " (" + arch + ") on " + own.data : "MNIST paper MLP (" + arch + ") on MNIST test digits",
            replayed.size() + " samples cycled", tuning.inputFormat().key(), labelDelay, broker == null ? "external" : "embedded single-node KRaft",
            StreamsConfig.EXACTLY_ONCE_V2, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, interval,
            fullGc ? " (heap after GC: after a full GC forced once the rest is read)"
                : " (no GC forced: heap after the latest collection, young ones included)");
        // -XX:+AlwaysPreTouch, say, decides whether committed heap is resident, and so what "other native" holds
        text.printf("  JVM options: %s%n", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        result.print(text);
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(report);
      // print() does not flush an auto-flushing writer as printf() does
      stdout.flush();
      if (out != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
      }
      return result.countsPass() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
