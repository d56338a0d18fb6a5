// Per-person write limits with the built-in rules: new discussions, replies and reminders past their limit get 429
// with Retry-After and store nothing; the counts are shared by every instance; other people are not affected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectProblem } from '../support/api.mjs';
import { consultationClient, publishedConsultation, routes as consultationRoutes } from '../support/consultations.mjs';
import { forumClient, routes, signInDemoUsers } from '../support/forum.mjs';
import { startServer } from '../support/server.mjs';

let server, forum, people;
before(async () => {
  server = await startServer({ writeLimits: 'built-in' });
  forum = forumClient(server.baseUrl);
  people = await signInDemoUsers(server.baseUrl);
});
after(() => server?.stop());

const count = async (table) => Number((await server.db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const newThread = { title: 'How do you run group supervision?', body: 'We would like to hear.', sector: 'children',
  kind: 'question', tags: ['supervision'] };

function expectRetryAfter(res, atMostSeconds) {
  expectProblem(res, 429);
  const seconds = Number(res.headers.get('retry-after'));
  assert.ok(seconds >= 1 && seconds <= atMostSeconds, `Retry-After ${res.headers.get('retry-after')}`);
}

describe('per-person write limits', () => {
  it('allow 10 new discussions an hour, across instances, then 429 with Retry-After, storing nothing', async () => {
    const second = await startServer({ shareDatabaseWith: server, writeLimits: 'built-in' });
    try {
      const there = forumClient(second.baseUrl);
      for (let i = 0; i < 10; i += 1) {
        await (i % 2 ? there : forum).createThread(people.amira, { title: `${newThread.title} ${i}` });
      }
      const threads = await count('threads');
      for (const client of [forum, there]) {
        expectRetryAfter(await client.call('POST', routes.threads, { json: newThread, auth: people.amira }), 3600);
      }
      assert.equal(await count('threads'), threads, 'nothing stored');
      await forum.createThread(people.tom, { sector: 'adults' }); // someone else is not held up
    } finally {
      await second.stop();
    }
  });

  it('allow 30 replies in 10 minutes, then 429, storing nothing of the refused reply', async () => {
    const thread = await forum.createThread(people.grace);
    for (let i = 0; i < 30; i += 1) await forum.reply(people.tom, thread.id, `Reply number ${i} from Wiltshire.`);
    // The reply counts against the limit in its own transaction: the refusal rolls back everything it wrote.
    const before = await Promise.all(['posts', 'audit_log', 'events'].map(count));
    expectRetryAfter(await forum.call('POST', routes.posts,
      { id: thread.id, json: { body: 'One more.' }, auth: people.tom }), 600);
    assert.deepEqual(await Promise.all(['posts', 'audit_log', 'events'].map(count)), before);
    const { rows } = await server.db.query('SELECT reply_count FROM threads WHERE id = $1', [thread.id]);
    assert.equal(rows[0].reply_count, 30);
    await forum.reply(people.grace, thread.id, 'Someone else can still reply.');
  });

  it('allow an office 10 reminders an hour', async () => {
    const call = consultationClient(server.baseUrl);
    const consultation = await publishedConsultation(call, people.priya, { audience: 'children' });
    const remind = () => call('POST', consultationRoutes.reminders,
      { params: { id: consultation.id }, auth: people.priya });
    for (let i = 0; i < 10; i += 1) assert.equal((await remind()).status, 200);
    expectRetryAfter(await remind(), 3600);
  });
});
