package dev.styxy.coordinator.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clock that went backwards, and a daemon clock that differs from this machine's. */
class ClockChecksTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path dir;

  @Test
  void journalWrittenInTheFutureMeansTheClockWentBackwards() throws IOException {
    Path journal = Files.write(dir.resolve("journal.mv.db"), new byte[10]);
    Files.setLastModifiedTime(journal, FileTime.from(NOW.plusSeconds(90)));

    Finding f = ClockChecks.journal(journal, NOW);

    assertEquals(Finding.Severity.FAIL, f.status());
    assertTrue(f.found().contains("went backwards"), f.found());
    assertTrue(f.found().contains("90.0 s"), f.found());
    assertEquals(ClockChecks.FIX, f.fix());
  }

  @Test
  void journalWrittenBeforeNowIsOk() {
    assertEquals(Finding.Severity.OK, ClockChecks.journal(NOW.minusSeconds(3600), NOW).status());
  }

  @Test
  void aSecondAheadIsFileSystemGranularityNotAClockJump() {
    assertEquals(Finding.Severity.OK, ClockChecks.journal(NOW.plusSeconds(1), NOW).status());
  }

  @Test
  void noJournalIsNothingToCompare() {
    assertEquals(Finding.Severity.OK,
        ClockChecks.journal(dir.resolve("absent.mv.db"), NOW).status());
  }

  @Test
  void daemonTimeWithinTheRequestIsOk() {
    Finding f = ClockChecks.daemon(NOW.plusMillis(5), NOW, NOW.plusMillis(10));

    assertEquals(Finding.Severity.OK, f.status());
  }

  @Test
  void daemonClockBehindWarnsWithTheDifference() {
    Finding f = ClockChecks.daemon(NOW.minusSeconds(30), NOW, NOW.plusMillis(10));

    assertEquals(Finding.Severity.WARN, f.status());
    assertTrue(f.found().contains("30.0 s"), f.found());
    assertEquals(ClockChecks.FIX, f.fix());
  }

  @Test
  void daemonClockAheadWarnsToo() {
    Finding f = ClockChecks.daemon(NOW.plusSeconds(10), NOW, NOW.plusMillis(100));

    assertEquals(Finding.Severity.WARN, f.status());
    assertTrue(f.found().contains("9.9 s"), f.found());
  }
}
