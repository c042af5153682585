package dev.styxy.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a configuration the way {@code styxy config validate} and {@code GET /config/validate}
 * report it: everything {@link ServiceCatalogLoader} rejects (malformed JSON, unknown keys, wrong
 * types, bad values; each bad entry or section listed, see {@link LoadProblems}), or, when the
 * file loads, on the merged types every
 * overlap of two ranges, preferred ports outside their range, ranges below 1024 and ranges
 * crossing the kernel's ephemeral range. Each problem is one line naming where it comes from.
 * Stateless.
 */
public final class ConfigValidator {
  /** Ports below this are privileged. */
  static final int FIRST_UNPRIVILEGED = 1024;
  /** The words of every problem about a range crossing the kernel's ephemeral range. */
  public static final String CROSSES_EPHEMERAL = " crosses the kernel's ephemeral range ";

  private ConfigValidator() {}

  /** The outcome: the merged catalog when the loader accepted the files, and every problem. */
  public record Result(ServiceCatalog catalog, List<String> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /**
   * Validates the core types merged with {@code userConfigFile} (when it exists), together with
   * {@code journalTypes}: auto-allocated types the daemon holds that the file lacks.
   */
  public static Result validate(Path userConfigFile, Collection<ServiceType> journalTypes,
      PortRange ephemeral) {
    ServiceCatalog catalog;
    try {
      catalog = ServiceCatalogLoader.load(userConfigFile);
    } catch (ConfigProblem e) {
      List<String> all = LoadProblems.of(userConfigFile).stream().map(Throwable::getMessage)
          .toList();
      return new Result(null, all.isEmpty() ? List.of(e.getMessage()) : all);
    } catch (IllegalArgumentException e) {
      return new Result(null, List.of(userConfigFile.getFileName() + ": " + e.getMessage()));
    }
    return new Result(catalog, problems(catalog, journalTypes, ephemeral,
        String.valueOf(userConfigFile.getFileName())));
  }

  /** The problems of an already merged catalog (and journal-only types). */
  public static List<String> problems(ServiceCatalog catalog, Collection<ServiceType> journalTypes,
      PortRange ephemeral, String userFile) {
    Map<String, ServiceType> all = new LinkedHashMap<>(catalog.types());
    journalTypes.forEach(t -> all.putIfAbsent(t.name(), t));
    List<String> problems = new ArrayList<>();
    List<ServiceType> types = new ArrayList<>(all.values());
    for (int i = 0; i < types.size(); i++) {
      ServiceType t = types.get(i);
      String where = where(t, catalog, userFile) + ": service_types." + t.name();
      for (int port : t.preferredPorts()) {
        if (!t.range().contains(port)) {
          problems.add(where + ".preferred_ports: " + port + " is outside port_range "
              + t.range());
        }
      }
      if (t.range().start() < FIRST_UNPRIVILEGED) {
        problems.add(where + ".port_range: " + t.range() + " starts below "
            + FIRST_UNPRIVILEGED + " (privileged ports)");
      }
      if (t.range().overlaps(ephemeral)) {
        problems.add(where + ".port_range: " + t.range() + CROSSES_EPHEMERAL + ephemeral
            + ", from which outgoing connections take their ports");
      }
      for (ServiceType other : types.subList(i + 1, types.size())) {
        if (t.range().overlaps(other.range())) {
          problems.add(where + ".port_range: " + t.range() + " overlaps " + other.name() + " "
              + other.range() + " (" + where(other, catalog, userFile) + ")");
        }
      }
    }
    return problems;
  }

  /** The file (or the journal) that defines {@code t}. */
  private static String where(ServiceType t, ServiceCatalog catalog, String userFile) {
    if (!catalog.types().containsKey(t.name())) {
      return "journal";
    }
    return t.source() == ServiceType.Source.CORE ? ServiceCatalogLoader.CORE_FILE : userFile;
  }
}
