package io.fluxgate.schemas.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientConfigTest {

  @Test
  void shouldUseDocumentedDefaults() {
    SchemaRegistryClientConfig config =
        new SchemaRegistryClientConfig(Map.of("schema.registry.url", "http://registry:8081"));

    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.latestCacheTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.basicAuthUserInfo()).isEmpty();
  }

  @Test
  void shouldSplitCommaSeparatedUrlsAndDropUserInfoAndTrailingSlashes() {
    SchemaRegistryClientConfig config =
        new SchemaRegistryClientConfig(
            Map.of(
                "schema.registry.url",
                "http://a:8081/, https://fred:secret@b/registry/ ,http://c:8081"));

    assertThat(config.urls())
        .containsExactly(
            URI.create("http://a:8081"),
            URI.create("https://b/registry"),
            URI.create("http://c:8081"));
    assertThat(config.basicAuthUserInfo()).contains("fred:secret");
  }

  @Test
  void shouldRequireAUrl() {
    SchemaRegistryClientConfig config = new SchemaRegistryClientConfig(Map.of());

    assertThatThrownBy(config::urls)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void shouldRefuseAUrlThatIsNotHttp() {
    SchemaRegistryClientConfig config =
        new SchemaRegistryClientConfig(Map.of("schema.registry.url", "registry:8081"));

    assertThatThrownBy(config::urls)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("registry:8081");
  }

  @Test
  void shouldTakeUserInfoFromItsKeyWhenTheSourceSaysSo() {
    SchemaRegistryClientConfig config =
        new SchemaRegistryClientConfig(
            Map.of(
                "schema.registry.url", "http://x:y@registry:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "fred:secret"));

    assertThat(config.basicAuthUserInfo()).contains("fred:secret");
  }

  @Test
  void shouldTakeUserInfoFromTheUrlWhenTheSourceSaysSo() {
    SchemaRegistryClientConfig config =
        new SchemaRegistryClientConfig(
            Map.of(
                "schema.registry.url", "http://x:y@registry:8081",
                "basic.auth.credentials.source", "URL",
                "basic.auth.user.info", "fred:secret"));

    assertThat(config.basicAuthUserInfo()).contains("x:y");
  }

  @Test
  void shouldRequireUserInfoWhenTheSourceIsUserInfo() {
    SchemaRegistryClientConfig config =
        new SchemaRegistryClientConfig(
            Map.of(
                "schema.registry.url", "http://registry:8081",
                "basic.auth.credentials.source", "USER_INFO"));

    assertThatThrownBy(config::basicAuthUserInfo)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic.auth.user.info");
  }

  @Test
  void shouldRefuseAnUnknownCredentialsSource() {
    assertThatThrownBy(
            () ->
                new SchemaRegistryClientConfig(
                    Map.of("basic.auth.credentials.source", "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic.auth.credentials.source");
  }

  @Test
  void shouldBuildACachingClient() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(Map.of("schema.registry.url", "http://registry:8081"));

    assertThat(client).isInstanceOf(CachingSchemaRegistryClient.class);
  }
}
