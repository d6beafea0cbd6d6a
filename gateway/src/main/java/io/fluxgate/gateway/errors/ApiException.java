package io.fluxgate.gateway.errors;

import io.fluxgate.gateway.api.ErrorResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An expected failure of an API call, carrying the HTTP status and the JSON error body the client
 * gets: {@code {"error", "message", "details"}}.
 */
public class ApiException extends WebApplicationException {
  private final ErrorResponse body;

  public ApiException(int status, String error, String message, List<?> details) {
    super(message, null, buildResponse(status, new ErrorResponse(error, message, details)));
    this.body = new ErrorResponse(error, message, details);
  }

  public ApiException(int status, String error, String message) {
    this(status, error, message, List.of());
  }

  public ErrorResponse body() {
    return body;
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(404, "not_found", what + " '" + id + "' does not exist");
  }

  public static ApiException badRequest(String error, String message, List<?> details) {
    return new ApiException(400, error, message, details);
  }

  /** 503 with a Retry-After header: Kafka is unavailable or slow; the call can be retried. */
  public static ApiException unavailable(String message, int retryAfterSeconds) {
    ErrorResponse body = new ErrorResponse("unavailable", message, List.of());
    return new ApiException(body, 503, retryAfterSeconds);
  }

  /** An error with a Retry-After header, e.g. 429 or 503 of a full subscription queue. */
  public static ApiException retryLater(
      int status, String error, String message, List<?> details, int retryAfterSeconds) {
    return new ApiException(new ErrorResponse(error, message, details), status, retryAfterSeconds);
  }

  private ApiException(ErrorResponse body, int status, int retryAfterSeconds) {
    super(
        body.message(),
        null,
        Response.status(status)
            .header("Retry-After", retryAfterSeconds)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(body)
            .build());
    this.body = body;
  }

  private static Response buildResponse(int status, ErrorResponse body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
