package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fluxgate.core.subscription.AckMode;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.gateway.api.SubscriptionRequest;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionValidatorTest {

  @Test
  void shouldDefaultTheStartToLatest() {
    assertThat(SubscriptionValidator.validate(new SubscriptionRequest(null, List.of("a.*"), null)))
        .isEqualTo(StartPosition.LATEST);
  }

  @Test
  void shouldReturnTheRequestedStart() {
    assertThat(
            SubscriptionValidator.validate(
                new SubscriptionRequest("n", List.of("a.*"), "earliest")))
        .isEqualTo(StartPosition.EARLIEST);
  }

  @Test
  void shouldAcceptAStartTimeUpToNow() {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");

    assertThat(
            SubscriptionValidator.validate(
                new SubscriptionRequest(null, List.of("a.*"), "2026-03-01T11:00:00+01:00"), now))
        .isEqualTo(StartPosition.at(now));
  }

  @Test
  void shouldRefuseAStartTimeInTheFutureAndAMalformedOne() {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    for (String start : List.of("2026-03-01T10:00:00.001Z", "yesterday")) {
      ApiException e =
          catchThrowableOfType(
              ApiException.class,
              () ->
                  SubscriptionValidator.validate(
                      new SubscriptionRequest(null, List.of("a.*"), start), now));

      assertThat(e.getResponse().getStatus()).as(start).isEqualTo(400);
      assertThat(new ArrayList<Object>(e.body().details()))
          .extracting(d -> String.valueOf(((Map<?, ?>) d).get("field")))
          .containsExactly("start");
    }
  }

  @Test
  void shouldReadTheAckModeAndAcceptTheAckTimeoutLimits() {
    for (long timeout :
        new long[] {
          SubscriptionValidator.MIN_ACK_TIMEOUT_MS, SubscriptionValidator.MAX_ACK_TIMEOUT_MS
        }) {
      SubscriptionRequest manual = ackRequest("manual", timeout);

      assertThat(SubscriptionValidator.validate(manual)).isEqualTo(StartPosition.LATEST);
      assertThat(SubscriptionValidator.ackMode(manual)).isEqualTo(AckMode.MANUAL);
    }
    assertThat(SubscriptionValidator.ackMode(ackRequest(null, null))).isEqualTo(AckMode.AUTO);
  }

  @Test
  void shouldListEveryAckProblem() {
    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () ->
                SubscriptionValidator.validate(
                    ackRequest("sometimes", SubscriptionValidator.MIN_ACK_TIMEOUT_MS - 1)));

    assertThat(e.getResponse().getStatus()).isEqualTo(400);
    assertThat(new ArrayList<Object>(e.body().details()))
        .extracting(d -> String.valueOf(((Map<?, ?>) d).get("field")))
        .containsExactly("ack_mode", "ack_timeout_ms");
  }

  private static SubscriptionRequest ackRequest(String mode, Long timeout) {
    return new SubscriptionRequest(
        null, List.of("a.*"), null, null, null, null, null, mode, timeout);
  }

  @Test
  void shouldAcceptTheLimitsExactly() {
    List<String> patterns = Collections.nCopies(SubscriptionValidator.MAX_PATTERNS, "a.**");
    String name = "n".repeat(SubscriptionValidator.MAX_NAME_LENGTH);

    assertThat(SubscriptionValidator.validate(new SubscriptionRequest(name, patterns, "latest")))
        .isEqualTo(StartPosition.LATEST);
  }

  @Test
  void shouldGiveTheFieldPatternPositionAndReasonOfABadPattern() {
    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () ->
                SubscriptionValidator.validate(
                    new SubscriptionRequest(null, List.of("ok", "agent..started"), null)));

    assertThat(e.getResponse().getStatus()).isEqualTo(400);
    assertThat(e.body().error()).isEqualTo("invalid_subscription");
    assertThat(new ArrayList<Object>(e.body().details()))
        .singleElement()
        .isEqualTo(
            Map.of(
                "field",
                "patterns[1]",
                "pattern",
                "agent..started",
                "position",
                6,
                "message",
                "empty segment"));
  }
}
