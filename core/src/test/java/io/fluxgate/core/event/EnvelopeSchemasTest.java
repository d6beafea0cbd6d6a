package io.fluxgate.core.event;

import static io.fluxgate.core.event.TypedFixtures.PAYMENT;
import static io.fluxgate.core.event.TypedFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.UniversalEvent;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EnvelopeSchemasTest {

  private static final Schema GENERIC = UniversalEvent.getClassSchema();

  @Test
  void shouldKeepTheEnvelopeAndTypeOnlyItsData() {
    Schema typed = EnvelopeSchemas.typed(PAYMENT);

    assertThat(typed.getFullName()).isEqualTo("io.fluxgate.schemas.avro.UniversalEvent");
    assertThat(typed.getDoc()).isEqualTo(GENERIC.getDoc());
    assertThat(typed.getFields()).hasSameSizeAs(GENERIC.getFields());
    for (Schema.Field field : GENERIC.getFields()) {
      Schema.Field same = typed.getFields().get(field.pos());
      assertThat(same.name()).isEqualTo(field.name());
      assertThat(same.doc()).isEqualTo(field.doc());
      assertThat(same.hasDefaultValue()).isEqualTo(field.hasDefaultValue());
      assertThat(same.defaultVal()).isEqualTo(field.defaultVal());
      if (!field.name().equals("data")) {
        assertThat(same).isEqualTo(field);
      }
    }
    assertThat(typed.getField("data").schema()).isSameAs(PAYMENT);
  }

  @Test
  void shouldBeReadableByAPlainAvroParser() {
    Schema typed = EnvelopeSchemas.typed(PAYMENT);

    Schema parsed = new Schema.Parser().parse(typed.toString());

    assertThat(parsed).isEqualTo(typed);
    assertThat(parsed.getField("data").schema().getFullName()).isEqualTo("com.acme.Payment");
    assertThat(parsed.getField("source").schema().getFullName())
        .isEqualTo("io.fluxgate.schemas.avro.EventSource");
  }

  @Test
  void shouldTypeDataWithAnySchemaNotOnlyRecords() {
    Schema strings = schema("{'type': 'array', 'items': 'string'}");

    assertThat(EnvelopeSchemas.typed(strings).getField("data").schema()).isEqualTo(strings);
    assertThat(EnvelopeSchemas.dataSchema(EnvelopeSchemas.typed(strings))).isEqualTo(strings);
  }

  @Test
  void shouldMemoiseTypedEnvelopesByDataSchema() {
    Schema equalCopy = new Schema.Parser().parse(PAYMENT.toString());

    assertThat(EnvelopeSchemas.typed(PAYMENT)).isSameAs(EnvelopeSchemas.typed(PAYMENT));
    assertThat(EnvelopeSchemas.typed(equalCopy)).isSameAs(EnvelopeSchemas.typed(PAYMENT));
  }

  @Test
  void shouldTellTheGenericEnvelopeFromTypedOnes() {
    assertThat(EnvelopeSchemas.isGeneric(EnvelopeSchemas.generic())).isTrue();
    assertThat(EnvelopeSchemas.isGeneric(new Schema.Parser().parse(GENERIC.toString()))).isTrue();
    assertThat(EnvelopeSchemas.isGeneric(EnvelopeSchemas.typed(PAYMENT))).isFalse();
    assertThat(EnvelopeSchemas.isGeneric(PAYMENT)).isFalse();
    assertThat(EnvelopeSchemas.isGeneric(Schema.create(Schema.Type.STRING))).isFalse();
  }

  @Test
  void shouldRefuseToFindDataInSomethingElseThanAnEnvelope() {
    assertThatThrownBy(() -> EnvelopeSchemas.dataSchema(PAYMENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an event envelope")
        .hasMessageContaining("com.acme.Payment");
  }

  @Test
  void shouldRefuseADataSchemaThatRedefinesAnEnvelopeType() {
    Schema clash =
        schema(
            "{'type': 'record', 'name': 'Order', 'fields': [{'name': 'lines', 'type': {'type':"
                + " 'array', 'items': {'type': 'record', 'name': 'EventSource', 'namespace':"
                + " 'io.fluxgate.schemas.avro', 'fields': [{'name': 'x', 'type': 'int'}]}}}]}");

    assertThatThrownBy(() -> EnvelopeSchemas.typed(clash))
        .isInstanceOfSatisfying(
            EnvelopeClashException.class,
            e -> assertThat(e.typeName()).isEqualTo("io.fluxgate.schemas.avro.EventSource"))
        .hasMessageContaining("io.fluxgate.schemas.avro.EventSource")
        .hasMessageContaining("another name or namespace");
  }

  @Test
  void shouldRefuseADataSchemaNamedLikeTheEnvelopeOrItsEnums() {
    Schema envelopeName =
        schema(
            "{'type': 'record', 'name': 'UniversalEvent', 'namespace': 'io.fluxgate.schemas.avro',"
                + " 'fields': []}");
    Schema priority =
        schema(
            "{'type': 'enum', 'name': 'Priority', 'namespace': 'io.fluxgate.schemas.avro',"
                + " 'symbols': ['LOW']}");

    assertThatThrownBy(() -> EnvelopeSchemas.typed(envelopeName))
        .isInstanceOf(EnvelopeClashException.class);
    assertThatThrownBy(
            () ->
                EnvelopeSchemas.typed(
                    Schema.createUnion(Schema.create(Schema.Type.NULL), priority)))
        .isInstanceOf(EnvelopeClashException.class);
  }

  @Test
  void shouldAcceptTheEnvelopesOwnDefinitionOfAType() {
    Schema sameLayout =
        schema(
            "{'type': 'record', 'name': 'EventSource', 'namespace': 'io.fluxgate.schemas.avro',"
                + " 'fields': [{'name': 'component', 'type': ['null', 'string'], 'default': null},"
                + " {'name': 'instance_id', 'type': ['null', 'string'], 'default': null},"
                + " {'name': 'correlation_id', 'type': ['null', 'string'], 'default': null}]}");

    for (Schema source : java.util.List.of(EventSource.getClassSchema(), sameLayout)) {
      Schema traced =
          Schema.createRecord(
              "Traced",
              null,
              "com.acme",
              false,
              java.util.List.of(new Schema.Field("origin", source)));
      Schema typed = EnvelopeSchemas.typed(traced);
      assertThat(
              new Schema.Parser().parse(typed.toString()).getField("data").schema().getFullName())
          .isEqualTo("com.acme.Traced");
    }
  }

  @Test
  void shouldKeepTypesOfTheSameNameInAnotherNamespaceApart() {
    Schema local =
        schema(
            "{'type': 'record', 'name': 'EventSource', 'fields': [{'name': 'a', 'type': 'string'},"
                + " {'name': 'next', 'type': ['null', 'EventSource'], 'default': null}]}");

    Schema parsed = new Schema.Parser().parse(EnvelopeSchemas.typed(local).toString());

    assertThat(parsed.getField("data").schema()).isEqualTo(local);
    assertThat(parsed.getField("data").schema().getFullName()).isEqualTo("EventSource");
    assertThat(parsed.getField("source").schema()).isEqualTo(GENERIC.getField("source").schema());
  }
}
