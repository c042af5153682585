package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the batcher groups, sends and times out batches, with a probe in place of the registry. */
class RegistryBatcherQueueTest {
  private static final ActorTestKit testKit = ActorTestKit.create("RegistryBatcherQueueTest",
      ManualTime.config());
  private static final ManualTime manualTime = ManualTime.get(testKit.system());
  private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(5);

  private TestProbe<PortRegistry.Command> registry;
  private TestProbe<AllocateReply> client;
  private ActorRef<PortRegistry.Command> batcher;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A batcher left running would answer the next test's clock advances with its own batches. */
  @AfterEach
  void stopBatcher() {
    testKit.stop(batcher);
  }

  @BeforeEach
  void startBatcher() {
    registry = testKit.createTestProbe(PortRegistry.Command.class);
    client = testKit.createTestProbe(AllocateReply.class);
    batcher = testKit.spawn(RegistryBatcher.create(registry.getRef(), settings(100, 2, 100),
        BATCH_TIMEOUT));
  }

  private PortRegistry.Allocate allocate() {
    return new PortRegistry.Allocate(request("dev"), client.getRef());
  }

  private PortRegistry.ApplyBatch expectBatch() {
    return registry.expectMessageClass(PortRegistry.ApplyBatch.class);
  }

  @Test
  void firstMutationIsSentAtOnceAsItsOwnBatch() {
    PortRegistry.Allocate first = allocate();

    batcher.tell(first);

    PortRegistry.ApplyBatch batch = expectBatch();
    assertEquals(List.of(first), batch.mutations());
    assertEquals(1, batch.sequence());
  }

  @Test
  void mutationsArrivingDuringAWriteWaitForItsAcknowledgement() {
    batcher.tell(allocate());
    expectBatch();

    batcher.tell(allocate());

    registry.expectNoMessage();
  }

  @Test
  void mutationsQueuedDuringAWriteGoOutTogetherAfterTheAcknowledgement() {
    batcher.tell(allocate());
    expectBatch();
    PortRegistry.Allocate second = allocate();
    PortRegistry.Allocate third = allocate();
    batcher.tell(second);
    batcher.tell(third);

    batcher.tell(new PortRegistry.BatchApplied(1));

    PortRegistry.ApplyBatch batch = expectBatch();
    assertEquals(List.of(second, third), batch.mutations());
    assertEquals(2, batch.sequence());
  }

  @Test
  void batchesHoldAtMostMaxBatchSizeMutations() {
    batcher.tell(allocate());
    expectBatch();
    batcher.tell(allocate());
    batcher.tell(allocate());
    batcher.tell(allocate());

    batcher.tell(new PortRegistry.BatchApplied(1));
    assertEquals(2, expectBatch().mutations().size());
    batcher.tell(new PortRegistry.BatchApplied(2));

    assertEquals(1, expectBatch().mutations().size());
  }

  @Test
  void readsAreForwardedWhileABatchIsInFlight() {
    var reader = testKit.createTestProbe(StateView.class);
    batcher.tell(allocate());
    expectBatch();

    batcher.tell(new PortRegistry.GetState(reader.getRef()));

    registry.expectMessage(new PortRegistry.GetState(reader.getRef()));
  }

  @Test
  void nextBatchIsSentWhenAnAcknowledgementDoesNotArriveInTime() {
    batcher.tell(allocate());
    expectBatch();
    batcher.tell(allocate());

    manualTime.timePasses(BATCH_TIMEOUT);

    assertEquals(2, expectBatch().sequence());
  }

  @Test
  void missedAcknowledgementIsLoggedAsWarningOfTheBatcher() {
    batcher.tell(allocate());
    expectBatch();

    LoggingTestKit.warn("Registry did not acknowledge batch [1]")
        .withLoggerName(RegistryBatcher.class.getName())
        .expect(testKit.system(), () -> {
          manualTime.timePasses(BATCH_TIMEOUT);
          return null;
        });
  }

  @Test
  void nothingIsSentBeforeTheBatchTimeout() {
    batcher.tell(allocate());
    expectBatch();
    batcher.tell(allocate());

    manualTime.timePasses(BATCH_TIMEOUT.minusMillis(1));

    registry.expectNoMessage();
  }

  @Test
  void lateAcknowledgementOfATimedOutBatchIsIgnored() {
    batcher.tell(allocate());
    expectBatch();
    batcher.tell(allocate());
    manualTime.timePasses(BATCH_TIMEOUT);
    expectBatch();
    batcher.tell(allocate());

    batcher.tell(new PortRegistry.BatchApplied(1));

    registry.expectNoMessage();
  }

  @Test
  void batchTimeoutCountsFromTheBatchsOwnSend() {
    batcher.tell(allocate());
    expectBatch();
    manualTime.timePasses(BATCH_TIMEOUT.dividedBy(2));
    batcher.tell(allocate());
    batcher.tell(new PortRegistry.BatchApplied(1));
    expectBatch();
    batcher.tell(allocate());

    manualTime.timePasses(BATCH_TIMEOUT.minusMillis(1));

    registry.expectNoMessage();
  }
}
