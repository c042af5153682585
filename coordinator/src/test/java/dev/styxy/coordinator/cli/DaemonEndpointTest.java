package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonEndpointTest {
  @TempDir
  Path dir;

  @Test
  void styxyUrlWinsOverTheDaemonPortAndLosesItsTrailingSlash() {
    assertEquals("http://localhost:7000", DaemonEndpoint.baseUrl(
        Map.of("STYXY_URL", "http://localhost:7000/", "STYXY_DAEMON_PORT", "8000")));
  }

  @Test
  void daemonPortPointsAtLoopback() {
    assertEquals("http://127.0.0.1:8000",
        DaemonEndpoint.baseUrl(Map.of("STYXY_DAEMON_PORT", "8000")));
  }

  @Test
  void defaultIsTheOriginalPort() {
    assertEquals("http://127.0.0.1:9876", DaemonEndpoint.baseUrl(Map.of()));
  }

  @Test
  void malformedPortIsAUsageError() {
    CliFailure failure = assertThrows(CliFailure.class,
        () -> DaemonEndpoint.baseUrl(Map.of("STYXY_DAEMON_PORT", "abc")));

    assertEquals(ExitCodes.USAGE, failure.exitCode());
    assertEquals("STYXY_DAEMON_PORT must be a port number, was abc", failure.getMessage());
  }

  @Test
  void tokenIsReadTrimmedFromStyxyHome() throws Exception {
    Files.writeString(dir.resolve("auth.token"), "tok-123\n");

    DaemonEndpoint endpoint =
        DaemonEndpoint.fromEnvironment(Map.of("STYXY_HOME", dir.toString()), Path.of("/none"));

    assertEquals("tok-123", endpoint.token());
    assertEquals(dir.resolve("auth.token"), endpoint.tokenFile());
  }

  @Test
  void homeDefaultsToDotStyxyAndAMissingTokenIsNull() {
    DaemonEndpoint endpoint = DaemonEndpoint.fromEnvironment(Map.of(), dir);

    assertNull(endpoint.token());
    assertEquals(dir.resolve(".styxy").resolve("auth.token"), endpoint.tokenFile());
  }

  @Test
  void daemonsOwnPortVariableIsUsedWhenTheClientOnesAreMissing() {
    assertEquals("http://127.0.0.1:9911",
        DaemonEndpoint.baseUrl(java.util.Map.of("STYXY_PORT", "9911")));
    assertEquals("http://127.0.0.1:9922", DaemonEndpoint.baseUrl(
        java.util.Map.of("STYXY_PORT", "9911", "STYXY_DAEMON_PORT", "9922")));
  }
}
