package io.fluxgate.schemas.registry;

import java.util.Objects;

/** A place in the registry: a version of a subject. */
public record SubjectVersion(String subject, int version) {
  public SubjectVersion {
    Objects.requireNonNull(subject, "subject");
  }
}
