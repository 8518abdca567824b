package io.penultimate.onnx;

/**
 * How an ONNX model is read and run.
 *
 * @param hiddenLayer the tensor to read as the hidden layer; null: the input of the final linear
 *     operation (see {@link PenultimateChoice})
 * @param intraOpThreads threads ONNX Runtime may use inside one run; 1 (the default) computes on
 *     the calling thread, so that stream threads sharing a model do not contend for a pool
 */
public record OnnxSettings(String hiddenLayer, int intraOpThreads) {

  public static final OnnxSettings DEFAULT = new OnnxSettings(null, 1);

  public OnnxSettings {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be at least 1, found " + intraOpThreads);
    }
  }

  public OnnxSettings withHiddenLayer(String layer) {
    return new OnnxSettings(layer, intraOpThreads);
  }
}
