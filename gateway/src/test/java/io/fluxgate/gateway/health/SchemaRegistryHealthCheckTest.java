package io.fluxgate.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SchemaRequest;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import io.fluxgate.schemas.registry.store.RegistryLogException;
import org.junit.jupiter.api.Test;

class SchemaRegistryHealthCheckTest {
  private final InMemoryRegistryLog log = new InMemoryRegistryLog();
  private final SchemaRegistryService registry = new SchemaRegistryService(log);

  @Test
  void shouldBeHealthyWhileTheRegistryReadsItsLog() {
    registry.start();
    registry.register("a.b", SchemaRequest.avro("\"string\""));

    HealthCheck.Result result = new SchemaRegistryHealthCheck(registry).execute();

    assertThat(result.isHealthy()).isTrue();
    assertThat(result.getMessage()).isEqualTo("1 subject(s)");
  }

  @Test
  void shouldBeUnhealthyWhenTheLogCannotBeRead() {
    registry.start();
    log.failWith(new RegistryLogException("broker unreachable", true, null));

    HealthCheck.Result result = new SchemaRegistryHealthCheck(registry).execute();

    assertThat(result.isHealthy()).isFalse();
    assertThat(result.getMessage()).contains("cannot read its log");
  }
}
