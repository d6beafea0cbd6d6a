package io.fluxgate.schemas.registry;

import java.util.List;

/**
 * A failure the registry reports to its clients with Confluent's error body {@code {"error_code",
 * "message"}}: an HTTP status and a Confluent error code.
 *
 * <p>Throw it through the named factories so that every code is produced in one place.
 */
public final class SchemaRegistryException extends RuntimeException {
  private final int status;
  private final int errorCode;

  public SchemaRegistryException(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(int status, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  public int status() {
    return status;
  }

  public int errorCode() {
    return errorCode;
  }

  public static SchemaRegistryException subjectNotFound(String subject) {
    return new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found.");
  }

  public static SchemaRegistryException versionNotFound(String subject, Object version) {
    return new SchemaRegistryException(
        404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
  }

  public static SchemaRegistryException schemaNotFound(String message) {
    return new SchemaRegistryException(404, 40403, message);
  }

  public static SchemaRegistryException subjectSoftDeleted(String subject) {
    return new SchemaRegistryException(
        404,
        40404,
        "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
  }

  public static SchemaRegistryException subjectNotSoftDeleted(String subject) {
    return new SchemaRegistryException(
        404,
        40405,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  public static SchemaRegistryException versionSoftDeleted(String subject, int version) {
    return new SchemaRegistryException(
        404,
        40406,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was soft deleted. Set permanent=true to delete permanently");
  }

  public static SchemaRegistryException versionNotSoftDeleted(String subject, int version) {
    return new SchemaRegistryException(
        404,
        40407,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was not deleted first before being permanently deleted");
  }

  public static SchemaRegistryException subjectLevelConfigNotFound(String subject) {
    return new SchemaRegistryException(
        404,
        40408,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  public static SchemaRegistryException subjectLevelModeNotFound(String subject) {
    return new SchemaRegistryException(
        404, 40409, "Subject '" + subject + "' does not have subject-level mode configured");
  }

  /** 409: the schema breaks the subject's compatibility level; each reason names what broke. */
  public static SchemaRegistryException incompatible(List<Incompatibility> reasons) {
    return new SchemaRegistryException(
        409,
        409,
        "Schema being registered is incompatible with an earlier schema for subject; "
            + String.join("; ", reasons.stream().map(Incompatibility::describe).toList()));
  }

  public static SchemaRegistryException invalidSchema(String message) {
    return new SchemaRegistryException(422, 42201, "Invalid schema: " + message);
  }

  public static SchemaRegistryException invalidSchema(String message, Throwable cause) {
    return new SchemaRegistryException(422, 42201, "Invalid schema: " + message, cause);
  }

  public static SchemaRegistryException invalidVersion(String version) {
    return new SchemaRegistryException(
        422,
        42202,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the"
            + " string \"latest\"");
  }

  public static SchemaRegistryException invalidCompatibilityLevel(String level) {
    return new SchemaRegistryException(
        422,
        42203,
        "Invalid compatibility level '"
            + level
            + "'. Valid values are none, backward, forward, full, backward_transitive,"
            + " forward_transitive and full_transitive");
  }

  public static SchemaRegistryException invalidMode(String mode) {
    return new SchemaRegistryException(
        422, 42204, "Invalid mode '" + mode + "'. Valid values are READWRITE, READONLY and IMPORT");
  }

  public static SchemaRegistryException operationNotPermitted(String message) {
    return new SchemaRegistryException(422, 42205, message);
  }

  /** 42206: a version cannot be deleted while another schema references it. */
  public static SchemaRegistryException referenceExists(String subject, int version) {
    return new SchemaRegistryException(
        422,
        42206,
        "One or more references exist to the schema {subject="
            + subject
            + ", version="
            + version
            + "}; delete the referring schemas first");
  }

  /** 42207: the schema is already registered under another id than the one given. */
  public static SchemaRegistryException idDoesNotMatch(int existingId, int givenId) {
    return new SchemaRegistryException(
        422,
        42207,
        "Schema already registered with id " + existingId + " instead of input id " + givenId);
  }

  /** 42208: a subject name that is empty or holds control characters. */
  public static SchemaRegistryException invalidSubject(String subject) {
    return new SchemaRegistryException(
        422,
        42208,
        "Invalid subject '"
            + subject
            + "': a subject name must not be empty or contain control characters");
  }

  /** 400: a request body that is not JSON at all. */
  public static SchemaRegistryException malformedJson(String message) {
    return new SchemaRegistryException(400, 400, message);
  }

  /** 422: a JSON request body of the wrong shape, e.g. an array where an object belongs. */
  public static SchemaRegistryException unprocessableEntity(String message) {
    return new SchemaRegistryException(422, 422, message);
  }

  /** 413: a request body larger than the registry reads. */
  public static SchemaRegistryException requestTooLarge(int limitBytes) {
    return new SchemaRegistryException(
        413, 413, "The request body is larger than " + limitBytes + " bytes");
  }

  /** 50001: the backing store (the Kafka topic) failed. */
  public static SchemaRegistryException storeError(String message, Throwable cause) {
    return new SchemaRegistryException(500, 50001, message, cause);
  }

  /** 50002: the store did not answer in time. */
  public static SchemaRegistryException operationTimeout(String message, Throwable cause) {
    return new SchemaRegistryException(500, 50002, message, cause);
  }

  /** 50003: a request could not be forwarded to the instance that must serve it. */
  public static SchemaRegistryException forwardingError(String message, Throwable cause) {
    return new SchemaRegistryException(500, 50003, message, cause);
  }
}
