package dev.styxy.persistence;

import java.time.Instant;

/**
 * An allocation's health as last journaled.
 *
 * @param state the state
 * @param since when the allocation entered it
 * @param detail what the probe saw, e.g. {@code "owner pid 4242 exited"}; never {@code null}
 */
public record HealthStatus(HealthState state, Instant since, String detail)
    implements CborSerializable {

  public HealthStatus {
    detail = detail == null ? "" : detail;
  }

  /** The status of a new allocation. */
  public static HealthStatus starting(Instant at) {
    return new HealthStatus(HealthState.STARTING, at, "not yet seen listening");
  }
}
