// Starts the real pswnet binary on a fresh, uniquely named database of the PostgreSQL cluster that pg_virtualenv
// (or the PG* environment) points at, and tears both down again. Shared by the API and browser tests.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The pswnet executable under test: $PSWNET_BIN, else the debug build. */
export const pswnetBin = path.resolve(repoRoot, process.env.PSWNET_BIN || 'build/debug/backend/app/pswnet');

const startTimeoutMs = Number(process.env.PSWNET_TEST_START_TIMEOUT_MS || 60_000);
const commandTimeoutMs = Number(process.env.PSWNET_TEST_COMMAND_TIMEOUT_MS || 120_000);
const stopTimeoutMs = 20_000;

let databaseCounter = 0;

function uniqueDatabaseName() {
  databaseCounter += 1;
  return `pswnet_test_${process.pid}_${databaseCounter}_${randomBytes(3).toString('hex')}`;
}

function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A pg client on the cluster's maintenance database (PGDATABASE, else postgres), for CREATE/DROP DATABASE. */
async function withMaintenanceClient(work) {
  const client = new pg.Client({ database: process.env.PGDATABASE || 'postgres' });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Runs `pswnet ...args` to completion and resolves with {code, signal, stdout, stderr}; never rejects on a non-zero
 * exit (the caller decides), only when the executable cannot be started or outlives the timeout.
 */
export function runPswnet(args, { env = {}, input, timeoutMs = commandTimeoutMs } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(pswnetBin, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pswnet ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${pswnetBin}: ${error.message} (build it, or set PSWNET_BIN)`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

// Output quoted in a failure message: enough for a sanitizer report, not a whole log.
function tail(text, limit = 12_000) {
  return text.length > limit ? `[... ${text.length - limit} characters before]\n${text.slice(-limit)}` : text;
}

/** Like runPswnet, but fails with the command's output unless it exits 0. */
export async function runPswnetOk(args, options) {
  const result = await runPswnet(args, options);
  if (result.code !== 0) {
    throw new Error(`pswnet ${args.join(' ')} exited with ${result.code ?? result.signal}\n` +
      `--- stdout\n${tail(result.stdout)}--- stderr\n${tail(result.stderr)}`);
  }
  return result;
}

/** Resolves when `child` has exited, with {code, signal}; rejects after timeoutMs. */
export function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      reject(new Error(`pswnet (pid ${child.pid}) did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    function onExit(code, signal) {
      clearTimeout(timer);
      resolve({ code, signal });
    }
    child.once('exit', onExit);
  });
}

/**
 * Polls `check` (an async function returning a truthy value when done) until it succeeds or timeoutMs passes.
 * For conditions that announce themselves with no event, such as a database coming back.
 */
export async function pollUntil(check, { timeoutMs, intervalMs = 200, what = 'condition' }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${what} not reached within ${timeoutMs} ms${lastError ? `: ${lastError.message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Creates a fresh database, a copy of one migrated (and seeded with the demo accounts) once for every suite
 * (templateDatabase), starts `pswnet serve` on a free port and resolves once it prints
 * `listening on http://127.0.0.1:PORT`.
 *
 * With shareDatabaseWith (a server that startServer returned), starts another instance on that server's database
 * instead, as a second instance behind a load balancer would run: nothing is created, migrated or seeded, and
 * stopping this instance leaves the database to its owner. Stop the sharing instances before the owner.
 *
 * Email: unless args or the environment name --smtp-url or --mail-dir, each server writes its emails as .eml files
 * to a new temporary folder of its own (support/mail.mjs reads them), removed when it stops; an instance sharing a
 * database shares its owner's folder too, as instances share one mail server. `mailDir` is that folder (or the
 * --mail-dir given), undefined when the server sends by SMTP.
 *
 * Returns {baseUrl, port, metricsUrl, databaseName, databaseUrl, db (a pg.Pool on the database), mailDir, process,
 * logs(), waitForLog(regex, timeoutMs), stop({signal})}. stop() ends the process (SIGTERM by default), waits for it
 * and drops the database if this server created it; it resolves with {code, signal} and may be called more than
 * once.
 */
// The suites write far faster than people do: unless a test asks for the built-in per-person write limits
// (writeLimits: 'built-in'), they are raised out of the way. tests/api/write_limits tests the built-in ones.
const generousWriteLimits = ['thread', 'post', 'flag', 'reminder', 'invitation'].map((a) => `${a}=100000/60`).join(',');

export async function startServer({
  seedDemo = true, migrate = true, env = {}, args = [], shareDatabaseWith, writeLimits = 'generous', maxOpenFiles,
} = {}) {
  const ownsDatabase = !shareDatabaseWith;
  const databaseName = shareDatabaseWith?.databaseName ?? uniqueDatabaseName();
  const databaseUrl = `dbname=${databaseName}`;
  const serverEnv = { PSWNET_DATABASE_URL: databaseUrl, ...env };
  const mail = await mailFolderFor(args, { ...process.env, ...serverEnv }, shareDatabaseWith);
  if (ownsDatabase) {
    try {
      const template = migrate ? await templateDatabase({ seedDemo, env }) : 'template1';
      await withMaintenanceClient((client) =>
        client.query(`CREATE DATABASE ${quoteIdentifier(databaseName)} TEMPLATE ${quoteIdentifier(template)}`));
    } catch (error) {
      if (mail.created) await rm(mail.created, { recursive: true, force: true });
      throw error;
    }
  }
  const dropOwnDatabase = async () => {
    if (ownsDatabase) await dropDatabase(databaseName);
    if (mail.created) await rm(mail.created, { recursive: true, force: true }).catch(() => {});
  };

  let db;
  let child;
  try {
    // Migrated (and seeded) already when copied from a template; seed-demo migrates first.
    if (ownsDatabase && !migrate && seedDemo) await runPswnetOk(['seed-demo', '--accounts-only'], { env: serverEnv });

    const staticDir = serverEnv.PSWNET_STATIC_DIR ?? process.env.PSWNET_STATIC_DIR;
    const serveArgs = ['serve', '--listen', '127.0.0.1:0', '--metrics-listen', '127.0.0.1:0',
      ...(writeLimits === 'generous' ? ['--write-limits', generousWriteLimits] : []),
      ...(staticDir ? ['--static-dir', staticDir] : []), ...mail.args, ...args];
    // maxOpenFiles: run under prlimit (util-linux), which sets the limit and then executes pswnet in its place.
    const [program, programArgs] = maxOpenFiles
      ? ['prlimit', [`--nofile=${maxOpenFiles}`, '--', pswnetBin, ...serveArgs]] : [pswnetBin, serveArgs];
    child = spawn(program, programArgs, { env: { ...process.env, ...serverEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = captureOutput(child);
    const port = await waitForListening(child, output);
    // Written to standard output before the listening line, but the log's own listening line (standard error) may
    // be read before it: wait for it rather than look once.
    const metricsUrl = (await output.waitFor(/metrics on (http:\/\/127\.0\.0\.1:\d+)\/metrics/, startTimeoutMs))[1];

    db = new pg.Pool({ database: databaseName, max: 2 });
    // A PostgreSQL restart (tests/api/operations) ends the pool's idle connections; the pool replaces them.
    db.on('error', () => {});

    const server = {
      baseUrl: `http://127.0.0.1:${port}`,
      port,
      metricsUrl, // the --metrics-listen listener: /metrics, /healthz, /readyz
      databaseName,
      databaseUrl,
      db,
      mailDir: mail.dir,
      process: child,
      logs: output.text,
      waitForLog: output.waitFor,
      stop: once(async ({ signal = 'SIGTERM' } = {}) => {
        try {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return await waitForExit(child, stopTimeoutMs).catch((error) => {
            child.kill('SIGKILL');
            throw error;
          });
        } finally {
          await db.end().catch(() => {});
          await dropOwnDatabase();
        }
      }),
    };
    serversByPool.set(db, server);
    return server;
  } catch (error) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (db) await db.end().catch(() => {});
    await dropOwnDatabase();
    throw error;
  }
}

/**
 * The database that a new migrated test database is copied from: migrated, and seeded with the demo accounts when
 * seedDemo, by this binary with this environment, once for the cluster. `CREATE DATABASE … TEMPLATE` takes about a
 * tenth of a second, where `pswnet migrate` and `seed-demo --accounts-only` take nearly two under the sanitizers, for
 * each of the suites' servers; the copy is what they made, sequences and all. A template is built under a name of its
 * own and renamed when whole, so that a suite running at the same time never copies half of one. Templates last as
 * long as the cluster: pg_virtualenv's goes at the end of the test command; a new build of pswnet makes new ones.
 */
const templates = new Map();

async function templateDatabase({ seedDemo, env }) {
  const binary = await stat(pswnetBin);
  // The cluster too: the operations suites point the PG* environment at clusters of their own.
  const settings = Object.entries(process.env).filter(([name]) => /^(PSWNET_|PGHOST$|PGPORT$)/.test(name)).sort();
  const key = createHash('sha256')
    .update(JSON.stringify([pswnetBin, binary.size, binary.mtimeMs, seedDemo, env, settings])).digest('hex');
  const name = `pswnet_template_${key.slice(0, 20)}`;
  if (!templates.has(name)) {
    templates.set(name, buildTemplate(name, { seedDemo, env }).catch((error) => {
      templates.delete(name);
      throw error;
    }));
  }
  await templates.get(name);
  return name;
}

async function buildTemplate(name, { seedDemo, env }) {
  const { rowCount } = await withMaintenanceClient((client) =>
    client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
  if (rowCount > 0) return;
  const building = uniqueDatabaseName();
  await withMaintenanceClient((client) => client.query(`CREATE DATABASE ${quoteIdentifier(building)}`));
  try {
    const buildEnv = { ...env, PSWNET_DATABASE_URL: `dbname=${building}` };
    await runPswnetOk(['migrate'], { env: buildEnv });
    if (seedDemo) await runPswnetOk(['seed-demo', '--accounts-only'], { env: buildEnv });
    await withMaintenanceClient((client) =>
      client.query(`ALTER DATABASE ${quoteIdentifier(building)} RENAME TO ${quoteIdentifier(name)}`));
  } catch (error) {
    await dropDatabase(building);
    if (error.code !== '42P04') throw error; // not when another suite's template of the same name was renamed first
  }
}

// The server each test database pool belongs to, for helpers that are handed `server.db` but need the server.
const serversByPool = new WeakMap();

/** The server (as startServer returned it) whose `db` pool this is, or undefined. */
export function serverOfPool(db) {
  return serversByPool.get(db);
}

/** The value of `--name value` or `--name=value` in args, or undefined. */
function flagValue(args, name) {
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

/**
 * Where a server's email goes: {args (to add), dir (the .eml folder, if any), created (a folder to remove at
 * stop)}. pswnet takes --smtp-url and --mail-dir from the command line, else from PSWNET_SMTP_URL and
 * PSWNET_MAIL_DIR; only when neither names one does the test choose.
 */
async function mailFolderFor(args, env, shareDatabaseWith) {
  const smtpUrl = flagValue(args, 'smtp-url') ?? env.PSWNET_SMTP_URL;
  const mailDir = flagValue(args, 'mail-dir') ?? env.PSWNET_MAIL_DIR;
  if (smtpUrl) return { args: [], dir: undefined };
  if (mailDir) return { args: [], dir: path.resolve(mailDir) };
  if (shareDatabaseWith?.mailDir) return { args: ['--mail-dir', shareDatabaseWith.mailDir], dir: shareDatabaseWith.mailDir };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pswnet-mail-'));
  return { args: ['--mail-dir', dir], dir, created: dir };
}

function once(fn) {
  let result;
  return (...args) => {
    result ??= fn(...args);
    return result;
  };
}

async function dropDatabase(databaseName) {
  await withMaintenanceClient((client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`)).catch(() => {});
}

/** Collects stdout and stderr of a child and lets callers wait for a line matching a pattern. */
function captureOutput(child) {
  let text = '';
  const waiters = new Set();
  const onData = (chunk) => {
    text += chunk;
    for (const waiter of waiters) waiter();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  // The process never outlives the test run, even when a test fails before calling stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => {
    process.off('exit', killOnExit);
    for (const waiter of waiters) waiter();
  });

  function waitFor(pattern, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = text.match(pattern);
        if (match) {
          finish();
          resolve(match);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          finish();
          reject(new Error(`pswnet exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}\n${tail(text)}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`pswnet did not print ${pattern} within ${timeoutMs} ms\n${tail(text)}`));
      }, timeoutMs);
      function finish() {
        clearTimeout(timer);
        waiters.delete(check);
      }
      waiters.add(check);
      check();
    });
  }
  return { text: () => text, waitFor };
}

async function waitForListening(child, output) {
  const spawned = new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) =>
      reject(new Error(`cannot run ${pswnetBin}: ${error.message} (build it, or set PSWNET_BIN)`)));
  });
  await spawned;
  const match = await output.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/, startTimeoutMs);
  return Number(match[1]);
}
