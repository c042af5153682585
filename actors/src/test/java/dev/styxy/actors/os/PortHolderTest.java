package dev.styxy.actors.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The phrases {@code /check}, conflict logs and CLI errors show to people. */
class PortHolderTest {

  @Test
  void prefersTheCommandLineOverTheProcessName() {
    assertEquals("held by pid 4242 (python3 -m http.server 3000)",
        holder(4242L, "python3", "python3 -m http.server 3000").describe());
  }

  @Test
  void fallsBackToTheProcessNameThenToTheBarePid() {
    assertEquals("held by pid 7 (node)", holder(7L, "node", null).describe());
    assertEquals("held by pid 7 (node)", holder(7L, "node", "  ").describe());
    assertEquals("held by pid 7", holder(7L, null, null).describe());
  }

  @Test
  void invisibleHolderNamesUidAndAddress() {
    assertEquals("in use by a process this user cannot see (uid 1001, 0.0.0.0:3000)",
        holder(null, null, null).describe());
    assertEquals("in use by a process this user cannot see (0.0.0.0:3000)",
        new PortHolder(3000, "tcp", "0.0.0.0:3000", null, null, null, null).describe());
  }

  @Test
  void longCommandLinesAreShortened() {
    String java = "/usr/lib/jvm/bin/java -cp " + "x.jar:".repeat(100) + " Main";
    String phrase = holder(9L, "java", java).describe();
    assertEquals("held by pid 9 (" + java.substring(0, 117) + "...)", phrase);
  }

  private static PortHolder holder(Long pid, String process, String command) {
    return new PortHolder(3000, "tcp", "0.0.0.0:3000", pid, process, command, 1001);
  }
}
