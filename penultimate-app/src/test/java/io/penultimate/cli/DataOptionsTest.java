package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Named data sets and the user's files exclude each other; each conflict is one usage line (exit 2) before anything loads. */
class DataOptionsTest {

  private static void assertUsage(CliRun result, String message) {
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("penultimate: " + message + System.lineSeparator());
  }

  @Test
  void refusesADataSetNameAndAFileTogetherNamingBothOptions() {
    assertUsage(CliRun.of("fit", "--dataset", "mnist", "--train", "own.csv", "--model", "none.zip", "--out", "e.json"),
        "--dataset and --train are mutually exclusive: name a data set or give your own data, not both");
    assertUsage(CliRun.of("evaluate", "--dataset", "mnist", "--test", "own.csv", "--model", "none.zip", "--encoders", "e.json"),
        "--dataset and --test are mutually exclusive: name a data set or give your own data, not both");
    assertUsage(CliRun.of("export", "--dataset", "mnist", "--data", "own.csv", "--model", "none.zip", "--out", "x.csv"),
        "--dataset and --data are mutually exclusive: name a data set or give your own data, not both");
    assertUsage(CliRun.of("produce", "--dataset", "mnist", "--data", "own.csv"),
        "--dataset and --data are mutually exclusive: name a data set or give your own data, not both");
  }

  @Test
  void asksForADataSetOrAFileWhenThereIsNeither() {
    CliRun result = CliRun.of("fit", "--model", "none.zip", "--out", "e.json");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).startsWith("penultimate: fit needs --dataset NAME or --train DATA (a CSV or NumPy file (.csv, .npz)").hasLineCount(1);
  }

  @Test
  void refusesAValidationFileAndAShareTogether() {
    assertUsage(CliRun.of("fit", "--train", "own.csv", "--validation", "val.csv", "--validation-share", "0.3", "--model", "none.zip",
        "--out", "e.json"),
        "--validation and --validation-share are mutually exclusive: give a validation file or the share of --train to cut off, not both");
  }

  @Test
  void refusesValidationOptionsForANamedDataSet() {
    assertUsage(CliRun.of("fit", "--dataset", "mnist", "--validation-share", "0.3", "--model", "none.zip", "--out", "e.json"),
        "--validation-share applies to --train; --dataset mnist has its own validation split");
  }

  @Test
  void refusesAValidationShareOutsideZeroToOne() {
    assertUsage(CliRun.of("fit", "--train", "own.csv", "--validation-share", "1", "--model", "none.zip", "--out", "e.json"),
        "--validation-share must be in (0, 1), found 1.0");
  }

  @Test
  void refusesClassNamesAndALabelColumnForANamedDataSet() {
    assertUsage(CliRun.of("fit", "--dataset", "mnist", "--class-names", "a,b", "--model", "none.zip", "--out", "e.json"),
        "--class-names applies to --train DATA, not to --dataset mnist, whose classes are named already");
    assertUsage(CliRun.of("export", "--dataset", "mnist", "--split", "test", "--label-column", "y", "--model", "none.zip", "--out", "x.csv"),
        "--label-column applies to CSV files (--data, --ood), not to --dataset mnist");
  }

  @Test
  void refusesRepeatedClassNames() {
    assertUsage(CliRun.of("fit", "--train", "own.csv", "--class-names", "a,b,a", "--model", "none.zip", "--out", "e.json"),
        "--label-column, --class-names: class names must be distinct and not blank, found [a, b, a]");
  }

  @Test
  void refusesASplitForAWholeFileAndAsksForOneForADataSet() {
    assertUsage(CliRun.of("export", "--data", "own.csv", "--split", "test", "--model", "none.zip", "--out", "x.csv"),
        "--split applies to --dataset; --data own.csv is exported whole");
    assertUsage(CliRun.of("export", "--dataset", "mnist", "--model", "none.zip", "--out", "x.csv"),
        "export --dataset needs --split train, validation or test");
    assertUsage(CliRun.of("produce", "--data", "own.csv", "--split", "train"),
        "--split applies to --dataset; --data own.csv is replayed whole");
  }

  @Test
  void keepsOodDatasetAsAnotherNameForOod() {
    assertUsage(CliRun.of("produce", "--dataset", "mnist", "--ood-share", "0.2"),
        "--ood-share 0.2 needs --ood, e.g. --ood fashion-mnist");
    CliRun both = CliRun.of("produce", "--dataset", "mnist", "--ood", "mnist", "--ood-dataset", "fashion-mnist");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--ood").hasLineCount(1);
  }
}
