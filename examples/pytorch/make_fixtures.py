"""Trains two small PyTorch classifiers on synthetic data and exports them to ONNX as the test
fixtures of penultimate-onnx, each beside a JSON of a few inputs and what PyTorch computed for them.

    /usr/bin/python3 examples/pytorch/make_fixtures.py [OUT_DIR]

OUT_DIR defaults to penultimate-onnx/src/test/resources/onnx. Seeded: a rerun with the same torch
build writes the same bytes (checked with Debian's python3-torch 1.13 and python3-onnx 1.12).
"""
import json
import os
import sys

import onnx
import torch
from torch import nn

FEATURES, CLASSES, SIDE = 8, 3, 8
ROWS = 6  # inputs stored per fixture
OPSET = 13


class Mlp(nn.Module):
    """8 -> 16 ReLU -> 12 sigmoid -> 3: the paper's shape in miniature; the last hidden layer is 12 wide."""

    def __init__(self):
        super().__init__()
        self.fc1, self.act1 = nn.Linear(FEATURES, 16), nn.ReLU()
        self.fc2, self.act2 = nn.Linear(16, 12), nn.Sigmoid()
        self.out = nn.Linear(12, CLASSES)

    def layers(self, x):
        h1 = self.act1(self.fc1(x))
        h2 = self.act2(self.fc2(h1))
        return h1, h2, self.out(h2)

    def forward(self, x):
        return self.layers(x)[2]


class SoftmaxEnding(nn.Module):
    """The same network returning probabilities: the graph ends in a Softmax node."""

    def __init__(self, mlp):
        super().__init__()
        self.mlp = mlp

    def forward(self, x):
        return torch.softmax(self.mlp(x), dim=1)


class MatMulEnding(nn.Module):
    """The same network with the output layer written as h @ W^T + b: exported as MatMul then Add."""

    def __init__(self, mlp):
        super().__init__()
        self.mlp = mlp
        self.weight = nn.Parameter(mlp.out.weight.detach().t().contiguous())
        self.bias = nn.Parameter(mlp.out.bias.detach().clone())

    def forward(self, x):
        _, h2, _ = self.mlp.layers(x)
        return torch.matmul(h2, self.weight) + self.bias


class Cnn(nn.Module):
    """1x8x8 -> conv 3x3 (4 maps) ReLU -> max-pool 2 -> flatten 64 -> 16 ReLU -> 3."""

    def __init__(self):
        super().__init__()
        self.conv, self.act1, self.pool = nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)
        self.fc, self.act2 = nn.Linear(4 * (SIDE // 2) ** 2, 16), nn.ReLU()
        self.out = nn.Linear(16, CLASSES)

    def layers(self, x):
        h1 = torch.flatten(self.pool(self.act1(self.conv(x))), 1)
        h2 = self.act2(self.fc(h1))
        return h1, h2, self.out(h2)

    def forward(self, x):
        return self.layers(x)[2]


class ReshapingCnn(nn.Module):
    """The same CNN flattening with x.reshape(batch, -1): a Reshape to a computed shape, whose output
    ONNX Runtime's shape inference leaves without a shape."""

    def __init__(self, cnn):
        super().__init__()
        self.cnn = cnn

    def layers(self, x):
        c = self.cnn
        h1 = c.pool(c.act1(c.conv(x))).reshape(x.shape[0], -1)
        h2 = c.act2(c.fc(h1))
        return h1, h2, c.out(h2)

    def forward(self, x):
        return self.layers(x)[2]


class ConvHead(nn.Module):
    """1x8x8 -> conv 3x3 (4 maps) ReLU -> max-pool 2 -> conv 4x4 (3 maps) -> flatten: the classifier's
    last layer is a convolution over the whole 4x4 map, so no Gemm or MatMul computes the logits and
    the penultimate tensor (the pool's output, 64 values) must be named."""

    def __init__(self):
        super().__init__()
        self.conv, self.act1, self.pool = nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)
        self.head = nn.Conv2d(4, CLASSES, SIDE // 2)

    def layers(self, x):
        h = self.pool(self.act1(self.conv(x)))
        return h, torch.flatten(self.head(h), 1)

    def forward(self, x):
        return self.layers(x)[1]


def tabular(n, generator):
    """Three overlapping Gaussian classes in 8 dimensions (some inputs are misclassified)."""
    y = torch.randint(0, CLASSES, (n,), generator=generator)
    means = torch.randn(CLASSES, FEATURES, generator=torch.Generator().manual_seed(7))
    return means[y] + 1.2 * torch.randn(n, FEATURES, generator=generator), y


def images(n, generator):
    """8x8 images of a horizontal bar, a vertical bar or a diagonal, at a random offset, with noise."""
    y = torch.randint(0, CLASSES, (n,), generator=generator)
    x = 0.3 * torch.randn(n, 1, SIDE, SIDE, generator=generator)
    offsets = torch.randint(1, SIDE - 1, (n,), generator=generator)
    for i in range(n):
        k = int(offsets[i])
        if y[i] == 0:
            x[i, 0, k, :] += 1
        elif y[i] == 1:
            x[i, 0, :, k] += 1
        else:
            x[i, 0] += torch.eye(SIDE).roll(k, dims=1)
    return x, y


def train(model, x, y, epochs, lr):
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(epochs):
        optimiser.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimiser.step()
    accuracy = (model(x).argmax(1) == y).float().mean().item()
    return loss.item(), accuracy


def export(model, example, path, output, dynamic):
    axes = {"input": {0: "batch"}, output: {0: "batch"}} if dynamic else None
    torch.onnx.export(model, example, path, input_names=["input"], output_names=[output],
                      dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)
    return onnx.load(path)


def outputs_of(graph, op_type):
    """Names of the tensors the graph's nodes of one type produce, in graph order."""
    return [node.output[0] for node in graph.node if node.op_type == op_type]


def fixture(path, graph, x, activations, logits, penultimate):
    """inputs flattened per row, as penultimate's Inference receives them; values as PyTorch computed them."""
    rows = lambda t: [[float(v) for v in row] for row in t.detach().reshape(t.shape[0], -1)]
    data = {
        "model": os.path.basename(path).replace(".json", ".onnx"),
        "input": graph.input[0].name,
        "penultimate": penultimate,
        "inputs": rows(x),
        "activations": {name: rows(value) for name, value in activations.items()},
        "logits": rows(logits),
    }
    with open(path, "w") as out:
        json.dump(data, out, indent=1)


def write_csv(path, x, y):
    """A header row f0..f7[,label], then one row per sample (labels as class indices), 5 decimals."""
    with open(path, "w") as out:
        out.write(",".join(["f%d" % j for j in range(x.shape[1])] + (["label"] if y is not None else [])) + "\n")
        for i in range(x.shape[0]):
            values = ["%.5f" % float(v) for v in x[i]] + ([str(int(y[i]))] if y is not None else [])
            out.write(",".join(values) + "\n")


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(1)
    generator = torch.Generator().manual_seed(2)

    mlp = Mlp()
    x, y = tabular(600, generator)
    print("mlp: loss %.3f, training accuracy %.3f" % train(mlp, x, y, 100, 0.003))
    mlp.eval()
    probe = tabular(ROWS, generator)[0]
    h1, h2, z = mlp.layers(probe)

    graph = export(mlp, probe, os.path.join(out_dir, "mlp.onnx"), "logits", True).graph
    relu, sigmoid = outputs_of(graph, "Relu")[0], outputs_of(graph, "Sigmoid")[0]
    fixture(os.path.join(out_dir, "mlp.json"), graph, probe, {relu: h1, sigmoid: h2}, z, sigmoid)

    graph = export(SoftmaxEnding(mlp), probe, os.path.join(out_dir, "mlp-softmax.onnx"), "probabilities", True).graph
    sigmoid = outputs_of(graph, "Sigmoid")[0]
    fixture(os.path.join(out_dir, "mlp-softmax.json"), graph, probe, {sigmoid: h2}, z, sigmoid)

    graph = export(MatMulEnding(mlp), probe, os.path.join(out_dir, "mlp-matmul.onnx"), "logits", True).graph
    assert [n.op_type for n in graph.node][-2:] == ["MatMul", "Add"], [n.op_type for n in graph.node]
    sigmoid = outputs_of(graph, "Sigmoid")[0]
    fixture(os.path.join(out_dir, "mlp-matmul.json"), graph, probe, {sigmoid: h2}, z, sigmoid)

    # no dynamic axes: the batch dimension is fixed to the example's 6 rows
    export(mlp, probe, os.path.join(out_dir, "mlp-fixed-batch.onnx"), "logits", False)

    cnn = Cnn()
    x, y = images(600, generator)
    print("cnn: loss %.3f, training accuracy %.3f" % train(cnn, x, y, 60, 0.01))
    cnn.eval()
    probe = images(ROWS, generator)[0]
    h1, h2, z = cnn.layers(probe)
    graph = export(cnn, probe, os.path.join(out_dir, "cnn.onnx"), "logits", True).graph
    flat, relu = outputs_of(graph, "Flatten")[0], outputs_of(graph, "Relu")[1]
    fixture(os.path.join(out_dir, "cnn.json"), graph, probe, {flat: h1, relu: h2}, z, relu)

    graph = export(ReshapingCnn(cnn), probe, os.path.join(out_dir, "cnn-reshape.onnx"), "logits", True).graph
    reshape, relu = outputs_of(graph, "Reshape")[0], outputs_of(graph, "Relu")[1]
    fixture(os.path.join(out_dir, "cnn-reshape.json"), graph, probe, {reshape: h1, relu: h2}, z, relu)

    # trained after the others, on images of its own, so that their bytes stay as they were
    head = ConvHead()
    x, y = images(600, generator)
    print("cnn-conv-head: loss %.3f, training accuracy %.3f" % train(head, x, y, 60, 0.01))
    head.eval()
    probe = images(ROWS, generator)[0]
    h, z = head.layers(probe)
    graph = export(head, probe, os.path.join(out_dir, "cnn-conv-head.onnx"), "logits", True).graph
    assert [n.op_type for n in graph.node][-2:] == ["Conv", "Flatten"], [n.op_type for n in graph.node]
    pool = outputs_of(graph, "MaxPool")[0]
    fixture(os.path.join(out_dir, "cnn-conv-head.json"), graph, probe, {pool: h}, z, pool)

    # data for the MLP, drawn as its training data was: files to fit, evaluate, demo and bench it on
    # (mlp-ood.csv, unlabelled: uniform noise over [-6, 6] in every feature, far wider than the classes)
    write_csv(os.path.join(out_dir, "mlp-train.csv"), *tabular(1000, generator))
    write_csv(os.path.join(out_dir, "mlp-test.csv"), *tabular(500, generator))
    write_csv(os.path.join(out_dir, "mlp-ood.csv"), 12 * torch.rand(200, FEATURES, generator=generator) - 6, None)

    # the MLP again, declaring its training in metadata_props as train_vgg_small.py does (for inspect)
    declared = onnx.load(os.path.join(out_dir, "mlp.onnx"))
    onnx.helper.set_model_props(declared, {"penultimate.dataset": "synthetic", "penultimate.seed": "1",
                                           "penultimate.class_names": "left,middle,right"})
    onnx.save(declared, os.path.join(out_dir, "mlp-declared.onnx"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "penultimate-onnx/src/test/resources/onnx")
