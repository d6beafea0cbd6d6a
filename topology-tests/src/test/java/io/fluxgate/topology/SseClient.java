package io.fluxgate.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain server-sent events client over {@link HttpClient}: reads the stream line by line on a
 * thread of its own and hands out its messages and comments in order; {@link #close()} drops the
 * connection as a client that goes away would.
 */
final class SseClient implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One item of the stream: a message, or a comment line ({@code event} null). */
  record Item(String event, String id, JsonNode data, String comment) {
    boolean isComment() {
      return comment != null;
    }
  }

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    if (response.statusCode() == 200) {
      reader.start();
    }
  }

  /** Opens the stream; the client of a refused stream has its status and a JSON body instead. */
  static SseClient open(URI uri, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(10)) // until the response headers
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try {
      return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return response.statusCode();
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The body of a refused stream. */
  JsonNode errorBody() {
    try (InputStream body = response.body()) {
      return MAPPER.readTree(body.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next item, or an AssertionError after {@code within}. */
  Item next(Duration within) throws InterruptedException {
    Item item = items.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    if (item == null) {
      throw new AssertionError("nothing on the stream within " + within);
    }
    return item;
  }

  /** The next {@code count} messages, skipping comments. */
  List<Item> messages(int count, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<Item> messages = new ArrayList<>();
    while (messages.size() < count) {
      Item item = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (!item.isComment()) {
        messages.add(item);
      }
    }
    return messages;
  }

  /** The messages before the next comment equal to {@code comment}. */
  List<Item> messagesUntilComment(String comment, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<Item> messages = new ArrayList<>();
    while (true) {
      Item item = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (!item.isComment()) {
        messages.add(item);
      } else if (item.comment().equals(comment)) {
        return messages;
      }
    }
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String event = null;
      String id = null;
      StringBuilder data = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (data != null) {
            items.add(new Item(event, id, MAPPER.readTree(data.toString()), null));
          }
          event = null;
          id = null;
          data = null;
        } else if (line.startsWith(":")) {
          items.add(new Item(null, null, null, line.substring(1).trim()));
        } else if (line.startsWith("event: ")) {
          event = line.substring("event: ".length());
        } else if (line.startsWith("id: ")) {
          id = line.substring("id: ".length());
        } else if (line.startsWith("data: ")) {
          data = data == null ? new StringBuilder() : data.append('\n');
          data.append(line.substring("data: ".length()));
        }
      }
    } catch (IOException e) {
      // closed by close(), or by the server: the test sees no more items
    }
  }

  @Override
  public void close() throws IOException {
    response.body().close();
    reader.interrupt();
  }
}
