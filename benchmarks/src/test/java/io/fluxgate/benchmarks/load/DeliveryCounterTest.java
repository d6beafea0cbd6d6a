package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeliveryCounterTest {

  @Test
  void shouldCountTheEventsOfALongPollAnswer() throws Exception {
    String body =
        "[{\"id\":\"a\",\"data\":{\"list\":[{\"x\":1},{\"y\":[2]}]}},"
            + "{\"id\":\"b\",\"kafka\":{\"partition\":0}},{\"id\":\"[{\"}]";

    assertThat(DeliveryCounter.countArray(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(3);
    assertThat(DeliveryCounter.countArray("[]".getBytes(StandardCharsets.UTF_8))).isZero();
  }

  @Test
  void shouldRefuseWhatIsNotAnArray() {
    assertThatThrownBy(
            () -> DeliveryCounter.countArray("{\"error\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () -> DeliveryCounter.countArray("[{\"id\":1},".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void shouldCountCompletedEventMessagesOfAStream() {
    DeliveryCounter counter = new DeliveryCounter();
    String stream =
        ": connected\n\n"
            + "event: event\nid: 0-1\ndata: {\"id\":\"a\"}\n\n"
            + ": heartbeat\n\n"
            + "event: event\nid: 0-2\ndata: {\"id\":\"b\",\ndata: \"x\":1}\n\n"
            + "event: other\ndata: {}\n\n"
            + "event: event\nid: 0-3\ndata: {\"id\":\"c\"}\n";

    stream.lines().forEach(counter::line);

    // The third event message has not ended yet.
    assertThat(counter.messages()).isEqualTo(2);
    counter.line("");
    assertThat(counter.messages()).isEqualTo(3);
  }
}
