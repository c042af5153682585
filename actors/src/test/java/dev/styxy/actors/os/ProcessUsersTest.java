package dev.styxy.actors.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.styxy.actors.os.ProcessUsers.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** PID ownership from a fake {@code /proc} laid out like the kernel's, and from the real one. */
class ProcessUsersTest {
  @TempDir Path proc;

  private void status(String dir, String uidLine) throws IOException {
    Files.createDirectories(proc.resolve(dir));
    Files.writeString(proc.resolve(dir).resolve("status"),
        "Name:\tbash\nState:\tS (sleeping)\nPid:\t" + dir + "\n" + uidLine
            + "Gid:\t1000\t1000\t1000\t1000\n");
  }

  @Test
  void aProcessOfTheDaemonsRealUidIsTheSameUser() throws IOException {
    status("self", "Uid:\t1000\t1000\t1000\t1000\n");
    status("4242", "Uid:\t1000\t1000\t1000\t1000\n");
    assertEquals(Verdict.SAME_USER, new ProcessUsers(proc).check(4242));
  }

  @Test
  void aProcessOfAnotherRealUidIsRefusedEvenWhenItsEffectiveUidMatches() throws IOException {
    status("self", "Uid:\t1000\t1000\t1000\t1000\n");
    status("1", "Uid:\t0\t0\t0\t0\n");
    status("77", "Uid:\t1001\t1000\t1000\t1000\n");
    ProcessUsers users = new ProcessUsers(proc);
    assertEquals(Verdict.OTHER_USER, users.check(1));
    assertEquals(Verdict.OTHER_USER, users.check(77));
  }

  @Test
  void aMissingOrUnreadableProcessIsNoProcess() throws IOException {
    status("self", "Uid:\t1000\t1000\t1000\t1000\n");
    status("5", "Name:\tbroken\n");
    ProcessUsers users = new ProcessUsers(proc);
    assertEquals(Verdict.NO_PROCESS, users.check(999_999));
    assertEquals(Verdict.NO_PROCESS, users.check(5));
  }

  @Test
  void withoutProcTheOwnerNameDecides() {
    // An empty tree has no self/status: the ProcessHandle fallback answers.
    ProcessUsers users = new ProcessUsers(proc);
    assertEquals(Verdict.SAME_USER, users.check(ProcessHandle.current().pid()));
    assertEquals(Verdict.NO_PROCESS, users.check(4_194_304L));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theRealProcSaysThisJvmIsTheDaemonsUser() {
    ProcessUsers users = new ProcessUsers();
    assertEquals(Verdict.SAME_USER, users.check(ProcessHandle.current().pid()));
    assertEquals(Verdict.NO_PROCESS, users.check(4_194_304L));
  }
}
