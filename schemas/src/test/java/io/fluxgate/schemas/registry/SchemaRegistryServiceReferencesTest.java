package io.fluxgate.schemas.registry;

import static io.fluxgate.schemas.registry.RegistryFixtures.MONEY;
import static io.fluxgate.schemas.registry.RegistryFixtures.ORDER;
import static io.fluxgate.schemas.registry.RegistryFixtures.assertRegistryError;
import static io.fluxgate.schemas.registry.RegistryFixtures.avro;
import static io.fluxgate.schemas.registry.RegistryFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaRegistryServiceReferencesTest {
  private final SchemaRegistryService registry = RegistryFixtures.startedRegistry();

  @Test
  void shouldRegisterASchemaThatUsesAReferencedType() {
    int money = registry.register("money", avro(MONEY));

    int id = registry.register("orders", order(1));

    RegisteredSchema stored = registry.version("orders", "1", false);
    assertThat(id).isNotEqualTo(money);
    assertThat(stored.references())
        .containsExactly(new SchemaReference("com.acme.Money", "money", 1));
    assertThat(stored.schema()).doesNotContain("cents").contains("\"type\":\"Money\"");
    assertThat(registry.referencedBy("money", "1")).containsExactly(id);
  }

  @Test
  void shouldResolveReferencesForTheParsedLatestSchema() {
    registry.register("money", avro(MONEY));
    registry.register("orders", order(1));

    Schema order = registry.latestLocal("orders").orElseThrow().schema();

    assertThat(order.getField("total").schema().getField("cents")).isNotNull();
  }

  @Test
  void shouldResolveReferencesRecursivelyDependenciesFirst() {
    registry.register("money", avro(MONEY));
    registry.register("orders", order(1));
    String invoice =
        "{\"type\":\"record\",\"name\":\"Invoice\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"order\",\"type\":\"Order\"},"
            + "{\"name\":\"fee\",\"type\":\"Money\"}]}";
    SchemaRequest request =
        avro(invoice)
            .withReferences(
                List.of(
                    new SchemaReference("com.acme.Order", "orders", 1),
                    new SchemaReference("com.acme.Money", "money", 1)));

    registry.register("invoices", request);

    Schema parsed = registry.latestLocal("invoices").orElseThrow().schema();
    assertThat(parsed.getField("order").schema().getField("total").schema().getName())
        .isEqualTo("Money");
  }

  @Test
  void shouldFindTheSameSchemaWithTheSameReferencesAndNotWithoutThem() {
    registry.register("money", avro(MONEY));
    int id = registry.register("orders", order(1));

    assertThat(registry.register("orders", order(1))).isEqualTo(id);
    assertThat(registry.lookup("orders", order(1), false).id()).isEqualTo(id);
    assertRegistryError(() -> registry.lookup("orders", avro(ORDER), false), 422, 42201);
  }

  @Test
  void shouldRefuseAReferenceToAVersionThatDoesNotExistWith42201() {
    registry.register("money", avro(MONEY));

    assertRegistryError(() -> registry.register("orders", order(2)), 422, 42201)
        .hasMessageContaining("does not exist");
    assertRegistryError(
            () ->
                registry.register(
                    "orders",
                    avro(ORDER)
                        .withReferences(List.of(new SchemaReference("com.acme.Money", "none", 1)))),
            422,
            42201)
        .hasMessageContaining("'none'");
  }

  @Test
  void shouldRefuseAReferenceWithoutNameOrVersion() {
    registry.register("money", avro(MONEY));

    assertRegistryError(
        () ->
            registry.register(
                "orders", avro(ORDER).withReferences(List.of(new SchemaReference("", "money", 1)))),
        422,
        42201);
    assertRegistryError(
        () ->
            registry.register(
                "orders",
                avro(ORDER)
                    .withReferences(List.of(new SchemaReference("com.acme.Money", "money", 0)))),
        422,
        42201);
  }

  @Test
  void shouldRefuseASchemaUsingATypeNoReferenceDefines() {
    assertRegistryError(() -> registry.register("orders", avro(ORDER)), 422, 42201);
  }

  @Test
  void shouldAnswer40401And40402ForReferencedByOfNothing() {
    registry.register("money", avro(MONEY));

    assertRegistryError(() -> registry.referencedBy("none", "1"), 404, 40401);
    assertRegistryError(() -> registry.referencedBy("money", "2"), 404, 40402);
    assertThat(registry.referencedBy("money", "latest")).isEmpty();
  }
}
