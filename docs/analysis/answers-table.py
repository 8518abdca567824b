#!/usr/bin/env python3
"""The README's three-answers tables from `reproduce --json` files: each answer against its goal.

Usage: docs/analysis/answers-table.py results/mnist-holdout.json results/fashion-mnist-holdout.json
Prints Markdown rows (means over the seeds in each file; the file's `runs` hold every seed).
"""
import json
import statistics
import sys

SCORES_END = "primary"  # the scores come first in every map, the answers after the primary


def scores(mapping):
    keys = list(mapping)
    return keys[: keys.index(SCORES_END) + 1]


def mean(runs, pick):
    return statistics.mean(pick(r) for r in runs)


def main(paths):
    print("| data set | confidence AUROC (softmax) | ECE (raw softmax) | false alarms at α = 0.05 | OOD | oodPValue AUROC (best single) |")
    print("|---|---|---|---|---|---|")
    for path in paths:
        d = json.load(open(path))
        runs = d["runs"]
        for i, oodType in enumerate(d["oodAuroc"]):
            best = max(scores(d["oodAuroc"][oodType]), key=lambda k: d["oodAuroc"][oodType][k])
            first = i == 0
            print("| {} | {} | {} | {} | {} | {:.3f} ({} {:.3f}) |".format(
                d["dataset"] if first else "",
                "{:.3f} ({:.3f})".format(d["auroc"]["confidence"], d["auroc"]["softmax"]) if first else "",
                "{:.4f} ({:.4f})".format(d["ece"]["confidence"], d["ece"]["softmaxUncalibrated"]) if first else "",
                "{:.3f}".format(d["falseAlarmRate"]["oodPValue"]) if first else "",
                oodType, d["oodAuroc"][oodType]["oodPValue"], best, d["oodAuroc"][oodType][best]))
    print()
    print("| data set | OOD | π | trust AUGRC × 1000 | lowest score | confidence | oodPValue |")
    print("|---|---|---|---|---|---|---|")
    for path in paths:
        d = json.load(open(path))
        for oodType, byShare in d["augrc"].items():
            for share, row in byShare.items():
                lowest = min(scores(row), key=lambda k: row[k])
                print("| {} | {} | {} | {:.2f} | {} {:.2f} | {:.2f} | {:.2f} |".format(
                    d["dataset"], oodType, share, 1000 * row["trust"], lowest, 1000 * row[lowest],
                    1000 * row["confidence"], 1000 * row["oodPValue"]))


if __name__ == "__main__":
    main(sys.argv[1:])
