package dev.styxy.persistence;

import static dev.styxy.persistence.Fixtures.DAEMON_PORT;
import static dev.styxy.persistence.Fixtures.NOW;
import static dev.styxy.persistence.Fixtures.allocated;
import static dev.styxy.persistence.Fixtures.allocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateImportTest {
  private static OriginalState.Parsed parse(String json) {
    return OriginalState.parse(json.getBytes(StandardCharsets.UTF_8),
        type -> List.of("dev", "ai", "admin").contains(type), NOW);
  }

  private static StateImport.Result decide(RegistryState state, OriginalState.Parsed parsed) {
    return StateImport.decide(state, parsed, DAEMON_PORT, "req-i", "cli", NOW);
  }

  @Test
  void importsAllocationsAndInstancesWithTheImportedReason() {
    OriginalState.Parsed parsed = parse("""
        {"allocations":[{"serviceType":"dev","service_name":"web","port":3000}],
         "instances":[{"id":"agent-1","registered_at":"2020-01-01T00:00:00Z"}]}
        """);

    StateImport.Result r = decide(RegistryState.empty(), parsed);

    assertEquals(1, r.allocations());
    assertEquals(1, r.instances());
    assertEquals(List.of(), r.skipped());
    PortAllocated allocated = assertInstanceOf(PortAllocated.class, r.events().get(0));
    assertEquals(StateImport.REASON, allocated.reason());
    assertEquals("cli", allocated.actor());
    InstanceRegistered registered = assertInstanceOf(InstanceRegistered.class, r.events().get(1));
    assertEquals(StateImport.REASON, registered.reason());
    assertEquals(NOW, registered.at(), "registered at the import, not the file's old time");
  }

  @Test
  void portAlreadyAllocatedIsSkipped() {
    Allocation held = allocation("dev", 3000);
    RegistryState state = RegistryState.empty().apply(allocated(held));
    OriginalState.Parsed parsed = parse("""
        {"allocations":[{"serviceType":"dev","port":3000},{"serviceType":"dev","port":3001}],
         "instances":[]}
        """);

    StateImport.Result r = decide(state, parsed);

    assertEquals(1, r.allocations());
    assertEquals(List.of("allocation on port 3000: already allocated (lock id " + held.id()
        + ")"), r.skipped());
    RegistryState after = state;
    for (RegistryEvent e : r.events()) {
      after = after.apply(e);
    }
    assertEquals(held.id(), after.atPort(3000).orElseThrow().id());
    assertTrue(after.isAllocated(3001));
  }

  @Test
  void instanceAlreadyRegisteredIsSkipped() {
    RegistryState state = RegistryState.empty().apply(
        new InstanceRegistered("agent-1", "/w", "{}", null, NOW, "r", "registered", "http"));

    StateImport.Result r = decide(state, parse("{\"allocations\":[],\"instances\":[{\"id\":"
        + "\"agent-1\"},{\"id\":\"agent-2\"}]}"));

    assertEquals(1, r.instances());
    assertEquals(List.of("instance agent-1: already registered"), r.skipped());
  }

  @Test
  void theDaemonsOwnPortIsNeverImported() {
    StateImport.Result r = decide(RegistryState.empty(), parse("{\"allocations\":[{\"serviceType"
        + "\":\"admin\",\"port\":" + DAEMON_PORT + "}],\"instances\":[]}"));

    assertEquals(0, r.allocations());
    assertEquals(List.of("allocation on port " + DAEMON_PORT + ": it is the daemon's own port"),
        r.skipped());
  }

  @Test
  void aNamedClaimAlreadyHeldIsSkipped() {
    OriginalState.Parsed first = parse("""
        {"allocations":[{"serviceType":"dev","service_name":"web","instance_id":"a","port":3000}],
         "instances":[]}
        """);
    RegistryState state = RegistryState.empty();
    for (RegistryEvent e : decide(state, first).events()) {
      state = state.apply(e);
    }
    OriginalState.Parsed again = parse("""
        {"allocations":[{"serviceType":"dev","service_name":"web","instance_id":"a","port":3001}],
         "instances":[]}
        """);

    StateImport.Result r = decide(state, again);

    assertEquals(0, r.allocations());
    assertEquals(List.of("allocation on port 3001: the claim dev/web of instance a is already "
        + "held on port 3000"), r.skipped());
  }

  @Test
  void parserSkipsComeFirst() {
    StateImport.Result r = decide(RegistryState.empty(), parse("{\"allocations\":[{\"port\":1}],"
        + "\"instances\":[]}"));

    assertEquals(List.of("allocation #1 (port 1): service_type is missing"), r.skipped());
  }
}
