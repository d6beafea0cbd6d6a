package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.gateway.api.SubscriptionRequest;
import io.fluxgate.gateway.errors.ApiException;
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
    assertThat(e.body().details())
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
