package dev.styxy.config;

import java.util.Locale;

/**
 * Whether a service type allows many live allocations ({@code multi}) or exactly one
 * ({@code single}).
 */
public enum InstanceBehavior {
  SINGLE,
  MULTI;

  /** The original's JSON spelling: {@code "single"} or {@code "multi"}. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses case-insensitively; null or empty means {@link #MULTI}, as the original did. */
  public static InstanceBehavior parse(String value) {
    if (value == null || value.isEmpty()) {
      return MULTI;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "single" -> SINGLE;
      case "multi" -> MULTI;
      default -> throw new IllegalArgumentException(
          "instance_behavior must be \"single\" or \"multi\", was \"" + value + "\"");
    };
  }
}
