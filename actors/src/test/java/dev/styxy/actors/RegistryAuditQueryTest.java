package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.ALL_FREE;
import static dev.styxy.actors.RegistryFixtures.CATALOG;
import static dev.styxy.actors.RegistryFixtures.DAEMON_PORT;
import static dev.styxy.actors.RegistryFixtures.NOW;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import dev.styxy.actors.audit.AuditEntry;
import dev.styxy.actors.audit.AuditQuery;
import dev.styxy.actors.audit.RegistryJournal;
import dev.styxy.persistence.Allocation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /audit}'s query on the real journal (H2 through pekko-persistence-jdbc's read
 * journal): 400 allocations of {@code bulk}, one a minute, every 10th released; snapshots every
 * 100 events, which must not hide any event from the query.
 */
class RegistryAuditQueryTest {
  private static final int ALLOCATIONS = 400;

  @TempDir
  static Path dir;

  private static ActorTestKit kit;
  private static AuditQuery query;
  private static final List<Allocation> allocated = new ArrayList<>();

  @BeforeAll
  static void writeJournal() throws Exception {
    kit = ActorTestKit.create("RegistryAuditQueryTest",
        Journal.h2(dir).withFallback(ConfigFactory.load()));
    Journal.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    SettableClock clock = new SettableClock(NOW);
    ActorRef<PortRegistry.Command> registry = kit.spawn(PortRegistry.create(
        new RegistryDependencies(CATALOG, settings(100, 50, 100), ALL_FREE, DAEMON_PORT, clock)));
    var allocate = kit.createTestProbe(AllocateReply.class);
    var release = kit.createTestProbe(ReleaseReply.class);
    for (int i = 0; i < ALLOCATIONS; i++) {
      registry.tell(new PortRegistry.Allocate(request("bulk"), allocate.getRef()));
      Allocation a = allocate.expectMessageClass(AllocateReply.Allocated.class).allocation();
      allocated.add(a);
      if (i % 10 == 9) {
        registry.tell(new PortRegistry.Release(a.id(), "released", "r" + i, "cli",
            release.getRef()));
        release.expectMessageClass(ReleaseReply.Released.class);
      }
      clock.advance(Duration.ofMinutes(1));
    }
    query = new AuditQuery(RegistryJournal.jdbc(kit.system()), kit.system());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static AuditQuery.Page page(AuditQuery.Filter filter, Long before, int limit)
      throws Exception {
    return query.page(filter, before, limit).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static AuditQuery.Filter all() {
    return new AuditQuery.Filter(null, null, null, null, null, null);
  }

  @Test
  void newestEventsComeFirstWithACursorToTheOlderOnes() throws Exception {
    AuditQuery.Page first = page(all(), null, 3);
    assertEquals(List.of(440L, 439L, 438L), first.events().stream().map(AuditEntry::seq).toList());
    assertEquals(438L, first.next());
    AuditQuery.Page second = page(all(), first.next(), 2);
    assertEquals(List.of(437L, 436L), second.events().stream().map(AuditEntry::seq).toList());
  }

  @Test
  void lastPageHasNoCursor() throws Exception {
    AuditQuery.Page oldest = page(all(), 3L, 10);
    assertEquals(List.of(2L, 1L), oldest.events().stream().map(AuditEntry::seq).toList());
    assertNull(oldest.next());
  }

  @Test
  void lockIdFilterFindsTheAllocationAndItsReleaseFarBackInTheJournal() throws Exception {
    Allocation early = allocated.get(9);
    AuditQuery.Page page = page(new AuditQuery.Filter(null, null, null, early.id().value(),
        null, null), null, 10);
    assertEquals(List.of(AuditEntry.RELEASED, AuditEntry.ALLOCATED),
        page.events().stream().map(AuditEntry::event).toList());
    assertEquals("released", page.events().get(0).reason());
    assertNull(page.next());
  }

  @Test
  void portEventAndTimeFiltersCombine() throws Exception {
    Allocation a = allocated.get(19);
    AuditQuery.Page page = page(new AuditQuery.Filter(NOW, NOW.plus(Duration.ofHours(1)),
        a.port(), null, "bulk", AuditEntry.RELEASED), null, 10);
    assertEquals(1, page.events().size());
    assertEquals(a.id().value(), page.events().get(0).lockId());
  }

  @Test
  void sinceStopsTheReadAtTheFirstOlderEvent() throws Exception {
    Instant since = NOW.plus(Duration.ofMinutes(ALLOCATIONS - 5));
    AuditQuery.Page page = page(new AuditQuery.Filter(since, null, null, null, null, null),
        null, 100);
    assertEquals(6, page.events().size());
    assertNull(page.next());
  }

  @Test
  void limitOutsideOneToTheMaximumIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> query.page(all(), null, 0));
    assertThrows(IllegalArgumentException.class,
        () -> query.page(all(), null, AuditQuery.MAX_LIMIT + 1));
  }
}
