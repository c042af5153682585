package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code config.json} changed while the daemon runs: {@code styxy config reload} refuses a bad file
 * (exit 1, the running config stays) and applies a good one; SIGHUP applies it too.
 */
class ConfigReloadIT extends LiveDaemonTest {

  @Test
  void theCommandRefusesABadFileAndAppliesAGoodOneAndSighupDoesTheSame() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    daemon = DaemonProcess.startReady(home, DaemonProcess.freePort(), dir, "daemon");
    Files.writeString(home.resolve("config.json"),
        "{\"service_types\":{\"grafana\":{\"port_range\":[13000,13000,13001]}}}");
    Process bad = cli(home, "bad", "config", "reload");
    assertEquals(1, bad.exitValue(), read("bad.err"));
    assertTrue(read("bad.err").contains("config.json: service_types.grafana.port_range: must be "
        + "[start, end]"), read("bad.err"));
    assertTrue(!types().has("grafana"), "the running configuration stays");

    Files.writeString(home.resolve("config.json"),
        "{\"service_types\":{\"grafana\":{\"port_range\":[13000,13019]}}}");
    Process good = cli(home, "good", "config", "reload");
    assertEquals(0, good.exitValue(), read("good.err"));
    assertTrue(read("good.out").contains("Configuration reloaded: 18 service types"),
        read("good.out"));
    assertEquals("[13000,13019]", types().path("grafana").path("range").toString());

    Files.writeString(home.resolve("config.json"),
        "{\"service_types\":{\"loki\":{\"port_range\":[13100,13119]}}}");
    Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(daemon.process().pid()))
        .start();
    assertTrue(hup.waitFor(10, TimeUnit.SECONDS) && hup.exitValue() == 0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!types().has("loki")) {
      if (System.nanoTime() > deadline) {
        fail("SIGHUP did not reload config.json; " + daemon.output());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    assertTrue(daemon.process().isAlive(), "SIGHUP must not stop the daemon");
    assertTrue(!types().has("grafana"), "the file no longer has grafana");
  }

  private JsonNode types() throws Exception {
    return ApiJson.mapper().readTree(daemon.get("/config").body()).path("service_types");
  }

  private Process cli(Path home, String name, String... args) throws Exception {
    Process p = DaemonProcess.jarProcess(DaemonProcess.CLI_JVM, Map.of("STYXY_HOME",
        home.toString(), "STYXY_DAEMON_PORT", Integer.toString(daemon.port())), dir, name, args)
        .start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "CLI did not finish");
    return p;
  }

  private String read(String file) throws Exception {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }
}
