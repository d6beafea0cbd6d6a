package io.fluxgate.processor.fanout;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global subscription store in step with the compacted subscriptions topic and rebuilds
 * the routing table after each change. A null value (tombstone) deletes the subscription.
 */
final class SubscriptionStoreUpdater implements Processor<String, byte[], Void, Void> {
  private final SubscriptionRoutes routes;
  private KeyValueStore<String, byte[]> store;

  SubscriptionStoreUpdater(SubscriptionRoutes routes) {
    this.routes = routes;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(FanOutTopology.SUBSCRIPTION_STORE);
    routes.rebuild(store);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    routes.apply(store, record.key(), record.value());
  }
}
