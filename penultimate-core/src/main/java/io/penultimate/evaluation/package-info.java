/**
 * Metrics of a score against the truth: exact AUROC with ties, DeLong intervals, ROC curves, OOD
 * metrics (FPR at 95% TPR), calibration error and Brier score, isotonic regression, risk-coverage
 * curves with AUGRC and AURC for the joint task of wrong or OOD inputs, the false-alarm rate of an
 * OOD flag, and their rolling counterparts over a window (ranked multiset, rolling AUROC and
 * ECE). Two label-free estimates: the rolling mean confidence (estimated accuracy) and Storey's
 * π₀ of OOD p-values (estimated OOD share), in batch and rolling. Plain Java and commons-math3;
 * knows no encoder or bundle.
 */
package io.penultimate.evaluation;
