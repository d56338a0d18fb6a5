// Errors and limits end to end: problem responses for bad routes, methods, JSON, fields and media types; body,
// header and nesting limits; slow clients; security headers on API and static responses; static serving.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { client, DEMO_PASSWORD, demoUsers, expectInvalidFields, expectProblem, signIn } from '../support/api.mjs';
import { databaseSnapshot } from '../support/database.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { connect, rawRequest, readResponse, waitForClose } from '../support/raw-http.mjs';
import { startServer } from '../support/server.mjs';

const LOGIN = '/api/v1/auth/login';
const MiB = 1024 * 1024;

const expectedCsp = {
  'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self'", 'img-src': "'self' data:",
  'font-src': "'self'", 'connect-src': "'self'", 'frame-ancestors': "'none'", 'base-uri': "'self'",
  'form-action': "'self'",
};

// A built webclient in miniature: the backend serves whatever folder --static-dir names.
const indexHtml = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>PSW Network</title>' +
  '<link rel="stylesheet" href="/assets/app-3f2a9c1b.css"><script type="module" src="/assets/app-3f2a9c1b.js">' +
  '</script></head><body><main id="app">PSW Network test page</main></body></html>\n';
const assetJs = 'document.getElementById("app").dataset.ready = "yes";\n';
const assetCss = 'main { margin: 1rem; }\n';

let server;
let api;
let staticDir;

/** Asserts the security headers every response carries (headers: a fetch Headers or a raw lower-case object). */
function expectSecurityHeaders(headers, what) {
  const get = (name) => (typeof headers.get === 'function' ? headers.get(name) : headers[name]);
  const csp = get('content-security-policy');
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values.join(' ')];
  }));
  for (const [name, value] of Object.entries(expectedCsp)) {
    assert.equal(directives[name], value, `${what}: Content-Security-Policy ${csp} (${name})`);
  }
  // Further directives may only shut things off (object-src 'none'), never open anything up.
  for (const [name, value] of Object.entries(directives)) {
    if (!(name in expectedCsp)) assert.equal(value, "'none'", `${what}: Content-Security-Policy adds ${name} ${value}`);
  }
  assert.equal(get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(get('referrer-policy'), 'same-origin', `${what}: Referrer-Policy`);
  assert.equal(get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.ok(get('x-request-id'), `${what}: X-Request-Id`);
}

function requestHead(method, target, headers = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function parseProblem(raw) {
  assert.match(raw.headers['content-type'] ?? '', /^application\/problem\+json/, `answer ${raw.status}: ${raw.body}`);
  return JSON.parse(raw.body);
}

before(async () => {
  staticDir = await mkdtemp(path.join(tmpdir(), 'pswnet-static-'));
  await mkdir(path.join(staticDir, 'assets'));
  await writeFile(path.join(staticDir, 'index.html'), indexHtml);
  await writeFile(path.join(staticDir, 'assets', 'app-3f2a9c1b.js'), assetJs);
  await writeFile(path.join(staticDir, 'assets', 'app-3f2a9c1b.css'), assetCss);
  server = await startServer({ env: { PSWNET_STATIC_DIR: staticDir } });
  api = client(server.baseUrl);
});

after(async () => {
  await server?.stop();
  if (staticDir) await rm(staticDir, { recursive: true, force: true });
});

describe('unknown routes and wrong methods', () => {
  it('answers 404 problems for unknown API paths, never the webclient page', async () => {
    for (const target of ['/api/v1/no-such-thing', '/api/v1/organisations/1/no-such-thing', '/api/v2/me']) {
      const res = await api.get(target);
      expectProblem(res, 404);
      expectSecurityHeaders(res.headers, `GET ${target}`);
    }
  });

  it('answers 405 with Allow for a known path and the wrong method', async () => {
    for (const [method, target, allowed] of [
      ['DELETE', '/api/v1/me', 'GET'], ['GET', LOGIN, 'POST'], ['PUT', LOGIN, 'POST'],
      ['PATCH', '/api/v1/organisations', 'GET'],
    ]) {
      const res = await api.request(method, target, method === 'GET' ? {} : { json: {} });
      expectProblem(res, 405);
      const allow = (res.headers.get('allow') ?? '').split(',').map((m) => m.trim());
      assert.ok(allow.includes(allowed), `${method} ${target}: Allow is ${res.headers.get('allow')}`);
    }
  });
});

describe('request bodies', () => {
  it('answers 400 for malformed JSON, saying where', async () => {
    const res = await api.request('POST', LOGIN, {
      body: `{"email": "${demoUsers.amira}",\n "password": `, headers: { 'content-type': 'application/json' },
    });
    const problem = expectProblem(res, 400);
    expectDocumented(res, 'POST', LOGIN);
    assert.match(problem.detail, /line \d+|column \d+|byte \d+|offset \d+|position \d+/i, `detail: ${problem.detail}`);
  });

  it('answers 400 for a body that is not UTF-8', async () => {
    const body = Buffer.concat([Buffer.from('{"email": "'), Buffer.from([0xc3, 0x28]), Buffer.from('", "password": "x"}')]);
    expectProblem(await api.request('POST', LOGIN, { body, headers: { 'content-type': 'application/json' } }), 400);
  });

  it('answers a problem, never a success or a 500, for JSON that is not an object', async () => {
    for (const body of ['[]', '"text"', 'null', '42']) {
      const res = await api.request('POST', LOGIN, { body, headers: { 'content-type': 'application/json' } });
      assert.ok([400, 422].includes(res.status), `${body}: answered ${res.status}`);
      expectProblem(res, res.status);
    }
  });

  it('refuses JSON nested 33 levels deep and accepts 32', async () => {
    const nested = (levels) => `{"email": ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}, "password": "x"}`;
    const tooDeep = await api.request('POST', LOGIN, { body: nested(33), headers: { 'content-type': 'application/json' } });
    assert.ok([400, 422].includes(tooDeep.status), `33 levels: answered ${tooDeep.status}`);
    expectProblem(tooDeep, tooDeep.status);
    const deepest = await api.request('POST', LOGIN, { body: nested(32), headers: { 'content-type': 'application/json' } });
    expectInvalidFields(deepest, ['email']);
  });

  it('refuses 100,000 levels of nesting at parse time and goes on serving', async () => {
    const body = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await api.request('POST', LOGIN, { body, headers: { 'content-type': 'application/json' } });
    expectProblem(res, 400);
    assert.equal((await api.get('/healthz')).status, 200);
  });

  it('answers 422 naming every invalid field and changes nothing', async () => {
    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const snapshot = await databaseSnapshot(server.db);
    const res = await api.post('/api/v1/invitations',
      { email: 42, organisation_id: 'Southwark', roles: 'member', sector: ['children'] }, { auth: sam });
    expectInvalidFields(res, ['email', 'organisation_id', 'roles', 'sector']);
    expectDocumented(res, 'POST', '/api/v1/invitations');
    assert.deepEqual(await databaseSnapshot(server.db), snapshot);
  });

  it('answers 415 for a body that is not application/json, and accepts a charset parameter', async () => {
    const json = JSON.stringify({ email: demoUsers.amira, password: DEMO_PASSWORD });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await api.request('POST', LOGIN, { body: json, headers: { 'content-type': contentType } });
      expectProblem(res, 415);
      expectDocumented(res, 'POST', LOGIN);
    }
    const withCharset = await api.request('POST', LOGIN,
      { body: json, headers: { 'content-type': 'application/json; charset=utf-8' } });
    assert.equal(withCharset.status, 200, withCharset.text);
  });
});

describe('size limits and slow clients', () => {
  it('answers 413 to a 2 MiB Content-Length without waiting for the body', async () => {
    const socket = await connect(server.port);
    try {
      const response = readResponse(socket, { timeoutMs: 10_000 });
      socket.write(requestHead('POST', LOGIN, { 'Content-Type': 'application/json', 'Content-Length': String(2 * MiB) }));
      const res = await response;
      assert.equal(res.status, 413, res.body);
      const problem = parseProblem(res);
      assert.equal(problem.status, 413);
      expectSecurityHeaders(res.headers, '413');
      await waitForClose(socket, 10_000);
    } finally {
      socket.destroy();
    }
  });

  it('answers 413 to a chunked body once it passes 1 MiB', async () => {
    const socket = await connect(server.port);
    try {
      let answered = false;
      const response = readResponse(socket, { timeoutMs: 30_000 });
      response.then(() => { answered = true; }, () => { answered = true; });
      socket.write(requestHead('POST', LOGIN, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }));
      const chunk = 'a'.repeat(64 * 1024);
      for (let sent = 0; sent < 2 * MiB && !answered && !socket.destroyed; sent += chunk.length) {
        if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) {
          await Promise.race([once(socket, 'drain'), response.catch(() => {})]);
        }
      }
      const res = await response;
      assert.equal(res.status, 413, res.body);
      parseProblem(res);
    } finally {
      socket.destroy();
    }
  });

  it('accepts a body just under 1 MiB', async () => {
    const json = { email: `${'a'.repeat(MiB - 1024)}@nowhere.test.pswnet.uk`, password: 'x' };
    const res = await api.post(LOGIN, json);
    assert.notEqual(res.status, 413);
    expectProblem(res, res.status);
  });

  it('refuses request headers over 16 KiB with 431 (or 400) and accepts 12 KiB', async () => {
    const big = await rawRequest(server.port, requestHead('GET', '/healthz', { 'X-Padding': 'a'.repeat(17 * 1024) }));
    assert.ok([431, 400].includes(big.status), `answered ${big.status}`);
    parseProblem(big);
    const fine = await rawRequest(server.port, requestHead('GET', '/healthz', { 'X-Padding': 'a'.repeat(12 * 1024), Connection: 'close' }));
    assert.equal(fine.status, 200);
  });

  it('disconnects clients that send a byte every 2 seconds, in the headers or in the body', async () => {
    // pswnet's default --request-timeout is 15 s from the first byte of a request to its last.
    const closeWithinMs = Number(process.env.PSWNET_TEST_SLOW_CLIENT_TIMEOUT_MS || 45_000);
    const dripping = async (start, drip) => {
      const socket = await connect(server.port);
      socket.write(start);
      const timer = setInterval(() => { if (!socket.destroyed) socket.write(drip); }, 2_000);
      try {
        return await waitForClose(socket, closeWithinMs);
      } finally {
        clearInterval(timer);
        socket.destroy();
      }
    };
    const [headersMs, bodyMs] = await Promise.all([
      dripping(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: `, 'a'),
      dripping(requestHead('POST', LOGIN, { 'Content-Type': 'application/json', 'Content-Length': '1000' }), ' '),
    ]);
    assert.ok(headersMs < closeWithinMs && bodyMs < closeWithinMs);
    assert.equal((await api.get('/healthz')).status, 200, 'pswnet goes on serving others');
  });
});

describe('security headers', () => {
  it('are on API successes, problems and operational endpoints', async () => {
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    const first = await api.get('/healthz');
    const second = await api.get('/healthz');
    for (const [what, res] of [
      ['GET /healthz', first], ['GET /api/v1/me', await api.get('/api/v1/me', { auth: amira })],
      ['401', await api.get('/api/v1/me')], ['405', await api.request('DELETE', '/api/v1/me')],
      ['GET /metrics', await api.get('/metrics')], ['GET /api/v1/openapi.json', await api.get('/api/v1/openapi.json')],
    ]) {
      expectSecurityHeaders(res.headers, what);
    }
    assert.notEqual(first.headers.get('x-request-id'), second.headers.get('x-request-id'), 'request ids are unique');
  });

  it('are on static files and the client-side routes', async () => {
    for (const target of ['/', '/index.html', '/assets/app-3f2a9c1b.js', '/assets/app-3f2a9c1b.css', '/organisations/42']) {
      expectSecurityHeaders((await api.get(target)).headers, `GET ${target}`);
    }
  });
});

describe('static webclient', () => {
  it('serves index.html for / and for client-side routes, revalidated on every use', async () => {
    for (const target of ['/', '/organisations/42', '/sign-in']) {
      const res = await api.get(target);
      assert.equal(res.status, 200, `${target}: ${res.status}`);
      assert.match(res.headers.get('content-type'), /^text\/html/);
      assert.equal(res.text, indexHtml);
      assert.doesNotMatch(res.headers.get('cache-control') ?? '', /immutable/, `${target} must not be cached for long`);
    }
  });

  it('serves hashed assets with their content type, a long cache and an ETag that answers 304', async () => {
    const js = await api.get('/assets/app-3f2a9c1b.js');
    assert.equal(js.status, 200);
    assert.equal(js.text, assetJs);
    assert.match(js.headers.get('content-type'), /^(text|application)\/javascript/);
    assert.match(js.headers.get('cache-control') ?? '', /max-age=31536000/);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    const etag = js.headers.get('etag');
    assert.ok(etag, 'an ETag');
    const again = await api.get('/assets/app-3f2a9c1b.js', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    const css = await api.get('/assets/app-3f2a9c1b.css');
    assert.match(css.headers.get('content-type'), /^text\/css/);
  });

  it('never serves files outside the static folder', async () => {
    for (const target of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await rawRequest(server.port, requestHead('GET', target, { Connection: 'close' }));
      assert.doesNotMatch(res.body, /root:.*:0:0:/, `${target} leaked /etc/passwd`);
      assert.ok(res.status < 500, `${target}: answered ${res.status}`);
    }
  });
});
