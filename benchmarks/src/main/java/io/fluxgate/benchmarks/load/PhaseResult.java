package io.fluxgate.benchmarks.load;

/**
 * What one target did in the measured window: acknowledged requests and events, failed requests,
 * and the latency of acknowledged requests from their intended send time.
 */
public record PhaseResult(
    String name, long requests, long events, long errors, double seconds, LatencySummary latency) {

  public double eventsPerSecond() {
    return seconds > 0 ? events / seconds : 0;
  }

  public double requestsPerSecond() {
    return seconds > 0 ? requests / seconds : 0;
  }
}
