package io.penultimate.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The partitioning the topology needs of its topics, held against the partition counts a cluster
 * reports ({@code partitions}: topic name to count, for the topics that exist).
 *
 * <p>Labels are co-partitioned with events: a label is joined in the task that scored its event,
 * which holds only if the same key lands on the same partition number of both topics (same count,
 * default partitioner). Outcomes may have any count, one quality task each; the merged quality
 * ({@link QualityMerger}), scores and dead letters too.
 */
record TopicLayout(Topics topics, Map<String, Integer> partitions) {
  static final String REQUIREMENT = "labels with as many partitions as events";

  TopicLayout {
    partitions = Map.copyOf(partitions);
  }

  /** The six names, in the order of {@link Topics}, each once. */
  static List<String> names(Topics topics) {
    return Stream.of(topics.events(), topics.scores(), topics.deadLetters(), topics.labels(), topics.outcomes(), topics.quality())
        .distinct()
        .toList();
  }

  List<String> missing() {
    return names(topics).stream().filter(name -> !partitions.containsKey(name)).toList();
  }

  /**
   * One line naming every missing or wrongly partitioned topic and how to fix it, empty when the
   * layout fits; {@code orElse} (may be null) is offered as the other fix for missing topics.
   */
  Optional<String> problems(String orElse) {
    List<String> problems = new ArrayList<>();
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      boolean one = missing.size() == 1;
      problems.add("missing topic" + (one ? " " : "s ") + String.join(", ", missing) + ": create " + (one ? "it" : "them")
          + " (" + REQUIREMENT + ")" + (orElse == null ? "" : " or " + orElse));
    }
    Integer events = partitions.get(topics.events());
    Integer labels = partitions.get(topics.labels());
    if (events != null && labels != null && !events.equals(labels)) {
      problems.add("topic " + topics.labels() + " has " + count(labels) + " but " + topics.events() + " has " + events
          + ": labels must be co-partitioned with events; recreate " + topics.labels() + " with " + count(events));
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private static String count(int partitions) {
    return partitions + (partitions == 1 ? " partition" : " partitions");
  }

  /**
   * The missing topics as they should be created: events and labels with the other's count when
   * one of them exists, else {@code creation.partitions()}; scores and dead letters with {@code
   * creation.partitions()}; outcomes with {@code creation.outcomesPartitions()} (the count earlier
   * quality windows were kept for) when given, else {@code creation.partitions()}; quality with 1, so that the merged snapshots stay one ordered
   * series for their readers.
   */
  List<NewTopic> toCreate(TopicCheck.Creation creation) {
    int joined = Optional.ofNullable(partitions.get(topics.events()))
        .or(() -> Optional.ofNullable(partitions.get(topics.labels())))
        .orElse(creation.partitions());
    Map<String, Integer> wanted = new LinkedHashMap<>();
    wanted.put(topics.events(), joined);
    wanted.put(topics.scores(), creation.partitions());
    wanted.put(topics.deadLetters(), creation.partitions());
    wanted.put(topics.labels(), joined);
    wanted.put(topics.outcomes(), creation.outcomesPartitions().orElse(creation.partitions()));
    wanted.put(topics.quality(), 1);
    return missing().stream()
        .map(name -> new NewTopic(name, Optional.of(wanted.get(name)), creation.replicationFactor()))
        .toList();
  }
}
