package dev.styxy.persistence;

/**
 * Where a live allocation stands with its health watcher. {@code STARTING} until its port is first
 * seen listening (or its health URL first answers 2xx), {@code HEALTHY} while probes pass,
 * {@code UNHEALTHY} from the first failed probe until a probe passes again or the allocation is
 * released.
 */
public enum HealthState {
  STARTING,
  HEALTHY,
  UNHEALTHY
}
