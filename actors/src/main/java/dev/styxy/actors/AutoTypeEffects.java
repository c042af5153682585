package dev.styxy.actors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.actors.audit.AuditTrail;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What follows the journal write of a new auto-allocated type: the full list of auto types to the
 * {@link ConfigMirror}, and the original's fields at the front of its {@code AUTO_ALLOCATION}
 * audit line ({@link AuditEffects} writes the line). Run from the registry's {@code thenRun},
 * never from the event handler, so a replay repeats neither; after replay only the mirror is
 * told, which writes back types missing from the file.
 */
final class AutoTypeEffects {
  /** The audit trail's logger: one JSON object per line. */
  static final String AUDIT_LOGGER = AuditTrail.LOGGER;

  private static final String HOSTNAME = hostname();

  private AutoTypeEffects() {}

  /** After a journal write: hand the state's auto types to the mirror if a type was created. */
  static void afterWrite(List<RegistryEvent> events, RegistryState after,
      ActorRef<ConfigMirror.Command> mirror) {
    boolean created = events.stream().anyMatch(ServiceTypeAutoAllocated.class::isInstance);
    if (created && mirror != null) {
      mirror.tell(new ConfigMirror.Mirror(after.autoTypes()));
    }
  }

  /** After replay: types the journal holds but config.json lost are written back. */
  static void recovered(RegistryState state, ActorRef<ConfigMirror.Command> mirror) {
    if (mirror != null && !state.autoTypes().isEmpty()) {
      mirror.tell(new ConfigMirror.Mirror(state.autoTypes()));
    }
  }

  /**
   * The start of the type's audit line: the original's fields ({@code timestamp, action,
   * serviceType, range, chunkSize, placement, userAgent, remoteIP, user, pid, hostname}) plus
   * {@code requestId}, before the fields every audit line has.
   *
   * @param events the events of the same write, where the allocation made from the new type is
   */
  static ObjectNode auditLine(ServiceTypeAutoAllocated t, List<RegistryEvent> events) {
    PortAllocated first = allocationOf(t, events);
    ObjectNode line = AuditTrail.newLine();
    line.put("timestamp", AuditTrail.iso(t.at()));
    line.put("action", "AUTO_ALLOCATION");
    line.put("serviceType", t.serviceType());
    line.putArray("range").add(t.rangeStart()).add(t.rangeEnd());
    line.put("chunkSize", t.chunkSize());
    line.put("placement", t.placement());
    line.put("userAgent", first == null ? null : first.allocation().userAgent());
    line.put("remoteIP", first == null ? null : first.allocation().remoteIp());
    line.put("user", System.getProperty("user.name"));
    line.put("pid", ProcessHandle.current().pid());
    line.put("hostname", HOSTNAME);
    line.put("requestId", t.requestId());
    return line;
  }

  /** The allocation made from the new type by the request that created it, in the same write. */
  private static PortAllocated allocationOf(ServiceTypeAutoAllocated t,
      List<RegistryEvent> events) {
    return events.stream().filter(PortAllocated.class::isInstance).map(PortAllocated.class::cast)
        .filter(a -> a.allocation().serviceType().equals(t.serviceType()))
        .findFirst().orElse(null);
  }

  /** The kernel's host name without a DNS lookup (which could stall the registry's thread). */
  private static String hostname() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | SecurityException e) {
      // Not Linux: fall back to the environment.
    }
    String env = System.getenv("HOSTNAME");
    return env == null || env.isBlank() ? "localhost" : env;
  }
}
