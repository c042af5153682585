package dev.styxy.actors;

import dev.styxy.actors.health.HealthProbe;
import dev.styxy.actors.health.ProbeResult;
import dev.styxy.actors.health.ProbeTarget;
import dev.styxy.config.HealthSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Health settings and a scriptable probe for the health tests. */
final class HealthFixtures {
  static final ProbeResult LISTENING = new ProbeResult(null, true, null, null);
  static final ProbeResult SILENT = new ProbeResult(null, false, null, null);
  static final ProbeResult OWNER_GONE = new ProbeResult(false, false, null, null);

  private HealthFixtures() {}

  /** Probes every second, three failures, no grace, no jitter. */
  static HealthSettings settings() {
    return settings(Duration.ZERO, true);
  }

  static HealthSettings settings(Duration grace, boolean release) {
    return new HealthSettings(true, Duration.ofSeconds(1), 3, release, grace,
        Duration.ofSeconds(2), 0, Duration.ofSeconds(1), Duration.ofMinutes(10),
        Duration.ofDays(7));
  }

  /**
   * A probe answering per port from a map (default {@link #SILENT}); a port mapped to
   * {@code null} gets a failed stage, as a broken probe would. Counts its calls.
   */
  static final class ScriptedProbe implements HealthProbe {
    final Map<Integer, ProbeResult> answers = new ConcurrentHashMap<>();
    final Map<Integer, Boolean> broken = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CompletionStage<ProbeResult> probe(ProbeTarget target) {
      calls.incrementAndGet();
      if (broken.getOrDefault(target.port(), false)) {
        return CompletableFuture.failedFuture(new IllegalStateException("injected probe failure"));
      }
      return CompletableFuture.completedFuture(answers.getOrDefault(target.port(), SILENT));
    }
  }
}
