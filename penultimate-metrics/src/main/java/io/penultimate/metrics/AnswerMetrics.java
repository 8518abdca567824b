package io.penultimate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.penultimate.bundle.AnswerSettings;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.RollingMean;
import io.penultimate.evaluation.RollingStoreyPi0;
import io.penultimate.evaluation.StoreyPi0;
import io.penultimate.stream.MonitorObserver;
import io.penultimate.stream.Outcome;
import io.penultimate.stream.ScoredBatch;
import io.penultimate.stream.ScoredEvent;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The meters of the three answers that need no histogram (names and meaning in docs/metrics.md):
 *
 * <ul>
 *   <li>two label-free estimates over this instance's last {@code window} scored events, beside
 *       their labelled counterparts: the <b>estimated accuracy</b>, the mean calibrated P(correct)
 *       (1/n) Σ cᵢ, which for calibrated confidences is the expected accuracy E[1{correct}] = E[c]
 *       (confidence-based performance estimation, CBPE, as NannyML does it); and the <b>estimated
 *       OOD share</b> 1 − π̂₀ by Storey's estimator on the OOD p-values, π̂₀ = min(1, #{pᵢ > λ} /
 *       (n (1 − λ))) at λ = {@value StoreyPi0#DEFAULT_LAMBDA} (Storey 2002; {@link StoreyPi0}),
 *       biased low by the OOD p-values above λ, divided by 1 − λ;
 *   <li>what the bundle declared for the answers: the flag's level α and the OOD share the trust
 *       assumes, so that alert rules can compare the live figures with them;
 *   <li>labelled outcomes by their event's OOD flag: labelled events are believed in-distribution,
 *       so the flagged share of them is the flag's live false-alarm rate, α by construction.
 * </ul>
 *
 * Stream threads add and the scraper reads, so every access to the windows holds this object's
 * lock; a batch takes it once.
 */
public final class AnswerMetrics implements MonitorObserver {
  private final RollingMean confidence;
  private final RollingStoreyPi0 pValues;
  private final Counter flagged;
  private final Counter notFlagged;

  public AnswerMetrics(MeterRegistry registry, AnswerSettings declared, int window) {
    this.confidence = new RollingMean(window);
    this.pValues = new RollingStoreyPi0(window, StoreyPi0.DEFAULT_LAMBDA);
    gauge(registry, "penultimate.estimated.accuracy",
        "Mean calibrated P(correct) over the last scored events: the label-free estimate of their accuracy (CBPE); NaN while none",
        confidence::mean);
    gauge(registry, "penultimate.estimated.ood.share",
        "1 - Storey's pi0 (lambda 0.5) of the OOD p-values of the last scored events: the label-free estimate of their OOD share; NaN while none",
        pValues::oodShare);
    gauge(registry, "penultimate.estimate.events", "Scored events behind the estimated accuracy and OOD share", pValues::size);
    // on this object, which the topology holds: Micrometer holds a gauge's object only weakly, so a
    // gauge on the settings record alone would read NaN once it was collected
    Gauge.builder("penultimate.ood.alpha", this, self -> declared.oodAlpha())
        .description("The bundle's level alpha of the OOD flag: its false-alarm rate on in-distribution inputs").register(registry);
    Gauge.builder("penultimate.assumed.ood.share", this, self -> declared.oodShare())
        .description("The share of out-of-distribution traffic the bundle's trust assumes (fit --ood-share)").register(registry);
    flagged = outcomes(registry, "true");
    notFlagged = outcomes(registry, "false");
  }

  private void gauge(MeterRegistry registry, String name, String description, DoubleSupplier value) {
    Gauge.builder(name, this, self -> self.read(value)).description(description).register(registry);
  }

  private static Counter outcomes(MeterRegistry registry, String ood) {
    return Counter.builder("penultimate.outcomes").tag("ood", ood)
        .description("Labelled outcomes that entered the rolling windows, by whether their event was flagged OOD").register(registry);
  }

  private synchronized double read(DoubleSupplier value) {
    return value.getAsDouble();
  }

  @Override
  public synchronized void batchScored(ScoredBatch batch, long nanos) {
    for (ScoredEvent event : batch.events()) {
      confidence.add(event.confidence());
      pValues.add(event.oodPValue());
    }
  }

  @Override
  public void outcome(Outcome outcome, Map<ScoreName, Double> calibrated) {
    // the quality processor hands over outcomes with their answers
    (Boolean.TRUE.equals(outcome.ood()) ? flagged : notFlagged).increment();
  }
}
