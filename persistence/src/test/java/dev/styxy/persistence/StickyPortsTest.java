package dev.styxy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StickyPortsTest {
  private static ClaimKey key(String name) {
    return new ClaimKey("dev", name, "/p", "i");
  }

  @Test
  void rememberedPortIsOfferedToTheSameKey() {
    StickyPorts s = StickyPorts.EMPTY.remember(key("web"), 3005);
    assertEquals(Optional.of(3005), s.portOf(key("web")));
  }

  @Test
  void aPortRemembersOnlyItsLatestClaim() {
    StickyPorts s = StickyPorts.EMPTY.remember(key("a"), 3005).remember(key("b"), 3005);
    assertEquals(Optional.empty(), s.portOf(key("a")));
    assertEquals(Optional.of(3005), s.portOf(key("b")));
    assertEquals(1, s.size());
  }

  @Test
  void memoryIsBoundedByPortsNotByNames() {
    StickyPorts s = StickyPorts.EMPTY;
    for (int i = 0; i < 10_000; i++) {
      s = s.remember(key("name-" + i), 3000 + i % 10);
    }
    assertEquals(10, s.size());
  }

  @Test
  void forgetDropsTheKeyAndFreesItsPortSlot() {
    StickyPorts s = StickyPorts.EMPTY.remember(key("a"), 3005).forget(key("a"));
    assertTrue(s.portOf(key("a")).isEmpty());
    assertEquals(StickyPorts.EMPTY, s);
  }

  @Test
  void rememberingANewPortForAKeyForgetsItsOldOne() {
    StickyPorts s = StickyPorts.EMPTY.remember(key("a"), 3005).remember(key("a"), 3006)
        .remember(key("b"), 3005);
    assertEquals(Optional.of(3006), s.portOf(key("a")));
    assertEquals(Optional.of(3005), s.portOf(key("b")));
  }
}
