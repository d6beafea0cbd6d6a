package io.fluxgate.gateway.registry;

import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The media types of Confluent's registry API. Answers prefer {@code
 * application/vnd.schemaregistry.v1+json}, then {@code application/vnd.schemaregistry+json}, then
 * {@code application/json}, as the client's Accept header allows; requests may come in any of them,
 * or as {@code application/octet-stream} as some clients send.
 */
public final class RegistryMediaTypes {
  public static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
  public static final String DEFAULT_JSON = "application/vnd.schemaregistry+json";
  public static final String JSON = MediaType.APPLICATION_JSON;

  /**
   * For {@code @Produces}: quality factors make the v1 type the default for {@code *}{@code /*}.
   */
  static final String DEFAULT_JSON_WEIGHTED = DEFAULT_JSON + "; qs=0.9";

  static final String JSON_WEIGHTED = JSON + "; qs=0.5";

  private static final List<MediaType> PREFERRED =
      List.of(
          MediaType.valueOf(V1_JSON),
          MediaType.valueOf(DEFAULT_JSON),
          MediaType.APPLICATION_JSON_TYPE);

  private RegistryMediaTypes() {}

  /** The type to answer in for a client accepting {@code acceptable}, best first. */
  static MediaType negotiate(List<MediaType> acceptable) {
    for (MediaType accepted : acceptable) {
      for (MediaType ours : PREFERRED) {
        if (accepted.isCompatible(ours)) {
          return ours;
        }
      }
    }
    return PREFERRED.get(0);
  }
}
