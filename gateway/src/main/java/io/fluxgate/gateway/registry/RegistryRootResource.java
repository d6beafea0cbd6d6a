package io.fluxgate.gateway.registry;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /} answers {@code {}}, as Confluent's registry does (clients use it as a ping), and
 * {@code GET /contexts} the one context this registry has, the default {@code "."}.
 */
@Path("/")
@Produces({
  RegistryMediaTypes.V1_JSON,
  RegistryMediaTypes.DEFAULT_JSON_WEIGHTED,
  RegistryMediaTypes.JSON_WEIGHTED
})
public final class RegistryRootResource {

  @GET
  public Map<String, Object> root() {
    return Map.of();
  }

  @GET
  @Path("/contexts")
  public List<String> contexts() {
    return List.of(".");
  }
}
