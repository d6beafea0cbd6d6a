package io.fluxgate.processor;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.store.RegistryLog;
import java.util.Objects;

/**
 * A read-only replica of the schema registry for the fan-out, which decodes events to apply
 * subscription filters. It reads the registry's log (the same topic the gateway writes) and never
 * appends to it: it only serves writer schemas by id. Managed before the fan-out, so that the log
 * has been read before the first event is routed, and closed after it.
 */
public final class SchemaRegistryReplica implements Managed {
  /** The subject the gateway registers the generic envelope under (its {@code EventEncoder}). */
  public static final String GENERIC_ENVELOPE_SUBJECT = "fluxgate:envelope";

  private final RegistryLog log;
  private final SchemaRegistryService registry;
  private final EventCodec codec;

  public SchemaRegistryReplica(RegistryLog log) {
    this.log = Objects.requireNonNull(log, "log");
    this.registry = new SchemaRegistryService(log);
    this.codec = new EventCodec(registry::writerSchema);
  }

  /** Decodes event values with the writer schema named in their header. */
  public EventCodec codec() {
    return codec;
  }

  /**
   * The id of the generic envelope, for writing events (topology results).
   *
   * @throws IllegalStateException when no gateway has registered it yet
   */
  public int genericEnvelopeId() {
    return registry
        .latestLocal(GENERIC_ENVELOPE_SUBJECT)
        .map(latest -> latest.registered().id())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the generic envelope is not registered yet (subject "
                        + GENERIC_ENVELOPE_SUBJECT
                        + ")"));
  }

  @Override
  public void start() {
    registry.start();
  }

  @Override
  public void stop() throws Exception {
    registry.stop();
    log.close();
  }
}
