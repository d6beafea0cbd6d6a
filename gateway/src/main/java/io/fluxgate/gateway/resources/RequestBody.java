package io.fluxgate.gateway.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fluxgate.core.event.EventError;
import io.fluxgate.core.event.EventRejectedException;
import io.fluxgate.gateway.errors.ApiException;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
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
          // A number or boolean where a string is expected is a client error, not "42".
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
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

  /**
   * The body of a publish, or a 413 in the event error shape ({@code index, field, code}) as soon
   * as it passes {@code limit} bytes.
   */
  static byte[] readEvents(InputStream in, int limit, String what) {
    try {
      return read(in, limit);
    } catch (ApiException tooLarge) {
      if (tooLarge.getResponse().getStatus() != 413) {
        throw tooLarge;
      }
      throw new EventRejectedException(
          List.of(
              new EventError(
                  0, "", EventError.TOO_LARGE, what + " is larger than " + limit + " bytes")));
    }
  }

  static <T> T parse(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw new ApiException(400, "malformed_json", "a JSON body is required");
    }
    T value;
    try {
      value = STRICT.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ApiException(
          400,
          "unknown_field",
          "unknown field '" + e.getPropertyName() + "'",
          List.of(Map.of("field", e.getPropertyName(), "known", e.getKnownPropertyIds())));
    } catch (MismatchedInputException e) {
      String field = path(e);
      throw new ApiException(
          400,
          "malformed_json",
          e.getOriginalMessage(),
          field.isEmpty() ? List.of() : List.of(Map.of("field", field)));
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "malformed_json", e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(400, "unreadable_body", "the request body could not be read");
    }
    if (value == null) {
      // The JSON literal null binds to no object at all.
      throw new ApiException(400, "malformed_json", "a JSON object is required, not null");
    }
    return value;
  }

  /** The JSON path of a mismatched value, e.g. {@code patterns[0]}; empty at the top level. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** Returns whether the body is NDJSON; refuses media types we cannot read with 415. */
  static boolean requireJson(String contentType, boolean ndjsonAllowed) {
    String type =
        contentType == null
            ? MediaType.APPLICATION_JSON
            : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (type.equals(MediaType.APPLICATION_JSON) || type.endsWith("+json")) {
      return false;
    }
    if (ndjsonAllowed && (type.equals(EventsResource.NDJSON) || type.equals("application/jsonl"))) {
      return true;
    }
    throw new ApiException(
        415,
        "unsupported_media_type",
        "Content-Type must be application/json"
            + (ndjsonAllowed ? " or " + EventsResource.NDJSON : "")
            + ", was "
            + contentType);
  }
}
