package io.fluxgate.schemas.registry.client;

import java.util.Map;
import org.apache.avro.Schema;

/**
 * What the serde and the gateway need from a Confluent-compatible schema registry, in Avro terms.
 * Every failure is a {@link SchemaRegistryClientException}.
 *
 * <p>Build the usual (HTTP, cached) client from Confluent-style settings:
 *
 * <pre>{@code
 * SchemaRegistryClient registry =
 *     SchemaRegistryClient.create(Map.of("schema.registry.url", "http://gateway:8080"));
 * int id = registry.register("payments-value", Payment.getClassSchema());
 * Schema writer = registry.schemaById(id);
 * }</pre>
 */
public interface SchemaRegistryClient {

  /** An HTTP client with caches, configured by the keys of {@link SchemaRegistryClientConfig}. */
  static SchemaRegistryClient create(Map<String, ?> configs) {
    return new SchemaRegistryClientConfig(configs).buildClient();
  }

  /**
   * Registers {@code schema} under {@code subject}, or finds it already registered, and returns its
   * registry-wide id ({@code POST /subjects/{subject}/versions}).
   *
   * @param normalize ask the registry to normalize the schema before comparing it
   */
  int register(String subject, Schema schema, boolean normalize);

  /** {@link #register(String, Schema, boolean)} without normalization. */
  default int register(String subject, Schema schema) {
    return register(subject, schema, false);
  }

  /**
   * Finds {@code schema} among the versions of {@code subject} without registering it ({@code POST
   * /subjects/{subject}}).
   *
   * @throws SchemaRegistryClientException 40401 when the subject does not exist, 40403 when the
   *     schema is not registered under it
   */
  RegisteredSchema lookup(String subject, Schema schema, boolean normalize);

  /**
   * The schema with this id, its references resolved ({@code GET /schemas/ids/{id}}).
   *
   * @throws SchemaRegistryClientException 40403 when no schema has this id
   */
  Schema schemaById(int id);

  /**
   * The latest version of {@code subject} ({@code GET /subjects/{subject}/versions/latest}).
   *
   * @throws SchemaRegistryClientException 40401 when the subject does not exist
   */
  RegisteredSchema latestVersion(String subject);

  /**
   * One version of {@code subject} ({@code GET /subjects/{subject}/versions/{version}}).
   *
   * @throws SchemaRegistryClientException 40401 when the subject does not exist, 40402 when the
   *     version does not
   */
  RegisteredSchema version(String subject, int version);
}
