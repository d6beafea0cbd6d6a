package io.fluxgate.gateway.registry;

import io.fluxgate.schemas.registry.SchemaRegistryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;

/**
 * The versions of a subject: list, register, get (also the raw schema text and who references it)
 * and delete. Versions are numbers, {@code latest} or {@code -1}.
 */
@Path("/subjects/{subject}/versions")
@Produces({
  RegistryMediaTypes.V1_JSON,
  RegistryMediaTypes.DEFAULT_JSON_WEIGHTED,
  RegistryMediaTypes.JSON_WEIGHTED
})
public final class SubjectVersionsResource {
  private final SchemaRegistryService registry;

  public SubjectVersionsResource(SchemaRegistryService registry) {
    this.registry = registry;
  }

  @GET
  public List<Integer> list(
      @PathParam("subject") String subject, @QueryParam("deleted") boolean deleted) {
    return registry.versions(subject, deleted);
  }

  @POST
  @Consumes({
    RegistryMediaTypes.V1_JSON,
    RegistryMediaTypes.DEFAULT_JSON,
    RegistryMediaTypes.JSON,
    MediaType.APPLICATION_OCTET_STREAM
  })
  public RegisterSchemaResponse register(
      @PathParam("subject") String subject,
      @QueryParam("normalize") boolean normalize,
      InputStream body) {
    RegisterSchemaRequest request =
        RegistryRequests.read(body, RegisterSchemaRequest.class, RegisterSchemaRequest.EMPTY);
    return new RegisterSchemaResponse(registry.register(subject, request.toSchemaRequest()));
  }

  @GET
  @Path("/{version}")
  public SchemaResponse get(
      @PathParam("subject") String subject,
      @PathParam("version") String version,
      @QueryParam("deleted") boolean deleted) {
    return SchemaResponse.of(registry.version(subject, version, deleted));
  }

  /** The schema text alone, as stored. */
  @GET
  @Path("/{version}/schema")
  public String schema(
      @PathParam("subject") String subject,
      @PathParam("version") String version,
      @QueryParam("deleted") boolean deleted) {
    return registry.version(subject, version, deleted).schema();
  }

  @GET
  @Path("/{version}/referencedby")
  public List<Integer> referencedBy(
      @PathParam("subject") String subject, @PathParam("version") String version) {
    return registry.referencedBy(subject, version);
  }

  @DELETE
  @Path("/{version}")
  public Integer delete(
      @PathParam("subject") String subject,
      @PathParam("version") String version,
      @QueryParam("permanent") boolean permanent) {
    return registry.deleteVersion(subject, version, permanent);
  }
}
