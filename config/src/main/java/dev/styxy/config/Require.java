package dev.styxy.config;

/** Validation helper for settings: fails with a message naming the key and the offending value. */
final class Require {
  private Require() {}

  static void require(boolean ok, String key, String rule, Object value) {
    if (!ok) {
      throw new IllegalArgumentException(key + " " + rule + ", was " + value);
    }
  }
}
