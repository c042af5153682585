package dev.styxy.coordinator;

import dev.styxy.coordinator.cli.CliFailure;
import dev.styxy.coordinator.cli.ExitCodes;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The command line of a background or service-managed daemon: the JVM running this CLI, the
 * daemon's JVM options file ({@value #JVM_OPTIONS}, one option per line, passed as
 * {@code java @file}), the daemon's class-data-sharing archive ({@value #ARCHIVE}) when it exists,
 * {@code $STYXY_JAVA_OPTS}, and {@code -jar styxy.jar daemon run --home H --port P}. The launcher
 * script builds the same line for {@code styxy daemon run}.
 *
 * <p>Files are looked up relative to the jar: the options file next to it (a flat install) or in
 * {@code ../bin/} (the source tree: {@code coordinator/target/styxy.jar} and
 * {@code coordinator/bin/}); the archive next to the jar, where the build writes it.
 */
final class DaemonLaunch {
  static final String JVM_OPTIONS = "styxy-daemon.jvmopts";
  static final String ARCHIVE = "styxy-daemon.jsa";

  private final Path jar;
  private final String javaOptions;

  /**
   * @param jar the packaged styxy.jar
   * @param javaOptions extra JVM options separated by spaces ({@code $STYXY_JAVA_OPTS}), or null
   */
  DaemonLaunch(Path jar, String javaOptions) {
    this.jar = jar;
    this.javaOptions = javaOptions;
  }

  /**
   * The launch of the jar this code runs from.
   *
   * @throws CliFailure when this code does not run from a jar (an IDE, the unit tests)
   */
  static DaemonLaunch fromRunningJar() {
    try {
      Path path = Path.of(DaemonLaunch.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      if (Files.isRegularFile(path)) {
        return new DaemonLaunch(path, System.getenv("STYXY_JAVA_OPTS"));
      }
    } catch (URISyntaxException | RuntimeException e) {
      // reported below
    }
    throw new CliFailure(ExitCodes.FAILURE, "NO_JAR", "starting the daemon needs the packaged "
        + "styxy.jar; build it with: mvn -B -q package -DskipTests");
  }

  Path jar() {
    return jar;
  }

  /** The daemon's JVM options file, if there is one where this launch looks. */
  Optional<Path> jvmOptionsFile() {
    Path dir = jar.toAbsolutePath().getParent();
    return Stream.of(dir.resolve(JVM_OPTIONS), dir.resolveSibling("bin").resolve(JVM_OPTIONS))
        .filter(Files::isRegularFile).findFirst();
  }

  /** {@code java [@options] [archive] [$STYXY_JAVA_OPTS] -jar styxy.jar daemon run …}. */
  List<String> command(Path home, int port) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    jvmOptionsFile().ifPresent(file -> command.add("@" + file));
    Path archive = jar.toAbsolutePath().resolveSibling(ARCHIVE);
    if (Files.isRegularFile(archive)) {
      // -Xshare:auto runs without an archive that no longer fits the jar; -Xlog keeps quiet.
      command.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive,
          "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    if (javaOptions != null && !javaOptions.isBlank()) {
      command.addAll(Arrays.asList(javaOptions.strip().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "daemon", "run",
        "--home", home.toAbsolutePath().toString(), "--port", Integer.toString(port)));
    return command;
  }
}
