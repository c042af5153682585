package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon on a home left world-readable: the folder, the token and config.json are made
 * owner-only at start with a WARN each, and the token appears nowhere but in its file: not in
 * the daemon's command line or environment, its output, its log files, or an error body.
 */
class SecretsIT {
  private static final String TOKEN =
      "5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e70001";

  @TempDir
  Path dir;

  private DaemonProcess daemon;

  @AfterEach
  void stop() throws InterruptedException {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void looseModesAreFixedAtStartAndTheTokenNeverLeaks() throws Exception {
    assumeTrue(FilePermissions.posix());
    Path home = Files.createDirectory(dir.resolve("home"));
    Files.writeString(home.resolve("auth.token"), TOKEN + "\n");
    Files.writeString(home.resolve("config.json"), "{}");
    Files.setPosixFilePermissions(home.resolve("auth.token"),
        PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(home.resolve("config.json"),
        PosixFilePermissions.fromString("rw-rw-r--"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

    daemon = DaemonProcess.startReady(home, DaemonProcess.freePort(), dir, "secrets");

    assertEquals("rwx------", mode(home));
    assertEquals("rw-------", mode(home.resolve("auth.token")));
    assertEquals("rw-------", mode(home.resolve("config.json")));
    String out = daemon.output();
    assertTrue(out.contains("had mode 0755"), out);
    assertTrue(out.contains("auth token file " + home.resolve("auth.token") + " had mode 0644"),
        out);
    assertTrue(out.contains(home.resolve("config.json") + " had mode 0664"), out);

    HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + daemon.port() + "/allocations"))
        .header("Authorization", "Bearer " + TOKEN.substring(0, 63) + "0").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, refused.statusCode());
    assertFalse(refused.body().contains(TOKEN.substring(0, 16)), refused.body());

    long pid = daemon.process().pid();
    assertFalse(read(Path.of("/proc/" + pid + "/cmdline")).contains(TOKEN), "command line");
    assertFalse(read(Path.of("/proc/" + pid + "/environ")).contains(TOKEN), "environment");
    assertFalse(daemon.output().contains(TOKEN), "daemon output");
    assertTrue(daemon.output().contains("5ec2***0001"), "the masked token is logged");
    try (Stream<Path> logs = Files.walk(home.resolve("logs"))) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        assertFalse(read(log).contains(TOKEN), log.toString());
      }
    }
  }

  private static String read(Path file) throws Exception {
    if (!Files.isReadable(file)) {
      return "";
    }
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }
}
