package dev.styxy.coordinator.cli;

import dev.styxy.http.api.JournalImportResponse;
import dev.styxy.http.api.JournalSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code styxy journal import FILE}: asks the daemon to journal an export's events
 * ({@code POST /journal/import}; the daemon reads the file, so it must be readable by the
 * daemon's user), which it does only into a journal with no events. Then checks consistency
 * twice: the registry's state right after the write, and the journal read back from the database
 * ({@code GET /journal/export?to=N}), must both match the file's summary line: same events, same
 * allocations on the same ports, same instances and auto types, same state digest. Exit 0 when
 * they do, 1 when they do not, 3 when the journal was not empty.
 */
@Command(name = "import", description = "Import an export of 'styxy journal export' into the "
    + "daemon's journal, which must be empty, and check that the result is the same state.")
public final class JournalImportCommand extends CliCommand {
  /** Writing a long export takes a while; the daemon gives up after 2 minutes itself. */
  static final Duration TIMEOUT = Duration.ofMinutes(3);

  @Parameters(paramLabel = "FILE", description = "A file written by 'styxy journal export'.")
  Path file;

  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    Path source = file.toAbsolutePath().normalize();
    JournalSummary expected = JournalFiles.summary(source);
    DaemonEndpoint endpoint = endpoint();
    ApiReply reply = new DaemonClient(endpoint, TIMEOUT).post("/journal/import",
        Map.of("path", source.toString()));
    if (!reply.ok()) {
      if (json) {
        out.println(reply.body());
      }
      err.println(ClientCommand.problemLine(reply, endpoint));
      return ExitCodes.forStatus(reply.status());
    }
    JournalImportResponse imported = reply.as(JournalImportResponse.class);
    JournalSummary reread = reread(new DaemonClient(endpoint, TIMEOUT),
        imported.imported().lastSequenceNr());
    List<String> problems = new ArrayList<>();
    expected.differences(imported.imported())
        .forEach(d -> problems.add("state after the write: " + d));
    expected.differences(reread).forEach(d -> problems.add("journal read back: " + d));
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", problems.isEmpty());
      body.put("file", source.toString());
      body.put("expected", expected);
      body.put("imported", imported.imported());
      body.put("read_back", reread);
      body.put("problems", problems);
      printJson(out, body);
    } else {
      out.println("✅ " + imported.message() + " from " + source);
      if (problems.isEmpty()) {
        out.println("✅ Consistency check passed: the state after the write and the journal read "
            + "back hold what the file holds: " + JournalFiles.describe(expected) + "; state "
            + expected.digest());
      } else {
        out.println("❌ Consistency check FAILED (file vs daemon):");
        problems.forEach(p -> out.println("  " + p));
      }
    }
    return problems.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** The summary of the journal's first {@code lastSequenceNr} events, read from the database. */
  private static JournalSummary reread(DaemonClient client, long lastSequenceNr) {
    Path temp;
    try {
      temp = Files.createTempFile("styxy-journal-check", ".jsonl");
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILURE, "IO_ERROR", "cannot create a temporary file: "
          + e.getMessage());
    }
    try {
      return JournalFiles.download(client, "/journal/export?to=" + lastSequenceNr, temp);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a temporary file; the OS cleans up
      }
    }
  }
}
