// The Debian package, built by CPack from this build: what it installs, its control data, its systemd units (which
// must pass `systemd-analyze verify` and stay hardened), and that the packaged binary reads the packaged
// configuration file, with the environment and flags overriding it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot, startServer } from '../support/server.mjs';

const run = promisify(execFile);
const buildDir = process.env.PSWNET_BUILD_DIR ?? path.join(repoRoot, 'build/debug');
const webclient = process.env.PSWNET_STATIC_DIR ?? path.join(repoRoot, 'webclient/dist');

let work, deb, root, server;

before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pswnet-package-'));
  // Uncompressed: the test build's binary carries its debug information, and compressing it only costs time here.
  await run('cpack', ['-G', 'DEB', '-B', work, '-D', 'CPACK_DEBIAN_COMPRESSION_TYPE=none'],
    { cwd: buildDir, maxBuffer: 16 << 20 });
  deb = path.join(work, (await readdir(work)).find((name) => name.endsWith('.deb')));
  root = path.join(work, 'root');
  await run('dpkg-deb', ['-x', deb, root]);
  server = await startServer({ seedDemo: false }); // a migrated database for the packaged binary to check
}, { timeout: 300_000 });

after(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

async function control(field) {
  return (await run('dpkg-deb', ['-f', deb, field])).stdout.trim();
}

describe('the Debian package', () => {
  it('installs the binary, the webclient, the units, the snippets and the configuration file', async () => {
    assert.equal(await control('Package'), 'pswnet');
    const depends = await control('Depends');
    for (const dependency of ['adduser', 'poppler-utils', 'libpqxx-6.4', 'libgmime-3.0-0', 'libical3', 'libcurl4'])
      assert.match(depends, new RegExp(`(^|, )${dependency.replaceAll('.', '\\.')}\\b`), depends);
    assert.match(await control('Recommends'), /postgresql-15.*nginx.*pgbackrest/);

    const listing = (await run('dpkg-deb', ['-c', deb], { maxBuffer: 16 << 20 })).stdout;
    for (const file of ['./usr/bin/pswnet', './usr/share/pswnet/webclient/index.html', './etc/pswnet/pswnet.conf',
      './usr/lib/systemd/system/pswnet@.service', './usr/lib/systemd/system/pswnet.target',
      './usr/share/pswnet/nginx/pswnet.conf', './usr/share/pswnet/postfix/master.cf.snippet',
      './usr/share/pswnet/backup/pgbackrest.conf', './usr/share/doc/pswnet/operations.md'])
      assert.match(listing, new RegExp(` ${file.replaceAll('.', '\\.')}\n`), `${file} is in the package`);

    const controlDir = path.join(work, 'control');
    await run('dpkg-deb', ['-e', deb, controlDir]);
    assert.equal(await readFile(path.join(controlDir, 'conffiles'), 'utf8'), '/etc/pswnet/pswnet.conf\n',
      'an upgrade keeps the operator\'s configuration');
    const postinst = await readFile(path.join(controlDir, 'postinst'), 'utf8');
    assert.match(postinst, /adduser --system --group .* pswnet/);
    assert.match(postinst, /chmod 0640 \/etc\/pswnet\/pswnet\.conf/, 'only root and the pswnet group read secrets');
  });

  it('has systemd units that pass systemd-analyze verify and are hardened', async () => {
    // The package's files over this machine's own units (the targets the units are ordered after).
    const units = path.join(root, 'usr/lib/systemd/system');
    await cp('/lib/systemd/system', units, { recursive: true, force: false, errorOnExist: false });
    for (const unit of ['pswnet@8081.service', 'pswnet@8082.service', 'pswnet.target']) {
      const verified = await run('systemd-analyze', ['verify', `--root=${root}`, unit]);
      assert.equal(verified.stdout + verified.stderr, '', `${unit}: systemd-analyze verify says nothing`);
    }
    const security = await run('systemd-analyze', ['security', `--root=${root}`, '--offline=yes', 'pswnet@8081.service']);
    const exposure = Number(/Overall exposure level for pswnet@8081\.service: ([\d.]+)/.exec(security.stdout)?.[1]);
    assert.ok(exposure <= 2, `exposure ${exposure} (0 is the most hardened, 10 the least)\n${security.stdout}`);
    const unit = await readFile(path.join(units, 'pswnet@.service'), 'utf8');
    for (const setting of ['User=pswnet', 'ProtectSystem=strict', 'NoNewPrivileges=yes', 'PrivateTmp=yes',
      'LimitNOFILE=', 'ExecStart=/usr/bin/pswnet serve --listen 127.0.0.1:%i'])
      assert.ok(unit.includes(setting), setting);
  });

  it('runs the packaged binary with the packaged configuration file, which the environment and flags override',
    async () => {
      const binary = path.join(root, 'usr/bin/pswnet');
      const config = path.join(root, 'etc/pswnet/pswnet.conf');
      // Only what the test sets: none of the PSWNET_* variables the test run itself may carry.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PSWNET_')));
      const doctor = (flags, extra = {}) =>
        run(binary, ['--config', config, ...flags, 'doctor'], { env: { ...env, ...extra } })
          .then((r) => ({ code: 0, output: r.stdout + r.stderr }), (e) => ({ code: e.code, output: e.stdout + e.stderr }));

      // The file's database (pswnet@localhost) and folders are this machine's own once installed: here the
      // environment names the test database and a flag the mail folder, and the rest comes from the file.
      const checked = await doctor(['--mail-dir', path.join(work, 'mail')],
        { PSWNET_DATABASE_URL: server.databaseUrl, PSWNET_STATIC_DIR: webclient });
      assert.equal(checked.code, 0, checked.output);
      assert.match(checked.output, /^ok +origin +links and cookies use https:\/\/pswnet\.example$/m, 'from the file');
      assert.match(checked.output, /^ok +database +PostgreSQL 15/m);
      assert.match(checked.output, /^ok +static /m);

      const flagWins = await doctor(['--mail-dir', path.join(work, 'mail'), '--public-origin', 'https://other.example'],
        { PSWNET_DATABASE_URL: server.databaseUrl, PSWNET_STATIC_DIR: webclient,
          PSWNET_PUBLIC_ORIGIN: 'https://from-environment.example' });
      assert.match(flagWins.output, /^ok +origin +links and cookies use https:\/\/other\.example$/m, flagWins.output);

      const unreadable = await run(binary, ['--config', path.join(work, 'nowhere.conf'), 'doctor'], { env })
        .then(() => ({ code: 0 }), (e) => e);
      assert.equal(unreadable.code, 2);
      assert.match(unreadable.stderr, /no configuration file .*nowhere\.conf/);
    });
});
