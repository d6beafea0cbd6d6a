package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.gateway.api.SubscriptionRequest;
import io.fluxgate.gateway.errors.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowControlValidationTest {

  private static SubscriptionRequest request(String backpressure, Long max, Long blockMs) {
    return new SubscriptionRequest("n", List.of("a.*"), null, null, backpressure, max, blockMs);
  }

  @Test
  void shouldDefaultToDropOldest() {
    assertThat(SubscriptionValidator.backpressure(request(null, null, null)))
        .isEqualTo(Backpressure.DROP_OLDEST);
  }

  @Test
  void shouldAcceptEveryPolicyAndTheBoundsExactly() {
    for (String policy : List.of("drop_oldest", "drop_newest", "block", "reject")) {
      assertThat(SubscriptionValidator.validate(request(policy, 1L, 0L)))
          .isEqualTo(StartPosition.LATEST);
      assertThat(SubscriptionValidator.validate(request(policy, 10_000_000L, 60_000L)))
          .isEqualTo(StartPosition.LATEST);
      assertThat(SubscriptionValidator.backpressure(request(policy, null, null)).wireName())
          .isEqualTo(policy);
    }
  }

  @Test
  void shouldListEveryFlowControlProblem() {
    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () -> SubscriptionValidator.validate(request("later", 0L, 60_001L)));

    assertThat(e.body().error()).isEqualTo("invalid_subscription");
    assertThat(details(e))
        .extracting(d -> (Object) ((Map<?, ?>) d).get("field"))
        .containsExactly("backpressure", "max_queue_size", "block_timeout_ms");
  }

  @Test
  void shouldRefuseAQueueAboveTheBoundAndANegativeTimeout() {
    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () -> SubscriptionValidator.validate(request("block", 10_000_001L, -1L)));

    assertThat(details(e))
        .extracting(d -> (Object) ((Map<?, ?>) d).get("message"))
        .containsExactly(
            "must be between 1 and 10000000, was 10000001", "must be between 0 and 60000, was -1");
  }

  private static List<Object> details(ApiException e) {
    return new java.util.ArrayList<Object>(e.body().details());
  }
}
