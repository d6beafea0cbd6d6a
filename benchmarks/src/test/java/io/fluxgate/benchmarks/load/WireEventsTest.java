package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class WireEventsTest {
  private static final int ENVELOPE_ID = 42;
  private static final String ID = "550e8400-e29b-41d4-a716-446655440000";
  private final WireEvents wire = new WireEvents(ENVELOPE_ID, 300);

  @Test
  void shouldEncodeWhatCoreDecodesBack() {
    ProducerRecord<String, byte[]> record = wire.record("events", "bench.a.created", ID);

    EventCodec codec =
        new EventCodec(
            id -> {
              assertThat(id).isEqualTo(ENVELOPE_ID);
              return EnvelopeSchemas.generic();
            });
    UniversalEvent event = codec.decode(record.value());
    assertThat(EventCodec.schemaId(record.value())).isEqualTo(ENVELOPE_ID);
    assertThat(event.getId()).isEqualTo(ID);
    assertThat(event.getEventType()).isEqualTo("bench.a.created");
    assertThat(event.getSource().getComponent()).isEqualTo("loadgen");
  }

  @Test
  void shouldSetTheGatewaysKeyTopicAndTypeHeader() {
    ProducerRecord<String, byte[]> record = wire.record("events", "bench.a.created", ID);

    assertThat(record.topic()).isEqualTo("events");
    assertThat(record.key()).isEqualTo(ID);
    assertThat(
            new String(
                record.headers().lastHeader(PlatformTopics.EVENT_TYPE_HEADER).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("bench.a.created");
  }

  @Test
  void shouldCycleThePoolOverTheTypesWithDistinctIds() {
    List<ProducerRecord<String, byte[]>> pool =
        wire.pool("events", List.of("bench.a.created", "bench.b.created"), 4);

    assertThat(pool).hasSize(4);
    assertThat(pool.stream().map(ProducerRecord::key).distinct()).hasSize(4);
    assertThat(
            pool.stream()
                .map(
                    r ->
                        new String(
                            r.headers().lastHeader(PlatformTopics.EVENT_TYPE_HEADER).value(),
                            StandardCharsets.UTF_8)))
        .containsExactly(
            "bench.a.created", "bench.b.created", "bench.a.created", "bench.b.created");
  }
}
