package io.penultimate.demo;

import io.penultimate.stream.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the monitor's topics and waits until they can take writes. */
public final class MonitorTopics {
  private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);

  private MonitorTopics() {}

  /**
   * Creates the six topics (outcomes and quality with one partition, for one global window) and
   * returns once the broker reports a leader for every partition. That alone does not make an
   * idempotent producer with several requests in flight safe on a new partition: see {@link
   * io.penultimate.demo.EventReplay#SAFE_IN_FLIGHT}.
   */
  public static void create(String servers, Topics topics, int partitions) throws InterruptedException, ExecutionException {
    List<NewTopic> all = List.of(
        new NewTopic(topics.events(), partitions, (short) 1), new NewTopic(topics.scores(), partitions, (short) 1),
        new NewTopic(topics.deadLetters(), 1, (short) 1), new NewTopic(topics.labels(), partitions, (short) 1),
        new NewTopic(topics.outcomes(), 1, (short) 1), new NewTopic(topics.quality(), 1, (short) 1));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      admin.createTopics(all).all().get();
      List<String> names = all.stream().map(NewTopic::name).toList();
      long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
      while (!admin.describeTopics(names).allTopicNames().get().values().stream()
          .flatMap(topic -> topic.partitions().stream())
          .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topics " + names + " have no leader after " + LEADER_TIMEOUT.toSeconds() + " s");
        }
        Thread.sleep(100);
      }
    }
  }
}
