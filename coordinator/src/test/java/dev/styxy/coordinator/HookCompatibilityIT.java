package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Existing clients against the real daemon, replayed with curl and grep exactly as they run
 * (test resource {@code hooks/replay.sh}): the original's session-start hook (register with
 * {@code instance_id}, {@code working_directory}, {@code metadata}, then a heartbeat), its
 * tool-intercept hooks (allocate, then {@code grep -o '"port":[0-9]*'} and
 * {@code grep -o '"lock_id":"[^"]*"'}), and the original CLI's check, scan, cleanup and release.
 */
class HookCompatibilityIT {
  @TempDir
  Path dir;

  @Test
  void theOriginalHooksAndCliRequestsWorkAgainstTheDaemon() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    int port = DaemonProcess.freePort();
    try (DaemonProcess daemon = DaemonProcess.startReady(home, port, dir, "daemon")) {
      Path script = Path.of(getClass().getResource("/hooks/replay.sh").toURI());
      ProcessBuilder builder = new ProcessBuilder("sh", script.toString())
          .redirectErrorStream(true).directory(dir.toFile());
      builder.environment().put("STYXY_URL", "http://127.0.0.1:" + port);
      builder.environment().put("TOKEN",
          Files.readString(home.resolve("auth.token"), StandardCharsets.UTF_8).strip());
      Process replay = builder.start();
      String output = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(replay.waitFor(60, TimeUnit.SECONDS), output);
      assertEquals(0, replay.exitValue(), output);
      Map<String, String> seen = new HashMap<>();
      output.lines().filter(l -> l.contains("="))
          .forEach(l -> seen.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
      assertEquals("yes", seen.get("REGISTERED"), output);
      assertEquals("yes", seen.get("HEARTBEAT"), output);
      assertEquals("yes", seen.get("RUNNING"), output);
      assertTrue(seen.get("PORT").matches("\\d+"), output);
      assertTrue(seen.get("LOCK").matches("[0-9a-f-]{36}"), output);
      assertEquals("1", seen.get("PORT_KEYS"), output);
      assertEquals("held", seen.get("CHECK"), output);
      assertEquals("found", seen.get("SCAN"), output);
      assertEquals("ok", seen.get("CLEANUP"), output);
      assertEquals("yes", seen.get("RELEASED"), output);
      assertEquals("0", seen.get("PORT_KEYS_AFTER"), output);
    }
  }
}
