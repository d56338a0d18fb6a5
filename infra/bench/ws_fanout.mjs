// WebSocket fan-out: N authenticated clients subscribe to one thread; one reply is posted through the REST API;
// reports how long each client took to receive it (from just before the POST).
// node ws_fanout.mjs BASE_URL TOKEN THREAD_ID CLIENTS
import { createRequire } from 'node:module';
const require = createRequire(new URL('../../tests/package.json', import.meta.url));
const WebSocket = require('ws');

const [base, token, threadId, clientCount = '1000'] = process.argv.slice(2);
const clients = Number(clientCount);
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
const latencies = [];
const done = new Promise((resolve) => {
  for (const ws of sockets)
    ws.on('message', (data) => {
      if (data.includes('"post.created"')) {
        latencies.push(performance.now() - started);
        if (latencies.length === clients) resolve();
      }
    });
});
const started = performance.now();
const res = await fetch(`${base}/api/v1/threads/${threadId}/posts`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ body: 'Fan-out benchmark reply' }),
});
const answered = performance.now() - started;
if (res.status !== 201) throw new Error(`reply failed: ${res.status}`);
const timeout = setTimeout(() => { console.error(`only ${latencies.length} of ${clients} received`); process.exit(1); }, 30000);
await done;
clearTimeout(timeout);
latencies.sort((a, b) => a - b);
const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
console.log(JSON.stringify({ clients, received: latencies.length, reply_answered_ms: answered.toFixed(1),
  first_ms: latencies[0].toFixed(1), p50_ms: pick(0.5), p99_ms: pick(0.99), max_ms: pick(1) }));
for (const ws of sockets) ws.terminate();
