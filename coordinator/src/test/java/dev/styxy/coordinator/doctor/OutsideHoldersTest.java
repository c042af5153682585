package dev.styxy.coordinator.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.config.PortRange;
import dev.styxy.http.ApiJson;
import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.PortInUse;
import dev.styxy.http.api.ScanResponse;
import dev.styxy.http.api.SystemUsage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Outside listeners in managed ranges, from a {@code /scan} reply. */
class OutsideHoldersTest {
  private static final List<ConfigChecks.Managed> RANGES = List.of(
      new ConfigChecks.Managed("dev", new PortRange(3000, 3099), "core"),
      new ConfigChecks.Managed("coordination", new PortRange(9870, 9899), "core"));

  private static SystemUsage python(long pid, int port) {
    return new SystemUsage(pid, "python3", "python3 -m http.server " + port,
        "127.0.0.1:" + port, "tcp", null);
  }

  private static ScanResponse scan(PortInUse... ports) {
    return new ScanResponse("3000-9899", List.of(ports));
  }

  @Test
  void anOutsideListenerIsNamedWithItsPidCommandAndTheKill() {
    List<Finding> findings = OutsideHolders.find(RANGES,
        scan(new PortInUse(3005, null, python(12345, 3005))), 9876);

    assertEquals(1, findings.size());
    Finding f = findings.get(0);
    assertEquals(Finding.Severity.WARN, f.status());
    assertEquals("port 3005 (dev 3000-3099) is held by PID 12345 (python3 -m http.server 3005),"
        + " not allocated by Styxy", f.found());
    assertEquals("kill 12345  # python3 -m http.server 3005", f.fix());
  }

  @Test
  void allocatedPortsTheDaemonsOwnPortAndPortsOutsideTheRangesAreNotOutsideHolders() {
    AllocationRecord allocation = ApiJson.read(
        "{\"port\":3001,\"lock_id\":\"lock\",\"service_type\":\"dev\",\"pid\":12}",
        AllocationRecord.class);
    List<Finding> findings = OutsideHolders.find(RANGES, scan(
        new PortInUse(3001, allocation, python(12, 3001)),
        new PortInUse(9876, null, python(1, 9876)),
        new PortInUse(5000, null, python(2, 5000)),
        new PortInUse(3002, allocation, null)), 9876);

    assertEquals(1, findings.size(), findings.toString());
    assertEquals(Finding.Severity.OK, findings.get(0).status());
  }

  @Test
  void aHolderThisUserCannotSeeGetsTheSsCommandThatNamesIt() {
    SystemUsage hidden = new SystemUsage(null, null, null, "0.0.0.0:3010", "tcp",
        "owned by another user");

    Finding f = OutsideHolders.find(RANGES, scan(new PortInUse(3010, null, hidden)), 9876)
        .get(0);

    assertEquals(Finding.Severity.WARN, f.status());
    assertTrue(f.found().contains("owned by another user"), f.found());
    assertEquals("sudo ss -ltnp 'sport = :3010'", f.fix());
  }

  @Test
  void theSpanCoversEveryRange() {
    assertEquals(Optional.of(new PortRange(3000, 9899)), OutsideHolders.span(RANGES));
    assertEquals(Optional.empty(), OutsideHolders.span(List.of()));
  }
}
