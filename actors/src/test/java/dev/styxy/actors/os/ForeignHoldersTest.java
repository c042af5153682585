package dev.styxy.actors.os;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who counts as the owner's process, on this machine's real process tree. */
class ForeignHoldersTest {
  private static final long SELF = ProcessHandle.current().pid();
  private static final long PARENT = ProcessHandle.current().parent().orElseThrow().pid();

  @Test
  void theOwnerItselfIsNotForeign() {
    assertTrue(ForeignHolders.descendsFrom(SELF, SELF));
  }

  @Test
  void aChildOfTheOwnerIsNotForeign() {
    assertTrue(ForeignHolders.descendsFrom(SELF, PARENT));
  }

  @Test
  void theOwnersParentIsForeign() {
    assertFalse(ForeignHolders.descendsFrom(PARENT, SELF));
  }

  @Test
  void withoutASocketTableNothingIsForeign(@TempDir Path emptyProc) {
    ForeignHolders holders = new ForeignHolders(new ProcNet(emptyProc));

    assertTrue(holders.foreignHolder(3000, SELF).isEmpty());
  }
}
