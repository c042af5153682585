package dev.styxy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class OriginalStateTest {
  private static final Predicate<String> KNOWN = Set.of("dev", "ai")::contains;
  private static final Instant NOW = Fixtures.NOW;

  private static OriginalState.Parsed parse(String json) {
    return OriginalState.parse(json.getBytes(StandardCharsets.UTF_8), KNOWN, NOW);
  }

  private static byte[] capturedSample() throws IOException {
    try (InputStream in = OriginalStateTest.class.getResourceAsStream("/original/daemon.state")) {
      return in.readAllBytes();
    }
  }

  @Test
  void capturedSampleImportsItsAllocationsWithoutTheOriginalDaemonsPid() throws IOException {
    OriginalState.Parsed parsed = OriginalState.parse(capturedSample(), KNOWN, NOW);

    assertEquals(List.of(), parsed.skipped());
    assertEquals(2, parsed.allocations().size());
    Allocation dev = parsed.allocations().get(0);
    assertEquals("e206bc6e-5d1a-4c1e-9a8f-3f4e2b1c0d9a", dev.id().value());
    assertEquals(3000, dev.port());
    assertEquals("dev", dev.serviceType());
    assertEquals("my-app", dev.serviceName());
    assertTrue(dev.named());
    assertEquals("claude-1", dev.instanceId());
    assertEquals("/home/u/proj", dev.projectPath());
    assertNull(dev.pid(), "process_id was the original daemon's own pid");
    assertEquals(Instant.parse("2026-11-23T01:51:14.155Z"), dev.allocatedAt());
    assertEquals("curl/7.88.1", dev.userAgent());
    assertEquals("127.0.0.1", dev.remoteIp());
  }

  @Test
  void capturedSampleMergesTheSingletonIntoItsAllocation() throws IOException {
    OriginalState.Parsed parsed = OriginalState.parse(capturedSample(), KNOWN, NOW);

    List<Allocation> ai = parsed.allocations().stream().filter(a -> a.port() == 11430).toList();
    assertEquals(1, ai.size());
    assertEquals("b437a1d2-7c3e-4f5a-8b6c-9d0e1f2a3b4c", ai.get(0).id().value());
  }

  @Test
  void capturedSampleImportsItsInstanceWithMetadataAsCompactJson() throws IOException {
    OriginalState.Parsed parsed = OriginalState.parse(capturedSample(), KNOWN, NOW);

    assertEquals(1, parsed.instances().size());
    Instance i = parsed.instances().get(0);
    assertEquals("claude-code-1", i.id());
    assertEquals("/home/u/proj", i.workingDirectory());
    assertEquals("{\"agent\":\"claude-code\"}", i.metadataJson());
    assertEquals(Instant.parse("2026-11-23T01:50:00Z"), i.registeredAt());
    assertNull(i.pid());
  }

  @Test
  void invalidLockIdGetsANewOne() {
    OriginalState.Parsed parsed = parse("""
        {"allocations":[{"serviceType":"dev","port":3001,"lockId":"not-a-uuid"}],"instances":[]}
        """);

    Allocation a = parsed.allocations().get(0);
    assertTrue(AllocationId.isValid(a.id().value()));
    assertNotEquals("not-a-uuid", a.id().value());
    assertEquals(NOW, a.allocatedAt(), "no allocated_at: the import time");
    assertEquals(AllocationRequest.DEFAULT_INSTANCE_ID, a.instanceId());
  }

  @Test
  void badRecordsAreSkippedWithAReasonEach() {
    OriginalState.Parsed parsed = parse("""
        {"allocations":[
          {"serviceType":"dev","port":70000},
          {"serviceType":"dev","port":"3000"},
          {"serviceType":"gone","port":3002},
          {"port":3003},
          {"serviceType":"dev","port":3004,"instance_id":"bad id!"},
          {"serviceType":"dev","port":3005,"project_path":42},
          {"serviceType":"dev","port":3006},
          {"serviceType":"dev","port":3006},
          "oops"
        ],
        "instances":[{"id":"ok"},{"id":"has space"},{"id":"ok"},{"id":"m","metadata":[1]},{}],
        "singletonServices":[{"serviceType":"ai","port":11430,"lockId":"%s"}]}
        """.formatted(AllocationId.random()));

    assertEquals(List.of(3006), parsed.allocations().stream().map(Allocation::port).toList());
    assertEquals(List.of("ok"), parsed.instances().stream().map(Instance::id).toList());
    List<String> skipped = parsed.skipped();
    assertEquals(13, skipped.size(), String.join("\n", skipped));
    assertTrue(skipped.get(0).contains("70000 is not a whole number from 1 to 65535"));
    assertTrue(skipped.get(1).contains("port \"3000\" is not a whole number"));
    assertTrue(skipped.get(2).contains("service type 'gone' is not configured here"));
    assertTrue(skipped.get(3).contains("service_type is missing"));
    assertTrue(skipped.get(4).contains("instance_id 'bad id!' is not [a-zA-Z0-9_-]{1,100}"));
    assertTrue(skipped.get(5).contains("project_path must be a string"));
    assertTrue(skipped.get(6).startsWith("allocation #8 (port 3006): port 3006 is already "
        + "taken by allocation #7"), skipped.get(6));
    assertTrue(skipped.get(7).contains("must be an object, was string"));
    assertTrue(skipped.get(8).startsWith("singleton #1 (port 11430): no allocation has its "
        + "lock id"), skipped.get(8));
    assertTrue(skipped.get(9).contains("id 'has space' is not"));
    assertTrue(skipped.get(10).contains("id 'ok' is used by an earlier instance"));
    assertTrue(skipped.get(11).contains("metadata must be an object"));
    assertEquals("instance #5: id is missing", skipped.get(12));
  }

  @Test
  void instanceIdLongerThanAHundredCharactersIsSkipped() {
    OriginalState.Parsed parsed = parse("{\"allocations\":[],\"instances\":[{\"id\":\""
        + "a".repeat(101) + "\"}]}");

    assertEquals(List.of(), parsed.instances());
    assertEquals(1, parsed.skipped().size());
  }

  @Test
  void contentThatIsNotJsonIsRefusedNamingTheProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse("{\"allocations\": [ oops"));
    assertTrue(e.getMessage().startsWith("the state file is not valid JSON: "), e.getMessage());
  }

  @Test
  void aTopLevelArrayIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse("[]"));
    assertEquals("the state file must hold a JSON object, was array", e.getMessage());
  }

  @Test
  void emptyContentIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(""));
    assertEquals("the state file must hold a JSON object, was empty", e.getMessage());
  }

  @Test
  void missingInstancesArrayIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse("{\"allocations\":[]}"));
    assertEquals("the state file has no \"instances\" array", e.getMessage());
  }

  @Test
  void allocationsOfTheWrongTypeAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse("{\"allocations\":{},\"instances\":[]}"));
    assertEquals("\"allocations\" in the state file must be an array, was object",
        e.getMessage());
  }

  @Test
  void singletonServicesOfTheWrongTypeAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse("{\"allocations\":[],\"instances\":[],\"singletonServices\":5}"));
    assertEquals("\"singletonServices\" in the state file must be an array, was number",
        e.getMessage());
  }
}
