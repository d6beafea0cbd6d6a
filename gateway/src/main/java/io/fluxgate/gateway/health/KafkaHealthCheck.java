package io.fluxgate.gateway.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Healthy when the Kafka cluster answers a describe-cluster call within 5 s. */
public final class KafkaHealthCheck extends HealthCheck {
  private final Admin admin;

  public KafkaHealthCheck(Admin admin) {
    this.admin = admin;
  }

  @Override
  protected Result check() throws Exception {
    var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000));
    int brokers = cluster.nodes().get(5, TimeUnit.SECONDS).size();
    return brokers > 0
        ? Result.healthy("%d broker(s)".formatted(brokers))
        : Result.unhealthy("no brokers");
  }
}
