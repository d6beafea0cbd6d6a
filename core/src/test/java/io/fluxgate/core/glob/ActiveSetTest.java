package io.fluxgate.core.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveSetTest {

  private static List<Object> contents(ActiveSet<Object> set) {
    List<Object> contents = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      contents.add(set.get(i));
    }
    return contents;
  }

  @Test
  void shouldKeepEachObjectOnceInInsertionOrder() {
    ActiveSet<Object> set = new ActiveSet<>();
    Object a = new Object();
    Object b = new Object();

    assertThat(set.add(a)).isTrue();
    assertThat(set.add(b)).isTrue();
    assertThat(set.add(a)).isFalse();
    assertThat(contents(set)).containsExactly(a, b);
  }

  @Test
  void shouldCompareByIdentityNotEquality() {
    ActiveSet<Object> set = new ActiveSet<>();
    String first = new String("node");
    String second = new String("node");

    assertThat(set.add(first)).isTrue();
    assertThat(set.add(second)).isTrue();
    assertThat(set.size()).isEqualTo(2);
  }

  @Test
  void shouldStillDeduplicatePastTheScanLimit() {
    ActiveSet<Object> set = new ActiveSet<>();
    List<Object> objects = new ArrayList<>();
    for (int i = 0; i < ActiveSet.SCAN_LIMIT * 3; i++) {
      objects.add(new Object());
    }
    for (Object object : objects) {
      assertThat(set.add(object)).isTrue();
    }
    for (Object object : objects) {
      assertThat(set.add(object)).isFalse();
    }
    assertThat(contents(set)).containsExactlyElementsOf(objects);
  }

  @Test
  void shouldStartOverAfterClear() {
    ActiveSet<Object> set = new ActiveSet<>();
    List<Object> objects = new ArrayList<>();
    for (int i = 0; i < ActiveSet.SCAN_LIMIT + 2; i++) {
      objects.add(new Object());
      set.add(objects.get(i));
    }
    set.clear();

    assertThat(set.isEmpty()).isTrue();
    assertThat(set.add(objects.get(0))).isTrue();
    assertThat(set.add(objects.get(0))).isFalse();
    assertThat(contents(set)).containsExactly(objects.get(0));
  }

  @Test
  void shouldWorkAgainAfterClearingALargeSet() {
    ActiveSet<Object> set = new ActiveSet<>();
    for (int i = 0; i < ActiveSet.RETAINED_CAPACITY * 2; i++) {
      set.add(new Object());
    }
    set.clear();

    List<Object> objects = new ArrayList<>();
    for (int i = 0; i < ActiveSet.SCAN_LIMIT + 4; i++) {
      objects.add(new Object());
      assertThat(set.add(objects.get(i))).isTrue();
    }
    assertThat(set.add(objects.get(3))).isFalse();
    assertThat(contents(set)).containsExactlyElementsOf(objects);
  }
}
