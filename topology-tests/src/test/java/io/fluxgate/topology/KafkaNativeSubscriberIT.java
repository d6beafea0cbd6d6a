package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxgate.examples.SubscriptionConsumer;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscription read with a plain Kafka consumer, as the {@code examples} module does it: its own
 * consumer group, Fluxgate's Avro deserializer pointed at the gateway, commits after processing.
 */
class KafkaNativeSubscriberIT {
  private static final String REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KEY = "native-1";

  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;
  private static GatewayClient gateway;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    gateway = new GatewayClient(platform.gatewayUri());
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldReadExactlyTheMatchingEventsGenericAndTypedAndCommitThem() throws Exception {
    GatewayClient.Reply schema =
        gateway.post(
            "/subjects/payment.processed/versions",
            REGISTRY_JSON,
            MAPPER.writeValueAsString(
                Map.of(
                    "schema",
                    "{\"type\":\"record\",\"name\":\"PaymentProcessed\",\"fields\":"
                        + "[{\"name\":\"amount\",\"type\":\"double\"},"
                        + "{\"name\":\"currency\",\"type\":\"string\"}]}")));
    assertThat(schema.status()).isEqualTo(200);
    GatewayClient.Reply created =
        gateway.postJson(
            "/v1/subscriptions",
            Map.of("name", "native", "patterns", List.of("agent.*", "payment.*")));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    String topic = SubscriptionConsumer.topic(id);
    assertThat(created.body().get("topic").asText()).isEqualTo(topic);
    await().atMost(Duration.ofSeconds(5)).until(() -> platform.fanOut().routes().isActive(id));

    // One key, so one partition and publish order; the first event matches no pattern.
    publish("billing.invoice.created", "{\"total\": 3}");
    String started = publish("agent.started", "{\"step\": 1, \"ratio\": 1.50, \"tags\": [\"a\"]}");
    String paid = publish("payment.processed", "{\"amount\": 10.5, \"currency\": \"EUR\"}");
    String finished = publish("agent.finished", "null");

    List<ConsumerRecord<String, GenericRecord>> records = new ArrayList<>();
    try (KafkaConsumer<String, GenericRecord> consumer =
        new KafkaConsumer<>(
            SubscriptionConsumer.consumerConfig(
                platform.bootstrapServers(),
                platform.gatewayUri().toString(),
                "native-it",
                true))) {
      long handled =
          SubscriptionConsumer.run(consumer, topic, records::add, 3, Duration.ofSeconds(30));
      assertThat(handled).isEqualTo(3);

      assertThat(records)
          .extracting(r -> r.value().get("id").toString())
          .containsExactly(started, paid, finished);
      assertThat(records)
          .extracting(r -> r.value().get("event_type").toString())
          .containsExactly("agent.started", "payment.processed", "agent.finished");
      assertThat(records).extracting(ConsumerRecord::key).containsOnly(KEY);
      GenericRecord payment = (GenericRecord) records.get(1).value().get("data");
      assertThat(payment.getSchema().getName()).isEqualTo("PaymentProcessed");
      assertThat(payment.get("amount")).isEqualTo(10.5);
      assertThat(payment.get("currency").toString()).isEqualTo("EUR");
      ConsumerRecord<String, GenericRecord> first = records.get(0);
      assertThat(SubscriptionConsumer.describe(first))
          .isEqualTo(
              "agent.started id="
                  + started
                  + " key="
                  + KEY
                  + " partition="
                  + first.partition()
                  + " offset="
                  + first.offset()
                  + " data={\"step\":1,\"ratio\":1.50,\"tags\":[\"a\"]}");
      assertThat(SubscriptionConsumer.describe(records.get(1)))
          .endsWith("data={\"amount\": 10.5, \"currency\": \"EUR\"}");
      assertThat(SubscriptionConsumer.describe(records.get(2))).endsWith("data=null");

      // Committed after processing: the group's offset is past the last record handled.
      TopicPartition partition = new TopicPartition(topic, first.partition());
      assertThat(consumer.committed(Set.of(partition)))
          .containsEntry(partition, new OffsetAndMetadata(records.get(2).offset() + 1));
      // Nothing else is in the subscription topic.
      assertThat(SubscriptionConsumer.run(consumer, topic, records::add, 1, Duration.ofSeconds(1)))
          .isZero();
    }
  }

  @Test
  void shouldStoreTheCopiesLz4CompressedAsTheFanOutWroteThem() throws Exception {
    GatewayClient.Reply created =
        gateway.postJson(
            "/v1/subscriptions", Map.of("name", "compressed", "patterns", List.of("order.*")));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    String topic = SubscriptionConsumer.topic(id);
    await().atMost(Duration.ofSeconds(5)).until(() -> platform.fanOut().routes().isActive(id));

    publish("order.placed", "{\"items\": 2}");
    publish("order.shipped", "{\"items\": 2}");

    // The broker's own log segments of the subscription topic, as a consumer would fetch them.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<RecordBatch> batches = storedBatches(topic);
              long records = 0;
              for (RecordBatch batch : batches) {
                records += batch.nextOffset() - batch.baseOffset();
              }
              assertThat(records).isEqualTo(2);
              assertThat(batches)
                  .extracting(RecordBatch::compressionType)
                  .containsOnly(CompressionType.LZ4);
            });
  }

  private static List<RecordBatch> storedBatches(String topic) throws IOException {
    List<RecordBatch> batches = new ArrayList<>();
    try (DirectoryStream<Path> partitions =
        Files.newDirectoryStream(dataDir.resolve("kafka"), topic + "-*")) {
      for (Path partition : partitions) {
        try (DirectoryStream<Path> segments = Files.newDirectoryStream(partition, "*.log")) {
          for (Path segment : segments) {
            MemoryRecords.readableRecords(ByteBuffer.wrap(Files.readAllBytes(segment)))
                .batches()
                .forEach(batches::add);
          }
        }
      }
    }
    return batches;
  }

  private static String publish(String type, String data) {
    GatewayClient.Reply reply =
        gateway.post(
            "/v1/events",
            "application/json",
            "{\"event_type\": \""
                + type
                + "\", \"correlation_id\": \""
                + KEY
                + "\", \"data\": "
                + data
                + "}");
    assertThat(reply.status()).as("publish %s: %s", type, reply.body()).isEqualTo(201);
    return reply.body().get("id").asText();
  }
}
