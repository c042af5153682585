package dev.styxy.coordinator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.api.AllocateResponse;
import dev.styxy.http.api.DryRunResponse;
import dev.styxy.http.api.ExistingAllocationResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code styxy allocate -s TYPE}: reserves a port through {@code POST /allocate}. The instance id
 * is {@code $CLAUDE_INSTANCE_ID} (or {@code cli}) and the project the working folder, as the
 * original CLI sent them. Getting back the live allocation that already answers the request
 * (single-instance type, repeated named claim) is a success, unlike in the original. With
 * {@code --ttl} the allocation gets a lease that {@code styxy heartbeat} renews.
 */
@Command(name = "allocate", description = "Allocate a port for a service.")
public final class AllocateCommand extends ClientCommand {
  @Mixin
  ServiceOptions service = new ServiceOptions();

  @Option(names = "--pid", paramLabel = "N",
      description = "Process that owns the port; the allocation ends when it exits.")
  Long pid;

  @Option(names = "--dry-run", description = "Show the port that would be allocated; reserve none.")
  boolean dryRun;

  @Option(names = "--ttl", paramLabel = "SECONDS",
      description = "Lease length: the allocation ends unless renewed (styxy heartbeat) in time.")
  Integer ttl;

  @Option(names = "--health-url", paramLabel = "URL",
      description = "Local http(s) URL whose 2xx answer means the service is healthy.")
  String healthUrl;

  @Override
  ApiReply send(DaemonClient client) {
    return client.post("/allocate",
        service.request(pid, dryRun ? Boolean.TRUE : null, ttl, healthUrl));
  }

  /** {@code $CLAUDE_INSTANCE_ID}, else {@code cli}, as the original CLI sent. */
  static String instanceId() {
    String instance = System.getenv("CLAUDE_INSTANCE_ID");
    return instance == null || instance.isBlank() ? "cli" : instance;
  }

  /** {@code project} made absolute, else the working folder. */
  static String projectPath(Path project) {
    Path chosen = project != null ? project : Path.of(System.getProperty("user.dir"));
    return chosen.toAbsolutePath().normalize().toString();
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(service.serviceType, reply));
    return ExitCodes.OK;
  }

  /** The human output for a successful {@code /allocate} reply of any of its three shapes. */
  static String format(String serviceType, ApiReply reply) {
    JsonNode tree = reply.tree();
    List<String> lines = new ArrayList<>();
    if (tree.path("dry_run").asBoolean(false)) {
      DryRunResponse dry = reply.as(DryRunResponse.class);
      lines.add("✅ " + dry.message());
      lines.add("Nothing was allocated (dry run).");
      return join(lines);
    }
    if (tree.path("auto_allocated").asBoolean(false)) {
      JsonNode range = tree.path("allocated_range");
      lines.add("🔧 Service type '" + serviceType + "' was automatically allocated");
      lines.add("   New port range: " + range.path(0).asText() + "-" + range.path(1).asText());
      lines.add("   Chunk size: " + tree.path("chunk_size").asText() + " ports");
      lines.add("   Placement: " + tree.path("placement").asText());
      lines.add("");
    }
    int port;
    String lockId;
    String leaseExpiresAt;
    Integer leaseTtl;
    if (tree.path("existing").asBoolean(false)) {
      ExistingAllocationResponse existing = reply.as(ExistingAllocationResponse.class);
      port = existing.port();
      lockId = existing.lockId() != null ? existing.lockId() : existing.lockIdCompat();
      leaseExpiresAt = existing.leaseExpiresAt();
      leaseTtl = existing.leaseTtlSeconds();
      lines.add("✅ " + existing.message());
      lines.add("ℹ️  This is the existing allocation"
          + (existing.existingInstanceId() == null ? ""
              : " (instance " + existing.existingInstanceId() + ")")
          + "; no new port was reserved.");
    } else {
      AllocateResponse allocated = reply.as(AllocateResponse.class);
      port = allocated.port();
      lockId = allocated.lockId();
      leaseExpiresAt = allocated.leaseExpiresAt();
      leaseTtl = allocated.leaseTtlSeconds();
      lines.add("✅ " + allocated.message());
    }
    lines.add("Lock ID: " + lockId);
    if (leaseExpiresAt != null) {
      lines.add("Lease: " + (leaseTtl == null ? "" : leaseTtl + " s, ") + "expires "
          + leaseExpiresAt + "; renew with: styxy heartbeat " + lockId);
    }
    lines.add("");
    lines.add("Use this port for your " + serviceType + " service: " + port);
    return join(lines);
  }
}
