package io.fluxgate.gateway.registry;

import io.fluxgate.schemas.registry.RegistryMode;
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
 * Modes, global ({@code /mode}) and per subject ({@code /mode/{subject}}), as {@code {"mode"}}.
 * Switching to IMPORT with schemas in place needs {@code ?force=true}.
 */
@Path("/mode")
@Produces({
  RegistryMediaTypes.V1_JSON,
  RegistryMediaTypes.DEFAULT_JSON_WEIGHTED,
  RegistryMediaTypes.JSON_WEIGHTED
})
public final class ModeResource {
  private final SchemaRegistryService registry;

  public ModeResource(SchemaRegistryService registry) {
    this.registry = registry;
  }

  @GET
  public ModeJson global() {
    return new ModeJson(registry.globalMode().name());
  }

  @PUT
  @Consumes({
    RegistryMediaTypes.V1_JSON,
    RegistryMediaTypes.DEFAULT_JSON,
    RegistryMediaTypes.JSON,
    MediaType.APPLICATION_OCTET_STREAM
  })
  public ModeJson setGlobal(@QueryParam("force") boolean force, InputStream body) {
    return new ModeJson(registry.setGlobalMode(mode(body), force).name());
  }

  @GET
  @Path("/{subject}")
  public ModeJson subject(
      @PathParam("subject") String subject,
      @QueryParam("defaultToGlobal") boolean defaultToGlobal) {
    return new ModeJson(registry.subjectMode(subject, defaultToGlobal).name());
  }

  @PUT
  @Path("/{subject}")
  @Consumes({
    RegistryMediaTypes.V1_JSON,
    RegistryMediaTypes.DEFAULT_JSON,
    RegistryMediaTypes.JSON,
    MediaType.APPLICATION_OCTET_STREAM
  })
  public ModeJson setSubject(
      @PathParam("subject") String subject, @QueryParam("force") boolean force, InputStream body) {
    return new ModeJson(registry.setSubjectMode(subject, mode(body), force).name());
  }

  @DELETE
  @Path("/{subject}")
  public ModeJson deleteSubject(@PathParam("subject") String subject) {
    return new ModeJson(registry.deleteSubjectMode(subject).name());
  }

  private static RegistryMode mode(InputStream body) {
    return RegistryMode.parse(RegistryRequests.read(body, ModeJson.class, ModeJson.EMPTY).mode());
  }
}
