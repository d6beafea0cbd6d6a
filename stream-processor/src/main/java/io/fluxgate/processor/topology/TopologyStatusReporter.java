package io.fluxgate.processor.topology;

import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topology.TopologyStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what this instance knows of each topology it runs to {@link
 * PlatformTopics#TOPOLOGY_STATUS} every {@link #INTERVAL}, keyed {@code <name>/<instance id>}, and
 * a tombstone when it stops running one; the gateway merges the reports of all instances.
 */
final class TopologyStatusReporter {
  private static final Logger LOG = LoggerFactory.getLogger(TopologyStatusReporter.class);
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final Producer<String, byte[]> producer;
  private final TopologyAdmin admin;
  private final Set<String> eventTopics;
  private final String instanceId;
  private final Clock clock;
  private final Map<String, long[]> previous = new HashMap<>(); // name → {processed, millis}
  private ScheduledExecutorService scheduler;

  TopologyStatusReporter(
      Map<String, Object> clientConfig,
      TopologyAdmin admin,
      Set<String> eventTopics,
      String instanceId,
      Clock clock) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put("client.id", "fluxgate-topology-status-" + instanceId);
    config.put("acks", "all");
    config.put("max.block.ms", "5000");
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    this.admin = admin;
    this.eventTopics = Set.copyOf(eventTopics);
    this.instanceId = instanceId;
    this.clock = clock;
  }

  void start(Supplier<Collection<TopologyRunner>> runners) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fluxgate-topology-status"));
    scheduler.scheduleWithFixedDelay(
        () -> reportAll(runners.get()), 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void reportAll(Collection<TopologyRunner> runners) {
    for (TopologyRunner runner : runners) {
      try {
        producer.send(
            new ProducerRecord<>(
                PlatformTopics.TOPOLOGY_STATUS,
                TopologyStatus.key(runner.name(), instanceId),
                status(runner).toBytes()));
      } catch (RuntimeException e) {
        LOG.warn("Could not report the status of topology {}: {}", runner.name(), e.toString());
      }
    }
  }

  TopologyStatus status(TopologyRunner runner) {
    long now = clock.millis();
    long processed = runner.counters().selectedCount();
    long[] last = previous.put(runner.name(), new long[] {processed, now});
    double rate =
        last == null || now <= last[1] ? 0 : (processed - last[0]) * 1000.0 / (now - last[1]);
    long lag;
    try {
      lag = admin.lag(PlatformTopics.topologyApplicationId(runner.name()), eventTopics);
    } catch (RuntimeException e) {
      lag = -1;
    }
    return new TopologyStatus(
        runner.state(),
        lag,
        processed,
        Math.round(rate * 100) / 100.0,
        runner.counters().publishedCount(),
        runner.lateDropped(),
        runner.counters().undecodableCount(),
        runner.lastError(),
        clock.instant(),
        runner.deployed().generation());
  }

  /** Writes the tombstone of this instance's report on {@code name}. */
  synchronized void forget(String name) {
    previous.remove(name);
    try {
      producer.send(
          new ProducerRecord<>(
              PlatformTopics.TOPOLOGY_STATUS, TopologyStatus.key(name, instanceId), null));
    } catch (RuntimeException e) {
      LOG.warn("Could not remove the status of topology {}: {}", name, e.toString());
    }
  }

  void stop() throws InterruptedException {
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
