package io.fluxgate.gateway.core;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The events one long poll hands to a client. {@link #writeTo} writes them as a JSON array; {@link
 * #commit()} once they are written to the client; {@link #close()} in any case. Closed without a
 * commit, they are delivered again.
 *
 * <p>Records are decoded and written one by one into the answer, no tree in between; those past
 * their TTL or undecodable when written are left out. Events rendered before (manual
 * acknowledgement renders at lease time) are written as they are.
 */
public final class Delivery implements AutoCloseable {
  private final List<byte[]> rendered;
  private final List<ConsumerRecord<String, byte[]>> records;
  private final EventRenderer renderer;
  private final SubscriptionReader.Batch batch;

  /** {@code records} (the batch's), rendered when written. */
  Delivery(
      EventRenderer renderer,
      List<ConsumerRecord<String, byte[]>> records,
      SubscriptionReader.Batch batch) {
    this(List.of(), records, renderer, batch);
  }

  /** Events already rendered, nothing to commit. */
  Delivery(List<byte[]> rendered) {
    this(rendered, List.of(), null, SubscriptionReader.Batch.EMPTY);
  }

  private Delivery(
      List<byte[]> rendered,
      List<ConsumerRecord<String, byte[]>> records,
      EventRenderer renderer,
      SubscriptionReader.Batch batch) {
    this.rendered = List.copyOf(rendered);
    this.records = List.copyOf(records);
    this.renderer = renderer;
    this.batch = batch;
  }

  /** Writes the events as one JSON array; returns how many it wrote. Does not flush. */
  public int writeTo(OutputStream out) throws IOException {
    out.write('[');
    int written = 0;
    for (byte[] event : rendered) {
      if (written++ > 0) {
        out.write(',');
      }
      out.write(event);
    }
    if (!records.isEmpty()) {
      try (EventJsonBuffer json = new EventJsonBuffer(renderer)) {
        for (ConsumerRecord<String, byte[]> record : records) {
          if (json.render(record)) {
            if (written++ > 0) {
              out.write(',');
            }
            json.writeTo(out);
          }
        }
      }
    }
    out.write(']');
    return written;
  }

  /** The events it holds, counting those that will be left out when written. */
  public int size() {
    return rendered.size() + records.size();
  }

  public void commit() {
    batch.commit();
  }

  @Override
  public void close() {
    batch.close();
  }
}
