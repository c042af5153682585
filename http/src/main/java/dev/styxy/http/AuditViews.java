package dev.styxy.http;

import dev.styxy.actors.audit.AuditEntry;
import dev.styxy.http.api.AuditEventView;

/** Audit entries as the API writes them ({@code GET /audit}, {@code GET /events}). */
final class AuditViews {
  private AuditViews() {}

  static AuditEventView view(AuditEntry e) {
    AuditEntry.Owner o = e.owner();
    AuditEventView.Owner owner = o == null ? null
        : new AuditEventView.Owner(o.serviceName(), o.instanceId(), o.projectPath(), o.pid());
    return new AuditEventView(e.seq(), ApiJson.iso(e.at()), e.event(), e.port(), e.lockId(),
        e.serviceType(), owner, e.requestId(), e.actor(), e.reason(), e.detail(),
        e.counts().isEmpty() ? null : new java.util.TreeMap<>(e.counts()));
  }
}
