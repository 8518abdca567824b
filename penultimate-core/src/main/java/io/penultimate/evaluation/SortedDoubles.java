package io.penultimate.evaluation;

import java.util.Arrays;

/**
 * A multiset of doubles kept in ascending order, cut into blocks of at most {@code 2·block} values
 * held in plain arrays. An insertion or removal finds its block by bisecting the blocks' last values
 * and its place inside by bisection, then moves at most one block's tail with
 * {@link System#arraycopy}. Against a balanced tree with a node per value this reads contiguous
 * memory instead of chasing pointers: an update of a full window of 10,000 cost 0.60-0.66 of the
 * treap's that it replaces, in the same process (README, Performance), and the sorted values a
 * summary reads are a copy of each block.
 *
 * <p>A full block splits in two halves; a block that falls below a quarter of {@code block} joins
 * a neighbour (and the pair splits again if too long), so every block but a lone one holds at
 * least that many: at most 4n/block + 1 blocks.
 *
 * <p>Values must not be NaN; −0.0 and 0.0 count as one value. Not thread-safe.
 */
final class SortedDoubles {
  /**
   * Values per block after a split. 64 to 512 cost the same within noise (a window of 10,000 at 10%
   * negatives, same process): the moves are not what an update pays for, the searches are.
   */
  static final int DEFAULT_BLOCK = 256;

  private final int block;
  private double[][] blocks = new double[4][];
  private int[] sizes = new int[4];
  /** The last (largest) value of each block, bisected to find a value's block. */
  private double[] lasts = new double[4];
  private int blockCount;
  private int size;

  SortedDoubles() {
    this(DEFAULT_BLOCK);
  }

  /** @param block values per block after a split, at least 4; small in tests so they split and merge */
  SortedDoubles(int block) {
    if (block < 4) {
      throw new IllegalArgumentException("block must be >= 4, found " + block);
    }
    this.block = block;
  }

  int size() {
    return size;
  }

  void add(double value) {
    if (blockCount == 0) {
      insertBlock(0, new double[2 * block], 0);
    }
    int b = firstBlockReaching(value);
    if (b == blockCount) {
      b--; // larger than every value: the last block's end
    }
    if (sizes[b] == 2 * block) {
      split(b);
      if (value > lasts[b]) {
        b++;
      }
    }
    double[] values = blocks[b];
    // after any equal values: the first index holding more, or the block's end
    int at = Ranks.countUpTo(values, sizes[b], value);
    System.arraycopy(values, at, values, at + 1, sizes[b] - at);
    values[at] = value;
    sizes[b]++;
    lasts[b] = values[sizes[b] - 1];
    size++;
  }

  /** Removes one occurrence; returns false when the value is not present. */
  boolean remove(double value) {
    int b = firstBlockReaching(value);
    if (b == blockCount) {
      return false;
    }
    double[] values = blocks[b];
    // the first index holding at least the value
    int at = Ranks.countBelow(values, sizes[b], value);
    if (values[at] != value) {
      return false;
    }
    System.arraycopy(values, at + 1, values, at, sizes[b] - at - 1);
    sizes[b]--;
    size--;
    if (sizes[b] == 0) {
      removeBlock(b);
    } else {
      lasts[b] = values[sizes[b] - 1];
      if (sizes[b] < block / 4 && blockCount > 1) {
        merge(b == blockCount - 1 ? b - 1 : b);
      }
    }
    return true;
  }

  /** Every value in ascending order, each as often as it occurs. */
  double[] sorted() {
    double[] out = new double[size];
    int filled = 0;
    for (int b = 0; b < blockCount; b++) {
      System.arraycopy(blocks[b], 0, out, filled, sizes[b]);
      filled += sizes[b];
    }
    return out;
  }

  /** The first block whose last value is at least {@code value}, or blockCount when none is. */
  private int firstBlockReaching(double value) {
    return Ranks.countBelow(lasts, blockCount, value);
  }

  /** Cuts block b into two halves, b and b + 1. */
  private void split(int b) {
    double[] values = blocks[b];
    int half = sizes[b] / 2;
    double[] upper = new double[2 * block];
    System.arraycopy(values, half, upper, 0, sizes[b] - half);
    insertBlock(b + 1, upper, sizes[b] - half);
    sizes[b] = half;
    lasts[b] = values[half - 1];
  }

  /** Joins blocks b and b + 1, splitting the result again when it is longer than a block may be. */
  private void merge(int b) {
    int total = sizes[b] + sizes[b + 1];
    if (total <= 2 * block) {
      System.arraycopy(blocks[b + 1], 0, blocks[b], sizes[b], sizes[b + 1]);
      sizes[b] = total;
      lasts[b] = blocks[b][total - 1];
      removeBlock(b + 1);
      return;
    }
    double[] both = new double[total];
    System.arraycopy(blocks[b], 0, both, 0, sizes[b]);
    System.arraycopy(blocks[b + 1], 0, both, sizes[b], sizes[b + 1]);
    int half = total / 2;
    System.arraycopy(both, 0, blocks[b], 0, half);
    System.arraycopy(both, half, blocks[b + 1], 0, total - half);
    sizes[b] = half;
    sizes[b + 1] = total - half;
    lasts[b] = both[half - 1];
    lasts[b + 1] = both[total - 1];
  }

  private void insertBlock(int b, double[] values, int count) {
    if (blockCount == blocks.length) {
      blocks = Arrays.copyOf(blocks, 2 * blockCount);
      sizes = Arrays.copyOf(sizes, 2 * blockCount);
      lasts = Arrays.copyOf(lasts, 2 * blockCount);
    }
    System.arraycopy(blocks, b, blocks, b + 1, blockCount - b);
    System.arraycopy(sizes, b, sizes, b + 1, blockCount - b);
    System.arraycopy(lasts, b, lasts, b + 1, blockCount - b);
    blocks[b] = values;
    sizes[b] = count;
    lasts[b] = count == 0 ? Double.NEGATIVE_INFINITY : values[count - 1];
    blockCount++;
  }

  private void removeBlock(int b) {
    System.arraycopy(blocks, b + 1, blocks, b, blockCount - b - 1);
    System.arraycopy(sizes, b + 1, sizes, b, blockCount - b - 1);
    System.arraycopy(lasts, b + 1, lasts, b, blockCount - b - 1);
    blockCount--;
    blocks[blockCount] = null;
  }
}
