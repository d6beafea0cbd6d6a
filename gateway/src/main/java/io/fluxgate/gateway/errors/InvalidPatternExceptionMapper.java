package io.fluxgate.gateway.errors;

import io.fluxgate.core.glob.InvalidPatternException;
import io.fluxgate.gateway.api.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;

/** A glob pattern that does not parse: 400 with the position of the fault. */
public final class InvalidPatternExceptionMapper
    implements ExceptionMapper<InvalidPatternException> {

  @Override
  public Response toResponse(InvalidPatternException e) {
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse("invalid_pattern", e.getMessage(), List.of(detail(e, null))))
        .build();
  }

  /** The detail object for one bad pattern; {@code field} names where it was given, if known. */
  public static Map<String, Object> detail(InvalidPatternException e, String field) {
    var detail = new java.util.LinkedHashMap<String, Object>();
    if (field != null) {
      detail.put("field", field);
    }
    detail.put("pattern", e.pattern());
    detail.put("position", e.position());
    detail.put("message", e.reason());
    return detail;
  }
}
