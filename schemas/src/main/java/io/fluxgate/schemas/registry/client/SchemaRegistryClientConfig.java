package io.fluxgate.schemas.registry.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the registry client, under Confluent's names so that a producer or consumer
 * configuration written for Confluent's serializers configures this client unchanged.
 */
public class SchemaRegistryClientConfig extends AbstractConfig {
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final int HTTP_CONNECT_TIMEOUT_MS_DEFAULT = 10_000;
  public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final int HTTP_READ_TIMEOUT_MS_DEFAULT = 30_000;
  public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
  public static final long LATEST_CACHE_TTL_SEC_DEFAULT = 60;
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  private static final String SOURCE_URL = "URL";
  private static final String SOURCE_USER_INFO = "USER_INFO";

  public SchemaRegistryClientConfig(Map<String, ?> configs) {
    this(configDef(), configs);
  }

  protected SchemaRegistryClientConfig(ConfigDef definition, Map<String, ?> configs) {
    super(definition, configs, false);
  }

  /** A fresh definition of the client's keys, for configurations that extend it. */
  public static ConfigDef configDef() {
    return new ConfigDef()
        .define(
            SCHEMA_REGISTRY_URL,
            Type.LIST,
            List.of(),
            Importance.HIGH,
            "Comma-separated base URLs of the schema registry, e.g. http://gateway:8080. The client"
                + " fails over to the next URL when one cannot be reached.")
        .define(
            HTTP_CONNECT_TIMEOUT_MS,
            Type.INT,
            HTTP_CONNECT_TIMEOUT_MS_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "How long to wait for a connection to a registry URL before trying the next one.")
        .define(
            HTTP_READ_TIMEOUT_MS,
            Type.INT,
            HTTP_READ_TIMEOUT_MS_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "How long to wait for the registry's whole answer to one request.")
        .define(
            LATEST_CACHE_TTL_SEC,
            Type.LONG,
            LATEST_CACHE_TTL_SEC_DEFAULT,
            ConfigDef.Range.atLeast(-1),
            Importance.LOW,
            "How long the latest version of a subject is cached, in seconds: a version registered"
                + " later is seen within this time. -1 caches it for the life of the client, 0"
                + " asks the registry every time. Ids and numbered versions never change and are"
                + " always cached.")
        .define(
            BASIC_AUTH_CREDENTIALS_SOURCE,
            Type.STRING,
            SOURCE_URL,
            ConfigDef.ValidString.in(SOURCE_URL, SOURCE_USER_INFO),
            Importance.MEDIUM,
            "Where HTTP basic credentials come from: URL (the user info of each registry URL,"
                + " http://user:secret@host) or USER_INFO (basic.auth.user.info). When unset and"
                + " basic.auth.user.info is given, USER_INFO.")
        .define(
            BASIC_AUTH_USER_INFO,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "HTTP basic credentials as user:secret, used with basic.auth.credentials.source ="
                + " USER_INFO.");
  }

  /**
   * The registry's base URLs, without user info and trailing slash.
   *
   * @throws ConfigException when none is given or one is not an http(s) URL
   */
  public List<URI> urls() {
    List<String> urls = getList(SCHEMA_REGISTRY_URL);
    if (urls.isEmpty()) {
      throw new ConfigException(
          SCHEMA_REGISTRY_URL, "", "the schema registry's URL is required, e.g. http://host:8081");
    }
    return urls.stream().map(SchemaRegistryClientConfig::baseUrl).toList();
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS));
  }

  public Duration readTimeout() {
    return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS));
  }

  /** How long the latest version stays cached; negative means forever. */
  public Duration latestCacheTtl() {
    return Duration.ofSeconds(getLong(LATEST_CACHE_TTL_SEC));
  }

  /** The {@code user:secret} of HTTP basic authentication, if any. */
  public Optional<String> basicAuthUserInfo() {
    Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
    boolean sourceGiven = originals().containsKey(BASIC_AUTH_CREDENTIALS_SOURCE);
    String source = getString(BASIC_AUTH_CREDENTIALS_SOURCE);
    if (SOURCE_USER_INFO.equals(source) || (!sourceGiven && userInfo != null)) {
      if (userInfo == null) {
        throw new ConfigException(
            BASIC_AUTH_USER_INFO, null, "required when basic.auth.credentials.source=USER_INFO");
      }
      return Optional.of(userInfo.value());
    }
    return getList(SCHEMA_REGISTRY_URL).stream()
        .map(url -> parse(url).getUserInfo())
        .filter(info -> info != null && !info.isEmpty())
        .findFirst();
  }

  /** The HTTP client these settings describe, with caches in front of it. */
  public SchemaRegistryClient buildClient() {
    return new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(this), latestCacheTtl());
  }

  private static URI baseUrl(String url) {
    URI uri = parse(url);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    int port = uri.getPort();
    return URI.create(
        uri.getScheme() + "://" + uri.getHost() + (port < 0 ? "" : ":" + port) + path);
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        throw new URISyntaxException(url, "expected http://host[:port] or https://host[:port]");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
    }
  }
}
