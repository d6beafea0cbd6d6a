package io.fluxgate.core.topic;

/**
 * Names of the topics and record headers that make up Fluxgate's shared state on Kafka.
 *
 * <p>Platform state lives in compacted {@code _fluxgate.*} topics, so gateway and processor
 * instances are stateless apart from Kafka. Every subscription is itself a topic, {@code
 * fluxgate.sub.<id>}, that any Kafka client can read.
 */
public final class PlatformTopics {

  /** Compacted topic of subscription specs, keyed by subscription id; a tombstone deletes. */
  public static final String SUBSCRIPTIONS = "_fluxgate.subscriptions";

  /**
   * Compacted topic of the flow-control counts of subscriptions: one grow-only total per
   * subscription and writer ({@code io.fluxgate.core.flow.FlowCounterRecords}).
   */
  public static final String FLOW_COUNTERS = "_fluxgate.flow-counters";

  /**
   * Compacted topic of replay jobs, keyed by replay id: their range, progress and state, so that
   * every gateway instance answers the same about a replay.
   */
  public static final String REPLAYS = "_fluxgate.replays";

  /**
   * The lease log of manual-ack subscriptions: leases, acks and nacks keyed by subscription id,
   * with the broker's LogAppendTime as the clock of lease expiry; kept for an hour ({@code
   * delete}), the committed offsets keep what is older.
   */
  public static final String ACKS = "_fluxgate.acks";

  /**
   * Compacted topic of deployed topologies, keyed by topology name: the canonical spec, when it was
   * deployed, its generation and its start offsets ({@code
   * io.fluxgate.core.topology.DeployedTopology}); a tombstone undeploys.
   */
  public static final String TOPOLOGIES = "_fluxgate.topologies";

  /**
   * Compacted topic of what each stream processor instance reports about each topology it runs,
   * keyed {@code <name>/<instance id>} ({@code io.fluxgate.core.topology.TopologyStatus}), written
   * every second; a tombstone when the instance stops running it.
   */
  public static final String TOPOLOGY_STATUS = "_fluxgate.topology-status";

  /**
   * The feed of the correlation timelines: the fan-out, which reads every event anyway, writes here
   * each event that has a {@code source.correlation_id}, keyed by it (default partitioner, so a
   * correlation's events meet in one partition), stamped with the event's time, as the event's
   * JSON. The timelines application reads only this topic. Kept for a day ({@code delete}): the
   * timelines' store keeps what they show.
   */
  public static final String CORRELATED = "_fluxgate.correlated";

  /**
   * Header carrying an event's {@code source.correlation_id} as UTF-8, when it has one: the fan-out
   * feeds only such events to the {@link #CORRELATED} topic, and skips every other record without
   * decoding it. The gateway and the topologies' result events set it.
   */
  public static final String CORRELATION_ID_HEADER = "fluxgate.correlation_id";

  /** Prefix of the per-subscription output topics written by the fan-out. */
  public static final String SUBSCRIPTION_TOPIC_PREFIX = "fluxgate.sub.";

  /**
   * Header carrying the event type as UTF-8, so that routing reads one header instead of decoding
   * the whole Avro value.
   */
  public static final String EVENT_TYPE_HEADER = "fluxgate.event_type";

  /**
   * Header carrying the instant (epoch milliseconds, 8 bytes big-endian) after which the event must
   * no longer be delivered; absent when the event has no TTL.
   */
  public static final String EXPIRES_AT_HEADER = "fluxgate.expires_at";

  /** Header naming the subscription a fanned-out record was routed to. */
  public static final String SUBSCRIPTION_HEADER = "fluxgate.subscription";

  /**
   * Header carrying, as UTF-8, the id of the replay that copied a record into a subscription topic;
   * absent on records routed live by the fan-out.
   */
  public static final String REPLAY_HEADER = "fluxgate.replay";

  private PlatformTopics() {}

  public static String subscriptionTopic(String subscriptionId) {
    return SUBSCRIPTION_TOPIC_PREFIX + subscriptionId;
  }

  /**
   * The Kafka Streams {@code application.id} of a deployed topology: its consumer group, and the
   * prefix ({@code <application id>-}) of its internal topics.
   */
  public static String topologyApplicationId(String topologyName) {
    return "fluxgate-topology-" + topologyName;
  }

  public static String subscriptionConsumerGroup(String subscriptionId) {
    return "fluxgate.sub." + subscriptionId;
  }
}
