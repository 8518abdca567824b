/**
 * Offline evaluation and the paper's tables: every score's AUROC, OOD metrics and calibration on a
 * test split, the per-node analysis, and the summary that reproduce prints and writes. Uses the
 * bundle and the packages below it; writes text through a PrintWriter, nothing else.
 */
package io.penultimate.report;
