package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The topic check against a real single-node KRaft broker running in this JVM. */
@Tag("integration")
class TopicCheckTest {
  private static KafkaClusterTestKit cluster;
  private static Admin admin;

  @BeforeAll
  static void startBroker() throws Exception {
    cluster = SingleBroker.start();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() throws Exception {
    admin.close();
    cluster.close();
  }

  /** Creates topics with these partition counts: events, scores, dlq, labels, outcomes, quality. */
  private static void create(Topics topics, int... counts) throws Exception {
    List<String> names = List.of(topics.events(), topics.scores(), topics.deadLetters(), topics.labels(), topics.outcomes(), topics.quality());
    List<NewTopic> created = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        created.add(new NewTopic(names.get(i), counts[i], (short) 1));
      }
    }
    createVisibly(created);
  }

  private static void createVisibly(List<NewTopic> created) throws Exception {
    admin.createTopics(created).all().get();
    // the broker's metadata lags the controller's for a moment: a test must not race it
    List<String> createdNames = created.stream().map(NewTopic::name).toList();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!admin.listTopics().names().get().containsAll(createdNames)) {
      assertThat(System.nanoTime()).as("topics visible within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static void verify(Topics topics) throws Exception {
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      check.verify(topics, "run serve with --create-topics");
    }
  }

  @Test
  void passesWhenEveryTopicExistsWithTheNeededPartitioning() throws Exception {
    Topics topics = Topics.withPrefix("ok");
    create(topics, 3, 2, 1, 3, 1, 4);
    assertThatCode(() -> verify(topics)).doesNotThrowAnyException();
  }

  @Test
  void namesExactlyTheMissingTopicsOnOneLineWithTheFix() throws Exception {
    Topics topics = Topics.withPrefix("some");
    create(topics, 0, 2, 1, 0, 1, 1);
    assertThatThrownBy(() -> verify(topics))
        .isInstanceOf(TopicCheckException.class)
        .hasMessage("missing topics some.events, some.labels: create them (labels with as many partitions as events)"
            + " or run serve with --create-topics");
  }

  @Test
  void refusesLabelsWithAnotherPartitionCountThanEvents() throws Exception {
    Topics topics = Topics.withPrefix("skew");
    create(topics, 3, 3, 1, 2, 1, 1);
    assertThatThrownBy(() -> verify(topics))
        .isInstanceOf(TopicCheckException.class)
        .hasMessage("topic skew.labels has 2 partitions but skew.events has 3: labels must be co-partitioned with events;"
            + " recreate skew.labels with 3 partitions")
        .message().doesNotContain("\n");
  }

  @Test
  void refusesOutcomesWithAnotherPartitionCountThanTheQualityStateKeptBefore() throws Exception {
    Topics topics = Topics.withPrefix("grown");
    create(topics, 2, 2, 1, 2, 4, 1);
    createVisibly(List.of(new NewTopic("grown-app-quality-window-changelog", 1, (short) 1)));
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      assertThatThrownBy(() -> check.verifyQualityState("grown-app", topics))
          .isInstanceOf(TopicCheckException.class)
          .hasMessage("the quality windows of application grown-app were kept for 1 outcomes partitions (in grown-app-quality-window-changelog)"
              + " but topic grown.outcomes has 4: recreate grown.outcomes with 1, or reset the application (kafka-streams-application-reset"
              + " --application-id grown-app, with the monitor stopped), which starts its rolling windows afresh");
      assertThatCode(() -> check.verifyQualityState("fresh-app", topics)).as("no state kept: nothing to fit").doesNotThrowAnyException();
    }
  }

  @Test
  void passesQualityStateKeptForAsManyPartitionsAsOutcomesHas() throws Exception {
    Topics topics = Topics.withPrefix("kept");
    create(topics, 2, 2, 1, 2, 3, 1);
    createVisibly(List.of(new NewTopic("kept-app-quality-window-changelog", 3, (short) 1)));
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      assertThatCode(() -> check.verifyQualityState("kept-app", topics)).doesNotThrowAnyException();
    }
  }

  @Test
  void createsTheMissingTopicsWithTheNeededCountsAndThenPasses() throws Exception {
    Topics topics = Topics.withPrefix("new");
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      check.createMissing(topics, new TopicCheck.Creation(4, Optional.empty()));
    }
    assertThat(partitionCounts(topics)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "new.events", 4, "new.scores", 4, "new.dlq", 4, "new.labels", 4, "new.outcomes", 4, "new.quality", 1));
    assertThat(descriptions(topics)).flatMap(TopicDescription::partitions)
        .as("every partition has a leader").allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    assertThatCode(() -> verify(topics)).doesNotThrowAnyException();
  }

  @Test
  void createsAndPassesThoughTheBrokerAskedForEndOffsetsDoesNotYetKnowTheNewTopics() throws Exception {
    Topics topics = Topics.withPrefix("lagging");
    AtomicInteger asked = new AtomicInteger();
    // on a cluster of several, the broker that answers the offsets' metadata may lag the one that described the topics
    Admin lagging = new ForwardingAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers())) {
      @Override
      public ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> partitions, ListOffsetsOptions options) {
        if (asked.incrementAndGet() > 2) {
          return super.listOffsets(partitions, options);
        }
        KafkaFutureImpl<ListOffsetsResult.ListOffsetsResultInfo> unknown = new KafkaFutureImpl<>();
        unknown.completeExceptionally(new UnknownTopicOrPartitionException("metadata for topic could not be found"));
        return new ListOffsetsResult(partitions.keySet().stream().collect(Collectors.toMap(partition -> partition, partition -> unknown)));
      }
    };
    try (TopicCheck check = new TopicCheck(lagging, cluster.bootstrapServers(), TopicCheck.TIMEOUT)) {
      assertThat(check.createMissing(topics, new TopicCheck.Creation(2, Optional.empty()))).hasSize(6);
    }
    assertThat(asked).as("end offsets asked until every leader answered").hasValue(3);
  }

  @Test
  void recreatesMissingOutcomesWithTheCountTheQualityWindowsWereKeptFor() throws Exception {
    Topics topics = Topics.withPrefix("upgraded");
    create(topics, 2, 2, 1, 2, 0, 1);
    createVisibly(List.of(new NewTopic("upgraded-app-quality-window-changelog", 1, (short) 1)));
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      assertThat(check.keptQualityPartitions("upgraded-app")).hasValue(1);
      assertThat(check.keptQualityPartitions("other-app")).isEmpty();
      check.createMissing(topics, new TopicCheck.Creation(3, Optional.empty()).keepingOutcomes(check.keptQualityPartitions("upgraded-app")));
      assertThatCode(() -> check.verifyQualityState("upgraded-app", topics)).doesNotThrowAnyException();
    }
    assertThat(partitionCounts(topics)).containsEntry("upgraded.outcomes", 1);
  }

  @Test
  void createsMissingLabelsWithAsManyPartitionsAsTheExistingEvents() throws Exception {
    Topics topics = Topics.withPrefix("half");
    create(topics, 5, 0, 0, 0, 0, 0);
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      assertThat(check.createMissing(topics, new TopicCheck.Creation(2, Optional.of((short) 1))))
          .containsExactly("half.scores", "half.dlq", "half.labels", "half.outcomes", "half.quality");
    }
    assertThat(partitionCounts(topics)).containsEntry("half.events", 5).containsEntry("half.labels", 5).containsEntry("half.scores", 2);
  }

  @Test
  void creatingDoesNotRepairAnExistingTopicWithTheWrongPartitioning() throws Exception {
    Topics topics = Topics.withPrefix("bent");
    create(topics, 2, 0, 0, 3, 0, 0);
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      assertThatThrownBy(() -> check.createMissing(topics, new TopicCheck.Creation(2, Optional.empty())))
          .isInstanceOf(TopicCheckException.class)
          .hasMessageStartingWith("topic bent.labels has 3 partitions");
    }
    assertThat(partitionCounts(topics)).containsEntry("bent.events", 2).containsEntry("bent.labels", 3);
  }

  @Test
  void aReplicationFactorAboveTheBrokerCountIsRefusedOnOneLine() throws Exception {
    Topics topics = Topics.withPrefix("rf");
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      assertThatThrownBy(() -> check.createMissing(topics, new TopicCheck.Creation(1, Optional.of((short) 3))))
          .isInstanceOf(TopicCheckException.class)
          .hasMessageStartingWith("cannot create topics rf.events, rf.scores, rf.dlq, rf.labels, rf.outcomes, rf.quality: ")
          .message().doesNotContain("\n");
    }
  }

  private static Map<String, Integer> partitionCounts(Topics topics) throws Exception {
    return descriptions(topics).stream().collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
  }

  private static List<TopicDescription> descriptions(Topics topics) throws Exception {
    List<String> names = List.of(topics.events(), topics.scores(), topics.deadLetters(), topics.labels(), topics.outcomes(), topics.quality());
    var all = admin.describeTopics(names).allTopicNames().get();
    return names.stream().filter(all::containsKey).map(all::get).toList();
  }
}
