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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Subjects: {@code GET /subjects} (also {@code ?deleted}, {@code ?deletedOnly}), lookup {@code POST
 * /subjects/{subject}} and {@code DELETE /subjects/{subject}}. {@code normalize} is accepted;
 * schemas are always compared in canonical form.
 */
@Path("/subjects")
@Produces({
  RegistryMediaTypes.V1_JSON,
  RegistryMediaTypes.DEFAULT_JSON_WEIGHTED,
  RegistryMediaTypes.JSON_WEIGHTED
})
public final class SubjectsResource {
  private final SchemaRegistryService registry;

  public SubjectsResource(SchemaRegistryService registry) {
    this.registry = registry;
  }

  /**
   * The live subjects; with {@code deleted} also the soft-deleted ones; with {@code deletedOnly}
   * (which wins over {@code deleted}, as in Confluent) only those whose every version is
   * soft-deleted.
   */
  @GET
  public List<String> list(
      @QueryParam("subjectPrefix") String subjectPrefix,
      @QueryParam("deleted") boolean deleted,
      @QueryParam("deletedOnly") boolean deletedOnly) {
    if (!deletedOnly) {
      return registry.subjects(subjectPrefix, deleted);
    }
    Set<String> live = new HashSet<>(registry.subjects(subjectPrefix, false));
    return registry.subjects(subjectPrefix, true).stream().filter(s -> !live.contains(s)).toList();
  }

  @POST
  @Path("/{subject}")
  @Consumes({
    RegistryMediaTypes.V1_JSON,
    RegistryMediaTypes.DEFAULT_JSON,
    RegistryMediaTypes.JSON,
    MediaType.APPLICATION_OCTET_STREAM
  })
  public SchemaResponse lookup(
      @PathParam("subject") String subject,
      @QueryParam("deleted") boolean deleted,
      @QueryParam("normalize") boolean normalize,
      InputStream body) {
    RegisterSchemaRequest request =
        RegistryRequests.read(body, RegisterSchemaRequest.class, RegisterSchemaRequest.EMPTY);
    return SchemaResponse.of(registry.lookup(subject, request.toSchemaRequest(), deleted));
  }

  @DELETE
  @Path("/{subject}")
  public List<Integer> delete(
      @PathParam("subject") String subject, @QueryParam("permanent") boolean permanent) {
    return registry.deleteSubject(subject, permanent);
  }
}
