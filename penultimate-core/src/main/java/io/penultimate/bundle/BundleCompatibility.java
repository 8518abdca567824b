package io.penultimate.bundle;

/** Checks that a bundle was fitted on the model it is about to score. */
public final class BundleCompatibility {
  private BundleCompatibility() {}

  /**
   * @throws IllegalArgumentException naming what differs and how to fix it
   */
  public static void check(EncoderBundle bundle, String modelSha256, int hiddenWidth, int numClasses) {
    if (bundle.width() != hiddenWidth || bundle.numClasses() != numClasses) {
      throw new IllegalArgumentException(
          "the bundle encodes " + bundle.width() + " hidden nodes and " + bundle.numClasses() + " classes, the model has "
              + hiddenWidth + " and " + numClasses + "; refit with 'penultimate fit' on this model");
    }
    if (!bundle.provenance().modelSha256().equals(modelSha256)) {
      throw new IllegalArgumentException(
          "the bundle was fitted on model " + abbreviate(bundle.provenance().modelSha256()) + ", this model is "
              + abbreviate(modelSha256) + "; refit with 'penultimate fit' on this model");
    }
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
