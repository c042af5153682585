package dev.styxy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.config.AutoAllocationConfig;
import dev.styxy.config.AutoAllocationRule;
import dev.styxy.config.PortRange;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceCatalogLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Placement of auto-allocated ranges: the original's strategies with its bugs fixed. */
class AutoRangePlannerTest {
  private static final int DAEMON = 9876;
  private static final PortRange EPHEMERAL = new PortRange(32768, 60999);
  private static final ServiceCatalog CORE = ServiceCatalogLoader.core();

  private static AutoAllocationConfig config(String placement, int min, int max, boolean gaps) {
    return new AutoAllocationConfig(true, 10, placement, min, max, gaps, 10);
  }

  private static Map<String, PortRange> core() {
    Map<String, PortRange> ranges = new LinkedHashMap<>();
    CORE.types().forEach((name, type) -> ranges.put(name, type.range()));
    return ranges;
  }

  private static AutoRangePlan.Planned planned(AutoRangePlan plan) {
    return assertInstanceOf(AutoRangePlan.Planned.class, plan);
  }

  private static AutoRangePlan.Refused refused(AutoRangePlan plan) {
    return assertInstanceOf(AutoRangePlan.Refused.class, plan);
  }

  private static AutoRangePlan plan(String name, Map<String, PortRange> existing,
      AutoAllocationConfig config, AutoAllocationRule rule) {
    return AutoRangePlanner.plan(name, existing, config, Optional.ofNullable(rule), DAEMON,
        EPHEMERAL);
  }

  /** Plans {@code count} types one after another, each seeing the ones before. */
  private static List<PortRange> planMany(int count, Map<String, PortRange> existing,
      AutoAllocationConfig config) {
    List<PortRange> got = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      PortRange r = planned(plan("new-" + i, existing, config, null)).range();
      existing.put("new-" + i, r);
      got.add(r);
    }
    return got;
  }

  @Test
  void afterWithTheCoreConfigGivesTheOriginalsFirstRanges() {
    Map<String, PortRange> existing = core();
    assertEquals(List.of(new PortRange(11510, 11519), new PortRange(11530, 11539)),
        planMany(2, existing, CORE.autoAllocation()));
  }

  @Test
  void preferredPortsAreTheFirstFourPortsOfTheRange() {
    AutoRangePlan.Planned p = planned(plan("grafana", core(), CORE.autoAllocation(), null));
    assertEquals(List.of(11510, 11511, 11512, 11513), p.preferredPorts());
    assertEquals(10, p.chunkSize());
    assertEquals("after", p.placement());
  }

  @Test
  void withoutGapsTheRangeFollowsTheHighestDirectly() {
    assertEquals(new PortRange(11500, 11509),
        planned(plan("x", core(), config("after", 10000, 49151, false), null)).range());
  }

  @Test
  void beforeWorksWithTheCoreConfigBelowTheLowestRangeInTheWindow() {
    // The original always failed here: the lowest core range (3000) is below min_port.
    assertEquals(List.of(new PortRange(11380, 11389), new PortRange(11360, 11369)),
        planMany(2, core(), config("before", 10000, 49151, true)));
  }

  @Test
  void beforeWithAnEmptyWindowEndsBelowTheEphemeralRange() {
    assertEquals(new PortRange(32758, 32767),
        planned(plan("x", Map.of(), config("before", 20000, 49151, true), null)).range());
  }

  @Test
  void beforeNeverGoesBelowMinPort() {
    Map<String, PortRange> existing = core();
    AutoAllocationConfig narrow = config("before", 11000, 11399, true);
    List<PortRange> all = new ArrayList<>();
    for (AutoRangePlan p = plan("t0", existing, narrow, null);
        p instanceof AutoRangePlan.Planned ok; p = plan("t" + all.size(), existing, narrow, null)) {
      all.add(ok.range());
      existing.put("t" + all.size(), ok.range());
    }
    // 11000..11389 (the gap below ai) holds 20 ranges of 10 with 10-port gaps.
    assertEquals(20, all.size(), all.toString());
    assertEquals(new PortRange(11000, 11009), all.get(19));
  }

  @Test
  void smartRespectsMinPortInsteadOfFillingGapsAmongTheCoreRanges() {
    // The original returned 3210-3219, below min_port.
    AutoRangePlan.Planned p = planned(plan("x", core(), config("smart", 10000, 49151, true),
        null));
    assertEquals(new PortRange(10000, 10009), p.range());
    assertEquals("smart-gap", p.basis());
  }

  @Test
  void smartPlacesNextToTheSameCategoryWhenNoGapFits() {
    Map<String, PortRange> existing = new LinkedHashMap<>();
    existing.put("db-a", new PortRange(9000, 9019));
    existing.put("web-a", new PortRange(10000, 10019));
    AutoRangePlan.Planned p = planned(plan("web-b", existing, config("smart", 10000, 20000, true),
        null));
    assertEquals(new PortRange(10030, 10039), p.range());
    assertEquals("smart-category", p.basis());
    assertEquals("smart-after",
        planned(plan("cache", existing, config("smart", 10000, 20000, true), null)).basis());
  }

  @Test
  void smartRespectsMaxPort() {
    Map<String, PortRange> existing = new LinkedHashMap<>();
    existing.put("a", new PortRange(10000, 10009));
    existing.put("b", new PortRange(10035, 10049));
    AutoRangePlan plan = plan("x", existing, config("smart", 10000, 10055, true), null);
    assertEquals(ErrorCode.RANGE_EXHAUSTED, refused(plan).code());
  }

  @Test
  void rulePlacementAndChunkSizeAreHonored() {
    AutoRangePlan.Planned p = planned(plan("redis-cache", core(), CORE.autoAllocation(),
        new AutoAllocationRule("*-cache", 5, "before", null)));
    assertEquals(new PortRange(11385, 11389), p.range());
    assertEquals("before", p.placement());
    assertEquals(5, p.chunkSize());
  }

  @Test
  void corePreferredRangeStartPlacesMonitoringTypesAt9000() {
    Map<String, PortRange> existing = core();
    AutoRangePlan.Planned first = planned(AutoRangePlanner.plan("monitoring-grafana",
        RegistryState.empty(), CORE, DAEMON, EPHEMERAL));
    assertEquals(new PortRange(9000, 9019), first.range());
    assertEquals("smart", first.placement());
    assertEquals("preferred_range_start", first.basis());
    existing.put("monitoring-grafana", first.range());
    // 9030-9049 would come within 10 ports of messaging (9050): the next free spot is past test.
    assertEquals(new PortRange(9310, 9329), planned(plan("monitoring-loki", existing,
        CORE.autoAllocation(), CORE.ruleFor("monitoring-loki").orElseThrow())).range());
  }

  @Test
  void chunkSizeOfOneIsAllowedWithItsOnlyPortPreferred() {
    AutoRangePlan.Planned p = planned(plan("x", core(), CORE.autoAllocation(),
        new AutoAllocationRule("x", 1, null, null)));
    assertEquals(new PortRange(11510, 11510), p.range());
    assertEquals(List.of(11510), p.preferredPorts());
  }

  @Test
  void preferredPortsStayInsideASmallRange() {
    AutoRangePlan.Planned p = planned(plan("x", core(), CORE.autoAllocation(),
        new AutoAllocationRule("x", 2, null, null)));
    assertEquals(List.of(11510, 11511), p.preferredPorts());
  }

  @Test
  void theDaemonsPortIsNeverInsideANewRange() {
    AutoRangePlan plan = AutoRangePlanner.plan("x", core(), CORE.autoAllocation(),
        Optional.empty(), 11515, EPHEMERAL);
    assertEquals(new PortRange(11516, 11525), planned(plan).range());
  }

  @Test
  void ephemeralRangeIsAvoidedWhileThereIsRoomElsewhere() {
    Map<String, PortRange> existing = new LinkedHashMap<>();
    existing.put("x", new PortRange(30100, 32760));
    assertEquals(new PortRange(30000, 30009),
        planned(plan("y", existing, config("after", 30000, 40000, true), null)).range());
  }

  @Test
  void ephemeralRangeIsUsedWhenNothingElseIsLeft() {
    Map<String, PortRange> existing = new LinkedHashMap<>();
    existing.put("x", new PortRange(30000, 32760));
    assertEquals(new PortRange(32771, 32780),
        planned(plan("y", existing, config("after", 30000, 40000, true), null)).range());
  }

  @Test
  void noRoomLeftIsAClearRefusal() {
    Map<String, PortRange> existing = new LinkedHashMap<>();
    existing.put("a", new PortRange(10000, 10009));
    AutoRangePlan.Refused r = refused(plan("b", existing, config("after", 10000, 10025, true),
        null));
    assertEquals(ErrorCode.RANGE_EXHAUSTED, r.code());
    assertTrue(r.message().startsWith("No room left for a 10-port range for new service type 'b'"
        + " within 10000-10025"), r.message());
  }

  @Test
  void invalidNamesAreRefusedBeforeAnythingIsPlanned() {
    for (String bad : List.of("bad_type!", "a".repeat(51), "", "x y")) {
      assertEquals(ErrorCode.INVALID_ARGUMENT,
          refused(plan(bad, core(), CORE.autoAllocation(), null)).code(), bad);
    }
    assertInstanceOf(AutoRangePlan.Planned.class,
        plan("a".repeat(50), core(), CORE.autoAllocation(), null));
  }

  @Test
  void disabledAutoAllocationRefusesWithTheOriginalsMessage() {
    AutoAllocationConfig off = new AutoAllocationConfig(false, 10, "after", 10000, 49151, true, 10);
    AutoRangePlan.Refused r = refused(plan("grafana", core(), off, null));
    assertEquals(ErrorCode.UNKNOWN_SERVICE_TYPE, r.code());
    assertEquals("Unknown service type 'grafana': Unknown service type 'grafana' and"
        + " auto-allocation is disabled", r.message());
  }

  @Test
  void manyNewTypesNeverOverlapNorComeWithinTheGapOfAnotherRange() {
    for (String placement : List.of("after", "before", "smart")) {
      Map<String, PortRange> existing = core();
      planMany(50, existing, config(placement, 10000, 49151, true));
      List<PortRange> all = new ArrayList<>(existing.values());
      all.sort((a, b) -> Integer.compare(a.start(), b.start()));
      for (int i = 1; i < all.size(); i++) {
        PortRange prev = all.get(i - 1);
        PortRange next = all.get(i);
        boolean bothCore = CORE.types().values().stream().filter(t -> t.range().equals(prev)
            || t.range().equals(next)).count() == 2;
        assertTrue(bothCore || next.start() > prev.end() + 10,
            placement + ": " + prev + " " + next);
      }
      assertFalse(existing.entrySet().stream().anyMatch(e -> e.getKey().startsWith("new-")
          && e.getValue().contains(DAEMON)), placement);
    }
  }

  @Test
  void stateAutoTypesCountAsExistingRanges() {
    RegistryState state = RegistryState.empty().apply(ServiceTypeAutoAllocated.of("grafana",
        planned(plan("grafana", core(), CORE.autoAllocation(), null)), Fixtures.NOW, "r"));
    assertEquals(new PortRange(11530, 11539),
        planned(AutoRangePlanner.plan("loki", state, CORE, DAEMON, EPHEMERAL)).range());
  }

  @Test
  void categoryIsThePrefixBeforeTheHyphenElseAKeyword() {
    assertEquals("monitoring", AutoRangePlanner.category("monitoring-grafana"));
    assertEquals("db", AutoRangePlanner.category("mydbserver"));
    assertEquals("grafana", AutoRangePlanner.category("Grafana"));
  }
}
