"""Training images/s of vgg-small in PyTorch on random batches, the figure README's "Architectures"
sets beside DL4J's 22-23 images/s for the same network on this machine.

    /usr/bin/python3 examples/pytorch/speed_vgg_small.py [--threads 2] [--repeats 4]

Three SGD steps on a batch of 128 per repeat, memory format NCHW then channels-last; the first
repeat of each includes PyTorch's warm-up.
"""
import argparse
import time

import torch
from torch import nn

from train_vgg_small import vgg_small


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=4)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    x, y = torch.randn(128, 3, 32, 32), torch.randint(0, 10, (128,))
    for channels_last in (False, True):
        net = vgg_small(10)
        batch = x
        if channels_last:
            net, batch = net.to(memory_format=torch.channels_last), x.contiguous(memory_format=torch.channels_last)
        optimiser = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
        for _ in range(args.repeats):
            start = time.time()
            for _ in range(3):
                optimiser.zero_grad()
                nn.functional.cross_entropy(net(batch), y).backward()
                optimiser.step()
            print(f"{'channels-last' if channels_last else 'NCHW'}: {3 * 128 / (time.time() - start):.1f} training images/s")


if __name__ == "__main__":
    main()
