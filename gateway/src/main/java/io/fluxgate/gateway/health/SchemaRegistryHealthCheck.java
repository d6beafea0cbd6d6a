package io.fluxgate.gateway.health;

import com.codahale.metrics.health.HealthCheck;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import io.fluxgate.schemas.registry.SchemaRegistryService;

/**
 * Unhealthy when the registry cannot catch up with its log in Kafka: the same read path every
 * registry call and every decode of a new schema id takes.
 */
public final class SchemaRegistryHealthCheck extends HealthCheck {
  private final SchemaRegistryService registry;

  public SchemaRegistryHealthCheck(SchemaRegistryService registry) {
    this.registry = registry;
  }

  @Override
  protected Result check() {
    try {
      return Result.healthy("%d subject(s)".formatted(registry.subjects(null, false).size()));
    } catch (SchemaRegistryException e) {
      return Result.unhealthy("the schema registry cannot read its log: " + e.getMessage());
    }
  }
}
