package dev.styxy.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.config.ServiceType.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the {@link ServiceCatalog}: the core types shipped as {@code core-ports.json}, merged with
 * the user's {@code config.json} as the original daemon did. A user type replaces the core type of
 * the same name entirely and new names are added; the auto-allocation sections are read by
 * {@link AutoAllocationSection}.
 *
 * <p>Unlike the original, which fell back to two built-in types on any error, every problem stops
 * start-up with a {@link ConfigProblem} naming the file and the key. Stateless and thread-safe.
 */
public final class ServiceCatalogLoader {
  /** Classpath location of the core catalog. */
  static final String CORE_RESOURCE = "/dev/styxy/config/core-ports.json";
  static final String CORE_FILE = "core-ports.json";


  /** Sections the original's files may hold; only the first two matter to the daemon. */
  static final Set<String> TOP_LEVEL_KEYS = Set.of("service_types", "auto_allocation",
      "_meta", "instance_templates", "compliance", "recovery", "auto_allocation_rules", "daemon",
      "listen_port", "cleanup_interval");
  private static final Set<String> TYPE_KEYS = Set.of("description", "preferred_ports",
      "port_range", "range", "multi_instance_pattern", "instance_behavior", "examples",
      "manual_allocations", "auto_allocated", "auto_allocated_at");

  private static final Set<String> RECOVERY_KEYS = Set.of("port_conflict", "health_monitoring",
      "system_recovery");
  private static final Set<String> HEALTH_KEYS = Set.of("enabled", "check_interval_ms",
      "max_failures", "cleanup_stale_allocations");
  /** Bounds of {@code check_interval_ms}: 10 ms to one day. */
  private static final int MIN_INTERVAL_MS = 10;
  private static final int MAX_INTERVAL_MS = 86_400_000;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ServiceCatalogLoader() {}

  /** The core catalog alone (what the daemon uses when there is no user {@code config.json}). */
  public static ServiceCatalog core() {
    return merge(readCore(), null);
  }

  /**
   * The core catalog merged with {@code userConfigFile} when that file exists.
   *
   * @throws ConfigProblem if either file is unreadable, malformed or holds an invalid value
   */
  public static ServiceCatalog load(Path userConfigFile) {
    ObjectNode core = readCore();
    if (!Files.exists(userConfigFile)) {
      return merge(core, null);
    }
    JsonFields user = new JsonFields(String.valueOf(userConfigFile.getFileName()));
    ObjectNode root = readUser(user, userConfigFile);
    user.onlyKeys(root, "", TOP_LEVEL_KEYS);
    return merge(core, new Parsed(user, root));
  }

  /** The user file as a JSON object; unknown top-level keys are the caller's to check. */
  static ObjectNode readUser(JsonFields user, Path userConfigFile) {
    try {
      return parse(user, Files.readAllBytes(userConfigFile));
    } catch (IOException e) {
      throw user.problem("(file)", "cannot be read: " + e, e);
    }
  }

  private record Parsed(JsonFields fields, ObjectNode root) {}

  static ObjectNode readCore() {
    JsonFields core = new JsonFields(CORE_FILE);
    try (InputStream in = ServiceCatalogLoader.class.getResourceAsStream(CORE_RESOURCE)) {
      if (in == null) {
        throw core.problem("(file)", "missing from the classpath at " + CORE_RESOURCE);
      }
      return parse(core, in.readAllBytes());
    } catch (IOException e) {
      throw core.problem("(file)", "cannot be read: " + e, e);
    }
  }

  private static ObjectNode parse(JsonFields file, byte[] bytes) {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1
          ? "(file)"
          : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      String detail = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ");
      throw file.problem(where, "malformed JSON: " + detail, e);
    } catch (IOException e) {
      throw file.problem("(file)", "cannot be read: " + e, e);
    }
    if (root == null || root.isMissingNode()) {
      throw file.problem("(file)", "is empty, expected a JSON object");
    }
    return file.object(root, "(root)");
  }

  private static ServiceCatalog merge(ObjectNode coreRoot, Parsed user) {
    JsonFields core = new JsonFields(CORE_FILE);
    Map<String, ServiceType> types = new LinkedHashMap<>();
    addTypes(types, core, coreRoot, Source.CORE);
    if (user != null) {
      addTypes(types, user.fields(), user.root(), Source.USER);
    }
    JsonFields userFields = user == null ? null : user.fields();
    ObjectNode userRoot = user == null ? null : user.root();
    return new ServiceCatalog(types,
        AutoAllocationSection.config(core, coreRoot, userFields, userRoot),
        user == null ? HealthMonitoring.NONE : healthMonitoring(user.fields(), user.root()),
        AutoAllocationSection.rules(core, coreRoot, userFields, userRoot));
  }

  private static void addTypes(
      Map<String, ServiceType> types, JsonFields file, ObjectNode root, Source source) {
    JsonNode section = root.get("service_types");
    if (section == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : file.object(section, "service_types").properties()) {
      types.put(e.getKey(), type(file, e.getKey(), e.getValue(), source));
    }
  }

  static ServiceType type(JsonFields file, String name, JsonNode node, Source source) {
    String key = "service_types." + name;
    if (!ServiceTypeNames.isValid(name)) {
      throw file.problem(key, "type name " + ServiceTypeNames.RULE);
    }
    ObjectNode entry = file.object(node, key);
    file.onlyKeys(entry, key, TYPE_KEYS);
    JsonNode description = entry.get("description");
    JsonNode preferred = entry.get("preferred_ports");
    JsonNode examples = entry.get("examples");
    JsonNode behavior = entry.get("instance_behavior");
    JsonNode auto = entry.get("auto_allocated");
    boolean autoAllocated = auto != null && file.bool(auto, key + ".auto_allocated");
    return new ServiceType(
        name,
        description == null ? "" : file.string(description, key + ".description"),
        preferred == null ? List.of() : file.ports(preferred, key + ".preferred_ports"),
        range(file, entry, key),
        behavior == null ? InstanceBehavior.MULTI : behavior(file, behavior, key),
        examples == null ? List.of() : file.strings(examples, key + ".examples"),
        source == Source.USER && autoAllocated ? Source.AUTO : source);
  }

  /** {@code port_range} as the original reads it, or {@code range} as its README writes it. */
  private static PortRange range(JsonFields file, ObjectNode entry, String key) {
    JsonNode portRange = entry.get("port_range");
    JsonNode range = entry.get("range");
    if (portRange == null && range == null) {
      throw file.problem(key + ".port_range", "is missing; give the range as [start, end]");
    }
    if (portRange != null && range != null && !portRange.equals(range)) {
      throw file.problem(key + ".range", "differs from port_range; give only one of the two");
    }
    String rangeKey = key + (portRange != null ? ".port_range" : ".range");
    JsonNode pair = file.array(portRange != null ? portRange : range, rangeKey);
    if (pair.size() != 2) {
      throw file.problem(rangeKey, "must be [start, end], was an array of " + pair.size());
    }
    int start = file.port(pair.get(0), rangeKey + "[0]");
    int end = file.port(pair.get(1), rangeKey + "[1]");
    if (start > end) {
      throw file.problem(rangeKey, "start " + start + " is after end " + end);
    }
    return new PortRange(start, end);
  }

  private static InstanceBehavior behavior(JsonFields file, JsonNode node, String key) {
    String behaviorKey = key + ".instance_behavior";
    String value = file.string(node, behaviorKey);
    try {
      return InstanceBehavior.parse(value);
    } catch (IllegalArgumentException e) {
      throw file.problem(behaviorKey, "must be \"single\" or \"multi\", was \"" + value + "\"");
    }
  }

  /**
   * The user file's {@code recovery.health_monitoring} keys. Only that block is read from
   * {@code recovery}; its other blocks are the original's and are accepted as they are.
   */
  static HealthMonitoring healthMonitoring(JsonFields file, ObjectNode root) {
    JsonNode recovery = root.get("recovery");
    if (recovery == null) {
      return HealthMonitoring.NONE;
    }
    ObjectNode section = file.object(recovery, "recovery");
    file.onlyKeys(section, "recovery", RECOVERY_KEYS);
    JsonNode block = section.get("health_monitoring");
    if (block == null) {
      return HealthMonitoring.NONE;
    }
    String key = "recovery.health_monitoring";
    ObjectNode health = file.object(block, key);
    file.onlyKeys(health, key, HEALTH_KEYS);
    JsonNode enabled = health.get("enabled");
    JsonNode interval = health.get("check_interval_ms");
    JsonNode failures = health.get("max_failures");
    JsonNode cleanup = health.get("cleanup_stale_allocations");
    return new HealthMonitoring(
        enabled == null ? null : file.bool(enabled, key + ".enabled"),
        interval == null ? null : file.intIn(interval, key + ".check_interval_ms",
            MIN_INTERVAL_MS, MAX_INTERVAL_MS),
        failures == null ? null : file.intIn(failures, key + ".max_failures", 1, 1000),
        cleanup == null ? null : file.bool(cleanup, key + ".cleanup_stale_allocations"));
  }
}
