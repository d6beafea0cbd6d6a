package io.fluxgate.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class KafkaBrokerLoggingTest {

  @Test
  void logbackIsTheOnlyBackendAndLog4jApiIsRoutedToSlf4j() {
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
    // log4j-to-slf4j, not log4j-core, implements the Log4j2 API used by the broker.
    assertThat(LogManager.getContext(false).getClass().getName())
        .isEqualTo("org.apache.logging.slf4j.SLF4JLoggerContext");
  }

  @Test
  void quietSetsTheNoisyLoggersToWarn() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    KafkaBrokerLogging.NOISY_LOGGERS.forEach(name -> context.getLogger(name).setLevel(Level.INFO));

    assertThat(KafkaBrokerLogging.quiet()).isTrue();

    assertThat(KafkaBrokerLogging.NOISY_LOGGERS)
        .allSatisfy(name -> assertThat(context.getLogger(name).getLevel()).isEqualTo(Level.WARN));
    assertThat(context.getLogger("kafka.server.BrokerServer").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.apache.kafka.raft.KafkaRaftClient").getEffectiveLevel())
        .isEqualTo(Level.WARN);
  }
}
