package io.fluxgate.gateway.core;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.schemas.avro.UniversalEvent;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SchemaRequest;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;

/**
 * A started registry over an in-process log, with the codec and encoder the gateway builds on it:
 * what the resource tests publish with and decode records by.
 */
public final class TestRegistry {
  public final InMemoryRegistryLog log = new InMemoryRegistryLog();
  public final SchemaRegistryService registry = new SchemaRegistryService(log);
  public final EventCodec codec = new EventCodec(registry::writerSchema);
  public final EventEncoder encoder = new EventEncoder(registry, codec);

  private TestRegistry() {
    registry.start();
    encoder.start();
  }

  public static TestRegistry started() {
    return new TestRegistry();
  }

  /** Registers an Avro schema under {@code subject}, e.g. the one named as an event type. */
  public int register(String subject, String avroSchema) {
    return registry.register(subject, SchemaRequest.avro(avroSchema));
  }

  public UniversalEvent decode(byte[] value) {
    return codec.decode(value);
  }
}
