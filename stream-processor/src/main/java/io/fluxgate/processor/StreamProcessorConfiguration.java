package io.fluxgate.processor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.fluxgate.core.kafka.KafkaConnectionFactory;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicRuleConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** Configuration of the stream processor service ({@code stream-processor server config.yml}). */
public class StreamProcessorConfiguration extends Configuration {

  @Valid @NotNull private KafkaConnectionFactory kafka = new KafkaConnectionFactory();

  @NotNull private List<TopicRuleConfig> topics = new ArrayList<>();

  @Valid @NotNull private FanOutFactory fanOut = new FanOutFactory();

  @Valid @NotNull private TopologiesFactory topologies = new TopologiesFactory();
  @Valid @NotNull private TimelinesFactory timelines = new TimelinesFactory();

  /** {@code host:port} other instances reach this one's HTTP port at; default: its connector's. */
  private String advertisedServer;

  @JsonProperty
  public KafkaConnectionFactory getKafka() {
    return kafka;
  }

  @JsonProperty
  public void setKafka(KafkaConnectionFactory kafka) {
    this.kafka = kafka;
  }

  @JsonProperty
  public List<TopicRuleConfig> getTopics() {
    return topics;
  }

  @JsonProperty
  public void setTopics(List<TopicRuleConfig> topics) {
    this.topics = topics;
  }

  @JsonProperty
  public FanOutFactory getFanOut() {
    return fanOut;
  }

  @JsonProperty
  public void setFanOut(FanOutFactory fanOut) {
    this.fanOut = fanOut;
  }

  @JsonProperty
  public TopologiesFactory getTopologies() {
    return topologies;
  }

  @JsonProperty
  public void setTopologies(TopologiesFactory topologies) {
    this.topologies = topologies;
  }

  @JsonProperty
  public TimelinesFactory getTimelines() {
    return timelines;
  }

  @JsonProperty
  public void setTimelines(TimelinesFactory timelines) {
    this.timelines = timelines;
  }

  @JsonProperty
  public String getAdvertisedServer() {
    return advertisedServer;
  }

  @JsonProperty
  public void setAdvertisedServer(String advertisedServer) {
    this.advertisedServer = advertisedServer;
  }

  public TopicCatalog buildTopicCatalog() {
    return TopicCatalog.of(topics.stream().map(TopicRuleConfig::toRule).toList());
  }
}
