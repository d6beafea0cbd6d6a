package io.fluxgate.gateway.registry;

import io.fluxgate.schemas.registry.CompatibilityLevel;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * Compatibility levels, global ({@code /config}) and per subject ({@code /config/{subject}}). Reads
 * answer {@code {"compatibilityLevel"}}, updates echo {@code {"compatibility"}}, deletes return the
 * level removed, as Confluent does.
 */
@Path("/config")
@Produces({
  RegistryMediaTypes.V1_JSON,
  RegistryMediaTypes.DEFAULT_JSON_WEIGHTED,
  RegistryMediaTypes.JSON_WEIGHTED
})
public final class ConfigResource {
  private final SchemaRegistryService registry;

  public ConfigResource(SchemaRegistryService registry) {
    this.registry = registry;
  }

  @GET
  public ConfigResponse global() {
    return new ConfigResponse(registry.globalCompatibility().name());
  }

  @PUT
  @Consumes({
    RegistryMediaTypes.V1_JSON,
    RegistryMediaTypes.DEFAULT_JSON,
    RegistryMediaTypes.JSON,
    MediaType.APPLICATION_OCTET_STREAM
  })
  public CompatibilityJson setGlobal(InputStream body) {
    CompatibilityJson request = request(body);
    if (request.onlyNormalize()) {
      return new CompatibilityJson(registry.globalCompatibility().name(), request.normalize());
    }
    return new CompatibilityJson(registry.setGlobalCompatibility(level(request)).name());
  }

  @DELETE
  public ConfigResponse deleteGlobal() {
    return new ConfigResponse(registry.deleteGlobalCompatibility().name());
  }

  @GET
  @Path("/{subject}")
  public ConfigResponse subject(
      @PathParam("subject") String subject,
      @QueryParam("defaultToGlobal") boolean defaultToGlobal) {
    return new ConfigResponse(registry.subjectCompatibility(subject, defaultToGlobal).name());
  }

  @PUT
  @Path("/{subject}")
  @Consumes({
    RegistryMediaTypes.V1_JSON,
    RegistryMediaTypes.DEFAULT_JSON,
    RegistryMediaTypes.JSON,
    MediaType.APPLICATION_OCTET_STREAM
  })
  public CompatibilityJson setSubject(@PathParam("subject") String subject, InputStream body) {
    CompatibilityJson request = request(body);
    if (request.onlyNormalize()) {
      return new CompatibilityJson(
          registry.subjectCompatibility(subject, true).name(), request.normalize());
    }
    return new CompatibilityJson(registry.setSubjectCompatibility(subject, level(request)).name());
  }

  @DELETE
  @Path("/{subject}")
  public ConfigResponse deleteSubject(@PathParam("subject") String subject) {
    return new ConfigResponse(registry.deleteSubjectCompatibility(subject).name());
  }

  private static CompatibilityJson request(InputStream body) {
    return RegistryRequests.read(body, CompatibilityJson.class, CompatibilityJson.EMPTY);
  }

  private static CompatibilityLevel level(CompatibilityJson request) {
    return CompatibilityLevel.parse(request.compatibility());
  }
}
