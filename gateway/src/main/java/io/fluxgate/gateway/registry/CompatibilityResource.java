package io.fluxgate.gateway.registry;

import io.fluxgate.schemas.registry.Incompatibility;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;

/**
 * Tests a schema against one version of a subject, or against its versions as a registration would,
 * under the subject's level; {@code ?verbose=true} lists every reason.
 */
@Path("/compatibility/subjects/{subject}/versions")
@Produces({
  RegistryMediaTypes.V1_JSON,
  RegistryMediaTypes.DEFAULT_JSON_WEIGHTED,
  RegistryMediaTypes.JSON_WEIGHTED
})
@Consumes({
  RegistryMediaTypes.V1_JSON,
  RegistryMediaTypes.DEFAULT_JSON,
  RegistryMediaTypes.JSON,
  MediaType.APPLICATION_OCTET_STREAM
})
public final class CompatibilityResource {
  private final SchemaRegistryService registry;

  public CompatibilityResource(SchemaRegistryService registry) {
    this.registry = registry;
  }

  @POST
  @Path("/{version}")
  public CompatibilityResponse againstVersion(
      @PathParam("subject") String subject,
      @PathParam("version") String version,
      @QueryParam("verbose") boolean verbose,
      @QueryParam("normalize") boolean normalize,
      InputStream body) {
    RegisterSchemaRequest request =
        RegistryRequests.read(body, RegisterSchemaRequest.class, RegisterSchemaRequest.EMPTY);
    return answer(registry.testCompatibility(subject, version, request.toSchemaRequest()), verbose);
  }

  @POST
  public CompatibilityResponse againstAll(
      @PathParam("subject") String subject,
      @QueryParam("verbose") boolean verbose,
      @QueryParam("normalize") boolean normalize,
      InputStream body) {
    RegisterSchemaRequest request =
        RegistryRequests.read(body, RegisterSchemaRequest.class, RegisterSchemaRequest.EMPTY);
    return answer(registry.testCompatibilityWithAll(subject, request.toSchemaRequest()), verbose);
  }

  private static CompatibilityResponse answer(List<Incompatibility> reasons, boolean verbose) {
    return new CompatibilityResponse(
        reasons.isEmpty(),
        verbose ? reasons.stream().map(Incompatibility::describe).toList() : null);
  }
}
