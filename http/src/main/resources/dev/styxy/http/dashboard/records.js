// The dashboard's view of one allocation, from a GET /allocations record or from an event.

/** An allocation as the table shows it. */
export function fromRecord(r) {
  return {
    lockId: r.lock_id, port: r.port, type: r.service_type, name: r.service_name,
    instance: r.instance_id, project: r.project_path, pid: r.pid,
    health: r.health ? r.health.state : '', healthDetail: r.health ? r.health.detail : '',
    allocatedAt: Date.parse(r.allocated_at),
    leaseExpires: r.lease_expires_at ? Date.parse(r.lease_expires_at) : null, leaseKnown: true,
  };
}

/** What an `allocated` event tells; health and lease arrive with the next refresh. */
export function fromEvent(e) {
  const o = e.owner || {};
  return {
    lockId: e.lock_id, port: e.port, type: e.service_type, name: o.service_name,
    instance: o.instance_id, project: o.project_path, pid: o.pid,
    health: 'STARTING', healthDetail: 'just allocated', allocatedAt: Date.parse(e.timestamp),
    leaseExpires: null, leaseKnown: false,
  };
}
