package dev.styxy.actors.audit;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.eventstream.EventStream;

/**
 * Audit entries for live followers ({@code GET /events}): published on the actor system's event
 * stream, which hands each subscriber its own copy without waiting for it. A publisher never
 * slows down; a follower that cannot keep up is its own problem (the HTTP layer drops it).
 */
public final class LiveEvents {
  private LiveEvents() {}

  /** Publishes {@code entry} to every current subscriber; nothing happens without one. */
  public static void publish(ActorSystem<?> system, AuditEntry entry) {
    system.eventStream().tell(new EventStream.Publish<>(entry));
  }

  /** Subscribes {@code follower} to every entry published from now on. */
  public static void subscribe(ActorSystem<?> system, ActorRef<AuditEntry> follower) {
    system.eventStream().tell(new EventStream.Subscribe<>(AuditEntry.class, follower));
  }

  /** Ends the subscription of {@code follower}. */
  public static void unsubscribe(ActorSystem<?> system, ActorRef<AuditEntry> follower) {
    system.eventStream().tell(new EventStream.Unsubscribe<>(follower));
  }
}
