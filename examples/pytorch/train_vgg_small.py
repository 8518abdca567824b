"""Trains penultimate's vgg-small on CIFAR-10 with PyTorch and exports it to ONNX, for
`penultimate reproduce --model` (or fit/evaluate/serve) to read as a third-party model.

    /usr/bin/python3 examples/pytorch/train_vgg_small.py DATA_DIR OUT.onnx [--seed 1]
        [--max-epochs 16] [--patience 4] [--holdout 6,7,8,9] [--threads 2]

DATA_DIR holds CIFAR-10 as JPEG class folders (train/<class>/*.jpg, test/<class>/*.jpg), the
layout penultimate's `--dataset cifar10:DIR` reads. The network is ModelRecipe.VGG_SMALL layer for
layer: three blocks of two 3x3 convolutions (32, 64, 128 channels, no bias) each followed by batch
normalisation and ReLU, 2x2 max pooling after each block, a dense layer of 512 ReLU units (the
penultimate layer), the 10 logits. Inputs are channels-first pixels in [0, 1], as penultimate
feeds them, so the bundle needs no input transform.

Why PyTorch: DL4J 1.0.0-M2.1 trains this network at about 23 images/s on this 2-core machine
(about 37 minutes an epoch), PyTorch 1.13 at about 400 on the same shapes (README, "Architectures").

The validation split is penultimate's own (Datasets.withCifarValidation: a tenth of the training
images, stratified by class, StratifiedSplit with seed 42, reimplemented below with
java.util.Random's generator), so the images `fit` calibrates on were never trained on. Training:
SGD with Nesterov momentum 0.9, weight decay 5e-4, batch 128, one-cycle rate peaking at 0.1 laid
out over --max-epochs, random crops of the image padded by 4 with zeros and horizontal flips;
the weights of the epoch with the lowest validation loss are exported, and training stops after
--patience epochs without a new lowest, counted only from 70% of --max-epochs on, where the rate
has fallen to 0.39 of its peak: before that the validation loss wanders (counted from the
peak, at 30%, patience 4 stopped seed 1 at epoch 13 of 20 with 79.4% test accuracy). A JSON log of every epoch is written beside OUT.onnx, and
the file's metadata_props declare the data set, seed, test accuracy and classes (penultimate's
DeclaredMetadata), so that `evaluate` treats the classes a --holdout model never saw as near OOD.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import onnx
import torch
from PIL import Image
from torch import nn

CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
SPLIT_SEED = 42
VALIDATION_DIVISOR = 10
BATCH = 128
PEAK_RATE = 0.1
OPSET = 13


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator its specification fixes."""

    MULTIPLIER, ADDEND, MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ self.MULTIPLIER) & self.MASK

    def next_bits(self, bits):
        self.seed = (self.seed * self.MULTIPLIER + self.ADDEND) & self.MASK
        return self.seed >> (48 - bits)

    def next_int(self, bound):
        if bound & (bound - 1) == 0:
            return (bound * self.next_bits(31)) >> 31
        while True:
            bits = self.next_bits(31)
            value = bits % bound
            if bits - value + (bound - 1) < (1 << 31):  # Java's int overflow test
                return value


def stratified_validation(labels, classes, validation_size, seed):
    """The validation indices of StratifiedSplit.split(labels, classes, validation_size, 0, seed)."""
    rng = JavaRandom(seed)
    n = len(labels)
    chosen = []
    for c in range(classes):
        members = [i for i, label in enumerate(labels) if label == c]
        for i in range(len(members) - 1, 0, -1):  # Fisher-Yates, as StratifiedSplit.shuffle
            j = rng.next_int(i + 1)
            members[i], members[j] = members[j], members[i]
        share = (2 * len(members) * validation_size + n) // (2 * n)
        chosen.extend(members[:share])
    return sorted(chosen)


def read_folder(folder):
    """Every image of folder/<class>/ in penultimate's order (classes as listed, files by name), as uint8 NCHW."""
    images, labels = [], []
    for c, name in enumerate(CLASSES):
        class_dir = os.path.join(folder, name)
        for file in sorted(os.listdir(class_dir)):
            with Image.open(os.path.join(class_dir, file)) as image:
                images.append(np.asarray(image.convert("RGB"), dtype=np.uint8).transpose(2, 0, 1))
            labels.append(c)
    return np.stack(images), np.array(labels, dtype=np.int64)


def block(inputs, channels):
    layers = []
    for k in range(2):
        layers += [nn.Conv2d(inputs if k == 0 else channels, channels, 3, padding=1, bias=False),
                   nn.BatchNorm2d(channels), nn.ReLU(inplace=True)]
    return layers + [nn.MaxPool2d(2)]


def vgg_small(classes):
    return nn.Sequential(*block(3, 32), *block(32, 64), *block(64, 128), nn.Flatten(),
                         nn.Linear(128 * 4 * 4, 512), nn.ReLU(), nn.Linear(512, classes))


def augmented(batch, generator):
    """Random crops of the batch padded by 4 with zeros, then horizontal flips with probability 1/2."""
    padded = nn.functional.pad(batch, (4, 4, 4, 4))
    offsets = torch.randint(0, 9, (len(batch), 2), generator=generator)
    flips = torch.rand(len(batch), generator=generator) < 0.5
    out = torch.empty_like(batch)
    for k, (dy, dx) in enumerate(offsets.tolist()):
        crop = padded[k, :, dy:dy + 32, dx:dx + 32]
        out[k] = crop.flip(2) if flips[k] else crop
    return out


def evaluate(net, images, labels):
    """(mean cross-entropy, accuracy) of net over uint8 images, in eval mode."""
    net.eval()
    loss, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(images), 500):
            x = torch.from_numpy(images[start:start + 500]).float().div_(255)
            y = torch.from_numpy(labels[start:start + 500])
            logits = net(x)
            loss += nn.functional.cross_entropy(logits, y, reduction="sum").item()
            correct += (logits.argmax(1) == y).sum().item()
    return loss / len(images), correct / len(images)


def kept_only(images, labels, kept):
    """The images of the kept classes, relabelled 0..K'-1 in increasing original order (as ClassSubset)."""
    mask = np.isin(labels, kept)
    remap = {c: k for k, c in enumerate(kept)}
    return images[mask], np.array([remap[c] for c in labels[mask]], dtype=np.int64)


def declare(onnx_file, data_dir, seed, test_accuracy, kept):
    """Writes into the file's metadata_props what penultimate reads as the model's metadata (DeclaredMetadata)."""
    model = onnx.load(onnx_file)
    props = {"penultimate.arch": "vgg-small", "penultimate.dataset": "cifar10:" + data_dir, "penultimate.seed": str(seed),
             "penultimate.test_accuracy": f"{test_accuracy:.6f}",
             "penultimate.class_names": ",".join(CLASSES[c] for c in kept)}
    if len(kept) < len(CLASSES):
        props["penultimate.dataset_classes"] = ",".join(map(str, kept))
    onnx.helper.set_model_props(model, props)
    onnx.save(model, onnx_file)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-epochs", type=int, default=16)
    parser.add_argument("--patience", type=int, default=4)
    parser.add_argument("--holdout", default="", help="classes to leave out of training, e.g. 6,7,8,9")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)

    started = time.time()
    train_images, train_labels = read_folder(os.path.join(args.data_dir, "train"))
    test_images, test_labels = read_folder(os.path.join(args.data_dir, "test"))
    validation = stratified_validation(train_labels.tolist(), len(CLASSES),
                                       round(len(train_labels) / VALIDATION_DIVISOR), SPLIT_SEED)
    is_validation = np.zeros(len(train_labels), dtype=bool)
    is_validation[validation] = True
    splits = {"train": (train_images[~is_validation], train_labels[~is_validation]),
              "validation": (train_images[is_validation], train_labels[is_validation]),
              "test": (test_images, test_labels)}
    held_out = [int(c) for c in args.holdout.split(",") if c]
    kept = [c for c in range(len(CLASSES)) if c not in held_out]
    if held_out:
        splits = {name: kept_only(*part, kept) for name, part in splits.items()}
    print(f"read {', '.join(f'{len(part[1])} {name}' for name, part in splits.items())} images"
          f" of classes {kept} in {time.time() - started:.0f} s", file=sys.stderr)

    images, labels = splits["train"]
    net = vgg_small(len(kept))
    optimiser = torch.optim.SGD(net.parameters(), lr=PEAK_RATE, momentum=0.9, nesterov=True, weight_decay=5e-4)
    steps = (len(images) + BATCH - 1) // BATCH
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=PEAK_RATE, epochs=args.max_epochs,
                                                   steps_per_epoch=steps)
    # OneCycleLR peaks at 30% of the steps and anneals by a cosine: at 70% the rate is down to 0.39 of its peak
    settle_epoch = round(0.7 * args.max_epochs)
    log, best, best_state, since_best = [], float("inf"), None, 0
    for epoch in range(1, args.max_epochs + 1):
        net.train()
        order = torch.randperm(len(images), generator=generator).numpy()
        epoch_start, seen, train_loss = time.time(), 0, 0.0
        for step in range(steps):
            index = order[step * BATCH:(step + 1) * BATCH]
            x = augmented(torch.from_numpy(images[index]).float().div_(255), generator)
            y = torch.from_numpy(labels[index])
            optimiser.zero_grad()
            loss = nn.functional.cross_entropy(net(x), y)
            loss.backward()
            optimiser.step()
            schedule.step()
            seen += len(index)
            train_loss += loss.item() * len(index)
            if step % 20 == 0 or step == steps - 1:
                rate = seen / (time.time() - epoch_start)
                print(f"\repoch {epoch}/{args.max_epochs} {seen}/{len(images)} images, {rate:.0f} images/s",
                      end="", file=sys.stderr)
        seconds = time.time() - epoch_start
        validation_loss, validation_accuracy = evaluate(net, *splits["validation"])
        log.append({"epoch": epoch, "seconds": round(seconds, 1), "images_per_second": round(len(images) / seconds, 1),
                    "train_loss": train_loss / len(images), "validation_loss": validation_loss,
                    "validation_accuracy": validation_accuracy})
        print(f"\repoch {epoch}: {seconds:.0f} s, {len(images) / seconds:.0f} images/s, train loss"
              f" {train_loss / len(images):.4f}, validation loss {validation_loss:.4f},"
              f" accuracy {validation_accuracy:.4f}", file=sys.stderr)
        if validation_loss < best:
            best, since_best = validation_loss, 0
            best_state = {k: v.clone() for k, v in net.state_dict().items()}
        elif epoch > settle_epoch:  # while the rate is high the validation loss wanders: no stopping before it falls
            since_best += 1
            if since_best >= args.patience:
                print(f"stopping: no lower validation loss for {args.patience} epochs", file=sys.stderr)
                break

    net.load_state_dict(best_state)
    test_loss, test_accuracy = evaluate(net, *splits["test"])
    print(f"test accuracy {test_accuracy:.4f} (loss {test_loss:.4f}), {time.time() - started:.0f} s in all",
          file=sys.stderr)
    net.eval()
    torch.onnx.export(net, torch.zeros(1, 3, 32, 32), args.out, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=OPSET)
    declare(args.out, args.data_dir, args.seed, test_accuracy, kept)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as out:
        json.dump({"seed": args.seed, "classes": kept, "torch": torch.__version__, "threads": args.threads,
                   "test_accuracy": test_accuracy, "test_loss": test_loss, "seconds": round(time.time() - started),
                   "epochs": log}, out, indent=1)


if __name__ == "__main__":
    main()
