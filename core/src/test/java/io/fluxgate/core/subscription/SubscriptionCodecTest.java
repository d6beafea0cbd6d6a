package io.fluxgate.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionCodecTest {

  private static final Instant CREATED = Instant.parse("2025-07-25T10:30:45.123Z");

  @Test
  void shouldRoundTripStartOffsets() throws Exception {
    Subscription subscription =
        new Subscription(
            "s1",
            "audit",
            List.of("agent.*"),
            StartPosition.LATEST,
            Map.of(Subscription.partitionKey("events", 0), 42L),
            CREATED);

    Subscription decoded = SubscriptionCodec.decode(SubscriptionCodec.encode(subscription));

    assertThat(decoded).isEqualTo(subscription);
    assertThat(decoded.startOffsets()).containsEntry("events-0", 42L);
  }

  @Test
  void shouldWriteStartOffsetsAfterStart() {
    String json =
        new String(
            SubscriptionCodec.encode(
                new Subscription(
                    "s1",
                    null,
                    List.of("**"),
                    StartPosition.LATEST,
                    Map.of("events-0", 1L),
                    CREATED)),
            StandardCharsets.UTF_8);

    assertThat(json.indexOf("\"start\"")).isLessThan(json.indexOf("\"start_offsets\""));
    assertThat(json.indexOf("\"start_offsets\"")).isLessThan(json.indexOf("\"created_at\""));
  }

  @Test
  void shouldDecodeRecordsWrittenBeforeStartOffsetsExisted() throws Exception {
    byte[] old =
        ("{\"id\":\"s1\",\"name\":\"audit\",\"patterns\":[\"agent.*\"],\"start\":\"latest\","
                + "\"created_at\":\"2025-07-25T10:30:45.123Z\",\"topic\":\"fluxgate.sub.s1\","
                + "\"consumer_group\":\"fluxgate.sub.s1\"}")
            .getBytes(StandardCharsets.UTF_8);

    Subscription decoded = SubscriptionCodec.decode(old);

    assertThat(decoded.startOffsets()).isEmpty();
    assertThat(decoded.patterns()).containsExactly("agent.*");
    assertThat(decoded.paused()).isFalse();
  }

  @Test
  void shouldRoundTripThePausedFlag() throws Exception {
    Subscription paused =
        new Subscription(
                "s1", "audit", List.of("agent.*"), StartPosition.EARLIEST, Map.of(), CREATED)
            .withPaused(true);

    Subscription decoded = SubscriptionCodec.decode(SubscriptionCodec.encode(paused));

    assertThat(decoded.paused()).isTrue();
    assertThat(decoded).isEqualTo(paused);
    assertThat(decoded.withPaused(false).paused()).isFalse();
  }

  @Test
  void shouldRoundTripAFilterAndReadOldRecordsWithoutOne() throws Exception {
    Subscription filtered =
        new Subscription(
            "s1",
            null,
            List.of("order.*"),
            StartPosition.EARLIEST,
            Map.of(),
            CREATED,
            "data.amount >= 100",
            false);

    Subscription decoded = SubscriptionCodec.decode(SubscriptionCodec.encode(filtered));

    assertThat(decoded).isEqualTo(filtered);
    assertThat(decoded.filter()).isEqualTo("data.amount >= 100");
    assertThat(
            SubscriptionCodec.decode(
                    SubscriptionCodec.encode(
                        new Subscription(
                            "s2", null, List.of("**"), StartPosition.LATEST, Map.of(), CREATED)))
                .filter())
        .isNull();
  }
}
