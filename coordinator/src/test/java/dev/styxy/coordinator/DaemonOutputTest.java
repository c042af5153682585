package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.coordinator.cli.ApiReply;
import dev.styxy.coordinator.cli.DaemonEndpoint;
import dev.styxy.http.ApiJson;
import dev.styxy.http.api.StatusResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code daemon start}, {@code stop}, {@code status} and {@code run} print, for a person and
 * with {@code --json}, from outcomes built here (the live runs are in {@code LauncherIT}).
 */
class DaemonOutputTest {
  private static final Path HOME = Path.of("/home/me/.styxy");
  private static final DaemonEndpoint ENDPOINT =
      new DaemonEndpoint("http://127.0.0.1:9900", null, null);

  @TempDir
  Path dir;

  private static StatusResponse status(String state) {
    return new StatusResponse("running", 12.4, 3, 1, state, "1.2.3", null, null);
  }

  private static DaemonStarter.Started started(Long pid, String state, boolean already) {
    return new DaemonStarter.Started(pid, ENDPOINT.baseUrl(), HOME, status(state), already,
        already ? 0 : 1234);
  }

  private static String[] printed(DaemonStarter.Started started) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    DaemonStartCommand.print(started, new PrintWriter(out, true), new PrintWriter(err, true));
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void startSaysHowLongReadyTookAndThePid() {
    String[] printed = printed(started(4242L, "READY", false));

    assertEquals(" READY in 1.2 s\n✅ Styxy daemon 1.2.3 is running (PID: 4242)\n", printed[0]);
    assertEquals("", printed[1]);
  }

  @Test
  void startOfARunningDaemonSaysSoAndAnUnknownPidIsNamedUnknown() {
    assertEquals(" already running\n✅ Styxy daemon 1.2.3 is running (PID: unknown)\n",
        printed(started(null, "READY", true))[0]);
  }

  @Test
  void startOfADegradedDaemonPointsToDoctorOnStderr() {
    assertEquals("⚠ the daemon is DEGRADED: run 'styxy doctor' to see why\n",
        printed(started(4242L, "DEGRADED", false))[1]);
  }

  @Test
  void startJsonHasEveryFieldInOrder() {
    assertEquals("{\"success\":true,\"already_running\":false,\"pid\":4242,"
        + "\"url\":\"http://127.0.0.1:9900\",\"home\":\"/home/me/.styxy\",\"state\":\"READY\","
        + "\"version\":\"1.2.3\",\"startup_ms\":1234}",
        ApiJson.write(DaemonStartCommand.json(started(4242L, "READY", false))));
  }

  @Test
  void stopNamesThePidAndSaysWhenItTookASignal() {
    assertEquals("Stopped Styxy daemon (PID: 7)\n", DaemonStopCommand.format(
        new DaemonStopper.Stopped(7L, DaemonStopper.Method.SHUTDOWN_REQUEST, false)));
    assertEquals("Stopped Styxy daemon (PID: 7, SIGTERM)\n", DaemonStopCommand.format(
        new DaemonStopper.Stopped(7L, DaemonStopper.Method.SIGTERM, false)));
    assertEquals("Stopped Styxy daemon (PID: unknown)\n", DaemonStopCommand.format(
        new DaemonStopper.Stopped(null, DaemonStopper.Method.SHUTDOWN_REQUEST, false)));
  }

  @Test
  void stopWithNothingRunningSaysSoAndNamesAStalePidFile() {
    assertEquals("Styxy daemon is not running\n", DaemonStopCommand.format(
        new DaemonStopper.Stopped(null, DaemonStopper.Method.NOT_RUNNING, false)));
    assertEquals("Styxy daemon is not running (daemon.pid names a process that has exited)\n",
        DaemonStopCommand.format(
            new DaemonStopper.Stopped(null, DaemonStopper.Method.NOT_RUNNING, true)));
  }

  @Test
  void stopJsonSaysWhetherItWasRunningAndHow() {
    assertEquals("{\"success\":true,\"was_running\":true,\"pid\":7,\"method\":\"sigterm\","
        + "\"stale_pid_file\":false}", ApiJson.write(DaemonStopCommand.json(
            new DaemonStopper.Stopped(7L, DaemonStopper.Method.SIGTERM, false))));
    assertEquals("{\"success\":true,\"was_running\":false,\"pid\":null,"
        + "\"method\":\"not_running\",\"stale_pid_file\":true}", ApiJson.write(
            DaemonStopCommand.json(
                new DaemonStopper.Stopped(null, DaemonStopper.Method.NOT_RUNNING, true))));
  }

  @Test
  void statusPutsThePidOnTheFirstLineAndEndsWithUrlAndHome() {
    assertEquals("""
        Status: Running (PID: 4242)
        State: READY
        Version: 1.2.3
        Uptime: 12s
        Allocations: 3
        Instances: 1
        URL: http://127.0.0.1:9900
        Home: /home/me/.styxy
        """, DaemonStatusCommand.format(status("READY"), 4242L, ENDPOINT, HOME));
  }

  @Test
  void statusJsonEmbedsTheDaemonsStatusWhenRunning() throws Exception {
    ApiReply reply = new ApiReply(200, "{\"status\":\"running\",\"state\":\"READY\"}");

    JsonNode body = ApiJson.mapper().readTree(ApiJson.write(
        DaemonStatusCommand.json(reply, 4242L, false, ENDPOINT, HOME)));

    assertEquals(ApiJson.mapper().readTree("{\"running\":true,\"pid\":4242,"
        + "\"url\":\"http://127.0.0.1:9900\",\"home\":\"/home/me/.styxy\","
        + "\"stale_pid_file\":false,\"status\":{\"status\":\"running\",\"state\":\"READY\"}}"),
        body);
  }

  @Test
  void statusJsonOfAStoppedDaemonHasNoStatusAndFlagsAStalePidFile() {
    assertEquals("{\"running\":false,\"pid\":null,\"url\":\"http://127.0.0.1:9900\","
        + "\"home\":\"/home/me/.styxy\",\"stale_pid_file\":true,\"status\":null}",
        ApiJson.write(DaemonStatusCommand.json(null, null, true, ENDPOINT, HOME)));
  }

  @Test
  void daemonRunJsonReadyLineIsOneObjectInOrder() {
    assertEquals("{\"success\":true,\"url\":\"http://127.0.0.1:9900\",\"pid\":4242,"
        + "\"home\":\"/home/me/.styxy\",\"version\":\"1.2.3\"}",
        Daemon.readyJson(ENDPOINT.baseUrl(), 4242, HOME, "1.2.3"));
  }

  @Test
  void daemonRunJsonReportsABadSettingAsAStartupFailureBody() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int status = commandLine.execute("daemon", "run", "--json", "--port", "70000", "--home",
        dir.resolve("home").toString());

    assertEquals(1, status, out + "\n" + err);
    JsonNode body = ApiJson.mapper().readTree(out.toString());
    assertEquals(Map.of("success", "false", "code", "STARTUP_FAILED"), Map.of(
        "success", body.path("success").asText(), "code", body.path("code").asText()));
    assertTrue(body.path("error").asText().contains("70000"), body.toString());
    assertEquals(body.path("error").asText(), err.toString().strip(), "the same one line");
  }
}
