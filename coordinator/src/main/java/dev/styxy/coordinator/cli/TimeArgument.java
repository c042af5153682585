package dev.styxy.coordinator.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time given on the command line ({@code --since}, {@code --until}, {@code --at}): an ISO-8601
 * time with a zone ({@code 2026-11-22T14:00:00Z}), a local date and time ({@code 2026-11-22T14:00}
 * or {@code "2026-11-22 14:00"}, in the machine's time zone), a local date (its midnight), or an
 * age ({@code 30m}, {@code 2h}, {@code 1d}: that long ago).
 */
final class TimeArgument {
  private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

  private TimeArgument() {}

  /** The instant {@code text} names, or a usage failure naming {@code option}. */
  static Instant parse(String option, String text, Clock clock) {
    String t = text.strip();
    Matcher age = AGE.matcher(t);
    if (age.matches()) {
      long n = Long.parseLong(age.group(1));
      Duration d = switch (age.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return clock.instant().minus(d);
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException notWithZone) {
      // a local time or date, below
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).atZone(clock.getZone()).toInstant();
    } catch (DateTimeException notLocal) {
      // a date, below
    }
    try {
      return LocalDate.parse(t).atStartOfDay(clock.getZone()).toInstant();
    } catch (DateTimeException e) {
      throw new CliFailure(ExitCodes.USAGE, "INVALID_ARGUMENT", option + ": '" + text
          + "' is not a time; use 2026-11-22T14:00:00Z, 2026-11-22T14:00 (local), 2026-11-22 "
          + "or an age such as 2h or 1d");
    }
  }
}
