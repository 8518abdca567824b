package io.penultimate.cli;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.data.ClassSubset;
import io.penultimate.data.DataSplit;
import io.penultimate.data.LabeledSamples;
import io.penultimate.dl4j.BlasDotProducts;
import io.penultimate.experiment.CsvExport;
import io.penultimate.experiment.InputCheck;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.model.LoadedModel;
import io.penultimate.report.Evaluator;
import io.penultimate.report.OodType;
import io.penultimate.report.PaperTables;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Measure every score of a bundle on the test split and, unless --test comes without --ood, against out-of-distribution data.")
final class EvaluateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin ReportOptions report;

  @Option(names = "--test", paramLabel = "DATA",
      description = "Your own test data instead of --dataset: " + DataOptions.DATA
          + "; the per-node analysis (Table 2) then reads its correct predictions, as there is no training data.")
  Path test;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = ModelOptions.MODEL)
  Path model;

  @Option(names = "--encoders", required = true, paramLabel = "FILE", description = "Encoder bundle from 'penultimate fit'.")
  Path encoders;

  @Option(names = {"--ood", "--ood-dataset"}, paramLabel = "DATA",
      description = "Out-of-distribution inputs: a data set name (its test split; several joined by +, e.g. mnist+fashion-mnist;"
          + " gray images facing a colour network are resized and replicated to its input shape) or your own data, whose labels"
          + " are not read (default with --dataset: the other of mnist / fashion-mnist, both for CIFAR; with --test and no --ood,"
          + " the OOD metrics are skipped).")
  String ood;

  @Option(names = "--scores-csv", paramLabel = "FILE",
      description = "Also write every test and OOD sample's scores, one row each (set,correct,<score>...), for analysis elsewhere.")
  Path scoresCsv;

  @Option(names = "--hidden-layer", paramLabel = "LAYER",
      description = "Layer the bundle was fitted on, as a check: evaluate reads the layer the bundle names, and another value here is an error.")
  String hiddenLayer;

  @Override
  public Integer call() throws Exception {
    data.requireOneSource("evaluate", "--test", test, ood);
    EncoderBundle bundle = BundleJson.read(encoders);
    String fittedLayer = bundle.provenance().hiddenLayer();
    if (hiddenLayer != null && !hiddenLayer.equals(fittedLayer)) {
      throw new UsageException("--hidden-layer " + hiddenLayer + " disagrees with the bundle, fitted on layer '" + fittedLayer
          + "': evaluate reads the bundle's layer (leave --hidden-layer out, or refit with 'penultimate fit --hidden-layer "
          + hiddenLayer + "')");
    }
    Evaluator.Evaluation evaluation;
    try (LoadedModel loaded = ModelFiles.open(model, fittedLayer)) {
      ProbedModel probed = ProbedModel.forBundle(loaded, bundle, BlasDotProducts.INSTANCE);
      // a named data set faces the other one by default; a file of the user's own is measured alone unless --ood names one
      String oodData = ood != null ? ood : test == null ? DatasetOptions.counterpart(data.name) : null;
      DataSplit all = test == null ? data.loadNamed() : null;
      // a model trained on some classes of a named data set is tested on them, its other classes are near OOD
      Optional<ClassSubset> subset = all == null ? Optional.empty() : ClassSubsets.ofModel(model, loaded.metadata(), data.name, all);
      DataSplit named = subset.map(s -> s.keep(all)).orElse(all);
      LabeledSamples testSet = named == null ? data.read(test, bundle.classNames()) : named.test();
      Map<OodType, LabeledSamples> oodSets = new EnumMap<>(OodType.class);
      Map<OodType, String> oodNames = new EnumMap<>(OodType.class);
      if (oodData != null) {
        oodSets.put(OodType.FAR, data.ood(oodData, loaded.inputShape()));
        oodNames.put(OodType.FAR, oodData);
      }
      subset.ifPresent(s -> {
        oodSets.put(OodType.NEAR, s.heldOutOf(all.test()));
        oodNames.put(OodType.NEAR, ClassSubsets.describeHeldOut(data.name, s));
      });
      InputCheck.requireInput(testSet, loaded);
      InputCheck.requireClasses(testSet, bundle.classNames());
      for (LabeledSamples oodSet : oodSets.values()) {
        InputCheck.requireInput(oodSet, loaded);
      }
      evaluation =
          probed.evaluate(bundle, named == null ? testSet : named.train(), testSet, oodSets,
              new Evaluator.Labels(ClassSubsets.describe(data.describe(test), subset), oodNames, loaded.metadata().arch(),
                  loaded.metadata().seed()));
    }
    PaperTables.print(List.of(evaluation.report()), spec.commandLine().getOut());
    report.writeJson(evaluation.report());
    if (scoresCsv != null) {
      CsvExport.writeScores(CsvExport.ScoredSplit.of(evaluation), scoresCsv);
    }
    report.writePlots(evaluation, "");
    return ExitCodes.OK;
  }
}
