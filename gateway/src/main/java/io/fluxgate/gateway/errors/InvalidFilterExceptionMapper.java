package io.fluxgate.gateway.errors;

import io.fluxgate.core.filter.InvalidFilterException;
import io.fluxgate.gateway.api.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CEL filter that does not compile: 400 {@code invalid_filter} with the position of the fault.
 */
public final class InvalidFilterExceptionMapper implements ExceptionMapper<InvalidFilterException> {
  public static final String ERROR = "invalid_filter";

  @Override
  public Response toResponse(InvalidFilterException e) {
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(ERROR, e.getMessage(), List.of(detail(e, "filter"))))
        .build();
  }

  /**
   * The detail object for a bad filter: {@code position} is the 0-based character offset, {@code
   * line} and {@code column} 1-based, {@code message} CEL's own words.
   */
  public static Map<String, Object> detail(InvalidFilterException e, String field) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("field", field);
    detail.put("position", e.position());
    detail.put("line", e.line());
    detail.put("column", e.column());
    detail.put("message", e.reason());
    return detail;
  }
}
