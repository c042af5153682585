package dev.styxy.actors;

import dev.styxy.config.RegistrySettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The registry's front door. Mutations (every {@link PortRegistry.Mutation}: allocate, release,
 * lease renewal, cleanup, instance registration and deregistration) that arrive while a journal
 * write is in flight are queued and sent together as the next {@link PortRegistry.ApplyBatch}, so
 * one journal transaction carries many decisions and throughput does not stop at one write per
 * request. Reads and instance heartbeats (not journaled) are forwarded untouched. Every reply
 * still comes from the registry, after the write.
 *
 * <p>At most one batch is in flight. If its acknowledgement does not arrive within the batch
 * timeout (the registry is restarting after a journal failure), the batcher moves on; the lost
 * batch's clients time out into 503 and retry. When more than {@code max-pending} commands are
 * queued, new ones are refused at once with {@code REGISTRY_UNAVAILABLE} instead of piling up; a
 * refused {@link PortRegistry.Cleanup} has no refusal in its protocol, so it is dropped with a
 * warning and its client times out into 503.
 *
 * <p>The {@link RecoverySupervisor} tells it when the registry goes down (replaying, restarting)
 * and comes back ({@link PortRegistry.Availability}). While it is down, queued and new mutations
 * are refused at once with {@code REGISTRY_UNAVAILABLE} (503 with {@code Retry-After}) rather
 * than left to time out. Created on its own (tests), it starts available.
 */
public final class RegistryBatcher extends AbstractBehavior<PortRegistry.Command> {

  private final ActorRef<PortRegistry.Command> registry;
  private final RegistrySettings settings;
  private final Duration batchTimeout;
  private final TimerScheduler<PortRegistry.Command> timers;
  private final ArrayDeque<PortRegistry.Mutation> pending = new ArrayDeque<>();
  private long sequence;
  private boolean inFlight;
  /** Why the registry cannot take mutations now; null while it can. */
  private String down;

  private RegistryBatcher(ActorContext<PortRegistry.Command> context,
      TimerScheduler<PortRegistry.Command> timers, ActorRef<PortRegistry.Command> registry,
      RegistrySettings settings, Duration batchTimeout) {
    super(context);
    // Pekko's default logger here is org.apache.pekko.actor.ActorCell, which no filter expects
    context.setLoggerName(RegistryBatcher.class);
    this.timers = timers;
    this.registry = registry;
    this.settings = settings;
    this.batchTimeout = batchTimeout;
  }

  /**
   * @param batchTimeout how long to wait for a batch's acknowledgement before sending the next one;
   *     use the HTTP ask timeout, after which the clients have given up anyway
   */
  public static Behavior<PortRegistry.Command> create(ActorRef<PortRegistry.Command> registry,
      RegistrySettings settings, Duration batchTimeout) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new RegistryBatcher(ctx, timers, registry, settings, batchTimeout)));
  }

  @Override
  public Receive<PortRegistry.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PortRegistry.Mutation.class, this::onMutation)
        .onMessage(PortRegistry.GetState.class, this::forward)
        .onMessage(PortRegistry.InstanceHeartbeat.class, this::forward)
        .onMessage(PortRegistry.ListInstances.class, this::forward)
        .onMessage(PortRegistry.ImportJournal.class, this::forward)
        .onMessage(PortRegistry.BatchApplied.class, this::onBatchApplied)
        .onMessage(PortRegistry.BatchTimedOut.class, this::onBatchTimeout)
        .onMessage(PortRegistry.Availability.class, this::onAvailability)
        .build();
  }

  private Behavior<PortRegistry.Command> onMutation(PortRegistry.Mutation m) {
    if (down != null) {
      refuse(m, down);
      return this;
    }
    if (pending.size() >= settings.maxPending()) {
      refuse(m, "The registry has " + pending.size() + " requests queued; retry in a moment");
      return this;
    }
    pending.add(m);
    if (!inFlight) {
      sendNextBatch();
    }
    return this;
  }

  private Behavior<PortRegistry.Command> onAvailability(PortRegistry.Availability a) {
    if (a.up()) {
      down = null;
      return this;
    }
    down = "The port registry is unavailable (" + a.reason() + "); retry in a moment";
    // Queued mutations would wait for a registry that is not there: answer them now.
    while (!pending.isEmpty()) {
      refuse(pending.poll(), down);
    }
    return this;
  }

  private Behavior<PortRegistry.Command> forward(PortRegistry.Command read) {
    registry.tell(read);
    return this;
  }

  private Behavior<PortRegistry.Command> onBatchApplied(PortRegistry.BatchApplied ack) {
    if (ack.sequence() == sequence) {
      timers.cancel(PortRegistry.BatchTimedOut.class);
      inFlight = false;
      sendNextBatch();
    }
    return this;
  }

  private Behavior<PortRegistry.Command> onBatchTimeout(PortRegistry.BatchTimedOut timeout) {
    if (timeout.sequence() != sequence) {
      return this;
    }
    getContext().getLog().warn("Registry did not acknowledge batch [{}] within [{}]; moving on",
        sequence, batchTimeout);
    inFlight = false;
    sendNextBatch();
    return this;
  }

  private void sendNextBatch() {
    if (pending.isEmpty()) {
      return;
    }
    List<PortRegistry.Mutation> batch = new ArrayList<>();
    while (!pending.isEmpty() && batch.size() < settings.maxBatchSize()) {
      batch.add(pending.poll());
    }
    sequence++;
    inFlight = true;
    registry.tell(new PortRegistry.ApplyBatch(batch, sequence, getContext().getSelf().narrow()));
    timers.startSingleTimer(PortRegistry.BatchTimedOut.class,
        new PortRegistry.BatchTimedOut(sequence), batchTimeout);
  }

  private void refuse(PortRegistry.Mutation m, String why) {
    if (!Refusals.refuse(m, why)) {
      getContext().getLog().warn("Dropped a cleanup request: {}", why);
    }
  }
}
