package io.fluxgate.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Drives one target with {@code connections} threads for the warm-up and then the measured window.
 * Only requests whose intended send time falls in the measured window count. Flat out, each thread
 * sends its next request as soon as the last is acknowledged; at a rate, each follows its {@link
 * RatePacer} and is charged from the intended time.
 */
public final class LoadPhase {

  /** Told of each measured request just before it is sent, for the end-to-end probe. */
  public interface SendListener {
    void sending(List<String> ids, long intendedNanos);
  }

  private static final SendListener NO_LISTENER = (ids, intendedNanos) -> {};

  private LoadPhase() {}

  public static PhaseResult run(
      String name, PublishTarget target, LoadSettings settings, EventFactory events)
      throws InterruptedException {
    return run(name, target, settings, events, NO_LISTENER);
  }

  public static PhaseResult run(
      String name,
      PublishTarget target,
      LoadSettings settings,
      EventFactory events,
      SendListener listener)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + settings.warmup().toNanos();
    long end = measureFrom + settings.duration().toNanos();
    Histogram latency = LatencySummary.newHistogram();
    LongAdder requests = new LongAdder();
    LongAdder sent = new LongAdder();
    LongAdder errors = new LongAdder();
    LongAccumulator lastDone = new LongAccumulator(Long::max, end);
    List<Thread> workers = new ArrayList<>();
    for (int c = 0; c < settings.connections(); c++) {
      int connection = c;
      RatePacer pacer =
          RatePacer.of(start, settings.rate(), settings.connections(), settings.batch(), c);
      Runnable work =
          () -> {
            try {
              while (true) {
                long intended = pacer.paced() ? pacer.nextIntendedNanos() : System.nanoTime();
                if (intended >= end) {
                  return;
                }
                RatePacer.awaitNanos(intended);
                List<String> ids = new ArrayList<>(settings.batch());
                List<String> batch = new ArrayList<>(settings.batch());
                for (int i = 0; i < settings.batch(); i++) {
                  String id = EventFactory.newId();
                  ids.add(id);
                  batch.add(events.event(id));
                }
                boolean measured = intended >= measureFrom;
                if (measured) {
                  listener.sending(ids, intended);
                }
                try {
                  target.send(connection, ids, batch);
                  if (measured) {
                    long done = System.nanoTime();
                    lastDone.accumulate(done);
                    latency.recordValue(
                        Math.max(1, TimeUnit.NANOSECONDS.toMicros(done - intended)));
                    requests.increment();
                    sent.add(batch.size());
                  }
                } catch (InterruptedException e) {
                  throw e;
                } catch (Exception e) {
                  if (measured) {
                    errors.increment();
                  }
                }
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      Thread worker = new Thread(work, name + "-" + c);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    long joinDeadline = end + TimeUnit.SECONDS.toNanos(60);
    for (Thread worker : workers) {
      long left = joinDeadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(worker, left);
      }
      worker.interrupt();
    }
    // A target slower than the schedule answers past the window: its throughput is over the
    // time it took to answer what was due in the window, not over the window.
    double seconds = (lastDone.get() - measureFrom) / 1e9;
    return new PhaseResult(
        name, requests.sum(), sent.sum(), errors.sum(), seconds, LatencySummary.of(latency));
  }
}
