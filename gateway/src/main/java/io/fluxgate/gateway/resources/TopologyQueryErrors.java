package io.fluxgate.gateway.resources;

import io.fluxgate.core.topology.InvalidTopologyQueryException;
import io.fluxgate.core.topology.TopologyQueries.QueryUnavailableException;
import io.fluxgate.gateway.errors.ApiException;
import java.util.function.Supplier;

/** What the topology query resources answer when the processors cannot answer as asked. */
final class TopologyQueryErrors {
  /** Rebalancing usually settles within seconds. */
  static final int RETRY_AFTER_SECONDS = 1;

  private TopologyQueryErrors() {}

  /**
   * The query's answer; 503 with Retry-After when the state is unreachable, 409 {@code
   * not_an_aggregate}, 400 {@code invalid_group}.
   */
  static <T> T translate(Supplier<T> query) {
    try {
      return query.get();
    } catch (QueryUnavailableException e) {
      throw ApiException.unavailable(e.getMessage(), RETRY_AFTER_SECONDS);
    } catch (InvalidTopologyQueryException e) {
      int status = e.reason() == InvalidTopologyQueryException.Reason.NOT_AN_AGGREGATE ? 409 : 400;
      throw new ApiException(status, e.error(), e.getMessage());
    }
  }
}
