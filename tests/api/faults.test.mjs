// Faults end to end: two pswnet instances on one database under load from a few concurrent clients (replies to a
// thread, saves of consultation responses, file uploads, each client alternating between the instances) while
// PostgreSQL restarts and then one instance is killed with SIGKILL. Clients retry network errors (on the survivor)
// and 503s (after Retry-After). Afterwards: no client saw a 500 or any 5xx but a 503 with Retry-After, every write
// that was acknowledged is in the database, and two WebSocket subscribers of the thread (one on each instance, each
// resuming on the survivor with `since` when its socket drops) saw every acknowledged reply's post.created exactly
// once, in order. Against the real pswnet.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { demoUsers, request, signIn } from '../support/api.mjs';
import { consultationJson, submission } from '../support/consultations.mjs';
import { uniqueWord } from '../support/forum.mjs';
import { newResource } from '../support/library.mjs';
import { pollUntil, startServer } from '../support/server.mjs';
import { openWebSocket, subscribe } from '../support/websocket.mjs';

const [pgVersion, pgCluster] = (process.env.PSWNET_TEST_PG_CLUSTER || `${process.env.PGVERSION || '15'} regress`).split(/\s+/);
const pgctl = (action) => promisify(execFile)('pg_ctlcluster',
  [pgVersion, pgCluster, action, ...(action === 'stop' ? ['-m', 'fast'] : [])]);

// Bounds on the load: each client stops when told (once both faults are over) or at these limits, whichever is first.
const maxWritesPerClient = 60;
const loadDeadlineMs = 150_000;
const maxAttempts = 150; // per write: network errors and 503s, about a minute of retries
const phaseTimeoutMs = 90_000; // for each stage of the scenario to make progress

let a; // owns the database; survives
let b; // shares it; killed
let people;
let thread;
let consultation;
const resources = {}; // person -> resource id

before(async () => {
  a = await startServer();
  b = await startServer({ shareDatabaseWith: a });
  a.name = 'A';
  b.name = 'B';
  people = Object.fromEntries(await Promise.all(['amira', 'tom', 'grace', 'priya'].map(async (name) =>
    [name, await signIn(a.baseUrl, demoUsers[name])])));
  const made = async (path, json, auth, expect = 201) => {
    const res = await request(a.baseUrl, 'POST', path, { json, auth });
    assert.equal(res.status, expect, `${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.body;
  };
  thread = await made('/api/v1/threads', { title: `Keeping services running ${uniqueWord()}`, body: 'What do you do?',
    sector: 'children', kind: 'question', tags: [] }, people.amira);
  consultation = await made('/api/v1/consultations', consultationJson(), people.priya);
  await made(`/api/v1/consultations/${consultation.id}/publish`, undefined, people.priya, 200);
  for (const name of ['amira', 'grace']) resources[name] = (await made('/api/v1/resources', newResource(), people[name])).id;
});

after(async () => {
  await b?.stop({ signal: 'SIGKILL' });
  await a?.stop();
});

/** A count that others can wait to reach. */
function counter() {
  let value = 0;
  const waiters = new Set();
  return {
    get value() { return value; },
    add() {
      value += 1;
      for (const waiter of [...waiters]) waiter();
    },
    reach(target, what) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${what}: ${value} of ${target} acknowledged writes within ${phaseTimeoutMs} ms`));
        }, phaseTimeoutMs);
        function check() {
          if (value < target) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        }
        waiters.add(check);
        check();
      });
    },
  };
}

const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * A WebSocket subscriber of one channel that, whenever its socket drops, resumes on the surviving instance with
 * `since` = the id of the last event it saw. events() are every event of the channel it received, over every
 * connection, in arrival order; waitFor(predicate) resolves once they satisfy it.
 */
function subscriber(name, session, channel, { first, survivor, since, record }) {
  const events = [];
  const received = new Map(); // event id -> when it first arrived
  const connections = []; // {instance, since, reload}
  const failures = [];
  const waiters = new Set();
  let lastId = since;
  let socket;
  let stopped = false;

  async function connect(instance) {
    const opened = await pollUntil(async () => {
      if (stopped) return 'stopped';
      let ws;
      try {
        ws = await openWebSocket(instance.baseUrl, { auth: session, timeoutMs: 10_000 });
      } catch (error) {
        if (error.status) {
          record(`${name}: the WebSocket upgrade`, instance, error.status, { retryAfter: error.headers?.['retry-after'],
            contentType: error.headers?.['content-type'], text: error.body });
        }
        throw error;
      }
      ws.on('message', (data) => {
        let message;
        try {
          message = JSON.parse(data.toString('utf8'));
        } catch {
          return;
        }
        if (message?.type !== 'event' || message.channel !== channel) return;
        received.set(message.id, received.get(message.id) ?? Date.now());
        events.push(message);
        lastId = Math.max(lastId, message.id);
        for (const waiter of [...waiters]) waiter();
      });
      const resumeFrom = lastId;
      const answer = await subscribe(ws, [channel], { since: resumeFrom, timeoutMs: 20_000 }).catch((error) => {
        ws.terminate();
        throw error;
      });
      if (answer.type !== 'subscribed') {
        ws.terminate();
        throw new Error(`${name}: subscribing answered ${JSON.stringify(answer)}`);
      }
      if (stopped) {
        ws.terminate();
        return 'stopped';
      }
      connections.push({ instance: instance.name, since: resumeFrom, reload: answer.reload });
      ws.once('close', () => {
        if (!stopped) connect(survivor()).catch((error) => failures.push(error.message));
      });
      return ws;
    }, { timeoutMs: phaseTimeoutMs, intervalMs: 250, what: `${name} subscribed on instance ${instance.name}` });
    if (opened !== 'stopped') socket = opened;
  }

  return {
    name,
    start: () => connect(first),
    events: () => [...events],
    receivedAt: (eventId) => received.get(eventId),
    connections: () => [...connections],
    failures: () => [...failures],
    waitFor(predicate, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name}: ${what} not within ${timeoutMs} ms (failures: ${failures.join('; ') || 'none'})`));
        }, timeoutMs);
        function check() {
          if (!predicate(events)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        }
        waiters.add(check);
        check();
      });
    },
    stop() {
      stopped = true;
      socket?.terminate();
    },
  };
}

describe('faults under load', () => {
  it('keeps every acknowledged write and event through a PostgreSQL restart and an instance killed with SIGKILL',
    { timeout: 600_000 }, async (t) => {
      const instances = [a, b];
      const answers = new Map(); // status -> count, over every answer any client got
      const violations = []; // 5xx other than 503, a 503 without Retry-After, a refusal that is not a problem
      const networkErrors = [];
      const unexpected = []; // answers a client cannot go on from
      const record = (what, instance, status, { retryAfter, contentType, text = '' }) => {
        answers.set(status, (answers.get(status) ?? 0) + 1);
        if (status >= 500 && (status !== 503 || !retryAfter)) {
          violations.push(`${what} via ${instance.name}: ${status}${status === 503 ? ' without Retry-After' : ''} ` +
            `${text.slice(0, 200)}`);
        }
        if (status >= 400 && !/^application\/problem\+json/.test(contentType ?? '')) {
          violations.push(`${what} via ${instance.name}: ${status} is not a problem (${contentType}) ${text.slice(0, 200)}`);
        }
      };
      let turn = 0;
      const nextInstance = () => {
        const live = instances.filter((instance) => !instance.dead);
        turn += 1;
        return live[turn % live.length];
      };
      const survivor = () => a;

      /** One write, retried on network errors (on the other instance) and on 503s (after Retry-After). */
      async function send(what, method, path, options) {
        for (let attempt = 1; ; attempt += 1) {
          assert.ok(attempt <= maxAttempts, `${what}: still a network error or 503 after ${maxAttempts} attempts`);
          const instance = nextInstance();
          let res;
          try {
            res = await request(instance.baseUrl, method, path, { ...options, timeoutMs: 30_000 });
          } catch (error) {
            networkErrors.push(`${what} via ${instance.name}: ${error.cause?.code ?? error.name}`);
            if (!instance.dead) await pause(250);
            continue;
          }
          const retryAfter = res.headers.get('retry-after');
          record(what, instance, res.status, { retryAfter, contentType: res.headers.get('content-type'), text: res.text });
          if (res.status !== 503) return res;
          await pause(Math.min(Math.max(Number(retryAfter) * 1000 || 500, 250), 2000));
        }
      }

      const load = { stopping: false, deadline: Date.now() + loadDeadlineMs };
      const going = (count) => !load.stopping && count < maxWritesPerClient && Date.now() < load.deadline;
      const progress = counter();
      const acked = { replies: [], saves: [], uploads: [] };

      async function replies(author) {
        for (let i = 0; going(i); i += 1) {
          const body = `Reply ${i} ${uniqueWord()}`;
          const res = await send('a reply', 'POST', `/api/v1/threads/${thread.id}/posts`, { json: { body }, auth: author });
          if (res.status !== 201) {
            unexpected.push(`a reply: ${res.status} ${res.text.slice(0, 200)}`);
            return;
          }
          acked.replies.push({ id: res.body.id, body, at: Date.now() });
          progress.add();
        }
      }

      // One shared response per organisation: every save sends the ETag of the last one; a 412 means that an earlier
      // attempt was saved though its answer was lost, so the client reads the response again and saves once more.
      async function saves(member) {
        const path = `/api/v1/consultations/${consultation.id}/response`;
        let etag;
        for (let i = 0; going(i);) {
          const views = `Save ${i} ${uniqueWord()}`;
          const res = await send('a consultation save', 'PUT', path, { json: { answers: submission({ views }), submit: false },
            headers: etag ? { 'if-match': etag } : {}, auth: member });
          if (res.status === 412) {
            const current = await send('reading the response', 'GET', path, { auth: member });
            if (![200, 404].includes(current.status)) {
              unexpected.push(`reading the response: ${current.status} ${current.text.slice(0, 200)}`);
              return;
            }
            etag = current.status === 200 ? current.headers.get('etag') : undefined;
            continue;
          }
          if (res.status !== 200) {
            unexpected.push(`a consultation save: ${res.status} ${res.text.slice(0, 200)}`);
            return;
          }
          acked.saves.push({ organisation: member.user.organisation.id, version: res.body.version, views });
          etag = res.headers.get('etag');
          i += 1;
          progress.add();
        }
      }

      async function uploads(owner, resourceId) {
        for (let i = 0; going(i); i += 1) {
          const bytes = Buffer.from(`Upload ${i} ${uniqueWord()}\nNotes on keeping services running.\n`);
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          const res = await send('an upload', 'POST', `/api/v1/resources/${resourceId}/files`, { body: bytes, auth: owner,
            headers: { 'content-type': 'application/octet-stream', 'x-filename': `notes-${i}.txt` } });
          if (res.status !== 201) {
            unexpected.push(`an upload: ${res.status} ${res.text.slice(0, 200)}`);
            return;
          }
          const version = res.body.files.filter((file) => file.sha256 === sha256).map((file) => file.version).at(-1);
          assert.ok(version, `the acknowledged upload of ${sha256} is among the resource's files`);
          acked.uploads.push({ resourceId, version, sha256 });
          progress.add();
        }
      }

      // Subscribers from the newest event on: one on each instance.
      const { rows: [{ newest }] } = await a.db.query('SELECT coalesce(max(id), 0)::int AS newest FROM events');
      const channel = `thread:${thread.id}`;
      const subscribers = [
        subscriber('the subscriber on A', people.grace, channel, { first: a, survivor, since: newest, record }),
        subscriber('the subscriber on B', people.tom, channel, { first: b, survivor, since: newest, record }),
      ];
      await Promise.all(subscribers.map((s) => s.start()));

      const clients = Promise.all([
        replies(people.tom), replies(people.grace), replies(people.amira),
        saves(people.amira), saves(people.grace),
        uploads(people.amira, resources.amira), uploads(people.grace, resources.grace),
      ]);
      const timeline = [];
      const started = Date.now();
      const mark = (what) => timeline.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${what} (${progress.value} acknowledged)`);
      try {
        await progress.reach(10, 'before the PostgreSQL restart');
        mark('PostgreSQL stopping');
        try {
          await pgctl('stop');
          mark('PostgreSQL stopped');
        } finally {
          await pgctl('start');
        }
        mark('PostgreSQL started');
        await pollUntil(async () => (await request(a.baseUrl, 'GET', '/readyz')).status === 200,
          { timeoutMs: phaseTimeoutMs, intervalMs: 250, what: '/readyz answering 200 after PostgreSQL came back' });
        mark('A ready again');
        await progress.reach(progress.value + 10, 'after the PostgreSQL restart');
        b.dead = true;
        mark('B killed');
        await b.stop({ signal: 'SIGKILL' });
        await progress.reach(progress.value + 10, 'after B was killed');
        mark('load stopping');
      } finally {
        load.stopping = true;
        await clients;
      }
      mark('load stopped');

      // Every reply acknowledged reaches both subscribers.
      const ackedPosts = new Set(acked.replies.map((reply) => reply.id));
      const createdPosts = (events) => new Set(events.filter((m) => m.event === 'post.created').map((m) => m.data.post.id));
      await Promise.all(subscribers.map((s) => s.waitFor((events) => {
        const seen = createdPosts(events);
        return [...ackedPosts].every((id) => seen.has(id));
      }, 60_000, 'every acknowledged reply\'s post.created')));
      for (const s of subscribers) s.stop();
      mark('every event seen');

      t.diagnostic(`timeline: ${timeline.join('; ')}`);
      t.diagnostic(`acknowledged: ${acked.replies.length} replies, ${acked.saves.length} saves, ${acked.uploads.length} uploads; ` +
        `answers by status: ${JSON.stringify(Object.fromEntries([...answers].sort((x, y) => x[0] - y[0])))}; ` +
        `network errors: ${networkErrors.length}`);

      // Everything that is wrong, reported at once.
      const failures = [];
      const expectNone = (list, what) => {
        if (list.length === 0) return;
        failures.push(`${what}:\n  ${list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('\n  ')}`);
      };
      expectNone(unexpected, 'answers a client could not go on from');
      expectNone(violations, 'a 500, a 5xx other than a 503 with Retry-After, or a refusal that is not a problem');
      if (!(acked.replies.length > 0 && acked.saves.length > 0 && acked.uploads.length > 0)) {
        failures.push('writes of some kind were never acknowledged');
      }

      // Every acknowledged write is in the database.
      const posts = new Map((await a.db.query('SELECT id::int, body_markdown FROM posts WHERE thread_id = $1', [thread.id]))
        .rows.map((row) => [row.id, row.body_markdown]));
      expectNone(acked.replies.filter((reply) => posts.get(reply.id) !== reply.body),
        'acknowledged replies missing from the database');
      const versions = new Set((await a.db.query(
        'SELECT r.organisation_id::int AS organisation, v.version, v.answers->>\'views\' AS views ' +
        'FROM consultation_response_versions v JOIN consultation_responses r ON r.id = v.response_id ' +
        'WHERE r.consultation_id = $1', [consultation.id])).rows.map((row) => `${row.organisation} ${row.version} ${row.views}`));
      expectNone(acked.saves.filter((save) => !versions.has(`${save.organisation} ${save.version} ${save.views}`)),
        'acknowledged consultation saves missing from the database');
      const files = new Set((await a.db.query('SELECT resource_id::int, version, sha256 FROM resource_files ' +
        'WHERE resource_id = ANY($1)', [Object.values(resources)])).rows
        .map((row) => `${row.resource_id} ${row.version} ${row.sha256}`));
      expectNone(acked.uploads.filter((upload) => !files.has(`${upload.resourceId} ${upload.version} ${upload.sha256}`)),
        'acknowledged uploads missing from the database');

      // Every subscriber: no replay refused, event ids increasing once repeats are dropped, every acknowledged reply's
      // post.created exactly once.
      for (const s of subscribers) {
        const name = s.name;
        expectNone(s.failures(), `${name}: reconnecting failed`);
        expectNone(s.connections().filter((c) => c.reload !== false), `${name}: a replay was refused (reload)`);
        const seen = new Set();
        const ids = [];
        for (const message of s.events()) {
          if (seen.has(message.id)) continue;
          seen.add(message.id);
          ids.push(message.id);
        }
        expectNone(ids.filter((id, i) => i > 0 && id <= ids[i - 1]), `${name}: event ids out of order (${ids.join(', ')})`);
        const byPost = new Map();
        for (const message of s.events().filter((m) => m.event === 'post.created')) {
          const postId = message.data.post.id;
          byPost.set(postId, new Set([...(byPost.get(postId) ?? []), message.id]));
        }
        expectNone([...byPost].filter(([, eventIds]) => eventIds.size > 1).map(([postId]) => postId),
          `${name}: replies announced by more than one event`);
        expectNone([...ackedPosts].filter((id) => !byPost.has(id)), `${name}: acknowledged replies never announced`);
        const delays = acked.replies.filter((reply) => byPost.has(reply.id))
          .map((reply) => s.receivedAt([...byPost.get(reply.id)][0]) - reply.at);
        t.diagnostic(`${name}: connections ${JSON.stringify(s.connections())}; ${s.events().length} events, ` +
          `${s.events().length - seen.size} received twice; from acknowledgement to event at most ${Math.max(0, ...delays)} ms`);
      }
      if (!subscribers[1].connections().some((c) => c.instance === 'A')) failures.push('the subscriber on B never resumed on A');
      if (a.process.exitCode !== null) failures.push('the surviving instance exited');
      assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
    });
});
