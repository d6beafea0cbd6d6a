package io.fluxgate.benchmarks.load;

import java.util.List;

/**
 * Where a load phase sends its events: the gateway over HTTP, or Kafka directly as the baseline.
 */
public interface PublishTarget extends AutoCloseable {

  /**
   * Sends one request of these events on connection {@code connection} (0..connections-1) and
   * returns once they are acknowledged as durable; throws when they are not.
   */
  void send(int connection, List<String> ids, List<String> events) throws Exception;

  @Override
  void close() throws Exception;
}
