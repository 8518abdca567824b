package io.penultimate.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Checks at start-up that a cluster holds the monitor's topics with the partitioning the topology
 * needs ({@link TopicLayout}: labels co-partitioned with events), that the quality state kept
 * before still fits the outcomes topic, and creates the missing topics on request. Without it, Kafka Streams finds out after it has started,
 * and dies in ERROR with a stack trace instead of a line naming the topics.
 */
public final class TopicCheck implements AutoCloseable {
  /** As long as the admin client's own {@code default.api.timeout.ms}. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * How missing topics are created: events, labels, scores, dead letters and outcomes with {@code
   * partitions} (events and labels with the other's count if one exists; outcomes with {@code
   * outcomesPartitions} when given), quality with 1; {@code replicationFactor} empty takes the
   * broker's {@code default.replication.factor}.
   */
  public record Creation(int partitions, Optional<Short> replicationFactor, Optional<Integer> outcomesPartitions) {
    public Creation {
      if (partitions < 1 || replicationFactor.filter(factor -> factor < 1).isPresent()
          || outcomesPartitions.filter(count -> count < 1).isPresent()) {
        throw new IllegalArgumentException("partitions, outcomes partitions and replication factor must be >= 1, found " + partitions
            + ", " + outcomesPartitions.map(String::valueOf).orElse("the same") + " and "
            + replicationFactor.map(String::valueOf).orElse("the broker's default"));
      }
    }

    public Creation(int partitions, Optional<Short> replicationFactor) {
      this(partitions, replicationFactor, Optional.empty());
    }

    /** The same creation, with a missing outcomes topic made with this many partitions if given. */
    public Creation keepingOutcomes(Optional<Integer> count) {
      return new Creation(partitions, replicationFactor, count);
    }
  }

  private final Admin admin;
  private final String servers;
  private final Duration timeout;

  TopicCheck(Admin admin, String servers, Duration timeout) {
    this.admin = admin;
    this.servers = servers;
    this.timeout = timeout;
  }

  /** A check through an admin client of its own, configured by {@code adminConfig}. */
  public static TopicCheck connect(Map<String, Object> adminConfig) {
    return new TopicCheck(Admin.create(adminConfig), String.valueOf(adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)), TIMEOUT);
  }

  public static TopicCheck connect(String bootstrapServers) {
    return connect(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /**
   * A check whose admin client is configured as the Streams application's own would be (bootstrap
   * servers, TLS, SASL, {@code admin.}-prefixed overrides).
   */
  public static TopicCheck forStreams(Properties streamsProperties) {
    return connect(new StreamsConfig(streamsProperties).getAdminConfigs("penultimate-topic-check"));
  }

  /** The check of the ACLs the monitor configured by {@code config} needs, through this check's admin client. */
  public AccessCheck access(MonitorConfig config) {
    return new AccessCheck(admin, MonitorAcls.required(config), AccessCheck.principal(config.streamsProperties()), timeout);
  }

  /**
   * Returns if every topic exists with the partitioning the topology needs; otherwise throws a
   * {@link TopicCheckException} naming every missing or wrongly partitioned topic and the fix.
   *
   * @param orElse another fix offered for missing topics (such as a flag that creates them), or null
   */
  public void verify(Topics topics, String orElse) throws InterruptedException {
    Optional<String> problems = layout(topics).problems(orElse);
    if (problems.isPresent()) {
      throw new TopicCheckException(problems.get());
    }
  }

  /**
   * Creates the missing topics ({@link Creation}), waits until every partition of the six has a
   * leader that answers as one, then {@linkplain #verify verifies} them: an existing topic with
   * the wrong partitioning is reported, never altered. A leader alone does not make an idempotent
   * producer with several requests in flight safe on a new partition (KAFKA-15591): produce with
   * one in flight.
   *
   * @return the topics it created, in the order of {@link Topics}
   */
  public List<String> createMissing(Topics topics, Creation creation) throws InterruptedException {
    List<NewTopic> missing = layout(topics).toCreate(creation);
    List<String> names = missing.stream().map(NewTopic::name).toList();
    List<String> created = new ArrayList<>();
    if (!missing.isEmpty()) {
      Map<String, KafkaFuture<Void>> results = admin.createTopics(missing, new CreateTopicsOptions().timeoutMs(millis())).values();
      for (String name : names) {
        try {
          results.get(name).get();
          created.add(name);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) { // created meanwhile by someone else: verified below
            throw failure("cannot create topics " + String.join(", ", names), e.getCause(), "CREATE");
          }
        }
      }
    }
    awaitLeaders(topics);
    verify(topics, null);
    return created;
  }

  /**
   * Returns if the quality windows kept by an earlier run of application {@code applicationId}
   * (its quality store's changelog) have one partition per outcomes partition, or there are none;
   * otherwise throws a {@link TopicCheckException} saying what to do. Kafka Streams would only fail
   * later, with a stack trace: a store's changelog must have as many partitions as its input.
   */
  public void verifyQualityState(String applicationId, Topics topics) throws InterruptedException {
    String changelog = qualityChangelog(applicationId);
    Map<String, Optional<TopicDescription>> described = describe(List.of(topics.outcomes(), changelog));
    Optional<Integer> kept = described.get(changelog).map(d -> d.partitions().size());
    Optional<Integer> outcomes = described.get(topics.outcomes()).map(d -> d.partitions().size());
    if (kept.isPresent() && outcomes.isPresent() && !kept.equals(outcomes)) {
      throw new TopicCheckException("the quality windows of application " + applicationId + " were kept for " + kept.get()
          + " outcomes partitions (in " + changelog + ") but topic " + topics.outcomes() + " has " + outcomes.get()
          + ": recreate " + topics.outcomes() + " with " + kept.get() + ", or reset the application (kafka-streams-application-reset"
          + " --application-id " + applicationId + ", with the monitor stopped), which starts its rolling windows afresh");
    }
  }

  /**
   * How many outcomes partitions the quality windows of an earlier run of {@code applicationId}
   * were kept for (its quality store's changelog), empty when none were kept: a missing outcomes
   * topic is then created with that count, so that the windows carry on.
   */
  public Optional<Integer> keptQualityPartitions(String applicationId) throws InterruptedException {
    String changelog = qualityChangelog(applicationId);
    return describe(List.of(changelog)).get(changelog).map(d -> d.partitions().size());
  }

  private static String qualityChangelog(String applicationId) {
    return applicationId + "-" + MonitorTopology.QUALITY_STORE + "-changelog";
  }

  private TopicLayout layout(Topics topics) throws InterruptedException {
    Map<String, Integer> partitions = new HashMap<>();
    describe(TopicLayout.names(topics)).forEach((name, description) -> description.ifPresent(d -> partitions.put(name, d.partitions().size())));
    return new TopicLayout(topics, partitions);
  }

  /** Each topic's description, empty for a topic that does not exist. */
  private Map<String, Optional<TopicDescription>> describe(List<String> names) throws InterruptedException {
    var futures = admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs(millis())).topicNameValues();
    Map<String, Optional<TopicDescription>> descriptions = new HashMap<>();
    for (String name : names) {
      try {
        descriptions.put(name, Optional.of(futures.get(name).get()));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw failure("cannot describe topics " + String.join(", ", names), e.getCause(), "DESCRIBE");
        }
        descriptions.put(name, Optional.empty());
      }
    }
    return descriptions;
  }

  private void awaitLeaders(Topics topics) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> names = TopicLayout.names(topics);
    // a topic just created may be unknown to the broker answering for a moment: its metadata lags the
    // controller's. And the metadata names a leader a moment before that broker acts as one (a first produce
    // request then fails with NOT_LEADER_OR_FOLLOWER and is retried, with a warning): so ask every leader for
    // its end offset too, through metadata that another broker, lagging as well, may answer
    while (!everyLeaderAnswers(names)) {
      if (System.nanoTime() > deadline) {
        throw new TopicCheckException("topics " + String.join(", ", names) + " are not all visible with a leader for every partition after "
            + timeout.toSeconds() + " s: check the brokers of " + servers);
      }
      Thread.sleep(100);
    }
  }

  /** Whether every partition of {@code names} has a leader that tells its end offset; false while the metadata lags. */
  private boolean everyLeaderAnswers(List<String> names) throws InterruptedException {
    Map<String, Optional<TopicDescription>> described = describe(names);
    if (!everyPartitionLed(described)) {
      return false;
    }
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    described.values().forEach(topic -> topic.orElseThrow().partitions()
        .forEach(partition -> partitions.put(new TopicPartition(topic.get().name(), partition.partition()), OffsetSpec.latest())));
    try {
      admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs(millis())).all().get();
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InvalidMetadataException) { // unknown topic or no leader yet on the broker asked
        return false;
      }
      throw failure("cannot read the end offsets of topics " + String.join(", ", names), e.getCause(), "DESCRIBE");
    }
  }

  private static boolean everyPartitionLed(Map<String, Optional<TopicDescription>> described) {
    return described.values().stream().allMatch(topic -> topic.isPresent() && topic.get().partitions().stream()
        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
  }

  /** {@code operation}: the ACL operation the call needs. */
  private TopicCheckException failure(String what, Throwable cause, String operation) {
    if (cause instanceof TimeoutException) {
      return new TopicCheckException(what + ": no answer from Kafka at " + servers + " within " + timeout.toSeconds()
          + " s; check the bootstrap servers and that the cluster is up", cause);
    }
    if (cause instanceof AuthorizationException) {
      return new TopicCheckException(what + ": " + cause.getMessage() + "; grant this client's principal " + operation + " on them", cause);
    }
    return new TopicCheckException(what + ": " + cause.getMessage(), cause);
  }

  private int millis() {
    return (int) timeout.toMillis();
  }

  @Override
  public void close() {
    admin.close(timeout);
  }
}
