package io.fluxgate.benchmarks;

import io.fluxgate.schemas.registry.SchemaRegistryException;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SchemaRequest;
import io.fluxgate.schemas.registry.client.RegisteredSchema;
import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.schemas.registry.client.SchemaRegistryClientException;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * The serde's registry client answered by a {@link SchemaRegistryService} in the same JVM, so that
 * a serde benchmark measures encoding and the client cache rather than HTTP. Wrap it in a {@link
 * io.fluxgate.schemas.registry.client.CachingSchemaRegistryClient}, as the real client is.
 *
 * <p>{@code normalize} is ignored: the benchmarks register canonical schemas.
 */
final class InProcessRegistryClient implements SchemaRegistryClient {
  private final SchemaRegistryService registry;

  InProcessRegistryClient(SchemaRegistryService registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public int register(String subject, Schema schema, boolean normalize) {
    return call(() -> registry.register(subject, SchemaRequest.avro(schema.toString())));
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema, boolean normalize) {
    return call(
        () -> toClient(registry.lookup(subject, SchemaRequest.avro(schema.toString()), false)));
  }

  @Override
  public Schema schemaById(int id) {
    return call(() -> registry.writerSchema(id));
  }

  @Override
  public RegisteredSchema latestVersion(String subject) {
    return call(() -> toClient(registry.version(subject, "latest", false)));
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    return call(() -> toClient(registry.version(subject, Integer.toString(version), false)));
  }

  private RegisteredSchema toClient(io.fluxgate.schemas.registry.RegisteredSchema stored) {
    return new RegisteredSchema(
        stored.subject(), stored.id(), stored.version(), registry.writerSchema(stored.id()));
  }

  private static <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (SchemaRegistryException e) {
      throw new SchemaRegistryClientException(e.getMessage(), e.status(), e.errorCode());
    }
  }
}
