package dev.styxy.coordinator.cli;

import dev.styxy.http.api.JournalSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy journal export [-o FILE]}: the daemon's journal as JSON lines, through
 * {@code GET /journal/export}, into {@code FILE} (or stdout). The export is checked to end with
 * its summary line before the command reports success; without {@code -o} it is buffered in a
 * temporary file first, so stdout never receives half an export.
 */
@Command(name = "export", description = "Write the journal's events as JSON lines (a backup, or "
    + "the input of 'styxy journal import' on another journal).")
public final class JournalExportCommand extends CliCommand {
  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to write the export (default: standard output).")
  Path output;

  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    DaemonClient client = new DaemonClient(endpoint());
    Path file = output != null ? output.toAbsolutePath().normalize() : temporary();
    try {
      JournalSummary summary = JournalFiles.download(client, "/journal/export", file);
      if (output == null) {
        copyToStdout(file, out);
        return ExitCodes.OK;
      }
      if (json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("file", file.toString());
        body.put("summary", summary);
        printJson(out, body);
      } else {
        out.println("✅ Exported " + summary.events() + " event(s) to " + file + ": "
            + JournalFiles.describe(summary) + "; state " + summary.digest());
      }
      return ExitCodes.OK;
    } finally {
      if (output == null) {
        deleteQuietly(file);
      }
    }
  }

  private static Path temporary() {
    try {
      return Files.createTempFile("styxy-journal", ".jsonl");
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILURE, "IO_ERROR", "cannot create a temporary file: "
          + e.getMessage());
    }
  }

  private static void copyToStdout(Path file, PrintWriter out) {
    try (var lines = Files.lines(file)) {
      lines.forEach(out::println);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILURE, "IO_ERROR", "cannot read " + file + ": "
          + e.getMessage());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temporary file; the OS cleans up
    }
  }
}
