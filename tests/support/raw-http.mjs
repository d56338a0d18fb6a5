// HTTP/1.1 over plain sockets, for what fetch cannot do: half-sent requests, bodies announced but never sent,
// oversized headers and clients that drip bytes.
import net from 'node:net';

/** Connects to 127.0.0.1:port; resolves with the socket, rejects with the connection error (ECONNREFUSED ...). */
export function connect(port, { timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connecting to port ${port} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      // Writes after the server closed fail with EPIPE/ECONNRESET; the tests look at 'close' instead.
      socket.on('error', () => {});
      resolve(socket);
    });
    function onError(error) {
      clearTimeout(timer);
      reject(error);
    }
    socket.once('error', onError);
  });
}

/** Resolves with the milliseconds until the socket closes; rejects if it is still open after timeoutMs. */
export function waitForClose(socket, timeoutMs) {
  const started = performance.now();
  if (socket.destroyed && socket.closed) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('close', onClose);
      reject(new Error(`the connection was still open after ${timeoutMs} ms`));
    }, timeoutMs);
    function onClose() {
      clearTimeout(timer);
      resolve(performance.now() - started);
    }
    socket.once('close', onClose);
  });
}

function parseHead(head) {
  const [statusLine, ...lines] = head.split('\r\n');
  const match = statusLine.match(/^HTTP\/1\.[01] (\d{3})/);
  if (!match) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine)}`);
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(match[1]), headers };
}

function decodeChunked(buffer) {
  const parts = [];
  let offset = 0;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buffer.subarray(offset, lineEnd).toString('latin1'), 16);
    if (size === 0) return Buffer.concat(parts);
    if (buffer.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/**
 * Reads one response from the socket: resolves with {status, headers (lower-case names), body (string)} as soon as
 * it is complete (Content-Length, chunked, or the connection closing). Rejects when the connection closes before
 * any response, or after timeoutMs.
 */
export function readResponse(socket, { timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => done(new Error(`no complete response within ${timeoutMs} ms; got ${JSON.stringify(buffer.toString('latin1').slice(0, 300))}`)), timeoutMs);
    function done(error, response) {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve(response);
    }
    function tryParse(closed) {
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        if (closed) done(new Error(`the connection closed without a response${buffer.length ? `: ${buffer.toString('latin1').slice(0, 300)}` : ''}`));
        return;
      }
      let head;
      try {
        head = parseHead(buffer.subarray(0, headEnd).toString('latin1'));
      } catch (error) {
        done(error);
        return;
      }
      const rest = buffer.subarray(headEnd + 4);
      let body;
      if (head.headers['transfer-encoding']?.includes('chunked')) {
        body = decodeChunked(rest);
      } else if ('content-length' in head.headers) {
        const length = Number(head.headers['content-length']);
        if (rest.length >= length) body = rest.subarray(0, length);
      } else if (head.status === 204 || head.status === 304 || head.status < 200) {
        body = Buffer.alloc(0);
      } else if (closed) {
        body = rest;
      }
      if (body !== undefined) done(null, { ...head, body: body.toString('utf8') });
      else if (closed) done(new Error(`the connection closed in the middle of a ${head.status} response`));
    }
    function onData(chunk) {
      buffer = Buffer.concat([buffer, chunk]);
      tryParse(false);
    }
    function onClose() {
      tryParse(true);
    }
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

/** Connects, writes `text` (a whole request, or its first part), and reads the response. */
export async function rawRequest(port, text, { timeoutMs = 10_000 } = {}) {
  const socket = await connect(port);
  try {
    const response = readResponse(socket, { timeoutMs });
    socket.write(text);
    return await response;
  } finally {
    socket.destroy();
  }
}
