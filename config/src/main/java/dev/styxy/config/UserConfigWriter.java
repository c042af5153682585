package dev.styxy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes auto-allocated service types into the user's {@code config.json} in the original's
 * format ({@code port_range}, {@code auto_allocated: true}, {@code auto_allocated_at}), keeping
 * every other key of the file as it was. A type already present under {@code service_types} is
 * left alone, so the call is idempotent and never undoes a user's edit.
 *
 * <p>Before a change, the previous file is copied to {@code config-backups/config-<ts>.json}
 * (newest {@link ConfigBackups#KEEP} kept); the new content goes to a temporary file in the same
 * folder, is synced to disk and renamed over {@code config.json}, so a reader sees the old file or
 * the new one, never part of one. Files are created with mode 0600. Not thread-safe: one caller
 * (the daemon's config mirror) at a time.
 */
public final class UserConfigWriter {
  /** An auto-allocated type and when it was created. */
  public record AutoType(ServiceType type, Instant allocatedAt) {}

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path configFile;
  private final ConfigBackups backups;
  private final AtomicFile.Fault fault;

  /** Writes {@code configFile}, backing up into {@code config-backups} next to it. */
  public UserConfigWriter(Path configFile, Clock clock) {
    this(configFile, clock, AtomicFile.Fault.NONE);
  }

  /** With {@code fault} run just before the rename (tests simulate a failed write with it). */
  UserConfigWriter(Path configFile, Clock clock, AtomicFile.Fault fault) {
    this.configFile = configFile;
    this.backups = new ConfigBackups(configFile.toAbsolutePath().getParent()
        .resolve(ConfigBackups.FOLDER), clock);
    this.fault = fault;
  }

  /**
   * Adds every type of {@code types} that {@code service_types} does not hold yet.
   *
   * @return the names added, in the order given; empty when nothing was written
   * @throws IOException when the file cannot be read, is not a JSON object (it is then left
   *     untouched for its owner to fix), or cannot be written; the old file stays in place
   */
  public List<String> addMissing(List<AutoType> types) throws IOException {
    byte[] old = Files.exists(configFile) ? Files.readAllBytes(configFile) : null;
    ObjectNode root = old == null ? MAPPER.createObjectNode() : parse(old);
    JsonNode section = root.get("service_types");
    if (section != null && !section.isObject()) {
      throw new IOException(configFile.getFileName() + ": service_types is not an object; "
          + "auto-allocated types are not written until it is fixed");
    }
    ObjectNode serviceTypes = section == null ? root.putObject("service_types")
        : (ObjectNode) section;
    List<String> added = new ArrayList<>();
    for (AutoType auto : types) {
      String name = auto.type().name();
      if (!serviceTypes.has(name)) {
        serviceTypes.set(name, entry(auto));
        added.add(name);
      }
    }
    if (added.isEmpty()) {
      return List.of();
    }
    if (old != null) {
      backups.save(old);
    }
    AtomicFile.write(configFile, render(root), fault);
    return List.copyOf(added);
  }

  /** The original's form of an auto-allocated type (config-writer.js). */
  static ObjectNode entry(AutoType auto) {
    ServiceType t = auto.type();
    ObjectNode entry = MAPPER.createObjectNode();
    entry.put("description", t.description());
    ArrayNode preferred = entry.putArray("preferred_ports");
    t.preferredPorts().forEach(preferred::add);
    entry.putArray("port_range").add(t.range().start()).add(t.range().end());
    entry.put("multi_instance_pattern", "sequential");
    entry.put("instance_behavior", t.instanceBehavior().json());
    ArrayNode examples = entry.putArray("examples");
    t.examples().forEach(examples::add);
    entry.put("auto_allocated", true);
    entry.put("auto_allocated_at", ISO_MILLIS.format(auto.allocatedAt()));
    return entry;
  }

  private ObjectNode parse(byte[] bytes) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IOException(configFile.getFileName() + " is not valid JSON ("
          + String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ")
          + "); auto-allocated types are not written until it is fixed", e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(configFile.getFileName() + " does not hold a JSON object; "
          + "auto-allocated types are not written until it is fixed");
    }
    return (ObjectNode) root;
  }

  /** Two-space indentation and {@code "key": value}, as the original's JSON.stringify(…, 2). */
  static byte[] render(JsonNode root) throws JsonProcessingException {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("").withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter).withArrayIndenter(indenter);
    String text = MAPPER.writer(printer).writeValueAsString(root);
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
