// WebSocket fan-out: N authenticated clients subscribe to one thread; replies are posted through the REST API, one at
// a time; reports how long each client took to receive each (from just before its POST), then the rounds' medians.
// node ws_fanout.mjs BASE_URL TOKEN THREAD_ID CLIENTS [ROUNDS] [SERVER_PID]
// With the server's process id, also the CPU that pswnet and this client each spent per message delivered.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(new URL('../../tests/package.json', import.meta.url));
const WebSocket = require('ws');

const [base, token, threadId, clientCount = '1000', roundCount = '10', serverPid] = process.argv.slice(2);
const clients = Number(clientCount);
const rounds = Number(roundCount);
const wsUrl = base.replace(/^http/, 'ws') + '/api/v1/ws';
const headers = { authorization: `Bearer ${token}`, origin: base };

function open() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { headers });
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', channels: [`thread:${threadId}`] }));
      ws.once('message', () => resolve(ws)); // "subscribed"
    });
  });
}

// Steady state: warm replies first, so that every database connection of the pool has prepared its statements.
for (let i = 0; i < 16; i += 1) {
  const warm = await fetch(`${base}/api/v1/threads/${threadId}/posts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ body: `Warm-up reply ${i}` }),
  });
  if (warm.status !== 201) throw new Error(`warm-up reply failed: ${warm.status}`);
}

const sockets = [];
for (let i = 0; i < clients; i += 100)
  sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, clients - i) }, open))));

// One Node process takes every message: a cheap test rather than JSON.parse keeps the client from being what is
// measured (the messages are pswnet's own, checked by the tests).
let round = null; // the reply being measured: when it was posted, and when each client had it
for (const ws of sockets)
  ws.on('message', (data) => {
    if (round && data.includes('"post.created"')) {
      round.latencies.push(performance.now() - round.started);
      if (round.latencies.length === clients) round.resolve();
    }
  });

// One reply, posted once every client has had the one before: how long each client took to receive it.
async function deliverOneReply(number) {
  let resolve;
  const done = new Promise((r) => { resolve = r; });
  round = { latencies: [], resolve, started: performance.now() };
  const res = await fetch(`${base}/api/v1/threads/${threadId}/posts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ body: `Fan-out benchmark reply ${number}` }),
  });
  const answered = performance.now() - round.started;
  if (res.status !== 201) throw new Error(`reply failed: ${res.status}`);
  const timeout = setTimeout(() => {
    console.error(`round ${number}: only ${round.latencies.length} of ${clients} received`);
    process.exit(1);
  }, 30000);
  await done;
  clearTimeout(timeout);
  const latencies = round.latencies.sort((a, b) => a - b);
  round = null;
  const pick = (q) => Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1));
  return { clients, received: latencies.length, reply_answered_ms: Number(answered.toFixed(1)),
    first_ms: Number(latencies[0].toFixed(1)), p50_ms: pick(0.5), p99_ms: pick(0.99), max_ms: pick(1) };
}

// CPU time in microseconds: the server's from /proc (utime and stime, in clock ticks of 10 ms), and this process's.
const serverCpuMicros = () => {
  const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10000;
};
const clientCpuMicros = () => { const { user, system } = process.cpuUsage(); return user + system; };
const cpuBefore = serverPid ? { server: serverCpuMicros(), client: clientCpuMicros() } : null;

// A single reply's p99 varies by a third from one to the next on a busy machine: several, one after another.
const results = [];
for (let number = 1; number <= rounds; number += 1) {
  results.push(await deliverOneReply(number));
  console.log(JSON.stringify(results.at(-1)));
}
const cpuPerMessage = cpuBefore && {
  server_cpu_us_per_message: Number(((serverCpuMicros() - cpuBefore.server) / (rounds * clients)).toFixed(1)),
  client_cpu_us_per_message: Number(((clientCpuMicros() - cpuBefore.client) / (rounds * clients)).toFixed(1)),
};
const middle = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
console.log(JSON.stringify({ clients, rounds, all_received: results.every((r) => r.received === clients),
  median_reply_answered_ms: middle('reply_answered_ms'), median_p50_ms: middle('p50_ms'),
  median_p99_ms: middle('p99_ms'), worst_p99_ms: Math.max(...results.map((r) => r.p99_ms)), ...cpuPerMessage }));
for (const ws of sockets) ws.terminate();
