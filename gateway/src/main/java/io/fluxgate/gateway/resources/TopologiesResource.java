package io.fluxgate.gateway.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.gateway.core.TopologyService;
import io.fluxgate.gateway.errors.ApiException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Deploying (JSON or YAML), listing, reading and deleting stream topologies. */
@Path("/v1/topologies")
@Produces(MediaType.APPLICATION_JSON)
public final class TopologiesResource {
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Set<String> YAML =
      Set.of("application/yaml", "application/x-yaml", "text/yaml");

  private final TopologyService topologies;

  public TopologiesResource(TopologyService topologies) {
    this.topologies = topologies;
  }

  /** 201 when new, 200 when it replaced a changed spec or the same spec was deployed already. */
  @POST
  public Response deploy(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream in,
      @Context UriInfo uri) {
    boolean yaml = isYaml(contentType);
    TopologyService.Deployment deployment =
        topologies.deploy(RequestBody.read(in, MAX_BODY_BYTES), yaml);
    ObjectNode body = deployment.topology();
    body.put("deployment", deployment.outcome().name().toLowerCase(Locale.ROOT));
    if (deployment.outcome() == TopologyService.Outcome.CREATED) {
      return Response.created(uri.getAbsolutePathBuilder().path(body.get("name").asText()).build())
          .entity(body)
          .build();
    }
    return Response.ok(body).build();
  }

  @GET
  public List<ObjectNode> list() {
    return topologies.list();
  }

  @GET
  @Path("/{name}")
  public ObjectNode get(@PathParam("name") String name) {
    return topologies.get(name);
  }

  @DELETE
  @Path("/{name}")
  public Response delete(@PathParam("name") String name) {
    topologies.delete(name);
    return Response.noContent().build();
  }

  private static boolean isYaml(String contentType) {
    String type =
        contentType == null
            ? MediaType.APPLICATION_JSON
            : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (YAML.contains(type)) {
      return true;
    }
    if (type.equals(MediaType.APPLICATION_JSON) || type.endsWith("+json")) {
      return false;
    }
    throw new ApiException(
        415,
        "unsupported_media_type",
        "Content-Type must be application/json or application/yaml, was " + contentType);
  }
}
