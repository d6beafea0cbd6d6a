package io.fluxgate.processor.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** An aggregate's per-event values (one double per aggregation, NaN for none) on a repartition. */
final class DoubleArraySerde {
  private DoubleArraySerde() {}

  static Serde<double[]> serde() {
    Serializer<double[]> serializer =
        (topic, values) -> {
          if (values == null) {
            return null;
          }
          ByteBuffer out = ByteBuffer.allocate(values.length * Double.BYTES);
          for (double v : values) {
            out.putDouble(v);
          }
          return out.array();
        };
    Deserializer<double[]> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          ByteBuffer in = ByteBuffer.wrap(bytes);
          double[] values = new double[bytes.length / Double.BYTES];
          for (int i = 0; i < values.length; i++) {
            values[i] = in.getDouble();
          }
          return values;
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
