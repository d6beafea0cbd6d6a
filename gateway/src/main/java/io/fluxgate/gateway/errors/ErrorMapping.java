package io.fluxgate.gateway.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/**
 * The gateway's exception mappers for code that answers outside Jersey: picks the mapper Jersey
 * would pick (the one whose exception type is the nearest superclass of the exception's class), so
 * an error answered there is the same answer Jersey gives.
 */
public final class ErrorMapping {
  private record Entry(Class<?> type, ExceptionMapper<Throwable> mapper) {}

  private final List<Entry> entries;

  /**
   * @param mappers {@link ExceptionMapper}s, as registered with Jersey
   */
  @SuppressWarnings("unchecked")
  public ErrorMapping(List<?> mappers) {
    this.entries =
        mappers.stream()
            .map(m -> new Entry(exceptionType(m.getClass()), (ExceptionMapper<Throwable>) m))
            .toList();
  }

  /** The answer to {@code exception}: what its nearest mapper makes of it. */
  public Response toResponse(Throwable exception) {
    Entry nearest = null;
    int nearestDistance = Integer.MAX_VALUE;
    for (Entry entry : entries) {
      int distance = distance(exception.getClass(), entry.type());
      if (distance < nearestDistance) {
        nearest = entry;
        nearestDistance = distance;
      }
    }
    if (nearest == null) {
      throw new IllegalStateException("no mapper for " + exception.getClass(), exception);
    }
    return nearest.mapper().toResponse(exception);
  }

  private static int distance(Class<?> thrown, Class<?> mapped) {
    int distance = 0;
    for (Class<?> c = thrown; c != null; c = c.getSuperclass(), distance++) {
      if (c == mapped) {
        return distance;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static Class<?> exceptionType(Class<?> mapperClass) {
    for (Type type : mapperClass.getGenericInterfaces()) {
      if (type instanceof ParameterizedType p && p.getRawType() == ExceptionMapper.class) {
        return (Class<?>) p.getActualTypeArguments()[0];
      }
    }
    throw new IllegalArgumentException(mapperClass + " does not implement ExceptionMapper<X>");
  }
}
