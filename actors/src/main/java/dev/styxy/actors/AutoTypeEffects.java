package dev.styxy.actors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows the journal write of a new auto-allocated type: one {@code AUTO_ALLOCATION} line on
 * the {@value #AUDIT_LOGGER} logger (the daemon's Logback configuration sends it, message only,
 * to {@code $STYXY_HOME/audit.log}) and the full list of auto types to the {@link ConfigMirror}.
 * Run from the registry's {@code thenRun}, never from the event handler, so a replay repeats
 * neither; after replay only the mirror is told, which writes back types missing from the file.
 */
final class AutoTypeEffects {
  /** The audit trail's logger: one JSON object per line. */
  static final String AUDIT_LOGGER = "dev.styxy.audit";

  private static final Logger audit = LoggerFactory.getLogger(AUDIT_LOGGER);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String HOSTNAME = hostname();

  private AutoTypeEffects() {}

  /** After a journal write: audit each new type, then hand the state's auto types to the mirror. */
  static void afterWrite(List<RegistryEvent> events, RegistryState after,
      ActorRef<ConfigMirror.Command> mirror) {
    boolean created = false;
    for (RegistryEvent e : events) {
      if (e instanceof ServiceTypeAutoAllocated t) {
        created = true;
        audit.info(auditLine(t, allocationOf(t, events)));
      }
    }
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
   * The original's audit line ({@code timestamp, action, serviceType, range, chunkSize,
   * placement, userAgent, remoteIP, user, pid, hostname}) plus {@code requestId}.
   */
  static String auditLine(ServiceTypeAutoAllocated t, PortAllocated first) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("timestamp", ISO_MILLIS.format(t.at()));
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
    return line.toString();
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
