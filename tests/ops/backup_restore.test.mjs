// Backups that restore: point-in-time recovery with pgBackRest, end to end. A private PostgreSQL 15 cluster archives
// its WAL into a pgBackRest repository; the real pswnet writes discussions, replies and library files (whose bytes
// live in the database) in three batches around a full backup and a target time; the repository is restored into a
// new, empty data folder up to that time, and a second pswnet on the restored cluster must show every write
// acknowledged before the target, byte for byte, and nothing written after it.
//
// The clusters are the test's own (support/clusters.mjs), not pg_virtualenv's: archive_mode needs a restart and the
// restore needs a cluster of its own. The steps depend on each other and run in order.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import {
  createCluster, createEmptyCluster, giveToClusterOwner, ownedTemporaryFolder, runAsClusterOwner, waitForRecoveryEnd,
} from '../support/clusters.mjs';
import { forumClient, routes as forumRoutes, uniqueWord } from '../support/forum.mjs';
import { libraryClient, routes as libraryRoutes } from '../support/library.mjs';
import { pollUntil, startServer } from '../support/server.mjs';

const stanza = 'pswnet';
const archiveTimeoutMs = 60_000;
const stepTimeout = { timeout: 180_000 };

let workDir; // pgbackrest.conf, the repository, pgBackRest's logs and locks
let configFile;
let primary; // the cluster pswnet writes to, archiving its WAL
let restored; // the new cluster restored from the repository
let server; // pswnet on the primary
let restoredServer; // pswnet on the restored cluster
let savedEnvironment;
const batches = []; // what each batch wrote, as acknowledged by the API
let targetTime; // the recovery target: after batch 2 was acknowledged, before batch 3 began
let backupLabel; // the full backup's set, e.g. 20261203-122225F

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** `pgbackrest --config=... --stanza=pswnet [options] command`, as the clusters' owner; resolves with its output. */
function pgbackrest(command, options = []) {
  return runAsClusterOwner('pgbackrest', [`--config=${configFile}`, `--stanza=${stanza}`, ...options, command]);
}

// startServer creates, migrates and drops its database, and its pools connect, through this process's PG*
// environment: for this file it names the private primary instead of pg_virtualenv's cluster.
const libpqVariables = ['PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE'];
function pointEnvironmentAt(cluster) {
  savedEnvironment = Object.fromEntries(libpqVariables.map((name) => [name, process.env[name]]));
  Object.assign(process.env, cluster.environment, { PGDATABASE: 'postgres' });
}
function restoreEnvironment() {
  if (!savedEnvironment) return;
  for (const [name, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

before(async () => {
  // infra/lib.sh installs it; a machine without it is told so plainly rather than by a failing archive_command.
  await runAsClusterOwner('pgbackrest', ['version']).catch((error) => {
    throw new Error(`pgBackRest is needed (apt-get install pgbackrest): ${error.message}`);
  });
  workDir = await ownedTemporaryFolder('pswnet-pgbackrest-');
  configFile = path.join(workDir, 'pgbackrest.conf');
  primary = await createCluster({
    name: 'primary',
    settings: {
      wal_level: 'replica',
      archive_mode: 'on',
      archive_command: `pgbackrest --config=${configFile} --stanza=${stanza} archive-push %p`,
      max_wal_senders: 3,
    },
  });
  await writeFile(configFile, [
    '[global]',
    `repo1-path=${path.join(workDir, 'repo')}`,
    'repo1-retention-full=2',
    `log-path=${path.join(workDir, 'log')}`,
    `lock-path=${path.join(workDir, 'lock')}`,
    'start-fast=y',
    'archive-async=n',
    'compress-type=lz4',
    '',
    `[${stanza}]`,
    `pg1-path=${primary.dataDir}`,
    `pg1-port=${primary.port}`,
    `pg1-socket-path=${primary.socketDir}`,
    '',
  ].join('\n'));
  // pgBackRest makes the repository but not its log folder (and warns for each command without one).
  await mkdir(path.join(workDir, 'log'));
  await mkdir(path.join(workDir, 'lock'));
  await giveToClusterOwner(workDir);
  await primary.start();
  pointEnvironmentAt(primary);
});

after(async () => {
  // Each step on its own: a failure in one must not keep the others from cleaning up.
  await restoredServer?.stop().catch(() => {});
  await server?.stop().catch(() => {}); // drops its database on the primary: the environment must still name it
  restoreEnvironment();
  await restored?.destroy().catch(() => {});
  await primary?.destroy().catch(() => {});
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** A text file of about 1.5 MiB (two of the database's 1 MiB chunks), different in every batch. */
function fileFor(label) {
  const word = uniqueWord();
  const line = `Supervision notes of batch ${label}: ${word} with newly qualified social workers.\n`;
  return Buffer.concat([Buffer.from(`Batch ${label} ${word}\n`), Buffer.alloc(1.5 * 1024 * 1024, line)]);
}

/**
 * Writes one batch through the API as two demo people and resolves with what was acknowledged: a discussion with a
 * reply, a reply to an earlier batch's discussion, a library resource with an uploaded file, and (`newVersionOf`) a
 * new file version of an earlier batch's resource.
 */
async function writeBatch(label, { people, forum, library, replyTo, newVersionOf }) {
  const { amira, tom } = people;
  const word = uniqueWord();
  const thread = await forum.createThread(amira, {
    title: `Backup batch ${label}: how do you run ${word}?`,
    body: `Asked in batch ${label}: we are reviewing ${word} and would value your experience.`,
  });
  const replies = [await forum.reply(tom, thread.id, `Answered in batch ${label}: we ${uniqueWord()} every month.`)];
  if (replyTo) replies.push(await forum.reply(tom, replyTo.id, `Added in batch ${label}: we ${uniqueWord()} too.`));
  const resource = await library.create(amira, { title: `Backup batch ${label}: supervision ${uniqueWord()}` });
  const files = [];
  for (const target of [resource, newVersionOf].filter(Boolean)) {
    const bytes = fileFor(label);
    const stored = await library.uploaded(amira, target.id, bytes, `batch-${label}.txt`);
    const file = stored.files.find((candidate) => candidate.sha256 === sha256(bytes));
    assert.ok(file, `the upload of batch ${label} is among the resource's files`);
    files.push({ resourceId: target.id, version: file.version, sha256: sha256(bytes), size: bytes.length });
  }
  return {
    label,
    thread: { id: thread.id, title: thread.title, body: thread.posts[0].body_markdown },
    replies: replies.map((reply) => ({ id: reply.id, threadId: reply.thread_id, body: reply.body_markdown })),
    resource: { id: resource.id, title: resource.title },
    files,
  };
}

describe('point-in-time recovery with pgBackRest', () => {
  let people;
  let forum;
  let library;

  // Each step needs the ones before it: after a failure, the rest are skipped rather than failing for its sake.
  let stepsDeclared = 0;
  let stepsDone = 0;
  function step(name, body) {
    const index = stepsDeclared;
    stepsDeclared += 1;
    it(name, stepTimeout, async (t) => {
      if (stepsDone < index) {
        t.skip('an earlier step failed');
        return;
      }
      await body();
      stepsDone += 1;
    });
  }

  step('creates the stanza, checks the archive and takes a full backup after the first batch', async () => {
    await pgbackrest('stanza-create');
    await pgbackrest('check');
    // Started once the archive works, so that no WAL of pswnet's migrations waits for a stanza to exist.
    server = await startServer();
    forum = forumClient(server.baseUrl);
    library = libraryClient(server.baseUrl);
    people = { amira: await signIn(server.baseUrl, demoUsers.amira), tom: await signIn(server.baseUrl, demoUsers.tom) };
    batches.push(await writeBatch(1, { people, forum, library }));

    await pgbackrest('backup', ['--type=full']);
    const [info] = JSON.parse((await pgbackrest('info', ['--output=json'])).stdout);
    assert.equal(info.status.message, 'ok', JSON.stringify(info.status));
    assert.deepEqual(info.backup.map((backup) => backup.type), ['full']);
    backupLabel = info.backup[0].label;
  });

  step('archives the WAL of a second batch, the target time, and a third batch after it', async () => {
    const [first] = batches;
    batches.push(await writeBatch(2, { people, forum, library, replyTo: first.thread }));
    // A fresh statement after batch 2 was acknowledged: every commit of batch 2 is at or before this time.
    [{ targetTime }] = await primary.query('SELECT clock_timestamp()::text AS "targetTime"');
    const second = batches.at(-1);
    batches.push(await writeBatch(3, { people, forum, library, replyTo: first.thread, newVersionOf: second.resource }));

    // Batch 3's commits, the first past the target, must reach the repository too: recovery stops on one of them.
    const [{ walFile }] = await primary.query('SELECT pg_walfile_name(pg_switch_wal()) AS "walFile"');
    let archiver;
    await pollUntil(async () => {
      [archiver] = await primary.query('SELECT * FROM pg_stat_archiver');
      return archiver.last_archived_wal >= walFile;
    }, { timeoutMs: archiveTimeoutMs, intervalMs: 100, what: `${walFile} archived` }).catch((error) => {
      // PostgreSQL retries a failed archive_command: a failure is only news if the segment never arrives.
      error.message += `\npg_stat_archiver: ${JSON.stringify(archiver)}`;
      throw error;
    });
  });

  step('restores the backup into a new, empty data folder up to the target time and promotes it', async () => {
    restored = await createEmptyCluster({ name: 'restored' });
    // --set: left to itself, pgBackRest picks the newest backup that stopped before the target, comparing whole
    // seconds, and finds none when the target falls in the second the backup stopped in, as it may here.
    await pgbackrest('restore', [`--pg1-path=${restored.dataDir}`, `--set=${backupLabel}`, '--type=time',
      `--target=${targetTime}`, '--target-action=promote', '--archive-mode=off']);
    // --archive-mode=off keeps the copy from pushing WAL of its own into the primary's repository. Its
    // postgresql.conf is the primary's: it listens on a port and socket of its own instead.
    await restored.useOwnAddress();
    await restored.start();
    await waitForRecoveryEnd(restored, { timeoutMs: 60_000 });

    const log = await restored.logs();
    assert.match(log, /recovery stopping before commit of transaction \d+, time /, log);
    assert.match(log, /archive recovery complete/, log);
  });

  step('has every write of the first two batches, the files byte for byte, and nothing of the third', async () => {
    const mailDir = path.join(restored.baseDir, 'mail');
    await mkdir(mailDir);
    // Another pswnet on the restored copy of the same database: startServer creates, migrates and drops nothing.
    // Its `db` pool would follow this process's environment to the primary, so the SQL below uses restored.query.
    restoredServer = await startServer({
      shareDatabaseWith: { databaseName: server.databaseName },
      env: { ...restored.environment, PSWNET_DATABASE_URL: restored.url(server.databaseName) },
      args: ['--mail-dir', mailDir],
    });
    const restoredForum = forumClient(restoredServer.baseUrl);
    const restoredLibrary = libraryClient(restoredServer.baseUrl);
    const amira = await signIn(restoredServer.baseUrl, demoUsers.amira);
    const tom = await signIn(restoredServer.baseUrl, demoUsers.tom); // the replies' author, who sees their Markdown
    const [first, second, third] = batches;

    for (const batch of [first, second]) {
      const thread = await restoredForum.getThread(amira, batch.thread.id);
      assert.equal(thread.title, batch.thread.title);
      assert.equal(thread.posts[0].body_markdown, batch.thread.body);
      const resource = await restoredLibrary.get(amira, batch.resource.id);
      assert.equal(resource.title, batch.resource.title);
    }
    // The replies restored are exactly those of batches 1 and 2, each with its words, on its discussion.
    const acknowledgedReplies = [first, second].flatMap((batch) => batch.replies);
    for (const threadId of new Set(acknowledgedReplies.map((reply) => reply.threadId))) {
      const thread = await restoredForum.getThread(tom, threadId);
      const replies = thread.posts.filter((post) => !post.is_opening);
      assert.deepEqual(replies.map((post) => ({ id: post.id, body: post.body_markdown })),
        acknowledgedReplies.filter((reply) => reply.threadId === threadId).map(({ id, body }) => ({ id, body })));
    }
    for (const file of [...first.files, ...second.files]) {
      const download = await restoredLibrary.download(amira, file.resourceId, file.version);
      assert.equal(download.status, 200);
      assert.equal(download.bytes.length, file.size);
      assert.equal(sha256(download.bytes), file.sha256, `resource ${file.resourceId} version ${file.version}`);
    }

    // Nothing of batch 3: its discussion, its resource, and the new file version of batch 2's resource.
    const threadRead = await restoredForum.call('GET', forumRoutes.thread, { id: third.thread.id, auth: amira });
    assert.equal(threadRead.status, 404);
    const resourceRead = await restoredLibrary.call('GET', libraryRoutes.resource,
      { id: third.resource.id, auth: amira });
    assert.equal(resourceRead.status, 404);
    assert.deepEqual((await restoredLibrary.get(amira, second.resource.id)).files.map((file) => file.version), [1]);
    const [, newVersion] = third.files;
    assert.equal((await restoredLibrary.download(amira, newVersion.resourceId, newVersion.version)).status, 404);

    // The same in the tables, where a row the API leaves out (a reply, a stored blob) would still show.
    const sql = (text, params) => restored.query(text, params, { database: server.databaseName });
    const thirdReplies = third.replies.map((reply) => reply.id);
    const thirdFiles = third.files.map((file) => file.sha256);
    assert.deepEqual(await sql('SELECT id FROM threads WHERE id >= $1', [third.thread.id]), []);
    assert.deepEqual(await sql('SELECT id FROM posts WHERE id = ANY($1) OR thread_id = $2',
      [thirdReplies, third.thread.id]), []);
    assert.deepEqual(await sql('SELECT sha256 FROM file_blobs WHERE sha256 = ANY($1)', [thirdFiles]), []);
    for (const file of [...first.files, ...second.files]) {
      const [{ content }] = await sql('SELECT string_agg(data, \'\'::bytea ORDER BY seq) AS content ' +
        'FROM file_blob_chunks WHERE sha256 = $1', [file.sha256]);
      assert.equal(sha256(content), file.sha256);
    }

    // And batch 3 is still on the primary: what the restore left out was written, not lost on the way.
    assert.equal((await forum.getThread(people.amira, third.thread.id)).id, third.thread.id);
  });
});
