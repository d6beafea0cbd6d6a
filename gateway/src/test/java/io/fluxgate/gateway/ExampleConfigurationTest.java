package io.fluxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;

/** The shipped {@code gateway/config.yml} parses, validates and means what its comments say. */
class ExampleConfigurationTest {

  @Test
  void shouldLoadTheShippedConfigurationWithItsDefaults() throws Exception {
    GatewayConfiguration config =
        new YamlConfigurationFactory<>(
                GatewayConfiguration.class,
                Validators.newValidator(),
                Jackson.newObjectMapper(),
                "dw")
            .build(
                new SubstitutingSourceProvider(
                    new FileConfigurationSourceProvider(),
                    new EnvironmentVariableSubstitutor(false)),
                "config.yml");

    assertThat(config.getKafka().getBootstrapServers())
        .isEqualTo(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
    assertThat(config.buildTopicCatalog().resolve("payment.processed").topic())
        .isEqualTo("payments");
    assertThat(config.buildTopicCatalog().resolve("agent.started").topic()).isEqualTo("events");
    assertThat(config.getReplay().getMaxConcurrentReplays()).isEqualTo(2);
    assertThat(config.getProcessorQueries().getProcessorUrl())
        .isEqualTo(System.getenv().getOrDefault("FLUXGATE_PROCESSOR_URL", "http://localhost:8090"));
    assertThat(config.getReplay().getStepRecords()).isEqualTo(500);
    assertThat(config.getSse().getHeartbeatInterval()).isEqualTo(Duration.seconds(15));
    assertThat(config.getSse().getCommitInterval()).isEqualTo(Duration.seconds(1));
    assertThat(config.getSse().getMaxStreams()).isEqualTo(100);
  }
}
