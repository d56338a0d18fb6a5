// Private PostgreSQL 15 clusters for the operations tests (backups, restores, replicas), independent of
// pg_virtualenv and of the cluster it made: each one initdb'd into a fresh temporary folder with a unix-socket folder
// of its own, listening on that socket and on 127.0.0.1 only, with trust authentication for the superuser
// `postgres`. As root, the server and its tools (initdb, pg_ctl, pg_basebackup, pgbackrest) run as the `postgres` OS
// user, which PostgreSQL insists on, and the folders are handed to it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pollUntil } from './server.mjs';

/** Where the PostgreSQL 15 programs are: $PSWNET_TEST_PG_BINDIR, else Debian's place for them. */
export const pgBinDir = process.env.PSWNET_TEST_PG_BINDIR || '/usr/lib/postgresql/15/bin';

/** The path of a PostgreSQL program (initdb, pg_ctl, pg_basebackup, ...). */
export const pgBin = (program) => path.join(pgBinDir, program);

/** The database superuser of every private cluster, whoever runs the test. */
export const superuser = 'postgres';

const runningAsRoot = process.getuid?.() === 0;
const clusterOwner = runningAsRoot ? {
  uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
  gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
} : undefined;
const commandTimeoutMs = Number(process.env.PSWNET_TEST_COMMAND_TIMEOUT_MS || 120_000);
const startTimeoutSeconds = 90;

// Output quoted in a failure message: the end, where the error is.
function tail(text, limit = 6_000) {
  return text.length > limit ? `[...]\n${text.slice(-limit)}` : text;
}

// The programs get no PG* variables: pg_virtualenv's point at its own cluster, and these clusters are named
// explicitly on every command line.
function environmentWithoutLibpq() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
}

/**
 * Runs `command args` as the owner of the clusters (the `postgres` OS user when the test runs as root, through
 * `runuser -u postgres --`; the current user otherwise) and resolves with {stdout, stderr}; rejects with the output
 * when it exits with anything but 0 or outlives timeoutMs.
 */
export function runAsClusterOwner(command, args = [], { timeoutMs = commandTimeoutMs } = {}) {
  const [program, programArgs] = runningAsRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    // cwd: a folder the postgres user may enter, whatever the test's own working directory is.
    const child = spawn(program, programArgs,
      { cwd: '/', env: environmentWithoutLibpq(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    const described = [command, ...args].join(' ');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${described} did not finish within ${timeoutMs} ms\n${tail(stdout + stderr)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${described}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${described} exited with ${code ?? signal}\n${tail(stdout + stderr)}`));
    });
  });
}

/** Hands a folder and everything in it to the clusters' owner (nothing to do unless running as root). */
export async function giveToClusterOwner(folder) {
  if (!clusterOwner) return;
  const walk = async (target) => {
    await chown(target, clusterOwner.uid, clusterOwner.gid);
    for (const entry of await readdir(target, { withFileTypes: true })) {
      const child = path.join(target, entry.name);
      if (entry.isDirectory()) await walk(child);
      else await chown(child, clusterOwner.uid, clusterOwner.gid);
    }
  };
  await walk(folder);
}

/** A new temporary folder (mode 0700) owned by the clusters' owner, for a cluster or a backup repository. */
export async function ownedTemporaryFolder(prefix) {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  await giveToClusterOwner(folder);
  return folder;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A postgresql.conf line: numbers and booleans as they are, anything else quoted. */
function settingLine(name, value) {
  const written = typeof value === 'number' || typeof value === 'boolean' ? String(value)
    : `'${String(value).replaceAll("'", "''")}'`;
  return `${name} = ${written}\n`;
}

const settingLines = (settings) => Object.entries(settings).map(([name, value]) => settingLine(name, value)).join('');

/**
 * A cluster whose data folder is still empty: for pg_basebackup or `pgbackrest restore` to fill, after which
 * `useOwnAddress(settings)` makes the copy listen on this cluster's port and socket instead of its source's. `name`
 * only names the temporary folder. Returns the cluster (see createCluster); destroy() it when done.
 */
export async function createEmptyCluster({ name = 'cluster', port } = {}) {
  const baseDir = await mkdtemp(path.join(os.tmpdir(), `pswnet-pg-${name}-`));
  const dataDir = path.join(baseDir, 'data');
  const socketDir = path.join(baseDir, 'socket');
  await mkdir(dataDir, { mode: 0o700 });
  await mkdir(socketDir, { mode: 0o700 });
  await giveToClusterOwner(baseDir);
  return clusterIn({ name, baseDir, dataDir, socketDir, port: port ?? (await freePort()) });
}

/**
 * initdb's a new cluster in a fresh temporary folder (UTF-8, C.UTF-8, trust for local connections and replication)
 * listening on `port` (a free one if not given) on 127.0.0.1 and on a socket in a folder of its own, with `settings`
 * ({name: value}) appended to postgresql.conf. Not started.
 *
 * The cluster: {name, port, baseDir, dataDir, socketDir, logFile, user, environment (PGHOST, PGPORT, PGUSER),
 * conninfo(database), url(database), query(sql, params, {database}), start(), stop(), destroy(), logs(),
 * useOwnAddress(settings)}.
 */
export async function createCluster({ name = 'cluster', port, settings = {} } = {}) {
  const cluster = await createEmptyCluster({ name, port });
  try {
    await runAsClusterOwner(pgBin('initdb'), ['--pgdata', cluster.dataDir, '--username', superuser, '--auth', 'trust',
      '--encoding', 'UTF8', '--locale', 'C.UTF-8', '--no-sync']);
    // initdb's pg_hba.conf already trusts local replication connections; said again so that a standby's
    // pg_basebackup and streaming do not depend on initdb's defaults.
    await appendFile(path.join(cluster.dataDir, 'pg_hba.conf'), 'local replication all trust\n');
    await appendFile(path.join(cluster.dataDir, 'postgresql.conf'),
      `\n# pswnet tests\n${settingLines({ ...cluster.ownAddress(), ...settings })}`);
    return cluster;
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
}

function clusterIn({ name, baseDir, dataDir, socketDir, port }) {
  const logFile = path.join(baseDir, 'server.log');
  const running = () => existsSync(path.join(dataDir, 'postmaster.pid'));
  const pgCtl = (args, options) => runAsClusterOwner(pgBin('pg_ctl'), ['--pgdata', dataDir, ...args], options);

  const cluster = {
    name,
    port,
    baseDir,
    dataDir,
    socketDir,
    logFile,
    user: superuser,
    /** The PG* variables that point libpq (and the pg module, and pswnet) at this cluster. */
    environment: { PGHOST: socketDir, PGPORT: String(port), PGUSER: superuser },

    /** A libpq key=value connection string (pg_basebackup -R copies it into the standby's primary_conninfo). */
    conninfo: (database = 'postgres') => `host=${socketDir} port=${port} user=${superuser} dbname=${database}`,

    /** A libpq URL that pswnet and the pg module both read. */
    url: (database = 'postgres') => `postgresql:///${encodeURIComponent(database)}` +
      `?host=${encodeURIComponent(socketDir)}&port=${port}&user=${superuser}`,

    /** The settings that make a copied data folder listen where this cluster does, not where its source did. */
    ownAddress: () => ({ listen_addresses: '127.0.0.1', port, unix_socket_directories: socketDir }),

    /**
     * Appends this cluster's address and `settings` to postgresql.auto.conf, which wins over the postgresql.conf
     * that pg_basebackup or pgbackrest copied from the source cluster. Only while stopped.
     */
    async useOwnAddress(settings = {}) {
      await appendFile(path.join(dataDir, 'postgresql.auto.conf'),
        `# pswnet tests: this copy's own address\n${settingLines({ ...cluster.ownAddress(), ...settings })}`);
      await giveToClusterOwner(dataDir);
    },

    /** One statement on a new connection (closed afterwards); resolves with the rows. */
    async query(sql, params = [], { database = 'postgres' } = {}) {
      const client = new pg.Client({ connectionString: cluster.url(database) });
      client.on('error', () => {});
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end().catch(() => {});
      }
    },

    /** The server's log so far (pg_ctl -l), for failure messages. */
    logs: () => readFile(logFile, 'utf8').catch(() => ''),

    /**
     * Starts the server and resolves once it accepts connections (pg_ctl -w: for a cluster in recovery, once it
     * has reached a consistent state and takes read-only connections).
     */
    async start({ timeoutSeconds = startTimeoutSeconds } = {}) {
      try {
        await pgCtl(['--log', logFile, '--wait', '--timeout', String(timeoutSeconds), 'start'],
          { timeoutMs: (timeoutSeconds + 30) * 1000 });
      } catch (error) {
        error.message += `\n--- ${name} server log\n${tail(await cluster.logs())}`;
        throw error;
      }
    },

    /** Stops the server with a fast shutdown (sessions ended, no waiting for clients); nothing if not running. */
    async stop() {
      if (!running()) return;
      await pgCtl(['--mode', 'fast', '--wait', '--timeout', String(startTimeoutSeconds), 'stop']);
    },

    /** Stops the server (immediately if a fast shutdown fails) and removes every file of the cluster. */
    async destroy() {
      try {
        await cluster.stop();
      } catch {
        await pgCtl(['--mode', 'immediate', '--wait', 'stop']).catch(() => {});
      }
      await rm(baseDir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/**
 * Waits until the server accepts connections and has left recovery (pg_is_in_recovery() false): a restored cluster
 * promoted at its recovery target, or a promoted standby.
 */
export async function waitForRecoveryEnd(cluster, { timeoutMs = 60_000 } = {}) {
  await pollUntil(async () => {
    const [{ inRecovery }] = await cluster.query('SELECT pg_is_in_recovery() AS "inRecovery"');
    return !inRecovery;
  }, { timeoutMs, intervalMs: 100, what: `${cluster.name} leaving recovery` }).catch(async (error) => {
    error.message += `\n--- ${cluster.name} server log\n${tail(await cluster.logs())}`;
    throw error;
  });
}

/**
 * Makes a streaming standby of `primary` (which needs wal_level=replica and max_wal_senders > 0; local
 * replication connections are trusted by createCluster) with `pg_basebackup -R -X stream` into a new cluster on
 * `port` (a free one if not given), and starts it. Resolves with the standby cluster; destroy() it before the
 * primary.
 */
export async function createReplica(primary, { port, name = `${primary.name}-replica`, settings = {} } = {}) {
  const replica = await createEmptyCluster({ name, port });
  try {
    await runAsClusterOwner(pgBin('pg_basebackup'), ['--pgdata', replica.dataDir, '--dbname', primary.conninfo(),
      '--write-recovery-conf', '--wal-method', 'stream', '--checkpoint', 'fast', '--no-sync']);
    await replica.useOwnAddress({ hot_standby: 'on', ...settings });
    await replica.start();
    return replica;
  } catch (error) {
    await replica.destroy();
    throw error;
  }
}

/**
 * Waits until `replica` has replayed everything `primary` had written when this was called: its
 * pg_last_wal_replay_lsn() reaches the primary's pg_current_wal_lsn() of that moment. Polls; fails after timeoutMs.
 */
export async function waitForReplay(primary, replica, { timeoutMs = 30_000 } = {}) {
  const [{ lsn }] = await primary.query('SELECT pg_current_wal_lsn()::text AS lsn');
  await pollUntil(async () => {
    const [{ replayed }] = await replica.query(
      'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS replayed', [lsn]);
    return replayed;
  }, { timeoutMs, intervalMs: 50, what: `${replica.name} replaying up to ${lsn}` });
  return lsn;
}
