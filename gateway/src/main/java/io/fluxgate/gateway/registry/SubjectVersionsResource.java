package io.fluxgate.gateway.registry;

import io.fluxgate.schemas.registry.SchemaRegistryException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
  private static final int SUBJECT_NOT_FOUND = 40401;

  private final SchemaRegistryService registry;

  public SubjectVersionsResource(SchemaRegistryService registry) {
    this.registry = registry;
  }

  /**
   * The live versions; with {@code deleted} also the soft-deleted ones; with {@code deletedOnly}
   * (which wins over {@code deleted}, as in Confluent) only those. 40401 when the subject has no
   * version at all, live or soft-deleted.
   */
  @GET
  public List<Integer> list(
      @PathParam("subject") String subject,
      @QueryParam("deleted") boolean deleted,
      @QueryParam("deletedOnly") boolean deletedOnly) {
    if (!deletedOnly) {
      return registry.versions(subject, deleted);
    }
    List<Integer> all = registry.versions(subject, true);
    Set<Integer> live = new HashSet<>(liveVersions(subject));
    return all.stream().filter(v -> !live.contains(v)).toList();
  }

  private List<Integer> liveVersions(String subject) {
    try {
      return registry.versions(subject, false);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SUBJECT_NOT_FOUND) {
        return List.of(); // every version is soft-deleted
      }
      throw e;
    }
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
