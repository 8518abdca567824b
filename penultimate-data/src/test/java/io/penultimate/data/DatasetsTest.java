package io.penultimate.data;

import static io.penultimate.data.TestFiles.gzip;
import static io.penultimate.data.TestFiles.idxDirectory;
import static io.penultimate.data.TestFiles.npmPackage;
import static io.penultimate.data.TestFiles.tar;
import static io.penultimate.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path dataDir;

  @Test
  void listsTheKnownNamesForAnUnknownOne() {
    assertThatThrownBy(() -> Datasets.load("cifar-100", dataDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown data set 'cifar-100'; known: mnist, fashion-mnist, idx:DIR, cifar10:DIR, cifar100:DIR, cifar100-coarse:DIR");
  }

  @Test
  void splitsTheNpmTarballInDataDir60To20To20PerClass() {
    write(dataDir.resolve("mnist").resolve(NpmMnistDigits.TARBALL), gzip(tar(npmPackage(5))));

    DataSplit split = Datasets.load("mnist", dataDir);

    assertThat(split.train().classCounts()).containsOnly(3);
    assertThat(split.validation().classCounts()).containsOnly(1);
    assertThat(split.test().classCounts()).containsOnly(1);
  }

  @Test
  void saysHowToFetchMnistWhenItIsMissing() {
    assertThatThrownBy(() -> Datasets.load("mnist", dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no MNIST digits in " + dataDir.resolve("mnist"))
        .hasMessageContaining("penultimate data fetch --dataset mnist");
  }

  @Test
  void loadsAnyIdxDirectoryByNameWithOneTwelfthOfTrainingAsValidation() {
    Path dir = idxDirectory(dataDir.resolve("my-mnist"), 12, 3);

    DataSplit split = Datasets.load("idx:" + dir, Path.of("unused"));

    assertThat(split.train().size()).isEqualTo(110);
    assertThat(split.validation().classCounts()).containsOnly(1);
    assertThat(split.test().size()).isEqualTo(30);
    assertThat(split.train().classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(split.test().source()).contains("t10k-images-idx3-ubyte.gz");
  }

  @Test
  void namesTheMissingIdxFiles() throws Exception {
    Path dir = idxDirectory(dataDir.resolve("partial"), 1, 1);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

    assertThatThrownBy(() -> Datasets.loadIdxDirectory(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("IDX directory " + dir + " lacks t10k-labels-idx1-ubyte[.gz]");
  }

  @Test
  void prefersFashionMnistInDataDirOverTheSystemDirectory() {
    idxDirectory(dataDir.resolve("fashion-mnist"), 12, 1);
    Path systemDir = idxDirectory(dataDir.resolve("system"), 24, 2);

    DataSplit split = Datasets.loadFashionMnist(dataDir, systemDir);

    assertThat(split.test().size()).isEqualTo(10);
    assertThat(split.test().source()).startsWith(dataDir.resolve("fashion-mnist").toString());
    assertThat(split.train().classNames()).containsExactlyElementsOf(Datasets.FASHION_MNIST_CLASSES);
  }

  @Test
  void fallsBackToTheSystemDirectoryForFashionMnist() {
    Path systemDir = idxDirectory(dataDir.resolve("system"), 24, 2);

    DataSplit split = Datasets.loadFashionMnist(dataDir, systemDir);

    assertThat(split.train().size() + split.validation().size()).isEqualTo(240);
    assertThat(split.validation().size()).isEqualTo(20);
    assertThat(split.test().source()).startsWith(systemDir.toString());
  }
}
