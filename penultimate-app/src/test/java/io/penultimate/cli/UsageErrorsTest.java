package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage errors exit 2, failures exit 1, each with exactly one line on stderr naming the problem. */
class UsageErrorsTest {

  @Test
  void unknownArchitectureExitsTwoNamingTheValue() {
    CliRun result = CliRun.of("train", "--dataset", "mnist", "--arch", "resnet", "--out", "x.zip");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("'resnet'").contains("paper-mlp").hasLineCount(1);
  }

  @Test
  void unknownDatasetExitsTwoNamingTheValue(@TempDir Path dir) throws Exception {
    Path model = Files.writeString(dir.resolve("m.zip"), "x");
    CliRun result = CliRun.of("export", "--dataset", "cifar", "--model", model.toString(), "--split", "test", "--out", "x.csv");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("'cifar'").hasLineCount(1);
  }

  @Test
  void nonNumericSeedExitsTwo() {
    CliRun result = CliRun.of("train", "--dataset", "mnist", "--seed", "abc", "--out", "x.zip");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("abc").hasLineCount(1);
  }

  @Test
  void zeroEpochsExitsTwo() {
    CliRun result = CliRun.of("reproduce", "--dataset", "mnist", "--max-epochs", "0");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--max-epochs").hasLineCount(1);
  }

  @Test
  void missingModelFileExitsOneSayingHowToCreateIt(@TempDir Path dir) {
    CliRun result = CliRun.of("fit", "--dataset", "mnist", "--model", dir.resolve("none.zip").toString(), "--out", "e.json");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("none.zip").contains("penultimate train").hasLineCount(1);
  }

  @Test
  void aFileThatIsNotAModelExitsOne(@TempDir Path dir) throws Exception {
    Path model = Files.writeString(dir.resolve("model.zip"), "not a zip");
    CliRun result = CliRun.of("fit", "--dataset", "mnist", "--model", model.toString(), "--out", "e.json");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("is not a model file").hasLineCount(1);
  }

  @Test
  void benchmarkWithZeroRepeatsExitsTwo() {
    CliRun result = CliRun.of("bench", "fit", "--dataset", "mnist", "--model", "m.zip", "--repeats", "0");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--repeats").hasLineCount(1);
  }

  @Test
  void soakBenchWhoseWarmUpLeavesNoSampleForTheSlopesExitsTwoBeforeLoadingAnything() {
    CliRun result = CliRun.of("bench", "soak", "--duration", "PT5M", "--warm-up", "PT5M", "--data-dir", "none");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--duration").contains("two samples after the warm-up").hasLineCount(1);
  }

  @Test
  void streamBenchWithALatencyRateAboveTheWholeCapacityExitsTwoBeforeLoadingAnything() {
    CliRun result = CliRun.of("bench", "stream", "--rate", "120%", "--data-dir", "none");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--rate").contains("at most 100%").contains("found '120%'").hasLineCount(1);
  }

  @Test
  void fitWithAPrimaryAlphaOutsideZeroToOneExitsTwoBeforeLoadingAnything() {
    CliRun result = CliRun.of("fit", "--dataset", "mnist", "--model", "none.zip", "--out", "e.json", "--primary-alpha", "1.5");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--primary-alpha must be in [0, 1], found 1.5").hasLineCount(1);
  }

  @Test
  void serveWithAnUnknownOodScoreExitsTwoBeforeLoadingAnything() {
    CliRun result = CliRun.of("serve", "--model", "none.zip", "--encoders", "none.json", "--node-encoder", "vibes");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--node-encoder").contains("'vibes'").hasLineCount(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "bench stream", "bench soak"})
  void demoAndStreamAndSoakBenchOnAnOwnModelNeedItsBundleAndDataTooAndNameWhatIsMissing(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--model", "model.onnx"));

    CliRun result = CliRun.of(args.toArray(String[]::new));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("penultimate: " + command + " on your own model needs --model FILE, --encoders FILE and --data DATA"
        + " together; missing --encoders, --data" + System.lineSeparator());
  }

  @Test
  void demoOnAnOwnModelRefusesAnOodShareWithoutOodDataBeforeLoadingAnything() {
    CliRun result = CliRun.of("demo", "--model", "none.onnx", "--encoders", "none.json", "--data", "none.csv", "--ood-share", "0.3");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--ood-share 0.3 needs --ood DATA").hasLineCount(1);
  }

  @Test
  void theDemoRefusesANegativeWarmUpBeforeFetchingAnything() {
    CliRun result = CliRun.of("demo", "--warm-up", "-1");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--warm-up must be >= 0 (0: no warm-up), found -1").hasLineCount(1);
  }

  @Test
  void theMnistDemoRefusesAnOodFileOfItsOwn() {
    CliRun result = CliRun.of("demo", "--ood", "other.csv");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--ood applies to --data (demo on your own model)").hasLineCount(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"train", "fit", "serve"})
  void anUnknownOptionIsNamedBeforeTheMissingRequiredOnes(String command) {
    CliRun result = CliRun.of(command, "--bogus", "3");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("penultimate: Unknown option: '--bogus'")
        .contains("'penultimate " + command + " --help'")
        .doesNotContain("Missing required")
        .hasLineCount(1);
  }

  @Test
  void anUnknownOptionIsNamedBeforeABadValueThatFollowsIt() {
    CliRun result = CliRun.of("train", "--bogus", "--seed", "abc");
    assertThat(result.err()).startsWith("penultimate: Unknown option: '--bogus'").hasLineCount(1);
    assertThat(result.code()).isEqualTo(2);
  }

  @Test
  void aMistypedOptionIsNamedWithTheOneItResembles() {
    CliRun result = CliRun.of("train", "--datset", "mnist", "--out", "x.zip");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--datset'").contains("did you mean --dataset").hasLineCount(1);
  }

  @Test
  void missingCommandExitsTwo() {
    assertThat(CliRun.of().code()).isEqualTo(2);
  }
}
