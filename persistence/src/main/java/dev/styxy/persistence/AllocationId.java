package dev.styxy.persistence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The lock id of an allocation: a lower-case UUID v4, as the original's clients expect. */
public record AllocationId(String value) {
  private static final Pattern UUID_V4 = Pattern.compile(
      "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public AllocationId {
    if (value == null || !UUID_V4.matcher(value).matches()) {
      throw new IllegalArgumentException("lock_id must be a valid UUID v4");
    }
  }

  /** Accepts any letter case (the original's check was case-insensitive) and normalizes it. */
  public static AllocationId parse(String text) {
    return new AllocationId(text == null ? null : text.toLowerCase(Locale.ROOT));
  }

  public static boolean isValid(String text) {
    return text != null && UUID_V4.matcher(text.toLowerCase(Locale.ROOT)).matches();
  }

  public static AllocationId random() {
    return new AllocationId(UUID.randomUUID().toString());
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
