package io.fluxgate.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.standalone.EmbeddedKafkaBroker.EmbeddedKafkaException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a real in-process KRaft broker. */
class EmbeddedKafkaBrokerIT {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerIT.class);
  private static final String EVENTS = "events";
  private static final String TX_EVENTS = "tx-events";
  private static final int RECORDS = 1_000;
  private static final int TX_RECORDS = 10;
  private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tempDir;

  @Test
  void servesProducesConsumesTransactsAndKeepsEverythingAcrossRestart() throws Exception {
    Path dataDir = tempDir.resolve("kafka");
    Set<Thread> threadsBefore = nonDaemonThreads();
    String clusterId;
    int port;

    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build();
    try {
      long t0 = System.nanoTime();
      broker.start();
      LOG.info("MEASURE first start (with format): {} ms", millisSince(t0));

      assertThat(broker.isRunning()).isTrue();
      port = broker.port();
      assertThat(port).isPositive();
      assertThat(broker.controllerPort()).isPositive().isNotEqualTo(port);
      assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      clusterId = broker.clusterId();
      assertThat(clusterId).isNotBlank();

      try (Admin admin = admin(broker)) {
        assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
        FeatureMetadata features = admin.describeFeatures().featureMetadata().get();
        assertThat(features.finalizedFeatures()).containsKeys("share.version", "streams.version");
        assertThat(features.finalizedFeatures().get("share.version").maxVersionLevel())
            .isGreaterThanOrEqualTo((short) 1);
        assertThat(features.finalizedFeatures().get("streams.version").maxVersionLevel())
            .isGreaterThanOrEqualTo((short) 1);

        admin
            .createTopics(
                List.of(new NewTopic(EVENTS, 3, (short) 1), new NewTopic(TX_EVENTS, 3, (short) 1)))
            .all()
            .get();
        assertThat(admin.describeTopics(List.of(EVENTS)).allTopicNames().get())
            .extractingByKey(EVENTS)
            .satisfies(d -> assertThat(d.partitions()).hasSize(3));
        // auto.create.topics.enable=false: only what we created (plus internal topics) exists.
        assertThat(admin.listTopics().names().get()).contains(EVENTS, TX_EVENTS);
      }

      long tProduce = System.nanoTime();
      try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
        for (int i = 0; i < RECORDS; i++) {
          producer.send(new ProducerRecord<>(EVENTS, "key-" + i, "value-" + i));
        }
        producer.flush();
      }
      LOG.info("MEASURE produced {} records in {} ms", RECORDS, millisSince(tProduce));

      long tConsume = System.nanoTime();
      assertThat(consumeAll(broker, EVENTS, "group-1", RECORDS, "read_uncommitted"))
          .containsExactlyInAnyOrderElementsOf(expectedValues());
      LOG.info("MEASURE consumed {} records in {} ms", RECORDS, millisSince(tConsume));

      long tTx = System.nanoTime();
      try (KafkaProducer<String, String> producer =
          producer(broker, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-1"))) {
        producer.initTransactions();
        producer.beginTransaction();
        for (int i = 0; i < TX_RECORDS; i++) {
          producer.send(new ProducerRecord<>(TX_EVENTS, "k" + i, "tx-" + i));
        }
        producer.commitTransaction();
      }
      assertThat(consumeAll(broker, TX_EVENTS, "tx-group", TX_RECORDS, "read_committed"))
          .containsExactlyInAnyOrderElementsOf(expectedTxValues());
      LOG.info("MEASURE transaction committed and read in {} ms", millisSince(tTx));

      // A second broker on the ports of the running one fails fast with a clear message.
      EmbeddedKafkaBroker second =
          EmbeddedKafkaBroker.builder().dataDir(tempDir.resolve("second")).port(port).build();
      assertThatThrownBy(second::start)
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("broker port " + port)
          .hasMessageContaining("already in use");
      assertThat(second.isRunning()).isFalse();
      second.close();
      EmbeddedKafkaBroker third =
          EmbeddedKafkaBroker.builder()
              .dataDir(tempDir.resolve("third"))
              .controllerPort(broker.controllerPort())
              .build();
      assertThatThrownBy(third::start)
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("controller port " + broker.controllerPort())
          .hasMessageContaining("already in use");
      third.close();
      // ... and the running broker is unaffected.
      try (Admin admin = admin(broker)) {
        assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
      }
    } finally {
      long tStop = System.nanoTime();
      broker.close();
      LOG.info("MEASURE first stop: {} ms", millisSince(tStop));
    }
    assertThat(broker.isRunning()).isFalse();
    assertThat(nonDaemonThreads()).as("threads left after close").isSubsetOf(threadsBefore);
    broker.close(); // idempotent
    assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);

    // Restart on the same data dir, same (explicit) port.
    EmbeddedKafkaBroker restarted =
        EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).build();
    try {
      long t0 = System.nanoTime();
      restarted.start();
      LOG.info("MEASURE restart (existing storage): {} ms", millisSince(t0));

      assertThat(restarted.clusterId()).isEqualTo(clusterId);
      assertThat(restarted.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThat(consumeAll(restarted, EVENTS, "group-after-restart", RECORDS, "read_uncommitted"))
          .containsExactlyInAnyOrderElementsOf(expectedValues());
      assertThat(
              consumeAll(
                  restarted, TX_EVENTS, "tx-group-after-restart", TX_RECORDS, "read_committed"))
          .containsExactlyInAnyOrderElementsOf(expectedTxValues());
    } finally {
      long tStop = System.nanoTime();
      restarted.close();
      LOG.info("MEASURE restart stop: {} ms", millisSince(tStop));
    }
    restarted.close();
    assertThat(restarted.isRunning()).isFalse();
  }

  @Test
  void retriesWithOtherPortsWhenAnAutomaticallyPickedPortIsTakenBeforeKafkaBindsIt()
      throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int busy = squatter.getLocalPort();
      AtomicInteger picks = new AtomicInteger();
      try (EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.builder()
              .dataDir(tempDir.resolve("kafka"))
              .freePortFinder(
                  () -> picks.getAndIncrement() == 0 ? busy : EmbeddedKafkaBroker.anyFreePort())
              .build()) {
        broker.start();
        assertThat(broker.port()).isNotEqualTo(busy);
        try (Admin admin = admin(broker)) {
          assertThat(admin.describeCluster().clusterId().get()).isEqualTo(broker.clusterId());
        }
      }
    }
  }

  @Test
  void closeWithoutStartIsANoOp() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(tempDir).build();
    broker.close();
    broker.close();
    assertThat(broker.isRunning()).isFalse();
    assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderRejectsManagedPropertiesAndMissingDataDir() {
    assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().property("listeners", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listeners");
    assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dataDir");
    assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(70_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> expectedValues() {
    return IntStream.range(0, RECORDS).mapToObj(i -> "value-" + i).toList();
  }

  private static List<String> expectedTxValues() {
    return IntStream.range(0, TX_RECORDS).mapToObj(i -> "tx-" + i).toList();
  }

  private static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static KafkaProducer<String, String> producer(
      EmbeddedKafkaBroker broker, Map<String, Object> extra) {
    Map<String, Object> config =
        new java.util.HashMap<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5));
    config.putAll(extra);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static List<String> consumeAll(
      EmbeddedKafkaBroker broker, String topic, String groupId, int expected, String isolation) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      // Nothing beyond what was expected shows up.
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        values.add(record.value());
      }
    }
    return values;
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isDaemon() && t.isAlive())
        .collect(Collectors.toSet());
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
