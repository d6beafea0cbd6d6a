package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonObject;
import io.fluxgate.schemas.avro.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDataTest {

  @Test
  void shouldEncodeLongRangeIntegersAsLongs() throws Exception {
    assertThat(JsonData.toAvro(read("9223372036854775807")).getValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(JsonData.toAvro(read("-5")).getValue()).isEqualTo(-5L);
  }

  @Test
  void shouldEncodeDecimalsAndBigIntegersAsExactText() throws Exception {
    assertThat(JsonData.toAvro(read("1.10")).getValue()).isEqualTo(new JsonNumber("1.10"));
    assertThat(JsonData.toAvro(read("9223372036854775808")).getValue())
        .isEqualTo(new JsonNumber("9223372036854775808"));
    assertThat(JsonData.toAvro(read("1e400")).getValue()).isEqualTo(new JsonNumber("1E+400"));
  }

  @Test
  void shouldEncodeObjectMembersInOrder() throws Exception {
    JsonObject object = (JsonObject) JsonData.toAvro(read("{\"b\": 1, \"a\": null}")).getValue();

    assertThat(object.getFields()).extracting(f -> f.getName()).containsExactly("b", "a");
  }

  @Test
  void shouldTreatJavaNullAndMissingAsJsonNull() {
    assertThat(JsonData.toAvro(null).getValue()).isNull();
    assertThat(JsonData.toAvro(MissingNode.getInstance()).getValue()).isNull();
    assertThat(JsonData.toJson(null).isNull()).isTrue();
  }

  @Test
  void shouldRefuseNonFiniteDoubles() {
    assertThatThrownBy(() -> JsonData.toAvro(DoubleNode.valueOf(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(JsonData.toAvro(DoubleNode.valueOf(0.5)).getValue())
        .isEqualTo(new JsonNumber("0.5"));
  }

  @Test
  void shouldRefuseCorruptNumberText() {
    assertThatThrownBy(() -> JsonData.toJson(new JsonValue(new JsonNumber("12abc"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12abc");
  }

  @Test
  void shouldDecodeArrays() {
    JsonValue array = new JsonValue(List.of(new JsonValue(1L), new JsonValue("x")));

    assertThat(JsonData.toJson(array)).hasToString("[1,\"x\"]");
  }

  private static JsonNode read(String json) throws Exception {
    return EventJson.mapper().readTree(json);
  }
}
