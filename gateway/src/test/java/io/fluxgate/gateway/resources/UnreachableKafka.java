package io.fluxgate.gateway.resources;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;

/**
 * An {@link Admin} for tests that must fail before Kafka is reached: it records every call and
 * refuses it, so a test can assert that validation stopped a request first.
 */
final class UnreachableKafka {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final Admin admin =
      (Admin)
          Proxy.newProxyInstance(
              Admin.class.getClassLoader(),
              new Class<?>[] {Admin.class},
              (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                  return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "UnreachableKafka";
                  };
                }
                calls.add(method.getName());
                throw new UnsupportedOperationException("this test must not reach Kafka");
              });

  Admin admin() {
    return admin;
  }

  /** The names of the Admin methods called so far. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  void reset() {
    calls.clear();
  }
}
