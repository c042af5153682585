package dev.styxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the two auto-allocation sections of the core and user files. {@code auto_allocation} is a
 * shallow key merge (user keys win); {@code auto_allocation_rules} merges by pattern, a user rule
 * replacing the core rule of the same pattern in place, new patterns appended, so "the first
 * matching rule" follows the files' order as in the original. Every problem is a
 * {@link ConfigProblem} naming the file that set the value. Stateless.
 */
final class AutoAllocationSection {
  static final Set<String> PLACEMENTS = Set.of("after", "before", "smart");
  static final Set<String> AUTO_KEYS = Set.of("enabled", "default_chunk_size",
      "placement", "min_port", "max_port", "preserve_gaps", "gap_size");
  static final Set<String> RULE_KEYS = Set.of("chunk_size", "placement", "preferred_range_start");
  /** A rule pattern: type-name characters and {@code *}; anything else could never match. */
  private static final Pattern RULE_PATTERN = Pattern.compile("^[a-zA-Z0-9*-]+$");
  private static final int MAX_CHUNK = 1000;
  /** Ranges below this are privileged ports; a rule may not ask for them. */
  private static final int FIRST_UNPRIVILEGED = 1024;

  private AutoAllocationSection() {}

  /** One value and the file it came from, for problem messages. */
  private record Sourced(JsonFields fields, JsonNode value) {}

  /** The merged {@code auto_allocation} section; {@code user} may be null. */
  static AutoAllocationConfig config(JsonFields core, ObjectNode coreRoot, JsonFields user,
      ObjectNode userRoot) {
    Map<String, Sourced> merged = new LinkedHashMap<>();
    addAutoKeys(merged, core, coreRoot);
    if (user != null) {
      addAutoKeys(merged, user, userRoot);
    }
    for (String key : AUTO_KEYS) {
      if (!merged.containsKey(key)) {
        throw core.problem("auto_allocation." + key, "is missing");
      }
    }
    Sourced placement = merged.get("placement");
    String place = placement(placement.fields(), placement.value(), "auto_allocation.placement");
    int minPort = port(merged, "min_port");
    int maxPort = port(merged, "max_port");
    if (minPort >= maxPort) {
      // Blame the file that set the clashing value: the user's max_port if core set min_port.
      Sourced min = merged.get("min_port");
      Sourced max = merged.get("max_port");
      if (min.fields() == core && max.fields() != core) {
        throw max.fields().problem("auto_allocation.max_port",
            "must be above min_port " + minPort + ", was " + maxPort);
      }
      throw min.fields().problem("auto_allocation.min_port",
          "must be below max_port " + maxPort + ", was " + minPort);
    }
    return new AutoAllocationConfig(
        bool(merged, "enabled"),
        intIn(merged, "default_chunk_size", 1, MAX_CHUNK),
        place,
        minPort,
        maxPort,
        bool(merged, "preserve_gaps"),
        intIn(merged, "gap_size", 0, 1000));
  }

  /** The merged {@code auto_allocation_rules}, in order; {@code user} may be null. */
  static List<AutoAllocationRule> rules(JsonFields core, ObjectNode coreRoot, JsonFields user,
      ObjectNode userRoot) {
    Map<String, AutoAllocationRule> merged = new LinkedHashMap<>();
    addRules(merged, core, coreRoot);
    if (user != null) {
      addRules(merged, user, userRoot);
    }
    return List.copyOf(new ArrayList<>(merged.values()));
  }

  private static void addRules(Map<String, AutoAllocationRule> merged, JsonFields file,
      ObjectNode root) {
    JsonNode section = root.get("auto_allocation_rules");
    if (section == null) {
      return;
    }
    String sectionKey = "auto_allocation_rules";
    for (Map.Entry<String, JsonNode> e : file.object(section, sectionKey).properties()) {
      String pattern = e.getKey();
      String key = sectionKey + "." + pattern;
      if (!RULE_PATTERN.matcher(pattern).matches()) {
        throw file.problem(key, "pattern may hold only letters, digits, hyphens and *");
      }
      ObjectNode rule = file.object(e.getValue(), key);
      file.onlyKeys(rule, key, RULE_KEYS);
      JsonNode chunk = rule.get("chunk_size");
      JsonNode placement = rule.get("placement");
      JsonNode start = rule.get("preferred_range_start");
      merged.put(pattern, new AutoAllocationRule(pattern,
          chunk == null ? null : file.intIn(chunk, key + ".chunk_size", 1, MAX_CHUNK),
          placement == null ? null : placement(file, placement, key + ".placement"),
          start == null ? null : file.intIn(start, key + ".preferred_range_start",
              FIRST_UNPRIVILEGED, 65535)));
    }
  }

  private static String placement(JsonFields file, JsonNode node, String key) {
    String place = file.string(node, key);
    if (!PLACEMENTS.contains(place)) {
      throw file.problem(key, "must be one of after, before, smart, was \"" + place + "\"");
    }
    return place;
  }

  private static void addAutoKeys(Map<String, Sourced> merged, JsonFields file, ObjectNode root) {
    JsonNode section = root.get("auto_allocation");
    if (section == null) {
      return;
    }
    ObjectNode object = file.object(section, "auto_allocation");
    file.onlyKeys(object, "auto_allocation", AUTO_KEYS);
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      merged.put(e.getKey(), new Sourced(file, e.getValue()));
    }
  }

  private static boolean bool(Map<String, Sourced> merged, String field) {
    Sourced s = merged.get(field);
    return s.fields().bool(s.value(), "auto_allocation." + field);
  }

  private static int port(Map<String, Sourced> merged, String field) {
    Sourced s = merged.get(field);
    return s.fields().port(s.value(), "auto_allocation." + field);
  }

  private static int intIn(Map<String, Sourced> merged, String field, int min, int max) {
    Sourced s = merged.get(field);
    return s.fields().intIn(s.value(), "auto_allocation." + field, min, max);
  }
}
