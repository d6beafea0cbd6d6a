package io.fluxgate.gateway.registry;

import io.fluxgate.schemas.registry.AvroSchemas;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SubjectVersion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
