package io.fluxgate.benchmarks;

import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.event.JsonData;
import io.fluxgate.core.event.TypedData;
import io.fluxgate.schemas.avro.UniversalEvent;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.client.CachingSchemaRegistryClient;
import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.schemas.serde.AvroDeserializer;
import io.fluxgate.schemas.serde.AvroSerializer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Record values back to objects and Confluent's wire format both ways, per operation: {@link
 * EventCodec#decode} of a generic and of a typed event envelope (what subscriptions and processors
 * do per record), and the schemas module's {@link AvroSerializer}/{@link AvroDeserializer} for a
 * six-field generic record. The serde's registry is a {@link SchemaRegistryService} in this JVM
 * behind the caching client, so after the first record neither side asks the registry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {
  static final String TOPIC = "payments";

  private SchemaRegistryService registry;
  private EventCodec codec;
  private byte[] genericValue;
  private byte[] typedValue;
  private AvroSerializer serializer;
  private AvroDeserializer deserializer;
  private GenericRecord payment;
  private byte[] paymentValue;

  @Setup
  public void start() {
    registry = SampleEvents.startedRegistry();
    codec = new EventCodec(registry::writerSchema);
    EventJson json = new EventJson(EventLimits.defaults(), Clock.systemUTC());
    genericValue =
        codec.encode(
            SampleEvents.registerGenericEnvelope(registry),
            json.parseEvent(SampleEvents.GENERIC_JSON));
    Schema paymentSchema = new Schema.Parser().parse(SampleEvents.PAYMENT_SCHEMA);
    Schema typedEnvelope = EnvelopeSchemas.typed(paymentSchema);
    UniversalEvent typed = json.parseEvent(SampleEvents.TYPED_JSON);
    Object datum =
        TypedData.toAvro(
            JsonData.toJson(typed.getData()), paymentSchema, EnvelopeSchemas.DATA_FIELD);
    typedValue =
        codec.encodeTyped(
            SampleEvents.registerTypedEnvelope(registry, SampleEvents.PAYMENT_TYPE, typedEnvelope),
            typedEnvelope,
            typed,
            datum);

    SchemaRegistryClient client =
        new CachingSchemaRegistryClient(
            new InProcessRegistryClient(registry), Duration.ofMinutes(5));
    serializer = new AvroSerializer(client, Map.of(), false);
    deserializer = new AvroDeserializer(client, Map.of(), false);
    payment = samplePayment(paymentSchema);
    paymentValue = serializer.serialize(TOPIC, payment);
    deserializer.deserialize(TOPIC, paymentValue);
  }

  static GenericRecord samplePayment(Schema schema) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("payment_id", "p-88213");
    record.put("amount", 129.95);
    record.put("currency", "EUR");
    record.put("captured", true);
    record.put("attempts", 1);
    record.put("note", "first attempt, card ending 4242");
    return record;
  }

  @TearDown
  public void stop() {
    registry.stop();
  }

  /** A generic-envelope record value to the event (data in its generic JSON form). */
  @Benchmark
  public UniversalEvent decodeEvent() {
    return codec.decode(genericValue);
  }

  /** A typed-envelope record value to the event (typed data turned back into generic JSON). */
  @Benchmark
  public UniversalEvent decodeTypedEvent() {
    return codec.decode(typedValue);
  }

  /** A generic record to Confluent-framed bytes; the schema's id comes from the client cache. */
  @Benchmark
  public byte[] serializeRecord() {
    return serializer.serialize(TOPIC, payment);
  }

  /** Confluent-framed bytes to a generic record; the writer schema comes from the client cache. */
  @Benchmark
  public Object deserializeRecord() {
    return deserializer.deserialize(TOPIC, paymentValue);
  }
}
