// `pswnet doctor` against real parts: a migrated database and one left empty, a database that cannot be reached, the
// built webclient and a folder without it, a real SMTP server and a port where none listens, and the origin and
// proxy settings an operator gets wrong. Each check says ok, warn or FAIL on its own line; a FAIL exits 1.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSmtpSink } from '../support/mail.mjs';
import { repoRoot, runPswnet, startServer } from '../support/server.mjs';

let server, smtp, emptyFolder;
const webclient = process.env.PSWNET_STATIC_DIR ?? path.join(repoRoot, 'webclient/dist');

before(async () => {
  [server, smtp, emptyFolder] = await Promise.all([startServer({ seedDemo: false }), startSmtpSink(),
    mkdtemp(path.join(tmpdir(), 'pswnet-doctor-'))]);
});
after(async () => {
  await Promise.all([server?.stop(), smtp?.close(), emptyFolder && rm(emptyFolder, { recursive: true, force: true })]);
});

/** Runs the doctor with these flags on the test database; {code, lines: {check: [level, detail]}}. */
async function doctor(flags, { databaseUrl = server.databaseUrl } = {}) {
  // Only what the flags say: not the static folder or mail server the test run itself may name.
  const result = await runPswnet(['doctor', ...flags], { env: { PSWNET_DATABASE_URL: databaseUrl,
    PSWNET_STATIC_DIR: '', PSWNET_SMTP_URL: '', PSWNET_PUBLIC_ORIGIN: '', PSWNET_TRUST_PROXY: 'false' } });
  const lines = {};
  for (const line of result.stdout.split('\n')) {
    const match = /^(ok|warn|FAIL) +(\S+) +(.*)$/.exec(line);
    if (match) lines[match[2]] = [match[1], match[3]];
  }
  return { code: result.code, lines, output: result.stdout + result.stderr };
}

describe('pswnet doctor', () => {
  it('passes a deployment configured as it should be', async () => {
    const { code, lines, output } = await doctor(['--static-dir', webclient, '--public-origin', 'https://pswnet.example',
      '--trust-proxy', 'true', '--smtp-url', smtp.url]);
    assert.equal(code, 0, output);
    assert.match(lines.database[1], /^PostgreSQL 15\.\d+\b.*, at migration (\d+) of \1$/);
    assert.equal(lines.database[0], 'ok');
    assert.equal(lines.clock[0], 'ok', output);
    assert.match(lines.static.join(' '), /^ok \d+ files in /);
    assert.deepEqual(lines.origin, ['ok', 'links and cookies use https://pswnet.example']);
    assert.equal(lines.proxy[0], 'ok');
    assert.equal(lines.mail[0], 'ok', output);
    assert.match(output, /Nothing is wrong\./);
    assert.equal(smtp.messages.length, 0, 'the mail check sends nothing');
  });

  it('fails a mail server that does not answer, and static files that are not there', async () => {
    const { code, lines, output } = await doctor(['--static-dir', emptyFolder, '--smtp-url', 'smtp://127.0.0.1:1']);
    assert.equal(code, 1, output);
    assert.equal(lines.mail[0], 'FAIL');
    assert.match(lines.mail[1], /^smtp:\/\/127\.0\.0\.1:1: /);
    assert.equal(lines.static[0], 'FAIL');
    assert.match(lines.static[1], /index\.html/);
    assert.match(output, /Some checks failed\./);
  });

  it('warns of settings that work on a laptop and not in production', async () => {
    const { code, lines, output } = await doctor(['--mail-dir', emptyFolder]);
    assert.equal(code, 0, output);
    assert.equal(lines.origin[0], 'warn');
    assert.match(lines.origin[1], /--public-origin is not set/);
    assert.equal(lines.static[0], 'warn');
    assert.deepEqual(lines.mail, ['warn', `emails are written to ${emptyFolder} (no --smtp-url: nothing is sent)`]);
    const exposed = await doctor(['--listen', '0.0.0.0:8080', '--trust-proxy', 'true', '--public-origin', 'http://pswnet.example',
      '--mail-dir', emptyFolder]);
    assert.equal(exposed.lines.proxy[0], 'warn');
    assert.match(exposed.lines.proxy[1], /believes X-Forwarded-For from anyone/);
    assert.match(exposed.lines.origin[1], /is not https/);
  });

  it('fails a database behind its migrations, and one it cannot reach', async () => {
    const { rows } = await server.db.query('SELECT current_database() AS name');
    const bare = `${rows[0].name}_bare`;
    await server.db.query(`CREATE DATABASE "${bare}"`);
    try {
      const behind = await doctor(['--mail-dir', emptyFolder], { databaseUrl: `dbname=${bare}` });
      assert.equal(behind.code, 1, behind.output);
      assert.equal(behind.lines.database[0], 'FAIL');
      assert.match(behind.lines.database[1], /at migration 0 of \d+: run `pswnet migrate`/);
    } finally {
      await server.db.query(`DROP DATABASE "${bare}"`);
    }
    const unreachable = await doctor(['--mail-dir', emptyFolder], { databaseUrl: 'host=127.0.0.1 port=1 dbname=none connect_timeout=5' });
    assert.equal(unreachable.code, 1, unreachable.output);
    assert.equal(unreachable.lines.database[0], 'FAIL');
    assert.match(unreachable.lines.database[1], /^cannot connect: /);
    assert.doesNotMatch(unreachable.output, /\n\s*\n/, 'one line per check, libpq\'s own line end left out');
  });
});
