package dev.styxy.http;

import org.apache.pekko.actor.CoordinatedShutdown;

/**
 * Why coordinated shutdown runs after {@code POST /shutdown}: a stop an operator asked for, so
 * the daemon exits 0 (not the status of a daemon that stopped on its own).
 */
public enum ApiShutdownReason implements CoordinatedShutdown.Reason {
  INSTANCE
}
