// Real time end to end over /api/v1/ws, resilience: two pswnet instances on one database (including one killed
// with SIGKILL under a connected client), the message size limit, a client that stops reading, and delivery after a
// PostgreSQL restart.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DEMO_PASSWORD, demoUsers, request, signIn } from '../support/api.mjs';
import { addMember, forumClient, routes, startForumServer } from '../support/forum.mjs';
import {
  eventTimeoutMs, nextEvent, postCreated, roundTrip, socketsClosedAfterEachTest, subscribed,
} from '../support/realtime.mjs';
import { pollUntil, startServer, waitForExit } from '../support/server.mjs';
import { waitForWebSocketClose } from '../support/websocket.mjs';

let server, forum, call, amira, tom, grace; // who is who: startForumServer
before(async () => ({ server, forum, call, amira, tom, grace } = await startForumServer()));
after(() => server?.stop());

const connect = socketsClosedAfterEachTest(() => server);

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

  it('closes an account’s WebSockets on every instance at once when it is disabled, or deleted on another', async () => {
    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const leaver = await addMember(server, { organisation: 'E06000045' });
    const [leaverOnA, leaverOnB] = [await connect(leaver, server), await connect(leaver, second)];
    const closed = [waitForWebSocketClose(leaverOnA, eventTimeoutMs), waitForWebSocketClose(leaverOnB, eventTimeoutMs)];
    const disabled = await call('PATCH', '/api/v1/users/{id}', { id: leaver.user.id, json: { disabled: true },
      auth: sam, expect: 200 });
    assert.equal(disabled.body.disabled, true);
    await Promise.all(closed);

    const erased = await addMember(server, { organisation: 'E06000045' });
    const onA = await connect(erased, server);
    const erasedClosed = waitForWebSocketClose(onA, eventTimeoutMs);
    const bystander = await connect(amira, server);
    const deletion = await request(second.baseUrl, 'POST', '/api/v1/me/deletion',
      { json: { current_password: DEMO_PASSWORD }, auth: erased });
    assert.equal(deletion.status, 204, deletion.text);
    await erasedClosed;
    await roundTrip(bystander); // someone else's connection stays
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
