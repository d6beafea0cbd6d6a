package io.fluxgate.gateway.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The events one long poll hands to a client. {@link #commit()} once they are written to the
 * client; {@link #close()} in any case. Closed without a commit, they are delivered again.
 */
public final class Delivery implements AutoCloseable {
  private final List<ObjectNode> events;
  private final SubscriptionReader.Batch batch;

  Delivery(List<ObjectNode> events, SubscriptionReader.Batch batch) {
    this.events = List.copyOf(events);
    this.batch = batch;
  }

  public List<ObjectNode> events() {
    return events;
  }

  public void commit() {
    batch.commit();
  }

  @Override
  public void close() {
    batch.close();
  }
}
