package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fluxgate.schemas.registry.store.KafkaRegistryLog;
import io.fluxgate.schemas.registry.store.KafkaRegistryLogConfig;
import io.fluxgate.schemas.registry.store.RegistryLog.Entry;
import io.fluxgate.schemas.registry.store.RegistryLog.Proposal;
import io.fluxgate.schemas.registry.store.RegistryLog.RecordSink;
import io.fluxgate.schemas.registry.store.RegistryLogException;
import io.fluxgate.standalone.EmbeddedKafkaBroker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry log on a real broker: several instances sharing one topic hand out every id exactly
 * once, a new instance replays the log, a fenced writer's records never surface, and an unfit topic
 * or an absent broker fails clearly and in time.
 */
class KafkaRegistryLogIT {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaRegistryLogIT.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @TempDir static Path dataDir;
  private static EmbeddedKafkaBroker broker;
  private static Admin admin;

  private final List<KafkaRegistryLog> logs = new ArrayList<>();
  private String name;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build();
    broker.start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @BeforeEach
  void nameAfterTest(TestInfo test) {
    // Each test has its own topic and write lock on the shared broker.
    name = "registry-" + test.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void closeLogs() {
    logs.forEach(KafkaRegistryLog::close);
  }

  @Test
  void shouldHandOutEveryIdExactlyOnceWhenInstancesAppendConcurrently() throws Exception {
    int instances = 3;
    int threadsPerInstance = 2;
    int appendsPerThread = 15;
    List<IdState> states = new ArrayList<>();
    List<KafkaRegistryLog> registries = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      IdState state = new IdState();
      states.add(state);
      registries.add(open(config(), state));
    }

    long started = System.nanoTime();
    List<Written> written =
        appendConcurrently(registries, states, threadsPerInstance, appendsPerThread);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    LOG.info(
        "MEASURE {} appends by {} instances x {} threads in {} ms ({} appends/s)",
        written.size(),
        instances,
        threadsPerInstance,
        elapsedMillis,
        written.size() * 1000L / Math.max(1, elapsedMillis));

    int total = instances * threadsPerInstance * appendsPerThread;
    assertThat(written)
        .extracting(Written::id)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    Map<Long, String> expected = new TreeMap<>();
    written.forEach(w -> expected.put(w.id(), w.value()));
    for (int i = 0; i < instances; i++) {
      registries.get(i).awaitCaughtUp(TIMEOUT);
      assertThat(states.get(i).ids).as("instance %s", i).isEqualTo(expected);
    }
  }

  @Test
  void shouldHandOutContiguousIdsToConcurrentAppendsOfOneInstance() throws Exception {
    IdState state = new IdState();
    KafkaRegistryLog log = open(config(), state);

    long started = System.nanoTime();
    List<Written> written = appendConcurrently(List.of(log), List.of(state), 3, 30);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    LOG.info(
        "MEASURE {} appends by 1 instance x 3 threads in {} ms ({} appends/s)",
        written.size(),
        elapsedMillis,
        written.size() * 1000L / Math.max(1, elapsedMillis));

    assertThat(written)
        .extracting(Written::id)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 90).boxed().toList());
    assertThat(state.ids).hasSize(90);
  }

  @Test
  void shouldShowAWriteOfAnotherInstanceOnceCaughtUp() {
    IdState writerState = new IdState();
    IdState readerState = new IdState();
    KafkaRegistryLog writer = open(config(), writerState);
    KafkaRegistryLog reader = open(config(), readerState);

    writer.append(() -> next(writerState, "from-writer"));
    reader.awaitCaughtUp(TIMEOUT);

    assertThat(readerState.ids).containsExactly(Map.entry(1L, "from-writer"));
  }

  @Test
  void shouldReplayTheWholeLogToANewInstanceAndForgetTombstonedKeys() {
    IdState first = new IdState();
    KafkaRegistryLog log = open(config(), first);
    for (int i = 0; i < 5; i++) {
      log.append(() -> next(first, "v"));
    }
    log.append(() -> new Proposal<>(List.of(new Entry(key(2), null)), null));
    log.close();

    List<String> replayed = new CopyOnWriteArrayList<>();
    IdState second = new IdState();
    open(
        config(),
        (key, value) -> {
          replayed.add(text(key) + "=" + (value == null ? "null" : text(value)));
          second.apply(key, value);
        });

    assertThat(replayed).containsExactly("1=v", "2=v", "3=v", "4=v", "5=v", "2=null");
    assertThat(second.ids).containsOnlyKeys(1L, 3L, 4L, 5L);
  }

  @Test
  void shouldNeverPassTheRecordsOfAFencedWriterToAnySink() throws Exception {
    IdState state = new IdState();
    KafkaRegistryLog log = open(config(), state);
    log.append(() -> new Proposal<>(List.of(new Entry(key(1), bytes("before"))), null));

    try (KafkaProducer<byte[], byte[]> stray = strayProducer()) {
      // Another writer takes the lock from the log's live producer and leaves a record open.
      stray.initTransactions();
      stray.beginTransaction();
      stray.send(new ProducerRecord<>(name, 0, key(99), bytes("stray"))).get();

      log.append(() -> new Proposal<>(List.of(new Entry(key(2), bytes("after"))), null));

      assertThatThrownBy(stray::commitTransaction).isInstanceOf(KafkaException.class);
    }
    IdState fresh = new IdState();
    open(config(), fresh);
    assertThat(state.ids).containsOnlyKeys(1L, 2L);
    assertThat(fresh.ids).containsOnlyKeys(1L, 2L);
  }

  @Test
  void shouldSkipARecordTheSinkThrowsOnAndGoOn() {
    IdState state = new IdState();
    KafkaRegistryLog log =
        open(
            config(),
            (key, value) -> {
              if ("poison".equals(text(value))) {
                throw new IllegalArgumentException("unreadable");
              }
              state.apply(key, value);
            });

    log.append(() -> new Proposal<>(List.of(new Entry(key(1), bytes("poison"))), null));
    log.append(() -> new Proposal<>(List.of(new Entry(key(2), bytes("fine"))), null));

    assertThat(state.ids).containsExactly(Map.entry(2L, "fine"));
  }

  @Test
  void shouldPassTheDecisionsOwnFailureOnAndAppendNothing() {
    KafkaRegistryLog log = open(config(), new IdState());
    long before = log.position();

    assertThatThrownBy(
            () ->
                log.append(
                    () -> {
                      throw new IllegalStateException("subject is read-only");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("subject is read-only");
    assertThat(log.append(() -> new Proposal<>(List.of(), "nothing to write")))
        .isEqualTo("nothing to write");
    log.awaitCaughtUp(TIMEOUT);
    assertThat(log.position()).isEqualTo(before);
  }

  @Test
  void shouldCreateItsTopicWithOnePartitionCompacted() throws Exception {
    open(config(), new IdState());

    assertThat(admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions())
        .hasSize(1);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
    var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
    assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
  }

  @Test
  void shouldRefuseATopicWithMoreThanOnePartition() throws Exception {
    admin
        .createTopics(
            List.of(
                new NewTopic(name, Optional.of(2), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact"))))
        .all()
        .get();

    RegistryLogException failure = startFailure(config());

    assertThat(failure.timedOut()).isFalse();
    assertThat(failure).hasMessageContaining(name).hasMessageContaining("has 2 partitions");
  }

  @Test
  void shouldRefuseATopicThatDeletesOldRecords() throws Exception {
    admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all().get();

    RegistryLogException failure = startFailure(config());

    assertThat(failure.timedOut()).isFalse();
    assertThat(failure).hasMessageContaining(name).hasMessageContaining("cleanup.policy=delete");
  }

  @Test
  void shouldGiveUpStartingWithinTheTimeoutWhenNoBrokerAnswers() throws Exception {
    KafkaRegistryLogConfig nowhere =
        KafkaRegistryLogConfig.of(Map.of("bootstrap.servers", "127.0.0.1:" + closedPort()))
            .withTopic(name)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    long started = System.nanoTime();

    RegistryLogException failure = startFailure(nowhere);

    assertThat(failure.timedOut()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void shouldRefuseToAppendOnceClosed() {
    KafkaRegistryLog log = open(config(), new IdState());
    log.close();
    log.close();

    assertThatThrownBy(() -> log.append(() -> new Proposal<>(List.of(), null)))
        .isInstanceOf(RegistryLogException.class)
        .hasMessageContaining("closed");
  }

  private List<Written> appendConcurrently(
      List<KafkaRegistryLog> registries, List<IdState> states, int threads, int appends)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(registries.size() * threads);
    try {
      List<Future<List<Written>>> futures = new ArrayList<>();
      for (int i = 0; i < registries.size(); i++) {
        KafkaRegistryLog log = registries.get(i);
        IdState state = states.get(i);
        for (int t = 0; t < threads; t++) {
          String writer = "instance" + i + "-thread" + t;
          futures.add(
              pool.submit(
                  () -> {
                    List<Written> mine = new ArrayList<>();
                    for (int seq = 0; seq < appends; seq++) {
                      String value = writer + "-" + seq;
                      mine.add(log.append(() -> next(state, value)));
                    }
                    return mine;
                  }));
        }
      }
      List<Written> all = new ArrayList<>();
      for (Future<List<Written>> future : futures) {
        all.addAll(future.get(60, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The decision under test: the next id is one more than the largest one seen. */
  private static Proposal<Written> next(IdState state, String value) {
    long id = state.ids.isEmpty() ? 1 : state.ids.lastKey() + 1;
    return new Proposal<>(List.of(new Entry(key(id), bytes(value))), new Written(id, value));
  }

  private record Written(long id, String value) {}

  /** A sink that keeps the latest value of each id. */
  private static final class IdState implements RecordSink {
    final ConcurrentSkipListMap<Long, String> ids = new ConcurrentSkipListMap<>();

    @Override
    public void apply(byte[] key, byte[] value) {
      long id = Long.parseLong(text(key));
      if (value == null) {
        ids.remove(id);
      } else {
        ids.put(id, text(value));
      }
    }
  }

  private KafkaRegistryLogConfig config() {
    return KafkaRegistryLogConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers()))
        .withTopic(name)
        .withTransactionalId(name)
        .withTimeouts(TIMEOUT, TIMEOUT);
  }

  private KafkaRegistryLog open(KafkaRegistryLogConfig config, RecordSink sink) {
    KafkaRegistryLog log = new KafkaRegistryLog(config);
    logs.add(log);
    log.start(sink);
    return log;
  }

  private RegistryLogException startFailure(KafkaRegistryLogConfig config) {
    KafkaRegistryLog log = new KafkaRegistryLog(config);
    logs.add(log);
    return catchThrowableOfType(RegistryLogException.class, () -> log.start(new IdState()));
  }

  private KafkaProducer<byte[], byte[]> strayProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            name),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }

  private static byte[] key(long id) {
    return bytes(Long.toString(id));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
