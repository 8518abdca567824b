package io.penultimate.stream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;

/**
 * A real single-node KRaft broker in this JVM whose client listener is {@code SASL_SSL}
 * (SCRAM-SHA-512 over TLS with a certificate made by {@link TestCertificate}) and whose
 * {@code StandardAuthorizer} allows nothing without an ACL. Two users exist: {@link #ADMIN}, a
 * super user (the broker's own inter-broker identity, and the tests' for creating topics and ACLs),
 * and {@link #MONITOR}, who may do only what the ACLs a test grants allow.
 *
 * <p>The controller listener stays PLAINTEXT on localhost: the broker reaches its controller there
 * as {@code User:ANONYMOUS}, which therefore is a super user too; clients are only ever given the
 * SASL_SSL listener.
 */
public final class SecuredBroker {
  public static final String ADMIN = "admin";
  public static final String MONITOR = "monitor";
  private static final String LISTENER = "SECURED";

  private final KafkaClusterTestKit cluster;
  private final TestCertificate certificate;
  private final Map<String, String> passwords;

  private SecuredBroker(KafkaClusterTestKit cluster, TestCertificate certificate, Map<String, String> passwords) {
    this.cluster = cluster;
    this.certificate = certificate;
    this.passwords = passwords;
  }

  /**
   * Started, with both users created; certificates go to {@code dir}. The passwords are the
   * caller's, so that a test can look for them in output.
   */
  public static SecuredBroker start(Path dir, String adminPassword, String monitorPassword) throws Exception {
    TestCertificate certificate = TestCertificate.generate(dir, "store-" + Long.toHexString(System.nanoTime()));
    Map<String, String> passwords = Map.of(ADMIN, adminPassword, MONITOR, monitorPassword);
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes(passwords))
        // the test kit accepts only PLAINTEXT and SASL_PLAINTEXT for its listeners, but takes this map as given
        .setConfigProp("listener.security.protocol.map", LISTENER + ":SASL_SSL,CONTROLLER:PLAINTEXT")
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("sasl.enabled.mechanisms", "SCRAM-SHA-512")
        .setConfigProp("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
        .setConfigProp("listener.name." + LISTENER.toLowerCase() + ".scram-sha-512.sasl.jaas.config", jaas(ADMIN, adminPassword))
        .setConfigProp("ssl.keystore.type", "PKCS12")
        .setConfigProp("ssl.keystore.location", certificate.keystore().toString())
        .setConfigProp("ssl.keystore.password", certificate.password())
        .setConfigProp("ssl.truststore.type", "PKCS12")
        .setConfigProp("ssl.truststore.location", certificate.truststore().toString())
        .setConfigProp("ssl.truststore.password", certificate.password())
        .setConfigProp("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
        .setConfigProp("allow.everyone.if.no.acl.found", "false")
        .setConfigProp("super.users", "User:" + ADMIN + ";User:ANONYMOUS")
        .build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return new SecuredBroker(cluster, certificate, passwords);
  }

  /**
   * The nodes, with both users' SCRAM credentials in the cluster's bootstrap metadata, as {@code
   * kafka-storage.sh format --add-scram} writes them: the broker must be able to log in as the
   * admin (inter-broker) before any client could create a user through it.
   */
  private static TestKitNodes nodes(Map<String, String> passwords) throws Exception {
    TestKitNodes plain = new TestKitNodes.Builder().build();
    List<ApiMessageAndVersion> records = new ArrayList<>(plain.bootstrapMetadata().records());
    ScramFormatter formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
    for (Map.Entry<String, String> user : passwords.entrySet()) {
      ScramCredential credential = formatter.generateCredential(user.getValue(), 4096);
      records.add(new ApiMessageAndVersion(new UserScramCredentialRecord()
          .setName(user.getKey()).setMechanism(ScramMechanism.SCRAM_SHA_512.type())
          .setSalt(credential.salt()).setStoredKey(credential.storedKey()).setServerKey(credential.serverKey())
          .setIterations(credential.iterations()), (short) 0));
    }
    return new TestKitNodes.Builder(BootstrapMetadata.fromRecords(records, "secured-broker"))
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
        .setBrokerListenerName(new ListenerName(LISTENER))
        .build();
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** Everything a client needs to log in as {@code user} over TLS, the brokers included. */
  public Map<String, Object> clientConfig(String user) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_SSL.name);
    config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
    config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, passwords.get(user)));
    config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
    config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificate.truststore().toString());
    config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, certificate.password());
    return config;
  }

  /** An admin client logged in as the super user. */
  public Admin admin() {
    return Admin.create(clientConfig(ADMIN));
  }

  /** The certificate the broker presents; its truststore is what clients trust. */
  public TestCertificate certificate() {
    return certificate;
  }

  /** Stops the broker and deletes its data. */
  public void stop() throws Exception {
    cluster.close();
  }
}
