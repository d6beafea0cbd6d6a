package io.fluxgate.schemas.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import io.fluxgate.schemas.registry.store.RegistryLog;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Schemas and helpers shared by the registry's tests. */
final class RegistryFixtures {
  /** A payment with an id. */
  static final String PAYMENT_V1 =
      "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";

  /** PAYMENT_V1 plus an amount with a default: backward and forward compatible. */
  static final String PAYMENT_V2 =
      "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
          + "{\"name\":\"amount\",\"type\":\"long\",\"default\":0}]}";

  /** PAYMENT_V1 plus an amount without default: the new reader cannot read old data. */
  static final String PAYMENT_BREAKING =
      "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
          + "{\"name\":\"amount\",\"type\":\"long\"}]}";

  /** A type other schemas reference by the name {@code com.acme.Money}. */
  static final String MONEY =
      "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"cents\",\"type\":\"long\"},"
          + "{\"name\":\"currency\",\"type\":\"string\"}]}";

  /** An order that uses com.acme.Money without defining it. */
  static final String ORDER =
      "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"total\",\"type\":\"Money\"}]}";

  private RegistryFixtures() {}

  /** A started registry over a fresh in-memory log. */
  static SchemaRegistryService startedRegistry() {
    return started(new InMemoryRegistryLog());
  }

  static SchemaRegistryService started(RegistryLog log) {
    SchemaRegistryService registry = new SchemaRegistryService(log);
    registry.start();
    return registry;
  }

  /** A record schema named {@code name} with one string field, distinct per name. */
  static String record(String name) {
    return "{\"type\":\"record\",\"name\":\""
        + name
        + "\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}]}";
  }

  static SchemaRequest avro(String schema) {
    return SchemaRequest.avro(schema);
  }

  static SchemaRequest order(int moneyVersion) {
    return avro(ORDER)
        .withReferences(List.of(new SchemaReference("com.acme.Money", "money", moneyVersion)));
  }

  /**
   * Asserts that {@code call} fails with Confluent error {@code errorCode} and HTTP {@code status}.
   */
  static AbstractThrowableAssert<?, ? extends Throwable> assertRegistryError(
      ThrowingCallable call, int status, int errorCode) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.errorCode())
                  .as("error code of: %s", e.getMessage())
                  .isEqualTo(errorCode);
              org.assertj.core.api.Assertions.assertThat(e.status()).as("status").isEqualTo(status);
            });
  }
}
