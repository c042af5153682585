package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.config.ServiceType.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core catalog and how the user's config.json is merged over it. */
class ServiceCatalogLoaderTest {
  @TempDir Path dir;

  /** name, first preferred port, range start, range end: the table of the original's §3.2. */
  private static final Object[][] CORE_TABLE = {
    {"dev", 3000, 3000, 3099}, {"api", 8000, 8000, 8099}, {"database", 5430, 5430, 5499},
    {"auth", 9099, 9099, 9199}, {"functions", 5001, 5000, 5099}, {"ui", 4000, 4000, 4099},
    {"hub", 4400, 4400, 4499}, {"storybook", 6006, 6006, 6029}, {"test", 9200, 9200, 9299},
    {"proxy", 8100, 8100, 8199}, {"docs", 4100, 4100, 4199}, {"monitoring", 3100, 3100, 3199},
    {"build", 8200, 8200, 8299}, {"infrastructure", 6370, 6370, 6399},
    {"ai", 11430, 11400, 11499}, {"messaging", 9050, 9050, 9098},
    {"coordination", 9870, 9870, 9899},
  };

  /** Writes a user config.json; single quotes stand for double quotes to keep the JSON readable. */
  private Path userFile(String json) throws IOException {
    return Files.writeString(dir.resolve("config.json"), json.replace('\'', '"'));
  }

  @Test
  void coreCatalogHoldsTheSeventeenTypesInTheOriginalOrder() {
    List<String> names = ServiceCatalogLoader.core().types().keySet().stream().toList();
    List<String> expected = Arrays.stream(CORE_TABLE).map(r -> (String) r[0]).toList();
    assertEquals(17, names.size());
    assertEquals(expected, names);
  }

  @Test
  void coreTypesHaveTheRangesAndPreferredPortsOfTheOriginalTable() {
    ServiceCatalog core = ServiceCatalogLoader.core();
    for (Object[] row : CORE_TABLE) {
      ServiceType type = core.find((String) row[0]).orElseThrow();
      int first = (Integer) row[1];
      assertEquals(List.of(first, first + 1, first + 2, first + 3), type.preferredPorts(),
          type.name());
      assertEquals(new PortRange((Integer) row[2], (Integer) row[3]), type.range(), type.name());
      assertEquals(Source.CORE, type.source(), type.name());
      assertFalse(type.description().isEmpty(), type.name());
      assertFalse(type.examples().isEmpty(), type.name());
    }
  }

  @Test
  void aiIsTheOnlySingletonCoreType() {
    List<String> singletons = ServiceCatalogLoader.core().types().values().stream()
        .filter(ServiceType::isSingleton).map(ServiceType::name).toList();
    assertEquals(List.of("ai"), singletons);
  }

  @Test
  void coreRangesDoNotOverlapAndCover1404Ports() {
    ServiceCatalog core = ServiceCatalogLoader.core();
    assertEquals(List.of(), core.rangeOverlaps());
    assertEquals(1404, core.types().values().stream().mapToInt(t -> t.range().size()).sum());
  }

  @Test
  void coreAutoAllocationIsTheShippedSection() {
    assertEquals(new AutoAllocationConfig(true, 10, "after", 10000, 49151, true, 10),
        ServiceCatalogLoader.core().autoAllocation());
  }

  @Test
  void missingUserFileYieldsTheCoreCatalog() {
    assertEquals(ServiceCatalogLoader.core(),
        ServiceCatalogLoader.load(dir.resolve("config.json")));
  }

  @Test
  void userTypeReplacesTheCoreTypeOfTheSameNameEntirely() throws IOException {
    Path file = userFile("{'service_types':{'dev':{'port_range':[3500,3509]}}}");
    ServiceCatalog catalog = ServiceCatalogLoader.load(file);
    ServiceType dev = catalog.find("dev").orElseThrow();
    assertEquals(new ServiceType("dev", "", List.of(), new PortRange(3500, 3509),
        InstanceBehavior.MULTI, List.of(), Source.USER), dev);
    assertEquals("dev", catalog.types().keySet().iterator().next());
    assertEquals(17, catalog.types().size());
  }

  @Test
  void userTypeWithANewNameIsAddedAfterTheCoreTypes() throws IOException {
    Path file = userFile("{'service_types':{'minio':{'description':'Object storage',"
        + "'preferred_ports':[12000],'port_range':[12000,12009],'instance_behavior':'single',"
        + "'examples':['MinIO']}}}");
    ServiceCatalog catalog = ServiceCatalogLoader.load(file);
    assertEquals(18, catalog.types().size());
    assertEquals(new ServiceType("minio", "Object storage", List.of(12000),
        new PortRange(12000, 12009), InstanceBehavior.SINGLE, List.of("MinIO"), Source.USER),
        catalog.find("minio").orElseThrow());
    assertEquals("minio", List.copyOf(catalog.types().keySet()).get(17));
  }

  @Test
  void userTypeMayGiveItsRangeUnderTheKeyRange() throws IOException {
    Path file = userFile("{'service_types':{'minio':{'range':[12000,12009]}}}");
    assertEquals(new PortRange(12000, 12009),
        ServiceCatalogLoader.load(file).find("minio").orElseThrow().range());
  }

  @Test
  void userTypeMayGiveTheSameRangeUnderBothKeys() throws IOException {
    Path file = userFile("{'service_types':{'minio':{'range':[12000,12009],"
        + "'port_range':[12000,12009]}}}");
    assertEquals(new PortRange(12000, 12009),
        ServiceCatalogLoader.load(file).find("minio").orElseThrow().range());
  }

  @Test
  void autoAllocatedUserTypeHasSourceAuto() throws IOException {
    Path file = userFile("{'service_types':{'grafana':{'description':'Auto-allocated service type"
        + " for grafana','preferred_ports':[11510,11511,11512,11513],'port_range':[11510,11519],"
        + "'multi_instance_pattern':'sequential','instance_behavior':'multi','examples':"
        + "['grafana service instance'],'auto_allocated':true,"
        + "'auto_allocated_at':'2026-11-23T01:51:22.758Z'}}}");
    ServiceType grafana = ServiceCatalogLoader.load(file).find("grafana").orElseThrow();
    assertEquals(Source.AUTO, grafana.source());
    assertEquals(new PortRange(11510, 11519), grafana.range());
  }

  @Test
  void userTypeWithAutoAllocatedFalseHasSourceUser() throws IOException {
    Path file = userFile("{'service_types':{'minio':{'port_range':[12000,12009],"
        + "'auto_allocated':false}}}");
    assertEquals(Source.USER, ServiceCatalogLoader.load(file).find("minio").orElseThrow().source());
  }

  @Test
  void userAutoAllocationOverridesOnlyTheKeysItNames() throws IOException {
    Path file = userFile("{'auto_allocation':{'enabled':false,'placement':'smart'}}");
    assertEquals(new AutoAllocationConfig(false, 10, "smart", 10000, 49151, true, 10),
        ServiceCatalogLoader.load(file).autoAllocation());
  }

  @Test
  void userFileWithoutServiceTypesKeepsTheCoreTypes() throws IOException {
    Path file = userFile("{'auto_allocation':{'gap_size':0}}");
    ServiceCatalog catalog = ServiceCatalogLoader.load(file);
    assertEquals(ServiceCatalogLoader.core().types(), catalog.types());
    assertEquals(0, catalog.autoAllocation().gapSize());
  }

  @Test
  void sectionsTheDaemonIgnoresAreAccepted() throws IOException {
    Path file = userFile("{'_meta':{'version':'2.1'},'instance_templates':{},'compliance':{},"
        + "'recovery':{'port_conflict':{'enabled':true}},'auto_allocation_rules':{'db-*':{}},"
        + "'daemon':{'listen_port':9876,'log_level':'info','cleanup_interval':30},"
        + "'listen_port':9876,'cleanup_interval':30,'service_types':{'ai':{"
        + "'port_range':[11400,11499],'instance_behavior':'single',"
        + "'multi_instance_pattern':'sequential','manual_allocations':{'chroma':9999}}}}");
    ServiceType ai = ServiceCatalogLoader.load(file).find("ai").orElseThrow();
    assertTrue(ai.isSingleton());
    assertEquals(Source.USER, ai.source());
  }

  @Test
  void wholeNumberWrittenWithADecimalPointIsAcceptedAsAPort() throws IOException {
    Path file = userFile("{'service_types':{'minio':{'port_range':[12000.0,12009]}}}");
    assertEquals(new PortRange(12000, 12009),
        ServiceCatalogLoader.load(file).find("minio").orElseThrow().range());
  }

  @Test
  void userRangeOverlappingACoreRangeIsAcceptedAndReported() throws IOException {
    Path file = userFile("{'service_types':{'grafana':{'port_range':[3050,3149]}}}");
    assertEquals(List.of("dev 3000-3099 overlaps grafana 3050-3149",
        "monitoring 3100-3199 overlaps grafana 3050-3149"),
        ServiceCatalogLoader.load(file).rangeOverlaps());
  }

  @Test
  void instanceBehaviorIsReadCaseInsensitively() throws IOException {
    Path file = userFile("{'service_types':{'minio':{'port_range':[12000,12009],"
        + "'instance_behavior':'Single'}}}");
    assertTrue(ServiceCatalogLoader.load(file).find("minio").orElseThrow().isSingleton());
  }

  @Test
  void healthMonitoringKeysOfTheUserFileAreRead() throws IOException {
    Path file = userFile("{'recovery':{'health_monitoring':{'enabled':false,"
        + "'check_interval_ms':5000,'max_failures':4,'cleanup_stale_allocations':false}}}");

    assertEquals(new HealthMonitoring(false, 5000, 4, false),
        ServiceCatalogLoader.load(file).healthMonitoring());
  }

  @Test
  void healthMonitoringKeysTheFileLeavesOutStayUnset() throws IOException {
    Path file = userFile("{'recovery':{'health_monitoring':{'check_interval_ms':500}}}");

    assertEquals(new HealthMonitoring(null, 500, null, null),
        ServiceCatalogLoader.load(file).healthMonitoring());
  }

  @Test
  void intervalWrittenWithADecimalPointIsAccepted() throws IOException {
    Path file = userFile("{'recovery':{'health_monitoring':{'check_interval_ms':1000.0}}}");

    assertEquals(1000, ServiceCatalogLoader.load(file).healthMonitoring().checkIntervalMs());
  }

  @Test
  void intervalBoundsAreAccepted() throws IOException {
    Path low = userFile("{'recovery':{'health_monitoring':{'check_interval_ms':10}}}");
    assertEquals(10, ServiceCatalogLoader.load(low).healthMonitoring().checkIntervalMs());

    Path high = userFile("{'recovery':{'health_monitoring':{'check_interval_ms':86400000}}}");
    assertEquals(86_400_000, ServiceCatalogLoader.load(high).healthMonitoring().checkIntervalMs());
  }

  @Test
  void userFileWithoutRecoverySetsNoHealthMonitoringKeys() throws IOException {
    Path file = userFile("{'auto_allocation':{'gap_size':0}}");

    assertEquals(HealthMonitoring.NONE, ServiceCatalogLoader.load(file).healthMonitoring());
  }

  @Test
  void recoveryWithoutHealthMonitoringSetsNoHealthMonitoringKeys() throws IOException {
    Path file = userFile("{'recovery':{'port_conflict':{'enabled':true}}}");

    assertEquals(HealthMonitoring.NONE, ServiceCatalogLoader.load(file).healthMonitoring());
  }

  @Test
  void emptyHealthMonitoringBlockSetsNothing() throws IOException {
    Path file = userFile("{'recovery':{'health_monitoring':{}}}");

    assertEquals(HealthMonitoring.NONE, ServiceCatalogLoader.load(file).healthMonitoring());
  }

  @Test
  void withoutAUserFileNoHealthMonitoringKeysAreSet() {
    assertEquals(HealthMonitoring.NONE, ServiceCatalogLoader.core().healthMonitoring());
    assertEquals(HealthMonitoring.NONE,
        ServiceCatalogLoader.load(dir.resolve("config.json")).healthMonitoring());
  }

  @Test
  void coreFileHealthMonitoringIsNotMergedUnderTheUserBlock() throws IOException {
    // The original's core file ships health monitoring disabled; only the user's keys count, so
    // a user block that leaves out enabled must not come back with enabled=false.
    Path file = userFile("{'recovery':{'health_monitoring':{'max_failures':2}}}");

    assertEquals(null, ServiceCatalogLoader.load(file).healthMonitoring().enabled());
  }

  @Test
  void otherRecoveryBlocksAreAcceptedAsTheyAre() throws IOException {
    Path file = userFile("{'recovery':{'port_conflict':{'enabled':true,'strategy':'next',"
        + "'anything':[1,{'x':null}]},'system_recovery':'whatever',"
        + "'health_monitoring':{'enabled':true}}}");

    assertEquals(new HealthMonitoring(true, null, null, null),
        ServiceCatalogLoader.load(file).healthMonitoring());
  }
}
