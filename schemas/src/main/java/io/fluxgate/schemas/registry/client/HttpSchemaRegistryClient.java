package io.fluxgate.schemas.registry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxgate.schemas.registry.AvroSchemas;
import io.fluxgate.schemas.registry.SchemaReference;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Talks Confluent's Schema Registry REST API over {@code java.net.http}, one HTTP request per call
 * (plus one per referenced schema when a schema has references). It caches nothing: put a {@link
 * CachingSchemaRegistryClient} in front of it, as {@link SchemaRegistryClientConfig#buildClient()}
 * does.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final RegistryTransport transport;

  public HttpSchemaRegistryClient(SchemaRegistryClientConfig config) {
    this.transport = new RegistryTransport(config, json);
  }

  @Override
  public int register(String subject, Schema schema, boolean normalize) {
    String path = "/subjects/" + encode(subject) + "/versions" + normalizeQuery(normalize);
    return read(transport.send("POST", path, body(schema)), IdAnswer.class).id();
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema, boolean normalize) {
    String path = "/subjects/" + encode(subject) + normalizeQuery(normalize);
    return registered(
        subject, read(transport.send("POST", path, body(schema)), VersionAnswer.class));
  }

  @Override
  public Schema schemaById(int id) {
    SchemaAnswer answer =
        read(transport.send("GET", "/schemas/ids/" + id, null), SchemaAnswer.class);
    requireAvro(answer.schemaType(), "schema id " + id);
    return parse(answer.schema(), answer.references(), "schema id " + id);
  }

  @Override
  public RegisteredSchema latestVersion(String subject) {
    return registered(subject, fetchVersion(subject, "latest"));
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    return registered(subject, fetchVersion(subject, String.valueOf(version)));
  }

  private VersionAnswer fetchVersion(String subject, String version) {
    String path = "/subjects/" + encode(subject) + "/versions/" + version;
    return read(transport.send("GET", path, null), VersionAnswer.class);
  }

  private RegisteredSchema registered(String subject, VersionAnswer answer) {
    String registeredSubject = answer.subject() == null ? subject : answer.subject();
    String what = "subject '" + registeredSubject + "' version " + answer.version();
    requireAvro(answer.schemaType(), what);
    Schema schema = parse(answer.schema(), answer.references(), what);
    return new RegisteredSchema(registeredSubject, answer.id(), answer.version(), schema);
  }

  /** Parses a schema after the schemas it references (and theirs, dependencies first). */
  private Schema parse(String text, List<SchemaReference> references, String what) {
    if (text == null) {
      throw unreadable("a \"schema\" in the answer for " + what, null);
    }
    List<String> referenced = new ArrayList<>();
    resolve(references, referenced, new HashSet<>());
    try {
      return AvroSchemas.parse(text, referenced);
    } catch (SchemaRegistryException e) {
      throw new SchemaRegistryClientException(
          "The registry's " + what + " is not a valid Avro schema: " + e.getMessage(), e);
    }
  }

  private void resolve(
      List<SchemaReference> references, List<String> texts, Set<SchemaReference> seen) {
    for (SchemaReference reference : references == null ? List.<SchemaReference>of() : references) {
      if (seen.add(reference)) {
        VersionAnswer answer =
            fetchVersion(reference.subject(), String.valueOf(reference.version()));
        if (answer.schema() == null) {
          throw unreadable("a \"schema\" for the reference " + reference, null);
        }
        resolve(answer.references(), texts, seen);
        texts.add(answer.schema());
      }
    }
  }

  private static void requireAvro(String schemaType, String what) {
    if (schemaType != null && !AvroSchemas.AVRO.equalsIgnoreCase(schemaType)) {
      throw new SchemaRegistryClientException(
          "The registry's " + what + " is a " + schemaType + " schema; only AVRO is supported",
          SchemaRegistryClientException.NO_RESPONSE,
          SchemaRegistryClientException.NO_RESPONSE);
    }
  }

  private String body(Schema schema) {
    try {
      return json.writeValueAsString(new SchemaRequest(schema.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A string always renders as JSON", e);
    }
  }

  private <T> T read(String body, Class<T> type) {
    try {
      return json.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw unreadable(type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static SchemaRegistryClientException unreadable(String what, Throwable cause) {
    return new SchemaRegistryClientException(
        "Unreadable answer from the schema registry, expected " + what, cause);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String normalizeQuery(boolean normalize) {
    return normalize ? "?normalize=true" : "";
  }

  /** The registry assumes AVRO when {@code schemaType} is absent, so it is never sent. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SchemaRequest(String schema) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record IdAnswer(int id) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SchemaAnswer(String schema, String schemaType, List<SchemaReference> references) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record VersionAnswer(
      String subject,
      int id,
      int version,
      String schema,
      String schemaType,
      List<SchemaReference> references) {}
}
