package io.fluxgate.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartPositionTest {

  @Test
  void shouldReadTheNamedPositionsAsTheirSingleInstances() {
    assertThat(StartPosition.fromWireName("latest")).isSameAs(StartPosition.LATEST);
    assertThat(StartPosition.fromWireName("earliest")).isSameAs(StartPosition.EARLIEST);
    assertThat(StartPosition.LATEST.time()).isEmpty();
  }

  @Test
  void shouldReadAnRfc3339TimeWithAnyOffsetAsItsInstant() {
    StartPosition start = StartPosition.fromWireName("2026-01-31T14:00:00.250+02:00");

    assertThat(start.time()).contains(Instant.parse("2026-01-31T12:00:00.250Z"));
    assertThat(start.wireName()).isEqualTo("2026-01-31T12:00:00.250Z");
    assertThat(start).isEqualTo(StartPosition.at(Instant.parse("2026-01-31T12:00:00.250Z")));
  }

  @Test
  void shouldRefuseAnythingElseSayingWhatIsAccepted() {
    for (String bad : List.of("Latest", "2026-01-31", "2026-01-31T12:00:00", "", "now")) {
      assertThatThrownBy(() -> StartPosition.fromWireName(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("RFC 3339")
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void shouldSurviveTheStoredJsonOfASubscription() throws Exception {
    Subscription subscription =
        new Subscription(
            "s1",
            null,
            List.of("a.*"),
            StartPosition.at(Instant.parse("2026-01-31T12:00:00Z")),
            null,
            Instant.parse("2026-02-01T00:00:00Z"));

    Subscription read = SubscriptionCodec.decode(SubscriptionCodec.encode(subscription));

    assertThat(read.start().time()).contains(Instant.parse("2026-01-31T12:00:00Z"));
    assertThat(read.ackMode()).isEqualTo(AckMode.AUTO);
    assertThat(read.ackTimeoutMs()).isEqualTo(Subscription.DEFAULT_ACK_TIMEOUT_MS);
  }
}
