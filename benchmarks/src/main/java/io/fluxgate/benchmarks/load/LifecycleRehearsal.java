package io.fluxgate.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Halfway through the warm-up of a run with an end-to-end subscriber, subscribes to an event type
 * nobody publishes, reads it for a moment and deletes the subscription: what the runs do at their
 * boundaries, done once while the warm-up can absorb its cost.
 *
 * <p>Why: the first subscription deleted in a JVM's life sends branches the JIT has never seen
 * through code it compiled without them (a {@code DELETE} request through Jetty's parser, a
 * tombstone with a null value through the producer, the broker's log and every consumer of the
 * subscriptions topic). Each of those compiled methods traps and is thrown away, the hot publish
 * and fetch paths run interpreted until they are compiled again, and on two cores that took the
 * first twenty seconds after run 1's subscription was deleted: the second run's p99 was the worst
 * of every series. Rehearsed in the warm-up, every run starts from the same compiled code.
 */
final class LifecycleRehearsal {
  private final Thread thread;
  private volatile Exception failure;

  private LifecycleRehearsal(
      URI gateway, LoadSettings.SubscriberMode mode, long atNanos, Duration hold) {
    String eventType =
        "loadgen.rehearsal" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    thread =
        new Thread(
            () -> {
              try {
                TimeUnit.NANOSECONDS.sleep(atNanos - System.nanoTime());
                SubscriberProbe probe = SubscriberProbe.start(gateway, eventType, mode);
                TimeUnit.NANOSECONDS.sleep(hold.toNanos());
                probe.finish(0, Duration.ZERO);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                failure = e;
              }
            },
            "loadgen-rehearsal");
    thread.setDaemon(true);
  }

  /**
   * Starts the rehearsal for a phase that began at {@code startNanos}: it subscribes halfway
   * through {@code warmup} and deletes the subscription after a quarter of it, at most two seconds
   * later. Null when there is nothing to rehearse (no subscriber or no warm-up).
   */
  static LifecycleRehearsal startFor(LoadSettings settings, long startNanos) {
    if (!rehearses(settings)) {
      return null;
    }
    Duration warmup = settings.warmup();
    Duration hold = warmup.dividedBy(4);
    if (hold.compareTo(Duration.ofSeconds(2)) > 0) {
      hold = Duration.ofSeconds(2);
    }
    LifecycleRehearsal rehearsal =
        new LifecycleRehearsal(
            settings.gateway(),
            settings.subscriber(),
            startNanos + warmup.dividedBy(2).toNanos(),
            hold);
    rehearsal.thread.start();
    return rehearsal;
  }

  /** Whether a phase with these settings rehearses: it has a subscriber and a warm-up. */
  static boolean rehearses(LoadSettings settings) {
    return settings.subscriber() != LoadSettings.SubscriberMode.NONE && !settings.warmup().isZero();
  }

  /** Waits for the rehearsal to end; a subscription it could not create or delete fails the run. */
  void await() throws Exception {
    thread.join();
    if (failure != null) {
      throw new PublishFailedException("the warm-up's subscription rehearsal failed: " + failure);
    }
  }
}
