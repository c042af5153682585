package dev.styxy.actors.health;

import java.util.concurrent.CompletionStage;

/**
 * Checks one allocation's owner, port and health URL. Implementations do their blocking work off
 * the caller's thread and complete the stage with the result; a failed stage means the probe
 * itself broke (a bug or an unreadable {@code /proc}), not that the service is unhealthy.
 */
@FunctionalInterface
public interface HealthProbe {
  CompletionStage<ProbeResult> probe(ProbeTarget target);
}
