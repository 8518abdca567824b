package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreName;
import io.penultimate.bundle.ScoreSelection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The scoring processor driven by hand, for what a topology test driver cannot do: initialise one
 * processor instance twice, as Kafka Streams does when it recycles a task from active to standby
 * and back.
 */
class ScoringProcessorTest {
  private static final Topics TOPICS = MonitorConfig.DEFAULT.topics();
  private static final BatchSettings LARGE_BATCH = new BatchSettings(100, Duration.ofMillis(20));
  private static final EventParser PARSER = new EventParser(StreamFixtures.INPUT, StreamFixtures.CLASSES, 64 * 1024);

  @Test
  void aTaskThatComesBackDoesNotScoreAgainWhatItHadBufferedWhenItLeft() {
    ScoringProcessor processor = processor();
    MockProcessorContext<String, byte[]> before = contextWithStores();
    processor.init(before);
    processEvent(processor, before, "left-behind");
    assertThat(before.forwarded()).as("the event waits in the batch").isEmpty();

    // meanwhile another instance scored it and deleted it from the buffer: the store the task
    // comes back to is empty, and the same processor instance is initialised again
    MockProcessorContext<String, byte[]> after = contextWithStores();
    processor.init(after);
    lingerOver(after);

    assertThat(after.forwarded()).isEmpty();
  }

  @Test
  void aTaskThatComesBackScoresWhatItsRestoredBufferHolds() throws Exception {
    ScoringProcessor processor = processor();
    MockProcessorContext<String, byte[]> before = contextWithStores();
    processor.init(before);
    processEvent(processor, before, "left-behind");

    MockProcessorContext<String, byte[]> after = contextWithStores();
    KeyValueStore<Long, byte[]> restored = after.getStateStore(MonitorTopology.BUFFER_STORE);
    restored.put(7L, BinaryEvent.encode(PARSER.parse(eventBytes("restored"), 1L)));
    processor.init(after);
    lingerOver(after);

    List<String> scored = after.forwarded().stream().map(forwarded -> (String) forwarded.record().key()).toList();
    assertThat(scored).containsExactly("restored");
    assertThat(restored.get(7L)).as("deleted once scored").isNull();
  }

  private static ScoringProcessor processor() {
    StreamFixtures fixtures = StreamFixtures.fit();
    ConfidenceScorer scorer = new ConfidenceScorer(fixtures.bundle, ScoreSelection.ALL);
    ScoringSettings settings = new ScoringSettings(ScoreName.TRINOMIAL, 3, "model-1", "bundle-1");
    return new ScoringProcessor(() -> new EventScorer(fixtures.network, scorer, settings),
        PARSER, LARGE_BATCH, TOPICS.labels(),
        new LabelTiming(Duration.ofHours(1), Duration.ofSeconds(10)), MonitorObserver.NONE);
  }

  private static MockProcessorContext<String, byte[]> contextWithStores() {
    MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(1L);
    List<KeyValueStore<?, byte[]>> stores = List.of(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MonitorTopology.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray())
            .withLoggingDisabled().build(),
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MonitorTopology.HELD_LABELS_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build(),
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MonitorTopology.PENDING_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build());
    for (KeyValueStore<?, byte[]> store : stores) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
    return context;
  }

  private static void processEvent(ScoringProcessor processor, MockProcessorContext<String, byte[]> context, String id) {
    context.setRecordMetadata(TOPICS.events(), 0, 0);
    processor.process(new Record<>(id, eventBytes(id), 1L));
  }

  /** Fires the linger punctuation, which scores a partial batch. */
  private static void lingerOver(MockProcessorContext<String, byte[]> context) {
    context.scheduledPunctuators().stream()
        .filter(scheduled -> scheduled.getInterval().equals(LARGE_BATCH.linger()))
        .forEach(scheduled -> scheduled.getPunctuator().punctuate(System.currentTimeMillis()));
  }

  private static byte[] eventBytes(String id) {
    return StreamFixtures.eventJson(id, StreamFixtures.inputs(1, 5)[0], "").getBytes(StandardCharsets.UTF_8);
  }
}
