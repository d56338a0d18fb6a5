// WebSocket helpers over the `ws` package: open /api/v1/ws as a signed-in browser or bearer client, read the
// next message, and wait for the close frame.
import WebSocket from 'ws';

/**
 * Opens ws://.../api/v1/ws. Options: auth (a session from signIn: its cookie, or its bearer token), origin
 * (default: the server's own), timeoutMs. Resolves with the open socket; rejects with an error carrying `status`
 * when the upgrade is refused.
 */
export function openWebSocket(baseUrl, { auth, origin = baseUrl, timeoutMs = 10_000 } = {}) {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/v1/ws`;
  const headers = auth ? auth.headersFor('GET') : {};
  const ws = new WebSocket(url, { headers, ...(origin ? { origin } : {}), handshakeTimeout: timeoutMs });
  // Errors after the handshake (a reset during shutdown) surface as 'close'; see waitForWebSocketClose.
  ws.on('error', () => {});
  const messages = [];
  const waiting = [];
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? data : data.toString('utf8');
    const waiter = waiting.shift();
    if (waiter) waiter(text);
    else messages.push(text);
  });
  /** The next message, parsed as JSON; rejects after timeoutMs or when the socket closes first. */
  ws.nextMessage = (nextTimeoutMs = 10_000) => {
    if (messages.length) return Promise.resolve(JSON.parse(messages.shift()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no WebSocket message within ${nextTimeoutMs} ms`)), nextTimeoutMs);
      waiting.push((text) => {
        clearTimeout(timer);
        resolve(JSON.parse(text));
      });
    });
  };
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
