package dev.styxy.persistence;

import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PrimitiveIterator;

/**
 * The allocation decision against one {@link RegistryState}: single-instance reuse, named-claim
 * reuse, then the candidate walk that skips allocated ports, the daemon's own port and ports the OS
 * reports taken, recording why in a {@link ReasonTrail}. Pure given its {@link PortAvailability};
 * reads the state only through its public queries. One per decision.
 */
final class AllocationDecider {
  private final RegistryState state;
  private final PortAvailability os;
  private final int daemonPort;

  AllocationDecider(RegistryState state, PortAvailability os, int daemonPort) {
    this.state = state;
    this.os = os;
    this.daemonPort = daemonPort;
  }

  AllocationDecision decide(AllocationRequest request, ServiceCatalog catalog, AllocationId newId,
      Instant now) {
    Optional<ServiceType> found = catalog.find(request.serviceType())
        .or(() -> state.autoType(request.serviceType()));
    if (found.isEmpty()) {
      return new AllocationDecision.Rejected(ErrorCode.UNKNOWN_SERVICE_TYPE,
          "Unknown service type '" + request.serviceType() + "'. Configured types: "
              + String.join(", ", catalog.types().keySet()), List.of());
    }
    ServiceType type = found.get();
    if (type.isSingleton()) {
      Optional<Allocation> live = state.liveSingleton(type.name());
      if (live.isPresent()) {
        return new AllocationDecision.Existing(live.get(), true,
            "Service '" + type.name() + "' only allows single instance");
      }
    }
    if (request.named()) {
      Optional<Allocation> live = state.liveClaim(request.claimKey());
      if (live.isPresent()) {
        return new AllocationDecision.Existing(live.get(), false, "Port " + live.get().port()
            + " already allocated for " + type.name() + " service " + request.serviceName());
      }
    }
    ReasonTrail trail = new ReasonTrail();
    for (PrimitiveIterator.OfInt it = state.candidateIterator(type, request); it.hasNext(); ) {
      int port = it.nextInt();
      Optional<String> skip = skipReason(port);
      if (skip.isPresent()) {
        trail.skipped(port + " " + skip.get());
        continue;
      }
      if (request.dryRun()) {
        return new AllocationDecision.DryRun(port,
            "Port " + port + " would be allocated (dry run mode)");
      }
      trail.chose(port);
      Allocation a = new Allocation(newId, port, type.name(), request.effectiveServiceName(),
          request.named(), request.effectiveInstanceId(), request.projectPath(), request.pid(), now,
          request.userAgent(), request.remoteIp(), request.ownerStartedAt(), request.healthUrl(),
          request.leaseTtlSeconds(), request.leaseTtlSeconds() == null ? null
              : now.plusSeconds(request.leaseTtlSeconds()), HealthStatus.starting(now));
      PortAllocated event = new PortAllocated(a, trail.reasons(), now, request.requestId(),
          choiceTag(port, type, request), request.actor());
      return new AllocationDecision.Allocate(event,
          "Port " + port + " allocated for " + type.name() + " service");
    }
    return new AllocationDecision.Rejected(ErrorCode.RANGE_EXHAUSTED,
        "No available ports in range " + type.range() + " for service type " + type.name(),
        trail.reasons());
  }

  private Optional<String> skipReason(int port) {
    if (port == daemonPort) {
      return Optional.of("is the daemon's own port");
    }
    Optional<Allocation> holder = state.atPort(port);
    if (holder.isPresent()) {
      Allocation a = holder.get();
      return Optional.of("allocated to lock " + a.id() + " (" + a.serviceType() + "/"
          + a.serviceName() + ")");
    }
    return os.takenBy(port);
  }

  private String choiceTag(int port, ServiceType type, AllocationRequest request) {
    if (request.preferredPort() != null && request.preferredPort() == port) {
      return "preferred";
    }
    if (request.named()
        && state.stickyPort(request.claimKey()).filter(p -> p == port).isPresent()) {
      return "sticky";
    }
    return type.preferredPorts().contains(port) ? "type-preferred" : "range";
  }

  /** Free ports of a type in candidate order (see {@link RegistryState#suggest}). */
  List<Integer> suggest(ServiceType type, int count) {
    List<Integer> free = new ArrayList<>();
    AllocationRequest probe = new AllocationRequest(type.name(), null, null, null, null, null, true,
        null, null, null, null, null, null, null);
    for (PrimitiveIterator.OfInt it = state.candidateIterator(type, probe); it.hasNext(); ) {
      int port = it.nextInt();
      if (free.size() >= count) {
        break;
      }
      if (skipReason(port).isEmpty()) {
        free.add(port);
      }
    }
    return free;
  }
}
