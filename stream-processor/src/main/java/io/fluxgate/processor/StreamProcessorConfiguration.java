package io.fluxgate.processor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.fluxgate.core.kafka.KafkaConnectionFactory;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicRuleConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Configuration of the stream processor service ({@code stream-processor server config.yml}). */
public class StreamProcessorConfiguration extends Configuration {

  @Valid @NotNull private KafkaConnectionFactory kafka = new KafkaConnectionFactory();

  @NotNull private List<TopicRuleConfig> topics = new ArrayList<>();

  @NotEmpty private String stateDir = System.getProperty("java.io.tmpdir") + "/fluxgate-streams";

  @Pattern(regexp = "at_least_once|exactly_once_v2")
  private String processingGuarantee = "at_least_once";

  @NotNull private Map<String, String> streams = Map.of();

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
  public String getStateDir() {
    return stateDir;
  }

  @JsonProperty
  public void setStateDir(String stateDir) {
    this.stateDir = stateDir;
  }

  @JsonProperty
  public String getProcessingGuarantee() {
    return processingGuarantee;
  }

  @JsonProperty
  public void setProcessingGuarantee(String processingGuarantee) {
    this.processingGuarantee = processingGuarantee;
  }

  /** Pass-through Kafka Streams properties ({@code num.stream.threads}, ...). */
  @JsonProperty
  public Map<String, String> getStreams() {
    return streams;
  }

  @JsonProperty
  public void setStreams(Map<String, String> streams) {
    this.streams = streams;
  }

  public TopicCatalog buildTopicCatalog() {
    return TopicCatalog.of(topics.stream().map(TopicRuleConfig::toRule).toList());
  }
}
