package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Counts delivered events exactly without building them: the objects of a long-poll answer (a JSON
 * array of events), and the {@code event} messages of a server-sent event stream fed line by line
 * (a message ends at a blank line; comments and other message names do not count).
 */
public final class DeliveryCounter {
  private static final JsonFactory JSON = new JsonFactory();

  private boolean inMessage;
  private boolean eventMessage = true;
  private long messages;

  /** The number of events in a long-poll answer. */
  public static int countArray(byte[] body) throws IOException {
    int count = 0;
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("a long-poll answer must be a JSON array");
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw new IOException("truncated long-poll answer");
        }
        count++;
        parser.skipChildren();
      }
    }
    return count;
  }

  /** Feeds one line of a server-sent event stream (without its line break). */
  public void line(String line) {
    if (line.isEmpty()) {
      if (inMessage && eventMessage) {
        messages++;
      }
      inMessage = false;
      eventMessage = true;
    } else if (line.startsWith("data:")) {
      inMessage = true;
    } else if (line.startsWith("event:")) {
      eventMessage = line.substring(6).trim().equals("event");
    }
  }

  /** The event messages completed so far. */
  public long messages() {
    return messages;
  }
}
