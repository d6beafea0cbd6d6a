package io.fluxgate.core.topic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ordered rules mapping event types to Kafka topics; the first matching rule wins and the last rule
 * is always {@code ** → events}, so every valid event type has a topic.
 *
 * <pre>{@code
 * TopicCatalog catalog = TopicCatalog.of(List.of(TopicRule.of("payment.**", "payments")));
 * catalog.resolve("payment.processed").topic(); // "payments"
 * catalog.resolve("agent.started").topic();     // "events"
 * }</pre>
 *
 * <p>Immutable and thread-safe. Resolutions are memoised: event types are few, publishes are many.
 */
public final class TopicCatalog {

  public static final String DEFAULT_TOPIC = "events";
  public static final String DEFAULT_PATTERN = "**";
  private static final int MAX_MEMO = 10_000;

  private final List<TopicRule> rules;
  private final ConcurrentHashMap<String, TopicRule> memo = new ConcurrentHashMap<>();

  private TopicCatalog(List<TopicRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** A catalog of the given rules followed by the default rule {@code ** → events}. */
  public static TopicCatalog of(List<TopicRule> rules) {
    Objects.requireNonNull(rules, "rules");
    List<TopicRule> all = new ArrayList<>(rules);
    boolean hasCatchAll =
        rules.stream().anyMatch(r -> r.pattern().pattern().equals(DEFAULT_PATTERN));
    if (!hasCatchAll) {
      all.add(TopicRule.of(DEFAULT_PATTERN, DEFAULT_TOPIC));
    }
    return new TopicCatalog(all);
  }

  public static TopicCatalog defaultCatalog() {
    return of(List.of());
  }

  /** The rule for a valid event type. */
  public TopicRule resolve(String eventType) {
    TopicRule cached = memo.get(eventType);
    if (cached != null) {
      return cached;
    }
    TopicRule rule = firstMatch(eventType);
    if (memo.size() >= MAX_MEMO) {
      memo.clear();
    }
    memo.put(eventType, rule);
    return rule;
  }

  private TopicRule firstMatch(String eventType) {
    for (TopicRule rule : rules) {
      if (rule.pattern().matches(eventType)) {
        return rule;
      }
    }
    throw new IllegalStateException("no topic rule matches '" + eventType + "'");
  }

  public List<TopicRule> rules() {
    return rules;
  }

  /** Every distinct topic that events can be written to, in rule order. */
  public Set<String> topics() {
    Set<String> topics = new LinkedHashSet<>();
    rules.forEach(r -> topics.add(r.topic()));
    return topics;
  }

  /** The first rule that names {@code topic}, which decides how the topic is created. */
  public TopicRule ruleForTopic(String topic) {
    return rules.stream()
        .filter(r -> r.topic().equals(topic))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown topic " + topic));
  }
}
