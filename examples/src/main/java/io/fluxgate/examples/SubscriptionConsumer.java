package io.fluxgate.examples;

import io.fluxgate.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a Fluxgate subscription with a plain Kafka consumer and prints one line per event. It needs
 * only {@code kafka-clients} and an Avro deserializer pointed at the gateway's schema registry:
 * Fluxgate's {@link AvroDeserializer}, or Confluent's {@code KafkaAvroDeserializer}.
 *
 * <pre>
 * java -jar examples/target/subscription-consumer.jar --bootstrap-servers 127.0.0.1:9092 \
 *   --registry-url http://127.0.0.1:8080 --subscription 5b0c… --group my-reader --from-beginning
 * </pre>
 *
 * Offsets are committed after the events were printed, so delivery is at-least-once.
 */
public final class SubscriptionConsumer {
  static final String TOPIC_PREFIX = "fluxgate.sub.";
  static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);
  private static final String USAGE =
      "usage: subscription-consumer --bootstrap-servers HOST:PORT --registry-url URL"
          + " --subscription ID --group GROUP [--from-beginning]";

  private SubscriptionConsumer() {}

  /** The topic the fan-out writes a subscription's events to. */
  public static String topic(String subscriptionId) {
    return TOPIC_PREFIX + subscriptionId;
  }

  /** A consumer of envelopes: String keys, GenericRecord values, manual commits. */
  public static Properties consumerConfig(
      String bootstrapServers, String registryUrl, String group, boolean fromBeginning) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    // io.confluent.kafka.serializers.KafkaAvroDeserializer works the same, with the same key.
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
    props.put("schema.registry.url", registryUrl);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Only what the fan-out committed, also when it runs with exactly_once_v2.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return props;
  }

  /**
   * Hands each record of {@code topic} to {@code sink} and commits it afterwards, until {@code max}
   * records were handled, {@code timeout} passed or another thread called {@code
   * consumer.wakeup()}. Returns how many records were handled; the caller closes the consumer.
   */
  public static long run(
      Consumer<String, GenericRecord> consumer,
      String topic,
      java.util.function.Consumer<ConsumerRecord<String, GenericRecord>> sink,
      long max,
      Duration timeout) {
    consumer.subscribe(List.of(topic));
    long handled = 0;
    long start = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    try {
      while (handled < max && System.nanoTime() - start < timeout.toNanos()) {
        for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(500))) {
          sink.accept(record);
          done.put(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1));
          if (++handled == max) {
            break;
          }
        }
        if (!done.isEmpty()) {
          consumer.commitSync(done);
          done.clear();
        }
      }
    } catch (WakeupException e) {
      // Shutting down: a wakeup interrupts poll or commitSync; commit what was handled, once.
      if (!done.isEmpty()) {
        consumer.commitSync(done);
      }
    }
    return handled;
  }

  /** One line: type, id, key, where it was read, and {@code data} as JSON. */
  public static String describe(ConsumerRecord<String, GenericRecord> record) {
    GenericRecord event = record.value();
    return String.format(
        "%s id=%s key=%s partition=%d offset=%d data=%s",
        event.get("event_type"),
        event.get("id"),
        record.key(),
        record.partition(),
        record.offset(),
        json(event.get("data")));
  }

  /**
   * The generic encoding ({@code JsonValue}) back as the JSON text that was published; a typed
   * {@code data} record (an event type with a registered schema) in Avro's JSON-like form.
   */
  static String json(Object value) {
    if (value instanceof GenericRecord record) {
      switch (record.getSchema().getFullName()) {
        case "io.fluxgate.schemas.avro.JsonValue":
          return json(record.get("value"));
        case "io.fluxgate.schemas.avro.JsonNumber":
          return record.get("text").toString();
        case "io.fluxgate.schemas.avro.JsonObject":
          StringJoiner members = new StringJoiner(",", "{", "}");
          for (Object field : (List<?>) record.get("fields")) {
            GenericRecord member = (GenericRecord) field;
            members.add(json(member.get("name")) + ":" + json(member.get("value")));
          }
          return members.toString();
        default:
          return GenericData.get().toString(record);
      }
    }
    if (value instanceof List<?> items) {
      StringJoiner array = new StringJoiner(",", "[", "]");
      items.forEach(item -> array.add(json(item)));
      return array.toString();
    }
    return GenericData.get().toString(value); // null, boolean, long, or a quoted string
  }

  /** The command line; {@link #parse} refuses a missing flag and the HTTP delivery group. */
  record Options(
      String bootstrapServers,
      String registryUrl,
      String subscription,
      String group,
      boolean fromBeginning) {
    static Options parse(String... args) {
      Map<String, String> flags = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--from-beginning")) {
          flags.put(args[i], "true");
        } else if (args[i].startsWith("--") && i + 1 < args.length) {
          flags.put(args[i], args[++i]);
        } else {
          throw new IllegalArgumentException("unexpected argument " + args[i]);
        }
      }
      for (String flag :
          List.of("--bootstrap-servers", "--registry-url", "--subscription", "--group")) {
        if (!flags.containsKey(flag)) {
          throw new IllegalArgumentException("missing " + flag);
        }
      }
      Options options =
          new Options(
              flags.get("--bootstrap-servers"),
              flags.get("--registry-url"),
              flags.get("--subscription"),
              flags.get("--group"),
              flags.containsKey("--from-beginning"));
      if (options.group().equals(topic(options.subscription()))) {
        throw new IllegalArgumentException(
            "--group must be your own consumer group: in the subscription's HTTP delivery group"
                + " this consumer would take part of its events away from HTTP receivers");
      }
      return options;
    }
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    KafkaConsumer<String, GenericRecord> consumer =
        new KafkaConsumer<>(
            consumerConfig(
                options.bootstrapServers(),
                options.registryUrl(),
                options.group(),
                options.fromBeginning()));
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  consumer.wakeup();
                  try {
                    main.join(); // let the loop commit and close before the JVM exits
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    try (consumer) {
      run(
          consumer,
          topic(options.subscription()),
          record -> System.out.println(describe(record)),
          Long.MAX_VALUE,
          FOREVER);
    }
  }
}
