package io.fluxgate.core.topology;

import java.util.List;
import java.util.stream.Collectors;

/** A topology spec that cannot run, with every problem found, each naming its field. */
public final class InvalidTopologySpecException extends RuntimeException {
  private final List<Problem> problems;

  public InvalidTopologySpecException(List<Problem> problems) {
    super(
        "the topology spec is invalid: "
            + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  /** One mistake: the field (a dotted path into the spec, e.g. {@code window.grace}) and why. */
  public record Problem(String field, String message) {
    @Override
    public String toString() {
      return field + ": " + message;
    }
  }
}
