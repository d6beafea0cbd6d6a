package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupParameterTest {

  @Test
  void shouldMeanAllGroupsWhenAbsent() {
    assertThat(GroupParameter.parse(null)).isEmpty();
  }

  @Test
  void shouldSplitOnCommasInGroupByOrder() {
    assertThat(GroupParameter.parse("api,eu")).contains(List.of("api", "eu"));
    assertThat(GroupParameter.parse("api")).contains(List.of("api"));
    assertThat(GroupParameter.parse(",")).contains(List.of("", ""));
  }

  @Test
  void shouldUnescapeCommasAndBackslashes() {
    assertThat(GroupParameter.parse("a\\,b,c\\\\d,\\[x")).contains(List.of("a,b", "c\\d", "[x"));
  }

  @Test
  void shouldReadAJsonArrayWithAnyScalars() {
    assertThat(GroupParameter.parse("[\"a,b\", 503, true, null, 1.5]"))
        .contains(List.of("a,b", "503", "true", "null", "1.5"));
  }

  @Test
  void shouldRefuseABrokenJsonArray() {
    assertThatThrownBy(() -> GroupParameter.parse("[\"a\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON array");
  }

  @Test
  void shouldRefuseNestedValues() {
    assertThatThrownBy(() -> GroupParameter.parse("[[1]]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not [1]");
  }

  @Test
  void shouldRefuseATrailingBackslash() {
    assertThatThrownBy(() -> GroupParameter.parse("a\\"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backslash");
  }
}
