// Replies written together: those that arrive while a batch of replies is being written wait, and the next batch
// writes them in one transaction (db::write_batches, forum/replies_together.cpp). Each must come out as it would
// alone: counted, audited, announced and notified, or refused, with nothing left of it, when its thread closes or its
// writer passes their limit while it waits. The server writes one batch at a time (--reply-batches 1); a transaction
// holding a thread's row keeps that batch under way while the replies under test queue behind it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectProblem } from '../support/api.mjs';
import { addMember, forumClient, routes, signInDemoUsers } from '../support/forum.mjs';
import { pollUntil, startServer } from '../support/server.mjs';

const postsAllowed = 4; // a person's replies an hour, so that one test can pass it
let server, forum, call, amira;
before(async () => {
  server = await startServer({
    writeLimits: 'built-in',
    args: ['--reply-batches', '1', '--write-limits', `thread=100000/60,post=${postsAllowed}/3600`],
  });
  forum = forumClient(server.baseUrl);
  call = forum.call;
  ({ amira } = await signInDemoUsers(server.baseUrl));
});
after(() => server?.stop());

const member = () => addMember(server, { organisation: 'E06000045' });

async function metrics() {
  const text = await (await fetch(`${server.metricsUrl}/metrics`)).text();
  const value = (name) => Number(text.match(new RegExp(`^${name} (\\d+)$`, 'm'))?.[1]);
  return {
    batches: value('pswnet_reply_batches_total'),
    batched: value('pswnet_replies_batched_total'),
    notWhole: value('pswnet_reply_batches_not_whole_total'),
    waiting: value('pswnet_replies_waiting'),
  };
}

/**
 * Posts `replies` ([{ who, thread, body }]) while the one batch the server writes at a time is held up, so that they
 * wait together; runs `meanwhile` (the database pool) once they all wait, then lets the batch go. Resolves with their
 * responses, in order.
 */
async function repliesTogether(replies, meanwhile = async () => {}) {
  const holder = await member();
  const held = await forum.createThread(amira);
  const holding = await server.db.connect();
  let committed = false;
  try {
    await holding.query('BEGIN');
    await holding.query('SELECT 1 FROM threads WHERE id = $1 FOR UPDATE', [held.id]);
    const first = call('POST', routes.posts, { id: held.id, json: { body: 'Held up.' }, auth: holder });
    await pollUntil(async () => (await server.db.query(`SELECT 1 FROM pg_stat_activity
      WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO posts%'`)).rowCount > 0,
    { timeoutMs: 20_000, intervalMs: 20, what: 'the batch under way waiting for the held thread' });
    const waiting = (await metrics()).waiting;
    const posted = replies.map(({ who, thread, body }) =>
      call('POST', routes.posts, { id: thread.id, json: { body }, auth: who }));
    await pollUntil(async () => (await metrics()).waiting === waiting + replies.length,
      { timeoutMs: 20_000, intervalMs: 20, what: `${replies.length} replies waiting for the next batch` });
    await meanwhile(server.db);
    await holding.query('COMMIT');
    committed = true;
    assert.equal((await first).status, 201);
    return await Promise.all(posted);
  } finally {
    holding.release(!committed);
  }
}

const repliesTo = async (thread) => (await server.db.query(
  'SELECT id, xmin::text AS transaction FROM posts WHERE thread_id = $1 AND NOT is_opening ORDER BY id',
  [thread.id])).rows;

describe('replies written together', () => {
  it('writes the replies that wait together in one transaction, each counted, audited, announced and notified',
    async () => {
      const [one, two, three] = [await member(), await member(), await member()];
      const asked = await forum.createThread(amira);
      const other = await forum.createThread(amira);
      const before = (await server.db.query('SELECT coalesce(max(id), 0) AS id FROM events')).rows[0].id;
      const counted = await metrics();
      const written = await repliesTogether([
        { who: one, thread: asked, body: 'We pair each newly qualified worker with a mentor.' },
        { who: two, thread: other, body: 'Our panel meets weekly.' },
        { who: two, thread: asked, body: 'We do the same, with a monthly review.' },
        { who: three, thread: asked, body: 'Ours is a buddy scheme.' },
      ]);
      assert.deepEqual(written.map((res) => res.status), [201, 201, 201, 201]);
      const after = await metrics();
      assert.equal(after.batches - counted.batches, 1, 'one batch');
      assert.equal(after.batched - counted.batched, 4, 'of the four replies');
      assert.equal(after.notWhole, counted.notWhole);

      const toAsked = await repliesTo(asked);
      const toOther = await repliesTo(other);
      assert.equal(toAsked.length, 3);
      assert.equal(toOther.length, 1);
      assert.equal(new Set([...toAsked, ...toOther].map((p) => p.transaction)).size, 1, 'in one transaction');
      assert.deepEqual(written.map((res) => res.body.id).sort((a, b) => a - b),
        [...toAsked, ...toOther].map((p) => Number(p.id)).sort((a, b) => a - b), 'each answered with its own post');

      const threads = (await server.db.query(`SELECT id, reply_count, view_count,
        rfc3339(last_activity_at) AS last_activity_at FROM threads WHERE id = ANY($1)`, [[asked.id, other.id]])).rows;
      const stored = Object.fromEntries(threads.map((t) => [t.id, t]));
      assert.equal(stored[asked.id].reply_count, 3);
      assert.equal(stored[other.id].reply_count, 1);

      // Each reply's events carry the thread as that reply left it: counted up, one reply at a time.
      const announced = (await server.db.query(`SELECT payload FROM events
        WHERE id > $1 AND channel = $2 AND type = 'post.created' ORDER BY id`, [before, `thread:${asked.id}`])).rows;
      assert.deepEqual(announced.map((e) => e.payload.post.id), toAsked.map((p) => Number(p.id)));
      assert.deepEqual(announced.map((e) => e.payload.thread.reply_count), [1, 2, 3]);
      for (const e of announced) assert.equal(e.payload.thread.last_activity_at, stored[asked.id].last_activity_at);
      const listed = (await server.db.query(`SELECT payload FROM events WHERE id > $1
        AND channel = 'sector:children' AND type = 'thread.activity' AND payload -> 'thread' ->> 'id' = $2`,
      [before, String(other.id)])).rows;
      assert.deepEqual(listed.map((e) => e.payload.thread.reply_count), [1], 'on the thread\'s list too');

      const audited = (await server.db.query(`SELECT object_id, request_id FROM audit_log
        WHERE action = 'post.created' AND object_id = ANY($1) ORDER BY object_id`,
      [written.map((res) => res.body.id)])).rows;
      assert.deepEqual(audited.map((a) => [Number(a.object_id), a.request_id]),
        written.map((res) => [res.body.id, res.headers.get('x-request-id')]).sort((a, b) => a[0] - b[0]));

      const told = (await server.db.query(`SELECT subject_id, count(*)::int AS n FROM notifications
        WHERE user_id = $1 AND subject_type = 'thread' AND subject_id = ANY($2) GROUP BY subject_id`,
      [amira.user.id, [asked.id, other.id]])).rows;
      assert.deepEqual(Object.fromEntries(told.map((t) => [t.subject_id, t.n])),
        { [asked.id]: 3, [other.id]: 1 }, 'the author, who follows her threads, is told of each reply');
      const following = (await server.db.query(`SELECT thread_id, user_id FROM thread_subscriptions
        WHERE thread_id = ANY($1) AND user_id <> $2 ORDER BY thread_id, user_id`,
      [[asked.id, other.id], amira.user.id])).rows;
      assert.deepEqual(following.map((f) => [Number(f.thread_id), Number(f.user_id)]), [
        ...[one, two, three].map((who) => [asked.id, who.user.id]).sort((a, b) => a[1] - b[1]),
        [other.id, two.user.id],
      ]);
    });

  it('refuses alone, writing nothing of it, a reply whose thread is locked while it waits; the others go together',
    async () => {
      const [one, two] = [await member(), await member()];
      const open = await forum.createThread(amira);
      const locking = await forum.createThread(amira);
      const counted = await metrics();
      const written = await repliesTogether([
        { who: one, thread: open, body: 'We use a duty rota.' },
        { who: two, thread: locking, body: 'So do we.' },
        { who: two, thread: open, body: 'And a second rota at weekends.' },
      ], (db) => db.query('UPDATE threads SET locked_at = now() WHERE id = $1', [locking.id]));
      assert.equal(written[0].status, 201);
      expectProblem(written[1], 409);
      assert.equal(written[2].status, 201);
      assert.equal((await metrics()).notWhole - counted.notWhole, 1, 'the batch was not written whole');

      assert.deepEqual(await repliesTo(locking), []);
      const stored = (await server.db.query('SELECT id, reply_count FROM threads WHERE id = ANY($1) ORDER BY id',
        [[open.id, locking.id]])).rows;
      assert.deepEqual(stored.map((t) => t.reply_count), [2, 0]);
      const toOpen = await repliesTo(open);
      assert.equal(toOpen.length, 2, 'each written once');
      assert.equal(new Set(toOpen.map((p) => p.transaction)).size, 1, 'together again, without the one at fault');
      const audited = (await server.db.query(`SELECT count(*)::int AS n FROM audit_log
        WHERE action = 'post.created' AND actor_user_id = $1`, [two.user.id])).rows[0].n;
      assert.equal(audited, 1, 'no audit entry for the refused reply');
    });

  it('refuses alone the replies past their writer\'s limit (429), the others together; the count is exact',
    async () => {
      const [busy, other, another] = [await member(), await member(), await member()];
      const thread = await forum.createThread(amira);
      for (let i = 1; i < postsAllowed; i += 1) await forum.reply(busy, thread.id, `Earlier reply ${i}.`);
      const counted = await metrics();
      const written = await repliesTogether([
        { who: busy, thread, body: 'One of these two is the last my limit allows.' },
        { who: other, thread, body: 'Mine is fine.' },
        { who: busy, thread, body: 'And the other one too many.' },
        { who: another, thread, body: 'Mine too.' },
      ]);
      assert.equal(written[1].status, 201);
      assert.equal(written[3].status, 201);
      const [allowed, refused] = [written[0], written[2]].sort((a, b) => a.status - b.status);
      assert.equal(allowed.status, 201);
      expectProblem(refused, 429);
      assert.equal((await metrics()).notWhole - counted.notWhole, 1);
      const count = (await server.db.query('SELECT count FROM write_limits WHERE key = $1', [`post:${busy.user.id}`]))
        .rows[0].count;
      assert.equal(count, postsAllowed, 'the refused reply is not counted');
      const stored = await repliesTo(thread);
      assert.equal(stored.length, postsAllowed + 2);
      const others = stored.filter((p) => [written[1].body.id, written[3].body.id].includes(Number(p.id)));
      assert.equal(new Set(others.map((p) => p.transaction)).size, 1, 'the others together again, without the writer');
    });
});
