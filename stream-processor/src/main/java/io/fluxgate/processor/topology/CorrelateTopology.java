package io.fluxgate.processor.topology;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.topology.CorrelateSpec;
import io.fluxgate.core.topology.JoinType;
import io.fluxgate.processor.topology.CorrelationResultProcessor.Pair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.StreamJoined;

/**
 * {@code kind: correlate} as a Kafka Streams topology:
 *
 * <pre>
 * event topics → select left or right (type glob), key by correlation id, stamp with event time
 *   → repartition by correlation id → left ⋈ right where right lies within [left, left + within]
 *     (left join for inner and left, outer join for outer; grace for late events)
 *   → joined pairs, timeouts and unmatched sides as result events → the output types' topics
 * </pre>
 *
 * <p>Kafka Streams emits a left side without a right side only once its window and grace have
 * passed, which is what makes it a timeout.
 */
public final class CorrelateTopology {
  private CorrelateTopology() {}

  public static Topology buildTopology(
      CorrelateSpec spec,
      List<String> eventTopics,
      EventCodec codec,
      TopologyOutput output,
      TopologyCounters counters) {
    StreamsBuilder builder = new StreamsBuilder();
    EventSelector left = new EventSelector(spec.left(), null, codec);
    EventSelector right = new EventSelector(spec.right(), null, codec);
    KStream<String, byte[]> sides =
        builder.stream(eventTopics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
            .process(() -> new CorrelateInputProcessor(left, right, counters), Named.as("select"))
            .repartition(
                Repartitioned.<String, byte[]>as("by-correlation")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(Serdes.ByteArray()));
    Map<String, KStream<String, byte[]>> branches =
        sides
            .split(Named.as("side-"))
            .branch((id, v) -> v[0] == CorrelateInputProcessor.LEFT, Branched.as("left"))
            .defaultBranch(Branched.as("right"));
    KStream<String, byte[]> lefts = branches.get("side-left");
    KStream<String, byte[]> rights = branches.get("side-right");
    JoinWindows window =
        JoinWindows.ofTimeDifferenceAndGrace(spec.within(), spec.grace()).before(Duration.ZERO);
    StreamJoined<String, byte[], byte[]> joined =
        StreamJoined.<String, byte[], byte[]>with(
                Serdes.String(), Serdes.ByteArray(), Serdes.ByteArray())
            .withName("correlate")
            .withStoreName("correlate");
    KStream<String, Pair> pairs =
        spec.join() == JoinType.OUTER
            ? lefts.outerJoin(rights, Pair::new, window, joined)
            : lefts.leftJoin(rights, Pair::new, window, joined);
    KStream<String, byte[]> results =
        pairs.process(
            () -> new CorrelationResultProcessor(spec, codec, output, counters),
            Named.as("publish"));
    String outputTopic = output.topicFor(spec.outputEventType());
    String timeoutTopic = output.topicFor(spec.timeoutEventType());
    if (outputTopic.equals(timeoutTopic)) {
      results.to(outputTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
    } else {
      results.to(
          (key, value, context) ->
              EventSelector.eventType(context.headers()).equals(spec.timeoutEventType())
                  ? timeoutTopic
                  : outputTopic,
          Produced.with(Serdes.String(), Serdes.ByteArray()));
    }
    return builder.build();
  }
}
