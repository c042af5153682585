// DOM side of the dashboard. Every value that comes from the daemon (service names, project
// paths, command lines, reasons) is written with textContent, never parsed as markup.

const FEED_LIMIT = 100;

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = String(text);
  return node;
}

function setText(node, text) {
  const value = text == null ? '' : String(text);
  if (node.textContent !== value) node.textContent = value;
}

/** 42s, 3m 5s, 2h 10m, 3d 4h. */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return s + 's';
  const m = Math.floor(s / 60);
  if (m < 60) return m + 'm ' + (s % 60) + 's';
  const h = Math.floor(m / 60);
  if (h < 48) return h + 'h ' + (m % 60) + 'm';
  return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
}

function compare(a, b) {
  return a.port - b.port || (a.lockId < b.lockId ? -1 : a.lockId > b.lockId ? 1 : 0);
}

/**
 * The allocations table: one row per lock id, ordered by port. A change touches one row and
 * only the cells whose text differs, so 500 rows cost no more per event than 5.
 */
export class Table {
  constructor(tbody, onRelease) {
    this.tbody = tbody;
    this.onRelease = onRelease;
    this.rows = new Map();
    this.order = [];
    this.listeners = new Map();
    this.filter = { type: '', instance: '' };
  }

  has(lockId) { return this.rows.has(lockId); }
  get(lockId) { const row = this.rows.get(lockId); return row && row.data; }
  lockIds() { return [...this.rows.keys()]; }
  all() { return this.order.map(row => row.data); }

  upsert(a, now) {
    let row = this.rows.get(a.lockId);
    if (!row) {
      row = this.create(a);
      this.rows.set(a.lockId, row);
      const i = this.position(a);
      this.tbody.insertBefore(row.tr, i < this.order.length ? this.order[i].tr : null);
      this.order.splice(i, 0, row);
    }
    row.data = a;
    this.fill(row, now);
  }

  remove(lockId) {
    const row = this.rows.get(lockId);
    if (!row) return false;
    this.rows.delete(lockId);
    this.order.splice(this.position(row.data), 1);
    row.tr.remove();
    return true;
  }

  setHealth(lockId, state, detail, now) {
    const row = this.rows.get(lockId);
    if (!row) return;
    row.data = Object.assign({}, row.data, { health: state, healthDetail: detail });
    this.fill(row, now);
  }

  /** Who listens on each port ({pid, command} by port), for the owner column. */
  setListeners(listeners, now) {
    this.listeners = listeners;
    for (const row of this.order) this.fill(row, now);
  }

  setFilter(filter) {
    this.filter = filter;
    for (const row of this.order) this.show(row);
  }

  /** Ages and leases move with the clock. */
  tick(now) {
    for (const row of this.order) this.times(row, now);
  }

  visibleCount() {
    let n = 0;
    for (const row of this.order) if (!row.tr.hidden) n++;
    return n;
  }

  position(a) {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(this.order[mid].data, a) < 0) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  create(a) {
    const tr = el('tr');
    tr.dataset.lock = a.lockId;
    const cells = {};
    for (const name of ['port', 'type', 'name', 'owner', 'instance', 'health', 'age', 'lease']) {
      cells[name] = tr.appendChild(el('td', 'col-' + name));
    }
    cells.nameMain = cells.name.appendChild(el('span'));
    cells.project = cells.name.appendChild(el('span', 'sub'));
    cells.pid = cells.owner.appendChild(el('span'));
    cells.command = cells.owner.appendChild(el('span', 'sub'));
    cells.badge = cells.health.appendChild(el('span', 'health'));
    const button = el('button', 'release', 'Release');
    button.type = 'button';
    button.addEventListener('click', () => this.onRelease(this.rows.get(a.lockId).data));
    tr.appendChild(el('td', 'col-action')).appendChild(button);
    return { tr, cells, data: a };
  }

  fill(row, now) {
    const a = row.data;
    const c = row.cells;
    setText(c.port, a.port);
    setText(c.type, a.type);
    setText(c.nameMain, a.name || '—');
    setText(c.project, a.project || '');
    setText(c.instance, a.instance || '—');
    setText(c.pid, a.pid == null ? 'no pid' : 'pid ' + a.pid);
    setText(c.command, this.command(a));
    setText(c.badge, a.health || '?');
    const badgeClass = 'health ' + (a.health || '');
    if (c.badge.className !== badgeClass) c.badge.className = badgeClass;
    if (c.health.title !== (a.healthDetail || '')) c.health.title = a.healthDetail || '';
    this.times(row, now);
    this.show(row);
  }

  command(a) {
    const listener = this.listeners.get(a.port);
    if (!listener || !listener.command) return '';
    if (listener.pid === a.pid) return listener.command;
    return 'listening: pid ' + listener.pid + ' ' + listener.command;
  }

  times(row, now) {
    const a = row.data;
    setText(row.cells.age, duration(now - a.allocatedAt));
    let lease = a.leaseKnown === false ? '…' : '—';
    if (a.leaseExpires != null) {
      lease = a.leaseExpires > now ? 'ends in ' + duration(a.leaseExpires - now) : 'expired';
    }
    setText(row.cells.lease, lease);
  }

  show(row) {
    const f = this.filter;
    const hidden = (f.type !== '' && row.data.type !== f.type)
        || (f.instance !== '' && (row.data.instance || '') !== f.instance);
    if (row.tr.hidden !== hidden) row.tr.hidden = hidden;
  }
}

/** One bar per service type: allocated and outside-held ports against the size of its range. */
export class Bars {
  constructor(container) {
    this.container = container;
    this.bars = new Map();
  }

  render(types, allocated, held) {
    for (const [name, type] of types) {
      let bar = this.bars.get(name);
      if (!bar) {
        bar = this.create(name);
        this.bars.set(name, bar);
      }
      const size = type.range[1] - type.range[0] + 1;
      const used = allocated.get(name) || 0;
      const outside = held.get(name) || 0;
      setText(bar.count, used + ' / ' + size + (outside ? ' (+' + outside + ' outside)' : ''));
      bar.used.style.width = (100 * used / size) + '%';
      bar.held.style.width = (100 * outside / size) + '%';
      bar.node.title = name + ': ports ' + type.range[0] + '-' + type.range[1];
      bar.node.classList.toggle('full', used + outside >= size);
    }
    for (const [name, bar] of this.bars) {
      if (!types.has(name)) {
        bar.node.remove();
        this.bars.delete(name);
      }
    }
  }

  create(name) {
    const node = this.container.appendChild(el('div', 'bar'));
    node.dataset.type = name;
    const label = node.appendChild(el('div', 'label'));
    label.appendChild(el('span', null, name));
    const count = label.appendChild(el('span'));
    const track = node.appendChild(el('div', 'track'));
    const used = track.appendChild(el('div', 'used'));
    const held = track.appendChild(el('div', 'held'));
    return { node, count, used, held };
  }
}

/** The live feed, newest first, at most FEED_LIMIT items. */
export class Feed {
  constructor(list) {
    this.list = list;
  }

  add(e, atTop) {
    const li = el('li', e.event);
    const time = li.appendChild(el('time', null,
        e.timestamp ? new Date(e.timestamp).toLocaleTimeString([], { hour12: false }) : ''));
    if (e.timestamp) time.dateTime = e.timestamp;
    li.appendChild(el('span', 'kind', e.event));
    li.appendChild(el('span', null, Feed.describe(e)));
    if (e.event === 'released' && e.reason) {
      li.appendChild(el('span', 'reason', ' reason: ' + e.reason));
    }
    if (atTop) this.list.insertBefore(li, this.list.firstChild); else this.list.appendChild(li);
    while (this.list.childElementCount > FEED_LIMIT) this.list.lastElementChild.remove();
  }

  static describe(e) {
    const parts = [];
    if (e.port != null) parts.push(String(e.port));
    if (e.service_type) parts.push(e.service_type);
    if (e.owner && e.owner.service_name) parts.push(e.owner.service_name);
    if (e.owner && e.owner.instance_id) parts.push('instance ' + e.owner.instance_id);
    if (e.actor) parts.push('by ' + e.actor);
    // An allocation's detail lists every port it passed over; its reason says enough.
    const why = e.event === 'allocated' ? e.reason : e.event === 'released' ? null : e.detail;
    if (why) parts.push('(' + (why.length > 140 ? why.slice(0, 137) + '...' : why) + ')');
    return parts.join(' ');
  }
}

/** Replaces the options of a filter, keeping the selection when it still exists. */
export function options(select, values) {
  const wanted = ['', ...values];
  const have = [...select.options].map(o => o.value);
  if (have.length === wanted.length && have.every((v, i) => v === wanted[i])) return;
  const selected = select.value;
  select.replaceChildren(...wanted.map(v => {
    const option = el('option', null, v === '' ? 'all' : v);
    option.value = v;
    return option;
  }));
  select.value = wanted.includes(selected) ? selected : '';
}

/** The list of ports in managed ranges held by outside processes. */
export function outsideList(list, none, holders) {
  list.replaceChildren(...holders.map(h => {
    const u = h.usage;
    const who = u.pid == null ? (u.note || 'a process this user cannot see')
        : 'pid ' + u.pid + ' ' + (u.command || u.process || '');
    return el('li', null, h.port + ' (' + h.type + '): ' + who);
  }));
  none.hidden = holders.length > 0;
}
