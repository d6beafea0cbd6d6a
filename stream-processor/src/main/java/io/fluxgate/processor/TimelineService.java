package io.fluxgate.processor;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.processor.topology.TimelineTopology;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link TimelineTopology} as the Kafka Streams application {@value
 * TimelineTopology#APPLICATION_ID}. It starts once this instance's HTTP address is known ({@link
 * #start(HostInfo)}, when the server has started), since other instances find its timelines there.
 */
public final class TimelineService implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(TimelineService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Properties properties;
  private final Duration retention;
  private volatile KafkaStreams streams;
  private boolean stopped;

  public TimelineService(Properties properties, Duration retention) {
    this.properties = properties;
    this.retention = retention;
  }

  /** Starts the application, advertising {@code self} as its {@code application.server}. */
  public synchronized void start(HostInfo self) {
    if (streams != null || stopped) {
      return;
    }
    Properties props = new Properties();
    props.putAll(properties);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    KafkaStreams started = new KafkaStreams(TimelineTopology.buildTopology(retention), props);
    started.setUncaughtExceptionHandler(
        e -> {
          LOG.error("Timeline stream thread failed; replacing it", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    started.start();
    streams = started;
  }

  @Override
  public synchronized void stop() {
    stopped = true;
    if (streams != null) {
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(CLOSE_TIMEOUT));
    }
  }

  /** The running application, once started. */
  public Optional<KafkaStreams> streams() {
    return Optional.ofNullable(streams);
  }

  public KafkaStreams.State state() {
    KafkaStreams current = streams;
    return current == null ? KafkaStreams.State.CREATED : current.state();
  }
}
