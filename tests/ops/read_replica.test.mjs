// A PostgreSQL primary with a streaming replica on this machine, and pswnet given both (--database-url,
// --read-database-url). Reads that tolerate lag (search, the directory) go to the replica while it is measured to
// be within --read-max-staleness-ms of the primary, and to the primary otherwise; everything else, and every write,
// goes to the primary, so a write is read back at once.
//
// With replay paused on the replica, what it serves is known exactly: a search that misses a discussion the primary
// has proves the search was answered by the replica, and one that finds it proves it was not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCluster, createReplica, waitForReplay } from '../support/clusters.mjs';
import { forumClient, routes, signInDemoUsers, uniqueWord } from '../support/forum.mjs';
import { pollUntil, startServer } from '../support/server.mjs';

const libpqVariables = ['PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE'];
let savedEnvironment;
let primary, replica, owner, tolerant, strict, people, forum;

before(async () => {
  primary = await createCluster({ name: 'primary', settings: { wal_level: 'replica', max_wal_senders: 4 } });
  await primary.start();
  replica = await createReplica(primary);
  // startServer creates, migrates and drops its database, and its pool connects, through this process's PG*
  // environment: here it names the private primary.
  savedEnvironment = Object.fromEntries(libpqVariables.map((name) => [name, process.env[name]]));
  Object.assign(process.env, primary.environment, { PGDATABASE: 'postgres' });
  owner = await startServer(); // makes, migrates and seeds the database, which streams to the replica
  const readUrl = replica.url(owner.databaseName);
  // One instance that tolerates ten minutes of lag, so that a paused replica keeps serving it, and one that
  // tolerates 500 ms, so that it leaves a paused replica at once.
  [tolerant, strict] = await Promise.all([
    startServer({ shareDatabaseWith: owner, args: ['--read-database-url', readUrl, '--read-max-staleness-ms', '600000'] }),
    startServer({ shareDatabaseWith: owner, args: ['--read-database-url', readUrl, '--read-max-staleness-ms', '500'] }),
  ]);
  people = await signInDemoUsers(owner.baseUrl);
  forum = forumClient(owner.baseUrl);
}, { timeout: 240_000 });

after(async () => {
  await Promise.all([tolerant?.stop().catch(() => {}), strict?.stop().catch(() => {})]);
  await owner?.stop().catch(() => {}); // drops its database on the primary: the environment must still name it
  if (savedEnvironment) {
    for (const [name, value] of Object.entries(savedEnvironment)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  await replica?.destroy().catch(() => {});
  await primary?.destroy().catch(() => {});
});

/** The instance's lag-tolerant read counters and the replica's staleness, from /metrics. */
async function readMetrics(server) {
  const text = await (await fetch(`${server.metricsUrl}/metrics`)).text();
  const number = (pattern) => Number(pattern.exec(text)?.[1] ?? NaN);
  return {
    replica: number(/^pswnet_lag_tolerant_reads_total\{database="replica"\} (\d+)$/m),
    primary: number(/^pswnet_lag_tolerant_reads_total\{database="primary"\} (\d+)$/m),
    staleness: number(/^pswnet_read_replica_staleness_seconds (-?[\d.e+-]+)$/m),
  };
}

/** Whether a search on this instance finds the word. */
async function finds(server, word) {
  const res = await forumClient(server.baseUrl).call('GET', routes.search, { query: { q: word }, auth: people.amira,
    expect: 200 });
  return res.body.items.length > 0;
}

async function pauseReplay() {
  await replica.query('SELECT pg_wal_replay_pause()');
  await pollUntil(async () => (await replica.query('SELECT pg_get_wal_replay_pause_state() AS s'))[0].s === 'paused',
    { timeoutMs: 10_000, what: 'replay paused' });
}

describe('a streaming replica for reads that tolerate lag', () => {
  it('serves searches and the directory while it keeps up, and says how stale it is', async () => {
    await pollUntil(async () => {
      const { staleness } = await readMetrics(tolerant);
      return staleness >= 0 && staleness < 5;
    }, { timeoutMs: 30_000, what: 'the replica measured as keeping up' });
    const word = uniqueWord();
    await forum.createThread(people.amira, { title: `Who has tried ${word} with their teams?` });
    await waitForReplay(primary, replica);
    const before = await readMetrics(tolerant);
    await pollUntil(() => finds(tolerant, word), { timeoutMs: 10_000, what: 'the replica finding the new discussion' });
    const directory = await forumClient(tolerant.baseUrl).call('GET', '/api/v1/organisations', {
      query: { q: 'Southampton' }, auth: people.amira, expect: 200 });
    assert.ok(directory.body.items.some((organisation) => organisation.code === 'E06000045'));
    const afterwards = await readMetrics(tolerant);
    assert.ok(afterwards.replica >= before.replica + 2, `replica reads ${before.replica} -> ${afterwards.replica}`);
  });

  it('reads writes back from the primary at once, and keeps lag-tolerant reads within their bound', async () => {
    await pauseReplay();
    try {
      const word = uniqueWord();
      const thread = await forum.createThread(people.amira, { title: `How are you approaching ${word} this year?` });
      // The write and everything that is not lag-tolerant: the primary, on every instance.
      for (const server of [owner, tolerant, strict]) {
        const read = forumClient(server.baseUrl);
        assert.equal((await read.getThread(people.tom, thread.id)).title, thread.title);
        assert.ok((await read.listThreads(people.tom, { q: word })).items.some((item) => item.id === thread.id));
      }
      // The paused replica does not have it: the instance that tolerates ten minutes of lag searches there.
      assert.equal(await finds(tolerant, word), false, 'a search within the bound is answered by the replica');
      // The one that tolerates 500 ms sees the replica fall behind and searches the primary instead.
      await pollUntil(async () => (await readMetrics(strict)).staleness > 0.5,
        { timeoutMs: 10_000, what: 'the strict instance measuring the replica as stale' });
      const before = await readMetrics(strict);
      assert.equal(await finds(strict, word), true, 'beyond the bound, the primary answers');
      const afterwards = await readMetrics(strict);
      assert.ok(afterwards.primary > before.primary, `primary reads ${before.primary} -> ${afterwards.primary}`);
      assert.equal(afterwards.replica, before.replica);
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
    await waitForReplay(primary, replica);
  });

  it('goes back to the replica once it catches up, and to the primary when it stops', async () => {
    const word = uniqueWord();
    await forum.createThread(people.amira, { title: `Any experience of ${word} in adults services?` });
    await waitForReplay(primary, replica);
    await pollUntil(async () => {
      const before = await readMetrics(strict);
      const found = await finds(strict, word);
      return found && (await readMetrics(strict)).replica > before.replica;
    }, { timeoutMs: 10_000, what: 'the strict instance searching the replica again' });

    await replica.stop();
    // Until a measurement fails and the bound passes, a read may still be sent to the replica and fail: the
    // instance answers 503 then, and searches the primary from then on.
    await pollUntil(async () => {
      const res = await forumClient(strict.baseUrl).api.request('GET', `${routes.search}?q=${word}`,
        { auth: people.amira });
      return res.status === 200 && res.body.items.length > 0;
    }, { timeoutMs: 15_000, what: 'searches answered by the primary with the replica stopped' });
    assert.match(strict.logs(), /cannot measure the read replica, so reads go to the primary/);
    await replica.start();
  });

  it('never reads from a database that is not a standby', async () => {
    const notAReplica = await startServer({ shareDatabaseWith: owner,
      args: ['--read-database-url', primary.url(owner.databaseName)] });
    try {
      await notAReplica.waitForLog(/--read-database-url is not a streaming replica/, 15_000);
      await finds(notAReplica, uniqueWord());
      const { replica: replicaReads, primary: primaryReads } = await readMetrics(notAReplica);
      assert.equal(replicaReads, 0);
      assert.ok(primaryReads >= 1);
    } finally {
      await notAReplica.stop();
    }
  });
});
