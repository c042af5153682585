package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rule patterns are globs: {@code *} is any run of characters, everything else literal. */
class AutoAllocationRuleTest {
  private static AutoAllocationRule rule(String pattern) {
    return new AutoAllocationRule(pattern, null, null, null);
  }

  @Test
  void trailingStarMatchesAnySuffixIncludingNone() {
    assertTrue(rule("monitoring-*").matches("monitoring-grafana"));
    assertTrue(rule("monitoring-*").matches("monitoring-"));
    assertFalse(rule("monitoring-*").matches("monitoring"));
  }

  @Test
  void patternIsAnchoredAtBothEnds() {
    assertFalse(rule("db").matches("mydb"));
    assertFalse(rule("db").matches("db2"));
    assertTrue(rule("db").matches("db"));
  }

  @Test
  void starsMayAppearAnywhere() {
    assertTrue(rule("*-cache-*").matches("app-cache-redis"));
    assertFalse(rule("*-cache-*").matches("app-cachex-redis"));
    assertTrue(rule("*").matches("anything"));
  }

  @Test
  void regexMetacharactersAreLiteral() {
    // The original built new RegExp("^" + pattern.replace("*", ".*") + "$"): "a.b" matched "axb".
    assertFalse(rule("a.b").matches("axb"));
    assertTrue(rule("a.b").matches("a.b"));
    assertFalse(rule("a+").matches("aa"));
  }

  @Test
  void emptyPatternIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> rule(""));
  }
}
