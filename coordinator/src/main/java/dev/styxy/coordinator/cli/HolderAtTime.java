package dev.styxy.coordinator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import dev.styxy.http.api.AuditEventView;
import dev.styxy.http.api.AuditResponse;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code styxy audit --port P --at TIME}: who held port P at TIME and why that allocation ended.
 * Two reads of {@code GET /audit}: the last {@code allocated} event of P at or before TIME, then
 * the {@code released} event of its lock id. The reply handed to the renderer (and printed by
 * {@code --json}) is a small JSON document made here:
 * {@code {"port":P,"at":…,"held":bool,"allocation":{…}|null,"release":{…}|null}}.
 */
final class HolderAtTime {
  private HolderAtTime() {}

  static ApiReply ask(DaemonClient client, int port, Instant at) {
    ApiReply allocations = client.get("/audit?event=allocated&limit=1&port=" + port + "&until="
        + at, true);
    if (!allocations.ok()) {
      return allocations;
    }
    AuditEventView allocation = first(allocations);
    AuditEventView release = null;
    if (allocation != null) {
      ApiReply releases = client.get("/audit?event=released&limit=1&lock_id="
          + ClientCommand.segment(allocation.lockId()), true);
      if (!releases.ok()) {
        return releases;
      }
      release = first(releases);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("port", port);
    answer.put("at", ApiJson.iso(at));
    answer.put("held", allocation != null
        && (release == null || Instant.parse(release.timestamp()).isAfter(at)));
    answer.put("allocation", allocation);
    answer.put("release", release);
    return new ApiReply(200, ApiJson.write(answer));
  }

  /** 0 when the journal has an allocation of the port at or before the time, else 4. */
  static int exitCode(ApiReply reply) {
    if (!reply.ok()) {
      return ExitCodes.forStatus(reply.status());
    }
    return reply.tree().path("allocation").isObject() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }

  static int render(ApiReply reply, PrintWriter out) {
    JsonNode answer = reply.tree();
    int port = answer.path("port").asInt();
    String at = answer.path("at").asText();
    if (!answer.path("allocation").isObject()) {
      out.println("No allocation of port " + port + " at or before " + at + " in the journal");
      return ExitCodes.NOT_FOUND;
    }
    AuditEventView a = ApiJson.mapper().convertValue(answer.get("allocation"),
        AuditEventView.class);
    AuditEventView r = answer.path("release").isObject()
        ? ApiJson.mapper().convertValue(answer.get("release"), AuditEventView.class) : null;
    String who = AuditCommand.owner(a.owner()) + ", service type " + a.serviceType()
        + (a.owner() != null && a.owner().projectPath() != null
            ? ", project " + a.owner().projectPath() : "");
    out.println(answer.path("held").asBoolean()
        ? "Port " + port + " at " + at + " was held by " + who
        : "Port " + port + " was free at " + at + "; it was last held by " + who);
    out.println("  allocated " + a.timestamp() + " by " + a.actor() + " (lock " + a.lockId()
        + ", request " + AuditCommand.text(a.requestId()) + ")");
    if (r == null) {
      out.println("  not released yet");
    } else {
      out.println("  released  " + r.timestamp() + " by " + r.actor() + ", reason "
          + r.reason() + " (request " + AuditCommand.text(r.requestId()) + ")");
    }
    return ExitCodes.OK;
  }

  private static AuditEventView first(ApiReply reply) {
    AuditResponse page = reply.as(AuditResponse.class);
    return page.events().isEmpty() ? null : page.events().get(0);
  }
}
