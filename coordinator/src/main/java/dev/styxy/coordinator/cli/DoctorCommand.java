package dev.styxy.coordinator.cli;

import dev.styxy.coordinator.doctor.Doctor;
import dev.styxy.coordinator.doctor.DoctorReport;
import dev.styxy.http.ApiJson;
import dev.styxy.http.api.HealthResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code styxy doctor [--json] [--ack]}: checks the daemon and its home folder and prints one line
 * per finding with the command that fixes it ({@link Doctor}); exits 5 when the daemon is
 * unreachable, 1 when a check fails, 0 otherwise (warnings alone do not fail). {@code --ack}
 * instead acknowledges the notice that keeps the daemon {@code DEGRADED} after a corrupt journal
 * was moved away ({@code POST /health/ack}) and prints what was acknowledged.
 */
@Command(name = "doctor",
    description = "Check the daemon, its files and its ports; print the fix for each problem.")
public final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print the findings as JSON.")
  boolean json;

  @Option(names = "--ack",
      description = "Acknowledge the notice that keeps the daemon DEGRADED (POST /health/ack).")
  boolean ack;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Path userHome = Path.of(System.getProperty("user.home"));
      DaemonEndpoint endpoint = DaemonEndpoint.fromEnvironment(System.getenv(), userHome);
      DaemonClient client = new DaemonClient(endpoint);
      if (ack) {
        return acknowledge(client, out, err);
      }
      DoctorReport report =
          Doctor.forMachine(client, DaemonEndpoint.home(System.getenv(), userHome)).run();
      if (json) {
        out.println(ApiJson.write(report));
      } else {
        report.lines().forEach(out::println);
      }
      return report.exitCode();
    } catch (CliFailure failure) {
      if (json) {
        out.println(ApiJson.write(Map.of("success", false, "error", failure.getMessage(),
            "code", failure.code())));
      }
      err.println(failure.getMessage());
      return failure.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Reads the pending notice, acknowledges it, and prints it with the state afterwards. */
  int acknowledge(DaemonClient client, PrintWriter out, PrintWriter err) {
    ApiReply before = client.get("/health", false);
    String notice = before.ok() || before.status() == 503
        ? before.as(HealthResponse.class).notice() : null;
    ApiReply reply = client.post("/health/ack", Map.of());
    if (reply.status() != 200 && reply.status() != 503) {
      err.println(ClientCommand.problemLine(reply, client.endpoint()));
      return ExitCodes.forStatus(reply.status());
    }
    HealthResponse after = reply.as(HealthResponse.class);
    boolean ready = reply.ok();
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("acknowledged", notice);
      body.put("state", after.state());
      body.put("status", after.status());
      body.put("detail", after.detail());
      out.println(ApiJson.write(body));
    } else {
      out.println(notice == null ? "Nothing to acknowledge." : "Acknowledged: " + notice);
      out.println("State: " + after.state() + (ready ? "" : " (" + after.detail() + ")"));
    }
    return ready ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
