package io.fluxgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.filter.FilterOutcome;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * Runs every benchmark method once, in this JVM, without JMH: the state is built and set up (each
 * {@code @Param} at its first value), the method called, the state torn down. Benchmarks are found
 * in the list JMH's annotation processor writes, so a new benchmark class is covered without being
 * named here. Only that the code runs and answers is checked; no speed is.
 */
class BenchmarksSmokeTest {
  private static final String BLACKHOLE_CONSENT =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  @Test
  void shouldRunEveryBenchmarkMethodOnceAndGetAnAnswer() throws Exception {
    Map<String, List<String>> methodsByClass = benchmarkMethods();
    assertThat(methodsByClass)
        .containsKeys(
            GlobMatchBenchmark.class.getName(),
            JsonToAvroBenchmark.class.getName(),
            SerdeBenchmark.class.getName());

    List<String> ran = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : methodsByClass.entrySet()) {
      Class<?> type = Class.forName(entry.getKey());
      for (String name : entry.getValue()) {
        Object answer = runOnce(type, benchmarkMethod(type, name));
        assertThat(answer).as(type.getSimpleName() + "." + name).isNotNull();
        ran.add(type.getSimpleName() + "." + name);
      }
    }
    assertThat(ran)
        .contains("JsonToAvroBenchmark.parseAndEncodeTyped", "SerdeBenchmark.decodeEvent");
  }

  @Test
  void shouldEncodeTheSampleEventSoThatItDecodesToTheSameEvent() {
    JsonToAvroBenchmark encoding = new JsonToAvroBenchmark();
    SerdeBenchmark decoding = new SerdeBenchmark();
    encoding.start();
    decoding.start();
    try {
      UniversalEvent parsed = encoding.parse();
      byte[] value = encoding.parseAndEncode();

      assertThat(SampleEvents.GENERIC_JSON.length).isBetween(250, 350);
      assertThat(parsed.getEventType()).isEqualTo("order.item.shipped");
      assertThat(encoding.encode()).isEqualTo(value);
      assertThat(decoding.decodeEvent()).isEqualTo(parsed);
      assertThat(EventCodec.schemaId(encoding.parseAndEncodeTyped()))
          .isNotEqualTo(EventCodec.schemaId(value));
      assertThat(
              new EventJson(EventLimits.defaults(), Clock.systemUTC())
                  .toJson(decoding.decodeTypedEvent())
                  .get("data")
                  .get("amount")
                  .decimalValue())
          .isEqualByComparingTo("129.95");
    } finally {
      encoding.stop();
      decoding.stop();
    }
  }

  @Test
  void shouldMatchTheSampleEventWithEveryFilterOfTheFilterBenchmark() throws Exception {
    // JMH runs the @Param values; each must name an expression.
    String[] params = FilterBenchmark.class.getField("filter").getAnnotation(Param.class).value();
    assertThat(params).containsExactlyInAnyOrderElementsOf(FilterBenchmark.EXPRESSIONS.keySet());
    for (String name : params) {
      FilterBenchmark benchmark = new FilterBenchmark();
      benchmark.filter = name;
      benchmark.start();

      assertThat(benchmark.evaluate()).as(name).isEqualTo(FilterOutcome.MATCHED);
      assertThat(benchmark.variables()).containsKeys("source", "data", "metadata");
    }
  }

  @Test
  void shouldRoundTripTheGenericRecordThroughTheSerde() {
    SerdeBenchmark serde = new SerdeBenchmark();
    serde.start();
    try {
      byte[] value = serde.serializeRecord();
      GenericRecord record = (GenericRecord) serde.deserializeRecord();

      assertThat(value[0]).isZero();
      assertThat(record.get("payment_id").toString()).isEqualTo("p-88213");
      assertThat(record.get("amount")).isEqualTo(129.95);
    } finally {
      serde.stop();
    }
  }

  /** Benchmark method names by class name, from {@code META-INF/BenchmarkList}. */
  private static Map<String, List<String>> benchmarkMethods() throws IOException {
    Map<String, List<String>> methods = new TreeMap<>();
    try (InputStream in =
        BenchmarksSmokeTest.class
            .getClassLoader()
            .getResourceAsStream(BenchmarkList.BENCHMARK_LIST.substring(1))) {
      assertThat(in).as("the benchmark list the annotation processor writes").isNotNull();
      for (BenchmarkListEntry entry : BenchmarkList.readBenchmarkList(in)) {
        String className = entry.getUserClassQName();
        String method = entry.getUsername().substring(className.length() + 1);
        List<String> names = methods.computeIfAbsent(className, c -> new ArrayList<>());
        if (!names.contains(method)) {
          names.add(method);
        }
      }
    }
    return methods;
  }

  private static Method benchmarkMethod(Class<?> type, String name) {
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name) && method.isAnnotationPresent(Benchmark.class)) {
        return method;
      }
    }
    throw new AssertionError("no @Benchmark method " + name + " in " + type.getName());
  }

  private static Object runOnce(Class<?> type, Method benchmark) throws Exception {
    List<Object> states = new ArrayList<>();
    Object target = newState(type, states);
    Object[] arguments = new Object[benchmark.getParameterCount()];
    Class<?>[] parameterTypes = benchmark.getParameterTypes();
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] =
          parameterTypes[i] == Blackhole.class
              ? new Blackhole(BLACKHOLE_CONSENT)
              : newState(parameterTypes[i], states);
    }
    try {
      Object answer = invoke(target, benchmark, arguments);
      return benchmark.getReturnType() == void.class ? "void" : answer;
    } finally {
      for (Object state : states) {
        for (Method method : annotated(state.getClass(), TearDown.class)) {
          invoke(state, method);
        }
      }
    }
  }

  /** A state object with its params at their first values, set up. */
  private static Object newState(Class<?> type, List<Object> states) throws Exception {
    Object state = type.getDeclaredConstructor().newInstance();
    for (Field field : type.getFields()) {
      Param param = field.getAnnotation(Param.class);
      if (param != null && param.value().length > 0 && !Modifier.isStatic(field.getModifiers())) {
        field.set(state, convert(param.value()[0], field.getType()));
      }
    }
    states.add(state);
    for (Method method : annotated(type, Setup.class)) {
      invoke(state, method);
    }
    return state;
  }

  private static Object convert(String value, Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return Integer.valueOf(value);
    } else if (type == long.class || type == Long.class) {
      return Long.valueOf(value);
    } else if (type == boolean.class || type == Boolean.class) {
      return Boolean.valueOf(value);
    } else if (type == double.class || type == Double.class) {
      return Double.valueOf(value);
    } else if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(value)) {
          return constant;
        }
      }
      throw new AssertionError(value + " is not a constant of " + type.getName());
    }
    return value;
  }

  private static List<Method> annotated(
      Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
    List<Method> methods = new ArrayList<>();
    for (Method method : type.getMethods()) {
      if (method.isAnnotationPresent(annotation)) {
        methods.add(method);
      }
    }
    return methods;
  }

  private static Object invoke(Object target, Method method, Object... arguments) throws Exception {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
