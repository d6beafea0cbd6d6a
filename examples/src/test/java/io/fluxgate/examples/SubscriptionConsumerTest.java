package io.fluxgate.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.examples.SubscriptionConsumer.Options;
import io.fluxgate.schemas.avro.JsonField;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonObject;
import io.fluxgate.schemas.avro.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

class SubscriptionConsumerTest {
  private static final String TOPIC = SubscriptionConsumer.topic("s1");
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  @Test
  void shouldParseEveryFlag() {
    assertThat(
            Options.parse(
                "--bootstrap-servers",
                "b:9092",
                "--registry-url",
                "http://g:8080",
                "--subscription",
                "s1",
                "--group",
                "mine",
                "--from-beginning"))
        .isEqualTo(new Options("b:9092", "http://g:8080", "s1", "mine", true));
    assertThat(
            Options.parse(
                    "--bootstrap-servers",
                    "b",
                    "--registry-url",
                    "r",
                    "--subscription",
                    "s1",
                    "--group",
                    "mine")
                .fromBeginning())
        .isFalse();
  }

  @Test
  void shouldRefuseAMissingFlagAStrayArgumentAndTheHttpDeliveryGroup() {
    assertThatThrownBy(() -> Options.parse("--bootstrap-servers", "b", "--registry-url", "r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing --subscription");
    assertThatThrownBy(() -> Options.parse("stray")).hasMessage("unexpected argument stray");
    assertThatThrownBy(() -> Options.parse("--group")).hasMessage("unexpected argument --group");
    assertThatThrownBy(
            () ->
                Options.parse(
                    "--bootstrap-servers",
                    "b",
                    "--registry-url",
                    "r",
                    "--subscription",
                    "s1",
                    "--group",
                    "fluxgate.sub.s1"))
        .hasMessageContaining("your own consumer group");
  }

  @Test
  void shouldRenderTheGenericEncodingAsTheJsonThatWasPublished() {
    JsonValue data =
        value(
            JsonObject.newBuilder()
                .setFields(
                    List.of(
                        field("n", value(7L)),
                        field("x", value(JsonNumber.newBuilder().setText("1.10").build())),
                        field("s", value("a \"b\"")),
                        field("ok", value(true)),
                        field("none", value(null)),
                        field("list", value(new ArrayList<>(List.of(value(1L), value("two")))))))
                .build());

    assertThat(SubscriptionConsumer.json(data))
        .isEqualTo(
            "{\"n\":7,\"x\":1.10,\"s\":\"a \\\"b\\\"\",\"ok\":true,\"none\":null,"
                + "\"list\":[1,\"two\"]}");
  }

  @Test
  void shouldRenderTypedDataAsItsRecord() {
    Schema schema =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Paid\",\"fields\":[{\"name\":\"amount\","
                    + "\"type\":\"double\"}]}");
    GenericRecord paid = new GenericData.Record(schema);
    paid.put("amount", 10.5);

    assertThat(SubscriptionConsumer.json(paid)).isEqualTo("{\"amount\": 10.5}");
  }

  @Test
  void shouldStopAfterMaxRecordsAndCommitOnlyWhatWasHandled() {
    MockConsumer<String, GenericRecord> consumer = new MockConsumer<>("earliest");
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(PARTITION));
          for (int offset = 0; offset < 3; offset++) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "k", event("e" + offset)));
          }
        });
    List<String> lines = new ArrayList<>();

    long handled =
        SubscriptionConsumer.run(
            consumer,
            TOPIC,
            record -> lines.add(SubscriptionConsumer.describe(record)),
            2,
            Duration.ofSeconds(10));

    assertThat(handled).isEqualTo(2);
    assertThat(lines)
        .containsExactly(
            "a.b id=e0 key=k partition=0 offset=0 data=\"x\"",
            "a.b id=e1 key=k partition=0 offset=1 data=\"x\"");
    assertThat(consumer.committed(Set.of(PARTITION)))
        .containsEntry(PARTITION, new OffsetAndMetadata(2));
  }

  @Test
  void shouldEndOnWakeupAndOnTimeout() {
    MockConsumer<String, GenericRecord> consumer = new MockConsumer<>("earliest");
    consumer.schedulePollTask(consumer::wakeup);
    assertThat(SubscriptionConsumer.run(consumer, TOPIC, r -> {}, 5, Duration.ofSeconds(10)))
        .isZero();

    assertThat(SubscriptionConsumer.run(consumer, TOPIC, r -> {}, 5, Duration.ZERO)).isZero();
  }

  @Test
  void shouldCommitWhatWasHandledWhenWakeupInterruptsTheCommit() {
    MockConsumer<String, GenericRecord> consumer =
        new MockConsumer<>("earliest") {
          private boolean wokenUp;

          @Override
          public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (!wokenUp) {
              wokenUp = true;
              throw new WakeupException();
            }
            super.commitSync(offsets);
          }
        };
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(PARTITION));
          consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "k", event("e0")));
        });

    assertThat(SubscriptionConsumer.run(consumer, TOPIC, r -> {}, 5, Duration.ofSeconds(10)))
        .isEqualTo(1);
    assertThat(consumer.committed(Set.of(PARTITION)))
        .containsEntry(PARTITION, new OffsetAndMetadata(1));
  }

  private static GenericRecord event(String id) {
    GenericRecord event =
        new GenericData.Record(io.fluxgate.schemas.avro.UniversalEvent.getClassSchema());
    event.put("event_type", "a.b");
    event.put("id", id);
    event.put("data", value("x"));
    return event;
  }

  private static JsonValue value(Object value) {
    return JsonValue.newBuilder().setValue(value).build();
  }

  private static JsonField field(String name, JsonValue value) {
    return JsonField.newBuilder().setName(name).setValue(value).build();
  }
}
