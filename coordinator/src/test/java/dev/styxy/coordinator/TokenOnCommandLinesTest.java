package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The token must never travel on a command line, where every local user can read it in the
 * process list: the scripts shipped with the project (launcher, benchmarks) hand it over in files
 * ({@code curl -H @file}, a token file path) instead. This scans them for the ways a token ends
 * up in an argument: a command substitution reading {@code auth.token}, or a variable holding it
 * expanded into an {@code Authorization} header or argument list.
 */
class TokenOnCommandLinesTest {
  /** {@code $(cat …auth.token)}, {@code "Bearer $token"}, {@code "$token"} as an argument. */
  private static final Pattern LEAK = Pattern.compile(
      "\\$\\(\\s*cat [^)]*auth\\.token|Bearer \\$\\{?token|\\s\"\\$\\{?token\\}?\"");
  /** The one place a substitution is fine: printf is a shell builtin, not a process. */
  private static final Pattern BUILTIN = Pattern.compile("^\\s*\\(?umask 077 && printf ");

  @Test
  void noShippedScriptPutsTheTokenOnACommandLine() throws IOException {
    List<String> leaks = new ArrayList<>();
    for (Path dir : List.of(Path.of("bench"), Path.of("bin"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> !f.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (LEAK.matcher(line).find() && !BUILTIN.matcher(line).find()) {
              leaks.add(file + ":" + (i + 1) + ": " + line.strip());
            }
          }
        }
      }
    }
    assertTrue(Files.isDirectory(Path.of("bench")), "run from the coordinator module");
    assertTrue(leaks.isEmpty(), String.join("\n", leaks));
  }
}
