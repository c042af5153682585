package dev.styxy.actors.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit file's writer: one JSON object per line on the {@value #LOGGER} logger, which the
 * daemon's Logback configuration sends, message only, to {@code $STYXY_HOME/audit.log}. Called
 * after a journal write (never from an event handler, so a replay repeats no line) and by the
 * recovery supervisor for its actions.
 *
 * <p>Every line has {@code timestamp} and {@code action} (the keys the original's readers of
 * {@code audit.log} rely on), then {@code event}, {@code seq}, {@code port}, {@code lock_id},
 * {@code service_type}, {@code owner}, {@code request_id}, {@code actor}, {@code reason},
 * {@code detail} and, for a recovery summary, its figures.
 */
public final class AuditTrail {
  /** The audit trail's logger (additivity off in the daemon's configuration). */
  public static final String LOGGER = "dev.styxy.audit";

  private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AuditTrail() {}

  /** Writes the line of {@code entry}. */
  public static void write(AuditEntry entry) {
    AUDIT.info(line(entry, MAPPER.createObjectNode()));
  }

  /**
   * Writes the line of {@code entry} after the keys already in {@code start} (the original's
   * {@code AUTO_ALLOCATION} fields, which keep their place at the front of the line).
   */
  public static void write(AuditEntry entry, ObjectNode start) {
    AUDIT.info(line(entry, start));
  }

  /** A fresh node for {@link #write(AuditEntry, ObjectNode)}. */
  public static ObjectNode newLine() {
    return MAPPER.createObjectNode();
  }

  /** {@code at} as every audit line writes it: {@code 2026-01-01T12:00:00.000Z}. */
  public static String iso(Instant at) {
    return at == null ? null : ISO_MILLIS.format(at);
  }

  static String line(AuditEntry e, ObjectNode line) {
    if (!line.has("timestamp")) {
      line.put("timestamp", iso(e.at()));
    }
    if (!line.has("action")) {
      line.put("action", e.action());
    }
    line.put("event", e.event());
    line.put("seq", e.seq());
    line.put("port", e.port());
    line.put("lock_id", e.lockId());
    line.put("service_type", e.serviceType());
    if (e.owner() == null) {
      line.putNull("owner");
    } else {
      ObjectNode owner = line.putObject("owner");
      owner.put("service_name", e.owner().serviceName());
      owner.put("instance_id", e.owner().instanceId());
      owner.put("project_path", e.owner().projectPath());
      owner.put("pid", e.owner().pid());
    }
    line.put("request_id", e.requestId());
    line.put("actor", e.actor());
    line.put("reason", e.reason());
    line.put("detail", e.detail());
    new TreeMap<>(e.counts()).forEach(line::put);
    return line.toString();
  }
}
