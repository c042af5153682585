package dev.styxy.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which records of an original {@code daemon.state} ({@link OriginalState}) join a
 * registry: each allocation whose port, lock id and named claim are all free, and each instance not
 * registered yet. Pure. Events carry the reason {@link #REASON}; an imported instance's
 * registration time is the import time, so it gets a full heartbeat window before a sweep may
 * judge it silent.
 */
public final class StateImport {
  /** The reason on every event an import journals. */
  public static final String REASON = "imported";

  /**
   * What an import decided.
   *
   * @param events the events to journal, allocations first (by the file's order), then instances
   * @param allocations how many allocations are imported
   * @param instances how many instances are imported
   * @param skipped one line per record left out, the parser's first
   */
  public record Result(List<RegistryEvent> events, int allocations, int instances,
      List<String> skipped) {
    public Result {
      events = List.copyOf(events);
      skipped = List.copyOf(skipped);
    }
  }

  private StateImport() {}

  /**
   * Decides the import of {@code parsed} into {@code state}.
   *
   * @param daemonPort the daemon's own port, never imported as an allocation
   */
  public static Result decide(RegistryState state, OriginalState.Parsed parsed, int daemonPort,
      String requestId, String actor, Instant now) {
    RegistryState running = state;
    List<RegistryEvent> events = new ArrayList<>();
    List<String> skipped = new ArrayList<>(parsed.skipped());
    int allocations = 0;
    for (Allocation a : parsed.allocations()) {
      String conflict = conflict(running, a, daemonPort);
      if (conflict != null) {
        skipped.add("allocation on port " + a.port() + ": " + conflict);
        continue;
      }
      PortAllocated event = new PortAllocated(a,
          List.of("imported from the original daemon.state", "chose " + a.port()), now, requestId,
          REASON, actor);
      events.add(event);
      running = running.apply(event);
      allocations++;
    }
    int instances = 0;
    for (Instance i : parsed.instances()) {
      if (running.instance(i.id()).isPresent()) {
        skipped.add("instance " + i.id() + ": already registered");
        continue;
      }
      InstanceRegistered event = new InstanceRegistered(i.id(), i.workingDirectory(),
          i.metadataJson(), null, now, requestId, REASON, actor);
      events.add(event);
      running = running.apply(event);
      instances++;
    }
    return new Result(events, allocations, instances, skipped);
  }

  /** Why {@code a} cannot join {@code state}, or {@code null} when it can. */
  private static String conflict(RegistryState state, Allocation a, int daemonPort) {
    if (a.port() == daemonPort) {
      return "it is the daemon's own port";
    }
    Allocation atPort = state.atPort(a.port()).orElse(null);
    if (atPort != null) {
      return "already allocated (lock id " + atPort.id() + ")";
    }
    if (state.byId(a.id()).isPresent()) {
      return "lock id " + a.id() + " is already live";
    }
    if (a.named() && state.liveClaim(a.claimKey()).isPresent()) {
      return "the claim " + a.serviceType() + "/" + a.serviceName() + " of instance "
          + a.instanceId() + " is already held on port "
          + state.liveClaim(a.claimKey()).get().port();
    }
    return null;
  }
}
