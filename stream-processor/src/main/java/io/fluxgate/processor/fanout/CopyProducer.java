package io.fluxgate.processor.fanout;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer of one stream thread of the fan-out under at-least-once, with which its router
 * writes copies itself instead of forwarding them to the topology's sink.
 *
 * <p>Kafka Streams flushes its producer before it commits the input offsets, so the copies the
 * router wrote are acknowledged by then; {@link #flush} then rethrows a copy's failure ({@link
 * CopyFailures}), so that the commit fails and the events since the previous one are routed again,
 * as when Kafka Streams' own sink fails a write. What the sink costs per copy (the topic name
 * extractor, the record collector and its per-record callback, the end-to-end latency sensor of a
 * terminal node) is left out: the fan-out's rate is mostly its cost per copy (docs/PERFORMANCE.md).
 */
final class CopyProducer extends KafkaProducer<byte[], byte[]> {
  private final CopyFailures failures = new CopyFailures();
  private final Consumer<CopyProducer> onClose;

  CopyProducer(Map<String, Object> config, Consumer<CopyProducer> onClose) {
    super(config, new ByteArraySerializer(), new ByteArraySerializer());
    this.onClose = onClose;
  }

  /** Writes {@code copy}, or throws an earlier copy's failure. */
  void sendCopy(ProducerRecord<byte[], byte[]> copy) {
    failures.rethrow();
    send(copy, failures);
  }

  /** Waits for every record sent, then throws a failed copy's error, if there was one. */
  @Override
  public void flush() {
    super.flush();
    failures.rethrow();
  }

  @Override
  public void close(Duration timeout) {
    try {
      super.close(timeout);
    } finally {
      onClose.accept(this);
    }
  }
}
