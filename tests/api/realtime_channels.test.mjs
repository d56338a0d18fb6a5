// Real time end to end over /api/v1/ws, channels: thread, sector and user channels fed by REST writes, who may
// subscribe to what, errors and unsubscribing, and replay with `since` (and `reload` past retention).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { routes, startForumServer } from '../support/forum.mjs';
import { validateComponent } from '../support/openapi.mjs';
import {
  aboutThread, eventTimeoutMs, nextEvent, postCreated, roundTrip, socketsClosedAfterEachTest, subscribed,
} from '../support/realtime.mjs';
import { subscribe } from '../support/websocket.mjs';

let server, forum, call, amira, tom, grace, sam; // who is who: startForumServer
before(async () => ({ server, forum, call, amira, tom, grace, sam } = await startForumServer()));
after(() => server?.stop());

const connect = socketsClosedAfterEachTest(() => server);

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
    assert.deepEqual(notification.subject,
      { type: 'thread', id: thread.id, title: thread.title, link: `/discussions/${thread.id}#post-${reply.id}` });
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

  it('does an unsubscribe after the subscribe sent before it, even while that one waits on the database', async () => {
    const left = await forum.createThread(amira);
    const kept = await forum.createThread(amira);
    const ws = await connect(grace);
    await subscribed(ws, [`thread:${kept.id}`]);
    // Sent together: the subscribe needs a database read to be allowed; the unsubscribe needs none, and used to be
    // done first, leaving the connection subscribed.
    ws.send(JSON.stringify({ type: 'subscribe', channels: [`thread:${left.id}`] }));
    ws.send(JSON.stringify({ type: 'unsubscribe', channels: [`thread:${left.id}`] }));
    const answers = [];
    while (answers.length < 2) {
      const answer = await ws.takeMessage((m) => m?.type === 'subscribed' || m?.type === 'unsubscribed', eventTimeoutMs);
      validateComponent('WebSocketServerMessage', answer);
      answers.push(answer.type);
    }
    assert.deepEqual(answers, ['subscribed', 'unsubscribed'], 'answered in the order sent');
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

  it('a burst of replies reaches every subscriber of the thread, each in id order', async () => {
    // Delivery is shared among the I/O threads in lanes (realtime/hub.hpp): events published one after another must
    // still reach each connection in order, however the threads take them.
    const thread = await forum.createThread(amira);
    const channel = `thread:${thread.id}`;
    // Enough connections that a lane's share of each event takes a while to send.
    const sockets = await Promise.all(Array.from({ length: 120 }, async (_, i) => {
      const ws = await connect([amira, grace, sam, tom][i % 4]);
      await subscribed(ws, [channel]);
      return ws;
    }));
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      forum.reply([tom, sam, grace][i % 3], thread.id, `Burst reply ${i + 1}.`)));
    const replyIds = new Set(replies.map((r) => r.id));

    for (const [n, ws] of sockets.entries()) {
      const received = [];
      for (let i = 0; i < replies.length; i += 1)
        received.push(await nextEvent(ws, channel, 'post.created', (m) => replyIds.has(m.data.post.id)));
      const eventIds = received.map((m) => m.id);
      assert.deepEqual(eventIds, [...eventIds].sort((a, b) => a - b), `connection ${n}: events in id order`);
      assert.equal(new Set(received.map((m) => m.data.post.id)).size, replies.length, `connection ${n}: every reply`);
    }
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

  it('does not replay what a connection already had live on a channel it had (its own user channel)', async () => {
    const thread = await forum.createThread(amira);
    const ws = await connect(amira); // user:{id} is live from the start
    const reply = await forum.reply(tom, thread.id);
    const notified = await nextEvent(ws, `user:${amira.user.id}`, 'notification.created',
      (m) => m.data.notification.post_id === reply.id);
    const answer = await subscribed(ws, [`user:${amira.user.id}`, `thread:${thread.id}`], { since: notified.id - 1 });
    assert.equal(answer.reload, false);
    await roundTrip(ws);
    assert.deepEqual(ws.queuedMessages().filter((m) => m?.id === notified.id), [], `event ${notified.id} not sent twice`);
  });

  it('never replays words that an edit or a moderator took out, and replays what the post now says', async () => {
    const thread = await forum.createThread(amira);
    const channel = `thread:${thread.id}`;
    const live = await connect(amira);
    await subscribed(live, [channel]);
    const edited = await forum.reply(tom, thread.id, 'Ring me on the old number, it is **private-words-one**.');
    const before = (await nextEvent(live, channel, 'post.created', postCreated(edited.id))).id - 1;
    const hidden = await forum.reply(grace, thread.id, 'Ask the team about **private-words-two**.');
    await call('PATCH', routes.post, { id: edited.id, json: { body: 'Ask me on the network instead.' }, auth: tom, expect: 200 });
    await call('POST', routes.hide, { id: hidden.id, json: { reason: 'Identifying detail' }, auth: sam, expect: 200 });

    const replaying = await connect(grace);
    await subscribed(replaying, [channel], { since: before });
    const created = await nextEvent(replaying, channel, 'post.created', postCreated(edited.id));
    assert.match(created.data.post.body_html, /Ask me on the network instead/, 'the post as it reads now');
    const updated = await nextEvent(replaying, channel, 'post.updated', (m) => m.data.post.id === edited.id);
    assert.match(updated.data.post.body_html, /on the network instead/);
    const hiddenCreated = await nextEvent(replaying, channel, 'post.created', postCreated(hidden.id));
    assert.equal(hiddenCreated.data.post.body_html, null);
    assert.equal(hiddenCreated.data.post.hidden, true);
    await nextEvent(replaying, channel, 'post.hidden');
    await roundTrip(replaying);
    const everything = JSON.stringify([created, updated, hiddenCreated, ...replaying.queuedMessages()]);
    assert.doesNotMatch(everything, /private-words/, 'no event replays removed text');
  });

  it('takes the largest since there is without harm (since + 1 once overflowed)', async () => {
    await forum.createThread(amira); // the events table is not empty
    const ws = await connect(amira);
    ws.send('{"type":"subscribe","channels":["sector:children"],"since":9223372036854775807}');
    const answer = await ws.takeMessage((m) => m?.type === 'error' || m?.type === 'subscribed', eventTimeoutMs);
    assert.ok(['subscribed', 'error'].includes(answer.type));
    await roundTrip(ws);
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
