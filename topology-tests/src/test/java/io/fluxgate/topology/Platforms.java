package io.fluxgate.topology;

import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;

/** Standalone platforms for the ITs. */
final class Platforms {

  private static final String SUBSCRIPTION_PARTITIONS = "dw.subscriptionPartitions";

  private Platforms() {}

  /**
   * A platform on an embedded broker whose subscription topics get {@code partitions} partitions
   * instead of the default one, for tests of positions across partitions (as Dropwizard's {@code
   * ConfigOverride} does: a {@code dw.} system property, read while the platform starts and removed
   * afterwards).
   */
  static FluxgatePlatform withSubscriptionPartitions(Path dataDir, int partitions)
      throws Exception {
    String before = System.getProperty(SUBSCRIPTION_PARTITIONS);
    System.setProperty(SUBSCRIPTION_PARTITIONS, Integer.toString(partitions));
    try {
      return FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    } finally {
      if (before == null) {
        System.clearProperty(SUBSCRIPTION_PARTITIONS);
      } else {
        System.setProperty(SUBSCRIPTION_PARTITIONS, before);
      }
    }
  }
}
