package io.penultimate.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Which of the ACLs the monitor needs ({@link MonitorAcls}) its principal lacks, asked of the
 * cluster itself: the operations a principal may perform on a topic or group come back with
 * their descriptions ({@code includeAuthorizedOperations}), so a missing ACL is named before Kafka
 * Streams starts for the six topics and the group, and after a stream thread died of an
 * authorisation error for whatever that error names (the internal topics, the transactional ids).
 */
public final class AccessCheck {
  private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

  private final Admin admin;
  private final List<MonitorAcls.Acl> required;
  private final String principal;
  private final Duration timeout;

  AccessCheck(Admin admin, List<MonitorAcls.Acl> required, String principal, Duration timeout) {
    this.admin = admin;
    this.required = List.copyOf(required);
    this.principal = principal;
    this.timeout = timeout;
  }

  /**
   * {@code User:NAME} when the client logs in by SASL with a username in its JAAS configuration
   * (SCRAM, PLAIN); otherwise a description, as the principal then depends on the broker's mapping.
   * Only the username is read: the password is never copied anywhere.
   */
  public static String principal(Properties clientProperties) {
    Object jaas = clientProperties.get(SaslConfigs.SASL_JAAS_CONFIG);
    if (jaas != null) {
      Matcher username = USERNAME.matcher(jaas.toString());
      if (username.find() && !username.group(1).contains("${")) {
        return "User:" + username.group(1);
      }
    }
    return "this client's principal";
  }

  /**
   * @throws NotAuthorisedException naming the first ACL in {@link MonitorAcls} order that the
   *     principal lacks on an existing one of the six topics or on the group
   */
  public void verify() throws InterruptedException {
    List<String> topics = required.stream()
        .filter(acl -> acl.resourceType() == ResourceType.TOPIC && acl.patternType() == PatternType.LITERAL)
        .map(MonitorAcls.Acl::name).distinct().toList();
    Map<String, Optional<Set<AclOperation>>> topicOperations = topicOperations(topics);
    Optional<Set<AclOperation>> groupOperations = groupOperations();
    for (MonitorAcls.Acl acl : required) {
      Optional<Set<AclOperation>> granted = switch (acl.resourceType()) {
        case TOPIC -> topicOperations.getOrDefault(acl.name(), Optional.empty());
        case GROUP -> groupOperations;
        default -> Optional.empty();
      };
      if (granted.isPresent() && !granted.get().contains(acl.operation())) {
        throw new NotAuthorisedException(acl, principal);
      }
    }
  }

  /**
   * The ACL whose absence caused {@code failure} (an {@link AuthorizationException} anywhere in
   * its causes), as a one-line exception; empty when the failure was not about authorisation.
   */
  public Optional<NotAuthorisedException> explain(Throwable failure) throws InterruptedException {
    AuthorizationException denied = authorisationCause(failure);
    if (denied == null) {
      return Optional.empty();
    }
    Optional<MonitorAcls.Acl> missing = missingFor(denied);
    return Optional.of(missing.map(acl -> new NotAuthorisedException(acl, principal))
        .orElseGet(() -> new NotAuthorisedException("not authorised as " + principal + ": " + denied.getMessage()
            + "; grant the ACLs of docs/deploy.md#acls")));
  }

  private Optional<MonitorAcls.Acl> missingFor(AuthorizationException denied) throws InterruptedException {
    if (denied instanceof GroupAuthorizationException) {
      return first(ResourceType.GROUP);
    }
    if (denied instanceof TransactionalIdAuthorizationException) {
      return first(ResourceType.TRANSACTIONAL_ID);
    }
    if (denied instanceof TopicAuthorizationException topicDenied) {
      for (String topic : topicDenied.unauthorizedTopics()) {
        Optional<MonitorAcls.Acl> missing = missingOnTopic(topic);
        if (missing.isPresent()) {
          return missing;
        }
      }
      // a refused CreateTopics names no topic (Streams creating its changelogs): ask the broker whether it would create one
      for (MonitorAcls.Acl create : prefixedCreates()) {
        if (!mayCreate(create.name() + "penultimate-access-check")) {
          return Optional.of(create);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<MonitorAcls.Acl> first(ResourceType type) {
    return required.stream().filter(acl -> acl.resourceType() == type).findFirst();
  }

  /**
   * The first required ACL on {@code topic} the principal lacks: of those it may be checked for
   * when the topic exists, CREATE when it does not (the failure was creating it), else the first.
   */
  private Optional<MonitorAcls.Acl> missingOnTopic(String topic) throws InterruptedException {
    List<MonitorAcls.Acl> covering = required.stream().filter(acl -> acl.covers(ResourceType.TOPIC, topic)).toList();
    if (covering.isEmpty()) {
      return Optional.empty();
    }
    Optional<Set<AclOperation>> granted = topicOperations(List.of(topic)).get(topic);
    if (granted.isPresent()) {
      return covering.stream().filter(acl -> !granted.get().contains(acl.operation())).findFirst();
    }
    return covering.stream().filter(acl -> acl.operation() == AclOperation.CREATE).findFirst().or(() -> Optional.of(covering.get(0)));
  }

  private List<MonitorAcls.Acl> prefixedCreates() {
    return required.stream().filter(acl -> acl.resourceType() == ResourceType.TOPIC && acl.patternType() == PatternType.PREFIXED
        && acl.operation() == AclOperation.CREATE).toList();
  }

  /** Whether the broker would create {@code topic}; validate-only, so that nothing is created. */
  private boolean mayCreate(String topic) throws InterruptedException {
    try {
      admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())),
          new CreateTopicsOptions().validateOnly(true).timeoutMs(millis())).all().get();
      return true;
    } catch (ExecutionException e) {
      return !(e.getCause() instanceof TopicAuthorizationException);
    }
  }

  /**
   * Per topic, the operations granted, or empty when the topic does not exist or cannot even be
   * described (no READ, WRITE or DESCRIBE: every operation the monitor needs on it is missing).
   */
  private Map<String, Optional<Set<AclOperation>>> topicOperations(List<String> topics) throws InterruptedException {
    var futures = admin.describeTopics(topics, new DescribeTopicsOptions().includeAuthorizedOperations(true).timeoutMs(millis()))
        .topicNameValues();
    Map<String, Optional<Set<AclOperation>>> operations = new HashMap<>();
    for (String topic : topics) {
      try {
        TopicDescription description = futures.get(topic).get();
        operations.put(topic, Optional.ofNullable(description.authorizedOperations()));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TopicAuthorizationException) {
          operations.put(topic, Optional.of(Set.of()));
        } else if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          operations.put(topic, Optional.empty());
        } else {
          throw new TopicCheckException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
    }
    return operations;
  }

  /** The operations granted on the group; a group that does not exist yet still reports them. */
  private Optional<Set<AclOperation>> groupOperations() throws InterruptedException {
    Optional<String> group = required.stream().filter(acl -> acl.resourceType() == ResourceType.GROUP).map(MonitorAcls.Acl::name).findFirst();
    if (group.isEmpty()) {
      return Optional.empty();
    }
    try {
      ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group.get()),
          new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true).timeoutMs(millis())).all().get().get(group.get());
      return Optional.ofNullable(description.authorizedOperations());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return groupDescribable(group.get());
      }
      if (e.getCause() instanceof GroupAuthorizationException) {
        return Optional.of(Set.of());
      }
      throw new TopicCheckException("cannot describe group " + group.get() + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * A group that does not exist yet has no description to carry its operations, but reading its
   * offsets needs DESCRIBE, which READ implies: refused, the principal has neither; allowed, READ is
   * assumed (granting DESCRIBE alone would be unusual) and checked by the consumer itself.
   */
  private Optional<Set<AclOperation>> groupDescribable(String group) throws InterruptedException {
    try {
      admin.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().timeoutMs(millis())).partitionsToOffsetAndMetadata().get();
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupAuthorizationException) {
        return Optional.of(Set.of());
      }
      throw new TopicCheckException("cannot read the offsets of group " + group + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static AuthorizationException authorisationCause(Throwable failure) {
    List<Throwable> seen = new ArrayList<>();
    for (Throwable cause = failure; cause != null && !seen.contains(cause); cause = cause.getCause()) {
      if (cause instanceof AuthorizationException denied) {
        return denied;
      }
      seen.add(cause);
    }
    return null;
  }

  private int millis() {
    return (int) timeout.toMillis();
  }
}
