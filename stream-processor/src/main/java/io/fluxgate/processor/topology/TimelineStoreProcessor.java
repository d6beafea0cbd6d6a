package io.fluxgate.processor.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/** Keeps each event of a correlation in {@link TimelineTopology#STORE} at the event's time. */
final class TimelineStoreProcessor implements Processor<String, byte[], Void, Void> {
  private WindowStore<String, byte[]> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(TimelineTopology.STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    store.put(record.key(), record.value(), record.timestamp());
  }
}
