package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem of a merged configuration, reported instead of thrown. */
class ConfigValidatorTest {
  private static final PortRange EPHEMERAL = new PortRange(32768, 60999);

  @TempDir Path dir;

  private Path userFile(String json) throws IOException {
    return Files.writeString(dir.resolve("config.json"), json.replace('\'', '"'));
  }

  private ConfigValidator.Result validate(Path file, List<ServiceType> journal) {
    return ConfigValidator.validate(file, journal, EPHEMERAL);
  }

  @Test
  void theCoreTypesAloneHaveNoProblem() {
    ConfigValidator.Result result = validate(dir.resolve("config.json"), List.of());

    assertTrue(result.valid(), result.problems().toString());
    assertEquals(17, result.catalog().types().size());
  }

  @Test
  void listsEverySemanticProblemOfTheMergedTypes() throws IOException {
    Path file = userFile("{'service_types':{"
        + "'low':{'preferred_ports':[100],'port_range':[80,90]},"
        + "'eph':{'port_range':[40000,40009]},"
        + "'web':{'port_range':[3050,3060]}}}");

    List<String> problems = validate(file, List.of()).problems();

    assertEquals(List.of(
        "core-ports.json: service_types.dev.port_range: 3000-3099 overlaps web 3050-3060"
            + " (config.json)",
        "config.json: service_types.low.preferred_ports: 100 is outside port_range 80-90",
        "config.json: service_types.low.port_range: 80-90 starts below 1024 (privileged ports)",
        "config.json: service_types.eph.port_range: 40000-40009 crosses the kernel's ephemeral"
            + " range 32768-60999, from which outgoing connections take their ports"),
        problems);
  }

  @Test
  void aTypeOnlyTheJournalHoldsIsCheckedToo() throws IOException {
    Path file = userFile("{'service_types':{'web':{'port_range':[13000,13019]}}}");
    ServiceType grafana = new ServiceType("grafana", "auto", List.of(13010),
        new PortRange(13010, 13019), InstanceBehavior.MULTI, List.of(), ServiceType.Source.AUTO);

    List<String> problems = validate(file, List.of(grafana)).problems();

    assertEquals(List.of("config.json: service_types.web.port_range: 13000-13019 overlaps"
        + " grafana 13010-13019 (journal)"), problems);
  }

  @Test
  void whatTheLoaderRejectsIsAProblemNotAnException() throws IOException {
    ConfigValidator.Result unknownKey = validate(
        userFile("{'service_types':{'web':{'port_range':[13000,13019],'colour':'red'}}}"),
        List.of());
    ConfigValidator.Result malformed = validate(userFile("{'service_types': {"), List.of());

    assertFalse(unknownKey.valid());
    assertNull(unknownKey.catalog());
    assertTrue(unknownKey.problems().get(0)
        .startsWith("config.json: service_types.web.colour: unknown key"),
        unknownKey.problems().toString());
    assertTrue(malformed.problems().get(0).contains("malformed JSON"),
        malformed.problems().toString());
  }

  @Test
  void everyRejectedEntryAndSectionIsListedNotOnlyTheFirst() throws IOException {
    ConfigValidator.Result result = validate(userFile("{'service_types':{"
        + "'web':{'port_range':[13000,13019],'colour':'red'},"
        + "'ok':{'port_range':[13100,13119]},"
        + "'api':{'port_range':[13200]},"
        + "'bad name!':{'port_range':[13300,13309]}},"
        + "'auto_allocation':{'placement':'sideways'},"
        + "'recovery':{'health_monitoring':{'max_failures':0}},"
        + "'extra':1}"), List.of());

    List<String> problems = result.problems();
    assertEquals(6, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("config.json: extra: unknown key"), problems.get(0));
    assertTrue(problems.get(1).startsWith("config.json: service_types.web.colour: unknown key"));
    assertTrue(problems.get(2).startsWith("config.json: service_types.api.port_range: must be"));
    assertTrue(problems.get(3).startsWith("config.json: service_types.bad name!: type name"));
    assertTrue(problems.get(4).startsWith("config.json: auto_allocation.placement"),
        problems.get(4));
    assertTrue(problems.get(5).startsWith(
        "config.json: recovery.health_monitoring.max_failures"), problems.get(5));
  }
}
