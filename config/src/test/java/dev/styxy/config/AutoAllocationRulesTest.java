package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auto_allocation_rules}: the core's two rules, the user's merged by pattern, checks. */
class AutoAllocationRulesTest {
  @TempDir Path dir;

  private static final AutoAllocationRule MONITORING =
      new AutoAllocationRule("monitoring-*", 20, "smart", 9000);
  private static final AutoAllocationRule DATABASE =
      new AutoAllocationRule("database-*", 5, null, 5400);

  private ServiceCatalog load(String json) throws IOException {
    return ServiceCatalogLoader.load(
        Files.writeString(dir.resolve("config.json"), json.replace('\'', '"')));
  }

  private String problem(String json) {
    return assertThrows(ConfigProblem.class, () -> load(json)).getMessage();
  }

  @Test
  void coreShipsTheOriginalsTwoRules() {
    assertEquals(List.of(MONITORING, DATABASE),
        ServiceCatalogLoader.core().autoAllocationRules());
  }

  @Test
  void userRuleReplacesTheCoreRuleOfTheSamePatternInPlace() throws IOException {
    ServiceCatalog c = load("{'auto_allocation_rules':{'monitoring-*':{'chunk_size':7}}}");
    assertEquals(List.of(new AutoAllocationRule("monitoring-*", 7, null, null), DATABASE),
        c.autoAllocationRules());
  }

  @Test
  void newUserPatternsComeAfterTheCoreOnes() throws IOException {
    ServiceCatalog c = load("{'auto_allocation_rules':{'*-cache':{'placement':'before'}}}");
    assertEquals(List.of(MONITORING, DATABASE,
        new AutoAllocationRule("*-cache", null, "before", null)), c.autoAllocationRules());
  }

  @Test
  void firstMatchingRuleInFileOrderWins() throws IOException {
    ServiceCatalog c = load("{'auto_allocation_rules':{'*':{'chunk_size':3}}}");
    assertEquals(MONITORING, c.ruleFor("monitoring-x").orElseThrow());
    assertEquals(3, c.ruleFor("grafana").orElseThrow().chunkSize());
    assertTrue(ServiceCatalogLoader.core().ruleFor("grafana").isEmpty());
  }

  @Test
  void unknownRuleKeyIsRejectedNamingIt() {
    assertTrue(problem("{'auto_allocation_rules':{'x-*':{'range':[1,2]}}}")
        .startsWith("config.json: auto_allocation_rules.x-*.range: unknown key"));
  }

  @Test
  void chunkSizeOfOneIsAllowedAndZeroIsNot() throws IOException {
    assertEquals(1, load("{'auto_allocation_rules':{'x-*':{'chunk_size':1}}}")
        .ruleFor("x-y").orElseThrow().chunkSize());
    assertTrue(problem("{'auto_allocation_rules':{'x-*':{'chunk_size':0}}}").startsWith(
        "config.json: auto_allocation_rules.x-*.chunk_size: must be within 1..1000, was 0"));
  }

  @Test
  void badPlacementIsRejected() {
    assertTrue(problem("{'auto_allocation_rules':{'x-*':{'placement':'near'}}}").startsWith(
        "config.json: auto_allocation_rules.x-*.placement: must be one of after, before, smart"));
  }

  @Test
  void preferredRangeStartMustBeAnUnprivilegedPort() {
    assertTrue(problem("{'auto_allocation_rules':{'x-*':{'preferred_range_start':80}}}")
        .startsWith("config.json: auto_allocation_rules.x-*.preferred_range_start: "
            + "must be within 1024..65535, was 80"));
  }

  @Test
  void patternWithCharactersNoTypeNameCanHoldIsRejected() {
    assertTrue(problem("{'auto_allocation_rules':{'a.b':{}}}").startsWith(
        "config.json: auto_allocation_rules.a.b: pattern may hold only"));
  }

  @Test
  void ruleThatIsNotAnObjectIsRejected() {
    assertTrue(problem("{'auto_allocation_rules':{'x-*':5}}").startsWith(
        "config.json: auto_allocation_rules.x-*: must be an object"));
  }
}
