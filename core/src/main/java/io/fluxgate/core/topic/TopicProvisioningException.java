package io.fluxgate.core.topic;

/** Kafka refused or did not answer a topic creation or deletion. */
public final class TopicProvisioningException extends RuntimeException {
  public TopicProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
