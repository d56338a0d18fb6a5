// Real time end to end over /api/v1/ws: thread, sector and user channels fed by REST writes, who may subscribe to
// what, replay with `since` (and `reload` past retention), two pswnet instances on one database (including one
// killed with SIGKILL under a connected client), the message size limit, a client that stops reading, and
// delivery after a PostgreSQL restart.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, afterEach, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { forumClient, routes, signInDemoUsers } from '../support/forum.mjs';
import { validateComponent } from '../support/openapi.mjs';
import { pollUntil, startServer, waitForExit } from '../support/server.mjs';
import { eventOn, openWebSocket, subscribe, waitForWebSocketClose } from '../support/websocket.mjs';

/** How long an event may take to arrive on a loaded 2-core machine running the sanitizer build. */
const eventTimeoutMs = 20_000;

let server;
let forum;
let call;
let amira; // member, children
let tom; // member, adults
let grace; // org_admin + member, both
let sam; // network_admin: moderates

before(async () => {
  server = await startServer();
  forum = forumClient(server.baseUrl);
  call = forum.call;
  ({ amira, tom, grace, sam } = await signInDemoUsers(server.baseUrl));
});

after(async () => {
  await server?.stop();
});

const sockets = new Set();

/** Opens a WebSocket on `target` (by default the main instance) as `session`; closed after each test. */
async function connect(session, target = server) {
  const ws = await openWebSocket(target.baseUrl, { auth: session });
  sockets.add(ws);
  return ws;
}

afterEach(() => {
  for (const ws of sockets) ws.terminate();
  sockets.clear();
});

/** Subscribes and asserts that pswnet granted exactly these channels; resolves with the `subscribed` message. */
async function subscribed(ws, channels, options) {
  const answer = await subscribe(ws, channels, { timeoutMs: eventTimeoutMs, ...options });
  validateComponent('WebSocketServerMessage', answer, 'the answer to subscribe');
  assert.equal(answer.type, 'subscribed', `subscribing to ${channels.join(', ')} answered ${JSON.stringify(answer)}`);
  assert.deepEqual([...answer.channels].sort(), [...channels].sort());
  return answer;
}

/** The next event on `channel` named `event` that satisfies `where`, validated against the document. */
async function nextEvent(ws, channel, event, where) {
  const message = await ws.takeMessage(eventOn(channel, event, where), eventTimeoutMs);
  validateComponent('WebSocketServerMessage', message, `${event} on ${channel}`);
  return message;
}

const postCreated = (postId) => (message) => message.data.post.id === postId;
const aboutThread = (threadId) => (message) => message.data.thread.id === threadId;

/** Sends a ping and waits for the pong: everything sent before it has been handled. */
async function roundTrip(ws) {
  ws.send(JSON.stringify({ type: 'ping' }));
  await ws.takeMessage((message) => message?.type === 'pong', eventTimeoutMs);
}

describe('thread, sector and user channels', () => {
  it('thread:{id} gets post.created with the rendered reply when another user replies by REST', async () => {
    const thread = await forum.createThread(amira);
    const ws = await connect(amira);
    const answer = await subscribed(ws, [`thread:${thread.id}`]);
    assert.equal(answer.reload, false);

    const reply = await forum.reply(tom, thread.id, 'We use **group** supervision every fortnight.');
    const message = await nextEvent(ws, `thread:${thread.id}`, 'post.created', postCreated(reply.id));
    assert.equal(typeof message.id, 'number');
    const { post, thread: summary } = message.data;
    assert.equal(post.body_html, reply.body_html, 'the rendered post, ready to show');
    assert.equal(post.author.id, tom.user.id);
    assert.equal(post.body_markdown, null, 'sent as everyone sees it');
    assert.deepEqual(post.my_reactions, []);
    assert.equal(post.can_edit, false);
    assert.equal(post.can_accept, false);
    assert.equal(summary.id, thread.id);
    assert.equal(summary.reply_count, 1);
  });

  it('sector:{s} gets thread.created and thread.activity of that sector, and nothing of another', async () => {
    const children = await connect(grace);
    const adults = await connect(tom);
    await subscribed(children, ['sector:children']);
    await subscribed(adults, ['sector:adults']);

    const childrenThread = await forum.createThread(amira, { sector: 'children' });
    const created = await nextEvent(children, 'sector:children', 'thread.created', aboutThread(childrenThread.id));
    assert.equal(created.data.thread.title, childrenThread.title);
    assert.equal(created.data.thread.author.id, amira.user.id);

    const adultsThread = await forum.createThread(tom, { sector: 'adults' });
    await nextEvent(adults, 'sector:adults', 'thread.created', aboutThread(adultsThread.id));
    assert.ok(!adults.queuedMessages().some((m) => m?.data?.thread?.id === childrenThread.id),
      'the adults channel got nothing of the children thread, which came first');

    await forum.reply(tom, childrenThread.id);
    await nextEvent(children, 'sector:children', 'thread.activity',
      (m) => m.data.thread.id === childrenThread.id && m.data.thread.reply_count === 1);
  });

  it('a page showing every sector subscribes to all three channels and gets each thread once', async () => {
    const all = await connect(sam);
    await subscribed(all, ['sector:children', 'sector:adults', 'sector:both']);
    const threadOf = (id) => (m) => m?.type === 'event' && m.channel.startsWith('sector:') && m.data?.thread?.id === id;
    for (const [session, sector] of [[amira, 'children'], [tom, 'adults'], [grace, 'both']]) {
      const thread = await forum.createThread(session, { sector });
      const message = await all.takeMessage((m) => threadOf(thread.id)(m) && m.event === 'thread.created', eventTimeoutMs);
      assert.equal(message.channel, `sector:${sector}`, 'announced on its own sector channel only');
      validateComponent('WebSocketServerMessage', message, `thread.created of a ${sector} thread`);
    }
  });

  it('user:{id} gets notification.created on every connection of that user, without subscribing', async () => {
    const thread = await forum.createThread(amira);
    const ws = await connect(amira);
    const otherTab = await connect(amira);
    await roundTrip(ws);
    await roundTrip(otherTab);
    const reply = await forum.reply(tom, thread.id);
    const message = await nextEvent(ws, `user:${amira.user.id}`, 'notification.created',
      (m) => m.data.notification.post_id === reply.id);
    await nextEvent(otherTab, `user:${amira.user.id}`, 'notification.created', (m) => m.data.notification.post_id === reply.id);
    const { notification, unread_count: unread } = message.data;
    assert.equal(notification.kind, 'reply');
    assert.equal(notification.thread_id, thread.id);
    assert.equal(notification.thread_title, thread.title);
    assert.equal(notification.actor.id, tom.user.id);
    assert.equal(notification.read, false);
    assert.equal(unread, (await forum.notifications(amira)).unread_count, 'the unread count for the header');
    await subscribed(ws, [`user:${amira.user.id}`]);
  });

  it('refuses another user\'s channel with an error and sends none of its events', async () => {
    const ws = await connect(amira);
    const refusal = await subscribe(ws, [`user:${tom.user.id}`], { timeoutMs: eventTimeoutMs });
    validateComponent('WebSocketServerMessage', refusal);
    assert.equal(refusal.type, 'error', JSON.stringify(refusal));

    const tomsThread = await forum.createThread(tom, { sector: 'adults' });
    await subscribed(ws, [`thread:${tomsThread.id}`]);
    const reply = await forum.reply(grace, tomsThread.id); // notifies tom on user:{tom}
    await nextEvent(ws, `thread:${tomsThread.id}`, 'post.created', postCreated(reply.id));
    // A later event on a channel amira has: anything for tom's channel, sent in id order, would have come first.
    await call('POST', routes.reactions, { id: reply.id, json: { kind: 'helpful' }, auth: amira, expect: 200 });
    await nextEvent(ws, `thread:${tomsThread.id}`, 'reactions.changed', (m) => m.data.post_id === reply.id);
    assert.deepEqual(ws.queuedMessages().filter((m) => m?.channel === `user:${tom.user.id}`), [],
      'no event of another user\'s channel');
  });

  it('refuses unknown and malformed channels with an error, and the connection stays usable', async () => {
    const ws = await connect(amira);
    for (const channel of ['thread:999999999', 'thread:abc', 'sector:elderly', 'bogus:1', 'nonsense', 'THREAD:1', '']) {
      const answer = await subscribe(ws, [channel], { timeoutMs: eventTimeoutMs });
      validateComponent('WebSocketServerMessage', answer);
      assert.equal(answer.type, 'error', `subscribing to ${JSON.stringify(channel)} answered ${JSON.stringify(answer)}`);
    }
    await roundTrip(ws);
  });

  it('answers what it does not understand with an error and stays open', async () => {
    const ws = await connect(amira);
    for (const text of ['not json', '[]', '{"type":"dance"}', '{"type":"subscribe"}', '{"type":"subscribe","channels":[]}',
      '{"type":"subscribe","channels":["sector:children"],"since":-1}', '{"type":"subscribe","channels":"sector:children"}']) {
      ws.send(text);
      const answer = await ws.takeMessage((m) => m?.type === 'error' || m?.type === 'subscribed', eventTimeoutMs);
      validateComponent('WebSocketServerMessage', answer);
      assert.equal(answer.type, 'error', `${text} answered ${JSON.stringify(answer)}`);
    }
    ws.send(JSON.stringify({ type: 'ping' }));
    assert.deepEqual(await ws.takeMessage((m) => m?.type === 'pong', eventTimeoutMs), { type: 'pong' });
  });

  it('stops a channel\'s events after unsubscribe', async () => {
    const left = await forum.createThread(amira);
    const kept = await forum.createThread(amira);
    const ws = await connect(grace);
    await subscribed(ws, [`thread:${left.id}`, `thread:${kept.id}`]);
    ws.send(JSON.stringify({ type: 'unsubscribe', channels: [`thread:${left.id}`] }));
    await roundTrip(ws);
    await forum.reply(tom, left.id);
    const later = await forum.reply(tom, kept.id);
    await nextEvent(ws, `thread:${kept.id}`, 'post.created', postCreated(later.id));
    assert.deepEqual(ws.queuedMessages().filter((m) => m?.channel === `thread:${left.id}`), [], 'nothing from the channel left');
  });

  it('thread:{id} carries reactions, edits, acceptance, hiding, unhiding, locking and unlocking, in order', async () => {
    const thread = await forum.createThread(amira);
    const reply = await forum.reply(tom, thread.id, 'First answer.');
    const ws = await connect(grace);
    const channel = `thread:${thread.id}`;
    await subscribed(ws, [channel]);
    const seen = [];
    const expectNext = async (event, where) => {
      const message = await nextEvent(ws, channel, event, where);
      seen.push(message.id);
      return message.data;
    };

    await call('POST', routes.reactions, { id: reply.id, json: { kind: 'helpful' }, auth: amira, expect: 200 });
    assert.deepEqual((await expectNext('reactions.changed')).reactions, { helpful: 1, same_here: 0 });

    await call('PATCH', routes.post, { id: reply.id, json: { body: 'First answer, *edited*.' }, auth: tom, expect: 200 });
    const updated = await expectNext('post.updated');
    assert.match(updated.post.body_html, /<em>edited<\/em>/);
    assert.equal(updated.post.body_markdown, null);

    await call('POST', routes.accept, { id: thread.id, json: { post_id: reply.id }, auth: amira, expect: 200 });
    const accepted = await expectNext('thread.accepted');
    assert.equal(accepted.thread_id, thread.id);
    assert.equal(accepted.accepted_post_id, reply.id);
    if (accepted.thread) assert.equal(accepted.thread.status, 'answered');

    await call('POST', routes.hide, { id: reply.id, json: { reason: 'Checking' }, auth: sam, expect: 200 });
    assert.deepEqual(await expectNext('post.hidden'), { post_id: reply.id }, 'only the id: never the hidden body');

    await call('POST', routes.unhide, { id: reply.id, auth: sam, expect: 200 });
    assert.equal((await expectNext('post.unhidden')).post.body_html, updated.post.body_html);

    await call('POST', routes.lock, { id: thread.id, auth: sam, expect: 200 });
    const locked = await expectNext('thread.locked');
    assert.equal(locked.thread_id, thread.id);
    if (locked.thread) assert.equal(locked.thread.locked, true);
    await call('POST', routes.unlock, { id: thread.id, auth: sam, expect: 200 });
    const unlocked = await expectNext('thread.unlocked');
    assert.equal(unlocked.thread_id, thread.id);
    if (unlocked.thread) assert.equal(unlocked.thread.locked, false);

    assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'event ids increase');
  });
});

describe('catching up with since', () => {
  it('replays the missed events in order after a reconnect, then goes live without repeating any', async () => {
    const thread = await forum.createThread(amira);
    const channel = `thread:${thread.id}`;
    const own = `user:${amira.user.id}`;
    const first = await connect(amira);
    await subscribed(first, [channel]);
    const seenReply = await forum.reply(tom, thread.id);
    const lastSeen = (await nextEvent(first, channel, 'post.created', postCreated(seenReply.id))).id;
    first.close(1000);

    const missed = [];
    for (const session of [tom, grace, tom]) missed.push(await forum.reply(session, thread.id));

    const second = await connect(amira);
    const answer = await subscribed(second, [channel, own], { since: lastSeen });
    assert.equal(answer.reload, false);
    const replayed = [];
    for (const post of missed) replayed.push(await nextEvent(second, channel, 'post.created', postCreated(post.id)));
    for (const post of missed) {
      replayed.push(await nextEvent(second, own, 'notification.created', (m) => m.data.notification.post_id === post.id));
    }
    const replayedIds = replayed.map((m) => m.id);
    for (const id of replayedIds) assert.ok(id > lastSeen, 'only events after since');
    const postIds = replayed.filter((m) => m.event === 'post.created').map((m) => m.id);
    assert.deepEqual(postIds, [...postIds].sort((a, b) => a - b), 'replayed in order');

    const live = await forum.reply(grace, thread.id);
    const liveEvent = await nextEvent(second, channel, 'post.created', postCreated(live.id));
    assert.ok(liveEvent.id > Math.max(...replayedIds));
    await roundTrip(second);
    const all = [...replayed, liveEvent, ...second.queuedMessages().filter((m) => m?.type === 'event')].map((m) => m.id);
    assert.equal(new Set(all).size, all.length, `no event twice: ${all.join(', ')}`);
  });

  it('says reload when since is older than the events kept', async () => {
    const thread = await forum.createThread(amira);
    await forum.reply(tom, thread.id);
    const { rows: [{ newest }] } = await server.db.query('SELECT max(id)::int AS newest FROM events');
    // What the retention job does to events older than the retention period.
    await server.db.query('DELETE FROM events WHERE id <= $1', [newest]);
    const kept = await forum.reply(grace, thread.id);

    const tooOld = await connect(amira);
    const answer = await subscribed(tooOld, [`thread:${thread.id}`], { since: newest - 1 });
    assert.equal(answer.reload, true, 'the events after since are gone: the client must reload');

    const recent = await connect(amira);
    assert.equal((await subscribed(recent, [`thread:${thread.id}`], { since: newest })).reload, false);
    await nextEvent(recent, `thread:${thread.id}`, 'post.created', postCreated(kept.id));
  });
});

describe('several instances on one database', () => {
  let second;
  let secondForum;

  before(async () => {
    second = await startServer({ shareDatabaseWith: server });
    secondForum = forumClient(second.baseUrl);
  });

  after(async () => {
    await second?.stop();
  });

  it('delivers a reply posted through instance A to a WebSocket on instance B, and the other way round', async () => {
    const thread = await forum.createThread(amira);
    const channel = `thread:${thread.id}`;
    const onB = await connect(amira, second);
    const onA = await connect(grace, server);
    await subscribed(onB, [channel]);
    await subscribed(onA, [channel]);

    const viaA = await forum.reply(tom, thread.id, 'Posted through instance A.');
    await nextEvent(onB, channel, 'post.created', postCreated(viaA.id));
    const viaB = await secondForum.reply(tom, thread.id, 'Posted through instance B.');
    await nextEvent(onA, channel, 'post.created', postCreated(viaB.id));
    await nextEvent(onB, channel, 'post.created', postCreated(viaB.id));
  });

  it('loses no event when the instance a client is connected to is killed (SIGKILL) and it resumes on another', { timeout: 180_000 }, async () => {
    const victim = await startServer({ shareDatabaseWith: server });
    try {
      const thread = await forum.createThread(amira);
      const channel = `thread:${thread.id}`;
      const ws = await connect(grace, victim);
      await subscribed(ws, [channel]);
      const before = await forum.reply(tom, thread.id);
      const beforeEvent = await nextEvent(ws, channel, 'post.created', postCreated(before.id));

      // Replies keep coming through the surviving instance while the victim dies.
      const closed = waitForWebSocketClose(ws, eventTimeoutMs);
      const posting = (async () => {
        const posted = [];
        for (let i = 0; i < 6; i += 1) posted.push(await forum.reply(i % 2 ? amira : tom, thread.id));
        return posted;
      })();
      victim.process.kill('SIGKILL');
      await waitForExit(victim.process, eventTimeoutMs);
      await closed;
      const posted = await posting;

      const received = ws.queuedMessages().filter((m) => m?.type === 'event' && m.channel === channel);
      const lastSeen = Math.max(beforeEvent.id, ...received.map((m) => m.id));
      const resumed = await connect(grace, server);
      assert.equal((await subscribed(resumed, [channel], { since: lastSeen })).reload, false);
      const missing = posted.filter((post) => !received.some((m) => m.event === 'post.created' && m.data.post.id === post.id));
      const replayed = [];
      for (const post of missing) replayed.push(await nextEvent(resumed, channel, 'post.created', postCreated(post.id)));
      for (const m of replayed) assert.ok(m.id > lastSeen);
      const seenPostIds = [...received, ...replayed].filter((m) => m.event === 'post.created').map((m) => m.data.post.id);
      for (const post of posted) assert.ok(seenPostIds.includes(post.id), `reply ${post.id} reached the client`);
      await roundTrip(resumed);
      const all = [...received, ...replayed, ...resumed.queuedMessages().filter((m) => m?.type === 'event')].map((m) => m.id);
      assert.equal(new Set(all).size, all.length, `no event twice: ${all.join(', ')}`);
    } finally {
      await victim.stop({ signal: 'SIGKILL' });
    }
  });
});

describe('limits', () => {
  it('takes a message under 64 KiB and closes the connection with 1009 on one over it', async () => {
    const ws = await connect(amira);
    ws.send(JSON.stringify({ type: 'ping', padding: 'x'.repeat(60 * 1024) }));
    assert.deepEqual(await ws.takeMessage((m) => m?.type === 'pong' || m?.type === 'error', eventTimeoutMs), { type: 'pong' });
    const closed = waitForWebSocketClose(ws, eventTimeoutMs);
    ws.send(JSON.stringify({ type: 'ping', padding: 'x'.repeat(64 * 1024) }));
    assert.equal((await closed).code, 1009);
  });

  it('closes a client that stops reading with 1013 instead of queueing without bound', { timeout: 300_000 }, async () => {
    const thread = await forum.createThread(amira);
    const ws = await connect(grace);
    await subscribed(ws, [`thread:${thread.id}`]);
    ws.pause();
    // Each reply's event carries ~300 KB of rendered HTML ('"' becomes &quot;): a few dozen fill the kernel's socket
    // buffers and then the bounded send queue.
    const heavy = '"'.repeat(50_000);
    const tooSlow = /reads too slowly|too many unsent|send queue/i;
    for (let i = 0; i < 120 && !tooSlow.test(server.logs()); i += 1) await forum.reply(tom, thread.id, heavy);
    const closed = waitForWebSocketClose(ws, 120_000);
    ws.resume();
    const { code, reason } = await closed;
    assert.equal(code, 1013, `closed with ${code} ${reason}`);
    assert.notEqual(reason, '', 'the close frame says why');
  });
});

// Last in this file: it stops and starts the PostgreSQL cluster that every test of this run shares, so the test
// files must not run concurrently (node --test --test-concurrency=1).
describe('a PostgreSQL restart', () => {
  const [pgVersion, pgCluster] = (process.env.PSWNET_TEST_PG_CLUSTER || `${process.env.PGVERSION || '15'} regress`).split(/\s+/);
  const pgctl = (action) => promisify(execFile)('pg_ctlcluster', [pgVersion, pgCluster, action, ...(action === 'stop' ? ['-m', 'fast'] : [])]);

  it('leaves WebSockets open and delivers the events written once the database is back', { timeout: 180_000 }, async () => {
    const thread = await forum.createThread(amira);
    const channel = `thread:${thread.id}`;
    const ws = await connect(grace);
    await subscribed(ws, [channel]);
    await pgctl('stop');
    await pgctl('start');
    await pollUntil(async () => (await forum.api.get('/readyz')).status === 200,
      { timeoutMs: 60_000, intervalMs: 250, what: '/readyz answering 200 after PostgreSQL came back' });
    // Possibly before pswnet's LISTEN connection is back: it must catch up by event id.
    const reply = await pollUntil(async () => {
      const res = await call('POST', routes.posts, { id: thread.id, json: { body: 'After the restart.' }, auth: tom });
      return res.status === 201 && res.body;
    }, { timeoutMs: 30_000, intervalMs: 250, what: 'a reply accepted after the restart' });
    await nextEvent(ws, channel, 'post.created', postCreated(reply.id));
    assert.equal(server.process.exitCode, null, 'the same pswnet process served throughout');
  });
});
