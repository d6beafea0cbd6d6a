package io.fluxgate.gateway.core.ack;

import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A lease log without a broker: every write is applied at once, with {@code clock} as its time. */
public final class LoopbackAckLog {
  private LoopbackAckLog() {}

  public static AckLog create(LongSupplier clock) {
    AckLog[] log = new AckLog[1];
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, byte[]> record, Callback callback) {
            Future<RecordMetadata> sent = super.send(record, callback);
            log[0].apply(record.key(), record.value(), clock.getAsLong());
            return sent;
          }
        };
    log[0] = new AckLog(producer);
    return log[0];
  }

  /** A lease log whose every write fails, as when Kafka is down. */
  public static AckLog failing() {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    producer.sendException = new org.apache.kafka.common.errors.TimeoutException("no broker");
    return new AckLog(producer);
  }
}
