package dev.styxy.coordinator.cli;

import dev.styxy.http.api.AllocateRequest;
import dev.styxy.http.api.AllocateResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code styxy run -s TYPE [-n NAME] [--env NAME] [--pid-of-child] -- CMD ARGS…}: allocates a
 * port, runs CMD with it in {@code PORT} and {@code STYXY_PORT} (and every {@code --env} name),
 * forwards SIGTERM, SIGHUP and SIGINT to it, releases the port when it exits, and exits with its
 * status (128+N when a signal N ended it).
 *
 * <p>The owner recorded with the allocation ({@code pid}) is by default this wrapper, CMD's
 * parent, which lives exactly as long as CMD: the daemon counts CMD and its descendants as the
 * owner's when it looks at who listens on the port, and ends the allocation by itself should the
 * wrapper be killed with SIGKILL (the one signal it cannot see). With {@code --pid-of-child} the
 * owner is CMD itself (see {@link PortHandoff}), so the allocation lives as long as CMD whatever
 * happens to the wrapper. Either way the port is allocated before CMD starts, so CMD never runs
 * without its port.
 */
@Command(name = "run", description = "Run a command with an allocated port in PORT; release the "
    + "port when the command exits.")
public final class RunCommand extends CliCommand {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @Mixin
  ServiceOptions service = new ServiceOptions();

  @Option(names = "--env", paramLabel = "NAME",
      description = "Also export the port as NAME (repeatable), for tools that read another "
          + "variable.")
  List<String> envNames = new ArrayList<>();

  @Option(names = "--pid-of-child", description = "Make CMD's PID, not this wrapper's, the "
      + "allocation's owner: the port stays allocated while CMD runs, even if the wrapper is "
      + "killed, and the daemon releases it when CMD is gone.")
  boolean pidOfChild;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
  List<String> command;

  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    envNames.stream().filter(n -> !ENV_NAME.matcher(n).matches()).findFirst().ifPresent(n -> {
      throw new CliFailure(ExitCodes.USAGE, "INVALID_ARGUMENT",
          "--env " + n + " is not a variable name (letters, digits and _, not first a digit)");
    });
    ChildProcess child = new ChildProcess();
    child.trapSignals();
    DaemonEndpoint endpoint = endpoint();
    DaemonClient client = new DaemonClient(endpoint);
    if (pidOfChild) {
      return runAsOwner(child, client, endpoint, out, err);
    }
    long pid = ProcessHandle.current().pid();
    AllocateResponse allocation = allocate(client, endpoint, pid);
    try {
      announce(allocation, pid, out, err);
      return child.run(command, environment(allocation.port(), allocation.lockId()));
    } finally {
      release(client, allocation, err);
    }
  }

  /** {@code --pid-of-child}: CMD starts as the stub, the port is allocated for its PID. */
  private int runAsOwner(ChildProcess child, DaemonClient client, DaemonEndpoint endpoint,
      PrintWriter out, PrintWriter err) {
    try (PortHandoff handoff = PortHandoff.create()) {
      OptionalInt early = child.start(handoff.stubCommand(envNames, command), Map.of());
      if (early.isPresent()) {
        return early.getAsInt();
      }
      handoff.readerStarted(child.onExit());
      AllocateResponse allocation;
      try {
        allocation = allocate(client, endpoint, child.pid());
      } catch (CliFailure failure) {
        handoff.cancel();
        child.await();
        throw failure;
      }
      try {
        announce(allocation, child.pid(), out, err);
        handoff.send(allocation.port(), allocation.lockId());
        return child.await();
      } finally {
        release(client, allocation, err);
      }
    }
  }

  /** The allocation, before CMD runs: one JSON object on stdout, or one line on stderr. */
  private void announce(AllocateResponse allocation, long owner, PrintWriter out,
      PrintWriter err) {
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", true);
      body.put("port", allocation.port());
      body.put("lock_id", allocation.lockId());
      body.put("pid", owner);
      printJson(out, body);
    } else {
      err.println("styxy: port " + allocation.port() + " allocated (lock " + allocation.lockId()
          + (pidOfChild ? ", owner pid " + owner : "") + "); running "
          + String.join(" ", command));
    }
    out.flush();
    err.flush();
  }

  /** The variables CMD gets: the port under every name, and the lock id. */
  Map<String, String> environment(int allocated, String lockId) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PORT", Integer.toString(allocated));
    env.put("STYXY_PORT", Integer.toString(allocated));
    envNames.forEach(n -> env.put(n, Integer.toString(allocated)));
    env.put("STYXY_LOCK_ID", lockId);
    return env;
  }

  private AllocateResponse allocate(DaemonClient client, DaemonEndpoint endpoint, long owner) {
    AllocateRequest request = service.request(owner, null, null, null);
    ApiReply reply = client.post("/allocate", request);
    if (!reply.ok()) {
      throw new CliFailure(ExitCodes.forStatus(reply.status()), "ALLOCATION_FAILED",
          ClientCommand.problemLine(reply, endpoint));
    }
    if (reply.tree().path("existing").asBoolean(false)) {
      // A single-instance type or a repeated name: the port belongs to a live holder already.
      throw new CliFailure(ExitCodes.CONFLICT, "ALREADY_ALLOCATED", "port "
          + reply.tree().path("port").asInt() + " is already held for this service by instance "
          + reply.tree().path("existingInstanceId").asText("?") + " (pid "
          + reply.tree().path("existingPid").asText("?") + "); not starting a second one");
    }
    return reply.as(AllocateResponse.class);
  }

  private static void release(DaemonClient client, AllocateResponse allocation,
      PrintWriter err) {
    try {
      ApiReply reply = client.delete("/allocate/" + ClientCommand.segment(allocation.lockId()));
      if (!reply.ok() && reply.status() != 404) {
        err.println("styxy: could not release port " + allocation.port() + ": "
            + reply.problemLine() + " (the daemon ends it when this process is gone)");
      }
    } catch (CliFailure e) {
      err.println("styxy: could not release port " + allocation.port() + ": " + e.getMessage()
          + " (the daemon ends it when this process is gone)");
    }
    err.flush();
  }

  /** Fails the command with CMD's start-up problem as the one line. */
  static CliFailure cannotStart(List<String> command, IOException e) {
    return new CliFailure(127, "CANNOT_RUN", "cannot run " + command.get(0) + ": "
        + e.getMessage());
  }
}
