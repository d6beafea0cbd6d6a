package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.glob.GlobPattern;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PatternSetTest {
  private static final String PREFIX = "fanout.rabc";
  private static final String ID = "550e8400-e29b-41d4-a716-446655440000";
  private final WireEvents wire = new WireEvents(7, 300);

  @Test
  void shouldMixExactGlobBraceFilteredAndUnmatchedPatterns() {
    List<PatternSet.Spec> specs = PatternSet.mixed(PREFIX, 100).subscriptions();

    assertThat(specs).hasSize(100);
    assertThat(specs.get(0).patterns()).containsExactly("fanout.rabc.d0.order.created");
    assertThat(specs.get(21).patterns()).containsExactly("fanout.rabc.d1.*.created");
    assertThat(specs.get(42).patterns()).containsExactly("fanout.rabc.d2.{order,invoice}.updated");
    assertThat(specs.get(63).patterns()).containsExactly("fanout.rabc.d3.**");
    assertThat(specs.get(84).patterns()).containsExactly("fanout.rabc.d4.audit.*");
    assertThat(specs.stream().map(PatternSet.Spec::filter).filter(Objects::nonNull)).hasSize(4);
    assertThat(specs.stream().map(PatternSet.Spec::name).distinct()).hasSize(100);
  }

  @Test
  void shouldCompileEveryPatternAndFilter() {
    for (PatternSet.Spec spec : PatternSet.mixed(PREFIX, 100).subscriptions()) {
      spec.patterns().forEach(GlobPattern::compile);
      if (spec.filter() != null) {
        EventFilterCompiler.compile(spec.filter());
      }
    }
  }

  @Test
  void shouldCycleOverThreeTypesInEachOfTwentyDomains() {
    List<String> types = PatternSet.mixed(PREFIX, 100).eventTypes();

    assertThat(types).hasSize(60).doesNotHaveDuplicates();
    assertThat(types.subList(0, 3))
        .containsExactly(
            "fanout.rabc.d0.order.created",
            "fanout.rabc.d0.order.updated",
            "fanout.rabc.d0.payment.created");
  }

  @Test
  void shouldCountMatchesByPatternsAndFilters() {
    // Per domain: order.created 3, order.updated 2, payment.created 2 when the ** subscription
    // passes; one fewer each in domains 5 and 15, whose filter passes nothing.
    double expected = (18 * 7 + 2 * 4) / 60.0;

    double average = PatternSet.mixed(PREFIX, 100).averageMatches(type -> wire.event(type, ID));

    assertThat(average).isEqualTo(expected);
  }

  @Test
  void shouldStartWithTheExactKindInEachDomain() {
    // The first five subscriptions are the exact ones of domains 0-4: one match for each of their
    // order.created types, none for the other 55 types.
    double average = PatternSet.mixed(PREFIX, 5).averageMatches(type -> wire.event(type, ID));

    assertThat(average).isEqualTo(5 / 60.0);
  }

  @Test
  void shouldWriteTheSubscriptionBody() {
    PatternSet.Spec filtered = PatternSet.mixed(PREFIX, 100).subscriptions().get(60);

    ObjectNode body = filtered.body("drop_oldest", 1000);

    assertThat(body.get("patterns").get(0).asText()).isEqualTo("fanout.rabc.d0.**");
    assertThat(body.get("filter").asText()).isEqualTo("source.component == \"loadgen\"");
    assertThat(body.get("backpressure").asText()).isEqualTo("drop_oldest");
    assertThat(body.get("max_queue_size").asLong()).isEqualTo(1000);
  }
}
