// Operations end to end: health and readiness (including a PostgreSQL restart under a running pswnet), Prometheus
// metrics, the served OpenAPI document and its coverage of the router, and the WebSocket ping.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { client, demoUsers, expectProblem, signIn } from '../support/api.mjs';
import { documentedRoutes, expectDocumented, openApiDocument, validateComponent } from '../support/openapi.mjs';
import { pollUntil, repoRoot, runPswnetOk, startServer } from '../support/server.mjs';
import { openWebSocket, waitForWebSocketClose } from '../support/websocket.mjs';

let server;
let api;

function migrationFiles() {
  return readdirSync(path.join(repoRoot, 'migrations')).filter((name) => /^\d+_.*\.sql$/.test(name));
}

/** Parses Prometheus text format into {types: {family: type}, samples: [{name, labels, value}]}. */
function parseMetrics(text) {
  const types = {};
  const samples = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = line.match(/^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/);
    if (type) {
      types[type[1]] = type[2];
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/);
    assert.ok(sample, `not a Prometheus sample line: ${JSON.stringify(line)}`);
    const labels = {};
    for (const [, name, value] of (sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[name] = value.replace(/\\(.)/g, (_, ch) => (ch === 'n' ? '\n' : ch));
    }
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { types, samples };
}

async function metrics() {
  const res = await client(server.metricsUrl).get('/metrics');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  expectDocumented(res, 'GET', '/metrics');
  return parseMetrics(res.text);
}

function requestCount(parsed, route, status) {
  return parsed.samples
    .filter((s) => s.name === 'pswnet_http_requests_total' && s.labels.route === route && s.labels.status === String(status))
    .reduce((sum, s) => sum + s.value, 0);
}

before(async () => {
  server = await startServer();
  api = client(server.baseUrl);
});

after(async () => {
  await server?.stop();
});

describe('health and readiness', () => {
  it('GET /healthz answers ok', async () => {
    const res = await api.get('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(expectDocumented(res, 'GET', '/healthz'), { status: 'ok' });
  });

  it('GET /readyz answers ready with every migration applied', async () => {
    const res = await api.get('/readyz');
    assert.equal(res.status, 200, res.text);
    const ready = expectDocumented(res, 'GET', '/readyz');
    assert.equal(ready.status, 'ready');
    assert.equal(ready.migrations.applied, ready.migrations.expected);
    assert.equal(ready.migrations.expected, migrationFiles().length, 'every file in migrations/ is expected');
  });
});

describe('metrics', () => {
  it('are served on their own listener, and not to the public listener\'s clients unless allowed', async () => {
    const hidden = await api.get('/metrics');
    expectProblem(hidden, 404);
    assert.doesNotMatch(hidden.text, /pswnet_http_requests_total/);
    const own = client(server.metricsUrl);
    assert.equal((await own.get('/healthz')).status, 200);
    expectProblem(await own.get('/api/v1/me'), 404); // the metrics listener serves nothing of the API
    const allowed = await startServer({ seedDemo: false, args: ['--metrics-allow', '127.0.0.1'] });
    try {
      const res = await client(allowed.baseUrl).get('/metrics');
      assert.equal(res.status, 200);
      assert.match(res.text, /pswnet_http_requests_total/);
    } finally {
      await allowed.stop();
    }
  });

  it('count requests by route template and status, with a latency histogram', async () => {
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    const southampton = amira.user.organisation.id;
    const before = await metrics();
    for (let i = 0; i < 3; i += 1) await api.get(`/api/v1/organisations/${southampton}`, { auth: amira });
    await api.get('/api/v1/organisations/999999', { auth: amira });
    const after = await metrics();

    assert.equal(after.types.pswnet_http_requests_total, 'counter');
    const route = '/api/v1/organisations/{id}';
    assert.equal(requestCount(after, route, 200) - requestCount(before, route, 200), 3,
      `3 more 200s for ${route}; the series are labelled with the template, not the path`);
    assert.equal(requestCount(after, route, 404) - requestCount(before, route, 404), 1);
    assert.ok(!after.samples.some((s) => s.labels.route === `/api/v1/organisations/${southampton}`),
      'no series per concrete path');

    const histogram = 'pswnet_http_request_duration_seconds';
    assert.equal(after.types[histogram], 'histogram');
    const buckets = after.samples.filter((s) => s.name === `${histogram}_bucket` && s.labels.route === route);
    assert.ok(buckets.length > 1, 'latency buckets for the route');
    assert.ok(buckets.some((s) => s.labels.le === '+Inf'));
    const count = after.samples.find((s) => s.name === `${histogram}_count` && s.labels.route === route);
    assert.ok(count && count.value >= 4);
    assert.ok(after.samples.some((s) => s.name === `${histogram}_sum` && s.labels.route === route));
  });

  it('count unknown routes under one label, not one series per path', async () => {
    await api.get('/api/v1/no-such-thing-a');
    await api.get('/api/v1/no-such-thing-b');
    const parsed = await metrics();
    assert.ok(!parsed.samples.some((s) => /no-such-thing/.test(s.labels.route ?? '')),
      'a client must not be able to create series at will');
  });

  it('show open WebSockets and the database pool in use and waiting', async () => {
    const parsed = await metrics();
    assert.equal(parsed.types.pswnet_websockets_open, 'gauge');
    const gauges = Object.entries(parsed.types).filter(([, type]) => type === 'gauge').map(([name]) => name);
    const poolGauges = gauges.filter((name) => /pool/.test(name));
    assert.ok(poolGauges.some((name) => /in_use|busy|active|used/.test(name)), `pool in-use gauge among ${gauges}`);
    assert.ok(poolGauges.some((name) => /wait/.test(name)), `pool waiting gauge among ${gauges}`);

    const amira = await signIn(server.baseUrl, demoUsers.amira, undefined, { mode: 'cookie' });
    const openBefore = parsed.samples.find((s) => s.name === 'pswnet_websockets_open').value;
    const ws = await openWebSocket(server.baseUrl, { auth: amira });
    try {
      // The server counts the connection after sending its handshake answer: the client may see it open first.
      await pollUntil(async () => (await metrics()).samples.find((s) => s.name === 'pswnet_websockets_open').value ===
        openBefore + 1, { timeoutMs: 10_000, what: 'the open WebSockets gauge counting the new connection' });
    } finally {
      const closed = waitForWebSocketClose(ws, 10_000);
      ws.close(1000);
      await closed;
    }
    await pollUntil(async () => (await metrics()).samples.find((s) => s.name === 'pswnet_websockets_open').value === openBefore,
      { timeoutMs: 10_000, what: 'the open WebSockets gauge going back down' });
  });
});

describe('the OpenAPI document', () => {
  it('is served at /api/v1/openapi.json as the JSON of schemas/openapi.yaml', async () => {
    const res = await api.get('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    expectDocumented(res, 'GET', '/api/v1/openapi.json');
    assert.deepEqual(res.body, openApiDocument());
  });

  it('documents every route of the router', async () => {
    const { stdout } = await runPswnetOk(['routes']);
    const routes = JSON.parse(stdout);
    assert.ok(Array.isArray(routes) && routes.length > 0, `pswnet routes printed ${stdout}`);
    const documented = new Set(documentedRoutes().map((r) => `${r.method} ${r.path}`));
    const missing = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).filter((route) => !documented.has(route));
    assert.deepEqual(missing, [], 'routes that schemas/openapi.yaml does not document');
  });

  it('documents no route that the router lacks', async () => {
    const { stdout } = await runPswnetOk(['routes']);
    const routed = new Set(JSON.parse(stdout).map((r) => `${r.method.toUpperCase()} ${r.path}`));
    // The WebSocket upgrade is taken by the connection before routing; the WebSocket tests below cover it.
    routed.add('GET /api/v1/ws');
    const phantom = documentedRoutes().map((r) => `${r.method} ${r.path}`).filter((route) => !routed.has(route));
    assert.deepEqual(phantom, [], 'operations in schemas/openapi.yaml that pswnet does not route');
  });
});

describe('the WebSocket', () => {
  it('answers ping with pong to a browser session and to a bearer client', async () => {
    for (const mode of ['cookie', 'bearer']) {
      const session = await signIn(server.baseUrl, demoUsers.amira, undefined, { mode });
      const ws = await openWebSocket(server.baseUrl, { auth: session });
      try {
        ws.send(JSON.stringify({ type: 'ping' }));
        // A sign-in from a new device may be announced on the person's channel first: take the pong.
        const message = await ws.takeMessage((m) => m?.type === 'pong' || m?.type === 'error');
        validateComponent('WebSocketServerMessage', message);
        assert.deepEqual(message, { type: 'pong' }, mode);
      } finally {
        ws.close(1000);
      }
    }
  });

  it('refuses another Origin with 403 and an anonymous client with 401', async () => {
    const amira = await signIn(server.baseUrl, demoUsers.amira, undefined, { mode: 'cookie' });
    await assert.rejects(openWebSocket(server.baseUrl, { auth: amira, origin: 'http://evil.test.pswnet.uk' }),
      (error) => error.status === 403);
    await assert.rejects(openWebSocket(server.baseUrl, {}), (error) => error.status === 401);
  });

  it('answers a plain GET without the upgrade headers with a 404 problem', async () => {
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    const res = await api.get('/api/v1/ws', { auth: amira });
    expectProblem(res, 404);
    expectDocumented(res, 'GET', '/api/v1/ws');
  });
});

// Last in this file: it stops and starts the PostgreSQL cluster that every test of this run shares, so the test
// files must not run concurrently (node --test --test-concurrency=1).
describe('a PostgreSQL restart', () => {
  const [pgVersion, pgCluster] = (process.env.PSWNET_TEST_PG_CLUSTER || `${process.env.PGVERSION || '15'} regress`).split(/\s+/);
  const pgctl = (action) => promisify(execFile)('pg_ctlcluster', [pgVersion, pgCluster, action, ...(action === 'stop' ? ['-m', 'fast'] : [])]);

  it('gets 503 problems quickly during the outage and service again afterwards, without restarting pswnet', { timeout: 180_000 }, async () => {
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    assert.equal((await api.get('/readyz')).status, 200);
    await pgctl('stop');
    try {
      const outage = [
        ['GET', '/readyz', {}], ['GET', '/api/v1/me', { auth: amira }],
        ['GET', '/api/v1/organisations', { auth: amira }],
        ['POST', '/api/v1/auth/login', { json: { email: demoUsers.tom, password: 'demo-password-2026' } }],
        ['GET', '/api/v1/me', { auth: amira }],
      ];
      for (const [method, target, options] of outage) {
        // A generous client timeout: the point is an answer, not a hang until the database returns.
        const res = await api.request(method, target, { ...options, timeoutMs: 15_000 });
        expectProblem(res, 503, { type: '/problems/unavailable' });
        expectDocumented(res, method, target);
      }
      assert.equal((await api.get('/healthz')).status, 200, 'liveness does not depend on the database');
    } finally {
      await pgctl('start');
    }
    await pollUntil(async () => (await api.get('/readyz')).status === 200,
      { timeoutMs: 60_000, intervalMs: 250, what: '/readyz answering 200 after PostgreSQL came back' });
    const answers = await Promise.all(Array.from({ length: 12 }, () => api.get('/api/v1/organisations?limit=5', { auth: amira })));
    assert.deepEqual(answers.map((res) => res.status), Array(12).fill(200),
      'once /readyz is back every request succeeds: no pool connection left stale from the outage answers 503');
    assert.equal((await api.get('/api/v1/me', { auth: amira })).status, 200, 'sessions survive the restart');
    assert.equal(server.process.exitCode, null, 'the same pswnet process served throughout');
  });
});
