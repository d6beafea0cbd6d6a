package io.fluxgate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void shouldWriteMagicByteThenIdBigEndian() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireFormat.writeHeader(out, 0x01020304);

    assertThat(out.toByteArray()).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void shouldReadTheIdItWrote() {
    for (int id : new int[] {0, 1, 255, 256, 65_536, Integer.MAX_VALUE, -1}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      WireFormat.writeHeader(out, id);
      out.write(42);

      assertThat(WireFormat.schemaId(out.toByteArray())).isEqualTo(id);
    }
  }

  @Test
  void shouldRefuseAnotherMagicByte() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown magic byte 0x01");
  }

  @Test
  void shouldRefuseAPayloadShorterThanTheHeader() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("3 bytes is too short");
  }
}
