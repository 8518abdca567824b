package io.penultimate.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** ONNX Runtime sessions over a model whose intermediate tensors we read. */
final class Sessions {

  private Sessions() {}

  /** ONNX Runtime's one environment per process, created on first use; it lives as long as the JVM. */
  static OrtEnvironment environment() {
    return Environment.INSTANCE;
  }

  /** Holds the environment: created once, when first asked for, by {@link #createEnvironment}. */
  private static final class Environment {
    static final OrtEnvironment INSTANCE = createEnvironment();
  }

  private static final long ENVIRONMENT_STACK_BYTES = 256L << 20;

  /**
   * Creates the environment on a thread with a 256 MB stack (address space; pages are committed as
   * used). ONNX Runtime 1.29.0's Linux telemetry matches a std::regex against /proc/self/cmdline
   * while it creates the environment, and libstdc++'s regex recurses about 250 bytes of stack per
   * character: on a Java thread's 1 MB stack a command line over about 4,000 characters (the
   * launcher's classpath alone is 9,000) overflowed it and the JVM died with SIGSEGV and no message.
   * ORT_DISABLE_TELEMETRY=1, which ./penultimate, the image and the build set, skips that code
   * altogether and is how no usage data goes to Microsoft; for processes started without it,
   * telemetry events are switched off here too, after the one event sent at creation. The task is a
   * method of this class, not of {@link Environment}, whose initialisation it would wait for.
   */
  private static OrtEnvironment createEnvironment() {
    FutureTask<OrtEnvironment> task = new FutureTask<>(Sessions::startEnvironment);
    new Thread(null, task, "onnxruntime-environment", ENVIRONMENT_STACK_BYTES).start();
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ONNX Runtime started", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("ONNX Runtime could not start: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static OrtEnvironment startEnvironment() throws OrtException {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    environment.setTelemetry(false);
    return environment;
  }

  /** A session over a copy of {@code model} in which {@code outputs} are graph outputs as well (the file is not touched). */
  static OrtSession open(byte[] model, OnnxGraph graph, List<String> outputs, int intraOpThreads) {
    List<String> declared = graph.outputs().stream().map(OnnxGraph.Value::name).toList();
    List<String> added = outputs.stream().distinct().filter(name -> !declared.contains(name)).toList();
    byte[] edited = GraphOutputs.withOutputs(model, added);
    OrtEnvironment environment = environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      return environment.createSession(edited, options);
    } catch (OrtException e) {
      throw new IllegalArgumentException("ONNX Runtime refused the model: " + e.getMessage(), e);
    }
  }

  /**
   * The shape ONNX Runtime infers for each tensor output, -1 for a dimension it leaves open (the
   * batch), empty when it cannot tell the rank. Tensors of element types other than float are not
   * listed.
   */
  static Map<String, long[]> floatShapes(OrtSession session) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
        if (output.getValue().getInfo() instanceof TensorInfo tensor && tensor.type == ai.onnxruntime.OnnxJavaType.FLOAT) {
          shapes.put(output.getKey(), tensor.getShape());
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not describe the model's outputs: " + e.getMessage(), e);
    }
    return shapes;
  }

  /** Values per sample of a [batch, d1, ..., dk] shape: d1 · ... · dk; 0 when one of them is open. */
  static int width(long[] shape) {
    long width = 1;
    for (int i = 1; i < shape.length; i++) {
      if (shape[i] < 0) {
        return 0;
      }
      width *= shape[i];
    }
    return shape.length < 2 ? 0 : Math.toIntExact(width);
  }
}
