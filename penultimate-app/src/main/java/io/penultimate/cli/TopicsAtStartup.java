package io.penultimate.cli;

import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.NotAuthorisedException;
import io.penultimate.stream.TopicCheck;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * What {@code serve} does with its topics before the monitor starts: checks them through an admin
 * client configured as the Streams application's, or, with {@code --create-topics}, creates the
 * missing ones first; before either, that the principal holds the ACLs the monitor needs on them
 * and its group; after, that the quality state an earlier run kept fits the outcomes topic. A problem stops it with one line and exit code 1.
 */
final class TopicsAtStartup {
  private TopicsAtStartup() {}

  /** Checks, or creates with --create-topics, the topics of this validated configuration. */
  static void prepare(MonitorConfig config, PrintWriter err) throws InterruptedException {
    Optional<TopicCheck.Creation> creation = config.topicCreation();
    try (TopicCheck check = TopicCheck.forStreams(config.streamsProperties())) {
      // first: without DESCRIBE on a topic, the layout check could only say that it cannot describe it
      check.access(config).verify();
      if (creation.isEmpty()) {
        check.verify(config.topics(), "run serve with --create-topics");
      } else {
        // a recreated outcomes topic takes the count the quality windows were kept for, so that they carry on
        List<String> created =
            check.createMissing(config.topics(), creation.get().keepingOutcomes(check.keptQualityPartitions(config.applicationId())));
        if (!created.isEmpty()) {
          err.println("penultimate: created topics " + String.join(", ", created));
        }
      }
      check.verifyQualityState(config.applicationId(), config.topics());
    }
  }

  /**
   * The one-line reason of a stream thread's fatal failure when it was a missing ACL, asked of the
   * cluster; empty for any other failure.
   */
  static Optional<NotAuthorisedException> explain(MonitorConfig config, Throwable failure) throws InterruptedException {
    try (TopicCheck check = TopicCheck.forStreams(config.streamsProperties())) {
      return check.access(config).explain(failure);
    }
  }
}
