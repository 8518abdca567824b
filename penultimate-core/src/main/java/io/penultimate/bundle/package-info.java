/**
 * The encoder bundle: the fitter that turns labelled hidden outputs into every encoder, baseline
 * model, threshold and calibration map (choices made on the validation split), the immutable
 * versioned artifact with its provenance, its JSON codec (the one place Jackson is used), the
 * compatibility check against a model, and the ConfidenceScorer that scores a hidden vector with
 * it. Uses every other core package except report.
 */
package io.penultimate.bundle;
