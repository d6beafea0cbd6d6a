package io.fluxgate.gateway.registry;

import io.fluxgate.schemas.registry.AvroSchemas;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SubjectVersion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;

/**
 * Schemas by their global id, and the schema types this registry accepts (only AVRO). The {@code
 * subject} query parameter of Confluent's contexts is accepted and ignored: there is one context.
 */
@Path("/schemas")
@Produces({
  RegistryMediaTypes.V1_JSON,
  RegistryMediaTypes.DEFAULT_JSON_WEIGHTED,
  RegistryMediaTypes.JSON_WEIGHTED
})
public final class SchemasResource {
  private final SchemaRegistryService registry;

  public SchemasResource(SchemaRegistryService registry) {
    this.registry = registry;
  }

  /**
   * Every schema version, subject by subject ({@code latestOnly}: the latest of each), as
   * Confluent's {@code GET /schemas}. A subject deleted while the list is made is left out.
   */
  @GET
  public List<SchemaResponse> all(
      @QueryParam("subjectPrefix") String subjectPrefix,
      @QueryParam("deleted") boolean deleted,
      @QueryParam("latestOnly") boolean latestOnly) {
    List<SchemaResponse> all = new ArrayList<>();
    for (String subject : registry.subjects(subjectPrefix, deleted)) {
      try {
        List<Integer> versions = registry.versions(subject, deleted);
        List<Integer> listed =
            latestOnly ? versions.subList(versions.size() - 1, versions.size()) : versions;
        for (int version : listed) {
          all.add(SchemaResponse.of(registry.version(subject, Integer.toString(version), deleted)));
        }
      } catch (SchemaRegistryException e) {
        if (e.status() != 404) {
          throw e;
        }
      }
    }
    return all;
  }

  @GET
  @Path("/ids/{id}")
  public SchemaResponse byId(@PathParam("id") int id, @QueryParam("subject") String subject) {
    return SchemaResponse.of(registry.schemaById(id));
  }

  /** The schema text alone. */
  @GET
  @Path("/ids/{id}/schema")
  public String schema(@PathParam("id") int id, @QueryParam("subject") String subject) {
    return registry.schemaById(id).schema();
  }

  @GET
  @Path("/ids/{id}/subjects")
  public List<String> subjects(@PathParam("id") int id, @QueryParam("deleted") boolean deleted) {
    return registry.subjectsById(id, deleted);
  }

  @GET
  @Path("/ids/{id}/versions")
  public List<SubjectVersion> versions(
      @PathParam("id") int id, @QueryParam("deleted") boolean deleted) {
    return registry.versionsById(id, deleted);
  }

  @GET
  @Path("/types")
  public List<String> types() {
    return List.of(AvroSchemas.AVRO);
  }
}
