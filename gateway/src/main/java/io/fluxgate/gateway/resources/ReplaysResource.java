package io.fluxgate.gateway.resources;

import io.fluxgate.gateway.core.replay.ReplayJob;
import io.fluxgate.gateway.core.replay.ReplayService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/replays/{id}}: a replay's progress, the same on every instance; {@code DELETE}
 * cancels a running one.
 */
@Path("/v1/replays/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class ReplaysResource {
  private final ReplayService replays;

  public ReplaysResource(ReplayService replays) {
    this.replays = replays;
  }

  @GET
  public ReplayJob get(@PathParam("id") String id) {
    return replays.get(id);
  }

  @DELETE
  public ReplayJob cancel(@PathParam("id") String id) {
    return replays.cancel(id);
  }
}
