package io.fluxgate.gateway.registry;

import io.fluxgate.schemas.registry.SchemaRegistryException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every {@link SchemaRegistryException} with its HTTP status and Confluent's body {@code
 * {"error_code", "message"}}; {@link RegistryErrorFilter} then picks the media type the client
 * accepts. Store failures (5xx) are logged with their cause.
 */
public final class SchemaRegistryExceptionMapper
    implements ExceptionMapper<SchemaRegistryException> {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryExceptionMapper.class);

  @Override
  public Response toResponse(SchemaRegistryException e) {
    if (e.status() >= 500) {
      LOG.warn("Schema registry failure {}: {}", e.errorCode(), e.getMessage(), e.getCause());
    }
    return Response.status(e.status())
        .type(RegistryMediaTypes.V1_JSON)
        .entity(new ErrorBody(e.errorCode(), e.getMessage()))
        .build();
  }
}
