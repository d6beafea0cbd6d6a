package io.fluxgate.gateway.errors;

import io.fluxgate.gateway.api.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: a defect, never an expected failure. Logged with an id the client can quote; the
 * client learns nothing of the internals.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable exception) {
    String incident = Long.toHexString(ThreadLocalRandom.current().nextLong());
    LOG.error("Unexpected error, incident {}", incident, exception);
    return Response.serverError()
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            new ErrorResponse(
                "internal_error", "unexpected error, incident " + incident, List.of()))
        .build();
  }
}
