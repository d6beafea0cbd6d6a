package io.fluxgate.gateway.core;

import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.filter.InvalidFilterException;
import io.fluxgate.core.glob.GlobPattern;
import io.fluxgate.core.glob.InvalidPatternException;
import io.fluxgate.core.subscription.AckMode;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.gateway.api.SubscriptionRequest;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.gateway.errors.InvalidFilterExceptionMapper;
import io.fluxgate.gateway.errors.InvalidPatternExceptionMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@code POST /v1/subscriptions} request before anything touches Kafka, and refuses it
 * with one 400 that lists every problem (each bad pattern with its position). A bad CEL filter
 * alone is {@code invalid_filter}, with its position.
 *
 * <pre>{@code
 * StartPosition start = SubscriptionValidator.validate(request, now); // or ApiException(400)
 * }</pre>
 */
public final class SubscriptionValidator {
  public static final int MAX_PATTERNS = 100;
  public static final int MAX_NAME_LENGTH = 255;
  public static final long MIN_QUEUE_SIZE = 1;
  public static final long MAX_QUEUE_SIZE = 10_000_000;
  public static final long MAX_BLOCK_TIMEOUT_MS = 60_000;
  public static final long MIN_ACK_TIMEOUT_MS = 1_000;
  public static final long MAX_ACK_TIMEOUT_MS = 600_000;

  private SubscriptionValidator() {}

  /**
   * Returns the start position of a valid request. A start time must not lie in the future of
   * {@code now}: the fan-out places it on offsets, which only exist for the past.
   *
   * @throws ApiException 400 {@code invalid_subscription} with one detail per problem
   */
  public static StartPosition validate(SubscriptionRequest request) {
    return validate(request, Instant.now());
  }

  /** As {@link #validate(SubscriptionRequest)}, with start times checked against {@code now}. */
  public static StartPosition validate(SubscriptionRequest request, Instant now) {
    List<Map<String, Object>> problems = new ArrayList<>();
    List<String> patterns = request.patterns();
    if (patterns == null || patterns.isEmpty()) {
      problems.add(problem("patterns", "at least one pattern is required"));
    } else if (patterns.size() > MAX_PATTERNS) {
      problems.add(problem("patterns", "at most " + MAX_PATTERNS + " patterns are allowed"));
    } else {
      for (int i = 0; i < patterns.size(); i++) {
        String field = "patterns[" + i + "]";
        if (patterns.get(i) == null) {
          problems.add(problem(field, "must be a string"));
          continue;
        }
        try {
          GlobPattern.compile(patterns.get(i));
        } catch (InvalidPatternException e) {
          problems.add(InvalidPatternExceptionMapper.detail(e, field));
        }
      }
    }
    if (request.name() != null && request.name().length() > MAX_NAME_LENGTH) {
      problems.add(problem("name", "at most " + MAX_NAME_LENGTH + " characters"));
    }
    StartPosition start = StartPosition.LATEST;
    if (request.start() != null) {
      try {
        start = StartPosition.fromWireName(request.start());
        if (start.time().filter(now::isBefore).isPresent()) {
          problems.add(
              problem("start", "must not lie in the future, was '" + request.start() + "'"));
        }
      } catch (IllegalArgumentException e) {
        problems.add(problem("start", e.getMessage()));
      }
    }
    problems.addAll(flowControlProblems(request));
    problems.addAll(ackProblems(request));
    InvalidFilterException badFilter = filterProblem(request.filter());
    if (badFilter != null) {
      problems.add(InvalidFilterExceptionMapper.detail(badFilter, "filter"));
      if (problems.size() == 1) {
        throw ApiException.badRequest(
            InvalidFilterExceptionMapper.ERROR, badFilter.getMessage(), problems);
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(
          "invalid_subscription", "the subscription is invalid", problems);
    }
    return start;
  }

  /** The flow-control policy of a valid request ({@code drop_oldest} when absent). */
  public static Backpressure backpressure(SubscriptionRequest request) {
    return request.backpressure() == null
        ? Backpressure.DROP_OLDEST
        : Backpressure.fromWireName(request.backpressure());
  }

  /** The acknowledgement mode of a valid request ({@code auto} when absent). */
  public static AckMode ackMode(SubscriptionRequest request) {
    return request.ackMode() == null ? AckMode.AUTO : AckMode.fromWireName(request.ackMode());
  }

  private static List<Map<String, Object>> ackProblems(SubscriptionRequest request) {
    List<Map<String, Object>> problems = new ArrayList<>();
    if (request.ackMode() != null) {
      try {
        AckMode.fromWireName(request.ackMode());
      } catch (IllegalArgumentException e) {
        problems.add(problem("ack_mode", e.getMessage()));
      }
    }
    Long ackTimeoutMs = request.ackTimeoutMs();
    if (ackTimeoutMs != null
        && (ackTimeoutMs < MIN_ACK_TIMEOUT_MS || ackTimeoutMs > MAX_ACK_TIMEOUT_MS)) {
      problems.add(
          problem(
              "ack_timeout_ms",
              "must be between "
                  + MIN_ACK_TIMEOUT_MS
                  + " and "
                  + MAX_ACK_TIMEOUT_MS
                  + ", was "
                  + ackTimeoutMs));
    }
    return problems;
  }

  private static List<Map<String, Object>> flowControlProblems(SubscriptionRequest request) {
    List<Map<String, Object>> problems = new ArrayList<>();
    if (request.backpressure() != null) {
      try {
        Backpressure.fromWireName(request.backpressure());
      } catch (IllegalArgumentException e) {
        problems.add(problem("backpressure", e.getMessage()));
      }
    }
    Long maxQueueSize = request.maxQueueSize();
    if (maxQueueSize != null && (maxQueueSize < MIN_QUEUE_SIZE || maxQueueSize > MAX_QUEUE_SIZE)) {
      problems.add(
          problem(
              "max_queue_size",
              "must be between "
                  + MIN_QUEUE_SIZE
                  + " and "
                  + MAX_QUEUE_SIZE
                  + ", was "
                  + maxQueueSize));
    }
    Long blockTimeoutMs = request.blockTimeoutMs();
    if (blockTimeoutMs != null && (blockTimeoutMs < 0 || blockTimeoutMs > MAX_BLOCK_TIMEOUT_MS)) {
      problems.add(
          problem(
              "block_timeout_ms",
              "must be between 0 and " + MAX_BLOCK_TIMEOUT_MS + ", was " + blockTimeoutMs));
    }
    return problems;
  }

  /** Compiles the filter (absent is fine) and returns why it is invalid, or null. */
  private static InvalidFilterException filterProblem(String filter) {
    if (filter == null) {
      return null;
    }
    try {
      EventFilterCompiler.compile(filter);
      return null;
    } catch (InvalidFilterException e) {
      return e;
    }
  }

  private static Map<String, Object> problem(String field, String message) {
    return Map.of("field", field, "message", message);
  }
}
