package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's ephemeral range is read from its proc file, with Linux's default as fallback. */
class EphemeralPortRangeTest {
  @TempDir Path dir;

  private PortRange read(String content) throws IOException {
    return EphemeralPortRange.read(Files.writeString(dir.resolve("range"), content));
  }

  @Test
  void tabSeparatedKernelFormatIsRead() throws IOException {
    assertEquals(new PortRange(40000, 50000), read("40000\t50000\n"));
  }

  @Test
  void missingFileFallsBackToTheLinuxDefault() {
    assertEquals(new PortRange(32768, 60999), EphemeralPortRange.read(dir.resolve("absent")));
  }

  @Test
  void malformedContentFallsBackToTheLinuxDefault() throws IOException {
    assertEquals(EphemeralPortRange.FALLBACK, read("lots of ports"));
    assertEquals(EphemeralPortRange.FALLBACK, read("50000 40000"));
    assertEquals(EphemeralPortRange.FALLBACK, read("1 2 3"));
    assertEquals(EphemeralPortRange.FALLBACK, read("0 70000"));
  }
}
