package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct reader against the strict path it short-cuts: on every body, either both accept and
 * yield equal events, or the strict path rejects and the direct reader declines. Random valid
 * events cover the accepted shapes; byte mutations of them and a table of near-misses cover the
 * rejected ones.
 */
class DirectEventReaderTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T08:00:00.123456789Z"), ZoneOffset.UTC);
  private static final EventLimits LIMITS = new EventLimits(64 * 1024, 4096, 40, 8, 64);

  private final EventJson json = new EventJson(LIMITS, CLOCK);
  private final DirectEventReader direct = new DirectEventReader(LIMITS, CLOCK);

  enum Framing {
    SINGLE,
    ARRAY,
    NDJSON
  }

  @Test
  void validEventsAreReadDirectlyAsTheStrictPathReadsThem() {
    Random random = new Random(20261124);
    for (int i = 0; i < 3000; i++) {
      List<String> events = new ArrayList<>();
      int count = 1 + random.nextInt(5);
      for (int e = 0; e < count; e++) {
        events.add(new EventGenerator(random).event());
      }
      for (Framing framing : Framing.values()) {
        byte[] body =
            body(framing, framing == Framing.SINGLE ? events.subList(0, 1) : events, random);
        List<UniversalEvent> strict = strict(body, framing);
        assertThat(strict).as("strict path accepts %s", text(body)).isNotNull();
        List<UniversalEvent> read = direct(body, framing);
        assertThat(read).as("direct reader accepts %s", text(body)).isNotNull();
        assertSameEvents(body, read, strict);
      }
    }
  }

  @Test
  void mutatedBodiesAreDeclinedExactlyWhenTheStrictPathRejectsThem() {
    Random random = new Random(424242);
    int rejected = 0;
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      Framing framing = Framing.values()[random.nextInt(3)];
      List<String> events = new ArrayList<>();
      int count = framing == Framing.SINGLE ? 1 : 1 + random.nextInt(3);
      for (int e = 0; e < count; e++) {
        events.add(new EventGenerator(random).event());
      }
      byte[] body = mutate(body(framing, events, random), random);
      List<UniversalEvent> strict = strict(body, framing);
      List<UniversalEvent> read = direct(body, framing);
      if (strict == null) {
        rejected++;
        assertThat(read).as("direct reader declines %s", text(body)).isNull();
      } else {
        accepted++;
        assertThat(read).as("direct reader accepts %s", text(body)).isNotNull();
        assertSameEvents(body, read, strict);
      }
    }
    // The mutations must exercise both sides, or the test proves little.
    assertThat(rejected).isGreaterThan(5_000);
    assertThat(accepted).isGreaterThan(500);
  }

  static Stream<Arguments> nearMisses() {
    String ok = "\"event_type\":\"order.created\"";
    return Stream.of(
            "{}",
            "{\"event_type\":null}",
            "{\"event_type\":\"a..b\"}",
            "{\"event_type\":\"" + "a".repeat(65) + "\"}",
            "{\"event_type\":5}",
            "{" + ok + ",\"evnet_type\":\"x\"}",
            "{" + ok + "," + ok + "}",
            "{" + ok + ",\"id\":\"not-a-uuid\"}",
            "{" + ok + ",\"id\":7}",
            "{" + ok + ",\"timestamp\":\"2026-11-24 08:00:00Z\"}",
            "{" + ok + ",\"timestamp\":\"2026-02-30T08:00:00Z\"}",
            "{" + ok + ",\"version\":\" \"}",
            "{" + ok + ",\"priority\":\"NORMAL\"}",
            "{" + ok + ",\"source\":\"svc\"}",
            "{" + ok + ",\"source\":{\"component\":1}}",
            "{" + ok + ",\"source\":{\"host\":\"h\"}}",
            "{" + ok + ",\"source\":{\"component\":\"a\",\"component\":\"b\"}}",
            "{" + ok + ",\"source\":{\"correlation_id\":\"a\"},\"correlation_id\":\"b\"}",
            "{" + ok + ",\"ttl_seconds\":0}",
            "{" + ok + ",\"ttl_seconds\":-3}",
            "{" + ok + ",\"ttl_seconds\":1.5}",
            "{" + ok + ",\"ttl_seconds\":1e2}",
            "{" + ok + ",\"ttl_seconds\":\"5\"}",
            "{" + ok + ",\"ttl_seconds\":99999999999999999999}",
            "{" + ok + ",\"metadata\":[]}",
            "{" + ok + ",\"metadata\":{\"k\":1}}",
            "{" + ok + ",\"metadata\":{\"k\":null}}",
            "{" + ok + ",\"metadata\":{\"k\":\"a\",\"k\":\"b\"}}",
            "{" + ok + ",\"data\":{\"k\":1,\"k\":2}}",
            "{" + ok + ",\"data\":[{\"a\":{\"b\":1,\"b\":1}}]}",
            "{" + ok + ",\"data\":\"\\ud800\"}",
            "{" + ok + ",\"data\":{\"\\udc00\":1}}",
            "{" + ok + ",\"metadata\":{\"k\":\"\\ud83d\"}}",
            "{\"event_type\":\"\\ud83d\"}",
            "{" + ok + ",\"data\":" + "[".repeat(8) + "]".repeat(8) + "}",
            "{" + ok + ",\"data\":\"" + "x".repeat(4100) + "\"}",
            "{" + ok + ",\"data\":1e999999999999}",
            "{" + ok + ",\"data\":NaN}",
            "{" + ok + ",\"data\":01}",
            "{" + ok + "} x",
            "{" + ok + "",
            "[]",
            "\u0000{" + ok + "}",
            " ")
        .flatMap(body -> Stream.of(Framing.values()).map(f -> Arguments.of(f, framed(f, body))));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("nearMisses")
  void nearMissesAreDeclinedAndRejected(Framing framing, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    assertThat(direct(bytes, framing)).isNull();
    assertThat(strict(bytes, framing)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"event_type\":\"a\"} {\"event_type\":\"b\"}\n",
        "{\"event_type\":\n\"a\"}\n",
        "{\"event_type\":\"a\"}\r{\"event_type\":\"b\"}",
        "\n\n \t\r\n",
      })
  void ndjsonLinesAreCutAsTheStrictReaderCutsThem(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    assertThat(direct(bytes, Framing.NDJSON)).isNull();
    assertThat(strict(bytes, Framing.NDJSON)).isNull();
  }

  @Test
  void batchesOverTheEventLimitAreDeclined() {
    String event = "{\"event_type\":\"a\"}";
    byte[] array =
        ("[" + String.join(",", Collections.nCopies(41, event)) + "]")
            .getBytes(StandardCharsets.UTF_8);
    byte[] lines =
        String.join("\n", Collections.nCopies(41, event)).getBytes(StandardCharsets.UTF_8);

    assertThat(direct.readArray(array)).isNull();
    assertThat(direct.readLines(lines)).isNull();
    assertThat(strict(array, Framing.ARRAY)).isNull();
    assertThat(
            direct.readArray(
                ("[" + String.join(",", Collections.nCopies(40, event)) + "]")
                    .getBytes(StandardCharsets.UTF_8)))
        .hasSize(40);
  }

  @Test
  void wideObjectsAreCheckedForDuplicatesPastTheLinearScan() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      members.add("\"m" + i + "\":" + i);
    }
    String wide = "{" + String.join(",", members) + "}";
    String duplicated = "{" + String.join(",", members) + ",\"m17\":0}";
    String early = "{" + String.join(",", members) + ",\"m3\":0}";

    for (String data : List.of(wide, duplicated, early)) {
      byte[] body =
          ("{\"event_type\":\"a\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
      List<UniversalEvent> strict = strict(body, Framing.SINGLE);
      List<UniversalEvent> read = direct(body, Framing.SINGLE);
      if (data.equals(wide)) {
        assertThat(read).isNotNull();
        assertSameEvents(body, read, strict);
      } else {
        assertThat(strict).isNull();
        assertThat(read).isNull();
      }
    }
  }

  @Test
  void bodiesOverTheBodyLimitAreDeclined() {
    byte[] body =
        ("{\"event_type\":\"a\",\"data\":\"" + "x".repeat(64 * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(direct.readSingle(body)).isNull();
    assertThat(strict(body, Framing.SINGLE)).isNull();
  }

  @Test
  void publicMethodsFallBackToTheStrictErrors() {
    byte[] body =
        "[{\"event_type\":\"a\"},{\"event_type\":\"a..b\",\"x\":1}]"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.parseBatch(body, false))
        .isInstanceOfSatisfying(
            EventRejectedException.class,
            e ->
                assertThat(e.errors())
                    .extracting(EventError::index, EventError::field, EventError::code)
                    .containsExactly(
                        org.assertj.core.api.Assertions.tuple(1, "x", "unknown_field"),
                        org.assertj.core.api.Assertions.tuple(1, "event_type", "invalid_value")));
  }

  // --- helpers

  private List<UniversalEvent> strict(byte[] body, Framing framing) {
    try {
      return switch (framing) {
        case SINGLE -> List.of(json.parseEventStrictly(body));
        case ARRAY -> json.parseBatchStrictly(body, false);
        case NDJSON -> json.parseBatchStrictly(body, true);
      };
    } catch (EventRejectedException e) {
      return null;
    }
  }

  private List<UniversalEvent> direct(byte[] body, Framing framing) {
    return switch (framing) {
      case SINGLE -> {
        UniversalEvent event = direct.readSingle(body);
        yield event == null ? null : List.of(event);
      }
      case ARRAY -> direct.readArray(body);
      case NDJSON -> direct.readLines(body);
    };
  }

  /**
   * Equal events; an id the body does not give is random on both sides, so it is only required to
   * be a lowercase UUID.
   */
  private static void assertSameEvents(
      byte[] body, List<UniversalEvent> read, List<UniversalEvent> strict) {
    assertThat(read).hasSameSizeAs(strict);
    String text = text(body).toLowerCase(Locale.ROOT);
    for (int i = 0; i < read.size(); i++) {
      UniversalEvent a = UniversalEvent.newBuilder(read.get(i)).build();
      UniversalEvent b = UniversalEvent.newBuilder(strict.get(i)).build();
      if (!text.contains(b.getId())) {
        assertThat(a.getId()).isEqualTo(UUID.fromString(a.getId()).toString());
        a.setId("generated");
        b.setId("generated");
      }
      assertThat(a).as("event %d of %s", i, text(body)).isEqualTo(b);
    }
  }

  private static String framed(Framing framing, String event) {
    return switch (framing) {
      case SINGLE -> event;
      case ARRAY -> "[" + event + "]";
      case NDJSON -> event + "\n";
    };
  }

  private static byte[] body(Framing framing, List<String> events, Random random) {
    String text =
        switch (framing) {
          case SINGLE -> space(random) + events.get(0) + space(random);
          case ARRAY ->
              space(random) + "[" + String.join("," + space(random), events) + "]" + space(random);
          case NDJSON -> {
            StringBuilder b = new StringBuilder();
            for (String event : events) {
              b.append(random.nextInt(4) == 0 ? "\n  \r\n" : "")
                  .append(event)
                  .append(random.nextBoolean() ? "\n" : "\r\n");
            }
            yield b.toString();
          }
        };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String space(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> " ";
      case 1 -> "\n\t";
      default -> "";
    };
  }

  private static final String MUTATION_BYTES = "{}[]\",:\\ 0-1e.nx\n\r\t";

  /** One to three edits: a byte deleted, inserted, replaced, or a span doubled. */
  private static byte[] mutate(byte[] body, Random random) {
    StringBuilder b = new StringBuilder(new String(body, StandardCharsets.UTF_8));
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && b.length() > 1; i++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(4)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, MUTATION_BYTES.charAt(random.nextInt(MUTATION_BYTES.length())));
        case 2 -> b.setCharAt(at, MUTATION_BYTES.charAt(random.nextInt(MUTATION_BYTES.length())));
        default -> {
          int end = Math.min(b.length(), at + 1 + random.nextInt(20));
          b.insert(end, b.substring(at, end));
        }
      }
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Random valid events over every optional field, null, number form, escape and nesting. */
  private static final class EventGenerator {
    private final Random random;

    EventGenerator(Random random) {
      this.random = random;
    }

    String event() {
      List<String> members = new ArrayList<>();
      members.add(
          member(
              "event_type",
              quoted(pick("order.created", "a", "agent.tool-call.done_1", "Z.9.x-y"))));
      maybe(members, "id", () -> random.nextInt(5) == 0 ? "null" : quoted(uuid()));
      maybe(
          members,
          "timestamp",
          () ->
              pick(
                  "null",
                  "\"2026-11-24T02:07:59.123Z\"",
                  "\"2026-11-24T02:07:59+01:00\"",
                  "\"2026-11-24t02:07:59.123456789-05:30\"",
                  "\"1999-12-31T23:59:60Z\"".replace("60", "59")));
      maybe(members, "version", () -> pick("null", "\"1.0\"", "\"2\"", "\"v\\u00e9\""));
      maybe(
          members,
          "priority",
          () -> pick("null", "\"critical\"", "\"high\"", "\"normal\"", "\"low\""));
      String correlation = pick("c-1", "\\u00fc\\ud83d\\ude00", "\u00e9t\u00e9");
      boolean sourceCorrelation = random.nextBoolean();
      maybe(
          members,
          "source",
          () -> random.nextInt(6) == 0 ? "null" : source(sourceCorrelation ? correlation : null));
      maybe(members, "correlation_id", () -> random.nextInt(4) == 0 ? "null" : quoted(correlation));
      maybe(
          members,
          "ttl_seconds",
          () -> pick("null", "1", "3600", "1099511627776", "9223372036854775807"));
      maybe(members, "metadata", () -> random.nextInt(6) == 0 ? "null" : metadata());
      maybe(members, "data", () -> value(2));
      Collections.shuffle(members, random);
      return "{" + String.join(sep(","), members) + "}";
    }

    private String source(String correlation) {
      List<String> members = new ArrayList<>();
      maybe(
          members,
          "component",
          () -> random.nextInt(5) == 0 ? "null" : quoted(pick("svc", "w\\\"h")));
      maybe(members, "instance_id", () -> quoted("i-" + random.nextInt(9)));
      if (correlation != null) {
        members.add(member("correlation_id", quoted(correlation)));
      }
      Collections.shuffle(members, random);
      return "{" + String.join(",", members) + "}";
    }

    private String metadata() {
      List<String> members = new ArrayList<>();
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        members.add(
            member(
                "k" + i + pick("", "\\n", "\u00e4"),
                quoted(pick("v", "", "\\t\\\"", "\ud83d\ude00"))));
      }
      return "{" + String.join(",", members) + "}";
    }

    private String value(int depth) {
      int kind = random.nextInt(depth >= 6 ? 7 : 9);
      return switch (kind) {
        case 0 -> "null";
        case 1 -> pick("true", "false");
        case 2 ->
            quoted(
                pick(
                    "",
                    "x",
                    "caf\u00e9",
                    "\\u00e9\\/\\b\\f\\n\\r\\t\\\\\\\"",
                    "\\ud83d\\ude00",
                    "\ud83d\ude00"));
        case 3 ->
            pick(
                "0",
                "-0",
                "7",
                "-2147483649",
                "2147483648",
                "9223372036854775807",
                "-9223372036854775808");
        case 4 ->
            pick("9223372036854775808", "-9223372036854775809", "123456789012345678901234567890");
        case 5 ->
            pick("1.10", "-0.0", "1e400", "1E+2", "0e0", "2.5E-3", "19.90", "1e0", "-1.0e-10");
        case 6 -> String.valueOf(random.nextLong());
        case 7 -> {
          List<String> items = new ArrayList<>();
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            items.add(value(depth + 1));
          }
          yield "[" + String.join(sep(","), items) + "]";
        }
        default -> {
          List<String> members = new ArrayList<>();
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            members.add(
                member(
                    pick("a", "b", "") + i + pick("", "\\u00e9", "\\ud83d\\ude00"),
                    value(depth + 1)));
          }
          yield "{" + String.join(sep(","), members) + "}";
        }
      };
    }

    private void maybe(List<String> members, String name, Supplier<String> value) {
      if (random.nextInt(3) != 0) {
        members.add(member(name, value.get()));
      }
    }

    private String member(String name, String value) {
      return quoted(name) + sep(":") + value;
    }

    private String sep(String s) {
      return random.nextInt(5) == 0 ? " " + s + " " : s;
    }

    private String uuid() {
      String id = UUID.randomUUID().toString();
      return random.nextBoolean() ? id.toUpperCase(Locale.ROOT) : id;
    }

    private static String quoted(String s) {
      return "\"" + s + "\"";
    }

    @SafeVarargs
    private <T> T pick(T... options) {
      return options[random.nextInt(options.length)];
    }
  }
}
