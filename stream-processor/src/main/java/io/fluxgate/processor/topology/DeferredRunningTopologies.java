package io.fluxgate.processor.topology;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The running topologies of a manager built after those who read them (the standalone application
 * wires its queries before the processor): none until {@link #set}.
 */
public final class DeferredRunningTopologies implements RunningTopologies {
  private volatile RunningTopologies delegate;

  public void set(RunningTopologies delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Optional<Running> get(String name) {
    RunningTopologies current = delegate;
    return current == null ? Optional.empty() : current.get(name);
  }

  @Override
  public Collection<Running> all() {
    RunningTopologies current = delegate;
    return current == null ? List.of() : current.all();
  }
}
