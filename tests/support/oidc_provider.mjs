// A real OpenID Provider for the "sign in with your council's identity provider" tests, API and browser alike:
// startOpenIdProvider() runs oidc-provider 9.13.3, a certified implementation, in a child process of its own
// (oidc_provider_process.mjs), one per council ("tenant"), on 127.0.0.1 over plain http, with one confidential client
// (pswnet), a sign-in page a browser or signInAtProvider() (oidc_person.mjs) can fill in, consent granted by itself,
// RP-initiated logout, and RS256 signing keys that rotateKeys() replaces by restarting the process on the same port
// and issuer. A provider whose tokens a test writes by hand is oidc_crafted_issuer.mjs.
//
// Nothing here reaches past 127.0.0.1, and every page the provider shows is self-contained.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const processScript = fileURLToPath(new URL('./oidc_provider_process.mjs', import.meta.url));
const startTimeoutMs = Number(process.env.PSWNET_TEST_OIDC_START_TIMEOUT_MS || 30_000);
const stopTimeoutMs = 10_000;
const debug = Boolean(process.env.PSWNET_TEST_OIDC_DEBUG);

/** A new RS256 signing key as {privateJwk, publicJwk}, both with the same `kid`, `alg` and `use`. */
export function newSigningKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const meta = { kid: `k-${randomBytes(8).toString('hex')}`, alg: 'RS256', use: 'sig' };
  return {
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...meta },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta },
    publicKey,
  };
}

/** Spawns oidc_provider_process.mjs and resolves once it has written its ready line: {child, port, issuer}. */
function spawnProvider(config) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [processScript], {
      env: { ...process.env, PSWNET_TEST_OIDC_PROVIDER_CONFIG: JSON.stringify(config) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stderrLines = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderrLines.push(line);
      if (stderrLines.length > 200) stderrLines.shift();
      if (debug) process.stderr.write(`[oidc-provider ${config.tenant}] ${line}\n`);
    });
    let settled = false;
    const fail = (message) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}\n${stderrLines.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`the OpenID Provider for tenant ${config.tenant} did not start within ${startTimeoutMs} ms`), startTimeoutMs);
    child.on('error', (error) => fail(`cannot start the OpenID Provider: ${error.message}`));
    child.on('exit', (code, signal) => fail(`the OpenID Provider for tenant ${config.tenant} exited (${signal ?? code}) before it was ready`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message;
      try { message = JSON.parse(line); } catch { message = undefined; }
      if (!message?.oidcProviderReady) {
        if (debug) process.stderr.write(`[oidc-provider ${config.tenant}] ${line}\n`);
        return;
      }
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // A test that forgets stop() must not keep its process alive; when that process ends, the child's stdin
      // closes and the child ends too.
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref?.();
      resolve({ child, port: message.port, issuer: message.issuer, stderrLines });
    });
  });
}

/** Ends a provider process (SIGTERM, then SIGKILL if it lingers) and resolves once it has exited. */
function endProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

/**
 * Starts one council's OpenID Provider in a child process on a free port of 127.0.0.1. Resolves with
 * {issuer, port, clientId, clientSecret, discoveryUrl, jwksUri, currentKid(), kids(), rotateKeys({keepOld}), stop()}.
 *
 * - issuer: http://127.0.0.1:<port>/tenant-<tenant>; discovery at <issuer>/.well-known/openid-configuration.
 * - accounts: { <login>: { sub, email, email_verified, name } }; the sign-in page accepts any password for them.
 * - rotateKeys({ keepOld = true }): restarts the process on the same port and issuer with a new RS256 key first in
 *   the JWKS (the previous keys after it, or dropped); resolves with the new kid. Sessions, codes and tokens of the
 *   old process are gone (its store was in memory).
 * - stop(): ends the process and resolves once it has exited.
 */
export async function startOpenIdProvider({
  tenant = 'a',
  clientId = 'pswnet',
  clientSecret = 'a-test-client-secret',
  redirectUris,
  postLogoutRedirectUris = [],
  accounts,
} = {}) {
  assert.ok(Array.isArray(redirectUris) && redirectUris.length > 0, 'startOpenIdProvider needs redirectUris');
  assert.ok(accounts && Object.keys(accounts).length > 0, 'startOpenIdProvider needs accounts');
  for (const [login, account] of Object.entries(accounts)) {
    assert.ok(account.sub, `account ${login} needs a sub`);
  }

  let keys = [newSigningKey().privateJwk];
  const config = {
    port: 0, tenant, clientId, clientSecret, redirectUris, postLogoutRedirectUris, accounts, keys,
  };
  let running = await spawnProvider(config);
  const { port, issuer } = running;
  let stopped = false;

  return {
    issuer,
    port,
    clientId,
    clientSecret,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    jwksUri: `${issuer}/jwks`,
    /** The kid that new id_tokens are signed with. */
    currentKid: () => keys[0].kid,
    /** Every kid in the JWKS, the signing one first. */
    kids: () => keys.map((key) => key.kid),
    async rotateKeys({ keepOld = true } = {}) {
      assert.ok(!stopped, 'rotateKeys after stop');
      const fresh = newSigningKey().privateJwk;
      keys = keepOld ? [fresh, ...keys] : [fresh];
      await endProcess(running.child);
      running = await spawnProvider({ ...config, port, keys });
      assert.equal(running.issuer, issuer, 'the restarted provider has another issuer');
      return fresh.kid;
    },
    /** The provider process's recent stderr lines (its errors), for failure messages. */
    logs: () => running.stderrLines.join('\n'),
    async stop() {
      stopped = true;
      await endProcess(running.child);
    },
  };
}
