// The soak test's workload (run by infra/bench/soak, never by the tests): virtual users and WebSockets against
// pswnet through nginx for a while, the RSS of the pswnet processes sampled meanwhile, then a summary with a verdict.
//   node soak.mjs BASE_URL SECONDS PID [PID...]
// Exit status: 0 PASS, 1 FAIL, 2 the set-up failed (nothing measured).
//
// Each virtual user loops: list threads, read one of the soak's threads, reply to it, upload a small text file to its
// own library resource every few iterations, search; with a short random pause after each request. Every response
// that is not 2xx and every network error or timeout counts as an error of its route. The WebSockets subscribe to the
// soak's threads, count what they receive, and reconnect with `since` when closed (each also closes itself now and
// then, so that connecting, resuming and disconnecting are soaked too). A reply's post.created must reach every socket
// subscribed to its thread.
//
// Settings (environment): SOAK_USERS (20), SOAK_SOCKETS (50), SOAK_THREADS (100), SOAK_CHANNELS_PER_SOCKET (10),
// SOAK_THINK_MS ("100-400", pause after each request), SOAK_UPLOAD_EVERY (5 iterations), SOAK_SOCKET_LIFETIME_S
// ("60-180"; "0" never closes on purpose), SOAK_SAMPLE_SECONDS (10), SOAK_WARMUP_FRACTION (0.2),
// SOAK_MAX_ERROR_RATE (0.00025), SOAK_NOTE (printed with the summary).
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../tests/package.json', import.meta.url));
const WebSocket = require('ws');

const [base, secondsArg, ...pidArgs] = process.argv.slice(2);
if (!base || !secondsArg || pidArgs.length === 0) {
  console.error('usage: node soak.mjs BASE_URL SECONDS PID [PID...]');
  process.exit(2);
}
const durationMs = Number(secondsArg) * 1000;
const pids = pidArgs.map(Number);

const env = (name, fallback) => process.env[name] ?? fallback;
const range = (text) => {
  const [low, high = low] = String(text).split('-').map(Number);
  return { low, high };
};
const USERS = Number(env('SOAK_USERS', 20));
const SOCKETS = Number(env('SOAK_SOCKETS', 50));
const THREADS = Number(env('SOAK_THREADS', 100));
const CHANNELS_PER_SOCKET = Math.min(Number(env('SOAK_CHANNELS_PER_SOCKET', 10)), THREADS);
const THINK = range(env('SOAK_THINK_MS', '100-400'));
const UPLOAD_EVERY = Number(env('SOAK_UPLOAD_EVERY', 5));
const SOCKET_LIFETIME = range(env('SOAK_SOCKET_LIFETIME_S', '60-180'));
const SAMPLE_MS = Number(env('SOAK_SAMPLE_SECONDS', 10)) * 1000;
const WARMUP_FRACTION = Number(env('SOAK_WARMUP_FRACTION', 0.2));
const MAX_ERROR_RATE = Number(env('SOAK_MAX_ERROR_RATE', 0.00025));
const REQUEST_TIMEOUT_MS = 30_000;
const MIB = 1024; // KiB per MiB

const demoPassword = 'demo-password-2026';
const demoUsers = [
  'amira.children@southampton.demo.pswnet.uk',
  'tom.adults@wiltshire.demo.pswnet.uk',
  'grace.admin@southwark.demo.pswnet.uk',
  'priya.office@ocsw-children.demo.pswnet.uk',
  'sam.admin@network.demo.pswnet.uk',
];
// Words of the replies and of the searches: letters only, so the personal-data guard never objects.
const vocabulary = ['supervision', 'caseload', 'induction', 'agency', 'retention', 'practice', 'framework',
  'assessment', 'reflective', 'workforce', 'apprenticeship', 'mentoring', 'audit', 'vacancies', 'wellbeing'];
const letters = 'abcdefghijklmnopqrstuvwxyz';
const uniqueWord = () => `soak${Array.from({ length: 10 }, () => letters[randomInt(letters.length)]).join('')}`;
const pick = (items) => items[randomInt(items.length)];
const between = ({ low, high }) => (high > low ? low + randomInt(high - low + 1) : low);
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });
const mib = (kib) => (kib / MIB).toFixed(1);

// ---------------------------------------------------------------------------------------------------------------
// HTTP: one keep-alive pool, at most one connection per virtual user (and a few for the set-up).

const agent = new http.Agent({ keepAlive: true, maxSockets: USERS + 4, maxFreeSockets: USERS + 4 });
const stats = new Map(); // route -> {requests, errors, failures: Map(reason -> count), latencies: []}
let measuring = false; // requests of the set-up are not counted

function routeStats(route) {
  let entry = stats.get(route);
  if (!entry) {
    entry = { requests: 0, errors: 0, failures: new Map(), latencies: [] };
    stats.set(route, entry);
  }
  return entry;
}

function record(route, ok, reason, ms) {
  if (!measuring) return;
  const entry = routeStats(route);
  entry.requests += 1;
  if (ms !== undefined) entry.latencies.push(ms);
  if (!ok) {
    entry.errors += 1;
    entry.failures.set(reason, (entry.failures.get(reason) ?? 0) + 1);
  }
}

/** One request; resolves (never rejects) with {status (0 on a network error), body (Buffer), error, ms}. */
function send(method, path, { token, json, body, headers = {} } = {}) {
  return new Promise((resolve) => {
    const allHeaders = { ...headers };
    if (token) allHeaders.authorization = `Bearer ${token}`;
    let payload = body;
    if (json !== undefined) {
      payload = Buffer.from(JSON.stringify(json));
      allHeaders['content-type'] = 'application/json';
    }
    if (payload !== undefined) allHeaders['content-length'] = Buffer.byteLength(payload);
    const started = performance.now();
    let settled = false;
    const finish = (answer) => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, ms: performance.now() - started });
    };
    const req = http.request(new URL(path, base), { method, headers: allHeaders, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => finish({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', (error) => finish({ status: 0, error: `${error.code ?? error.message} while reading` }));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error) => finish({
      status: 0, error: `${error.code ?? error.message}${req.reusedSocket ? ' (reused keep-alive connection)' : ''}`,
    }));
    req.end(payload);
  });
}

/** A counted request of the workload: resolves with the answer, its body parsed when it is JSON and 2xx. */
async function call(route, method, path, options) {
  const answer = await send(method, path, options);
  const ok = answer.status >= 200 && answer.status < 300;
  record(route, ok, answer.status === 0 ? `network: ${answer.error}` : `HTTP ${answer.status}`, answer.ms);
  if (ok && answer.body.length) {
    try {
      answer.json = JSON.parse(answer.body.toString('utf8'));
    } catch {
      // Not JSON: nothing the workload needs.
    }
  }
  return answer;
}

/** A request of the set-up: must succeed with `status`; resolves with the parsed body. */
async function setupCall(what, method, path, status, options) {
  const answer = await send(method, path, options);
  if (answer.status !== status) {
    throw new Error(`set-up: ${what} (${method} ${path}) answered ${answer.status || answer.error}: ${
      answer.body?.toString('utf8').slice(0, 500) ?? ''}`);
  }
  return JSON.parse(answer.body.toString('utf8'));
}

// ---------------------------------------------------------------------------------------------------------------
// Memory: the RSS of every pswnet process, with ps.

const samples = []; // {label, t (s), rss: [KiB or null per pid]}
const startedAt = { ms: 0 };

function rssOf() {
  let text = '';
  try {
    text = execFileSync('ps', ['-o', 'pid=,rss=', '-p', pids.join(',')], { encoding: 'utf8' });
  } catch (error) {
    text = error.stdout ?? ''; // ps exits 1 when one of them is gone; the others are still listed
  }
  const byPid = new Map(text.trim().split('\n').filter(Boolean).map((line) => line.trim().split(/\s+/).map(Number)));
  return pids.map((pid) => byPid.get(pid) ?? null);
}

function sample(label) {
  const entry = { label, t: (performance.now() - startedAt.ms) / 1000, rss: rssOf() };
  samples.push(entry);
  return entry;
}

// ---------------------------------------------------------------------------------------------------------------
// WebSockets.

const wsRoute = 'GET /api/v1/ws (upgrade + subscribe)';
const wsUrl = `${base.replace(/^http/, 'ws')}/api/v1/ws`;
const events = new Map(); // event name -> count (measured part)
const ws = { connects: 0, plannedCloses: 0, unexpectedCloses: new Map(), reloads: 0, duplicates: 0, subscribeErrors: 0 };
let finished = false; // the workload is over: events still arriving are counted
let shuttingDown = false; // the sockets are being closed: no reconnecting

class Subscriber {
  constructor(index, session, threadIds) {
    this.index = index;
    this.session = session;
    this.channels = threadIds.map((id) => `thread:${id}`);
    this.lastThreadEventId = null; // `since` when reconnecting
    this.postIds = new Set(); // post.created received
    this.subscribed = null;
  }

  /** Connects and subscribes; resolves when subscribed (or when this attempt failed: a reconnect is scheduled). */
  connect() {
    return new Promise((resolve) => {
      const started = performance.now();
      const socket = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${this.session.token}` }, origin: base,
        handshakeTimeout: REQUEST_TIMEOUT_MS });
      this.socket = socket;
      let opened = false;
      let planned = false;
      let lifetime;
      let outcome = null; // the attempt is recorded once: subscribed, refused or failed
      const settle = (ok, reason) => {
        if (outcome !== null) return;
        outcome = ok;
        record(wsRoute, ok, reason, performance.now() - started);
        resolve();
      };
      socket.on('open', () => {
        opened = true;
        const since = this.lastThreadEventId;
        socket.send(JSON.stringify({ type: 'subscribe', channels: this.channels, ...(since === null ? {} : { since }) }));
      });
      socket.on('error', (error) => {
        if (!opened) settle(false, `upgrade: ${error.message}`);
      });
      socket.on('message', (data) => {
        let message;
        try {
          message = JSON.parse(data.toString('utf8'));
        } catch {
          return;
        }
        if (message.type === 'subscribed') {
          if (message.reload) ws.reloads += 1;
          if (measuring) ws.connects += 1;
          settle(true);
          if (SOCKET_LIFETIME.high > 0) {
            lifetime = setTimeout(() => {
              if (shuttingDown) return;
              planned = true;
              socket.close(1000, 'soak: reconnecting');
            }, between(SOCKET_LIFETIME) * 1000);
          }
        } else if (message.type === 'error') {
          ws.subscribeErrors += 1;
          settle(false, `subscribe refused: ${message.title}`);
          socket.close(1000);
        } else if (message.type === 'event') {
          if (measuring || finished) events.set(message.event, (events.get(message.event) ?? 0) + 1);
          if (message.channel.startsWith('thread:')) {
            this.lastThreadEventId = Math.max(this.lastThreadEventId ?? 0, message.id);
            if (message.event === 'post.created') {
              const postId = message.data?.post?.id;
              if (this.postIds.has(postId)) ws.duplicates += 1;
              else this.postIds.add(postId);
            }
          }
        }
      });
      socket.on('close', (code) => {
        clearTimeout(lifetime);
        settle(false, opened ? `closed before subscribed (${code})` : 'upgrade failed');
        if (shuttingDown) return;
        if (planned) {
          ws.plannedCloses += 1;
          this.connect();
        } else {
          if (measuring) ws.unexpectedCloses.set(code, (ws.unexpectedCloses.get(code) ?? 0) + 1);
          setTimeout(() => { if (!shuttingDown) this.connect(); }, 1000);
        }
      });
    });
  }

  close() {
    this.socket?.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The virtual users.

const routes = {
  list: 'GET /api/v1/threads?limit=20',
  read: 'GET /api/v1/threads/{id}',
  reply: 'POST /api/v1/threads/{id}/posts',
  upload: 'POST /api/v1/resources/{id}/files',
  search: 'GET /api/v1/search?q=...',
};
const replies = []; // {threadId, postId} of every 201 reply
let iterations = 0;
let stopping = false;

async function virtualUser(index, session, resourceId, threadIds) {
  const think = () => sleep(between(THINK));
  let lastWord = null;
  for (let iteration = 1; !stopping; iteration += 1) {
    await call(routes.list, 'GET', '/api/v1/threads?limit=20', { token: session.token });
    await think();
    if (stopping) break;
    const threadId = pick(threadIds);
    await call(routes.read, 'GET', `/api/v1/threads/${threadId}`, { token: session.token });
    await think();
    if (stopping) break;
    lastWord = uniqueWord();
    const body = `In our authority we review ${pick(vocabulary)} and ${pick(vocabulary)} with ${lastWord} every month.`;
    const reply = await call(routes.reply, 'POST', `/api/v1/threads/${threadId}/posts`, { token: session.token,
      json: { body } });
    if (reply.status === 201 && reply.json?.id) replies.push({ threadId, postId: reply.json.id });
    await think();
    if (stopping) break;
    if ((iteration + index) % UPLOAD_EVERY === 0) {
      const text = `Soak upload by virtual user ${index}, iteration ${iteration}.\n` +
        `Notes on ${pick(vocabulary)} and ${pick(vocabulary)}: ${uniqueWord()}.\n`;
      await call(routes.upload, 'POST', `/api/v1/resources/${resourceId}/files`, { token: session.token,
        body: Buffer.from(text), headers: { 'content-type': 'text/plain', 'x-filename': `soak-${index}-${iteration}.txt` } });
      await think();
      if (stopping) break;
    }
    const q = randomInt(2) === 0 ? pick(vocabulary) : lastWord;
    await call(routes.search, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { token: session.token });
    if (measuring) iterations += 1;
    await think();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Summary.

function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function table(rows) {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((row) => String(row[k]).length)));
  return rows.map((row) => row.map((cell, k) => (k === 0 ? String(cell).padEnd(widths[k])
    : String(cell).padStart(widths[k]))).join('  ')).join('\n');
}

const percent = (errors, requests) => (requests ? `${((100 * errors) / requests).toFixed(4)}%` : '-');

// Linear trend of RSS after the warm-up, in MiB per minute.
function slope(points) {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx ? points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx : null;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  // Set-up, not counted: sign in the demo people, create the threads and one resource per virtual user.
  const sessions = [];
  for (const email of demoUsers) {
    sessions.push(await setupCall(`sign in as ${email}`, 'POST', '/api/v1/auth/login', 200,
      { json: { email, password: demoPassword } }));
  }
  const threadIds = [];
  for (let k = 0; k < THREADS; k += 1) {
    const thread = await setupCall('create a thread', 'POST', '/api/v1/threads', 201, {
      token: sessions[k % sessions.length].token,
      json: { title: `Soak discussion ${uniqueWord()}: how do you organise ${pick(vocabulary)}?`,
        body: `A discussion for the soak test about ${pick(vocabulary)}.`, sector: 'both', kind: 'discussion',
        tags: ['soak'] },
    });
    threadIds.push(thread.id);
  }
  const userSessions = Array.from({ length: USERS }, (_, k) => sessions[k % sessions.length]);
  const resourceIds = [];
  for (let k = 0; k < USERS; k += 1) {
    const resource = await setupCall('create a resource', 'POST', '/api/v1/resources', 201, {
      token: userSessions[k].token,
      json: { title: `Soak resource ${uniqueWord()}`, summary: 'Uploaded to by the soak test.', type: 'supervision',
        sector: 'both', tags: ['soak'], licence: 'OGL-UK-3.0', visibility: 'network' },
    });
    resourceIds.push(resource.id);
  }

  // The sockets: socket k listens to CHANNELS_PER_SOCKET consecutive threads, so every thread has about
  // SOCKETS * CHANNELS_PER_SOCKET / THREADS subscribers.
  const subscribers = Array.from({ length: SOCKETS }, (_, k) => new Subscriber(k, sessions[k % sessions.length],
    Array.from({ length: CHANNELS_PER_SOCKET }, (_, c) => threadIds[(k * CHANNELS_PER_SOCKET + c) % THREADS])));
  const subscribersOf = new Map(threadIds.map((id) => [id, []]));
  for (const s of subscribers) for (const channel of s.channels) subscribersOf.get(Number(channel.slice(7))).push(s);
  await Promise.all(subscribers.map((s) => s.connect()));
  const unsubscribed = subscribers.filter((s) => s.socket.readyState !== WebSocket.OPEN).length;
  if (unsubscribed) throw new Error(`set-up: ${unsubscribed} of ${SOCKETS} WebSockets did not subscribe`);

  console.log(`soak: ${durationMs / 1000} s through ${base}: ${USERS} virtual users (${sessions.length} demo accounts), ` +
    `${SOCKETS} WebSockets on ${THREADS} threads (${CHANNELS_PER_SOCKET} each), pause ${THINK.low}-${THINK.high} ms ` +
    `after each request, an upload every ${UPLOAD_EVERY} iterations; warm-up ${Math.round(WARMUP_FRACTION * 100)}%; ` +
    `RSS of pids ${pids.join(', ')} every ${SAMPLE_MS / 1000} s`);

  // The measured run.
  measuring = true;
  startedAt.ms = performance.now();
  sample('start');
  const warmupMs = WARMUP_FRACTION * durationMs;
  let warmup = null;
  const sampler = setInterval(() => {
    if (performance.now() - startedAt.ms > durationMs - 1000) return; // the end is sampled on its own
    const entry = sample('');
    if (Math.round(entry.t) % 60 === 0) {
      const all = [...stats.values()].reduce((s, e) => ({ r: s.r + e.requests, e: s.e + e.errors }), { r: 0, e: 0 });
      console.log(`  t=${Math.round(entry.t)} s: ${all.r} requests, ${all.e} errors, ${replies.length} replies, ` +
        `RSS ${entry.rss.map((kib) => (kib === null ? 'gone' : `${mib(kib)} MiB`)).join(' / ')}`);
    }
  }, SAMPLE_MS);
  const warmupTimer = setTimeout(() => { warmup = sample('end of warm-up'); }, warmupMs);
  const users = userSessions.map((session, k) => virtualUser(k, session, resourceIds[k], threadIds));
  await sleep(durationMs);
  const end = sample('end');
  clearInterval(sampler);
  clearTimeout(warmupTimer);
  stopping = true;
  await Promise.all(users); // each finishes the request it is in
  measuring = false;
  finished = true;

  // Every socket subscribed to a thread must have every reply's post.created: wait up to 15 s for the last ones.
  const missingNow = () => {
    let missing = 0;
    for (const { threadId, postId } of replies) {
      for (const s of subscribersOf.get(threadId)) if (!s.postIds.has(postId)) missing += 1;
    }
    return missing;
  };
  const expected = replies.reduce((sum, r) => sum + subscribersOf.get(r.threadId).length, 0);
  let missing = missingNow();
  for (let waited = 0; missing > 0 && waited < 15_000; waited += 250) {
    await sleep(250);
    missing = missingNow();
  }
  shuttingDown = true;
  for (const s of subscribers) s.close();
  agent.destroy();

  // The summary.
  const lines = [];
  const say = (text = '') => lines.push(text);
  say();
  say(`== soak summary: ${durationMs / 1000} s, ${USERS} virtual users, ${SOCKETS} WebSockets, through nginx at ${base}`);
  if (process.env.SOAK_NOTE) say(process.env.SOAK_NOTE);
  say(`${iterations} iterations, ${replies.length} replies, ${threadIds.length} threads, ${resourceIds.length} resources`);
  say();
  const rows = [['route', 'requests', 'errors', 'error rate', 'p50 ms', 'p99 ms', 'max ms', 'errors by cause']];
  let requests = 0;
  let errors = 0;
  for (const route of [...Object.values(routes), wsRoute]) {
    const entry = routeStats(route);
    requests += entry.requests;
    errors += entry.errors;
    const sorted = entry.latencies.sort((a, b) => a - b);
    const fmt = (v) => (v === null ? '-' : v.toFixed(1));
    rows.push([route, entry.requests, entry.errors, percent(entry.errors, entry.requests), fmt(percentile(sorted, 0.5)),
      fmt(percentile(sorted, 0.99)), fmt(sorted.length ? sorted[sorted.length - 1] : null),
      [...entry.failures].map(([reason, n]) => `${reason} x${n}`).join('; ') || '-']);
  }
  rows.push(['all', requests, errors, percent(errors, requests), '', '', '', '']);
  say(table(rows));
  say();
  const eventTotal = [...events.values()].reduce((s, n) => s + n, 0);
  say(`WebSocket events received: ${eventTotal} (${[...events].sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n}`).join(', ') || 'none'})`);
  say(`  post.created on the subscribed threads: ${expected - missing} of ${expected} expected (replies x subscribers), ` +
    `${missing} missing, ${ws.duplicates} duplicates`);
  say(`  connections: ${SOCKETS} at the start, ${ws.connects} during the run (${ws.plannedCloses} closed by the soak and ` +
    `resumed with since), unexpected closes: ${[...ws.unexpectedCloses].map(([code, n]) => `${code} x${n}`).join(', ') || 'none'}, ` +
    `reload answers: ${ws.reloads}`);
  say();
  say(`RSS samples (MiB), pids ${pids.join(', ')}:`);
  const rssRows = [['t (s)', ...pids.map((pid, k) => `instance ${String.fromCharCode(65 + k)} (${pid})`), '']];
  for (const s of [...samples].sort((a, b) => a.t - b.t)) {
    rssRows.push([s.t.toFixed(0), ...s.rss.map((kib) => (kib === null ? 'gone' : mib(kib))), s.label]);
  }
  say(table(rssRows));
  say();

  // The verdict.
  const failures = [];
  const errorRate = requests ? errors / requests : 1;
  say(`error rate: ${percent(errors, requests)} (${errors} of ${requests}); limit ${(MAX_ERROR_RATE * 100).toFixed(3)}%: ` +
    `${errorRate <= MAX_ERROR_RATE ? 'ok' : 'FAIL'}`);
  if (requests === 0) failures.push('no requests were made');
  else if (errorRate > MAX_ERROR_RATE) failures.push('error rate');
  pids.forEach((pid, k) => {
    const name = `instance ${String.fromCharCode(65 + k)} (pid ${pid})`;
    const before = warmup?.rss[k] ?? null;
    const after = end.rss[k];
    const gone = samples.some((s) => s.rss[k] === null);
    if (gone || before === null || after === null) {
      say(`memory ${name}: the process is gone: FAIL`);
      failures.push(`${name} is gone`);
      return;
    }
    const limit = before * 1.1 + 16 * MIB;
    const trend = slope(samples.filter((s) => s.t >= warmup.t && s.rss[k] !== null).map((s) => ({ x: s.t / 60, y: s.rss[k] / MIB })));
    const ok = after <= limit;
    say(`memory ${name}: ${mib(before)} MiB at the end of warm-up (t=${warmup.t.toFixed(0)} s), ${mib(after)} MiB at the end, ` +
      `${after >= before ? '+' : ''}${mib(after - before)} MiB (${((100 * (after - before)) / before).toFixed(1)}%); ` +
      `limit ${mib(limit)} MiB (+10% +16 MiB)${trend === null ? '' : `; trend after warm-up ${trend.toFixed(2)} MiB/min`}: ` +
      `${ok ? 'ok' : 'FAIL'}`);
    if (!ok) failures.push(`${name} grew`);
  });
  say(failures.length ? `FAIL: ${failures.join(', ')}` : 'PASS');
  console.log(lines.join('\n'));
  return failures.length ? 1 : 0;
}

main().then((status) => process.exit(status), (error) => {
  console.error(`soak: ${error.stack ?? error}`);
  process.exit(2);
});
