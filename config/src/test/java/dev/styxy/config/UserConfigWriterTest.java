package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirroring auto-allocated types into config.json: format, kept keys, backups, atomicity. */
class UserConfigWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-23T01:51:22.758Z");

  @TempDir Path home;

  private Path config() {
    return home.resolve("config.json");
  }

  private UserConfigWriter writer() {
    return new UserConfigWriter(config(), Clock.fixed(AT, ZoneOffset.UTC));
  }

  private static UserConfigWriter.AutoType grafana(int start) {
    return auto("grafana", start);
  }

  private static UserConfigWriter.AutoType auto(String name, int start) {
    return new UserConfigWriter.AutoType(new ServiceType(name,
        "Auto-allocated service type for " + name, List.of(start, start + 1, start + 2,
        start + 3), new PortRange(start, start + 9), InstanceBehavior.MULTI,
        List.of(name + " service instance"), ServiceType.Source.AUTO), AT);
  }

  private JsonNode read() throws IOException {
    return MAPPER.readTree(config().toFile());
  }

  private List<Path> backups() throws IOException {
    Path folder = home.resolve("config-backups");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }

  @Test
  void writesTheOriginalsFormatIntoANewFile() throws IOException {
    assertEquals(List.of("grafana"), writer().addMissing(List.of(grafana(11510))));

    JsonNode entry = read().get("service_types").get("grafana");
    assertEquals(MAPPER.readTree("{\"description\":\"Auto-allocated service type for grafana\","
        + "\"preferred_ports\":[11510,11511,11512,11513],\"port_range\":[11510,11519],"
        + "\"multi_instance_pattern\":\"sequential\",\"instance_behavior\":\"multi\","
        + "\"examples\":[\"grafana service instance\"],\"auto_allocated\":true,"
        + "\"auto_allocated_at\":\"2026-11-23T01:51:22.758Z\"}"), entry);
    assertTrue(Files.readString(config()).contains("\"port_range\": [\n        11510,"),
        Files.readString(config()));
    assertEquals(List.of(), backups(), "nothing to back up on a fresh home");
  }

  @Test
  void keepsEveryOtherKeyOfTheUserFile() throws IOException {
    Files.writeString(config(), "{\"_meta\":{\"note\":\"mine\"},\"service_types\":{\"web\":"
        + "{\"port_range\":[13000,13019],\"custom\":[1,2]}},\"auto_allocation\":"
        + "{\"gap_size\":5},\"compliance\":{\"version\":\"2.1\"}}");

    writer().addMissing(List.of(grafana(11510)));

    JsonNode root = read();
    assertEquals("mine", root.get("_meta").get("note").asText());
    assertEquals(MAPPER.readTree("{\"port_range\":[13000,13019],\"custom\":[1,2]}"),
        root.get("service_types").get("web"));
    assertEquals(5, root.get("auto_allocation").get("gap_size").asInt());
    assertEquals("2.1", root.get("compliance").get("version").asText());
    assertEquals(List.of("web", "grafana"), names(root.get("service_types")));
  }

  @Test
  void leavesTypesAlreadyInTheFileAloneAndWritesNothingWhenNoneIsMissing() throws IOException {
    Files.writeString(config(), "{\"service_types\":{\"grafana\":{\"port_range\":[20000,20009]}}}");

    assertEquals(List.of(), writer().addMissing(List.of(grafana(11510))));

    assertEquals(20000, read().get("service_types").get("grafana").get("port_range").get(0)
        .asInt());
    assertEquals(List.of(), backups());
  }

  @Test
  void backsUpThePreviousFileBeforeChangingIt() throws IOException {
    String before = "{\"service_types\":{}}";
    Files.writeString(config(), before);

    writer().addMissing(List.of(grafana(11510)));

    List<Path> saved = backups();
    assertEquals(1, saved.size());
    assertEquals("config-2026-11-23T01-51-22-758Z.json", saved.get(0).getFileName().toString());
    assertEquals(before, Files.readString(saved.get(0)));
  }

  @Test
  void keepsOnlyTheTenNewestBackups() throws IOException {
    Files.writeString(config(), "{}");
    for (int i = 0; i < 13; i++) {
      writer().addMissing(List.of(auto("type-" + i, 20000 + 20 * i)));
    }

    List<Path> saved = backups();
    assertEquals(10, saved.size());
    // The first three backups (no suffix, -1, -2) were the oldest and are gone.
    assertTrue(saved.stream().noneMatch(p -> p.getFileName().toString()
        .equals("config-2026-11-23T01-51-22-758Z.json")));
    JsonNode newest = MAPPER.readTree(home.resolve("config-backups")
        .resolve("config-2026-11-23T01-51-22-758Z-12.json").toFile());
    assertEquals(12, newest.get("service_types").size(), "the file as it was before write 13");
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    String before = "{\"service_types\":{\"web\":{\"port_range\":[13000,13019]}}}";
    Files.writeString(config(), before);
    UserConfigWriter failing = new UserConfigWriter(config(), Clock.fixed(AT, ZoneOffset.UTC),
        temp -> {
          assertTrue(Files.readString(temp).contains("grafana"), "the new content was written");
          throw new IOException("disk full");
        });

    IOException e = assertThrows(IOException.class,
        () -> failing.addMissing(List.of(grafana(11510))));

    assertEquals("disk full", e.getMessage());
    assertEquals(before, Files.readString(config()));
    try (Stream<Path> files = Files.list(home)) {
      assertEquals(List.of("config-backups", "config.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void refusesToRewriteAMalformedFile() throws IOException {
    Files.writeString(config(), "{\"service_types\": {");

    IOException e = assertThrows(IOException.class,
        () -> writer().addMissing(List.of(grafana(11510))));

    assertTrue(e.getMessage().startsWith("config.json is not valid JSON"), e.getMessage());
    assertEquals("{\"service_types\": {", Files.readString(config()));
    assertEquals(List.of(), backups());
  }

  @Test
  void theFileIsOwnerOnlyAndLoadsBackAsAutoTypes() throws IOException {
    writer().addMissing(List.of(grafana(11510), auto("loki", 11530)));

    if (Files.getFileAttributeView(config(), java.nio.file.attribute.PosixFileAttributeView.class)
        != null) {
      assertEquals("rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(config())));
    }
    ServiceCatalog loaded = ServiceCatalogLoader.load(config());
    ServiceType grafana = loaded.find("grafana").orElseThrow();
    assertEquals(ServiceType.Source.AUTO, grafana.source());
    assertEquals(new PortRange(11510, 11519), grafana.range());
    assertFalse(loaded.find("loki").isEmpty());
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
