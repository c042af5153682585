package dev.styxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.config.ServiceType.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Everything {@link ServiceCatalogLoader} would reject in a user {@code config.json}, collected
 * instead of stopping at the first: each unknown top-level key, each bad service type entry, and
 * each bad section ({@code auto_allocation}, {@code auto_allocation_rules},
 * {@code recovery}), one {@link ConfigProblem} each (the first problem inside one entry or
 * section). A file that is not JSON at all is one problem. Stateless.
 */
final class LoadProblems {
  private LoadProblems() {}

  /** The problems of {@code userConfigFile}; empty when it loads (or does not exist). */
  static List<ConfigProblem> of(Path userConfigFile) {
    List<ConfigProblem> found = new ArrayList<>();
    if (!Files.exists(userConfigFile)) {
      return found;
    }
    JsonFields user = new JsonFields(String.valueOf(userConfigFile.getFileName()));
    ObjectNode root;
    try {
      root = ServiceCatalogLoader.readUser(user, userConfigFile);
    } catch (ConfigProblem e) {
      found.add(e);
      return found;
    }
    root.fieldNames().forEachRemaining(name -> {
      if (!ServiceCatalogLoader.TOP_LEVEL_KEYS.contains(name)) {
        found.add(user.problem(name, "unknown key; expected one of "
            + new TreeSet<>(ServiceCatalogLoader.TOP_LEVEL_KEYS)));
      }
    });
    JsonNode types = root.get("service_types");
    if (types != null && !types.isObject()) {
      collect(found, () -> user.object(types, "service_types"));
    } else if (types != null) {
      for (Map.Entry<String, JsonNode> e : types.properties()) {
        collect(found, () -> ServiceCatalogLoader.type(user, e.getKey(), e.getValue(),
            Source.USER));
      }
    }
    JsonFields core = new JsonFields(ServiceCatalogLoader.CORE_FILE);
    ObjectNode coreRoot = ServiceCatalogLoader.readCore();
    collect(found, () -> AutoAllocationSection.config(core, coreRoot, user, root));
    collect(found, () -> AutoAllocationSection.rules(core, coreRoot, user, root));
    collect(found, () -> ServiceCatalogLoader.healthMonitoring(user, root));
    return found;
  }

  private static void collect(List<ConfigProblem> found, Supplier<?> check) {
    try {
      check.get();
    } catch (ConfigProblem e) {
      found.add(e);
    }
  }
}
