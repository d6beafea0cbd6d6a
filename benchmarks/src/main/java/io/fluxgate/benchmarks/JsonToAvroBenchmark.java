package io.fluxgate.benchmarks;

import io.fluxgate.benchmarks.load.EventFactory;
import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.event.JsonData;
import io.fluxgate.core.event.TypedData;
import io.fluxgate.schemas.avro.UniversalEvent;
import io.fluxgate.schemas.registry.LatestSchema;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The gateway's publishing hot path for one event of about 300 bytes, per operation: the strict
 * JSON parse and Avro mapping ({@link EventJson#parseEvent}), the Confluent-framed encoding of the
 * parsed event ({@link EventCodec#encode}), and both together; then the same for an event whose
 * type has a registered schema, validated and converted by {@link TypedData} and written in its
 * typed envelope as the gateway's {@code EventEncoder} does (the registry lookup is the local one).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonToAvroBenchmark {
  static final int BATCH_EVENTS = 500;

  private EventJson json;
  private SchemaRegistryService registry;
  private EventCodec codec;
  private int genericEnvelopeId;
  private int typedEnvelopeId;
  private Schema typedEnvelope;
  private UniversalEvent parsed;
  private byte[] batch;
  private List<UniversalEvent> parsedBatch;

  @Setup
  public void start() {
    json = new EventJson(EventLimits.defaults(), Clock.systemUTC());
    registry = SampleEvents.startedRegistry();
    codec = new EventCodec(registry::writerSchema);
    genericEnvelopeId = SampleEvents.registerGenericEnvelope(registry);
    Schema dataSchema = registry.latestLocal(SampleEvents.PAYMENT_TYPE).orElseThrow().schema();
    // The gateway caches the typed envelope per data schema id; so does this benchmark.
    typedEnvelope = EnvelopeSchemas.typed(dataSchema);
    typedEnvelopeId =
        SampleEvents.registerTypedEnvelope(registry, SampleEvents.PAYMENT_TYPE, typedEnvelope);
    parsed = json.parseEvent(SampleEvents.GENERIC_JSON);
    EventFactory events = new EventFactory("bench.batch.event", 300);
    List<String> lines = new ArrayList<>(BATCH_EVENTS);
    for (int i = 0; i < BATCH_EVENTS; i++) {
      lines.add(events.event(EventFactory.newId()));
    }
    batch = EventFactory.ndjson(lines);
    parsedBatch = json.parseBatch(batch, true);
  }

  @TearDown
  public void stop() {
    registry.stop();
  }

  /** Strict JSON to the Avro {@code UniversalEvent}. */
  @Benchmark
  public UniversalEvent parse() {
    return json.parseEvent(SampleEvents.GENERIC_JSON);
  }

  /**
   * A load-generator batch read as {@code POST /v1/events/batch} reads it: 500 NDJSON events of 300
   * bytes (id, type, source, a padded {@code data}); the score counts events.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH_EVENTS)
  public List<UniversalEvent> parseBatch() {
    return json.parseBatch(batch, true);
  }

  /** The events of {@link #parseBatch} to their record values (generic envelope). */
  @Benchmark
  @OperationsPerInvocation(BATCH_EVENTS)
  public void encodeBatch(Blackhole sink) {
    for (UniversalEvent event : parsedBatch) {
      sink.consume(codec.encode(genericEnvelopeId, event));
    }
  }

  /** A parsed event to its record value (generic envelope). */
  @Benchmark
  public byte[] encode() {
    return codec.encode(genericEnvelopeId, parsed);
  }

  /** Request body to record value, generic envelope. */
  @Benchmark
  public byte[] parseAndEncode() {
    return codec.encode(genericEnvelopeId, json.parseEvent(SampleEvents.GENERIC_JSON));
  }

  /** Request body to record value for a typed event: parse, local lookup, validate, encode. */
  @Benchmark
  public byte[] parseAndEncodeTyped() {
    UniversalEvent event = json.parseEvent(SampleEvents.TYPED_JSON);
    LatestSchema data = registry.latestLocal(event.getEventType()).orElseThrow();
    Object datum =
        TypedData.toAvro(
            0, JsonData.toJson(event.getData()), data.schema(), EnvelopeSchemas.DATA_FIELD);
    return codec.encodeTyped(typedEnvelopeId, typedEnvelope, event, datum);
  }
}
