// Discussions end to end, posts: replying, editing with revisions, accepting answers, reactions, flags and
// following threads, against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { routes, startForumServer } from '../support/forum.mjs';
import { pollUntil } from '../support/server.mjs';

let server, forum, call, amira, tom, grace, sam; // who is who: startForumServer
before(async () => ({ server, forum, call, amira, tom, grace, sam } = await startForumServer()));
after(() => server?.stop());

describe('replying: POST /threads/{id}/posts', () => {
  it('adds a rendered reply, counts it, and subscribes the replier', async () => {
    const thread = await forum.createThread(amira);
    const post = await forum.reply(tom, thread.id, 'We pair each *ASYE* with a practice educator.');
    assert.equal(post.thread_id, thread.id);
    assert.equal(post.is_opening, false);
    assert.equal(post.author.id, tom.user.id);
    assert.match(post.body_html, /<em>ASYE<\/em>/);
    assert.equal(post.can_edit, true);
    assert.equal(post.accepted, false);
    const read = await forum.getThread(tom, thread.id);
    assert.equal(read.reply_count, 1);
    assert.ok(read.last_activity_at >= thread.last_activity_at);
    assert.equal(read.subscribed, true, 'replying subscribes the replier');
    assert.equal(read.status, 'unanswered', 'a reply alone does not answer a question');
  });

  it('writes the reply with its audit entry and its live events in order, the thread counted', async () => {
    const thread = await forum.createThread(amira);
    const before = (await server.db.query('SELECT coalesce(max(id), 0) AS id FROM events')).rows[0].id;
    const res = await call('POST', routes.posts, { id: thread.id, json: { body: 'We log every panel.' }, auth: tom,
      expect: 201 });
    const post = res.body;

    const audited = (await server.db.query(`SELECT actor_user_id, object_type, request_id FROM audit_log
      WHERE action = 'post.created' AND object_id = $1`, [post.id])).rows;
    assert.deepEqual(audited, [{ actor_user_id: String(tom.user.id), object_type: 'post',
      request_id: res.headers.get('x-request-id') }]);

    const events = (await server.db.query(`SELECT channel, type, payload FROM events
      WHERE id > $1 AND channel IN ($2, 'sector:children') ORDER BY id`, [before, `thread:${thread.id}`])).rows;
    assert.deepEqual(events.map((e) => [e.channel, e.type]),
      [[`thread:${thread.id}`, 'post.created'], ['sector:children', 'thread.activity']]);
    assert.equal(events[0].payload.post.id, post.id);
    assert.equal(events[0].payload.post.body_html, post.body_html);
    const stored = (await server.db.query(`SELECT reply_count, view_count, rfc3339(last_activity_at) AS last_activity_at
      FROM threads WHERE id = $1`, [thread.id])).rows[0];
    for (const e of events) {
      const { reply_count, view_count, last_activity_at } = e.payload.thread;
      assert.deepEqual({ reply_count, view_count, last_activity_at }, stored, `${e.channel} has the thread as counted`);
    }
    const told = (await server.db.query(`SELECT count(*)::int AS n FROM events
      WHERE id > $1 AND channel = $2 AND type = 'notification.created'`, [before, `user:${amira.user.id}`])).rows;
    assert.equal(told[0].n, 1, 'the author, who follows her thread, is told');
  });

  // Runs `change` (SQL, $1 the thread's id) in a transaction that holds the thread's row, posts a reply while it is
  // held, waits until the reply waits for that row, commits, and returns the reply's response.
  const replyWhileChanging = async (thread, who, change) => {
    const changing = await server.db.connect();
    let committed = false;
    try {
      await changing.query('BEGIN');
      await changing.query(change, [thread.id]);
      const replying = call('POST', routes.posts, { id: thread.id, json: { body: 'Ours too.' }, auth: who });
      await pollUntil(async () => (await server.db.query(`SELECT 1 FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND query LIKE '%FROM finish_reply(%'`)).rowCount > 0,
      { timeoutMs: 20_000, intervalMs: 20, what: 'the reply waiting on the thread\'s row' });
      await changing.query('COMMIT');
      committed = true;
      return await replying;
    } finally {
      changing.release(!committed); // closed if it failed before COMMIT, which ends its transaction and lock
    }
  };
  const narrowToItsOrganisation = `UPDATE threads SET readers = 'organisation', readers_organisation_id = organisation_id
    WHERE id = $1`;

  it('announces a reply by the readers its thread has when it commits, not those it had when the reply began',
    async () => {
      // A reply's events must say what its thread is when the reply commits. A change of readers committed while the
      // reply waited for the thread's row must not send the thread, with its title, to the sector channel it has just
      // left: the reply, whose events were built from an earlier read, is written again from the thread as it is.
      const thread = await forum.createThread(amira);
      const before = (await server.db.query('SELECT coalesce(max(id), 0) AS id FROM events')).rows[0].id;
      assert.equal((await replyWhileChanging(thread, amira, narrowToItsOrganisation)).status, 201);
      const events = (await server.db.query(`SELECT channel, type, payload FROM events
        WHERE id > $1 AND channel IN ($2, 'sector:children') ORDER BY id`, [before, `thread:${thread.id}`])).rows;
      assert.deepEqual(events.map((e) => [e.channel, e.type]), [[`thread:${thread.id}`, 'post.created']]);
      assert.equal(events[0].payload.thread.readers.scope, 'organisation');
      assert.equal(events[0].payload.thread.reply_count, 1);
    });

  // The newest audit entry and event, and what a refused reply must leave after them: no post, no count, no audit
  // entry, no event.
  const lastWritten = async () => (await server.db.query(`SELECT
    (SELECT coalesce(max(id), 0) FROM audit_log) AS audit, (SELECT coalesce(max(id), 0) FROM events) AS events`)).rows[0];
  const assertNothingWritten = async (thread, before) => {
    const written = (await server.db.query(`SELECT
        (SELECT count(*) FROM posts WHERE thread_id = $1 AND NOT is_opening)::int AS posts,
        (SELECT reply_count FROM threads WHERE id = $1) AS reply_count,
        (SELECT count(*) FROM audit_log WHERE id > $2 AND action = 'post.created')::int AS audited,
        (SELECT count(*) FROM events WHERE id > $3)::int AS events`, [thread.id, before.audit, before.events])).rows[0];
    assert.deepEqual(written, { posts: 0, reply_count: 0, audited: 0, events: 0 });
  };

  it('refuses a reply, writing nothing, when a moderator locks the thread while the reply waits for it (409)',
    async () => {
      const thread = await forum.createThread(amira);
      const before = await lastWritten();
      const refused = await replyWhileChanging(thread, tom, 'UPDATE threads SET locked_at = now() WHERE id = $1');
      expectProblem(refused, 409);
      assert.match(refused.body.detail ?? refused.body.title, /locked/);
      await assertNothingWritten(thread, before);
    });

  it('refuses a reply, writing nothing, when the thread is narrowed away from the replier while the reply waits (404)',
    async () => {
      const thread = await forum.createThread(amira); // Southampton's; tom is in Wiltshire
      const before = await lastWritten();
      expectProblem(await replyWhileChanging(thread, tom, narrowToItsOrganisation), 404);
      await assertNothingWritten(thread, before);
    });

  it('refuses an empty or too long body, or one with U+0000 (422), and an unknown thread (404)', async () => {
    const thread = await forum.createThread(amira);
    expectInvalidFields(await call('POST', routes.posts, { id: thread.id, json: { body: '' }, auth: tom }), ['body']);
    expectInvalidFields(await call('POST', routes.posts, { id: thread.id, json: { body: 'y'.repeat(50_001) }, auth: tom }), ['body']);
    expectInvalidFields(await call('POST', routes.posts, { id: thread.id, json: {}, auth: tom }), ['body']);
    expectInvalidFields(await call('POST', routes.posts, { id: thread.id, json: { body: 'Cut\u0000short' }, auth: tom }),
      ['body']);
    expectProblem(await call('POST', routes.posts, { id: 999_999_999, json: { body: 'Hello' }, auth: tom }), 404);
    assert.equal((await forum.getThread(amira, thread.id)).reply_count, 0);
  });
});

describe('editing: PATCH /posts/{id} and revisions', () => {
  it('lets the author edit, keeping the earlier text as a revision', async () => {
    const thread = await forum.createThread(amira, { body: 'First version of the question.' });
    const opening = thread.posts[0];
    const res = await call('PATCH', routes.post, { id: opening.id, json: { body: 'Second version, with **more** detail.' }, auth: amira, expect: 200 });
    const edited = res.body;
    assert.equal(edited.body_markdown, 'Second version, with **more** detail.');
    assert.match(edited.body_html, /<strong>more<\/strong>/);
    assert.notEqual(edited.edited_at, null);
    assert.equal(edited.revision_count, 1);
    const revisions = (await call('GET', routes.revisions, { id: opening.id, auth: amira, expect: 200 })).body.items;
    assert.ok(revisions.length >= 1);
    assert.equal(revisions[0].body_markdown, 'First version of the question.', 'the oldest revision first');
    assert.match(revisions[0].body_html, /First version of the question\./);
    assert.equal(revisions[0].edited_by.id, amira.user.id);
    await call('PATCH', routes.post, { id: opening.id, json: { body: 'Third version.' }, auth: amira, expect: 200 });
    const more = (await call('GET', routes.revisions, { id: opening.id, auth: amira, expect: 200 })).body.items;
    assert.ok(more.some((r) => r.body_markdown === 'Second version, with **more** detail.'));
    assert.equal(more[0].body_markdown, 'First version of the question.');
    for (let i = 1; i < more.length; i += 1) assert.ok(more[i - 1].created_at <= more[i].created_at);
    assert.equal((await forum.getThread(tom, thread.id)).posts[0].body_html.includes('Third version.'), true);
  });

  it('refuses another member (403) and shows them no revisions (403)', async () => {
    const thread = await forum.createThread(amira, { body: 'Original words.' });
    const opening = thread.posts[0];
    expectProblem(await call('PATCH', routes.post, { id: opening.id, json: { body: 'Vandalised.' }, auth: tom }), 403);
    expectProblem(await call('GET', routes.revisions, { id: opening.id, auth: tom }), 403);
    assert.equal((await forum.getThread(amira, thread.id)).posts[0].body_markdown, 'Original words.');
  });

  it('lets a moderator edit any post', async () => {
    const thread = await forum.createThread(amira, { body: 'A body a moderator will tidy.' });
    const res = await call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: 'Tidied by a moderator.' }, auth: sam, expect: 200 });
    assert.equal(res.body.body_markdown, 'Tidied by a moderator.');
    const revisions = (await call('GET', routes.revisions, { id: thread.posts[0].id, auth: sam, expect: 200 })).body.items;
    assert.equal(revisions[0].body_markdown, 'A body a moderator will tidy.');
  });

  it('closes the author\'s edit window after 24 hours; moderators may still edit', async () => {
    const thread = await forum.createThread(amira, { body: 'Posted long ago.' });
    const opening = thread.posts[0];
    await server.db.query("UPDATE posts SET created_at = created_at - interval '25 hours' WHERE id = $1", [opening.id]);
    expectProblem(await call('PATCH', routes.post, { id: opening.id, json: { body: 'Too late.' }, auth: amira }), 403);
    assert.equal((await forum.getThread(amira, thread.id)).posts[0].can_edit, false);
    await call('PATCH', routes.post, { id: opening.id, json: { body: 'A moderator may.' }, auth: sam, expect: 200 });
  });

  it('refuses an empty body (422) and an unknown post (404)', async () => {
    const thread = await forum.createThread(amira);
    expectInvalidFields(await call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: '' }, auth: amira }), ['body']);
    expectProblem(await call('PATCH', routes.post, { id: 999_999_999, json: { body: 'x' }, auth: amira }), 404);
    expectProblem(await call('GET', routes.revisions, { id: 999_999_999, auth: amira }), 404);
  });
});

describe('accepting an answer: POST /threads/{id}/accept', () => {
  it('lets the asker accept a reply, change it, and withdraw it', async () => {
    const thread = await forum.createThread(amira);
    const first = await forum.reply(tom, thread.id);
    const second = await forum.reply(grace, thread.id);
    const asker = await forum.getThread(amira, thread.id);
    assert.equal(asker.posts.find((p) => p.id === first.id).can_accept, true);

    let accepted = (await call('POST', routes.accept, { id: thread.id, json: { post_id: first.id }, auth: amira, expect: 200 })).body;
    assert.equal(accepted.accepted_post_id, first.id);
    assert.equal(accepted.status, 'answered');
    assert.deepEqual(accepted.posts.filter((p) => p.accepted).map((p) => p.id), [first.id]);

    accepted = (await call('POST', routes.accept, { id: thread.id, json: { post_id: second.id }, auth: amira, expect: 200 })).body;
    assert.equal(accepted.accepted_post_id, second.id);
    assert.deepEqual(accepted.posts.filter((p) => p.accepted).map((p) => p.id), [second.id], 'one accepted answer at a time');

    accepted = (await call('POST', routes.accept, { id: thread.id, json: { post_id: null }, auth: amira, expect: 200 })).body;
    assert.equal(accepted.accepted_post_id, null);
    assert.equal(accepted.status, 'unanswered');
    assert.deepEqual(accepted.posts.filter((p) => p.accepted), []);
  });

  it('refuses others (403) but lets a moderator accept', async () => {
    const thread = await forum.createThread(amira);
    const answer = await forum.reply(tom, thread.id);
    assert.equal((await forum.getThread(grace, thread.id)).can_accept, false);
    expectProblem(await call('POST', routes.accept, { id: thread.id, json: { post_id: answer.id }, auth: grace }), 403);
    expectProblem(await call('POST', routes.accept, { id: thread.id, json: { post_id: answer.id }, auth: tom }), 403);
    assert.equal((await forum.getThread(amira, thread.id)).accepted_post_id, null);
    const byModerator = (await call('POST', routes.accept, { id: thread.id, json: { post_id: answer.id }, auth: sam, expect: 200 })).body;
    assert.equal(byModerator.accepted_post_id, answer.id);
  });

  it('is for questions only (422 on a discussion)', async () => {
    const thread = await forum.createThread(amira, { kind: 'discussion' });
    const post = await forum.reply(tom, thread.id);
    expectProblem(await call('POST', routes.accept, { id: thread.id, json: { post_id: post.id }, auth: amira }), 422);
    assert.equal((await forum.getThread(amira, thread.id)).can_accept, false);
  });

  it('answers 404 for an unknown thread', async () => {
    expectProblem(await call('POST', routes.accept, { id: 999_999_999, json: { post_id: null }, auth: amira }), 404);
  });
});

describe('reactions: POST /posts/{id}/reactions', () => {
  it('toggles each kind once per person, and others see the counts', async () => {
    const thread = await forum.createThread(amira);
    const postId = thread.posts[0].id;
    const react = async (session, kind) => (await call('POST', routes.reactions, { id: postId, json: { kind }, auth: session, expect: 200 })).body;

    assert.deepEqual(await react(tom, 'helpful'), { reactions: { helpful: 1, same_here: 0 }, my_reactions: ['helpful'] });
    const both = await react(tom, 'same_here');
    assert.deepEqual(both.reactions, { helpful: 1, same_here: 1 });
    assert.deepEqual([...both.my_reactions].sort(), ['helpful', 'same_here']);
    assert.deepEqual((await react(grace, 'helpful')).reactions, { helpful: 2, same_here: 1 });
    assert.deepEqual(await react(tom, 'helpful'), { reactions: { helpful: 1, same_here: 1 }, my_reactions: ['same_here'] },
      'a second helpful from the same person takes it back');

    const asTom = (await forum.getThread(tom, thread.id)).posts[0];
    assert.deepEqual(asTom.reactions, { helpful: 1, same_here: 1 });
    assert.deepEqual(asTom.my_reactions, ['same_here']);
    const asAmira = (await forum.getThread(amira, thread.id)).posts[0];
    assert.deepEqual(asAmira.reactions, { helpful: 1, same_here: 1 });
    assert.deepEqual(asAmira.my_reactions, []);
  });

  it('refuses a reaction to one\'s own post (422), an unknown kind (422) and an unknown post (404)', async () => {
    const thread = await forum.createThread(amira);
    const postId = thread.posts[0].id;
    expectProblem(await call('POST', routes.reactions, { id: postId, json: { kind: 'helpful' }, auth: amira }), 422);
    expectInvalidFields(await call('POST', routes.reactions, { id: postId, json: { kind: 'like' }, auth: tom }), ['kind']);
    expectProblem(await call('POST', routes.reactions, { id: 999_999_999, json: { kind: 'helpful' }, auth: tom }), 404);
    assert.deepEqual((await forum.getThread(amira, thread.id)).posts[0].reactions, { helpful: 0, same_here: 0 });
  });
});

describe('flags: POST /posts/{id}/flags', () => {
  it('takes one open flag per person per post (409 for a second)', async () => {
    const thread = await forum.createThread(amira);
    const post = await forum.reply(tom, thread.id);
    const flag = (await call('POST', routes.flags, { id: post.id, json: { reason: 'It may identify a family.' }, auth: amira, expect: 201 })).body;
    assert.equal(typeof flag.id, 'number');
    expectProblem(await call('POST', routes.flags, { id: post.id, json: { reason: 'Again.' }, auth: amira }), 409);
    await call('POST', routes.flags, { id: post.id, json: { reason: 'I agree it may identify a family.' }, auth: grace, expect: 201 });
  });

  it('needs a reason of 1 to 500 characters (422) and an existing post (404)', async () => {
    const thread = await forum.createThread(amira);
    const postId = thread.posts[0].id;
    expectInvalidFields(await call('POST', routes.flags, { id: postId, json: { reason: '' }, auth: tom }), ['reason']);
    expectInvalidFields(await call('POST', routes.flags, { id: postId, json: { reason: 'r'.repeat(501) }, auth: tom }), ['reason']);
    expectInvalidFields(await call('POST', routes.flags, { id: postId, json: {}, auth: tom }), ['reason']);
    expectProblem(await call('POST', routes.flags, { id: 999_999_999, json: { reason: 'Why' }, auth: tom }), 404);
    await call('POST', routes.flags, { id: postId, json: { reason: 'r'.repeat(500) }, auth: tom, expect: 201 });
  });
});

describe('following: PUT and DELETE /threads/{id}/subscription', () => {
  it('subscribes and unsubscribes, each idempotent', async () => {
    const thread = await forum.createThread(amira);
    assert.equal((await forum.getThread(grace, thread.id)).subscribed, false);
    await call('PUT', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    await call('PUT', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    assert.equal((await forum.getThread(grace, thread.id)).subscribed, true);
    await call('DELETE', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    await call('DELETE', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    assert.equal((await forum.getThread(grace, thread.id)).subscribed, false);
    await call('DELETE', routes.subscription, { id: thread.id, auth: amira, expect: 204 });
    assert.equal((await forum.getThread(amira, thread.id)).subscribed, false, 'the asker may stop following too');
  });

  it('answers 404 for an unknown thread', async () => {
    expectProblem(await call('PUT', routes.subscription, { id: 999_999_999, auth: grace }), 404);
    expectProblem(await call('DELETE', routes.subscription, { id: 999_999_999, auth: grace }), 404);
  });
});
