package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.coordinator.LauncherRuns.Run;
import dev.styxy.http.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code styxy run --pid-of-child} through the launcher against the real jar: the allocation's
 * owner is CMD's PID, CMD gets its arguments as given, its status and signals pass through, and
 * the port ends with CMD, whether the wrapper is alive or was killed before it. Probes run every
 * 300 ms (config.json), so a dead owner is seen within a second or two.
 */
class RunPidOfChildIT extends LiveDaemonTest {
  /** An argument that a shell would run if it were ever pasted into shell text. */
  private static final String HOSTILE = "'$(touch pwned)'; \"a b\" `touch pwned2` *";

  private LauncherRuns runs;
  private Path home;
  private final List<ProcessHandle> started = new ArrayList<>();

  @BeforeEach
  void startDaemon() throws IOException {
    runs = new LauncherRuns(dir);
    home = Files.createDirectory(dir.resolve("home"));
    Files.writeString(home.resolve("config.json"), "{\"recovery\":{\"health_monitoring\":{"
        + "\"enabled\":true,\"check_interval_ms\":300,\"max_failures\":2}}}");
    daemon = DaemonProcess.start(home, DaemonProcess.freePort(), dir, "daemon",
        List.of("-Dstyxy.health.grace-period=1s", "-Dstyxy.health.jitter=0"));
    daemon.awaitReady();
  }

  @AfterEach
  void endWhatTheTestStarted() {
    started.forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void cmdGetsItsArgumentsUnchangedAndItsStatusIsTheWrappers() throws Exception {
    Run run = runs.run(home, daemon.port(), "run", "--pid-of-child", "--json", "-s", "dev",
        "--env", "VITE_PORT", "--", "sh", "-c",
        "echo \"$$ $PORT $STYXY_PORT $VITE_PORT\"; for a; do echo \"[$a]\"; done; exit 7",
        "sh", HOSTILE, "", "--");

    assertEquals(7, run.status(), run.all());
    List<String> lines = run.out().lines().toList();
    JsonNode allocated = ApiJson.mapper().readTree(lines.get(0));
    long pid = allocated.path("pid").asLong();
    int port = allocated.path("port").asInt();
    assertEquals(List.of(pid + " " + port + " " + port + " " + port, "[" + HOSTILE + "]", "[]",
        "[--]"), lines.subList(1, lines.size()), "CMD ran as the owner pid: " + run.all());
    assertFalse(Files.exists(dir.resolve("pwned")) || Files.exists(dir.resolve("pwned2")));
    assertEquals("", LauncherRuns.allocations(daemon), "released after exit");
  }

  @Test
  void cmdOwnsThePortAndItIsReleasedWhenCmdIsKilled() throws Exception {
    Process wrapper = runs.styxy(home, daemon.port(), "run", "--pid-of-child", "-s", "dev",
        "--", "sleep", "120").start();
    ProcessHandle cmd = awaitSleep(wrapper);

    JsonNode allocation = onlyAllocation();
    assertEquals(cmd.pid(), allocation.path("pid").asLong(), allocation.toString());
    assertEquals(wrapper.pid(), cmd.parent().map(ProcessHandle::pid).orElse(-1L),
        "the stub became CMD: same PID, started directly by the wrapper");

    cmd.destroyForcibly();
    Run run = runs.finish(wrapper);
    assertEquals(137, run.status(), run.all());
    assertEquals("", LauncherRuns.allocations(daemon), run.all());
  }

  @Test
  void termToTheWrapperReachesCmdAndThePortIsReleased() throws Exception {
    Process wrapper = runs.styxy(home, daemon.port(), "run", "--pid-of-child", "-s", "dev",
        "--", "sleep", "120").start();
    awaitSleep(wrapper);

    wrapper.destroy();
    Run run = runs.finish(wrapper);
    assertEquals(143, run.status(), run.all());
    assertEquals("", LauncherRuns.allocations(daemon), run.all());
  }

  /**
   * Both wrappers are killed with SIGKILL: the daemon ends the allocation owned by the plain
   * wrapper, and keeps the one owned by CMD until CMD is gone too.
   */
  @Test
  void theAllocationOutlivesAKilledWrapperAndEndsWithCmd() throws Exception {
    Process plain = runs.styxy(home, daemon.port(), "run", "-s", "dev", "-n", "plain", "--",
        "sleep", "120").start();
    awaitSleep(plain);
    Process owned = runs.styxy(home, daemon.port(), "run", "--pid-of-child", "-s", "dev", "-n",
        "owned", "--", "sleep", "120").start();
    ProcessHandle cmd = awaitSleep(owned);

    plain.destroyForcibly();
    owned.destroyForcibly();
    LauncherRuns.await(() -> !LauncherRuns.allocations(daemon).contains("\"plain\""));
    JsonNode kept = onlyAllocation();
    assertEquals("owned", kept.path("service_name").asText(), kept.toString());
    assertTrue(cmd.isAlive());

    cmd.destroyForcibly();
    LauncherRuns.await(() -> LauncherRuns.allocations(daemon).isEmpty());
    JsonNode released = ApiJson.mapper().readTree(daemon.get("/allocations/history").body())
        .path("recently_released").get(0);
    assertEquals("owner_exited", released.path("reason").asText(), released.toString());
  }

  @Test
  void cmdNeverRunsWhenThePortCannotBeAllocated() throws Exception {
    Run run = runs.run(home, DaemonProcess.freePort(), "run", "--pid-of-child", "-s", "dev",
        "--", "touch", "ran");

    assertEquals(5, run.status(), run.all());
    assertTrue(run.err().contains("not running"), run.all());
    assertFalse(Files.exists(dir.resolve("ran")), run.all());
  }

  /** CMD ({@code sleep}) once the wrapper has started it and it is the allocation's owner. */
  private ProcessHandle awaitSleep(Process wrapper) {
    started.add(wrapper.toHandle());
    LauncherRuns.await(() -> LauncherRuns.descendant(wrapper, "sleep").isPresent());
    ProcessHandle sleep = LauncherRuns.descendant(wrapper, "sleep").orElseThrow();
    started.add(sleep);
    return sleep;
  }

  private JsonNode onlyAllocation() {
    try {
      JsonNode all = ApiJson.mapper().readTree(daemon.get("/allocations").body())
          .path("allocations");
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
