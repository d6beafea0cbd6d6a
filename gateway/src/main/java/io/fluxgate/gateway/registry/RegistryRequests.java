package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads registry request bodies ourselves, so that every failure answers in Confluent's shape: a
 * body that is not JSON is 400 (error_code 400), JSON of the wrong shape is 422 (error_code 422),
 * an empty body is read as {@code {}} and then refused by what is missing (e.g. 42201 for a
 * registration without schema). Unknown fields are ignored, as Confluent ignores them.
 */
final class RegistryRequests {
  /** Schemas are small; Kafka would not store a larger record under default settings anyway. */
  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RegistryRequests() {}

  /**
   * Reads a body as {@code type}, or {@code empty} when there is none.
   *
   * @throws SchemaRegistryException 400, 413 or 422 as described above
   */
  static <T> T read(InputStream in, Class<T> type, T empty) {
    byte[] body = readBounded(in);
    if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return empty;
    }
    T value;
    try {
      value = JSON.readValue(body, type);
    } catch (JsonMappingException e) {
      throw SchemaRegistryException.unprocessableEntity(
          "Unprocessable request body: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw SchemaRegistryException.malformedJson(
          "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw SchemaRegistryException.malformedJson("The request body could not be read");
    }
    if (value == null) {
      throw SchemaRegistryException.unprocessableEntity(
          "Unprocessable request body: a JSON object is required, not null");
    }
    return value;
  }

  private static byte[] readBounded(InputStream in) {
    try {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw SchemaRegistryException.requestTooLarge(MAX_BODY_BYTES);
      }
      return body;
    } catch (IOException e) {
      throw SchemaRegistryException.malformedJson("The request body could not be read");
    }
  }
}
