package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitCodesTest {

  @Test
  void successStatusesExitZero() {
    assertEquals(0, ExitCodes.forStatus(200));
    assertEquals(0, ExitCodes.forStatus(201));
  }

  @Test
  void conflictNotFoundAndUnavailableHaveTheirOwnStatuses() {
    assertEquals(3, ExitCodes.forStatus(409));
    assertEquals(4, ExitCodes.forStatus(404));
    assertEquals(5, ExitCodes.forStatus(503));
  }

  @Test
  void otherErrorsExitOne() {
    assertEquals(1, ExitCodes.forStatus(400));
    assertEquals(1, ExitCodes.forStatus(401));
    assertEquals(1, ExitCodes.forStatus(413));
    assertEquals(1, ExitCodes.forStatus(429));
    assertEquals(1, ExitCodes.forStatus(500));
  }
}
