package io.fluxgate.standalone;

import ch.qos.logback.classic.Level;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Logger names of the embedded Kafka broker that are very chatty at INFO (hundreds of lines per
 * start: full config dumps, every partition load, raft and coordinator state changes).
 *
 * <p>All broker logging goes through SLF4J to Logback: Kafka's Scala and Java code logs through
 * SLF4J, and its few Log4j2 API calls are routed to SLF4J by {@code log4j-to-slf4j} ({@code
 * log4j-core} is excluded, so Kafka's dynamic logger-level endpoint is a no-op).
 *
 * <p>Set these loggers to {@code WARN}, either in the Dropwizard configuration:
 *
 * <pre>{@code
 * logging:
 *   loggers:
 *     kafka: WARN
 *     org.apache.kafka: WARN
 *     state.change.logger: WARN
 * }</pre>
 *
 * or programmatically with {@link #quiet()} after Dropwizard has configured Logback (e.g. in {@code
 * Application.run}), because Dropwizard resets the Logback configuration when it starts.
 */
public final class KafkaBrokerLogging {

  /**
   * Loggers to set to WARN: {@code kafka} (broker internals written in Scala: {@code kafka.server},
   * {@code kafka.log}, {@code kafka.network}, ...), {@code org.apache.kafka} (Java broker, raft,
   * controller, coordinators, storage, and also the Kafka clients and Streams in this JVM), {@code
   * state.change.logger} (partition state changes) and {@code kafka.request.logger} (request log).
   */
  public static final List<String> NOISY_LOGGERS =
      List.of("kafka", "org.apache.kafka", "state.change.logger", "kafka.request.logger");

  /** Level for the {@link #NOISY_LOGGERS}. */
  public static final String QUIET_LEVEL = "WARN";

  private KafkaBrokerLogging() {}

  /**
   * Sets every logger in {@link #NOISY_LOGGERS} to {@link #QUIET_LEVEL} when Logback is the SLF4J
   * backend (otherwise does nothing). Returns whether the levels were set.
   */
  public static boolean quiet() {
    boolean applied = false;
    for (String name : NOISY_LOGGERS) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(Level.toLevel(QUIET_LEVEL));
        applied = true;
      }
    }
    return applied;
  }
}
