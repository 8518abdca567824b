package io.penultimate.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The outcomes a quality task keeps to rebuild its windows after a restart: {@link OutcomeBlock}s
 * of up to {@link #BLOCK_SIZE} under consecutive keys, the newest filled in place. The store is
 * cached, so the many puts of a block between two commits reach the changelog as one record, and a
 * block leaves the store as one tombstone once the newer outcomes alone are as many as the windows
 * need. Stored one per key, every outcome cost a changelog record and, once the windows were full,
 * a tombstone too.
 *
 * <p>The size trades the bytes of a block written again at each commit (up to 32 outcomes of some
 * 180 bytes under the default scores) against the records: at low rates every outcome still writes
 * its block, as it wrote itself before.
 */
final class StoredOutcomes {
  static final int BLOCK_SIZE = 32;

  private record Block(long key, int size) {}

  private final KeyValueStore<Long, byte[]> store;
  private final int kept;
  /** The blocks in the store before the one being filled, oldest first. */
  private final Deque<Block> earlier = new ArrayDeque<>();
  private long stored;
  private long nextKey;
  private OutcomeBlock filling;
  private long fillingKey;

  /**
   * The outcomes of {@code store}, each handed to {@code restored} oldest first. Those of the newest
   * block are not added to again: the next outcome starts a block.
   *
   * @param kept how many of the latest outcomes the windows need ({@link QualityWindows#storedOutcomes})
   */
  StoredOutcomes(KeyValueStore<Long, byte[]> store, int kept, Consumer<Outcome> restored) {
    this.store = store;
    this.kept = kept;
    try (KeyValueIterator<Long, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Long, byte[]> entry = all.next();
        List<Outcome> outcomes = OutcomeBlock.decode(entry.value);
        outcomes.forEach(restored);
        earlier.add(new Block(entry.key, outcomes.size()));
        stored += outcomes.size();
        nextKey = entry.key + 1;
      }
    }
  }

  /** Stores an outcome that has its answers, and drops the oldest block once it is no longer needed. */
  void add(Outcome outcome) {
    if (filling == null || filling.size() == BLOCK_SIZE || !filling.fits(outcome)) {
      if (filling != null) {
        earlier.add(new Block(fillingKey, filling.size()));
      }
      filling = new OutcomeBlock(new ArrayList<>(outcome.scores().keySet()));
      fillingKey = nextKey++;
    }
    filling.add(outcome);
    store.put(fillingKey, filling.encoded());
    stored++;
    while (!earlier.isEmpty() && stored - earlier.peekFirst().size() >= kept) {
      Block oldest = earlier.removeFirst();
      store.delete(oldest.key());
      stored -= oldest.size();
    }
  }
}
