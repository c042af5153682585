package dev.styxy.coordinator.cli;

import dev.styxy.http.ApiJson;
import dev.styxy.http.api.JournalSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CLI's side of journal export files: downloading {@code GET /journal/export} into a file,
 * and reading the summary line at a file's end (the file is incomplete without one).
 */
final class JournalFiles {
  private JournalFiles() {}

  /**
   * Downloads {@code GET route} into {@code file}.
   *
   * @return the export's summary line
   * @throws CliFailure for an error reply (its status), or an export that ended early
   */
  static JournalSummary download(DaemonClient client, String route, Path file) {
    ApiReply reply;
    try (OutputStream out = Files.newOutputStream(file)) {
      reply = client.download(route, out);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILURE, "IO_ERROR", "cannot write " + file + ": "
          + e.getMessage());
    }
    if (!reply.ok()) {
      throw new CliFailure(ExitCodes.forStatus(reply.status()), "EXPORT_FAILED",
          ClientCommand.problemLine(reply, client.endpoint()));
    }
    return summary(file);
  }

  /**
   * The summary line that ends {@code file}.
   *
   * @throws CliFailure when the file cannot be read or has no summary line
   */
  static JournalSummary summary(Path file) {
    String last;
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      last = lines.filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("");
    } catch (IOException | UncheckedIOException e) {
      throw new CliFailure(ExitCodes.FAILURE, "IO_ERROR", "cannot read " + file + ": "
          + e.getMessage());
    }
    try {
      JournalSummary summary = ApiJson.read(last, JournalSummary.class);
      if (summary.end()) {
        return summary;
      }
    } catch (UncheckedIOException e) {
      // not a summary line: said below
    }
    throw new CliFailure(ExitCodes.FAILURE, "INCOMPLETE_EXPORT", file + " does not end with the "
        + "export's summary line: the export is incomplete (the daemon or the connection "
        + "stopped while it was written)");
  }

  /** {@code 3 allocation(s) on ports 3000, 3001, 3002, 1 instance(s), 0 auto type(s)}. */
  static String describe(JournalSummary s) {
    String ports = s.ports().isEmpty() ? "" : " on port(s) " + s.ports().stream()
        .map(String::valueOf).collect(Collectors.joining(", "));
    return s.allocations() + " allocation(s)" + ports + ", " + s.instances() + " instance(s), "
        + s.autoTypes() + " auto type(s)";
  }
}
