package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.styxy.http.api.AuditEventView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit table, the watch line and the time arguments of {@code audit} and {@code watch}. */
class AuditCommandTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneId.of("Europe/Paris"));

  private static final AuditEventView.Owner WEB =
      new AuditEventView.Owner("web", "claude-a", "/home/u/shop", 4242L);

  static AuditEventView event(String event, String reason, String detail,
      AuditEventView.Owner owner) {
    return new AuditEventView(7L, "2026-11-22T13:02:11.020Z", event, 3042,
        "1b2c4d5e-0000-4000-8000-000000000000", "dev", owner, "req", "http", reason, detail,
        null);
  }

  @Test
  void tableAlignsColumnsAndShortensLockIds() {
    String table = AuditCommand.format(List.of(
        event("released", "released", null, null),
        event("allocated", "preferred", "chose 3042",
            new AuditEventView.Owner("web", "default", null, 4242L))));
    assertEquals("""
        TIME                      EVENT      PORT  TYPE  LOCK ID   OWNER           BY    REASON
        2026-11-22T13:02:11.020Z  released   3042  dev   1b2c4d5e  -               http  released
        2026-11-22T13:02:11.020Z  allocated  3042  dev   1b2c4d5e  web (pid 4242)  http  preferred
        """, table);
  }

  @Test
  void emptyTableSaysSo() {
    assertEquals("No audit events match\n", AuditCommand.format(List.of()));
  }

  @Test
  void watchLineNamesEverythingKnown() {
    assertEquals("2026-11-22T13:02:11.020Z  health_changed  port 3042  dev  lock "
        + "1b2c4d5e-0000-4000-8000-000000000000  web (instance claude-a, pid 4242)  by http  "
        + "listening: STARTING -> HEALTHY",
        WatchCommand.line(event("health_changed", "listening", "STARTING -> HEALTHY", WEB)));
  }

  @Test
  void timesAreIsoLocalDatesOrAges() {
    assertEquals(Instant.parse("2026-11-22T14:00:00Z"),
        TimeArgument.parse("--at", "2026-11-22T14:00:00Z", CLOCK));
    assertEquals(Instant.parse("2026-11-22T13:00:00Z"),
        TimeArgument.parse("--at", "2026-11-22 14:00", CLOCK));
    assertEquals(Instant.parse("2026-11-21T23:00:00Z"),
        TimeArgument.parse("--since", "2026-11-22", CLOCK));
    assertEquals(Instant.parse("2026-11-23T10:00:00Z"), TimeArgument.parse("--since", "2h",
        CLOCK));
    CliFailure bad = assertThrows(CliFailure.class,
        () -> TimeArgument.parse("--at", "yesterday", CLOCK));
    assertEquals(ExitCodes.USAGE, bad.exitCode());
  }
}
