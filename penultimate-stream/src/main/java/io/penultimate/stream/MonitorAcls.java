package io.penultimate.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs a monitor's principal needs, and no more, derived from the configured topics and the
 * application id {@code A}: READ on the topics it consumes (events, labels, outcomes), WRITE on
 * those it produces (outcomes, scores, dead letters, quality), CREATE, READ, WRITE and DELETE on
 * topics prefixed {@code A-} (Kafka Streams' changelogs: created at the first start, written with
 * every state change, read back when a task restores its state; and the quality summaries'
 * repartition topic, whose committed records Streams deletes), READ on the consumer group {@code A},
 * and, under exactly-once, WRITE on transactional ids prefixed {@code A-} (each stream thread's
 * producer is transactional; at-least-once needs none, its idempotent producers only WRITE on the topics). READ and WRITE imply DESCRIBE, which the start-up check and the clients'
 * metadata requests need. Without {@code --create-topics}, nothing needs CREATE on the six topics
 * or on the cluster; with it, CREATE on the missing ones. The integration test
 * {@code SecuredServeIntegrationTest} removes each ACL in turn and sees serve stop.
 */
public final class MonitorAcls {
  private MonitorAcls() {}

  /** One permission: an operation on a resource named literally or by prefix. */
  public record Acl(ResourceType resourceType, String name, PatternType patternType, AclOperation operation) {
    /** {@code topic 'scores'}, {@code topics prefixed 'penultimate-'}, {@code group 'penultimate'}. */
    public String resource() {
      String type = switch (resourceType) {
        case TOPIC -> "topic";
        case GROUP -> "group";
        case TRANSACTIONAL_ID -> "transactional id";
        default -> resourceType.name().toLowerCase(Locale.ROOT);
      };
      return patternType == PatternType.PREFIXED ? type + "s prefixed '" + name + "'" : type + " '" + name + "'";
    }

    /** Whether this ACL covers the resource {@code resourceName} of type {@code type}. */
    public boolean covers(ResourceType type, String resourceName) {
      return type == resourceType && (patternType == PatternType.PREFIXED ? resourceName.startsWith(name) : resourceName.equals(name));
    }

    /** The binding that grants it to {@code principal} ({@code User:monitor}) from any host. */
    public AclBinding binding(String principal) {
      return new AclBinding(new ResourcePattern(resourceType, name, patternType),
          new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** The {@code kafka-acls.sh} command that grants it. */
    public String command(String principal) {
      String resource = switch (resourceType) {
        case TOPIC -> "--topic";
        case GROUP -> "--group";
        case TRANSACTIONAL_ID -> "--transactional-id";
        default -> throw new IllegalStateException("no kafka-acls.sh flag for " + resourceType);
      };
      return "kafka-acls.sh --bootstrap-server $BROKERS --command-config admin.properties --add --allow-principal " + principal
          + " --operation " + operation.name() + " " + resource + " '" + name + "'"
          + (patternType == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }
  }

  /** Every ACL the monitor configured by {@code config} needs, in the order the documentation lists them. */
  public static List<Acl> required(MonitorConfig config) {
    Topics topics = config.topics();
    String internal = config.applicationId() + "-";
    List<Acl> acls = new ArrayList<>();
    for (String consumed : List.of(topics.events(), topics.labels(), topics.outcomes())) {
      acls.add(topic(consumed, AclOperation.READ));
    }
    for (String produced : List.of(topics.outcomes(), topics.scores(), topics.deadLetters(), topics.quality())) {
      acls.add(topic(produced, AclOperation.WRITE));
    }
    for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE)) {
      acls.add(new Acl(ResourceType.TOPIC, internal, PatternType.PREFIXED, operation));
    }
    acls.add(new Acl(ResourceType.GROUP, config.applicationId(), PatternType.LITERAL, AclOperation.READ));
    if (config.exactlyOnce()) {
      acls.add(new Acl(ResourceType.TRANSACTIONAL_ID, internal, PatternType.PREFIXED, AclOperation.WRITE));
    }
    return List.copyOf(acls);
  }

  private static Acl topic(String name, AclOperation operation) {
    return new Acl(ResourceType.TOPIC, name, PatternType.LITERAL, operation);
  }
}
