package io.penultimate.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.bundle.BundleCompatibility;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.dl4j.BlasDotProducts;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.metrics.MonitorMeters;
import io.penultimate.model.LoadedModel;
import io.penultimate.model.Probe;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.MonitorStreams;
import io.penultimate.stream.ScoringModel;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The one composition root of the streaming monitor, shared by {@code serve}, {@code demo} and
 * {@code bench stream}: the model (DL4J or ONNX, by its file's extension) and bundle are read and
 * checked against each other once, and every stream task scores with what the probe of the hidden
 * layer the bundle was fitted on gives it, every batch transformed as the bundle records (by the
 * code {@code fit} and {@code evaluate} run, {@code InputTransform.around}): its own copy of a DL4J
 * network (not thread-safe), or the one shared ONNX Runtime session. Closing releases the model; it
 * comes after the streams stop.
 */
final class MonitorWiring implements AutoCloseable {
  private final LoadedModel model;
  private final Probe probe;
  private final EncoderBundle bundle;
  private final String modelVersion;
  private final String encoderVersion;

  private MonitorWiring(LoadedModel model, Probe probe, EncoderBundle bundle, String modelVersion, String encoderVersion) {
    this.model = model;
    this.probe = probe;
    this.bundle = bundle;
    this.modelVersion = modelVersion;
    this.encoderVersion = encoderVersion;
  }

  /**
   * Reads both files; the scored records name them by the first 12 hex digits of their SHA-256.
   *
   * @throws IllegalArgumentException when the bundle was not fitted on this model, saying what
   *     differs and how to fix it
   */
  static MonitorWiring load(Path modelFile, Path encoderFile) throws IOException {
    EncoderBundle bundle = BundleJson.read(encoderFile);
    LoadedModel model = ModelFiles.open(modelFile, bundle.provenance().hiddenLayer());
    try {
      Probe probe = bundle.inputTransform().around(model.probe(bundle.provenance().hiddenLayer()));
      BundleCompatibility.check(bundle, model.sha256(), probe.layer(), probe.width(), model.classNames().size());
      return new MonitorWiring(model, probe, bundle, model.sha256().substring(0, 12), ModelFile.sha256(encoderFile).substring(0, 12));
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  LoadedModel model() {
    return model;
  }

  /** The bundle read and checked against the model, for the classes it names. */
  EncoderBundle bundle() {
    return bundle;
  }

  /** The monitor's Kafka Streams client, not started, with its meters bound to {@code registry}. */
  KafkaStreams streams(MonitorConfig config, PrometheusMeterRegistry registry) {
    return MonitorStreams.create(config, scoringModel(), MonitorMeters.bind(registry, bundle, config));
  }

  /**
   * What every stream task scores with: the bundle, inference through its input transform, and
   * the k-NN search on BLAS.
   */
  ScoringModel scoringModel() {
    return new ScoringModel(bundle, model.inputSize(), probe.perTask(), modelVersion, encoderVersion, BlasDotProducts.INSTANCE);
  }

  /** Releases the model (an ONNX Runtime session); after every client built by {@link #streams} has closed. */
  @Override
  public void close() {
    model.close();
  }
}
