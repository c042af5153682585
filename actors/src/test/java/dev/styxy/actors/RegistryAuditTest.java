package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.styxy.actors.audit.AuditEntry;
import dev.styxy.actors.audit.AuditTrail;
import dev.styxy.actors.audit.LiveEvents;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit trail of journaled events: one line and one live entry per event, none on replay. */
class RegistryAuditTest {
  private static final ActorTestKit testKit = ActorTestKit.create("RegistryAuditTest",
      EventSourcedBehaviorTestKit.config().withFallback(inMemoryPersistence()));

  private EventSourcedBehaviorTestKit<PortRegistry.Command, RegistryEvent, RegistryState> registry;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyJournal() {
    RegistryFixtures.emptyJournal(testKit);
    registry = RegistryFixtures.esRegistry(testKit, deps());
  }

  private Allocation allocateWeb() {
    return registry.<AllocateReply>runCommand(
            replyTo -> new PortRegistry.Allocate(named("dev", "web"), replyTo))
        .replyOfType(AllocateReply.Allocated.class).allocation();
  }

  private void release(Allocation a) {
    registry.<ReleaseReply>runCommand(
        replyTo -> new PortRegistry.Release(a.id(), "released", "req-r", "cli", replyTo));
  }

  @Test
  void allocationWritesOneAuditLineWithItsOwnerAndSequenceNumber() {
    LoggingTestKit.info("\"action\":\"PORT_ALLOCATED\",\"event\":\"allocated\",\"seq\":1,"
            + "\"port\":3000,")
        .withLoggerName(AuditTrail.LOGGER).withOccurrences(1)
        .withMessageContains("\"service_type\":\"dev\",\"owner\":{\"service_name\":\"web\","
            + "\"instance_id\":\"claude-a\",\"project_path\":\"/home/dev/shop\",\"pid\":4711},"
            + "\"request_id\":\"req-2\",\"actor\":\"http\",\"reason\":")
        .expect(testKit.system(), () -> allocateWeb());
  }

  @Test
  void releaseLineNamesTheOwnerTheReasonAndTheActor() {
    Allocation a = allocateWeb();
    LoggingTestKit.info("\"action\":\"PORT_RELEASED\",\"event\":\"released\",\"seq\":2,"
            + "\"port\":3000,\"lock_id\":\"" + a.id() + "\",\"service_type\":\"dev\","
            + "\"owner\":{\"service_name\":\"web\"")
        .withLoggerName(AuditTrail.LOGGER).withOccurrences(1)
        .withMessageContains("\"request_id\":\"req-r\",\"actor\":\"cli\",\"reason\":\"released\"")
        .expect(testKit.system(), () -> {
          release(a);
          return null;
        });
  }

  @Test
  void replayWritesNoAuditLine() {
    Allocation a = allocateWeb();
    release(a);
    LoggingTestKit.info("\"action\"").withLoggerName(AuditTrail.LOGGER).withOccurrences(0)
        .expect(testKit.system(), () -> registry.restart());
    assertEquals(0, registry.getState().size());
  }

  @Test
  void everyJournaledEventIsPublishedForLiveFollowersOnce() {
    TestProbe<AuditEntry> follower = testKit.createTestProbe(AuditEntry.class);
    LiveEvents.subscribe(testKit.system(), follower.getRef());
    try {
      Allocation a = allocateWeb();
      release(a);
      AuditEntry allocated = follower.expectMessageClass(AuditEntry.class);
      AuditEntry released = follower.expectMessageClass(AuditEntry.class);
      assertEquals(List.of(1L, AuditEntry.ALLOCATED, 2L, AuditEntry.RELEASED, "web"),
          List.of(allocated.seq(), allocated.event(), released.seq(),
              released.event(), released.owner().serviceName()));
      registry.restart();
      follower.expectNoMessage();
    } finally {
      LiveEvents.unsubscribe(testKit.system(), follower.getRef());
    }
  }

  @Test
  void entryReadFromTheJournalAloneHasNoOwnerForARelease() {
    Allocation a = allocateWeb();
    AuditEntry entry = AuditEntry.journaled(2, new PortReleased(a.id(), a.port(), "dev",
        a.allocatedAt(), null, PortReleased.OWNER_EXITED, "health"), null);
    assertNull(entry.owner());
    assertEquals(List.of("PORT_RELEASED", "released", "owner_exited", "health"),
        List.of(entry.action(), entry.event(), entry.reason(), entry.actor()));
  }
}
