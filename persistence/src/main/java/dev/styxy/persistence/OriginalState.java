package dev.styxy.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the original Node.js daemon's {@code daemon.state} (styxy-original.md §4.2) into
 * allocations and instances this daemon can journal. Pure: no I/O, no clock.
 *
 * <p>Allocations keep their {@code lockId} when it is a UUID v4 (clients may still hold it), else
 * get a new one. The original's {@code process_id} was its own daemon's pid, not the owner's, so
 * imported allocations have no pid. {@code singletonServices} entries are merged into the
 * allocation with the same lock id; one without such an allocation is a ghost (the original never
 * cleared released singletons) and is skipped. Each record that fails validation is skipped with a
 * reason; a file whose shape is wrong (not JSON, no {@code allocations} or {@code instances}
 * array) is refused as a whole.
 */
public final class OriginalState {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern INSTANCE_ID = Pattern.compile("[a-zA-Z0-9_-]{1,100}");

  /**
   * What a {@code daemon.state} holds, validated.
   *
   * @param allocations importable allocations, no two with the same port or lock id
   * @param instances importable instances, no two with the same id
   * @param skipped one line per record left out, naming the record and the reason
   */
  public record Parsed(List<Allocation> allocations, List<Instance> instances,
      List<String> skipped) implements CborSerializable {
    public Parsed {
      allocations = List.copyOf(allocations);
      instances = List.copyOf(instances);
      skipped = List.copyOf(skipped);
    }
  }

  /** A record fails validation; caught per record and turned into a skip reason. */
  private static final class Invalid extends Exception {
    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Predicate<String> knownType;
  private final Instant now;
  private final List<String> skipped = new ArrayList<>();

  private OriginalState(Predicate<String> knownType, Instant now) {
    this.knownType = knownType;
    this.now = now;
  }

  /**
   * Parses {@code json}, the content of an original {@code daemon.state}.
   *
   * @param knownType whether a service type is configured here; others are skipped
   * @param now the time given to records without a time of their own
   * @throws IllegalArgumentException naming the problem when the content is not JSON or lacks the
   *     {@code allocations} or {@code instances} array
   */
  public static Parsed parse(byte[] json, Predicate<String> knownType, Instant now) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage()
          : e.getMessage();
      throw new IllegalArgumentException("the state file is not valid JSON: " + detail, e);
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw new IllegalArgumentException("the state file must hold a JSON object, was "
          + (root == null || root.isMissingNode() ? "empty" : kind(root)));
    }
    JsonNode allocations = array(root, "allocations", true);
    JsonNode instances = array(root, "instances", true);
    JsonNode singletons = array(root, "singletonServices", false);
    OriginalState reader = new OriginalState(knownType, now);
    List<Allocation> read = reader.allocations(allocations, singletons);
    return new Parsed(read, reader.instances(instances), reader.skipped);
  }

  private static JsonNode array(JsonNode root, String field, boolean required) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new IllegalArgumentException("the state file has no \"" + field + "\" array");
      }
      return MAPPER.createArrayNode();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("\"" + field + "\" in the state file must be an array, "
          + "was " + kind(node));
    }
    return node;
  }

  private List<Allocation> allocations(JsonNode records, JsonNode singletons) {
    Map<AllocationId, Allocation> byId = new LinkedHashMap<>();
    Map<Integer, String> ports = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      String name = "allocation #" + (i + 1);
      try {
        Allocation a = allocation(records.get(i), ports, byId);
        ports.put(a.port(), name);
        byId.put(a.id(), a);
      } catch (Invalid e) {
        skipped.add(name + describe(records.get(i)) + ": " + e.getMessage());
      }
    }
    for (int i = 0; i < singletons.size(); i++) {
      try {
        singleton(singletons.get(i), byId);
      } catch (Invalid e) {
        skipped.add("singleton #" + (i + 1) + describe(singletons.get(i)) + ": " + e.getMessage());
      }
    }
    return List.copyOf(byId.values());
  }

  private Allocation allocation(JsonNode r, Map<Integer, String> ports,
      Map<AllocationId, Allocation> byId) throws Invalid {
    requireObject(r);
    int port = port(r.get("port"));
    if (ports.containsKey(port)) {
      throw new Invalid("port " + port + " is already taken by " + ports.get(port));
    }
    String type = text(r, "service_type", "serviceType");
    if (type == null || type.isEmpty()) {
      throw new Invalid("service_type is missing");
    }
    if (!knownType.test(type)) {
      throw new Invalid("service type '" + type + "' is not configured here");
    }
    String name = text(r, "service_name", "serviceName");
    boolean named = name != null && !name.isEmpty()
        && !AllocationRequest.DEFAULT_SERVICE_NAME.equals(name);
    String instance = text(r, "instance_id", "instanceId");
    if (instance != null && !INSTANCE_ID.matcher(instance).matches()) {
      throw new Invalid("instance_id '" + instance + "' is not [a-zA-Z0-9_-]{1,100}");
    }
    String lockId = text(r, "lockId", "lock_id");
    AllocationId id = AllocationId.isValid(lockId) ? AllocationId.parse(lockId)
        : AllocationId.random();
    if (byId.containsKey(id)) {
      throw new Invalid("lock id " + id + " is used by an earlier allocation");
    }
    return new Allocation(id, port, type, named ? name : AllocationRequest.DEFAULT_SERVICE_NAME,
        named, instance == null ? AllocationRequest.DEFAULT_INSTANCE_ID : instance,
        text(r, "project_path", "projectPath"), null, time(r, "allocated_at", "allocatedAt"),
        text(r, "userAgent", "user_agent"), text(r, "remoteIP", "remote_ip"), null, null, null,
        null, null);
  }

  /** Merges a singleton entry into the allocation with its lock id. */
  private void singleton(JsonNode r, Map<AllocationId, Allocation> byId) throws Invalid {
    requireObject(r);
    String lockId = text(r, "lockId", "lock_id");
    Allocation a = AllocationId.isValid(lockId) ? byId.get(AllocationId.parse(lockId)) : null;
    if (a == null) {
      throw new Invalid("no allocation has its lock id " + lockId
          + " (a singleton the original kept after its release)");
    }
    int port = port(r.get("port"));
    if (port != a.port()) {
      throw new Invalid("port " + port + " differs from its allocation's port " + a.port());
    }
  }

  private List<Instance> instances(JsonNode records) {
    Map<String, Instance> byId = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      try {
        Instance instance = instance(records.get(i));
        if (byId.containsKey(instance.id())) {
          throw new Invalid("id '" + instance.id() + "' is used by an earlier instance");
        }
        byId.put(instance.id(), instance);
      } catch (Invalid e) {
        skipped.add("instance #" + (i + 1) + describe(records.get(i)) + ": " + e.getMessage());
      }
    }
    return List.copyOf(byId.values());
  }

  private Instance instance(JsonNode r) throws Invalid {
    requireObject(r);
    String id = text(r, "id", "instance_id");
    if (id == null || !INSTANCE_ID.matcher(id).matches()) {
      throw new Invalid(id == null ? "id is missing"
          : "id '" + id + "' is not [a-zA-Z0-9_-]{1,100}");
    }
    JsonNode metadata = r.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      throw new Invalid("metadata must be an object");
    }
    String metadataJson = metadata == null || metadata.isNull() ? "{}" : metadata.toString();
    Instant registered = time(r, "registered_at", "registeredAt");
    return new Instance(id, text(r, "working_directory", "workingDirectory"), metadataJson, null,
        registered, registered);
  }

  private static void requireObject(JsonNode r) throws Invalid {
    if (!r.isObject()) {
      throw new Invalid("must be an object, was " + kind(r));
    }
  }

  private static int port(JsonNode node) throws Invalid {
    if (node == null || node.isNull()) {
      throw new Invalid("port is missing");
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1
        || node.intValue() > 65535) {
      throw new Invalid("port " + node + " is not a whole number from 1 to 65535");
    }
    return node.intValue();
  }

  /** The first of {@code names} present as text; {@code null} when none is present. */
  private static String text(JsonNode r, String... names) throws Invalid {
    for (String name : names) {
      JsonNode node = r.get(name);
      if (node != null && !node.isNull()) {
        if (!node.isTextual()) {
          throw new Invalid(name + " must be a string, was " + node);
        }
        return node.textValue();
      }
    }
    return null;
  }

  /** An ISO-8601 text or epoch milliseconds; {@code now} when absent. */
  private Instant time(JsonNode r, String... names) throws Invalid {
    for (String name : names) {
      JsonNode node = r.get(name);
      if (node == null || node.isNull()) {
        continue;
      }
      if (node.isIntegralNumber()) {
        return Instant.ofEpochMilli(node.longValue());
      }
      try {
        return Instant.parse(node.asText());
      } catch (DateTimeParseException e) {
        throw new Invalid(name + " " + node + " is not an ISO-8601 time");
      }
    }
    return now;
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /** {@code " (port 3000)"} or {@code " (id x)"} when the record says, for the skip line. */
  private static String describe(JsonNode r) {
    if (r.isObject() && r.get("port") != null) {
      return " (port " + r.get("port") + ")";
    }
    if (r.isObject() && r.get("id") != null) {
      return " (id " + r.get("id") + ")";
    }
    return "";
  }
}
