package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Start-up problems end the process with status 1 and one line on stderr naming the problem. */
class StartupErrorIT extends LiveDaemonTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void takenPortExitsOneWithALineNamingThePortAndItsHolder() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      daemon = DaemonProcess.start(home, held.getLocalPort(), dir, "taken");

      assertEquals(1, daemon.awaitExit(EXIT_TIMEOUT), daemon.output());
      String line = oneLine(daemon.stderr());
      assertTrue(line.startsWith("port " + held.getLocalPort() + " on 127.0.0.1 is already in "
          + "use (held by pid " + ProcessHandle.current().pid()), daemon.output());
      assertTrue(line.endsWith("choose another with --port or STYXY_PORT"), line);
    }
  }

  @Test
  void malformedUserConfigExitsOneWithALineNamingTheFile() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Files.writeString(home.resolve("config.json"), "{\"service_types\": {\"web\": ");
    daemon = DaemonProcess.start(home, DaemonProcess.freePort(), dir, "malformed");

    assertEquals(1, daemon.awaitExit(EXIT_TIMEOUT), daemon.output());
    assertTrue(oneLine(daemon.stderr()).startsWith("config.json: "), daemon.output());
  }

  /** The stderr text, asserted to be exactly one line (no stack trace). */
  private String oneLine(String stderr) {
    String text = stderr.strip();
    assertEquals(1, text.lines().count(), "expected one line on stderr:\n" + stderr);
    return text;
  }
}
