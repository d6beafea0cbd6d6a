package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency: a subscription to the series' event type, read by long poll or SSE on one
 * thread, from the first run's warm-up to the end of the last run. Each measured event id is
 * registered with its intended send time before it is sent; the time from then to its arrival is
 * recorded. Events are matched by id, so duplicates and warm-up events are ignored.
 */
public final class SubscriberProbe implements LoadPhase.SendListener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_EVENTS = 1000;
  private static final int TIMEOUT_MS = 1000;
  private static final int MAX_QUEUE_SIZE = 10_000_000;

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI gateway;
  private final String subscriptionId;
  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private final Histogram latency = LatencySummary.newHistogram();
  private final AtomicReference<InputStream> stream = new AtomicReference<>();
  private final Thread reader;
  private volatile boolean running = true;

  private SubscriberProbe(URI gateway, String subscriptionId, LoadSettings.SubscriberMode mode) {
    this.gateway = gateway;
    this.subscriptionId = subscriptionId;
    this.reader =
        new Thread(
            mode == LoadSettings.SubscriberMode.SSE ? this::readStream : this::longPoll,
            "loadgen-subscriber");
    reader.setDaemon(true);
  }

  /** Subscribes to {@code eventType} (start: latest) and starts reading. */
  public static SubscriberProbe start(
      URI gateway, String eventType, LoadSettings.SubscriberMode mode) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    // The largest queue the API takes: at a high rate the probe falls behind by more than the
    // default 10,000 events, and drop_oldest would skip what it is measuring.
    String body =
        JSON.writeValueAsString(
            Map.of(
                "name",
                "loadgen-" + eventType,
                "patterns",
                List.of(eventType),
                "max_queue_size",
                MAX_QUEUE_SIZE));
    HttpResponse<String> created =
        client.send(
            HttpRequest.newBuilder(gateway.resolve("/v1/subscriptions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new PublishFailedException(
          "could not subscribe: HTTP " + created.statusCode() + " " + created.body());
    }
    SubscriberProbe probe =
        new SubscriberProbe(gateway, JSON.readTree(created.body()).get("id").asText(), mode);
    probe.reader.start();
    return probe;
  }

  @Override
  public void sending(List<String> ids, long intendedNanos) {
    for (String id : ids) {
      pending.put(id, intendedNanos);
    }
  }

  /**
   * Waits up to {@code drain} for the events still in flight and returns the latency of what
   * arrived since the last call, with how many were expected; the probe keeps reading, and events
   * that arrive later are not counted anywhere. Each run of a series collects once, so every run
   * measures a subscription that has been live since the warm-up.
   */
  public EndToEndResult collect(long expectedEvents, Duration drain) throws InterruptedException {
    long deadline = System.nanoTime() + drain.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    LatencySummary summary;
    synchronized (latency) {
      pending.clear();
      summary = LatencySummary.of(latency);
      latency.reset();
    }
    return new EndToEndResult(expectedEvents, summary.count(), summary);
  }

  /** Stops reading and deletes the subscription. */
  @Override
  public void close() throws Exception {
    running = false;
    client.send(
        HttpRequest.newBuilder(gateway.resolve("/v1/subscriptions/" + subscriptionId))
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.discarding());
    InputStream open = stream.get();
    if (open != null) {
      open.close();
    }
    reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_MS / 1000 + 5));
    reader.interrupt();
  }

  private void received(JsonNode event, long nowNanos) {
    JsonNode id = event.get("id");
    if (id == null) {
      return;
    }
    // With collect(), so that an event counts in the run it was sent in or not at all.
    synchronized (latency) {
      Long intended = pending.remove(id.asText());
      if (intended != null) {
        latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nowNanos - intended)));
      }
    }
  }

  private void longPoll() {
    URI poll =
        gateway.resolve(
            "/v1/subscriptions/"
                + subscriptionId
                + "/events?max_events="
                + MAX_EVENTS
                + "&timeout_ms="
                + TIMEOUT_MS);
    while (running) {
      try {
        HttpResponse<byte[]> response =
            client.send(
                HttpRequest.newBuilder(poll).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long now = System.nanoTime();
        if (response.statusCode() == 200) {
          for (JsonNode event : JSON.readTree(response.body())) {
            received(event, now);
          }
        }
      } catch (IOException e) {
        // The gateway went away or the subscription was deleted; keep polling until close().
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void readStream() {
    URI uri = gateway.resolve("/v1/subscriptions/" + subscriptionId + "/stream");
    try {
      HttpResponse<InputStream> response =
          client.send(
              HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      stream.set(response.body());
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while (running && (line = lines.readLine()) != null) {
          if (line.startsWith("data:")) {
            received(JSON.readTree(line.substring(5).trim()), System.nanoTime());
          }
        }
      }
    } catch (IOException e) {
      // The stream ended: the subscription was deleted or close() closed it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** End-to-end figures: events published in the measured window, how many arrived, latency. */
  public record EndToEndResult(long expected, long received, LatencySummary latency) {}
}
