package dev.styxy.coordinator.doctor;

import dev.styxy.config.ConfigValidator;
import dev.styxy.config.PortRange;
import dev.styxy.config.ServiceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configuration checks: {@code config.json} as the daemon would load it
 * ({@link ConfigValidator}), and the managed ranges against the kernel's ephemeral range, from
 * which outgoing connections take their local ports (a range inside it can find its ports taken
 * by any client socket).
 */
final class ConfigChecks {
  /** Fewer ephemeral ports than this left by a narrowed range would starve outgoing sockets. */
  static final int MIN_EPHEMERAL_PORTS = 4096;

  private ConfigChecks() {}

  /** One service type's range and where it comes from ({@code core}, {@code user}, {@code auto}). */
  record Managed(String type, PortRange range, String source) {}

  /**
   * The validation of {@code userConfigFile} with the core types.
   *
   * @param findings one per problem (ephemeral range crossings excluded: {@link #ranges} has them)
   * @param ranges the merged types' ranges, empty when the file does not load
   */
  record Outcome(List<Finding> findings, List<Managed> ranges) {}

  static Outcome config(Path userConfigFile, PortRange ephemeral) {
    ConfigValidator.Result result = ConfigValidator.validate(userConfigFile, List.of(), ephemeral);
    String fix = "${EDITOR:-vi} " + userConfigFile + " && styxy config validate";
    List<Finding> findings = new ArrayList<>();
    if (result.catalog() == null) {
      result.problems().forEach(p -> findings.add(Finding.fail("config", p
          + " (the daemon refuses to start or reload with it)", fix)));
      return new Outcome(findings, List.of());
    }
    result.problems().stream().filter(p -> !p.contains(ConfigValidator.CROSSES_EPHEMERAL))
        .forEach(p -> findings.add(Finding.warn("config", p, fix)));
    List<Managed> ranges = result.catalog().types().values().stream()
        .map(t -> new Managed(t.name(), t.range(), source(t))).toList();
    if (findings.isEmpty()) {
      String where = Files.exists(userConfigFile) ? userConfigFile + " is valid"
          : "no " + userConfigFile + " (core types only)";
      findings.add(Finding.ok("config", where + "; " + ranges.size() + " service types"));
    }
    return new Outcome(findings, ranges);
  }

  private static String source(ServiceType t) {
    return t.source().name().toLowerCase(Locale.ROOT);
  }

  /**
   * One warning per range crossing {@code ephemeral}. The fix narrows the kernel's range above
   * every crossing range when that leaves at least {@link #MIN_EPHEMERAL_PORTS}; otherwise, and
   * for the user's own types, it is moving the range in {@code config.json}.
   */
  static List<Finding> ranges(List<Managed> ranges, PortRange ephemeral, Path userConfigFile) {
    List<Managed> crossing = ranges.stream().filter(m -> m.range().overlaps(ephemeral)).toList();
    if (crossing.isEmpty()) {
      return List.of(Finding.ok("ranges", ranges.size() + " managed ranges, none inside the "
          + "kernel's ephemeral range " + ephemeral));
    }
    int newLow = crossing.stream().mapToInt(m -> m.range().end()).max().getAsInt() + 1;
    String sysctl = ephemeral.end() - newLow + 1 >= MIN_EPHEMERAL_PORTS
        ? "sudo sysctl -w net.ipv4.ip_local_port_range=\"" + newLow + " " + ephemeral.end()
            + "\"  # and the same line in /etc/sysctl.d/ to keep it"
        : null;
    String edit = "${EDITOR:-vi} " + userConfigFile + " && styxy config reload";
    List<Finding> findings = new ArrayList<>();
    for (Managed m : crossing) {
      String fix = "user".equals(m.source()) || sysctl == null ? edit : sysctl;
      findings.add(Finding.warn("ranges", m.type() + " " + m.range() + " (" + m.source()
          + ") crosses the kernel's ephemeral range " + ephemeral
          + ": outgoing connections may take its ports", fix));
    }
    return findings;
  }
}
