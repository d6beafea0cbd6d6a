package io.fluxgate.schemas.registry.client;

/**
 * A registry call that failed: either the registry answered with an error ({@link #status()} and
 * Confluent's {@link #errorCode()}, e.g. 404 and 40403), or no usable answer came back (status and
 * error code {@link #NO_RESPONSE}: unreachable, timed out, or a body this client cannot read).
 */
public final class SchemaRegistryClientException extends RuntimeException {
  /** Status and error code when the registry gave no usable answer. */
  public static final int NO_RESPONSE = 0;

  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int VERSION_NOT_FOUND = 40402;
  private static final int SCHEMA_NOT_FOUND = 40403;

  private final int status;
  private final int errorCode;

  public SchemaRegistryClientException(String message, int status, int errorCode) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public SchemaRegistryClientException(String message, Throwable cause) {
    super(message, cause);
    this.status = NO_RESPONSE;
    this.errorCode = NO_RESPONSE;
  }

  /** The HTTP status of the registry's answer, or {@link #NO_RESPONSE}. */
  public int status() {
    return status;
  }

  /**
   * Confluent's error code from the answer's {@code error_code}, the HTTP status when the answer
   * had none, or {@link #NO_RESPONSE}.
   */
  public int errorCode() {
    return errorCode;
  }

  /** 40401: the subject does not exist. */
  public boolean isSubjectNotFound() {
    return errorCode == SUBJECT_NOT_FOUND;
  }

  /** 40402: the subject has no such version. */
  public boolean isVersionNotFound() {
    return errorCode == VERSION_NOT_FOUND;
  }

  /** 40403: no such schema id, or the schema is not registered under the subject. */
  public boolean isSchemaNotFound() {
    return errorCode == SCHEMA_NOT_FOUND;
  }

  /** True when the registry could not be reached or did not answer usably. */
  public boolean isNoResponse() {
    return status == NO_RESPONSE;
  }
}
