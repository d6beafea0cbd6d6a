package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.filter.FilterVariables;
import io.fluxgate.core.glob.GlobPattern;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The subscriptions and event types of a fan-out run, all under the run's own prefix so that runs
 * do not see each other's events. Subscription {@code i} belongs to domain {@code d<i % 20>} and is
 * of kind {@code i / 20 % 5}:
 *
 * <ol start="0">
 *   <li>exact: {@code <run>.dK.order.created}
 *   <li>one-segment glob: {@code <run>.dK.*.created}
 *   <li>brace alternatives: {@code <run>.dK.{order,invoice}.updated}
 *   <li>multi-segment glob: {@code <run>.dK.**}; in domains 0, 5, 10 and 15 with a CEL filter,
 *       which passes every event in domains 0 and 10 ({@code source.component == "loadgen"}) and
 *       none in 5 and 15 ({@code data.pad == ""})
 *   <li>matches nothing: {@code <run>.dK.audit.*}
 * </ol>
 *
 * Events cycle over {@code order.created}, {@code order.updated} and {@code payment.created} in
 * each domain, so with 100 subscriptions an event matches 1 to 3 of them (2.28 on average).
 */
public final class PatternSet {
  static final int DOMAINS = 20;
  private static final int KINDS = 5;
  private static final List<String> ENTITY_ACTIONS =
      List.of("order.created", "order.updated", "payment.created");

  private final String prefix;
  private final List<Spec> subscriptions;

  /** One subscription: its patterns and its CEL filter (null for none). */
  public record Spec(String name, List<String> patterns, String filter) {
    /** The body of {@code POST /v1/subscriptions} for this subscription. */
    public ObjectNode body(String backpressure, long maxQueueSize) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("name", name);
      patterns.forEach(body.putArray("patterns")::add);
      if (filter != null) {
        body.put("filter", filter);
      }
      body.put("backpressure", backpressure);
      body.put("max_queue_size", maxQueueSize);
      return body;
    }

    boolean matches(UniversalEvent event, Map<String, Object> variables) {
      boolean typeMatches =
          patterns.stream().anyMatch(p -> GlobPattern.compile(p).matches(event.getEventType()));
      return typeMatches
          && (filter == null || EventFilterCompiler.compile(filter).evaluate(variables).matched());
    }
  }

  private PatternSet(String prefix, List<Spec> subscriptions) {
    this.prefix = prefix;
    this.subscriptions = subscriptions;
  }

  /**
   * {@code count} subscriptions of mixed patterns under {@code prefix} (e.g. {@code fanout.r1f3}).
   */
  public static PatternSet mixed(String prefix, int count) {
    List<Spec> specs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int domain = i % DOMAINS;
      String d = prefix + ".d" + domain;
      String name = "fanout-bench-" + i;
      specs.add(
          switch (i / DOMAINS % KINDS) {
            case 0 -> new Spec(name, List.of(d + ".order.created"), null);
            case 1 -> new Spec(name, List.of(d + ".*.created"), null);
            case 2 -> new Spec(name, List.of(d + ".{order,invoice}.updated"), null);
            case 3 -> new Spec(name, List.of(d + ".**"), filterOf(domain));
            default -> new Spec(name, List.of(d + ".audit.*"), null);
          });
    }
    return new PatternSet(prefix, List.copyOf(specs));
  }

  private static String filterOf(int domain) {
    if (domain % 5 != 0) {
      return null;
    }
    return domain % 10 == 0 ? "source.component == \"loadgen\"" : "data.pad == \"\"";
  }

  public List<Spec> subscriptions() {
    return subscriptions;
  }

  /** The event types the run publishes, in the order they cycle. */
  public List<String> eventTypes() {
    List<String> types = new ArrayList<>(DOMAINS * ENTITY_ACTIONS.size());
    for (int domain = 0; domain < DOMAINS; domain++) {
      for (String entityAction : ENTITY_ACTIONS) {
        types.add(prefix + ".d" + domain + "." + entityAction);
      }
    }
    return types;
  }

  /** A type no subscription but the sentinel matches, to see that the fan-out has the routes. */
  public String sentinelType() {
    return prefix + ".sentinel";
  }

  /**
   * How many subscriptions an event matches on average over {@link #eventTypes}, by core's glob
   * matcher and CEL filters; {@code events} gives the event sent for a type.
   */
  public double averageMatches(Function<String, UniversalEvent> events) {
    List<String> types = eventTypes();
    long matches = 0;
    for (String type : types) {
      matches += matching(events.apply(type)).size();
    }
    return (double) matches / types.size();
  }

  /** The indexes in {@link #subscriptions} of the subscriptions {@code event} matches. */
  public List<Integer> matching(UniversalEvent event) {
    Map<String, Object> variables = FilterVariables.of(event);
    List<Integer> matching = new ArrayList<>();
    for (int i = 0; i < subscriptions.size(); i++) {
      if (subscriptions.get(i).matches(event, variables)) {
        matching.add(i);
      }
    }
    return matching;
  }
}
