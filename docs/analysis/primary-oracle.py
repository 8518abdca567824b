#!/usr/bin/env python3
"""Can any combination of penultimate's scores beat the best single score at BOTH tasks?

An upper-bound check for the primary score, deliberately unfair in its favour: a logistic
regression on every score (softmax log-odds plus each other score, rank-transformed, with squares
and products with softmax) is fitted ON THE TEST SET ITSELF, in-distribution and OOD samples
together, to separate correct in-distribution predictions from everything else. The weight of
the OOD samples moves the fit between the two tasks; for each weight it prints the misclassification
AUROC (test: correct vs wrong) and the OOD AUROC (test vs OOD), next to the best single score of
each task. If no weight reaches both, no score built from these inputs can, in this family.

Input: the CSV of `penultimate evaluate ... --scores-csv F`
(split,index,label,predicted,ood,<scores>...,confidence,oodPValue,trust); the far OOD set is
split `ood`, and the answers' columns are left out of the fit.
Needs numpy. Usage: docs/analysis/primary-oracle.py F [F ...]
"""
import csv
import sys

import numpy as np


def load(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    body = [r for r in body if r[0] in ("test", "ood")]
    answers = {"confidence", "oodPValue", "trust"}
    data = {name: np.array([float(r[i]) for r in body]) for i, name in enumerate(header) if i >= 5 and name not in answers}
    sets = np.array([r[0] for r in body])
    correct = np.array([r[0] == "test" and r[2] == r[3] for r in body])
    return sets, correct, data


def auroc(scores, positive):
    """Exact AUROC with ties counted as half (Mann-Whitney with average ranks)."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    _, inverse, counts = np.unique(sorted_scores, return_inverse=True, return_counts=True)
    average = np.bincount(inverse, weights=np.arange(1, len(scores) + 1)) / counts
    ranks[order] = average[inverse]
    n_pos = positive.sum()
    n_neg = len(scores) - n_pos
    return (ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def tasks(score, sets, correct):
    test, ood = sets == "test", sets == "ood"
    misclass = auroc(score[test], correct[test])
    pooled = np.concatenate([score[test], score[ood]])
    inside = np.concatenate([np.ones(test.sum(), bool), np.zeros(ood.sum(), bool)])
    return misclass, auroc(pooled, inside)


def rank_logit(values):
    """A monotone transform to a bounded, well-spread scale: logit of the pooled rank."""
    ranks = np.argsort(np.argsort(values, kind="mergesort"), kind="mergesort") + 1.0
    p = ranks / (len(values) + 1)
    return np.log(p) - np.log1p(-p)


def fit_logistic(x, y, weights, l2=1e-2, steps=100):
    mean, sd = x.mean(0), x.std(0) + 1e-12
    z = np.c_[np.ones(len(x)), (x - mean) / sd]
    beta = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -500, 500)))
        gradient = z.T @ (weights * (p - y)) + l2 * beta
        hessian = (z * (weights * p * (1 - p))[:, None]).T @ z + l2 * np.eye(len(beta))
        beta -= 0.5 * np.linalg.solve(hessian, gradient)
    return np.c_[np.ones(len(x)), (x - mean) / sd] @ beta


def main(paths):
    for path in paths:
        sets, correct, data = load(path)
        singles = [name for name in data if name != "primary"]
        results = {name: tasks(data[name], sets, correct) for name in data}
        best_mis = max(singles, key=lambda n: results[n][0])
        best_ood = max(singles, key=lambda n: results[n][1])
        print(f"{path}")
        print(f"  best single: misclass. {best_mis} {results[best_mis][0]:.4f}, OOD {best_ood} {results[best_ood][1]:.4f};"
              f" primary {results['primary'][0]:.4f} / {results['primary'][1]:.4f}")
        p = np.clip(data["softmax"], 1e-300, 1 - 1e-16)
        softmax = np.clip(np.log(p) - np.log1p(-p), -30, 30)
        others = [rank_logit(data[n]) for n in singles if n != "softmax"]
        base = np.c_[tuple([softmax] + others)]
        features = np.c_[base, base ** 2, base[:, :1] * base[:, 1:]]
        target = (sets == "test") & correct
        share = (sets == "test").sum() / (sets == "ood").sum()
        reached = False
        for ood_weight in [0.01, 0.03, 0.1, 0.3, 1, 3]:
            weights = np.where(sets == "ood", ood_weight * share, 1.0)
            misclass, ood = tasks(fit_logistic(features, target.astype(float), weights), sets, correct)
            both = misclass >= results[best_mis][0] and ood >= results[best_ood][1]
            reached |= both
            print(f"  test-fitted oracle, OOD weight {ood_weight:<5} misclass. {misclass:.4f}  OOD {ood:.4f}{'  BOTH' if both else ''}")
        print(f"  any weight reaching both: {'yes' if reached else 'no'}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
