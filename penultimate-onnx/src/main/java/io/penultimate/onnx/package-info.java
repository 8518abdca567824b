/**
 * The ONNX model runtime: reads an ONNX classifier's graph from its protobuf bytes (OnnxGraph,
 * without generated classes), chooses the penultimate tensor and the logits (PenultimateChoice),
 * lists the other tensors that could be read (Candidate), and runs the model with ONNX Runtime as an
 * implementation of the core model port: OnnxModelFile is a LoadedModel (the file's hash and
 * metadata, one session per hidden layer probed), OnnxModel a Probe and an Inference. Depends on the
 * core model package and ONNX Runtime; nothing else may use ONNX Runtime.
 */
package io.penultimate.onnx;
