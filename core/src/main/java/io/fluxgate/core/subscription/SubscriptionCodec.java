package io.fluxgate.core.subscription;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON form of a {@link Subscription} as stored in the compacted subscriptions topic.
 *
 * <p>Unknown properties are ignored on read so that older processors can read records written by
 * newer gateways during a rolling upgrade.
 */
public final class SubscriptionCodec {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private SubscriptionCodec() {}

  public static byte[] encode(Subscription subscription) {
    try {
      return MAPPER.writeValueAsBytes(subscription);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes a stored subscription; a record that is not one throws {@link IOException}. */
  public static Subscription decode(byte[] json) throws IOException {
    return MAPPER.readValue(json, Subscription.class);
  }
}
