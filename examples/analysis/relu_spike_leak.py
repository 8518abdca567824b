"""How much of a per-class mixture's positive mass sits just above 0 on a ReLU layer, against the data.

A Gaussian mixture fits a node's spike of exact ReLU zeros with a narrow component at 0, half of
whose mass lies above 0. Given x > 0, this prints the mixture's mass in (0, EDGE] and the share
of the positive training values (correct predictions) there, averaged over (class, node) pairs
with at least two positive values: the gap is why Table 1's R² on the values above 0 is negative.

    ./penultimate export --dataset cifar10:DIR --model M.onnx --split train --out train.csv
    python3 examples/analysis/relu_spike_leak.py BUNDLE.json train.csv
"""
import json
import math
import sys

import numpy as np

EDGE = 0.05


def main(bundle_path, train_csv):
    bundle = json.load(open(bundle_path))
    mixtures = bundle["gmm"]["mixtures"]
    classes, width, k = bundle["gmm"]["numClasses"], bundle["gmm"]["width"], mixtures["components"]
    w, mu, var = (np.array(mixtures[key]).reshape(classes, width, k) for key in ("weights", "means", "variances"))
    phi = np.vectorize(lambda z: 0.5 * math.erfc(-z / math.sqrt(2)))
    sd = np.sqrt(var)
    below_zero = (w * phi(-mu / sd)).sum(2)
    below_edge = (w * phi((EDGE - mu) / sd)).sum(2)
    mixture_share = (below_edge - below_zero) / np.maximum(1 - below_zero, 1e-300)

    data = np.loadtxt(train_csv, delimiter=",", skiprows=1)
    labels, predicted, hidden = data[:, 0].astype(int), data[:, 1].astype(int), data[:, 2 + classes:]
    empirical = np.full((classes, width), np.nan)
    for c in range(classes):
        values = hidden[(labels == predicted) & (labels == c)]
        positive = (values > 0).sum(0)
        near_zero = ((values > 0) & (values <= EDGE)).sum(0)
        empirical[c] = np.where(positive >= 2, near_zero / np.maximum(positive, 1), np.nan)
    pairs = ~np.isnan(empirical)
    spike = (w * (np.abs(mu) < 0.01)).sum(2)
    print(f"{pairs.sum()} (class, node) pairs of {classes * width} with two or more positive values; {k} components each")
    print(f"weight of the components centred within 0.01 of 0: mean {spike.mean():.3f}")
    print(f"given x > 0, share in (0, {EDGE}]: mixture mean {mixture_share[pairs].mean():.3f} (median"
          f" {np.median(mixture_share[pairs]):.3f}), data mean {empirical[pairs].mean():.3f} (median {np.median(empirical[pairs]):.3f})")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
