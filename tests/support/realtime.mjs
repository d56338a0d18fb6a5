// Real-time helpers for the end-to-end tests: WebSockets closed after each test, subscribing with the answer
// checked, and waiting for one event, each validated against schemas/openapi.yaml.
import assert from 'node:assert/strict';
import { afterEach } from 'node:test';
import { validateComponent } from './openapi.mjs';
import { eventOn, openWebSocket, subscribe } from './websocket.mjs';

/** How long an event may take to arrive on a loaded 2-core machine running the sanitizer build. */
export const eventTimeoutMs = 20_000;

/**
 * For a test file: resolves with connect(session, target = defaultTarget()), which opens a WebSocket on a server as
 * `session`; every socket it opened is closed after each test.
 */
export function socketsClosedAfterEachTest(defaultTarget) {
  const sockets = new Set();
  afterEach(() => {
    for (const ws of sockets) ws.terminate();
    sockets.clear();
  });
  return async function connect(session, target = defaultTarget()) {
    const ws = await openWebSocket(target.baseUrl, { auth: session });
    sockets.add(ws);
    return ws;
  };
}

/** Subscribes and asserts that pswnet granted exactly these channels; resolves with the `subscribed` message. */
export async function subscribed(ws, channels, options) {
  const answer = await subscribe(ws, channels, { timeoutMs: eventTimeoutMs, ...options });
  validateComponent('WebSocketServerMessage', answer, 'the answer to subscribe');
  assert.equal(answer.type, 'subscribed', `subscribing to ${channels.join(', ')} answered ${JSON.stringify(answer)}`);
  assert.deepEqual([...answer.channels].sort(), [...channels].sort());
  return answer;
}

/** The next event on `channel` named `event` that satisfies `where`, validated against the document. */
export async function nextEvent(ws, channel, event, where) {
  const message = await ws.takeMessage(eventOn(channel, event, where), eventTimeoutMs);
  validateComponent('WebSocketServerMessage', message, `${event} on ${channel}`);
  return message;
}

/** A `where` for nextEvent: the event is about this post. */
export const postCreated = (postId) => (message) => message.data.post.id === postId;

/** A `where` for nextEvent: the event is about this thread. */
export const aboutThread = (threadId) => (message) => message.data.thread.id === threadId;

/** Sends a ping and waits for the pong: everything sent before it has been handled. */
export async function roundTrip(ws) {
  ws.send(JSON.stringify({ type: 'ping' }));
  await ws.takeMessage((message) => message?.type === 'pong', eventTimeoutMs);
}
