package dev.styxy.actors;

import dev.styxy.persistence.HealthChanged;
import dev.styxy.persistence.HealthState;
import dev.styxy.persistence.InstanceDeregistered;
import dev.styxy.persistence.InstanceRegistered;
import dev.styxy.persistence.LeaseRenewed;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per journaled event, written by the registry after the write, with the lock id,
 * port and request id as key-value fields. Lease renewals log at DEBUG (an agent renewing every
 * few seconds would drown the rest); everything else at INFO, health failures at WARN.
 */
final class EventLog {
  private EventLog() {}

  static void log(Logger log, RegistryEvent e) {
    LoggingEventBuilder line;
    if (e instanceof HealthChanged h && h.status().state() == HealthState.UNHEALTHY) {
      line = log.atWarn();
    } else if (e instanceof LeaseRenewed) {
      line = log.atDebug();
    } else {
      line = log.atInfo();
    }
    line = line.addKeyValue("requestId", e.requestId()).addKeyValue("actor", e.actor());
    if (e instanceof PortAllocated a) {
      line.addKeyValue("lockId", a.allocation().id()).addKeyValue("port", a.allocation().port())
          .addKeyValue("serviceType", a.allocation().serviceType())
          .log("Allocated port [{}] ({})", a.allocation().port(), String.join("; ", a.reasons()));
    } else if (e instanceof PortReleased r) {
      line.addKeyValue("lockId", r.id()).addKeyValue("port", r.port())
          .addKeyValue("serviceType", r.serviceType())
          .log("Released port [{}] of {} ({})", r.port(), r.serviceType(), r.reason());
    } else if (e instanceof HealthChanged h) {
      line.addKeyValue("lockId", h.id()).addKeyValue("port", h.port())
          .log("Health of port [{}]: {} -> {} ({})", h.port(), h.from(), h.status().state(),
              h.status().detail());
    } else if (e instanceof LeaseRenewed l) {
      line.addKeyValue("lockId", l.id()).addKeyValue("port", l.port())
          .log("Lease of port [{}] renewed until {}", l.port(), l.expiresAt());
    } else if (e instanceof InstanceRegistered r) {
      line.log("Registered instance [{}]", r.instanceId());
    } else if (e instanceof InstanceDeregistered d) {
      line.log("Deregistered instance [{}] ({})", d.instanceId(), d.reason());
    } else if (e instanceof ServiceTypeAutoAllocated t) {
      line.addKeyValue("serviceType", t.serviceType())
          .log("Auto-allocated range [{}] for new service type [{}] ({}, {} ports)",
              t.portRange(), t.serviceType(), t.reason(), t.chunkSize());
    }
  }
}
