package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every invalid user config.json stops loading with a one-line problem naming file and key. */
class ServiceCatalogLoaderValidationTest {
  @TempDir Path dir;

  /** Loads {@code json} (single quotes stand for double quotes) and returns the problem message. */
  private String problem(String json) throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"), json.replace('\'', '"'));
    String message =
        assertThrows(ConfigProblem.class, () -> ServiceCatalogLoader.load(file)).getMessage();
    assertFalse(message.contains("\n"), message);
    return message;
  }

  /** A user file defining one type {@code x} with the given body. */
  private String typeProblem(String body) throws IOException {
    return problem("{'service_types':{'x':{" + body + "}}}");
  }

  private static void assertStarts(String expectedPrefix, String message) {
    assertTrue(message.startsWith(expectedPrefix), message);
  }

  @Test
  void malformedJsonNamesTheLineAndColumn() throws IOException {
    String message = problem("{\n  'service_types': {,}\n}");
    assertStarts("config.json: line 2, column 21: malformed JSON: ", message);
  }

  @Test
  void trailingGarbageAfterTheObjectIsMalformed() throws IOException {
    String message = problem("{} x");
    assertStarts("config.json: line 1, column ", message);
    assertTrue(message.contains(": malformed JSON: "), message);
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    assertStarts("config.json: (file): is empty", problem(""));
  }

  @Test
  void unreadableFileIsRejected() throws IOException {
    Path notAFile = Files.createDirectory(dir.resolve("config.json"));
    String message =
        assertThrows(ConfigProblem.class, () -> ServiceCatalogLoader.load(notAFile)).getMessage();
    assertStarts("config.json: (file): cannot be read: ", message);
  }

  @Test
  void rootThatIsNotAnObjectIsRejected() throws IOException {
    assertStarts("config.json: (root): must be an object, was an array", problem("[]"));
  }

  @Test
  void unknownTopLevelKeyIsRejected() throws IOException {
    assertStarts("config.json: service_type: unknown key", problem("{'service_type':{}}"));
  }

  @Test
  void serviceTypesThatIsNotAnObjectIsRejected() throws IOException {
    assertStarts("config.json: service_types: must be an object, was an array",
        problem("{'service_types':[]}"));
  }

  @Test
  void serviceTypesThatIsNullIsRejected() throws IOException {
    assertStarts("config.json: service_types: must be an object, was null",
        problem("{'service_types':null}"));
  }

  @Test
  void typeEntryThatIsNotAnObjectIsRejected() throws IOException {
    assertStarts("config.json: service_types.x: must be an object, was a string",
        problem("{'service_types':{'x':'3000-3099'}}"));
  }

  @Test
  void typeNameWithCharactersOutsideLettersDigitsAndDashIsRejected() throws IOException {
    assertStarts("config.json: service_types.bad_type!: type name must match",
        problem("{'service_types':{'bad_type!':{'port_range':[12000,12009]}}}"));
  }

  @Test
  void typeNameLongerThanFiftyCharactersIsRejected() throws IOException {
    String name = "a".repeat(51);
    assertStarts("config.json: service_types." + name + ": type name must match",
        problem("{'service_types':{'" + name + "':{'port_range':[12000,12009]}}}"));
  }

  @Test
  void unknownTypeKeyIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.port-range: unknown key",
        typeProblem("'port-range':[12000,12009]"));
  }

  @Test
  void missingRangeIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.port_range: is missing",
        typeProblem("'preferred_ports':[12000]"));
  }

  @Test
  void rangeGivenAsAStringIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.port_range: must be an array, was a string",
        typeProblem("'port_range':'12000-12009'"));
  }

  @Test
  void rangeWithOneNumberIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.range: must be [start, end]",
        typeProblem("'range':[12000]"));
  }

  @Test
  void rangeWithAFractionalNumberIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.port_range[1]: must be an integer",
        typeProblem("'port_range':[12000,12009.5]"));
  }

  @Test
  void rangeWithAStringBoundIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.port_range[0]: must be an integer, was a string",
        typeProblem("'port_range':['12000',12009]"));
  }

  @Test
  void rangeStartingAtPortZeroIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.port_range[0]: must be within 1..65535, was 0",
        typeProblem("'port_range':[0,10]"));
  }

  @Test
  void rangeEndingAbove65535IsRejected() throws IOException {
    assertStarts("config.json: service_types.x.port_range[1]: must be within 1..65535, was 70000",
        typeProblem("'port_range':[60000,70000]"));
  }

  @Test
  void rangeWhoseStartIsAfterItsEndIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.port_range: start 3100 is after end 3000",
        typeProblem("'port_range':[3100,3000]"));
  }

  @Test
  void rangeAndPortRangeThatDifferAreRejected() throws IOException {
    assertStarts("config.json: service_types.x.range: differs from port_range",
        typeProblem("'port_range':[12000,12009],'range':[13000,13009]"));
  }

  @Test
  void preferredPortOutsideValidPortsIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.preferred_ports[1]: must be within 1..65535",
        typeProblem("'port_range':[12000,12009],'preferred_ports':[12000,99999]"));
  }

  @Test
  void preferredPortThatIsAStringIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.preferred_ports[0]: must be an integer",
        typeProblem("'port_range':[12000,12009],'preferred_ports':['12000']"));
  }

  @Test
  void preferredPortsThatIsNotAnArrayIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.preferred_ports: must be an array, was a number",
        typeProblem("'port_range':[12000,12009],'preferred_ports':12000"));
  }

  @Test
  void unknownInstanceBehaviorIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.instance_behavior: must be \"single\" or \"multi\"",
        typeProblem("'port_range':[12000,12009],'instance_behavior':'many'"));
  }

  @Test
  void instanceBehaviorThatIsNotAStringIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.instance_behavior: must be a string",
        typeProblem("'port_range':[12000,12009],'instance_behavior':true"));
  }

  @Test
  void descriptionThatIsNotAStringIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.description: must be a string",
        typeProblem("'port_range':[12000,12009],'description':42"));
  }

  @Test
  void exampleThatIsNotAStringIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.examples[0]: must be a string",
        typeProblem("'port_range':[12000,12009],'examples':[{}]"));
  }

  @Test
  void autoAllocatedFlagThatIsNotABooleanIsRejected() throws IOException {
    assertStarts("config.json: service_types.x.auto_allocated: must be true or false",
        typeProblem("'port_range':[12000,12009],'auto_allocated':'yes'"));
  }

  @Test
  void autoAllocationThatIsNotAnObjectIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation: must be an object, was a boolean",
        problem("{'auto_allocation':true}"));
  }

  @Test
  void unknownAutoAllocationKeyIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.chunk_size: unknown key",
        problem("{'auto_allocation':{'chunk_size':5}}"));
  }

  @Test
  void autoAllocationEnabledThatIsNotABooleanIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.enabled: must be true or false",
        problem("{'auto_allocation':{'enabled':'true'}}"));
  }

  @Test
  void chunkSizeOfZeroIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.default_chunk_size: must be within 1..1000, was 0",
        problem("{'auto_allocation':{'default_chunk_size':0}}"));
  }

  @Test
  void chunkSizeAboveAThousandIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.default_chunk_size: must be within 1..1000",
        problem("{'auto_allocation':{'default_chunk_size':1001}}"));
  }

  @Test
  void unknownPlacementIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.placement: must be one of after, before, smart",
        problem("{'auto_allocation':{'placement':'random'}}"));
  }

  @Test
  void placementThatIsNotAStringIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.placement: must be a string",
        problem("{'auto_allocation':{'placement':1}}"));
  }

  @Test
  void minPortThatIsNotAValidPortIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.min_port: must be within 1..65535, was 0",
        problem("{'auto_allocation':{'min_port':0}}"));
  }

  @Test
  void maxPortBelowTheCoreMinPortIsRejectedAtMaxPort() throws IOException {
    assertStarts("config.json: auto_allocation.max_port: must be above min_port 10000, was 9000",
        problem("{'auto_allocation':{'max_port':9000}}"));
  }

  @Test
  void minPortEqualToMaxPortIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.min_port: must be below max_port 20000",
        problem("{'auto_allocation':{'min_port':20000,'max_port':20000}}"));
  }

  @Test
  void gapSizeBelowZeroIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.gap_size: must be within 0..1000, was -1",
        problem("{'auto_allocation':{'gap_size':-1}}"));
  }

  @Test
  void gapSizeAboveAThousandIsRejected() throws IOException {
    assertStarts("config.json: auto_allocation.gap_size: must be within 0..1000, was 1001",
        problem("{'auto_allocation':{'gap_size':1001}}"));
  }

  @Test
  void problemNamesTheUserFilesOwnName() throws IOException {
    Path file = Files.writeString(dir.resolve("styxy-user.json"), "[]");
    String message =
        assertThrows(ConfigProblem.class, () -> ServiceCatalogLoader.load(file)).getMessage();
    assertStarts("styxy-user.json: (root): ", message);
  }

  /** A user file whose {@code recovery.health_monitoring} block has the given body. */
  private String healthProblem(String body) throws IOException {
    return problem("{'recovery':{'health_monitoring':{" + body + "}}}");
  }

  @Test
  void recoveryThatIsNotAnObjectIsRejected() throws IOException {
    assertStarts("config.json: recovery: must be an object, was an array",
        problem("{'recovery':[]}"));
  }

  @Test
  void unknownRecoveryKeyIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitor: unknown key",
        problem("{'recovery':{'health_monitor':{'enabled':true}}}"));
  }

  @Test
  void healthMonitoringThatIsNotAnObjectIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring: must be an object, was a boolean",
        problem("{'recovery':{'health_monitoring':true}}"));
  }

  @Test
  void unknownHealthMonitoringKeyIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring.check_interval: unknown key",
        healthProblem("'check_interval':5000"));
  }

  @Test
  void checkIntervalBelowTenMillisecondsIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring.check_interval_ms: must be within "
        + "10..86400000, was 9", healthProblem("'check_interval_ms':9"));
  }

  @Test
  void checkIntervalAboveOneDayIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring.check_interval_ms: must be within "
        + "10..86400000, was 86400001", healthProblem("'check_interval_ms':86400001"));
  }

  @Test
  void checkIntervalGivenAsAStringIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring.check_interval_ms: must be an integer",
        healthProblem("'check_interval_ms':'30000'"));
  }

  @Test
  void fractionalCheckIntervalIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring.check_interval_ms: must be an integer",
        healthProblem("'check_interval_ms':1500.5"));
  }

  @Test
  void maxFailuresOfZeroIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring.max_failures: must be within 1..1000,"
        + " was 0", healthProblem("'max_failures':0"));
  }

  @Test
  void enabledThatIsNotABooleanIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring.enabled: must be true or false, was a "
        + "string \"yes\"", healthProblem("'enabled':'yes'"));
  }

  @Test
  void cleanupFlagThatIsNotABooleanIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring.cleanup_stale_allocations: must be "
        + "true or false", healthProblem("'cleanup_stale_allocations':1"));
  }

  @Test
  void nullHealthMonitoringValueIsRejected() throws IOException {
    assertStarts("config.json: recovery.health_monitoring.enabled: must be true or false, "
        + "was null", healthProblem("'enabled':null"));
  }
}
