package io.fluxgate.processor.health;

import com.codahale.metrics.health.HealthCheck;
import io.fluxgate.processor.FanOutService;
import org.apache.kafka.streams.KafkaStreams;

/** Healthy while the fan-out's Kafka Streams instance is running or rebalancing. */
public final class FanOutHealthCheck extends HealthCheck {
  private final FanOutService fanOut;

  public FanOutHealthCheck(FanOutService fanOut) {
    this.fanOut = fanOut;
  }

  @Override
  protected Result check() {
    KafkaStreams.State state = fanOut.state();
    String detail =
        "state=%s subscriptions=%d routed=%d writtenByRouter=%d"
            .formatted(
                state,
                fanOut.routes().size(),
                fanOut.metrics().routedCount(),
                fanOut.metrics().writtenByRouterCount());
    return state.isRunningOrRebalancing() ? Result.healthy(detail) : Result.unhealthy(detail);
  }
}
