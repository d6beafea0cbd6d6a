package io.fluxgate.gateway.errors;

import io.fluxgate.gateway.api.ErrorResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Locale;

/**
 * Gives Jersey's own errors (unknown path 404, 405, 406, 415, ...) and every {@link ApiException}
 * the gateway's JSON error shape.
 */
public final class WebApplicationExceptionMapper
    implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    if (exception instanceof ApiException) {
      return exception.getResponse();
    }
    Response original = exception.getResponse();
    int status = original.getStatus();
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String reason = type == null ? "error" : type.getReasonPhrase();
    String error = reason.toLowerCase(Locale.ROOT).replace(' ', '_');
    String message = exception.getMessage() == null ? reason : exception.getMessage();
    Response.ResponseBuilder builder =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorResponse(error, message, List.of()));
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> builder.header(name, v));
              }
            });
    return builder.build();
  }
}
