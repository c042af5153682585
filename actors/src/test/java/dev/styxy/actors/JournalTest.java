package dev.styxy.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {

  @Test
  void statementsDropCommentLinesEvenWithSemicolons() {
    String script = """
        -- tables; created on every start
        CREATE TABLE IF NOT EXISTS a (x INT);
        -- an index
        CREATE INDEX IF NOT EXISTS a_x ON a (x);
        """;

    assertEquals(List.of("CREATE TABLE IF NOT EXISTS a (x INT)",
        "CREATE INDEX IF NOT EXISTS a_x ON a (x)"), Journal.statements(script));
  }

  @Test
  void h2UrlPointsAtTheJournalFileInTheGivenFolderAndWritesThrough() {
    String url = Journal.h2(Path.of("/var/lib/styxy"))
        .getString("pekko-persistence-jdbc.shared-databases.default.db.url");

    assertEquals("jdbc:h2:file:/var/lib/styxy/journal;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
        + ";MAX_LENGTH_INPLACE_LOB=8192", url);
  }
}
