package io.fluxgate.schemas.serde;

import io.fluxgate.schemas.registry.client.RegisteredSchema;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns a value into one of a subject's latest version when {@code use.latest.version} asks to
 * write with that version rather than the value's own schema. Avro writes records field by
 * position, so a value of another schema cannot be handed to the latest version's writer as it is:
 * it is encoded with its own schema and read back into the latest version by Avro's resolution
 * rules. A value the latest version cannot read is refused, naming why.
 */
final class LatestVersionConverter {
  private final AvroEncoder encoder;
  private final Map<SchemaPair, Plan> plans = new ConcurrentHashMap<>();

  LatestVersionConverter(AvroEncoder encoder) {
    this.encoder = encoder;
  }

  /**
   * {@code value} (of schema {@code own}) as a value of {@code latest}'s schema.
   *
   * @throws SerializationException when the latest version cannot read values of {@code own}
   */
  Object convert(Object value, Schema own, RegisteredSchema latest) throws IOException {
    Plan plan =
        plans.computeIfAbsent(new SchemaPair(own, latest.schema()), LatestVersionConverter::plan);
    if (plan.incompatibility() != null) {
      throw new SerializationException(
          "use.latest.version: a value of schema "
              + own.getFullName()
              + " cannot be written as version "
              + latest.version()
              + " (id "
              + latest.id()
              + ") of subject '"
              + latest.subject()
              + "', which cannot read it: "
              + plan.incompatibility());
    }
    if (plan.reader() == null) {
      return value;
    }
    byte[] encoded = encoder.encode(own, value);
    return plan.reader().read(null, DecoderFactory.get().binaryDecoder(encoded, null));
  }

  private static Plan plan(SchemaPair pair) {
    if (pair.own().equals(pair.latest())) {
      return new Plan(null, null);
    }
    SchemaCompatibility.SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(pair.latest(), pair.own()).getResult();
    if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return new Plan(
          result.getIncompatibilities().stream()
              .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
              .collect(Collectors.joining("; ")),
          null);
    }
    return new Plan(null, new GenericDatumReader<>(pair.own(), pair.latest(), GenericData.get()));
  }

  private record SchemaPair(Schema own, Schema latest) {}

  /** Either why the latest version cannot read the value, or how to convert it (none: as is). */
  private record Plan(String incompatibility, DatumReader<Object> reader) {}
}
