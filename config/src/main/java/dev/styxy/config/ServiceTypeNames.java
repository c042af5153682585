package dev.styxy.config;

import java.util.regex.Pattern;

/**
 * The one rule for service type names, shared by the config files and auto-allocation: letters,
 * digits and hyphens, at most 50 characters (the original's {@code validator.js}). Case-sensitive:
 * {@code Dev} is not {@code dev}.
 */
public final class ServiceTypeNames {
  /** The characters a type name may hold. */
  public static final Pattern PATTERN = Pattern.compile("^[a-zA-Z0-9-]+$");
  /** The longest type name accepted. */
  public static final int MAX_LENGTH = 50;
  /** The rule as a phrase for problem messages. */
  public static final String RULE =
      "must match " + PATTERN.pattern() + " and be at most " + MAX_LENGTH + " characters";

  private ServiceTypeNames() {}

  /** Whether {@code name} is a valid service type name; {@code null} is not. */
  public static boolean isValid(String name) {
    return name != null && name.length() <= MAX_LENGTH && PATTERN.matcher(name).matches();
  }
}
