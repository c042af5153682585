package dev.styxy.coordinator;

import dev.styxy.http.ConfigReload;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads {@code config.json}, as {@code styxy config reload} does: the outcome is logged
 * (INFO when applied, WARN with the problem when refused). Uses the JDK's {@code sun.misc.Signal},
 * which the {@code jdk.unsupported} module exports; where it is missing or HUP cannot be handled
 * (not a POSIX system), start-up logs that only the command is available.
 */
final class HangupReload {
  private static final Logger log = LoggerFactory.getLogger(HangupReload.class);

  private HangupReload() {}

  static void install(ConfigReload reload) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reload(reload));
      log.info("SIGHUP reloads config.json");
    } catch (IllegalArgumentException | LinkageError e) {
      log.info("SIGHUP cannot be handled here ({}); use styxy config reload", e.toString());
    }
  }

  private static void reload(ConfigReload reload) {
    String requestId = "sighup-" + UUID.randomUUID();
    reload.reload(requestId, "signal").whenComplete((outcome, error) -> {
      if (error != null) {
        log.warn("SIGHUP reload of config.json failed: {}", error.toString());
      } else if (outcome instanceof ConfigReload.Reloaded r) {
        log.info("SIGHUP: {}{}", r.message(),
            r.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", r.warnings()));
      } else {
        log.warn("SIGHUP: config.json refused: {}", ((ConfigReload.Refused) outcome).problem());
      }
    });
  }
}
