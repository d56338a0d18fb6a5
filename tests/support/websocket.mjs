// WebSocket helpers over the `ws` package: open /api/v1/ws as a signed-in browser or bearer client, take messages
// (the next one, or the first that matches, leaving the others queued in order), subscribe to channels, and wait
// for the close frame.
import WebSocket from 'ws';

const defaultTimeoutMs = 10_000;

function summary(messages) {
  const text = JSON.stringify(messages.map((m) => (m?.type === 'event' ? { id: m.id, channel: m.channel, event: m.event } : m)));
  return text.length > 1500 ? `${text.slice(0, 1500)}...` : text;
}

/**
 * The messages of a socket as a mailbox: take(predicate, timeoutMs) resolves with the first message (parsed JSON,
 * or the raw text when it is not JSON) that satisfies predicate, whether it already arrived or arrives later, and
 * leaves every other message queued in arrival order. Rejects after timeoutMs, or when the socket closes first.
 */
function mailbox(ws) {
  const queue = [];
  const waiters = [];
  let closed;
  ws.on('message', (data, isBinary) => {
    let message = isBinary ? data : data.toString('utf8');
    if (!isBinary) {
      try {
        message = JSON.parse(message);
      } catch {
        // Kept as text: a test that looks at it says what it expected.
      }
    }
    const waiter = waiters.find((w) => w.predicate(message));
    if (!waiter) {
      queue.push(message);
      return;
    }
    waiters.splice(waiters.indexOf(waiter), 1);
    clearTimeout(waiter.timer);
    waiter.resolve(message);
  });
  ws.on('close', (code, reason) => {
    closed = { code, reason: reason.toString('utf8') };
    for (const waiter of waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`the WebSocket closed (${code} ${closed.reason}) before the message awaited; ` +
        `queued: ${summary(queue)}`));
    }
  });
  return {
    take(predicate = () => true, timeoutMs = defaultTimeoutMs) {
      const index = queue.findIndex(predicate);
      if (index >= 0) return Promise.resolve(queue.splice(index, 1)[0]);
      if (closed) {
        return Promise.reject(new Error(`the WebSocket is closed (${closed.code} ${closed.reason}); queued: ${summary(queue)}`));
      }
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve, reject };
        waiter.timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching WebSocket message within ${timeoutMs} ms; queued: ${summary(queue)}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    queued: () => [...queue],
    closed: () => closed,
  };
}

/**
 * Opens ws://.../api/v1/ws. Options: auth (a session from signIn: its cookie, or its bearer token), origin
 * (default: the server's own), timeoutMs. Resolves with the open socket, which has:
 * - nextMessage(timeoutMs): the next message, parsed;
 * - takeMessage(predicate, timeoutMs): the first message that matches, the others staying queued in order;
 * - queuedMessages(): the messages received and not taken yet.
 * Rejects with an error carrying `status` when the upgrade is refused.
 */
export function openWebSocket(baseUrl, { auth, origin = baseUrl, timeoutMs = defaultTimeoutMs } = {}) {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/v1/ws`;
  const headers = auth ? auth.headersFor('GET') : {};
  const ws = new WebSocket(url, { headers, ...(origin ? { origin } : {}), handshakeTimeout: timeoutMs });
  // Errors after the handshake (a reset during shutdown) surface as 'close'; see waitForWebSocketClose.
  ws.on('error', () => {});
  const messages = mailbox(ws);
  ws.nextMessage = (nextTimeoutMs = defaultTimeoutMs) => messages.take(() => true, nextTimeoutMs);
  ws.takeMessage = (predicate, nextTimeoutMs = defaultTimeoutMs) => messages.take(predicate, nextTimeoutMs);
  ws.queuedMessages = messages.queued;
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => {
        const error = new Error(`the WebSocket upgrade was refused with ${response.statusCode}: ${body}`);
        error.status = response.statusCode;
        error.headers = response.headers;
        error.body = body;
        reject(error);
      });
      response.on('error', reject);
    });
    ws.once('error', reject);
  });
}

/** A predicate for takeMessage: an event on `channel` (and named `event`, when given) that also satisfies `where`. */
export function eventOn(channel, event, where = () => true) {
  return (message) => message?.type === 'event' && message.channel === channel &&
    (event === undefined || message.event === event) && where(message);
}

/**
 * Sends {"type":"subscribe", channels, since} and resolves with pswnet's answer: the `subscribed` message, or an
 * `error` one. Events that arrive meanwhile stay queued.
 */
export function subscribe(ws, channels, { since, timeoutMs = defaultTimeoutMs } = {}) {
  ws.send(JSON.stringify({ type: 'subscribe', channels, ...(since === undefined ? {} : { since }) }));
  return ws.takeMessage((message) => message?.type === 'subscribed' || message?.type === 'error', timeoutMs);
}

/** Resolves with {code, reason} when the socket closes; rejects after timeoutMs. */
export function waitForWebSocketClose(ws, timeoutMs) {
  if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error('the WebSocket closed before waiting'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the WebSocket was still open after ${timeoutMs} ms`)), timeoutMs);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString('utf8') });
    });
  });
}
