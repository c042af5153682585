package dev.styxy.coordinator.cli;

import dev.styxy.config.ConfigValidator;
import dev.styxy.config.EphemeralPortRange;
import dev.styxy.http.ApiJson;
import dev.styxy.http.api.ConfigValidationResponse;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy config validate [--file PATH]}: every problem of the merged configuration (the
 * core types with a {@code config.json}). With {@code --file} the file is checked here, without a
 * daemon; otherwise the daemon checks its own {@code config.json} together with the types only
 * its journal holds ({@code GET /config/validate}). Exits 1 when there is any problem.
 */
@Command(name = "validate", description = "List every problem of the configuration; exit 1 if any.")
public final class ConfigValidateCommand extends ClientCommand {
  @Option(names = {"-f", "--file"}, paramLabel = "PATH",
      description = "Check this config.json here, without asking the daemon.")
  Path file;

  @Override
  Optional<Integer> runLocally(PrintWriter out, PrintWriter err) {
    if (file == null) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      throw new CliFailure(ExitCodes.NOT_FOUND, "FILE_NOT_FOUND", "no such file: " + file);
    }
    ConfigValidator.Result result =
        ConfigValidator.validate(file, List.of(), EphemeralPortRange.read());
    ConfigValidationResponse response =
        new ConfigValidationResponse(result.valid(), result.problems());
    if (json) {
      out.println(ApiJson.write(response));
    } else {
      out.print(format(response));
    }
    return Optional.of(exitCode(response));
  }

  @Override
  ApiReply send(DaemonClient client) {
    return client.get("/config/validate", true);
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    ConfigValidationResponse response = reply.as(ConfigValidationResponse.class);
    out.print(format(response));
    return exitCode(response);
  }

  @Override
  int jsonExitCode(ApiReply reply) {
    return reply.ok() ? exitCode(reply.as(ConfigValidationResponse.class))
        : super.jsonExitCode(reply);
  }

  static int exitCode(ConfigValidationResponse response) {
    return response.valid() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** A ✅ line, or a ❌ count line followed by one line per problem. */
  static String format(ConfigValidationResponse response) {
    if (response.valid()) {
      return join(List.of("✅ Configuration is valid"));
    }
    List<String> lines = new ArrayList<>();
    lines.add("❌ " + response.problems().size() + " problem(s):");
    response.problems().forEach(p -> lines.add("  - " + p));
    return join(lines);
  }
}
