package dev.styxy.coordinator.doctor;

import dev.styxy.http.api.HealthResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What the daemon says about itself in {@code GET /health}, as findings: its readiness (with
 * {@code styxy doctor --ack} for a notice awaiting acknowledgement), each component, and the
 * allocated ports the last reconciliation found held by another process.
 */
final class HealthFindings {
  private HealthFindings() {}

  /** @param logFile the daemon's log, named where the log says more than the reply */
  static List<Finding> of(HealthResponse h, String logFile) {
    List<Finding> findings = new ArrayList<>();
    findings.add(state(h, logFile));
    HealthResponse.Components c = h.components();
    if (c != null) {
      if (c.registry() != null) {
        findings.add(registry(c.registry()));
      }
      if (c.journal() != null) {
        findings.add(journal(c.journal(), logFile));
      }
      if (c.healthMonitor() != null) {
        findings.add(monitor(c.healthMonitor()));
      }
      if (c.disk() != null) {
        findings.add(disk(c.disk()));
      }
    }
    if (h.lastRecovery() != null && h.lastRecovery().foreign() != null) {
      h.lastRecovery().foreign().forEach(f -> findings.add(Finding.warn("ports", "port "
          + f.port() + " of " + f.serviceType() + " (lock " + f.lockId() + ", owner pid "
          + f.ownerPid() + ") is " + f.holder(), "styxy release " + f.lockId())));
    }
    return findings;
  }

  private static Finding state(HealthResponse h, String logFile) {
    if (h.notice() != null) {
      return Finding.fail("state", "DEGRADED until acknowledged: " + h.notice(),
          "styxy doctor --ack");
    }
    if ("READY".equals(h.state())) {
      return Finding.ok("state", "READY: " + h.detail());
    }
    if ("RECOVERING".equals(h.state())) {
      return Finding.warn("state", "RECOVERING: " + h.detail() + " (requests get 503 until "
          + "it is READY)", null);
    }
    return Finding.fail("state", h.state() + ": " + h.detail() + "; see " + logFile, null);
  }

  private static Finding registry(HealthResponse.Registry r) {
    String found = "registry " + r.status() + ", " + r.restarts() + " restart(s) since start ("
        + r.recentRestarts() + " recent)";
    return switch (r.status()) {
      case "up" -> Finding.ok("registry", found);
      case "recovering" -> Finding.warn("registry", found, null);
      default -> Finding.fail("registry", found, null);
    };
  }

  private static Finding journal(HealthResponse.Journal j, String logFile) {
    if ("up".equals(j.status())) {
      return Finding.ok("journal", "the daemon's journal is up, last write ok");
    }
    return Finding.fail("journal", "the daemon's journal is " + j.status() + " since "
        + j.errorAt() + ": " + j.error() + "; see " + logFile, null);
  }

  private static Finding monitor(HealthResponse.Monitor m) {
    return switch (m.status()) {
      case "up" -> Finding.ok("health-monitor", "enabled, " + m.watchers() + " watcher(s)");
      case "disabled" -> Finding.ok("health-monitor", "disabled (styxy.health.enabled = false):"
          + " no probes; allocations end by release, lease expiry or instance removal");
      default -> Finding.warn("health-monitor", "health monitor " + m.status() + " while the "
          + "registry is down", null);
    };
  }

  private static Finding disk(HealthResponse.Disk d) {
    if (d.freeBytes() == null) {
      return Finding.warn("disk", "free space of " + d.path() + " unknown: " + d.error(), null);
    }
    String found = Bytes.human(d.freeBytes()) + " free of "
        + (d.totalBytes() == null ? "?" : Bytes.human(d.totalBytes())) + " on the file system "
        + "of " + d.path();
    return switch (d.status()) {
      case "ok" -> Finding.ok("disk", found);
      case "warn" -> Finding.warn("disk", found + ", below styxy.disk.warn-below-free ("
          + Bytes.human(d.warnBelowFreeBytes()) + ")", "du -xsh " + d.path() + "/* | sort -h");
      default -> Finding.fail("disk", found + ", below styxy.disk.fail-below-free ("
          + Bytes.human(d.failBelowFreeBytes()) + "): journal writes may fail",
          "du -xsh " + d.path() + "/* | sort -h");
    };
  }
}
