package io.fluxgate.processor.fanout;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.filter.EventFilter;
import io.fluxgate.core.filter.FilterOutcome;
import io.fluxgate.core.filter.FilterVariables;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies subscription filters in one fan-out task: decides whether a subscription whose patterns
 * matched an event also takes it.
 *
 * <p>A subscription without a filter takes every event and its value is never decoded, so the
 * unfiltered path stays byte pass-through. The first filtered subscription of an event decodes it
 * once; the variables are kept for the next subscriptions of the same value (the live path and the
 * catch-up forward the same array to every subscription). Not thread-safe: one per task.
 *
 * <p>A value that cannot be decoded (unknown schema id, corrupt payload) goes to no filtered
 * subscription and is counted. A registry that cannot answer (a timeout, stopped) is thrown, so
 * that the stream thread is replaced and the event routed again rather than lost.
 */
final class FilterEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(FilterEvaluator.class);

  private final EventCodec codec;
  private final FanOutMetrics metrics;
  private byte[] lastValue;
  private Map<String, Object> lastVariables; // null when lastValue could not be decoded

  FilterEvaluator(EventCodec codec, FanOutMetrics metrics) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Whether {@code subscriptionId} takes the event {@code value}; true when it has no filter. */
  boolean accepts(RoutingTable table, String subscriptionId, byte[] value) {
    EventFilter filter = table.filter(subscriptionId);
    if (filter == null) {
      return !table.unusableFilters().contains(subscriptionId);
    }
    Map<String, Object> variables = variables(value);
    if (variables == null) {
      metrics.filterUndecodable();
      return false;
    }
    FilterOutcome outcome = filter.evaluate(variables);
    metrics.filtered(outcome);
    return outcome.matched();
  }

  private Map<String, Object> variables(byte[] value) {
    if (value != lastValue) {
      lastVariables = decode(value);
      lastValue = value;
    }
    return lastVariables;
  }

  private Map<String, Object> decode(byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      return FilterVariables.of(codec.decode(value));
    } catch (SchemaRegistryException e) {
      if (e.status() >= 500) {
        throw e;
      }
      LOG.warn("Cannot decode an event for subscription filters: {}", e.getMessage());
      return null;
    } catch (IllegalArgumentException e) {
      LOG.warn("Cannot decode an event for subscription filters: {}", e.getMessage());
      return null;
    }
  }
}
