package io.penultimate.bench;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.penultimate.stream.BinaryEvent;
import io.penultimate.stream.EventParser;
import io.penultimate.stream.EventJson;
import io.penultimate.stream.InputEvent;
import io.penultimate.stream.InvalidEventException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of reading and writing one 784-pixel event, the per-event work of the monitor's input and
 * of a replay. Images are MNIST-like (about 80% zero pixels, the rest multiples of 1/255, seeded).
 * The baselines are the tree-based code the streaming parser and writer replaced (a Jackson
 * {@code JsonNode} per event) and Jackson's streaming reading that the plain one replaced for
 * most events, measured in the same run.
 *
 * <p>Run: {@code bench/jmh EventCodec -f 1 -wi 3 -i 5 -w 1s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventCodecBenchmark {
  private static final int PIXELS = 784;
  private static final int IMAGES = 64;
  private static final ObjectMapper TREE = JsonMapper.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  private final EventParser json = new EventParser(PIXELS, 10, 1 << 20);
  private final EventParser binary = new EventParser(PIXELS, 10, 1 << 20, EventParser.InputFormat.BINARY);
  private float[][] images;
  private byte[][] jsonEvents;
  private byte[][] jsonEventsWithExtraField;
  private byte[][] binaryEvents;
  private int next;

  @Setup
  public void prepare() {
    Random random = new Random(42);
    images = new float[IMAGES][PIXELS];
    jsonEvents = new byte[IMAGES][];
    jsonEventsWithExtraField = new byte[IMAGES][];
    binaryEvents = new byte[IMAGES][];
    for (int k = 0; k < IMAGES; k++) {
      for (int p = 0; p < PIXELS; p++) {
        images[k][p] = random.nextDouble() < 0.8 ? 0f : (1 + random.nextInt(255)) / 255f;
      }
      String event = EventJson.event("e" + k, images[k], null, 1_700_000_000_000L + k);
      jsonEvents[k] = event.getBytes(StandardCharsets.UTF_8);
      jsonEventsWithExtraField[k] = ("{\"source\":\"camera\"," + event.substring(1)).getBytes(StandardCharsets.UTF_8);
      binaryEvents[k] = BinaryEvent.encode(new InputEvent("e" + k, images[k], OptionalInt.empty(), 1_700_000_000_000L + k));
    }
  }

  private int nextIndex() {
    next = (next + 1) % IMAGES;
    return next;
  }

  @Benchmark
  public InputEvent parseJson() throws InvalidEventException {
    return json.parse(jsonEvents[nextIndex()], 0);
  }

  /**
   * Baseline: the same events led by a field the plain reading does not take, so that Jackson
   * reads them, as it read every event before {@code PlainEventJson}.
   */
  @Benchmark
  public InputEvent baselineParseJsonJackson() throws InvalidEventException {
    return json.parse(jsonEventsWithExtraField[nextIndex()], 0);
  }

  @Benchmark
  public InputEvent parseBinary() throws InvalidEventException {
    return binary.parse(binaryEvents[nextIndex()], 0);
  }

  /** Baseline: the replaced parser's reading of the JSON into a tree, before any validation. */
  @Benchmark
  public JsonNode baselineParseJsonTree() throws IOException {
    return TREE.readTree(jsonEvents[nextIndex()]);
  }

  @Benchmark
  public String writeJson() {
    int k = nextIndex();
    return EventJson.event("e" + k, images[k], null, 1_700_000_000_000L);
  }

  /** Baseline: the replaced writer, an {@code ObjectNode} per event. */
  @Benchmark
  public String baselineWriteJsonTree() {
    int k = nextIndex();
    ObjectNode event = TREE.createObjectNode();
    event.put("id", "e" + k);
    ArrayNode values = event.putArray("features");
    for (float f : images[k]) {
      values.add(f);
    }
    event.put("timestamp", 1_700_000_000_000L);
    return event.toString();
  }
}
