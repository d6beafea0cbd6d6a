package io.fluxgate.schemas.serde;

import org.apache.avro.Schema;

/**
 * The full name of the record (for a primitive, its type name): one lineage per record type, across
 * topics, so that one topic may carry several record types.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {
  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return schema.getFullName();
  }
}
