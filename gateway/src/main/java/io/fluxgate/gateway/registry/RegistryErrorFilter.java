package io.fluxgate.gateway.registry;

import io.fluxgate.gateway.api.ErrorResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every error on the registry's paths Confluent's body and a media type the client accepts.
 * The gateway's own mappers answer Jersey's refusals (unknown path 404, 405, 406, 415) and
 * unexpected failures in {@code {"error", "message", "details"}}; on registry paths this filter
 * rewrites them to {@code {"error_code": <status>, "message"}}, which is what Confluent clients
 * parse. Other paths keep the gateway's shape, also for a {@link
 * io.fluxgate.schemas.registry.SchemaRegistryException} thrown there.
 */
public final class RegistryErrorFilter implements ContainerResponseFilter {
  private static final Set<String> REGISTRY_ROOTS =
      Set.of("subjects", "schemas", "config", "mode", "compatibility");

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object entity = response.getEntity();
    if (!isRegistryPath(request.getUriInfo().getPath())) {
      if (entity instanceof ErrorBody registryError) {
        // A registry failure surfacing elsewhere (e.g. while typing an event) keeps the gateway's
        // shape there; the Confluent code goes into the details.
        response.setEntity(
            new ErrorResponse(
                "schema_registry_error",
                registryError.message(),
                List.of(Map.of("error_code", registryError.errorCode()))),
            new Annotation[0],
            MediaType.APPLICATION_JSON_TYPE);
      }
      return;
    }
    ErrorBody body;
    if (entity instanceof ErrorBody registryError) {
      body = registryError;
    } else if (entity instanceof ErrorResponse gatewayError) {
      body = new ErrorBody(response.getStatus(), gatewayError.message());
    } else {
      return;
    }
    response.setEntity(body, new Annotation[0], negotiate(request));
  }

  /** Whether {@code path} (relative, as Jersey gives it) belongs to the registry's API. */
  static boolean isRegistryPath(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty()) {
      return true;
    }
    int slash = relative.indexOf('/');
    return REGISTRY_ROOTS.contains(slash < 0 ? relative : relative.substring(0, slash));
  }

  private static MediaType negotiate(ContainerRequestContext request) {
    List<MediaType> acceptable;
    try {
      acceptable = request.getAcceptableMediaTypes();
    } catch (RuntimeException malformedAcceptHeader) {
      acceptable = List.of();
    }
    return RegistryMediaTypes.negotiate(acceptable);
  }
}
