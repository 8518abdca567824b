package io.penultimate.data;

/**
 * A data set divided into train (fit the model), validation (fit encoders, choose settings) and
 * test (report results); all three share class names and input size. A part may be empty, as the
 * test part of a split cut from one training file is.
 */
public record DataSplit(LabeledSamples train, LabeledSamples validation, LabeledSamples test) {

  public DataSplit {
    for (LabeledSamples part : new LabeledSamples[] {validation, test}) {
      if (!part.classNames().equals(train.classNames())) {
        throw new IllegalArgumentException(
            "class names differ: " + train.classNames() + " in " + train.source() + ", " + part.classNames() + " in "
                + part.source());
      }
      if (part.inputSize() != train.inputSize()) {
        throw new IllegalArgumentException(
            "input sizes differ: " + train.inputSize() + " in " + train.source() + ", " + part.inputSize() + " in "
                + part.source());
      }
    }
  }

  /** Train and validation from separate files, with an empty test part (fitting uses none). */
  public static DataSplit withoutTest(LabeledSamples train, LabeledSamples validation) {
    return new DataSplit(train, validation, train.subset(new int[0]));
  }

  /**
   * Cuts a stratified {@code share} of {@code samples} off as validation (round(share · N) in all,
   * seeded with {@link Datasets#SPLIT_SEED} like the named data sets' splits), the rest as train,
   * with an empty test part.
   *
   * @throws InvalidDataException when the share leaves either part without samples
   */
  public static DataSplit cutValidation(LabeledSamples samples, double share) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("validation share must be in (0, 1), found " + share);
    }
    int size = (int) Math.round(share * samples.size());
    StratifiedSplit.Indices parts =
        StratifiedSplit.split(samples.labels(), samples.classNames().size(), size, 0, Datasets.SPLIT_SEED);
    if (parts.validation().length == 0 || parts.train().length == 0) {
      throw new InvalidDataException(samples.source() + ": a validation share of " + share + " of its " + samples.size()
          + " samples leaves " + parts.train().length + " to train and " + parts.validation().length
          + " to validate; expected at least one each (give more samples, another share, or a validation file)");
    }
    return withoutTest(samples.subset(parts.train()), samples.subset(parts.validation()));
  }

  /** Train, validation and test together. */
  public int size() {
    return train.size() + validation.size() + test.size();
  }
}
