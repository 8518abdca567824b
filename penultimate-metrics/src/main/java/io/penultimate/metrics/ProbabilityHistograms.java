package io.penultimate.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;

/**
 * Histograms of probabilities on fixed buckets 0.05, 0.10, …, 1.0, the same on every instance so
 * buckets can be summed across a cluster. Registered with the Prometheus client under Micrometer's
 * registry (so they appear on the same scrape) rather than as Micrometer DistributionSummaries:
 * those round every value up to a whole number before bucketing, which would put every
 * probability in (0, 1] into the 1.0 bucket.
 */
final class ProbabilityHistograms {
  static final double[] BUCKETS = {
    0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0
  };

  private ProbabilityHistograms() {}

  /** {@code name} in Prometheus form; {@code application} is added as a label like Micrometer's common tag. */
  static Histogram register(PrometheusMeterRegistry registry, String name, String help, String... labelNames) {
    String[] labels = new String[labelNames.length + 1];
    labels[0] = "application";
    System.arraycopy(labelNames, 0, labels, 1, labelNames.length);
    return Histogram.builder()
        .name(name)
        .help(help)
        .classicOnly()
        // exemplars would look for an OpenTelemetry span supplier we do not ship
        .withoutExemplars()
        .classicUpperBounds(BUCKETS)
        .labelNames(labels)
        .register(registry.getPrometheusRegistry());
  }
}
