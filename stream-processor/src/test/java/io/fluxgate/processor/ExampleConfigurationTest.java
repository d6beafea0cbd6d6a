package io.fluxgate.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

/** The shipped {@code stream-processor/config.yml} parses and validates. */
class ExampleConfigurationTest {

  @Test
  void shouldLoadTheShippedConfiguration() throws Exception {
    StreamProcessorConfiguration config =
        new YamlConfigurationFactory<>(
                StreamProcessorConfiguration.class,
                Validators.newValidator(),
                Jackson.newObjectMapper(),
                "dw")
            .build(
                new SubstitutingSourceProvider(
                    new FileConfigurationSourceProvider(),
                    new EnvironmentVariableSubstitutor(false)),
                "config.yml");

    assertThat(config.getFanOut().getProcessingGuarantee()).isEqualTo("at_least_once");
    assertThat(config.getFanOut().getStreams()).containsEntry("num.stream.threads", "1");
    assertThat(config.buildTopicCatalog().topics()).containsExactly("payments", "events");
    assertThat(config.getTopologies().getProcessingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(config.getTopologies().getStreams()).containsEntry("num.stream.threads", "1");
    assertThat(config.getTopologies().getStateDir()).as("under the fan-out's").isNull();
    assertThat(config.getTimelines().isEnabled()).isTrue();
    assertThat(config.getTimelines().getRetention().toHours()).isEqualTo(24);
  }
}
