package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port held by a process Styxy knows nothing about ({@code python3 -m http.server}) is never
 * handed out, even as a type's first preferred port, and {@code /check} names the holder.
 */
class OutsideListenerIT {
  @TempDir
  Path dir;

  private Process python;
  private DaemonProcess daemon;

  @AfterEach
  void stop() throws InterruptedException {
    if (daemon != null) {
      daemon.close();
    }
    if (python != null) {
      python.descendants().forEach(ProcessHandle::destroyForcibly);
      python.destroyForcibly();
      python.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void portHeldByAnOutsideListenerIsSkippedAndItsHolderNamed() throws Exception {
    assumeTrue(pythonAvailable(), "python3 is not installed");
    int held = DaemonProcess.freePort();
    assumeTrue(held + 20 <= 65535);
    python = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(held),
        "--bind", "127.0.0.1").redirectErrorStream(true)
        .redirectOutput(dir.resolve("python.out").toFile()).start();
    awaitListening(python, held);
    Path home = Files.createDirectory(dir.resolve("home"));
    Files.writeString(home.resolve("config.json"), "{\"service_types\":{\"pyweb\":{"
        + "\"preferred_ports\":[" + held + "," + (held + 1) + "],"
        + "\"port_range\":[" + held + "," + (held + 20) + "]}}}");
    daemon = DaemonProcess.startReady(home, DaemonProcess.freePort(), dir, "daemon");

    HttpResponse<String> allocated = daemon.post("/allocate",
        "{\"service_type\":\"pyweb\",\"service_name\":\"next-to-python\"}");
    HttpResponse<String> check = daemon.get("/check/" + held);

    assertEquals(200, allocated.statusCode(), allocated.body());
    assertNotEquals(held, ApiJson.mapper().readTree(allocated.body()).path("port").asInt(),
        allocated.body());
    assertEquals(200, check.statusCode(), check.body());
    JsonNode body = ApiJson.mapper().readTree(check.body());
    assertFalse(body.path("available").asBoolean(true), check.body());
    JsonNode usage = body.path("system_usage");
    Set<Long> pythonPids = python.descendants().map(ProcessHandle::pid)
        .collect(Collectors.toSet());
    pythonPids.add(python.pid());
    assertTrue(pythonPids.contains(usage.path("pid").asLong()), check.body());
    assertTrue((usage.path("process").asText() + usage.path("command").asText())
        .contains("python"), check.body());
  }

  /** Whether {@code python3} runs here (tests that need an outside listener skip without). */
  static boolean pythonAvailable() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits until {@code python} accepts connections on {@code port}, at most 15 s. */
  static void awaitListening(Process python, int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!python.isAlive()) {
        fail("python3 http.server exited with " + python.exitValue());
      }
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    }
    fail("python3 http.server did not listen on " + port + " within 15 s");
  }
}
