package io.penultimate.cli;

import io.penultimate.stream.TopicCheck;
import io.penultimate.stream.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code serve} does with its topics before the monitor starts: checks them through an admin
 * client configured as the Streams application's, or, with {@code --create-topics}, creates the
 * missing ones first. A problem stops it with one line and exit code 1.
 */
final class TopicsAtStartup {
  static final String CREATE_FLAG = "--create-topics";

  private TopicsAtStartup() {}

  /** The creation settings {@code --create-topics} asks for, checked (exit 2); empty without the flag. */
  static Optional<TopicCheck.Creation> creation(boolean create, int partitions, Short replicationFactor) {
    try {
      TopicCheck.Creation creation = new TopicCheck.Creation(partitions, Optional.ofNullable(replicationFactor));
      return create ? Optional.of(creation) : Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--partitions, --replication-factor: " + e.getMessage());
    }
  }

  static void prepare(Properties streamsProperties, Topics topics, Optional<TopicCheck.Creation> creation, PrintWriter err)
      throws InterruptedException {
    try (TopicCheck check = TopicCheck.forStreams(streamsProperties)) {
      if (creation.isEmpty()) {
        check.verify(topics, "run serve with " + CREATE_FLAG);
        return;
      }
      List<String> created = check.createMissing(topics, creation.get());
      if (!created.isEmpty()) {
        err.println("penultimate: created topics " + String.join(", ", created));
      }
    }
  }
}
