// Answers kept in memory (issue 17): thread lists and pages, the directory and comparisons are served from memory
// with an entity tag, and If-None-Match is answered 304. Correct under writes, across instances:
// - on the writer's instance, no read after a write's response is answered from before it, even with readers
//   filling the cache at the same moment;
// - on another instance, a write's event drops the answers it changed before any WebSocket there is told of it;
//   writes that no event announces (made by hand) are seen within --hot-read-max-age-ms;
// - each person is only ever served their own answer, and access taken away elsewhere is honoured at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { client } from '../support/api.mjs';
import { forumClient, routes, signInDemoUsers, uniqueWord } from '../support/forum.mjs';
import { nextEvent, postCreated, socketsClosedAfterEachTest, subscribed } from '../support/realtime.mjs';
import { pollUntil, runPswnetOk, startServer } from '../support/server.mjs';

// b keeps answers for a minute, so that only the event log can make it read again within a test.
const longAge = 60_000;
const shortAge = 400;

let a, b, c;
let onA, onB, onC;
let amira, tom, grace, sam;
const connect = socketsClosedAfterEachTest(() => b);

before(async () => {
  a = await startServer();
  b = await startServer({ shareDatabaseWith: a, args: ['--hot-read-max-age-ms', String(longAge)] });
  c = await startServer({ shareDatabaseWith: a, args: ['--hot-read-max-age-ms', String(shortAge)] });
  ({ amira, tom, grace, sam } = await signInDemoUsers(a.baseUrl));
  [onA, onB, onC] = [a, b, c].map((server) => forumClient(server.baseUrl));
});
after(async () => {
  await c?.stop();
  await b?.stop();
  await a?.stop();
});

const threadPath = (id) => routes.thread.replace('{id}', id);

async function hotReadCount(server, result) {
  const text = (await client(server.metricsUrl).get('/metrics')).text;
  const line = text.split('\n').find((l) => l.startsWith(`pswnet_hot_reads_total{result="${result}"}`));
  return Number(line.split(' ')[1]);
}

/**
 * Waits until `read` is answered from memory on `server`: the events of earlier writes (a first view, say) may still
 * be on their way there, and each drops what was kept.
 */
async function keptOn(server, read) {
  await pollUntil(async () => {
    await read();
    const hits = await hotReadCount(server, 'hit');
    await read();
    return await hotReadCount(server, 'hit') > hits;
  }, { timeoutMs: 20_000, intervalMs: 20, what: 'an answer kept in memory' });
}

/** Whether the thread, as `who` reads it on `on`, includes the post `postId`. */
async function sees(on, who, threadId, postId) {
  const thread = await on.getThread(who, threadId);
  return thread.posts.some((p) => p.id === postId);
}

describe('entity tags', () => {
  it('tag lists and pages, answer If-None-Match with 304 until they change, and are kept private', async () => {
    const thread = await onA.createThread(amira, { title: `Tagged ${uniqueWord()}` });
    for (const path of [`${routes.threads}?limit=5`, threadPath(thread.id)]) {
      const first = await onA.api.get(path, { auth: amira });
      assert.equal(first.status, 200);
      const etag = first.headers.get('etag');
      assert.match(etag, /^"[0-9a-f]{32}"$/, path);
      assert.equal(first.headers.get('cache-control'), 'private, no-cache');

      const again = await onA.api.get(path, { auth: amira, headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304, path);
      assert.equal(again.text, '');
      assert.equal(again.headers.get('etag'), etag);
      for (const matching of [`W/${etag}`, `"other", ${etag}`, '*']) {
        const res = await onA.api.get(path, { auth: amira, headers: { 'if-none-match': matching } });
        assert.equal(res.status, 304, `${path} with If-None-Match: ${matching}`);
      }
      const other = await onA.api.get(path, { auth: amira, headers: { 'if-none-match': '"0000"' } });
      assert.equal(other.status, 200);
      assert.deepEqual(other.body, first.body);
      // Every instance tags the same answer alike, so a client behind a load balancer revalidates anywhere.
      const elsewhere = await onC.api.get(path, { auth: amira, headers: { 'if-none-match': etag } });
      assert.equal(elsewhere.status, 304, `${path} on another instance`);
    }
    const before = await onA.api.get(threadPath(thread.id), { auth: amira });
    await onA.reply(tom, thread.id);
    const after = await onA.api.get(threadPath(thread.id), { auth: amira, headers: { 'if-none-match': before.headers.get('etag') } });
    assert.equal(after.status, 200, 'a reply changes the tag');
    assert.notEqual(after.headers.get('etag'), before.headers.get('etag'));
    assert.equal(after.body.posts.length, 2);
  });

  it('are served from memory: repeated reads do not all reach the database', async () => {
    const hits = await hotReadCount(a, 'hit');
    for (let i = 0; i < 5; i += 1) await onA.listThreads(grace, { limit: 7 });
    assert.ok(await hotReadCount(a, 'hit') >= hits + 4, 'four of five reads of one list were answered from memory');
  });

  it('let identical reads that miss together wait for one of them to read the database', async () => {
    const waited = await hotReadCount(a, 'waited');
    const path = `${routes.threads}?limit=9&sector=adults`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => onA.api.get(path, { auth: sam })));
    assert.deepEqual(new Set(answers.map((res) => res.status)), new Set([200]));
    assert.equal(new Set(answers.map((res) => res.text)).size, 1, 'all twenty have the same answer');
    assert.ok(await hotReadCount(a, 'waited') > waited, 'some waited for the first one\'s fill');
  });

  it('tag the directory and comparisons too', async () => {
    for (const path of ['/api/v1/organisations?limit=10', '/api/v1/regions',
      `/api/v1/organisations/${amira.user.organisation.id}/neighbours`]) {
      const res = await onA.api.get(path, { auth: amira });
      assert.equal(res.status, 200, `${path}: ${res.text.slice(0, 300)}`);
      const etag = res.headers.get('etag');
      assert.ok(etag, path);
      assert.equal((await onA.api.get(path, { auth: amira, headers: { 'if-none-match': etag } })).status, 304, path);
    }
  });
});

describe('on the writer\'s instance', () => {
  it('no read after a write\'s response is answered from before it, with readers filling the cache meanwhile', async () => {
    const thread = await onA.createThread(amira);
    let stop = false;
    // Readers keep taking the thread and the list into memory while the writes happen.
    const readers = [amira, tom, grace].map(async (who) => {
      while (!stop) {
        await onA.getThread(who, thread.id);
        await onA.listThreads(who, { limit: 3 });
      }
    });
    try {
      for (let i = 0; i < 25; i += 1) {
        const post = await onA.reply(i % 2 ? tom : grace, thread.id);
        for (const who of [amira, tom, grace]) {
          assert.ok(await sees(onA, who, thread.id, post.id), `reply ${i} is in the thread ${who.user.display_name} reads`);
          const top = (await onA.listThreads(who, { limit: 3 })).items[0];
          assert.equal(top.id, thread.id, `reply ${i} moved the thread to the top of the list`);
          assert.equal(top.reply_count, i + 1);
        }
      }
    } finally {
      stop = true;
      await Promise.all(readers);
    }
  });

  it('counts a first view at once in the lists of others', async () => {
    const thread = await onA.createThread(amira);
    const views = async () => (await onA.listThreads(amira, { limit: 3 })).items.find((t) => t.id === thread.id).view_count;
    const start = await views();
    await onA.getThread(sam, thread.id);
    assert.equal(await views(), start + 1);
  });
});

describe('on other instances', () => {
  it('a write\'s event drops the answers it changed before any WebSocket there is told of it', async () => {
    const thread = await onA.createThread(amira);
    const ws = await connect(amira, b);
    await subscribed(ws, [`thread:${thread.id}`]);
    for (let i = 0; i < 5; i += 1) {
      await keptOn(b, () => onB.getThread(tom, thread.id));
      await keptOn(b, () => onB.listThreads(tom, { limit: 3 }));

      const post = await onA.reply(grace, thread.id);
      await nextEvent(ws, `thread:${thread.id}`, 'post.created', postCreated(post.id));
      assert.ok(await sees(onB, tom, thread.id, post.id), `reply ${i}: b's thread page is fresh once b's sockets hear of it`);
      const top = (await onB.listThreads(tom, { limit: 3 })).items[0];
      assert.deepEqual([top.id, top.reply_count], [thread.id, i + 1], `reply ${i}: b's list is fresh`);
    }
  });

  it('a change the command line makes reaches them through the event log its tables write', async () => {
    const code = `HR${uniqueWord('').slice(0, 6).toUpperCase()}`;
    const find = async (on) => (await on.api.get(`/api/v1/organisations?q=${code}`, { auth: amira })).body.items;
    assert.deepEqual(await find(onB), []);
    assert.deepEqual(await find(onB), [], 'kept on b');
    await runPswnetOk(['organisation', 'add', '--kind', 'nhs_trust', '--name', `Hot Reads Trust ${code}`, '--code', code,
      '--services', 'adults'], { env: { PSWNET_DATABASE_URL: a.databaseUrl } });
    // b keeps answers for a minute: only the event can make it read again within the wait.
    await pollUntil(async () => (await find(onB)).length === 1, { timeoutMs: 20_000, intervalMs: 50, what: 'the new organisation on b' });
  });

  it('a write no event announces is seen within --hot-read-max-age-ms', async () => {
    const thread = await onA.createThread(amira);
    assert.equal((await onC.getThread(amira, thread.id)).title, thread.title);
    const hits = await hotReadCount(c, 'hit');
    assert.equal((await onC.getThread(amira, thread.id)).title, thread.title);
    assert.equal(await hotReadCount(c, 'hit'), hits + 1, 'kept on c');
    const retitled = `Retitled by hand ${uniqueWord()}`;
    await a.db.query('UPDATE threads SET title = $1 WHERE id = $2', [retitled, thread.id]);
    const written = Date.now();
    // The bound itself is under test: any read that starts max-age after the write is answered afresh.
    await new Promise((resolve) => { setTimeout(resolve, shortAge - (Date.now() - written) + 1); });
    assert.equal((await onC.getThread(amira, thread.id)).title, retitled);
  });
});

describe('privacy', () => {
  it('serves each person their own answer to the same request', async () => {
    const thread = await onA.createThread(amira);
    for (let i = 0; i < 2; i += 1) { // the second round is answered from memory
      const [asker, other] = [await onA.getThread(amira, thread.id), await onA.getThread(tom, thread.id)];
      assert.deepEqual([asker.subscribed, asker.can_accept], [true, true], 'the asker follows it and may accept');
      assert.deepEqual([other.subscribed, other.can_accept], [false, false], 'tom neither');
    }
  });

  it('access taken away on one instance is honoured at once on another', async () => {
    const group = (await onA.api.post('/api/v1/groups', { name: `Private ${uniqueWord()}`, kind: 'interest',
      privacy: 'private', sector: 'both' }, { auth: sam })).body;
    assert.ok(group.id, JSON.stringify(group));
    for (const who of [amira, tom]) {
      const added = await onA.api.post(`/api/v1/groups/${group.id}/members`, { person_id: who.user.id }, { auth: sam });
      assert.equal(added.status, 201, added.text);
    }
    const thread = await onA.createThread(amira, { kind: 'discussion', group_id: group.id });
    const inList = async () => (await onB.listThreads(tom, { group_id: group.id })).items.map((t) => t.id);
    assert.deepEqual(await inList(), [thread.id]);
    await keptOn(b, inList);
    await keptOn(b, () => onB.getThread(tom, thread.id));
    const ws = await connect(amira, b);
    await subscribed(ws, [`group:${group.id}`]);
    const removed = await onA.api.delete(`/api/v1/groups/${group.id}/members/${tom.user.id}`, { auth: sam });
    assert.equal(removed.status, 204, removed.text);
    await nextEvent(ws, `group:${group.id}`);
    assert.equal((await onB.api.get(threadPath(thread.id), { auth: tom })).status, 404, 'b no longer shows tom the thread');
    assert.deepEqual(await inList(), [], 'nor lists it for him');
  });
});
