package dev.styxy.actors;

import dev.styxy.config.UserConfigWriter;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import java.io.IOException;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Keeps {@code config.json} in step with the journal's auto-allocated types. The
 * {@link PortRegistry} tells it the full list after every journal write that created a type, and
 * once after replay; it writes the types the file lacks with {@link UserConfigWriter} (backup,
 * temporary file, sync, rename), off the registry's thread.
 *
 * <p>One actor, so writes never interleave and no entry is lost; the full list travels in every
 * message, so the newest supersedes the older ones and messages arriving together end in one
 * write. A failed write is logged at WARN and retried with the next message: the journal stays
 * the source of truth. Runs on {@code styxy.blocking-dispatcher}; spawned by the guardian.
 */
public final class ConfigMirror extends AbstractBehavior<ConfigMirror.Command> {
  /** What the mirror accepts. */
  public sealed interface Command extends CborSerializable {}

  /** Every auto-allocated type of the registry's state; no reply. */
  public record Mirror(List<ServiceTypeAutoAllocated> types) implements Command {
    public Mirror {
      types = List.copyOf(types);
    }
  }

  /** Writes what is pending now, then replies {@link Done} (tests, orderly shutdown). */
  public record Sync(ActorRef<Done> replyTo) implements Command {}

  private enum Flush implements Command { INSTANCE }

  private final UserConfigWriter writer;
  /** The newest list not yet written; null when nothing is pending. */
  private List<ServiceTypeAutoAllocated> pending;

  private ConfigMirror(ActorContext<Command> context, UserConfigWriter writer) {
    super(context);
    this.writer = writer;
  }

  public static Behavior<Command> create(UserConfigWriter writer) {
    return Behaviors.setup(ctx -> new ConfigMirror(ctx, writer));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Mirror.class, this::onMirror)
        .onMessageEquals(Flush.INSTANCE, this::flush)
        .onMessage(Sync.class, this::onSync)
        .build();
  }

  private Behavior<Command> onMirror(Mirror m) {
    if (pending == null) {
      getContext().getSelf().tell(Flush.INSTANCE);
    }
    pending = m.types();
    return this;
  }

  private Behavior<Command> onSync(Sync s) {
    flush();
    s.replyTo().tell(Done.getInstance());
    return this;
  }

  private Behavior<Command> flush() {
    if (pending == null) {
      return this;
    }
    List<ServiceTypeAutoAllocated> types = pending;
    pending = null;
    try {
      List<String> added = writer.addMissing(types.stream()
          .map(t -> new UserConfigWriter.AutoType(t.serviceTypeDefinition(), t.at())).toList());
      if (!added.isEmpty()) {
        getContext().getLog().info("Wrote auto-allocated service types {} into config.json",
            added);
      }
    } catch (IOException | RuntimeException e) {
      getContext().getLog().warn("Could not write auto-allocated service types into "
          + "config.json ({}); the journal keeps them and the next change retries", e.toString());
    }
    return this;
  }
}
