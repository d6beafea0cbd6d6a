package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.store.RegistryLog;

/**
 * The registry's lifecycle in the gateway: the service reads its whole log before the gateway
 * serves, and stops answering before the log is closed.
 */
public final class SchemaRegistryManager implements Managed {
  private final RegistryLog log;
  private final SchemaRegistryService registry;

  public SchemaRegistryManager(RegistryLog log) {
    this.log = log;
    this.registry = new SchemaRegistryService(log);
  }

  public SchemaRegistryService registry() {
    return registry;
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
