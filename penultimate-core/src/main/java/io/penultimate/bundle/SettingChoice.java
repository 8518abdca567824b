package io.penultimate.bundle;

/**
 * One numeric choice made on the validation split: the candidates tried, the validation AUROC
 * (correct vs wrong predictions) each gave, and the one kept.
 */
public record SettingChoice(String setting, double[] candidates, double[] validationAuroc, double chosen) {}
