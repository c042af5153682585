package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.http.api.JournalSummary;
import dev.styxy.persistence.RegistryState;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The journal export format: what parses, and the line each broken file is refused at. */
class JournalLinesTest {
  static final ActorTestKit testKit = ActorTestKit.create("JournalLinesTest");
  static final JournalLines lines = new JournalLines(JacksonObjectMapperProvider
      .get(testKit.system()).getOrCreate("jackson-json", Optional.empty()));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static String header() {
    return lines.header(Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static String emptySummary() {
    return lines.summaryLine(lines.summary(0, 0, RegistryState.empty()));
  }

  private static String refusal(String... text) {
    return assertThrows(ApiProblem.class, () -> lines.parse(Stream.of(text))).getMessage();
  }

  @Test
  void anExportOfAnEmptyJournalParsesToNoEventsAndItsSummary() {
    JournalLines.Parsed parsed = lines.parse(Stream.of(header(), emptySummary(), ""));
    assertEquals(0, parsed.events().size());
    JournalSummary summary = parsed.summary();
    assertEquals(lines.digest(RegistryState.empty()), summary.digest());
    assertTrue(summary.digest().startsWith("sha256:"), summary.digest());
  }

  @Test
  void aFileWithoutItsSummaryLineIsIncomplete() {
    assertTrue(refusal(header()).contains("no summary line at its end"));
  }

  @Test
  void aFileOfAnotherFormatIsRefusedAtLineOne() {
    assertTrue(refusal("{\"format\":\"other\"}", emptySummary())
        .startsWith("Line 1 is not a header of format styxy-journal version 1"));
  }

  @Test
  void aGapInSequenceNumbersIsRefusedNamingTheLine() {
    assertEquals("Line 2 of the journal file: sequence_nr 2 where 1 was expected (events must "
        + "be numbered 1, 2, 3… without gaps)", refusal(header(),
        "{\"sequence_nr\":2,\"type\":\"PortReleased\",\"event\":{}}", emptySummary()));
  }

  @Test
  void anUnknownEventTypeIsRefusedNamingTheKnownOnes() {
    String message = refusal(header(), "{\"sequence_nr\":1,\"type\":\"Nope\",\"event\":{}}",
        emptySummary());
    assertTrue(message.startsWith("Line 2 of the journal file: unknown event type 'Nope'; "
        + "known: PortAllocated, PortReleased"), message);
  }

  @Test
  void textAfterTheSummaryLineIsRefused() {
    assertEquals("Line 3 of the journal file: text after the summary line",
        refusal(header(), emptySummary(), "{}"));
  }
}
