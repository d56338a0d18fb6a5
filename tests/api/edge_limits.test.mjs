// What the server decides from the headers alone, before it reads a body, and how it closes: an upload the caller
// may not make is refused unread (401/403/413, never "100 Continue"), connections are capped per address, an early
// answer reaches a client that is still sending (lingering close), and WebSocket edge cases (no Origin from a
// bearer client, a message over 64 KiB closed with 1009).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, demoUsers } from '../support/api.mjs';
import { maxFileBytes, routes, startLibraryServer } from '../support/library.mjs';
import { connect, readResponse, waitForClose } from '../support/raw-http.mjs';
import { pollUntil, startServer } from '../support/server.mjs';
import { openWebSocket, waitForWebSocketClose } from '../support/websocket.mjs';

let server, library, amira, tom, sam;
before(async () => ({ server, library, amira, tom, sam } = await startLibraryServer()));
after(() => server?.stop());

/** Sends only the headers of an upload that asks for 100-continue; resolves with the first response. */
async function askToUpload(resourceId, headers) {
  const socket = await connect(server.port);
  try {
    socket.write([`POST ${routes.files.replace('{id}', resourceId)} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`,
      ...headers, 'Content-Type: text/plain', 'X-Filename: big.txt', `Content-Length: ${20 * 1024 * 1024}`,
      'Expect: 100-continue', '', ''].join('\r\n'));
    return await readResponse(socket, { timeoutMs: 20_000 });
  } finally {
    socket.destroy();
  }
}

describe('uploads are authorised from their headers', () => {
  it('answers an anonymous 100-continue upload with 401, and another organisation\'s with 403, unread', async () => {
    const resource = await library.create(amira);
    const anonymous = await askToUpload(resource.id, []);
    assert.equal(anonymous.status, 401, JSON.stringify(anonymous));
    assert.equal(JSON.parse(anonymous.body).status, 401);
    const outsider = await askToUpload(resource.id, [`Authorization: Bearer ${tom.token}`]);
    assert.equal(outsider.status, 403, JSON.stringify(outsider));
    const unknown = await askToUpload(987654321, [`Authorization: Bearer ${amira.token}`]);
    assert.equal(unknown.status, 404);
    const owner = await askToUpload(resource.id, [`Authorization: Bearer ${amira.token}`]);
    assert.equal(owner.status, 100, 'the owner is told to go on');
  });

  it('refuses an import by a member with 403 before reading the file', async () => {
    const socket = await connect(server.port);
    try {
      socket.write(['POST /api/v1/benchmarking/imports HTTP/1.1', `Host: 127.0.0.1:${server.port}`,
        `Authorization: Bearer ${amira.token}`, 'Content-Type: text/csv', `Content-Length: ${10 * 1024 * 1024}`,
        'Expect: 100-continue', '', ''].join('\r\n'));
      assert.equal((await readResponse(socket, { timeoutMs: 20_000 })).status, 403);
    } finally {
      socket.destroy();
    }
  });
});

describe('an early answer reaches a client that is still sending', () => {
  it('gives fetch() the 413 of an upload over 25 MiB, not a network error', async () => {
    const resource = await library.create(amira);
    const res = await fetch(`${server.baseUrl}${routes.files.replace('{id}', resource.id)}`, {
      method: 'POST', body: Buffer.alloc(maxFileBytes + 5 * 1024 * 1024, 'a'),
      headers: { authorization: `Bearer ${amira.token}`, 'content-type': 'text/plain', 'x-filename': 'big.txt' },
    });
    assert.equal(res.status, 413);
    assert.equal((await res.json()).status, 413);
  });

  it('gives fetch() the 401 of an anonymous upload while it is still sending', async () => {
    const resource = await library.create(amira);
    const res = await fetch(`${server.baseUrl}${routes.files.replace('{id}', resource.id)}`, {
      method: 'POST', body: Buffer.alloc(8 * 1024 * 1024, 'a'),
      headers: { 'content-type': 'text/plain', 'x-filename': 'big.txt' },
    });
    assert.equal(res.status, 401);
  });
});

describe('connection caps', () => {
  it('answers 503 past the connections allowed from one address, and takes new ones once some close', async () => {
    const capped = await startServer({ seedDemo: false, args: ['--max-connections-per-address', '3'] });
    const sockets = [];
    try {
      for (let i = 0; i < 3; i += 1) sockets.push(await connect(capped.port));
      const fourth = await connect(capped.port);
      sockets.push(fourth);
      const refused = await readResponse(fourth, { timeoutMs: 10_000 });
      assert.equal(refused.status, 503);
      assert.equal(refused.headers['retry-after'], '1');
      await waitForClose(fourth, 10_000);
      const first = sockets.shift();
      const closed = waitForClose(first, 10_000);
      first.destroy();
      await closed;
      // The server sees the close a moment later: ask until it takes the connection.
      let status;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
        const again = await connect(capped.port);
        sockets.push(again);
        again.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
        status = (await readResponse(again, { timeoutMs: 10_000 })).status;
        if (status !== 200) await waitForClose(again, 10_000);
      }
      assert.equal(status, 200, 'a freed place is taken again');
    } finally {
      for (const socket of sockets) socket.destroy();
      await capped.stop();
    }
  });
});

describe('out of file descriptors', () => {
  it('backs off instead of spinning when accept() fails with EMFILE, and serves again once descriptors free up', async () => {
    const starved = await startServer({ seedDemo: false, maxOpenFiles: 64, args: ['--db-pool-size', '2'] });
    const sockets = [];
    try {
      for (let i = 0; i < 90; i += 1) sockets.push(await connect(starved.port));
      await starved.waitForLog(/accept failed: .*retrying in \d+ ms/, 20_000);
      // Hold the descriptors while the server keeps failing to accept; a spinning loop logs thousands of lines.
      await starved.waitForLog(/retrying in 1000 ms/, 20_000);
      const failures = (starved.logs().match(/accept failed/g) ?? []).length;
      assert.ok(failures < 40, `${failures} failed accepts logged: the loop must back off`);
      for (const socket of sockets.splice(0)) socket.destroy();
      const res = await pollUntil(async () => {
        const answer = await fetch(`${starved.baseUrl}/healthz`).catch(() => null);
        return answer?.status === 200 ? answer : null;
      }, { timeoutMs: 20_000, what: 'a request served after the descriptors came back' });
      assert.equal(res.status, 200);
    } finally {
      for (const socket of sockets) socket.destroy();
      await starved.stop();
    }
  });
});

describe('WebSocket edges', () => {
  it('accepts a bearer-token client that sends no Origin, and refuses a cookie without one', async () => {
    const bearer = await signIn(server.baseUrl, demoUsers.amira, undefined, { mode: 'bearer' });
    const ws = await openWebSocket(server.baseUrl, { auth: bearer, origin: null });
    ws.send(JSON.stringify({ type: 'ping' }));
    // A sign-in from a new device may be announced on the person's channel before the pong.
    assert.deepEqual(await ws.takeMessage((m) => m?.type === 'pong'), { type: 'pong' });
    ws.close(1000);
    const cookie = await signIn(server.baseUrl, demoUsers.amira, undefined, { mode: 'cookie' });
    await assert.rejects(openWebSocket(server.baseUrl, { auth: cookie, origin: null }), (error) => error.status === 403);
    await assert.rejects(openWebSocket(server.baseUrl, { auth: bearer, origin: 'http://evil.test.pswnet.uk' }),
      (error) => error.status === 403);
  });

  it('closes with 1009 when a message is over 64 KiB', async () => {
    const ws = await openWebSocket(server.baseUrl, { auth: sam });
    const closed = waitForWebSocketClose(ws, 20_000);
    ws.send(JSON.stringify({ type: 'ping', padding: 'x'.repeat(70 * 1024) }));
    assert.equal((await closed).code, 1009);
  });
});
