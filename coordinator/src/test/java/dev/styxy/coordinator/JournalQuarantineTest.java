package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class JournalQuarantineTest {
  private static final Logger LOG = LoggerFactory.getLogger(JournalQuarantineTest.class);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T20:15:00Z"), ZoneOffset.UTC);

  @TempDir
  Path home;

  private Path journalDir() throws Exception {
    return Files.createDirectories(home.resolve("journal"));
  }

  @Test
  void noJournalFileIsNothingToDo() throws Exception {
    assertEquals(Optional.empty(), JournalQuarantine.check(journalDir(), home, CLOCK, LOG));
  }

  @Test
  void aReadableJournalStaysWhereItIs() throws Exception {
    Path dir = journalDir();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("journal"),
        "sa", ""); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INT)");
    }

    assertEquals(Optional.empty(), JournalQuarantine.check(dir, home, CLOCK, LOG));
    assertTrue(Files.exists(dir.resolve("journal.mv.db")));
  }

  @Test
  void aGarbageJournalIsMovedToBackupsWithATimestamp() throws Exception {
    Path dir = journalDir();
    Files.writeString(dir.resolve("journal.mv.db"), "garbage");

    Optional<String> reason = JournalQuarantine.check(dir, home, CLOCK, LOG);

    Path backup = home.resolve("backups").resolve("journal-20261123T201500Z.mv.db");
    assertTrue(Files.exists(backup));
    assertTrue(Files.notExists(dir.resolve("journal.mv.db")));
    assertTrue(reason.orElseThrow().endsWith("it was moved to " + backup
        + " and the daemon started with an empty journal"), reason.get());
  }

  @Test
  void aJournalWithACorruptBodyIsMoved() throws Exception {
    Path dir = journalDir();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("journal"),
        "sa", ""); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INT)");
    }
    byte[] bytes = Files.readAllBytes(dir.resolve("journal.mv.db"));
    for (int i = 200; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    Files.write(dir.resolve("journal.mv.db"), bytes);

    assertTrue(JournalQuarantine.check(dir, home, CLOCK, LOG).isPresent());
  }
}
