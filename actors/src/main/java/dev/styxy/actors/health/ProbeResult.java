package dev.styxy.actors.health;

import dev.styxy.persistence.CborSerializable;

/**
 * What one probe saw.
 *
 * @param ownerAlive whether the owner PID is still the process that was recorded; {@code null}
 *     when the allocation has no owner PID
 * @param listening whether anything listens on the port (any local address)
 * @param urlHealthy whether the health URL answered 2xx in time; {@code null} without a URL
 * @param urlDetail the URL's status code or error, e.g. {@code "HTTP 503"}; empty without a URL
 */
public record ProbeResult(Boolean ownerAlive, boolean listening, Boolean urlHealthy,
    String urlDetail) implements CborSerializable {

  public ProbeResult {
    urlDetail = urlDetail == null ? "" : urlDetail;
  }
}
