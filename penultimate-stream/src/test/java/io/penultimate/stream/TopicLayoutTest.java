package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The partitioning rules and their one-line report, without a broker (TopicCheckTest runs them against one). */
class TopicLayoutTest {
  private static final Topics TOPICS = new Topics("t.events", "t.scores", "t.dlq", "t.labels", "t.outcomes", "t.quality");
  private static final Map<String, Integer> FITTING =
      Map.of("t.events", 6, "t.scores", 3, "t.dlq", 1, "t.labels", 6, "t.outcomes", 1, "t.quality", 2);

  @Test
  void aFittingLayoutHasNoProblems() {
    assertThat(new TopicLayout(TOPICS, FITTING).problems("x")).isEmpty();
  }

  @Test
  void oneMissingTopicIsNamedInTheSingular() {
    Map<String, Integer> partitions = new HashMap<>(FITTING);
    partitions.remove("t.quality");
    assertThat(new TopicLayout(TOPICS, partitions).problems(null))
        .hasValue("missing topic t.quality: create it (labels with as many partitions as events)");
  }

  @Test
  void everyProblemIsReportedOnTheSameLine() {
    Map<String, Integer> partitions = Map.of("t.events", 6, "t.labels", 2, "t.outcomes", 4);
    String problems = new TopicLayout(TOPICS, partitions).problems("run serve with --create-topics").orElseThrow();
    assertThat(problems)
        .startsWith("missing topics t.scores, t.dlq, t.quality: create them")
        .contains("; topic t.labels has 2 partitions but t.events has 6")
        .doesNotContain("\n");
  }

  @Test
  void outcomesMayHaveAnyPartitionCount() {
    Map<String, Integer> partitions = new HashMap<>(FITTING);
    partitions.put("t.outcomes", 12);
    assertThat(new TopicLayout(TOPICS, partitions).problems(null)).isEmpty();
  }

  @Test
  void oneLabelPartitionIsNamedInTheSingular() {
    assertThat(new TopicLayout(TOPICS, Map.of("t.events", 6, "t.scores", 1, "t.dlq", 1, "t.labels", 1, "t.outcomes", 1, "t.quality", 1))
            .problems(null))
        .hasValue("topic t.labels has 1 partition but t.events has 6: labels must be co-partitioned with events;"
            + " recreate t.labels with 6 partitions");
  }

  @Test
  void missingTopicsAreCreatedWithOnePartitionForQualityAndTheEventsCountForLabels() {
    Map<String, Integer> planned = new TopicLayout(TOPICS, Map.of("t.events", 5))
        .toCreate(new TopicCheck.Creation(3, Optional.of((short) 2))).stream()
        .collect(Collectors.toMap(NewTopic::name, NewTopic::numPartitions));
    assertThat(planned).containsExactlyInAnyOrderEntriesOf(
        Map.of("t.scores", 3, "t.dlq", 3, "t.labels", 5, "t.outcomes", 3, "t.quality", 1));
  }

  @Test
  void aMissingOutcomesTopicTakesTheCountTheQualityWindowsWereKeptFor() {
    Map<String, Integer> planned = new TopicLayout(TOPICS, Map.of("t.events", 5))
        .toCreate(new TopicCheck.Creation(3, Optional.empty()).keepingOutcomes(Optional.of(1))).stream()
        .collect(Collectors.toMap(NewTopic::name, NewTopic::numPartitions));
    assertThat(planned).containsEntry("t.outcomes", 1).containsEntry("t.scores", 3);
  }

  @Test
  void zeroPartitionsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> new TopicCheck.Creation(0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 0");
  }
}
