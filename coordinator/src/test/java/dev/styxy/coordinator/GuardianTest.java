package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class GuardianTest {

  @Test
  void rootMessageIsTheInnermostCausesFirstLine() {
    Throwable error = new IllegalStateException("outer",
        new RuntimeException("middle", new IOException("Database may be already in use\nmore")));

    assertEquals("Database may be already in use", Guardian.rootMessage(error));
  }

  @Test
  void rootMessageNamesTheTypeWhenThereIsNoMessage() {
    assertEquals("NullPointerException", Guardian.rootMessage(new NullPointerException()));
  }

  @Test
  void ipv6HostsAreBracketedInUrls() {
    assertEquals("[::1]", Daemon.hostForUrl("::1"));
    assertEquals("127.0.0.1", Daemon.hostForUrl("127.0.0.1"));
  }
}
