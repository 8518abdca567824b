/**
 * Metrics of a score against the truth: exact AUROC with ties, DeLong intervals, ROC curves, OOD
 * metrics (FPR at 95% TPR), calibration error, isotonic regression, and their rolling counterparts
 * over a window (order-statistic treap, rolling AUROC and ECE). Plain Java and commons-math3;
 * knows no encoder or bundle.
 */
package io.penultimate.evaluation;
