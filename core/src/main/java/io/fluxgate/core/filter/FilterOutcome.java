package io.fluxgate.core.filter;

/** What one evaluation of an {@link EventFilter} gave; only {@link #MATCHED} delivers the event. */
public enum FilterOutcome {
  /** The expression evaluated to {@code true}. */
  MATCHED,
  /** The expression evaluated to {@code false}. */
  NOT_MATCHED,
  /** The expression read a field or map key the event does not have: not delivered. */
  MISSING_FIELD,
  /**
   * Any other runtime error (e.g. comparing a string with a number, dividing by zero, exceeding the
   * iteration budget): not delivered, and worth counting because the filter is probably wrong.
   */
  ERROR;

  public boolean matched() {
    return this == MATCHED;
  }
}
