package io.fluxgate.gateway.errors;

import io.fluxgate.core.event.EventRejectedException;
import io.fluxgate.gateway.api.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Every refused event, with each bad index and field listed in {@code details}. */
public final class EventRejectedExceptionMapper implements ExceptionMapper<EventRejectedException> {

  @Override
  public Response toResponse(EventRejectedException exception) {
    String error =
        switch (exception.status()) {
          case 413 -> "too_large";
          case 400 -> "malformed_event";
          default -> "invalid_event";
        };
    return Response.status(exception.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(error, exception.getMessage(), exception.errors()))
        .build();
  }
}
