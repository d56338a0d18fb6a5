// Two pswnet instances on one database behind a real nginx, configured from infra/nginx/pswnet.conf: pages and
// WebSockets go through nginx, and a reply written through either instance reaches a socket that nginx connected
// to whichever instance it chose.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signIn, demoUsers } from '../support/api.mjs';
import { forumClient } from '../support/forum.mjs';
import { pollUntil, repoRoot, startServer, waitForExit } from '../support/server.mjs';
import { eventOn, openWebSocket, subscribe } from '../support/websocket.mjs';

const eventTimeoutMs = 20_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The shipped configuration with the instances' real ports, plain HTTP on a free port, and a private prefix.
function nginxConfig(dir, port, upstreams) {
  let site = readFileSync(path.join(repoRoot, 'infra/nginx/pswnet.conf'), 'utf8');
  site = site.replace(/upstream pswnet \{[\s\S]*?\n\}/, `upstream pswnet {\n    least_conn;\n${
    upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n')}\n    keepalive 16;\n}`);
  site = site.replace(/listen 443 ssl;\n\s*http2 on;/, `listen 127.0.0.1:${port};`);
  site = site.replace(/access_log \/var\/log\/nginx\/pswnet\.access\.log/, `access_log ${dir}/access.log`);
  // As root, nginx's workers would run as nobody, who cannot use this private folder.
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  const conf = `${user}daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\n` +
    `events { worker_connections 256; }\nhttp {\n access_log off;\n client_body_temp_path ${dir}/body;\n` +
    ` proxy_temp_path ${dir}/proxy;\n${site}\n}\n`;
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  return file;
}

describe('two instances behind nginx', () => {
  let a;
  let b;
  let nginx;
  let base;
  let dir;

  before(async () => {
    a = await startServer();
    b = await startServer({ shareDatabaseWith: a });
    dir = mkdtempSync(path.join(os.tmpdir(), 'pswnet-nginx-'));
    const port = await freePort();
    const conf = nginxConfig(dir, port, [a.port, b.port]);
    nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    base = `http://127.0.0.1:${port}`;
    // Ready when nginx answers /healthz through to an instance.
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/healthz`)).status === 200) break;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) throw new Error(`nginx did not come up: ${readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
      await new Promise((resolve) => { const t = setTimeout(resolve, 100); t.unref?.(); });
    }
  });

  after(async () => {
    nginx?.kill('SIGTERM');
    if (nginx) await waitForExit(nginx, 10_000).catch(() => nginx.kill('SIGKILL'));
    await b?.stop();
    await a?.stop();
  });

  it('serves the API and delivers replies from either instance to a WebSocket opened through nginx', async () => {
    // Sign in through nginx, so the session and Origin are nginx's.
    const amira = await signIn(base, demoUsers.amira);
    const tom = await signIn(base, demoUsers.tom);
    const thread = await forumClient(base).createThread(amira);
    const ws = await openWebSocket(base, { auth: amira });
    const answer = await subscribe(ws, [`thread:${thread.id}`]);
    assert.equal(answer.type, 'subscribed');
    for (const instance of [a, b]) {
      const reply = await forumClient(instance.baseUrl).reply(await signIn(instance.baseUrl, demoUsers.tom), thread.id);
      const event = await ws.takeMessage(eventOn(`thread:${thread.id}`, 'post.created', (m) => m.data.post.id === reply.id),
        eventTimeoutMs);
      assert.equal(event.data.post.author.id, tom.user.id);
    }
    ws.close();
  });

  it('hides /metrics, logs no token, and answers 429 to sign-in attempts faster than the configured rate', async () => {
    assert.equal((await fetch(`${base}/metrics`)).status, 404);
    const token = 'Zm9vYmFyYmF6cXV4LXRva2VuLXRoYXQtaXMtbG9uZy1lbm91Z2g';
    await fetch(`${base}/api/v1/invitations/${token}`);
    await fetch(`${base}/invitations/${token}?from=email`);
    await fetch(`${base}/api/v1/calendar-feeds/${token}/meetings.ics`);
    await fetch(`${base}/unsubscribe/${token}`);
    await pollUntil(() => readFileSync(path.join(dir, 'access.log'), 'utf8').includes('GET /unsubscribe/{token}'),
      { timeoutMs: 10_000, what: 'the access log line' });
    const logged = readFileSync(path.join(dir, 'access.log'), 'utf8');
    assert.ok(!logged.includes(token) && !logged.includes('from=email'), logged);
    assert.match(logged, /GET \/api\/v1\/invitations\/\{token\}/);
    assert.match(logged, /GET \/api\/v1\/calendar-feeds\/\{token\}\/meetings\.ics/);
    const attempts = await Promise.all(Array.from({ length: 30 }, () => fetch(`${base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@nowhere.test.pswnet.uk', password: 'not-the-password' }) })));
    const statuses = attempts.map((res) => res.status);
    assert.ok(statuses.includes(429), `nginx's limit_req refused some: ${statuses.join(' ')}`);
    assert.ok(statuses.every((status) => [401, 429].includes(status)), statuses.join(' '));
  });
});
