import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build step (run by Maven after the shaded jar is made, as {@code java CdsArchives.java JAR
 * JVMOPTS}): records two class-data-sharing archives next to the jar, {@code styxy-daemon.jsa}
 * from a daemon run from start to READY and a graceful stop, and {@code styxy-cli.jsa} from one
 * {@code styxy list -v} against it. Everything happens in a temporary home on a port the daemon
 * picks ({@code --port 0}); the user's home and port 9876 are never touched. Any problem is
 * reported and skipped: the build goes on and the launcher runs without archives.
 */
public final class CdsArchives {
  private static final Pattern READY = Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+)");
  private static final long TIMEOUT_S = 120;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path jvmOptions = Path.of(args[1]).toAbsolutePath();
    Path daemonArchive = jar.resolveSibling("styxy-daemon.jsa");
    Path cliArchive = jar.resolveSibling("styxy-cli.jsa");
    Files.deleteIfExists(daemonArchive);
    Files.deleteIfExists(cliArchive);
    Path home = Files.createTempDirectory("styxy-cds-");
    try {
      record(jar, jvmOptions, home, daemonArchive, cliArchive);
      System.out.printf("[cds] archives written: %s (%d MB), %s (%d MB)%n",
          daemonArchive.getFileName(), Files.size(daemonArchive) >> 20,
          cliArchive.getFileName(), Files.size(cliArchive) >> 20);
    } catch (Exception | AssertionError e) {
      Files.deleteIfExists(daemonArchive);
      Files.deleteIfExists(cliArchive);
      System.out.println("[cds] skipped, the launcher will run without archives: " + e);
    } finally {
      deleteTree(home);
    }
  }

  private static void record(Path jar, Path jvmOptions, Path home, Path daemonArchive,
      Path cliArchive) throws Exception {
    Path tmpDaemon = daemonArchive.resolveSibling(daemonArchive.getFileName() + ".tmp");
    Path tmpCli = cliArchive.resolveSibling(cliArchive.getFileName() + ".tmp");
    List<String> daemon = new ArrayList<>(List.of(java(), "@" + jvmOptions,
        "-XX:ArchiveClassesAtExit=" + tmpDaemon, "-jar", jar.toString(), "daemon", "run",
        "--home", home.toString(), "--port", "0"));
    ProcessBuilder builder = builder(daemon, home, null).redirectErrorStream(true);
    Process process = builder.start();
    try {
      int port = awaitReady(process);
      run(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
          jar.toString(), "allocate", "-s", "dev", "-n", "cds"), home, port);
      run(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-XX:ArchiveClassesAtExit=" + tmpCli, "-jar", jar.toString(), "list", "-v"), home,
          port);
      process.destroy();
      if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the daemon did not stop");
      }
    } finally {
      process.destroyForcibly();
    }
    if (!Files.isRegularFile(tmpDaemon) || !Files.isRegularFile(tmpCli)) {
      throw new IllegalStateException("the JVM wrote no archive");
    }
    Files.move(tmpDaemon, daemonArchive, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmpCli, cliArchive, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Reads the daemon's output until its ready line; returns the port it names. */
  private static int awaitReady(Process process) throws IOException {
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      seen.add(line);
      Matcher ready = READY.matcher(line);
      if (ready.find()) {
        Thread drain = new Thread(() -> drain(lines));
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(ready.group(1));
      }
    }
    throw new IllegalStateException("the daemon exited before it was ready: "
        + String.join(" | ", seen.subList(Math.max(0, seen.size() - 3), seen.size())));
  }

  /** Keeps reading so the daemon never blocks on a full pipe; ends when the pipe closes. */
  private static void drain(BufferedReader lines) {
    try {
      while (lines.readLine() != null) {
        // discard
      }
    } catch (IOException closed) {
      // the daemon exited
    }
  }

  private static void run(List<String> command, Path home, int port) throws Exception {
    Process process = builder(command, home, port)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command.subList(command.size() - 2,
          command.size())) + " failed");
    }
  }

  private static ProcessBuilder builder(List<String> command, Path home, Integer port) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("STYXY_")
        || name.equals("CLAUDE_INSTANCE_ID") || name.equals("JAVA_TOOL_OPTIONS"));
    builder.environment().put("STYXY_HOME", home.toString());
    if (port != null) {
      builder.environment().put("STYXY_DAEMON_PORT", port.toString());
    }
    return builder;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
