package io.fluxgate.gateway.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fluxgate.gateway.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies with a hard size bound (the body is never buffered past the limit) and
 * parses small JSON control bodies strictly: unknown properties and malformed JSON are 400s.
 */
final class RequestBody {
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RequestBody() {}

  /** The whole body, or 413 as soon as it passes {@code limit} bytes. */
  static byte[] read(InputStream in, int limit) {
    try {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw new ApiException(
            413,
            "too_large",
            "the request body is larger than " + limit + " bytes",
            List.of(Map.of("limit_bytes", limit)));
      }
      return body;
    } catch (IOException e) {
      throw new ApiException(400, "unreadable_body", "the request body could not be read");
    }
  }

  static <T> T parse(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw new ApiException(400, "malformed_json", "a JSON body is required");
    }
    try {
      return STRICT.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ApiException(
          400,
          "unknown_field",
          "unknown field '" + e.getPropertyName() + "'",
          List.of(Map.of("field", e.getPropertyName(), "known", e.getKnownPropertyIds())));
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "malformed_json", e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(400, "unreadable_body", "the request body could not be read");
    }
  }
}
