package dev.styxy.persistence;

import static dev.styxy.persistence.Fixtures.NOW;
import static dev.styxy.persistence.Fixtures.allocated;
import static dev.styxy.persistence.Fixtures.named;
import static dev.styxy.persistence.Fixtures.released;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.config.PortRange;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every journaled type survives a jackson-cbor round trip under this module's serialization
 * bindings: what the journal and the snapshot store write is what recovery reads back.
 */
class CborSerializationTest {
  private static final ActorTestKit testKit = ActorTestKit.create("CborSerializationTest");
  private static final SerializationTestKit serialization = testKit.serializationTestKit();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static Allocation namedAllocation() {
    return new Allocation(AllocationId.random(), 3000, "dev", "web", true, "claude-a",
        "/home/dev/shop", 4711L, NOW, "styxy-cli/1.0", "127.0.0.1", NOW.minusSeconds(5),
        "http://127.0.0.1:3000/health", 60, NOW.plusSeconds(60), HealthStatus.starting(NOW));
  }

  private static Allocation unnamedAllocation() {
    return new Allocation(AllocationId.random(), 8000, "api", "unnamed-service", false, "default",
        null, null, NOW, null, null, null, null, null, null, null);
  }

  @Test
  void cborSerializableTypesAreBoundToJacksonCbor() throws Exception {
    var serializer = SerializationExtension.get(testKit.system().classicSystem())
        .serializerFor(PortAllocated.class);

    assertEquals(JacksonCborSerializer.class, serializer.getClass());
  }

  @Test
  void portAllocatedRoundTrips() {
    PortAllocated event = new PortAllocated(namedAllocation(),
        List.of("3000 held by pid 4242 (python3)", "chose 3001"), NOW, "req-1", "range", "http");

    serialization.verifySerialization(event, true);
  }

  @Test
  void portReleasedRoundTrips() {
    serialization.verifySerialization(released(namedAllocation()), true);
  }

  @Test
  void allocationWithAllFieldsRoundTrips() {
    serialization.verifySerialization(namedAllocation(), true);
  }

  @Test
  void allocationWithoutOptionalFieldsRoundTrips() {
    serialization.verifySerialization(unnamedAllocation(), true);
  }

  @Test
  void allocationRequestRoundTrips() {
    serialization.verifySerialization(named("dev", "web"), true);
  }

  @Test
  void emptyRegistryStateRoundTrips() {
    serialization.verifySerialization(RegistryState.empty(), true);
  }

  @Test
  void registryStateWithAllocationsAndStickyPortsRoundTrips() {
    Allocation sticky = namedAllocation();
    RegistryState state = RegistryState.empty()
        .apply(allocated(sticky))
        .apply(allocated(unnamedAllocation()))
        .apply(released(sticky));

    RegistryState copy = serialization.verifySerialization(state, true);

    assertEquals(1, copy.sticky().size());
    assertEquals(1, copy.size());
  }

  @Test
  void registryStateRoundTripKeepsTheIndexes() {
    Allocation a = namedAllocation();
    RegistryState state = RegistryState.empty().apply(allocated(a));

    RegistryState copy = serialization.verifySerialization(state, true);

    assertEquals(List.of(a, a), List.of(copy.atPort(3000).orElseThrow(),
        copy.liveClaim(a.claimKey()).orElseThrow()));
  }

  @Test
  void serviceTypeAutoAllocatedRoundTrips() {
    serialization.verifySerialization(autoAllocated(), true);
  }

  @Test
  void registryStateWithAutoTypesRoundTrips() {
    RegistryState state = RegistryState.empty().apply(autoAllocated());

    RegistryState copy = serialization.verifySerialization(state, true);

    assertEquals(new PortRange(11510, 11519),
        copy.autoType("grafana").orElseThrow().range());
  }

  private static ServiceTypeAutoAllocated autoAllocated() {
    return new ServiceTypeAutoAllocated("grafana", 11510, 11519,
        List.of(11510, 11511, 11512, 11513), 10, "after", NOW, "req-1", "after",
        ServiceTypeAutoAllocated.ACTOR);
  }

  @Test
  void instanceRegisteredWithNestedMetadataRoundTrips() {
    InstanceRegistered event = new InstanceRegistered("claude-code-1732345678-4242",
        "/home/u/proj", "{\"agent\":\"claude-code\",\"pid\":4242,\"features\":[\"cypress\"]}",
        4242L, NOW, "req-3", "registered", "http");

    serialization.verifySerialization(event, true);
  }

  @Test
  void instanceRegisteredWithoutOptionalFieldsRoundTrips() {
    serialization.verifySerialization(
        new InstanceRegistered("agent-1", null, "{}", null, NOW, "req-4", "registered", "cli"),
        true);
  }

  @Test
  void instanceDeregisteredRoundTrips() {
    serialization.verifySerialization(
        new InstanceDeregistered("agent-1", NOW, "req-5", "deregistered", "http"), true);
  }

  @Test
  void registryStateWithInstancesRoundTrips() {
    RegistryState state = RegistryState.empty()
        .apply(new InstanceRegistered("agent-1", "/w", "{\"a\":{\"b\":[1,2]}}", 7L, NOW, "r",
            "registered", "http"))
        .apply(allocated(namedAllocation()));

    RegistryState copy = serialization.verifySerialization(state, true);

    assertEquals(state.instances(), copy.instances());
    assertEquals(1, copy.instanceCount());
  }

  @Test
  void snapshotWrittenBeforeInstancesExistedStillLoads() throws Exception {
    var cbor = JacksonObjectMapperProvider.get(testKit.system().classicSystem())
        .getOrCreate("jackson-cbor", Optional.empty());
    Allocation a = unnamedAllocation();
    byte[] old = cbor.writeValueAsBytes(Map.of("allocations", List.of(a), "sticky", List.of()));

    RegistryState state = cbor.readValue(old, RegistryState.class);

    assertEquals(List.of(a), state.allocations());
    assertEquals(0, state.instanceCount());
  }

  @Test
  void healthChangedRoundTrips() {
    Allocation a = namedAllocation();
    HealthChanged event = new HealthChanged(a.id(), a.port(), HealthState.HEALTHY,
        new HealthStatus(HealthState.UNHEALTHY, NOW, "port 3000 no longer listening"), NOW,
        "req-6", "port_abandoned", "health");

    serialization.verifySerialization(event, true);
  }

  @Test
  void leaseRenewedRoundTrips() {
    Allocation a = namedAllocation();

    serialization.verifySerialization(new LeaseRenewed(a.id(), a.port(), NOW.plusSeconds(120),
        NOW, "req-7", "heartbeat", "http"), true);
  }

  @Test
  void allocationWithEveryHealthFieldSetRoundTrips() {
    Allocation a = namedAllocation().withHealth(
        new HealthStatus(HealthState.UNHEALTHY, NOW.plusMillis(1500), "health_url: HTTP 503"));

    Allocation copy = serialization.verifySerialization(a, true);

    assertEquals(List.of(NOW.minusSeconds(5), "http://127.0.0.1:3000/health", 60,
        NOW.plusSeconds(60)), List.of(copy.ownerStartedAt(), copy.healthUrl(),
        copy.leaseTtlSeconds(), copy.leaseExpiresAt()));
    assertEquals(a.health(), copy.health());
  }

  @Test
  void registryStateWithHealthAndLeaseChangesRoundTrips() {
    Allocation a = namedAllocation();
    HealthStatus healthy = new HealthStatus(HealthState.HEALTHY, NOW, "port 3000 listening");
    RegistryState state = RegistryState.empty()
        .apply(allocated(a))
        .apply(new HealthChanged(a.id(), a.port(), HealthState.STARTING, healthy, NOW, "r",
            "listening", "health"))
        .apply(new LeaseRenewed(a.id(), a.port(), NOW.plusSeconds(600), NOW, "r", "heartbeat",
            "http"));

    RegistryState copy = serialization.verifySerialization(state, true);

    Allocation restored = copy.atPort(3000).orElseThrow();
    assertEquals(healthy, restored.health());
    assertEquals(NOW.plusSeconds(600), restored.leaseExpiresAt());
    assertEquals(Optional.of(restored), copy.liveClaim(a.claimKey()));
  }

  @Test
  void portAllocatedJournaledBeforeHealthWatchingLoadsWithoutHealthOrLease() throws Exception {
    var cbor = JacksonObjectMapperProvider.get(testKit.system().classicSystem())
        .getOrCreate("jackson-cbor", Optional.empty());
    PortAllocated current = new PortAllocated(namedAllocation(), List.of("chose 3000"), NOW,
        "req-1", "range", "http");
    ObjectNode tree = cbor.valueToTree(current);
    ObjectNode allocation = (ObjectNode) tree.get("allocation");
    List<String> added = List.of("ownerStartedAt", "healthUrl", "leaseTtlSeconds",
        "leaseExpiresAt", "health");
    added.forEach(field -> assertTrue(allocation.has(field), field));
    allocation.remove(added);

    PortAllocated old = cbor.readValue(cbor.writeValueAsBytes(tree), PortAllocated.class);

    Allocation a = old.allocation();
    assertEquals(List.of(current.allocation().id(), 3000, "web", 4711L),
        List.of(a.id(), a.port(), a.serviceName(), a.pid()));
    assertEquals(Arrays.asList(null, null, null, null, null), Arrays.asList(a.ownerStartedAt(),
        a.healthUrl(), a.leaseTtlSeconds(), a.leaseExpiresAt(), a.health()));
    assertFalse(a.hasLease());
    assertEquals(HealthStatus.starting(NOW), a.healthStatus());
  }
}
