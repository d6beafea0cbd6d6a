package io.fluxgate.core.event;

import java.util.Arrays;

/**
 * A mutable JSON path such as {@code data.items[3]}, rendered only when an error needs it. Names
 * that are not plain identifiers are quoted: {@code metadata["a.b"]}.
 */
final class JsonPath {

  private Object[] segments = new Object[16];
  private int size;

  void push(String name) {
    grow();
    segments[size++] = name;
  }

  void push(int index) {
    grow();
    segments[size++] = index;
  }

  void pop() {
    segments[--size] = null;
  }

  void clear() {
    Arrays.fill(segments, 0, size, null);
    size = 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < size; i++) {
      appendSegment(sb, segments[i]);
    }
    return sb.toString();
  }

  /** {@code parent} extended by a member name. */
  static String child(String parent, String name) {
    StringBuilder sb = new StringBuilder(parent);
    appendSegment(sb, name);
    return sb.toString();
  }

  private static void appendSegment(StringBuilder sb, Object segment) {
    if (segment instanceof Integer index) {
      sb.append('[').append(index).append(']');
    } else {
      String name = (String) segment;
      if (isPlain(name)) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(name);
      } else {
        sb.append("[\"");
        for (int i = 0; i < name.length(); i++) {
          char c = name.charAt(i);
          if (c == '"' || c == '\\') {
            sb.append('\\').append(c);
          } else if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
        sb.append("\"]");
      }
    }
  }

  private static boolean isPlain(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    if (size == segments.length) {
      segments = Arrays.copyOf(segments, size * 2);
    }
  }
}
