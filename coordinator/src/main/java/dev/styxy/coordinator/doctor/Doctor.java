package dev.styxy.coordinator.doctor;

import dev.styxy.actors.Journal;
import dev.styxy.config.EphemeralPortRange;
import dev.styxy.config.PortRange;
import dev.styxy.coordinator.cli.DaemonClient;
import dev.styxy.http.ApiJson;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code styxy doctor}'s checks, in order. Those that need no daemon run here on the home
 * folder's files (token and folder modes, {@code config.json}, ranges against the kernel's
 * ephemeral range, the journal file, the clock against the journal's last write); the others ask
 * the daemon over HTTP ({@link DaemonChecks}) and are left out when it is unreachable. Never
 * starts Pekko: the journal is looked at as a file, never opened.
 */
public final class Doctor {
  private final DaemonClient client;
  private final Path home;
  private final PortRange ephemeral;
  private final Clock clock;

  /**
   * @param home the daemon's home folder, where its files are checked
   * @param ephemeral the kernel's ephemeral port range
   */
  public Doctor(DaemonClient client, Path home, PortRange ephemeral, Clock clock) {
    this.client = client;
    this.home = home;
    this.ephemeral = ephemeral;
    this.clock = clock;
  }

  /** With this machine's ephemeral range and clock. */
  public static Doctor forMachine(DaemonClient client, Path home) {
    return new Doctor(client, home, EphemeralPortRange.read(), Clock.systemUTC());
  }

  /** Runs every check. */
  public DoctorReport run() {
    DaemonChecks daemon = new DaemonChecks(client, clock);
    List<Finding> findings = new ArrayList<>();
    Finding reach = daemon.reachability();
    boolean reachable = reach.status() == Finding.Severity.OK;
    findings.add(reach);
    findings.addAll(FileChecks.permissions(home, client.endpoint().tokenFile()));

    Path configFile = home.resolve("config.json");
    ConfigChecks.Outcome config = ConfigChecks.config(configFile, ephemeral);
    findings.addAll(config.findings());
    Optional<List<ConfigChecks.Managed>> daemonRanges =
        reachable ? daemon.ranges(findings) : Optional.empty();
    List<ConfigChecks.Managed> ranges = daemonRanges.orElse(config.ranges());
    if (!ranges.isEmpty()) {
      findings.addAll(ConfigChecks.ranges(ranges, ephemeral, configFile));
    }

    Path journal = Journal.file(home.resolve("journal"));
    findings.add(FileChecks.journal(journal));
    if (reachable) {
      findings.addAll(daemon.health(home.resolve("logs").resolve("styxy.log").toString()));
      daemonRanges.ifPresent(r -> findings.addAll(daemon.outsideHolders(r)));
    }
    findings.add(ClockChecks.journal(journal, clock.instant()));
    return new DoctorReport(findings, reachable, ApiJson.iso(clock.instant()));
  }
}
