// The dashboard's calls to the daemon, each with the bearer token. GET /events is read with
// fetch(): EventSource cannot send an Authorization header, and the token must not travel in a
// URL (URLs end up in logs and history).

/** An HTTP answer other than 200, with its status (401: the token was refused). */
export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** `method path` with the token; the JSON reply, or an HttpError naming the daemon's error. */
export async function request(token, method, path) {
  const response = await fetch(path, {
    method, cache: 'no-store',
    headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const why = body && body.error ? body.code + ': ' + body.error : 'HTTP ' + response.status;
    throw new HttpError(response.status, method + ' ' + path + ' failed: ' + why);
  }
  return body;
}

/**
 * Reads the stream until it ends or `signal` aborts. `lastId` (the last event id seen, or null)
 * goes out as Last-Event-ID, so the daemon first replays what was journaled since. Calls
 * `onOpen()` once connected and `onEvent({event, id, data})` for each event.
 */
export async function readEvents(token, lastId, signal, onOpen, onEvent) {
  const headers = { Authorization: 'Bearer ' + token, Accept: 'text/event-stream' };
  if (lastId != null) headers['Last-Event-ID'] = String(lastId);
  const response = await fetch('/events', { headers, signal, cache: 'no-store' });
  if (!response.ok) throw new HttpError(response.status, 'GET /events: HTTP ' + response.status);
  onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (message) onEvent(message);
    }
  }
}

/** One event block (the daemon writes LF line ends); null for a keep-alive comment. */
function parse(block) {
  let event = 'message';
  let id = null;
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  return data.length ? { event, id, data: data.join('\n') } : null;
}
