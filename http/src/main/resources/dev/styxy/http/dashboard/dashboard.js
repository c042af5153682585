// Styxy dashboard: takes the token from the URL fragment (#token=…) or asks for it, keeps it in
// this tab's session storage only, then shows the live allocations, how full each range is, ports
// held by outside processes and the event feed, kept current from GET /events.
import { readEvents, request } from './stream.js';
import { Bars, Feed, Table, options, outsideList } from './view.js';
import { fromEvent, fromRecord } from './records.js';

const TOKEN_KEY = 'styxy.token';
const REFRESH_MS = 5000;
const SOON_MS = 250;
const RETRY_MS = [500, 1000, 2000, 5000];
const $ = id => document.getElementById(id);

/** For tests and benchmarks: per event, ms from arrival to DOM updated and to the next frame. */
const probe = window.styxyDashboard = { renderTimes: [], lastEventId: null, loaded: false };

let token = null;
let session = null;

function takeToken() {
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decoded(match[1]));
    // Off the address bar and out of the history.
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** A fragment value, percent-decoded when it is well formed (else the daemon judges it as is). */
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch (e) {
    return text;
  }
}

function showLogin(message) {
  if (session) session.stop();
  session = null;
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $('app').hidden = true;
  $('forget').hidden = true;
  $('login').hidden = false;
  connection('signed out', '');
  notice(message);
}

function notice(message) {
  $('notice').textContent = message || '';
  $('notice').hidden = !message;
}

function connection(text, state) {
  $('connection').textContent = text;
  $('connection').className = 'connection ' + state;
}

const api = (method, path) => request(token, method, path);

/** One signed-in view: its data, its timers and its event stream; stop() ends all of them. */
class Session {
  constructor() {
    this.abort = new AbortController();
    this.types = new Map();
    this.released = new Map(); // lock id -> when; a late refresh answer must not revive it
    this.held = [];
    this.instances = [];
    this.table = new Table($('rows'), a => this.release(a));
    this.bars = new Bars($('bars'));
    this.feed = new Feed($('events'));
    this.soon = null;
    this.timers = [setInterval(() => this.refresh(), REFRESH_MS),
      setInterval(() => this.table.tick(Date.now()), 1000)];
    const filter = () => {
      this.table.setFilter({ type: $('filter-type').value, instance: $('filter-instance').value });
      this.summary();
    };
    $('filter-type').onchange = filter;
    $('filter-instance').onchange = filter;
  }

  stop() {
    this.abort.abort();
    this.timers.forEach(clearInterval);
    clearTimeout(this.soon);
    $('rows').replaceChildren();
    $('events').replaceChildren();
    $('bars').replaceChildren();
  }

  async start() {
    await this.loadConfig();
    const audit = await api('GET', '/audit?limit=50');
    const shown = audit.events.filter(e => e.event !== 'lease_renewed');
    shown.forEach(e => this.feed.add(e, false));
    probe.lastEventId = audit.events.length ? audit.events[0].seq : null;
    this.follow();
    await this.refresh();
    probe.loaded = true;
  }

  async loadConfig() {
    const config = await api('GET', '/config');
    this.types = new Map(Object.entries(config.service_types));
    options($('filter-type'), [...this.types.keys()]);
  }

  /** Follows GET /events, reconnecting with Last-Event-ID after a drop. */
  async follow() {
    for (let attempt = 0; !this.abort.signal.aborted; attempt++) {
      try {
        await readEvents(token, probe.lastEventId, this.abort.signal, () => {
          attempt = 0;
          connection('live', 'live');
          this.refreshSoon();
        }, m => this.onEvent(m));
      } catch (e) {
        if (this.abort.signal.aborted) return;
        if (e.status === 401) return showLogin('The daemon refused the token.');
      }
      connection('reconnecting', 'down');
      await new Promise(r => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
    }
  }

  onEvent(message) {
    const arrived = performance.now();
    if (message.id != null) probe.lastEventId = message.id;
    let e;
    try {
      e = JSON.parse(message.data);
    } catch (err) {
      return;
    }
    this.apply(e);
    this.feed.add(e, true);
    this.summary();
    const updated = performance.now();
    requestAnimationFrame(() => setTimeout(() => {
      probe.renderTimes.push({ event: e.event, dom: updated - arrived,
        frame: performance.now() - arrived, rows: this.table.rows.size });
      if (probe.renderTimes.length > 1000) probe.renderTimes.shift();
    }));
  }

  apply(e) {
    const now = Date.now();
    switch (e.event) {
      case 'allocated':
        if (!this.released.has(e.lock_id) && !this.table.has(e.lock_id)) {
          this.table.upsert(fromEvent(e), now);
        }
        this.refreshSoon();
        break;
      case 'released':
        this.released.set(e.lock_id, Date.now());
        this.table.remove(e.lock_id);
        break;
      case 'health_changed': {
        const state = /->\s*([A-Z_]+)/.exec(e.detail || '');
        if (state) this.table.setHealth(e.lock_id, state[1], e.detail, now);
        break;
      }
      case 'auto_allocated':
        this.loadConfig().then(() => this.summary()).catch(err => notice(err.message));
        break;
      default:
        this.refreshSoon();
    }
  }

  refreshSoon() {
    clearTimeout(this.soon);
    this.soon = setTimeout(() => this.refresh(), SOON_MS);
  }

  /** Re-reads allocations, outside holders and instances; changes only what differs. */
  async refresh() {
    const ranges = [...this.types.values()].map(t => t.range);
    const start = Math.min(...ranges.map(r => r[0]));
    const end = Math.max(...ranges.map(r => r[1]));
    try {
      const asked = Date.now();
      const [allocations, scan, instances] = await Promise.all([api('GET', '/allocations'),
        api('GET', '/scan?start=' + start + '&end=' + end), api('GET', '/instance/list')]);
      if (this.abort.signal.aborted) return;
      this.reconcile(allocations.allocations, asked);
      this.listeners(scan.ports_in_use);
      this.instances = instances.instances.map(i => i.instance_id);
      this.summary();
      notice('');
    } catch (e) {
      if (e.status === 401) return showLogin('The daemon refused the token.');
      if (!this.abort.signal.aborted) notice(e.message);
    }
  }

  reconcile(records, asked) {
    const now = Date.now();
    for (const [lockId, at] of this.released) if (at < asked - 60000) this.released.delete(lockId);
    const live = new Set();
    for (const r of records) {
      live.add(r.lock_id);
      if (!this.released.has(r.lock_id)) this.table.upsert(fromRecord(r), now);
    }
    // A row an event added after the request went out is newer than this answer: keep it.
    for (const a of this.table.all()) {
      if (!live.has(a.lockId) && (a.leaseKnown || a.allocatedAt < asked - 1000)) {
        this.table.remove(a.lockId);
      }
    }
  }

  listeners(ports) {
    const byPort = new Map();
    this.held = [];
    for (const p of ports) {
      if (!p.system_usage) continue;
      byPort.set(p.port, p.system_usage);
      const type = this.typeOf(p.port);
      if (!p.allocated_to && type) this.held.push({ port: p.port, type, usage: p.system_usage });
    }
    this.table.setListeners(byPort, Date.now());
    outsideList($('outside'), $('outside-none'), this.held);
  }

  typeOf(port) {
    for (const [name, t] of this.types) if (port >= t.range[0] && port <= t.range[1]) return name;
    return null;
  }

  summary() {
    const allocated = new Map();
    const instances = new Set(this.instances);
    for (const a of this.table.all()) {
      allocated.set(a.type, (allocated.get(a.type) || 0) + 1);
      if (a.instance) instances.add(a.instance);
    }
    const held = new Map();
    for (const h of this.held) held.set(h.type, (held.get(h.type) || 0) + 1);
    this.bars.render(this.types, allocated, held);
    options($('filter-instance'), [...instances].sort());
    const total = this.table.rows.size;
    const visible = this.table.visibleCount();
    $('count').textContent = '(' + (visible === total ? total : visible + ' of ' + total) + ')';
    $('empty').hidden = total > 0;
  }

  async release(a) {
    const what = 'Release port ' + a.port + ' (' + a.type + (a.name ? ' ' + a.name : '') + ')?';
    if (!window.confirm(what)) return;
    try {
      await api('DELETE', '/allocate/' + encodeURIComponent(a.lockId));
      this.released.set(a.lockId, Date.now());
      this.table.remove(a.lockId);
      this.summary();
    } catch (e) {
      if (e.status === 401) return showLogin('The daemon refused the token.');
      notice(e.message);
    }
  }
}

async function signIn(value) {
  token = value;
  $('login').hidden = true;
  $('app').hidden = false;
  $('forget').hidden = false;
  connection('connecting', '');
  notice('');
  session = new Session();
  try {
    await session.start();
  } catch (e) {
    if (e.status === 401) showLogin('The daemon refused the token.');
    else notice(e.message);
  }
}

$('login-form').addEventListener('submit', event => {
  event.preventDefault();
  const value = $('token').value.trim();
  $('token').value = '';
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
    signIn(value);
  }
});
$('forget').addEventListener('click', () => showLogin(''));

const initial = takeToken();
if (initial) signIn(initial); else showLogin('');
