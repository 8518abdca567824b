package io.penultimate.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.bundle.AnswerSettings;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.MonitorObserver;
import io.penultimate.stream.QualityColumns;

/** Every binder of the monitor's observations on one registry: what {@code serve}, {@code demo} and the integration tests watch a topology with. */
public final class MonitorMeters {
  private MonitorMeters() {}

  /** The observer feeding every meter of docs/metrics.md but the process ones ({@link ProcessMetrics}). */
  public static MonitorObserver bind(PrometheusMeterRegistry registry, EncoderBundle bundle, MonitorConfig config) {
    LayerMetrics layer = new LayerMetrics(registry, bundle.nodes(), config.nodeWindow(), config.nodeMetricsCap());
    AnswerSettings declared = new AnswerSettings(bundle.answers().oodPValue().alpha(), bundle.answers().trust().oodShare());
    QualityColumns columns = new QualityColumns(config.scoreSelection());
    return MonitorObserver.all(
        new MonitorMetrics(registry, layer, columns),
        new ProbabilityHistograms(registry, config.applicationId(), columns),
        new AnswerMetrics(registry, declared, config.estimateWindow()));
  }
}
