package dev.styxy.http;

import dev.styxy.actors.AllocateReply;
import dev.styxy.actors.os.PortHolder;
import dev.styxy.config.ServiceType;
import dev.styxy.http.api.AllocateResponse;
import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.HealthView;
import dev.styxy.http.api.ServiceTypeView;
import dev.styxy.http.api.SystemUsage;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.HealthStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Translates domain values into the API's DTOs; the only place that knows both shapes. */
final class ApiViews {
  /** Why {@code pid}, {@code process} and {@code command} are null in a {@code system_usage}. */
  static final String HIDDEN_HOLDER = "The port is in use, but the process holding it is not "
      + "visible to the daemon's user (another user's or root's process, or a container)";

  private ApiViews() {}

  /**
   * The {@code POST /allocate} reply for a new allocation; the auto-allocation keys only when
   * this request's unknown type was auto-allocated.
   */
  static AllocateResponse allocated(AllocateReply.Allocated a) {
    Allocation held = a.allocation();
    String leaseEnds = ApiJson.iso(held.leaseExpiresAt());
    Integer ttl = held.hasLease() ? held.leaseTtlSeconds() : null;
    AllocateReply.AutoAllocated auto = a.autoAllocated();
    if (auto == null) {
      return new AllocateResponse(true, held.port(), held.id().value(), a.message(), a.reasons(),
          leaseEnds, ttl, null, null, null, null);
    }
    return new AllocateResponse(true, held.port(), held.id().value(), a.message(), a.reasons(),
        leaseEnds, ttl, true, List.of(auto.rangeStart(), auto.rangeEnd()), auto.chunkSize(),
        auto.placement());
  }

  /** An allocation as {@code /allocations}, {@code /check} and {@code /scan} report it. */
  static AllocationRecord record(Allocation a) {
    String id = a.id().value();
    return new AllocationRecord(a.port(), id, id, a.serviceType(), a.serviceName(),
        a.instanceId(), a.projectPath(), a.pid(), ApiJson.iso(a.allocatedAt()),
        health(a.healthStatus()), ApiJson.iso(a.leaseExpiresAt()),
        a.hasLease() ? a.leaseTtlSeconds() : null, a.healthUrl(), a.serviceType(),
        a.serviceName(), a.instanceId(), a.projectPath(), a.pid(), a.userAgent(), a.remoteIp());
  }

  /** A health status as the views show it. */
  static HealthView health(HealthStatus s) {
    return new HealthView(s.state().name(), ApiJson.iso(s.since()), s.detail());
  }

  /** The allocation record, or null when {@code a} is empty. */
  static AllocationRecord recordOrNull(Optional<Allocation> a) {
    return a.map(ApiViews::record).orElse(null);
  }

  /**
   * The {@code system_usage} of a port the OS reports taken. {@code holder} is empty when no
   * listening socket was found for it (another network namespace, or a bind without listen).
   */
  static SystemUsage usage(Optional<PortHolder> holder) {
    if (holder.isEmpty()) {
      return new SystemUsage(null, null, null, null, null, HIDDEN_HOLDER);
    }
    PortHolder h = holder.get();
    if (h.pid() == null) {
      String note = h.uid() == null ? HIDDEN_HOLDER
          : HIDDEN_HOLDER + "; socket owner uid " + h.uid();
      return new SystemUsage(null, null, null, h.localAddress(), h.protocol(), note);
    }
    return new SystemUsage(h.pid(), h.process(), h.command(), h.localAddress(), h.protocol(), null);
  }

  /** A service type as {@code /config} shows it. */
  static ServiceTypeView view(ServiceType t) {
    return new ServiceTypeView(t.preferredPorts(), List.of(t.range().start(), t.range().end()),
        t.description(), t.examples(), t.instanceBehavior().json(),
        t.source().name().toLowerCase(Locale.ROOT));
  }
}
