// The process's life end to end: migrations at start, the command line (migrate, seed-demo, user add, --help),
// and graceful shutdown on SIGTERM and SIGINT with a request half-sent and a WebSocket open.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { client, DEMO_PASSWORD, demoUsers, expectProblem, signIn } from '../support/api.mjs';
import { expectDocumented, validateComponent } from '../support/openapi.mjs';
import { connect, readResponse } from '../support/raw-http.mjs';
import { runPswnet, runPswnetOk, startServer, waitForExit } from '../support/server.mjs';
import { openWebSocket, waitForWebSocketClose } from '../support/websocket.mjs';

/** Starts a server, runs `work(server)`, and always stops it (a no-op when the test already did). */
async function withServer(options, work) {
  const server = await startServer(options);
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

describe('starting', () => {
  it('pswnet serve applies the migrations to an empty database before it listens', async () => {
    await withServer({ migrate: false, seedDemo: false }, async (server) => {
      const res = await client(server.baseUrl).get('/readyz');
      assert.equal(res.status, 200, res.text);
      const ready = expectDocumented(res, 'GET', '/readyz');
      assert.ok(ready.migrations.applied > 0);
      assert.equal(ready.migrations.applied, ready.migrations.expected);
    });
  });

  it('/readyz answers 503 while the migrations are behind the binary', async () => {
    await withServer({ seedDemo: false }, async (server) => {
      const api = client(server.baseUrl);
      const { rows } = await server.db.query(
        'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING *');
      assert.equal(rows.length, 1);
      const res = await api.get('/readyz');
      expectProblem(res, 503, { type: '/problems/unavailable' });
      expectDocumented(res, 'GET', '/readyz');
      await server.db.query('INSERT INTO schema_migrations SELECT * FROM json_populate_record(NULL::schema_migrations, $1)',
        [JSON.stringify(rows[0])]);
      assert.equal((await api.get('/readyz')).status, 200);
    });
  });
});

describe('the command line', () => {
  it('pswnet --help lists the configuration flags and their PSWNET_ variables', async () => {
    const { stdout, stderr } = await runPswnetOk(['--help']);
    const help = stdout + stderr;
    for (const flag of ['--listen', '--database-url', '--static-dir', '--public-origin', '--db-pool-size',
      '--session-idle-minutes', '--log-format', 'PSWNET_DATABASE_URL']) {
      assert.ok(help.includes(flag), `--help does not mention ${flag}`);
    }
  });

  it('migrate and seed-demo can run again on a live database without changing it', async () => {
    await withServer({}, async (server) => {
      const env = { PSWNET_DATABASE_URL: server.databaseUrl };
      const count = async () => (await server.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n;
      const users = await count();
      await runPswnetOk(['migrate'], { env });
      // As the server was seeded: the demo network's own second seeding is demo_content.test.mjs's.
      await runPswnetOk(['seed-demo', '--accounts-only'], { env });
      assert.equal(await count(), users);
      await signIn(server.baseUrl, demoUsers.amira);
    });
  });

  it('pswnet user add creates a user who can sign in, reading the password from stdin', async () => {
    await withServer({}, async (server) => {
      const env = { PSWNET_DATABASE_URL: server.databaseUrl };
      const email = `cli.${randomBytes(4).toString('hex')}@southampton.test.pswnet.uk`;
      const password = 'a-password-from-stdin';
      await runPswnetOk(['user', 'add', '--email', email, '--password-stdin', '--organisation', 'E06000045',
        '--role', 'member', '--role', 'org_admin', '--sector', 'children'], { env, input: `${password}\n` });
      const session = await signIn(server.baseUrl, email, password);
      assert.equal(session.user.organisation.code, 'E06000045');
      assert.deepEqual([...session.user.roles].sort(), ['member', 'org_admin']);
      assert.equal(session.user.sector, 'children');

      const refused = await runPswnet(['user', 'add', '--email', `other.${email}`, '--password-stdin',
        '--organisation', 'E06000045', '--role', 'wizard', '--sector', 'children'], { env, input: `${password}\n` });
      assert.notEqual(refused.code, 0, 'an unknown role is refused');
      assert.match(refused.stdout + refused.stderr, /role/i);
    });
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes a half-sent request, refuses new connections, closes WebSockets with 1001 and exits 0', { timeout: 120_000 }, async () => {
    await withServer({}, async (server) => {
      const browser = await signIn(server.baseUrl, demoUsers.amira, DEMO_PASSWORD, { mode: 'cookie' });
      const ws = await openWebSocket(server.baseUrl, { auth: browser });
      ws.send(JSON.stringify({ type: 'ping' }));
      assert.deepEqual(await ws.takeMessage((m) => m?.type === 'pong'), { type: 'pong' });
      const wsClosed = waitForWebSocketClose(ws, 20_000);

      const body = JSON.stringify({ email: demoUsers.tom, password: DEMO_PASSWORD });
      const half = Math.floor(body.length / 2);
      const socket = await connect(server.port);
      const response = readResponse(socket, { timeoutMs: 30_000 });
      socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`);
      // A round trip on another connection, so that pswnet has read the first half before the signal arrives.
      assert.equal((await client(server.baseUrl).get('/healthz')).status, 200);

      const exited = waitForExit(server.process, 30_000);
      server.process.kill('SIGTERM');
      await server.waitForLog(/stopping/i, 10_000);

      const { code: closeCode } = await wsClosed;
      assert.equal(closeCode, 1001, 'WebSockets are closed with 1001 (going away)');

      const refused = await connect(server.port, { timeoutMs: 5_000 }).then(
        async (late) => {
          // Accepted by the kernel after all: it must then be closed without being served.
          const answer = await readResponse(late, { timeoutMs: 10_000 }).then((r) => r.status, () => null);
          late.destroy();
          return answer === null;
        },
        (error) => ['ECONNREFUSED', 'ECONNRESET'].includes(error.code));
      assert.ok(refused, 'a new connection after SIGTERM is refused');

      socket.write(body.slice(half));
      const res = await response;
      socket.destroy();
      assert.equal(res.status, 200, `the half-sent login completes: ${res.body}`);
      const grant = JSON.parse(res.body);
      validateComponent('SessionGrant', grant);
      assert.equal(grant.user.email, demoUsers.tom);

      const { code, signal } = await exited;
      assert.equal(signal, null, `pswnet died of ${signal}`);
      assert.equal(code, 0, `pswnet exited with ${code}\n${server.logs()}`);
    });
  });

  it('on SIGINT stops at once when idle and exits 0', async () => {
    await withServer({ seedDemo: false }, async (server) => {
      // An idle keep-alive connection must not hold the shutdown up for the grace period.
      const idle = await connect(server.port);
      const served = readResponse(idle);
      idle.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
      assert.equal((await served).status, 200);
      const exited = waitForExit(server.process, 30_000);
      const started = performance.now();
      server.process.kill('SIGINT');
      const { code, signal } = await exited;
      const stoppedMs = performance.now() - started;
      idle.destroy();
      assert.equal(signal, null);
      assert.equal(code, 0, server.logs());
      assert.ok(stoppedMs < 8_000, `an idle connection delayed the exit by ${Math.round(stoppedMs)} ms`);
    });
  });
});
