package io.fluxgate.core.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiteralTableTest {

  private static String lookUp(LiteralTable<String> table, String text, int from, int to) {
    return table.get(text, from, to, LiteralTable.hashOf(text, from, to));
  }

  @Test
  void shouldHashRegionLikeStringHashCode() {
    String text = "agent.exécution.ü€.";
    for (int from = 0; from <= text.length(); from++) {
      for (int to = from; to <= text.length(); to++) {
        assertThat(LiteralTable.hashOf(text, from, to))
            .isEqualTo(text.substring(from, to).hashCode());
      }
    }
  }

  @Test
  void shouldFindKeysByRegionOfLongerText() {
    LiteralTable<String> table =
        LiteralTable.of(Map.of("agent", "A", "started", "S", "a", "short"));

    assertThat(lookUp(table, "agent.started", 0, 5)).isEqualTo("A");
    assertThat(lookUp(table, "agent.started", 6, 13)).isEqualTo("S");
    assertThat(lookUp(table, "x.a.y", 2, 3)).isEqualTo("short");
    assertThat(lookUp(table, "agents", 0, 6)).isNull();
    assertThat(lookUp(table, "agent", 0, 4)).isNull();
    assertThat(lookUp(table, "agent", 0, 0)).isNull();
  }

  @Test
  void shouldTellApartKeysWithTheSameHash() {
    // "Aa" and "BB" hash alike, so do all four two-pair concatenations.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat("AaBB".hashCode()).isEqualTo("BBAa".hashCode());
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("AaAa", "1");
    entries.put("AaBB", "2");
    entries.put("BBAa", "3");
    LiteralTable<String> table = LiteralTable.of(entries);

    assertThat(lookUp(table, "x.AaAa", 2, 6)).isEqualTo("1");
    assertThat(lookUp(table, "x.AaBB", 2, 6)).isEqualTo("2");
    assertThat(lookUp(table, "BBAa.x", 0, 4)).isEqualTo("3");
    // Same hash and length as the keys, yet none of them.
    assertThat(lookUp(table, "BBBB", 0, 4)).isNull();
  }

  @Test
  void shouldFindEveryKeyOfALargeTable() {
    Map<String, Integer> entries = new LinkedHashMap<>();
    for (int i = 0; i < 5_000; i++) {
      entries.put("e" + i, i);
    }
    LiteralTable<Integer> table = LiteralTable.of(entries);
    for (int i = 0; i < 5_000; i++) {
      String text = "svc.e" + i + ".x";
      int to = text.length() - 2;
      assertThat(table.get(text, 4, to, LiteralTable.hashOf(text, 4, to))).isEqualTo(i);
    }
    assertThat(table.get("e5000", 0, 5, "e5000".hashCode())).isNull();
  }

  @Test
  void shouldFindNothingInEmptyTable() {
    LiteralTable<String> table = LiteralTable.of(Map.of());
    assertThat(lookUp(table, "agent", 0, 5)).isNull();
    assertThat(lookUp(table, "", 0, 0)).isNull();
  }
}
