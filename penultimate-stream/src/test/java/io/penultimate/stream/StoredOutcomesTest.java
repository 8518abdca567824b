package io.penultimate.stream;

import static io.penultimate.stream.OutcomeBlockTest.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoredOutcomesTest {
  private static final int KEPT = 40;
  private KeyValueStore<Long, byte[]> store;

  @BeforeEach
  void openStore() {
    MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MonitorTopology.QUALITY_STORE), Serdes.Long(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
  }

  private static List<Outcome> outcomes(int from, int to) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      outcomes.add(outcome("e-" + i, i % 10, i % 9, -i, i));
    }
    return outcomes;
  }

  private List<Outcome> restored() {
    List<Outcome> restored = new ArrayList<>();
    new StoredOutcomes(store, KEPT, restored::add);
    return restored;
  }

  private Map<Long, Integer> blockSizes() {
    Map<Long, Integer> sizes = new TreeMap<>();
    try (KeyValueIterator<Long, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Long, byte[]> entry = all.next();
        sizes.put(entry.key, OutcomeBlock.decode(entry.value).size());
      }
    }
    return sizes;
  }

  @Test
  void keepsOutcomesInBlocksAndDropsAWholeBlockOnceTheNewerOnesAloneAreAsManyAsTheWindowsNeed() {
    StoredOutcomes stored = new StoredOutcomes(store, KEPT, outcome -> {});
    outcomes(0, 100).forEach(stored::add);
    // blocks 0-31, 32-63, 64-95, 96-99: without the first, 68 are left, at least 40; without the second too, 36
    assertThat(blockSizes()).isEqualTo(Map.of(1L, 32, 2L, 32, 3L, 4));
    assertThat(restored()).isEqualTo(outcomes(32, 100));
  }

  @Test
  void aRestartCarriesOnWithANewBlockAfterTheLastOne() {
    StoredOutcomes first = new StoredOutcomes(store, KEPT, outcome -> {});
    outcomes(0, 10).forEach(first::add);
    StoredOutcomes second = new StoredOutcomes(store, KEPT, outcome -> {});
    outcomes(10, 45).forEach(second::add);
    assertThat(blockSizes()).isEqualTo(Map.of(0L, 10, 1L, 32, 2L, 3));
    assertThat(restored()).isEqualTo(outcomes(0, 45));
    outcomes(45, 75).forEach(new StoredOutcomes(store, KEPT, outcome -> {})::add);
    assertThat(blockSizes()).as("the block of 10 went once 65 came after it").containsOnlyKeys(1L, 2L, 3L);
  }

  @Test
  void startsANewBlockForAnOutcomeWithOtherScores() {
    StoredOutcomes stored = new StoredOutcomes(store, KEPT, outcome -> {});
    stored.add(outcome("a", 1, 1, 2, 5L));
    Outcome fewer = Outcome.of("b", 1, 1, Map.of("msp", 0.5), new EventAnswers(0.5, 0.5, false, 0), 6L);
    stored.add(fewer);
    assertThat(blockSizes()).isEqualTo(Map.of(0L, 1, 1L, 1));
    assertThat(restored()).containsExactly(outcome("a", 1, 1, 2, 5L), fewer);
  }

  @Test
  void carriesOnAfterTheOneOutcomeEntriesOfAnEarlierVersion() {
    List<Outcome> legacy = outcomes(0, 3);
    for (int i = 0; i < legacy.size(); i++) {
      store.put((long) i, HotJson.write(legacy.get(i)));
    }
    StoredOutcomes stored = new StoredOutcomes(store, KEPT, outcome -> {});
    outcomes(3, 41).forEach(stored::add);
    assertThat(blockSizes()).as("the old entries leave one by one").isEqualTo(Map.of(1L, 1, 2L, 1, 3L, 32, 4L, 6));
    assertThat(restored()).isEqualTo(outcomes(1, 41));
  }
}
