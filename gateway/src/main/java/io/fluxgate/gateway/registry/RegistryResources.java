package io.fluxgate.gateway.registry;

import io.fluxgate.schemas.registry.SchemaRegistryService;
import java.util.List;

/**
 * Everything Jersey needs to serve Confluent's registry API at the root paths: the resources, the
 * exception mapper and the filter that gives registry errors Confluent's body.
 *
 * <pre>{@code
 * RegistryResources.jerseyComponents(registry).forEach(environment.jersey()::register);
 * }</pre>
 */
public final class RegistryResources {
  private RegistryResources() {}

  public static List<Object> jerseyComponents(SchemaRegistryService registry) {
    return List.of(
        new RegistryRootResource(),
        new SubjectsResource(registry),
        new SubjectVersionsResource(registry),
        new SchemasResource(registry),
        new CompatibilityResource(registry),
        new ConfigResource(registry),
        new ModeResource(registry),
        new SchemaRegistryExceptionMapper(),
        new RegistryErrorFilter());
  }
}
