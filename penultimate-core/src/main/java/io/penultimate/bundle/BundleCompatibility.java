package io.penultimate.bundle;

import java.util.ArrayList;
import java.util.List;

/** Checks that a bundle was fitted on the model, and the layer of it, that it is about to score. */
public final class BundleCompatibility {
  private BundleCompatibility() {}

  /**
   * The layer is compared by name as well as by width: two hidden layers of a network can be
   * equally wide (wide-mlp's are both 512), and encoders fitted on one score the other without
   * any error, only wrongly.
   *
   * @param hiddenLayer the layer the scoring side reads, named as {@link Provenance#hiddenLayer()}
   * @param hiddenWidth that layer's number of nodes
   * @throws IllegalArgumentException naming every difference, found and expected, and how to fix it
   */
  public static void check(EncoderBundle bundle, String modelSha256, String hiddenLayer, int hiddenWidth, int numClasses) {
    List<String> problems = new ArrayList<>();
    String fittedLayer = bundle.provenance().hiddenLayer();
    if (!fittedLayer.equals(hiddenLayer)) {
      problems.add("the bundle was fitted on hidden layer '" + fittedLayer + "', the model is read at layer '" + hiddenLayer + "'");
    }
    if (bundle.width() != hiddenWidth || bundle.numClasses() != numClasses) {
      problems.add("the bundle encodes " + bundle.width() + " hidden nodes and " + bundle.numClasses() + " classes, the model's layer '"
          + hiddenLayer + "' has " + hiddenWidth + " and " + numClasses);
    }
    if (!bundle.provenance().modelSha256().equals(modelSha256)) {
      problems.add("the bundle was fitted on model " + abbreviate(bundle.provenance().modelSha256()) + ", this model is "
          + abbreviate(modelSha256));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems) + "; refit with 'penultimate fit' on this model");
    }
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
