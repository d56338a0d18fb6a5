// Holds N authenticated, subscribed, idle WebSockets open until stdin closes; prints "ready N" when all are open.
// node ws_idle.mjs BASE_URL TOKEN CLIENTS
import { createRequire } from 'node:module';
const require = createRequire(new URL('../../tests/package.json', import.meta.url));
const WebSocket = require('ws');

const [base, token, clientCount = '10000'] = process.argv.slice(2);
const clients = Number(clientCount);
const wsUrl = base.replace(/^http/, 'ws') + '/api/v1/ws';
const headers = { authorization: `Bearer ${token}`, origin: base };
const sockets = [];
const open = () => new Promise((resolve, reject) => {
  const ws = new WebSocket(wsUrl, { headers });
  ws.once('error', reject);
  ws.once('open', () => { ws.send(JSON.stringify({ type: 'subscribe', channels: ['sector:children'] })); resolve(ws); });
});
for (let i = 0; i < clients; i += 200)
  sockets.push(...(await Promise.all(Array.from({ length: Math.min(200, clients - i) }, open))));
console.log(`ready ${sockets.length}`);
process.stdin.resume();
process.stdin.on('end', () => { for (const ws of sockets) ws.terminate(); process.exit(0); });
