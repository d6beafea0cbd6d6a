package io.fluxgate.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.event.RecordKeys;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicRule;
import io.fluxgate.processor.topology.TopologyOutput;
import io.fluxgate.schemas.avro.UniversalEvent;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SchemaRequest;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What the TopologyTestDriver tests of deployed topologies share: an in-memory registry, events
 * framed as the gateway frames them on the {@code events} topic, and results (routed by the catalog
 * to {@code results}) decoded back to JSON.
 */
final class TopologyFixture implements AutoCloseable {
  static final String EVENTS = "events";
  static final String RESULTS = "results";
  static final Instant T0 = Instant.parse("2025-07-25T10:00:00Z");

  final SchemaRegistryService registry = new SchemaRegistryService(new InMemoryRegistryLog());
  final EventJson eventJson =
      new EventJson(EventLimits.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
  final EventCodec codec;
  final int envelopeId;
  final TopicCatalog catalog =
      TopicCatalog.of(List.of(TopicRule.of("metrics.**", RESULTS), TopicRule.of("**", EVENTS)));
  final TopologyOutput output;
  TopologyTestDriver driver;
  private boolean closed;
  private TestInputTopic<byte[], byte[]> events;
  private TestOutputTopic<String, byte[]> results;

  TopologyFixture() {
    registry.start();
    envelopeId =
        registry.register(
            "fluxgate:envelope", SchemaRequest.avro(EnvelopeSchemas.generic().toString()));
    codec = new EventCodec(registry::writerSchema);
    output = new TopologyOutput(catalog, eventJson, e -> codec.encode(envelopeId, e));
  }

  void start(Topology topology) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(topology, props, T0);
    events = driver.createInputTopic(EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
    results =
        driver.createOutputTopic(RESULTS, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Publishes an event of {@code type} that happened at {@code at} (its {@code timestamp}), with
   * {@code extraJson} spliced into the event object (e.g. {@code "data": {...}}). The Kafka record
   * is stamped an hour later, as if it arrived late: topologies must use the event's time.
   */
  void publish(String type, Instant at, String extraJson) {
    publish(type, at, extraJson, true);
  }

  /**
   * As {@link #publish(String, Instant, String)}; without {@code withCorrelationHeader} the record
   * lacks the correlation header the gateway sets, as one written by another producer would.
   */
  void publish(String type, Instant at, String extraJson, boolean withCorrelationHeader) {
    String json =
        "{\"event_type\": \""
            + type
            + "\", \"timestamp\": \""
            + at
            + "\""
            + (extraJson.isEmpty() ? "" : ", " + extraJson)
            + "}";
    UniversalEvent event = eventJson.parseEvent(json.getBytes(StandardCharsets.UTF_8));
    RecordHeaders headers = new RecordHeaders();
    headers.add(PlatformTopics.EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    String correlationId = RecordKeys.correlationIdOf(event);
    if (correlationId != null && withCorrelationHeader) {
      headers.add(
          PlatformTopics.CORRELATION_ID_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
    }
    events.pipeInput(
        new TestRecord<>(null, codec.encode(envelopeId, event), headers, at.plusSeconds(3600)));
  }

  /** Pipes a value that is no event at all, headed as a correlated event would be. */
  void publishGarbage(String type) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(PlatformTopics.EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    headers.add(PlatformTopics.CORRELATION_ID_HEADER, "garbage".getBytes(StandardCharsets.UTF_8));
    events.pipeInput(new TestRecord<>(null, new byte[] {0, 0, 0, 0, 99, 1}, headers, T0));
  }

  /** Every result published since the last call, as event JSON. */
  List<JsonNode> results() {
    return results.readRecordsToList().stream()
        .map(r -> (JsonNode) eventJson.toJson(codec.decode(r.value())))
        .toList();
  }

  /** Kafka Streams' count of records dropped (late events past the grace). */
  double droppedRecords() {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals("dropped-records-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (driver != null) {
      driver.close();
    }
    registry.stop();
  }
}
