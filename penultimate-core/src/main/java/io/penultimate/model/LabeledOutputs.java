package io.penultimate.model;

/** Model outputs for samples whose true labels are known. */
public record LabeledOutputs(ModelOutputs outputs, int[] labels) {

  public LabeledOutputs {
    if (outputs.size() != labels.length) {
      throw new IllegalArgumentException(
          "need one label per sample, found " + labels.length + " labels for " + outputs.size() + " samples");
    }
  }

  public int size() {
    return labels.length;
  }

  /** For each sample, whether the model's prediction equals the label. */
  public boolean[] correct() {
    int[] predicted = outputs.predicted();
    boolean[] out = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = predicted[i] == labels[i];
    }
    return out;
  }

  /** The samples the model classified correctly: what the paper fits its encoders on. */
  public LabeledOutputs correctOnly() {
    boolean[] correct = correct();
    int count = 0;
    for (boolean c : correct) {
      count += c ? 1 : 0;
    }
    int[] keep = new int[count];
    for (int i = 0, k = 0; i < correct.length; i++) {
      if (correct[i]) {
        keep[k++] = i;
      }
    }
    int[] kept = new int[count];
    for (int k = 0; k < count; k++) {
      kept[k] = labels[keep[k]];
    }
    return new LabeledOutputs(outputs.subset(keep), kept);
  }

  public double accuracy() {
    boolean[] correct = correct();
    int count = 0;
    for (boolean c : correct) {
      count += c ? 1 : 0;
    }
    return labels.length == 0 ? 0 : (double) count / labels.length;
  }
}
