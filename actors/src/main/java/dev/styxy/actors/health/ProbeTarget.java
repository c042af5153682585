package dev.styxy.actors.health;

import dev.styxy.persistence.Allocation;
import java.time.Instant;

/**
 * What a health probe looks at for one allocation.
 *
 * @param pid the owner process, {@code null} when the client gave none
 * @param ownerStartedAt the owner's start time when allocated, {@code null} when unknown
 * @param healthUrl a loopback URL to GET, {@code null} when none was given
 */
public record ProbeTarget(int port, Long pid, Instant ownerStartedAt, String healthUrl) {

  public static ProbeTarget of(Allocation a) {
    return new ProbeTarget(a.port(), a.pid(), a.ownerStartedAt(), a.healthUrl());
  }
}
