package io.penultimate.cli;

import io.penultimate.bundle.AnswerSettings;
import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.data.ClassSubset;
import io.penultimate.data.DataSplit;
import io.penultimate.data.LabeledSamples;
import io.penultimate.dl4j.BlasDotProducts;
import io.penultimate.experiment.InputCheck;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.model.LoadedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = "Fit every encoder family, OOD thresholds, calibration and the primary score; write the bundle.")
final class FitCommand implements Callable<Integer> {
  static final double DEFAULT_SHARE = 0.2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin InputTransformOptions input;

  @Option(names = "--train", paramLabel = "DATA",
      description = "Your own training data instead of --dataset: " + DataOptions.DATA + ".")
  Path train;

  @Option(names = "--validation", paramLabel = "DATA",
      description = "Your own validation data (fits calibration, thresholds and the primary score); default: a share of --train.")
  Path validation;

  @Option(names = "--validation-share", paramLabel = "S",
      description = "Share of --train cut off as validation, stratified by class and seeded (default: " + FitCommand.DEFAULT_SHARE + ").")
  Double validationShare;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = ModelOptions.MODEL)
  Path model;

  @Option(names = "--hidden-layer", paramLabel = "LAYER", description = ModelOptions.HIDDEN_LAYER)
  String hiddenLayer;

  @Option(names = "--primary-alpha", paramLabel = "A",
      description = "Gate level of the primary score in [0, 1]: higher flags more out-of-distribution inputs and ranks wrong predictions less well"
          + " ('evaluate' prints the trade-off); default: chosen on the validation split.")
  Double primaryAlpha;

  @Option(names = "--ood-alpha", paramLabel = "A", defaultValue = "0.05",
      description = "Level of the ood flag: the share of in-distribution inputs it flags, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double oodAlpha;

  @Option(names = "--ood-share", paramLabel = "PI", defaultValue = "0.1",
      description = "Share of out-of-distribution traffic the trust answer assumes, in [0, 1); 0 makes trust the confidence"
          + " (default: ${DEFAULT-VALUE}).")
  double oodShare;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Encoder bundle (JSON) to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (primaryAlpha != null && !(primaryAlpha >= 0 && primaryAlpha <= 1)) {
      throw new UsageException("--primary-alpha must be in [0, 1], found " + primaryAlpha);
    }
    checkDataOptions();
    AnswerSettings answers = answerSettings();
    EncoderBundle bundle;
    try (LoadedModel loaded = ModelFiles.open(model, hiddenLayer)) {
      // a model trained on some classes of a named data set is fitted on the same classes
      DataSplit named = train == null ? data.loadNamed() : null;
      Optional<ClassSubset> subset =
          named == null ? Optional.empty() : ClassSubsets.ofModel(model, loaded.metadata(), data.name, named);
      DataSplit split = named == null ? load(loaded.classNames()) : subset.map(s -> s.keep(named)).orElse(named);
      for (LabeledSamples part : List.of(split.train(), split.validation())) {
        InputCheck.requireInput(part, loaded);
        InputCheck.requireClasses(part, loaded.classNames());
      }
      ProbedModel probed = new ProbedModel(loaded, hiddenLayer, input.resolve(loaded, split.train()), BlasDotProducts.INSTANCE);
      requireBothOutcomes(probed.probe(split.validation()).correct(), split.validation());
      bundle = probed.fit(split, ClassSubsets.describe(data.describe(train), subset),
          primaryAlpha == null ? OptionalDouble.empty() : OptionalDouble.of(primaryAlpha), answers);
    }
    BundleJson.write(bundle, out);
    spec.commandLine()
        .getOut()
        .printf("fitted %d nodes x %d classes (smoothing %s, beta epsilon %s, %d mixture components, primary gate alpha %s; confidence from %s calibrated by %s, ood flag at p < %s, trust at OOD share %s); wrote %s%n",
            bundle.width(), bundle.numClasses(), bundle.settings().smoothing(), bundle.settings().betaEpsilon(),
            bundle.settings().gmmComponents(), bundle.primary().alpha(), bundle.answers().confidence().features(),
            bundle.answers().confidence().isotonic() == null ? "Platt scaling" : "isotonic regression",
            bundle.answers().oodPValue().alpha(), bundle.answers().trust().oodShare(), out);
    return ExitCodes.OK;
  }

  private AnswerSettings answerSettings() {
    try {
      return new AnswerSettings(oodAlpha, oodShare);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * The fitter chooses its settings and the primary score by how well each tells the validation
   * split's correct predictions from its wrong ones, which DeLong's variance needs at least
   * {@link BundleFitter#MIN_PER_OUTCOME} of each for. The fitter refuses such data too; here the
   * message says, in fit's own options, how to proceed. Checked on the outputs the fit then uses
   * (probed once, kept by {@link ProbedModel}).
   */
  private void requireBothOutcomes(boolean[] correct, LabeledSamples validationSplit) {
    int right = 0;
    for (boolean c : correct) {
      right += c ? 1 : 0;
    }
    int wrong = correct.length - right;
    if (right >= BundleFitter.MIN_PER_OUTCOME && wrong >= BundleFitter.MIN_PER_OUTCOME) {
      return;
    }
    String remedy;
    if (train == null) {
      remedy = "fit on data of your own with --train DATA (and --validation DATA) that holds inputs the model gets wrong";
    } else if (validation != null) {
      remedy = "give --validation a file with more inputs, including some the model gets wrong";
    } else {
      remedy = "cut off more of --train as validation (--validation-share, now " + (validationShare == null ? DEFAULT_SHARE : validationShare)
          + "), or give --validation DATA with inputs the model gets wrong";
    }
    throw new IllegalArgumentException("the validation split (" + validationSplit.source() + ") has " + right + " correct and " + wrong
        + " wrong predictions; fit needs at least " + BundleFitter.MIN_PER_OUTCOME + " of each to choose its settings and the"
        + " primary score by telling them apart: " + remedy + (wrong < BundleFitter.MIN_PER_OUTCOME
        ? " (a model that is never wrong on its validation data leaves nothing to learn its mistakes from)" : ""));
  }

  private void checkDataOptions() {
    data.requireOneSource("fit", "--train", train, null);
    if (validation != null && validationShare != null) {
      throw new UsageException("--validation and --validation-share are mutually exclusive: give a validation file or"
          + " the share of --train to cut off, not both");
    }
    if (train == null && (validation != null || validationShare != null)) {
      throw new UsageException((validation != null ? "--validation" : "--validation-share") + " applies to --train;"
          + " --dataset " + data.name + " has its own validation split");
    }
    if (validationShare != null && !(validationShare > 0 && validationShare < 1)) {
      throw new UsageException("--validation-share must be in (0, 1), found " + validationShare);
    }
  }

  /** --train with --validation or a share of it cut off. */
  private DataSplit load(List<String> modelClasses) {
    LabeledSamples trainFile = data.read(train, modelClasses);
    if (validation != null) {
      return DataSplit.withoutTest(trainFile, data.read(validation, trainFile.classNames()));
    }
    return DataSplit.cutValidation(trainFile, validationShare == null ? DEFAULT_SHARE : validationShare);
  }
}
