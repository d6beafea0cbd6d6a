package io.fluxgate.core.event;

/**
 * A data schema defines a named type that the event envelope already defines differently (e.g.
 * {@code io.fluxgate.schemas.avro.EventSource}), so the typed envelope cannot hold both: Avro names
 * are unique within a schema. Refuse the schema or ask its owner to use another namespace.
 */
public final class EnvelopeClashException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String typeName;

  public EnvelopeClashException(String typeName) {
    super(
        "the data schema defines "
            + typeName
            + ", a type of the event envelope UniversalEvent; give it another name or namespace");
    this.typeName = typeName;
  }

  /** Full name of the clashing type. */
  public String typeName() {
    return typeName;
  }
}
