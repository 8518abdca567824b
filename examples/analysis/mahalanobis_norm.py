"""Why the Mahalanobis score falls below chance on a wide ReLU layer: validation data only.

Reads the CSV files of `penultimate export` (label, predicted, logits, hidden) for the training and
validation splits, fits class means and the shared covariance on the training split's correct
predictions as penultimate does, and prints the misclassification AUROC on the validation split
of: the raw score at several ridges, the vector's norm, the score on unit-length vectors, and the
margin between the two nearest classes.

    ./penultimate export --dataset cifar10:DIR --model M.onnx --split train --out DIR2/train.csv
    ./penultimate export --dataset cifar10:DIR --model M.onnx --split validation --out DIR2/validation.csv
    python3 examples/analysis/mahalanobis_norm.py DIR2 10
"""
import sys

import numpy as np


def load(path, classes):
    a = np.loadtxt(path, delimiter=",", skiprows=1)
    return a[:, 0].astype(int), a[:, 1].astype(int), a[:, 2 + classes:]


def auroc(positive, negative):
    """P(a positive scores above a negative), ties broken by order (scores here are continuous)."""
    s = np.concatenate([positive, negative])
    ranks = np.empty(len(s))
    ranks[np.argsort(s, kind="mergesort")] = np.arange(1, len(s) + 1)
    n1, n0 = len(positive), len(negative)
    return (ranks[:n1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def distances(train, labels, classes, x, ridge):
    means = np.stack([train[labels == c].mean(0) for c in range(classes)])
    centred = train - means[labels]
    cov = centred.T @ centred / len(train)
    cov += ridge * np.trace(cov) / cov.shape[0] * np.eye(cov.shape[0])
    precision = np.linalg.inv(cov)
    return np.stack([np.einsum("ij,jk,ik->i", x - means[c], precision, x - means[c]) for c in range(classes)], 1)


def unit(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-300)


def main(folder, classes):
    y, p, h = load(f"{folder}/train.csv", classes)
    yv, pv, hv = load(f"{folder}/validation.csv", classes)
    keep = y == p
    train, labels = h[keep], y[keep]
    right = yv == pv
    print(f"{keep.sum()} training correct predictions, width {h.shape[1]}; validation {len(yv)}, accuracy {right.mean():.3f}")
    print(f"exact zeros {np.mean(train == 0):.3f}; nodes that never vary {(train.var(0) == 0).sum()}")
    for ridge in [1e-6, 1e-4, 1e-2, 1e-1, 1]:
        d = distances(train, labels, classes, hv, ridge)
        print(f"raw Mahalanobis, ridge {ridge:g}: misclassification AUROC {auroc(-d.min(1)[right], -d.min(1)[~right]):.3f}")
    d = distances(train, labels, classes, hv, 1e-6)
    print(f"median distance to the nearest mean: right {np.median(d.min(1)[right]):.1f}, wrong {np.median(d.min(1)[~right]):.1f}"
          f" (chi-squared with {h.shape[1]} degrees of freedom has mean {h.shape[1]})")
    norm = np.linalg.norm(hv, axis=1)
    print(f"norm ||h|| alone: misclassification AUROC {auroc(norm[right], norm[~right]):.3f}")
    du = distances(unit(train), labels, classes, unit(hv), 1e-6)
    print(f"Mahalanobis on h/||h||: misclassification AUROC {auroc(-du.min(1)[right], -du.min(1)[~right]):.3f}")
    for name, dd in [("raw", d), ("unit-length", du)]:
        s = np.sort(dd, 1)
        margin = s[:, 1] - s[:, 0]
        print(f"margin between the two nearest classes, {name}: misclassification AUROC {auroc(margin[right], margin[~right]):.3f}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
