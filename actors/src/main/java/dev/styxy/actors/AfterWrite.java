package dev.styxy.actors;

import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;

/**
 * Everything the registry does once a write is journaled, in this order: the audit trail and live
 * events ({@link AuditEffects}), auto-type effects (config mirror), in-memory heartbeats, replies
 * and log lines, watcher children, and the lifecycle's bookkeeping. Called from {@code thenRun}
 * only, so a replay repeats none of it.
 */
final class AfterWrite {
  private final RegistryDependencies deps;
  private final Heartbeats heartbeats;
  /** {@code null} without a health layer. */
  private final Watchers watchers;
  private final RegistryLifecycle lifecycle;
  private final ActorSystem<?> system;

  AfterWrite(RegistryDependencies deps, Heartbeats heartbeats, Watchers watchers,
      RegistryLifecycle lifecycle, ActorSystem<?> system) {
    this.deps = deps;
    this.heartbeats = heartbeats;
    this.watchers = watchers;
    this.lifecycle = lifecycle;
    this.system = system;
  }

  /**
   * Runs the effects of {@code decided}, whose events are now journaled and turned
   * {@code before} into {@code after}, after counting the write in the metrics; {@code lastSeq}
   * is the sequence number of the last event, and the write was handed to the journal at
   * {@code persistNanos} ({@link System#nanoTime}).
   */
  void run(BatchDecision decided, RegistryState before, RegistryState after, Logger log,
      long lastSeq, long persistNanos) {
    List<RegistryEvent> events = decided.events();
    deps.metrics().written(events, after, System.nanoTime() - persistNanos);
    AuditEffects.afterWrite(events, before, lastSeq, system);
    AutoTypeEffects.afterWrite(events, after, deps.configMirror());
    heartbeats.afterWrite(events);
    decided.replyAndLog(log);
    if (watchers != null) {
      watchers.afterWrite(events);
    }
    lifecycle.written(events);
  }
}
