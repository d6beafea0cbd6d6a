package io.fluxgate.core.glob;

import java.util.List;

/**
 * A bracket expression such as {@code [a-z_]} or {@code [!0-9]}. A class never matches a dot:
 * matching is segment-wise and segments never contain dots, and the parser refuses a dot inside a
 * class, so the rule holds for negated classes too.
 */
record CharClass(boolean negated, List<Range> ranges) {

  /** An inclusive character range; a single character is a range from itself to itself. */
  record Range(char first, char last) {}

  CharClass {
    ranges = List.copyOf(ranges);
  }

  boolean matches(char c) {
    if (c == '.') {
      return false;
    }
    boolean inSet = false;
    for (Range range : ranges) {
      if (c >= range.first() && c <= range.last()) {
        inSet = true;
        break;
      }
    }
    return inSet != negated;
  }
}
