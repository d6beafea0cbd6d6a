package io.fluxgate.core.event;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {

  private Utf8() {}

  /** Why {@code bytes} is not valid UTF-8, or {@code null} when it is. */
  static String problem(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int length;
      int min;
      if (b >= 0xc2 && b <= 0xdf) {
        length = 2;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        length = 3;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        length = 4;
        min = 0x10000;
      } else if (b >= 0x80 && b <= 0xbf) {
        return at(i, "unexpected continuation byte " + hex(b));
      } else {
        return at(i, "invalid start byte " + hex(b));
      }
      if (i + length > n) {
        return at(i, "truncated " + length + "-byte sequence at end of input");
      }
      int codePoint = b & (0xff >> (length + 1));
      for (int k = 1; k < length; k++) {
        int c = bytes[i + k] & 0xff;
        if ((c & 0xc0) != 0x80) {
          return at(
              i, "expected a continuation byte at offset " + (i + k) + " but found " + hex(c));
        }
        codePoint = (codePoint << 6) | (c & 0x3f);
      }
      if (codePoint < min) {
        return at(i, "overlong " + length + "-byte encoding");
      }
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
        return at(i, "encoded surrogate " + String.format("U+%04X", codePoint));
      }
      if (codePoint > 0x10ffff) {
        return at(i, "code point above U+10FFFF");
      }
      i += length;
    }
    return null;
  }

  private static String at(int offset, String reason) {
    return "invalid UTF-8 at byte offset " + offset + ": " + reason;
  }

  private static String hex(int b) {
    return String.format("0x%02X", b);
  }
}
