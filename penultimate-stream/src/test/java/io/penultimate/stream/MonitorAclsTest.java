package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class MonitorAclsTest {
  private static final MonitorConfig CONFIG = MonitorConfig.DEFAULT.with(Topics.withPrefix("shop")).with("application-id", "shop-monitor");

  @Test
  void derivesEveryAclFromTheTopicsAndTheApplicationId() {
    assertThat(MonitorAcls.required(CONFIG)).extracting(acl -> acl.operation() + " " + acl.resource()).containsExactly(
        "READ topic 'shop.events'", "READ topic 'shop.labels'", "READ topic 'shop.outcomes'",
        "WRITE topic 'shop.outcomes'", "WRITE topic 'shop.scores'", "WRITE topic 'shop.dlq'", "WRITE topic 'shop.quality'",
        "CREATE topics prefixed 'shop-monitor-'", "READ topics prefixed 'shop-monitor-'", "WRITE topics prefixed 'shop-monitor-'",
        "DELETE topics prefixed 'shop-monitor-'", "READ group 'shop-monitor'", "WRITE transactional ids prefixed 'shop-monitor-'");
  }

  @Test
  void atLeastOnceNeedsNoTransactionalIds() {
    assertThat(MonitorAcls.required(CONFIG.with("processing-guarantee", "at_least_once")))
        .hasSize(MonitorAcls.required(CONFIG).size() - 1)
        .noneMatch(acl -> acl.resourceType() == ResourceType.TRANSACTIONAL_ID);
  }

  @Test
  void aPrefixedAclCoversTheNamesStartingWithItAndALiteralOneOnlyItsOwn() {
    MonitorAcls.Acl changelogs = new MonitorAcls.Acl(ResourceType.TOPIC, "shop-monitor-", PatternType.PREFIXED, AclOperation.READ);
    assertThat(changelogs.covers(ResourceType.TOPIC, "shop-monitor-pending-labels-changelog")).isTrue();
    assertThat(changelogs.covers(ResourceType.TOPIC, "shop-monitor")).isFalse();
    assertThat(changelogs.covers(ResourceType.GROUP, "shop-monitor-x")).isFalse();
    MonitorAcls.Acl events = new MonitorAcls.Acl(ResourceType.TOPIC, "shop.events", PatternType.LITERAL, AclOperation.READ);
    assertThat(events.covers(ResourceType.TOPIC, "shop.events")).isTrue();
    assertThat(events.covers(ResourceType.TOPIC, "shop.events2")).isFalse();
  }

  @Test
  void bindsAndWritesTheCommandForAPrincipal() {
    MonitorAcls.Acl transactions = MonitorAcls.required(CONFIG).get(12);
    assertThat(transactions.binding("User:shop").toString())
        .contains("resourceType=TRANSACTIONAL_ID", "name=shop-monitor-", "patternType=PREFIXED", "principal=User:shop", "operation=WRITE",
            "permissionType=ALLOW");
    assertThat(transactions.command("User:shop")).endsWith(
        "--add --allow-principal User:shop --operation WRITE --transactional-id 'shop-monitor-' --resource-pattern-type prefixed");
  }

  @Test
  void deployDocsListTheCommandsForTheDefaultConfiguration() throws Exception {
    String docs = Files.readString(Path.of("docs", "deploy.md"));
    for (MonitorAcls.Acl acl : MonitorAcls.required(MonitorConfig.DEFAULT)) {
      assertThat(docs).contains(acl.command("User:penultimate") + "\n").contains("| " + acl.operation() + " | " + acl.resource() + " |");
    }
  }

  @Test
  void namesThePrincipalByTheJaasUsernameButNeverReadsThePassword() {
    Properties scram = new Properties();
    scram.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"monitor\" password=\"pw\";");
    Properties fromEnvironment = new Properties();
    fromEnvironment.put("sasl.jaas.config", "... required username=\"${env:KAFKA_SASL_USERNAME}\" password=\"${env:P}\";");
    assertThat(List.of(scram, fromEnvironment, new Properties())).extracting(AccessCheck::principal)
        .containsExactly("User:monitor", "this client's principal", "this client's principal");
  }
}
