package dev.styxy.http;

import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.actors.RegistryReport;
import dev.styxy.config.DiskSettings;
import dev.styxy.http.api.HealthResponse;
import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * Builds the {@code GET /health} body from the supervisor's status and the home folder's files,
 * and decides whether it is a 200: the daemon is {@code READY} and no component fails. A disk
 * below {@code styxy.disk.fail-below-free} fails (the next journal write may not fit), so the
 * reply is 503 though the registry still serves requests.
 */
final class HealthReport {
  static final String OK = "ok";
  static final String WARN = "warn";
  static final String FAIL = "fail";

  private HealthReport() {}

  /** Whether the body is answered 200. */
  static boolean healthy(HealthResponse body) {
    return "READY".equals(body.state()) && !FAIL.equals(body.components().disk().status());
  }

  /** The body for {@code s} and {@code files}. */
  static HealthResponse view(RecoverySupervisor.Status s, HomeFiles files, HealthSources sources,
      String version) {
    HealthResponse.Disk disk = disk(files, sources);
    HealthResponse.Components components = new HealthResponse.Components(
        new HealthResponse.Registry(registryStatus(s), s.restarts(), s.recentRestarts()),
        new HealthResponse.Journal(s.journalError() == null ? "up" : "failing",
            s.journalError(), ApiJson.iso(s.journalErrorAt()), s.journalError() == null,
            files.journalBytes()),
        new HealthResponse.Monitor(monitorStatus(s, sources), sources.monitorEnabled(),
            s.watchers()),
        disk);
    String status = status(s.state(), disk.status());
    String detail = s.detail();
    if (s.state() == RecoverySupervisor.Readiness.READY && !OK.equals(disk.status())) {
      detail = diskDetail(disk);
    }
    double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    return new HealthResponse(status, s.state().name(), detail, ApiJson.iso(Instant.now()),
        uptime, version, components, recovery(s.lastRecovery()), s.notice());
  }

  private static String status(RecoverySupervisor.Readiness state, String diskStatus) {
    return switch (state) {
      case READY -> FAIL.equals(diskStatus) ? "degraded"
          : WARN.equals(diskStatus) ? "warning" : "healthy";
      case RECOVERING -> "recovering";
      case DEGRADED -> "degraded";
    };
  }

  private static String registryStatus(RecoverySupervisor.Status s) {
    if (s.registryUp()) {
      return "up";
    }
    return s.state() == RecoverySupervisor.Readiness.RECOVERING ? "recovering" : "down";
  }

  private static String monitorStatus(RecoverySupervisor.Status s, HealthSources sources) {
    if (!sources.monitorEnabled()) {
      return "disabled";
    }
    return s.registryUp() ? "up" : "down";
  }

  /** {@code ok}, {@code warn} or {@code fail} against the thresholds; unreadable warns. */
  static HealthResponse.Disk disk(HomeFiles files, HealthSources sources) {
    DiskSettings limits = sources.disk();
    String status;
    if (files.freeBytes() == null) {
      status = WARN;
    } else if (files.freeBytes() < limits.failBelowFreeBytes()) {
      status = FAIL;
    } else if (files.freeBytes() < limits.warnBelowFreeBytes()) {
      status = WARN;
    } else {
      status = OK;
    }
    return new HealthResponse.Disk(status, sources.home().toString(), files.freeBytes(),
        files.totalBytes(), limits.warnBelowFreeBytes(), limits.failBelowFreeBytes(),
        files.diskError());
  }

  private static String diskDetail(HealthResponse.Disk disk) {
    if (disk.freeBytes() == null) {
      return "the registry serves requests, but " + disk.error();
    }
    String limit = FAIL.equals(disk.status())
        ? "styxy.disk.fail-below-free (" + disk.failBelowFreeBytes() + " bytes)"
        : "styxy.disk.warn-below-free (" + disk.warnBelowFreeBytes() + " bytes)";
    return "only " + disk.freeBytes() + " bytes are free on the file system of " + disk.path()
        + ", below " + limit + "; journal writes fail when it is full";
  }

  private static HealthResponse.Recovery recovery(RegistryReport.Reconciled r) {
    if (r == null) {
      return null;
    }
    return new HealthResponse.Recovery(r.live(), r.checked(), r.orphaned(), r.duplicates(),
        r.foreign().stream().map(f -> new HealthResponse.Foreign(f.port(), f.id().toString(),
            f.serviceType(), f.ownerPid(), f.holder())).toList(),
        r.replayMillis(), r.reconcileMillis());
  }
}
