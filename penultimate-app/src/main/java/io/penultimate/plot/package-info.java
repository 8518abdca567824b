/**
 * PNG plots of evaluation results (ROC, reliability, MI against TV, hidden histograms) with
 * XChart. Uses the evaluation package only.
 */
package io.penultimate.plot;
