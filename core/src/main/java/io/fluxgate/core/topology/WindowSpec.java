package io.fluxgate.core.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * The windows of an aggregate. {@code size} is the window length, or the inactivity gap that ends a
 * session; {@code advance} is the hop of a hopping window (the size for the others); {@code grace}
 * is how long after a window's end out-of-order events are still counted in it.
 */
public record WindowSpec(WindowType type, Duration size, Duration advance, Duration grace) {
  public WindowSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(grace, "grace");
    advance = advance == null ? size : advance;
  }
}
