// Discussions end to end, notifications: replies to followed threads, @mentions, accepted answers, reading and
// counting them, and questions addressed to statistical neighbours or the region, against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { countRows } from '../support/database.mjs';
import { addMember, ids, isAbout, routes, sortedIds, startForumServer } from '../support/forum.mjs';
import { pollUntil } from '../support/server.mjs';

let server, forum, call, amira, tom, grace, priya; // who is who: startForumServer
before(async () => ({ server, forum, call, amira, tom, grace, priya } = await startForumServer()));
after(() => server?.stop());

describe('notifications', () => {
  /**
   * People whose unread count differs from a count of their unread notifications: as reads give it, or, once
   * folded, as the counters alone hold it.
   */
  async function miscounted({ folded = false } = {}) {
    const counted = folded ? 'notification_unread_counts' : 'notification_unread';
    return (await server.db.query(`
      SELECT u.id FROM users u
      WHERE coalesce((SELECT unread FROM ${counted} c WHERE c.user_id = u.id), 0)
            <> (SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)`)).rows;
  }

  /** The notifications of `session` about `threadId`, newest first. */
  async function about(session, threadId) {
    const items = await forum.allPages(session, {}, 100, routes.notifications);
    return items.filter(isAbout('thread', threadId));
  }

  it('tell followers of a reply, but not the replier, nor those who stopped following', async () => {
    const thread = await forum.createThread(amira);
    await call('PUT', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    const reply = await forum.reply(tom, thread.id);

    const [toAsker] = await about(amira, thread.id);
    assert.ok(toAsker, 'the asker is told of the reply');
    assert.equal(toAsker.kind, 'reply');
    assert.equal(toAsker.post_id, reply.id);
    assert.deepEqual(toAsker.subject,
      { type: 'thread', id: thread.id, title: thread.title, link: `/discussions/${thread.id}#post-${reply.id}` });
    assert.equal(toAsker.actor.id, tom.user.id);
    assert.equal(toAsker.read, false);
    assert.deepEqual((await about(grace, thread.id)).map((n) => n.kind), ['reply'], 'a follower is told');
    assert.deepEqual(await about(tom, thread.id), [], 'the replier is not told of their own reply');

    await call('DELETE', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    await forum.reply(priya, thread.id);
    assert.equal((await about(grace, thread.id)).length, 1, 'no notification after unsubscribing');
    assert.equal((await about(amira, thread.id)).length, 2);
    assert.equal((await about(tom, thread.id)).length, 1, 'the earlier replier now follows and is told');
  });

  it('tell many followers of a reply at once: one notification each, with its own live unread count', async () => {
    const thread = await forum.createThread(amira);
    // Southwark's members, so that Grace (its administrator) can disable one of them.
    const followers = await Promise.all(Array.from({ length: 8 }, () => addMember(server, { organisation: 'E09000028' })));
    for (const follower of [...followers, grace])
      await call('PUT', routes.subscription, { id: thread.id, auth: follower, expect: 204 });
    await forum.reply(followers[0], thread.id); // everyone has one unread notification now, but its writer
    const [disabled] = followers.splice(1, 1);
    await call('PATCH', '/api/v1/users/{id}', { id: disabled.user.id, json: { disabled: true }, auth: grace,
      expect: 200 });

    const reply = await forum.reply(tom, thread.id);
    for (const [index, follower] of [...followers, grace, amira].entries()) {
      const told = (await about(follower, thread.id)).filter((n) => n.post_id === reply.id);
      assert.equal(told.length, 1, `follower ${index} is told once`);
    }
    assert.deepEqual(await server.db.query('SELECT 1 FROM notifications WHERE post_id = $1 AND user_id = ANY($2)',
      [reply.id, [tom.user.id, disabled.user.id]]).then((r) => r.rows), [], 'not the writer, nor a disabled account');
    // Each live event carries the count of its reader's unread notifications, as the API counts them.
    const { rows: events } = await server.db.query(
      `SELECT channel, payload FROM events WHERE type = 'notification.created'
       AND (payload -> 'notification' ->> 'post_id')::bigint = $1 ORDER BY id`, [reply.id]);
    assert.equal(events.length, followers.length + 2);
    for (const follower of [followers[0], followers[3], grace]) {
      const event = events.find((e) => e.channel === `user:${follower.user.id}`);
      assert.equal(event.payload.unread_count, (await forum.notifications(follower)).unread_count);
    }

    // The counts are kept as notifications are written, read and withdrawn: they always agree with a count.
    assert.deepEqual(await miscounted(), []);
    const [first] = (await forum.notifications(followers[3])).items;
    await call('POST', routes.notificationsRead, { json: { ids: [first.id] }, auth: followers[3], expect: 204 });
    await call('POST', routes.notificationsRead, { json: { all: true }, auth: grace, expect: 204 });
    assert.equal((await forum.notifications(grace)).unread_count, 0);
    assert.deepEqual(await miscounted(), []);
  });

  it('count unread notifications exactly when many are written and read at once, before and after the fold', async () => {
    const thread = await forum.createThread(amira);
    const repliers = await Promise.all(Array.from({ length: 6 }, () => addMember(server, { organisation: 'E09000028' })));
    for (const replier of repliers)
      await call('PUT', routes.subscription, { id: thread.id, auth: replier, expect: 204 });
    // Each reply tells the other five and Amira; six at once, four times over, while Amira reads hers.
    const reading = (async () => {
      for (let i = 0; i < 4; i++)
        await call('POST', routes.notificationsRead, { json: { all: true }, auth: amira, expect: 204 });
    })();
    for (let round = 0; round < 4; round++)
      await Promise.all(repliers.map((replier) => forum.reply(replier, thread.id)));
    await reading;
    for (const replier of repliers)
      assert.equal((await forum.notifications(replier)).unread_count, 4 * 5);
    assert.deepEqual(await miscounted(), []);

    // Every instance folds the changes into the counters within seconds, and the counts do not move.
    await pollUntil(async () => (await countRows(server.db, 'notification_unread_changes')) === 0,
      { timeoutMs: 30_000, what: 'the unread changes folded' });
    assert.deepEqual(await miscounted({ folded: true }), []);
    for (const replier of repliers)
      assert.equal((await forum.notifications(replier)).unread_count, 4 * 5);
  });

  it('tell a member mentioned by @display name', async () => {
    const thread = await forum.createThread(tom, { sector: 'adults' });
    const post = await forum.reply(amira, thread.id, `@${grace.user.display_name} how does Southwark handle this?`);
    const mentions = (await about(grace, thread.id)).filter((n) => n.kind === 'mention');
    assert.equal(mentions.length, 1, `grace (${grace.user.display_name}) is told she was mentioned`);
    assert.equal(mentions[0].post_id, post.id);
    assert.equal(mentions[0].actor.id, amira.user.id);
  });

  it('tell the author of an answer that it was accepted', async () => {
    const thread = await forum.createThread(amira);
    const answer = await forum.reply(tom, thread.id);
    await call('POST', routes.accept, { id: thread.id, json: { post_id: answer.id }, auth: amira, expect: 200 });
    const accepted = (await about(tom, thread.id)).filter((n) => n.kind === 'answer_accepted');
    assert.equal(accepted.length, 1);
    assert.equal(accepted[0].post_id, answer.id);
    assert.equal(accepted[0].actor.id, amira.user.id);
  });

  it('list unread ones, mark some or all read, and count the unread', async () => {
    const reader = await addMember(server, { organisation: 'E06000045', sector: 'children' });
    const thread = await forum.createThread(reader);
    for (const session of [tom, grace, priya]) await forum.reply(session, thread.id);

    let page = await forum.notifications(reader);
    assert.equal(page.items.length, 3);
    assert.equal(page.unread_count, 3);
    assert.ok(page.items[0].id > page.items[2].id, 'newest first');
    await call('POST', routes.notificationsRead, { json: { ids: [page.items[0].id] }, auth: reader, expect: 204 });
    page = await forum.notifications(reader);
    assert.equal(page.unread_count, 2);
    assert.equal(page.items[0].read, true);
    const unread = await forum.notifications(reader, { unread: 'true' });
    assert.deepEqual(ids(unread.items), ids(page.items.slice(1)));
    for (const n of unread.items) assert.equal(n.read, false);


    const byOther = await call('POST', routes.notificationsRead, { json: { ids: [page.items[1].id] }, auth: tom });
    assert.ok([204, 403, 404, 422].includes(byOther.status), `marking another user's notification: ${byOther.status}`);
    assert.equal((await forum.notifications(reader)).unread_count, 2, 'nobody marks another user\'s notifications read');

    await call('POST', routes.notificationsRead, { json: { all: true }, auth: reader, expect: 204 });
    page = await forum.notifications(reader);
    assert.equal(page.unread_count, 0);
    for (const n of page.items) assert.equal(n.read, true);
    assert.deepEqual((await forum.notifications(reader, { unread: 'true' })).items, []);
  });

  it('page the same whatever the page size', async () => {
    const byHundred = ids(await forum.allPages(amira, {}, 100, routes.notifications));
    assert.ok(byHundred.length >= 3, 'amira has had several notifications by now');
    assert.deepEqual(ids(await forum.allPages(amira, {}, 2, routes.notifications)), byHundred);
  });

  it('refuse a read request naming neither ids nor all (422)', async () => {
    expectProblem(await call('POST', routes.notificationsRead, { json: {}, auth: amira }), 422);
    expectInvalidFields(await call('POST', routes.notificationsRead, { json: { ids: 'all' }, auth: amira }), ['ids']);
  });
});

describe('questions addressed to an audience', () => {
  let portsmouth; // a member at Portsmouth: a statistical neighbour of Southampton, in the same region
  let wiltshire; // Tom, at Wiltshire: neither

  before(async () => {
    portsmouth = await addMember(server, { organisation: 'E06000044', sector: 'children' });
    wiltshire = tom;
  });

  async function neighbourIds(group) {
    const res = await forum.api.get(`/api/v1/organisations/${amira.user.organisation.id}/neighbours?group=${group}`, { auth: amira });
    assert.equal(res.status, 200, res.text);
    return res.body.items.map((n) => n.organisation.id).sort((a, b) => a - b);
  }

  for (const [audience, group] of [['statistical_neighbours', 'statistical'], ['region', 'region']]) {
    it(`${audience}: shows the organisations and notifies their members`, async () => {
      const thread = await forum.createThread(amira, { audience });
      assert.equal(thread.audience, audience);
      assert.deepEqual(sortedIds(thread.audience_organisations), await neighbourIds(group));
      assert.equal((await forum.getThread(tom, thread.id)).audience, audience, 'the thread shows its audience to all');
      const told = (await forum.notifications(portsmouth)).items.filter(isAbout('thread', thread.id));
      assert.deepEqual(told.map((n) => n.kind), ['audience_question']);
      assert.equal(told[0].actor.id, amira.user.id);
      const notTold = (await forum.notifications(wiltshire)).items.filter(isAbout('thread', thread.id));
      assert.deepEqual(notTold, [], 'members outside the audience are not notified');
    });
  }

  it('network: notifies nobody beyond followers and has no audience organisations', async () => {
    const thread = await forum.createThread(amira);
    assert.deepEqual(thread.audience_organisations, []);
    assert.deepEqual((await forum.notifications(portsmouth)).items.filter(isAbout('thread', thread.id)), []);
  });
});
