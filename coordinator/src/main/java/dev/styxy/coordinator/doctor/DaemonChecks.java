package dev.styxy.coordinator.doctor;

import dev.styxy.config.PortRange;
import dev.styxy.coordinator.cli.ApiReply;
import dev.styxy.coordinator.cli.CliFailure;
import dev.styxy.coordinator.cli.DaemonClient;
import dev.styxy.coordinator.cli.ExitCodes;
import dev.styxy.http.ApiJson;
import dev.styxy.http.api.ConfigResponse;
import dev.styxy.http.api.HealthResponse;
import dev.styxy.http.api.ScanResponse;
import dev.styxy.http.api.StatusResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks that ask the daemon, over its HTTP API only: is it reachable ({@code /status}),
 * does it accept our token and which ranges does it manage ({@code /config}), what it says about
 * itself and its clock ({@code /health}), and which managed ports outside processes hold
 * ({@code /scan}). A daemon that stops answering half-way is a failure of the check at hand.
 */
final class DaemonChecks {
  private final DaemonClient client;
  private final Clock clock;

  DaemonChecks(DaemonClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Whether a Styxy daemon answers {@code /status}: ok, or a failure saying what answered. */
  Finding reachability() {
    String url = client.endpoint().baseUrl();
    try {
      ApiReply reply = client.get("/status", false);
      if (!reply.ok()) {
        return Finding.fail("daemon", "something answers at " + url + " but not like a Styxy "
            + "daemon (HTTP " + reply.status() + ")", null);
      }
      StatusResponse s = reply.as(StatusResponse.class);
      return Finding.ok("daemon", "running at " + url + ", state " + s.state() + ", version "
          + s.version());
    } catch (CliFailure e) {
      return Finding.fail("daemon", e.getMessage(), "styxy daemon start");
    }
  }

  /**
   * The daemon's managed ranges ({@code GET /config}, which needs the token).
   *
   * @param findings receives a failure when the token is refused or the request fails
   * @return the ranges, empty when they could not be read
   */
  Optional<List<ConfigChecks.Managed>> ranges(List<Finding> findings) {
    try {
      ApiReply reply = client.get("/config", true);
      if (reply.status() == 401) {
        String why = client.endpoint().token() == null ? "requires a token and there is none at "
            : "refused the token in ";
        findings.add(Finding.fail("token", "the daemon " + why + client.endpoint().tokenFile()
            + ": this is not the daemon's home folder", "export STYXY_HOME=<the daemon's home>"));
        return Optional.empty();
      }
      if (!reply.ok()) {
        findings.add(Finding.fail("config", "GET /config failed: " + reply.problemLine(), null));
        return Optional.empty();
      }
      List<ConfigChecks.Managed> ranges = new ArrayList<>();
      reply.as(ConfigResponse.class).serviceTypes().forEach((name, t) -> ranges.add(
          new ConfigChecks.Managed(name, new PortRange(t.range().get(0), t.range().get(1)),
              t.source())));
      return Optional.of(ranges);
    } catch (CliFailure e) {
      findings.add(Finding.fail("config", e.getMessage(), null));
      return Optional.empty();
    }
  }

  /** {@code GET /health} as findings, plus the daemon's clock against this machine's. */
  List<Finding> health(String logFile) {
    try {
      Instant before = clock.instant();
      ApiReply reply = client.get("/health", false);
      Instant after = clock.instant();
      if (reply.status() != 200 && reply.status() != 503) {
        return List.of(Finding.fail("state", "GET /health failed: " + reply.problemLine(), null));
      }
      HealthResponse h = reply.as(HealthResponse.class);
      List<Finding> findings = new ArrayList<>(HealthFindings.of(h, logFile));
      if (h.timestamp() != null) {
        findings.add(ClockChecks.daemon(parse(h.timestamp()), before, after));
      }
      return findings;
    } catch (CliFailure e) {
      return List.of(Finding.fail("state", e.getMessage(), null));
    }
  }

  /** Outside listeners in {@code ranges}, from one scan over their span. */
  List<Finding> outsideHolders(List<ConfigChecks.Managed> ranges) {
    Optional<PortRange> span = OutsideHolders.span(ranges);
    if (span.isEmpty()) {
      return List.of(Finding.ok("ports", "no managed ranges to scan"));
    }
    try {
      ApiReply reply = client.get("/scan?start=" + span.get().start() + "&end="
          + span.get().end(), true);
      if (!reply.ok()) {
        return List.of(Finding.fail("ports", "GET /scan failed: " + reply.problemLine(), null));
      }
      return OutsideHolders.find(ranges, reply.as(ScanResponse.class), daemonPort());
    } catch (CliFailure e) {
      return List.of(Finding.fail("ports", e.getMessage(), null));
    }
  }

  private int daemonPort() {
    URI uri = URI.create(client.endpoint().baseUrl());
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }

  private static Instant parse(String iso) {
    try {
      return ApiJson.parseIso(iso);
    } catch (DateTimeParseException e) {
      throw new CliFailure(ExitCodes.FAILURE, "UNEXPECTED_REPLY", "the daemon's /health timestamp is not a "
          + "time: " + iso);
    }
  }
}
