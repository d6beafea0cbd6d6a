package io.fluxgate.schemas.serde;

import org.apache.avro.Schema;

/**
 * {@code <topic>-<record full name>}: one lineage per record type within each topic, so that one
 * topic may carry several record types that evolve independently of other topics.
 */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {
  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return topic + "-" + schema.getFullName();
  }
}
