// Identity end to end, sessions: sign-in, the session cookie, GET /me by bearer and cookie, idle sessions, CSRF
// and Origin rules on cookie writes, logout, and login throttling, against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_PASSWORD, demoUsers, expectInvalidFields, expectProblem, request, sessionCookieOf, signIn,
} from '../support/api.mjs';
import { startServer } from '../support/server.mjs';
import { databaseSnapshot } from '../support/database.mjs';
import { INVITATIONS, LOGIN, LOGOUT, ME, invitationFor, newEmail, startIdentityServer } from '../support/identity.mjs';
import { expectDocumented } from '../support/openapi.mjs';

let server, api, southwarkId;
// These tests age sessions by writing to the database behind pswnet's back, so the instance must not trust a
// session it checked a moment ago (--session-cache-ms 0). identity_members runs with the cache on and checks that
// signing out and disabling still take effect at once.
before(async () => ({ server, api, southwarkId } = await startIdentityServer({ args: ['--session-cache-ms', '0'] })));
after(() => server?.stop());

describe('POST /auth/login', () => {
  it('answers 401 invalid-credentials, the same for a wrong password and an unknown email', async () => {
    const wrongPassword = await api.post(LOGIN, { email: demoUsers.amira, password: 'not-the-password' });
    const wrong = expectProblem(wrongPassword, 401, { type: '/problems/invalid-credentials' });
    expectDocumented(wrongPassword, 'POST', LOGIN);
    const unknownEmail = await api.post(LOGIN, { email: 'nobody@nowhere.test.pswnet.uk', password: 'not-the-password' });
    const unknown = expectProblem(unknownEmail, 401, { type: '/problems/invalid-credentials' });
    assert.equal(unknown.title, wrong.title);
    assert.equal(unknown.detail, wrong.detail);
    assert.equal(sessionCookieOf(wrongPassword), undefined, 'a failed login sets no session cookie');
  });

  it('signs in with the right password: token, CSRF token, expiry and the user', async () => {
    const res = await api.post(LOGIN, { email: demoUsers.amira, password: DEMO_PASSWORD });
    assert.equal(res.status, 200, res.text);
    const grant = expectDocumented(res, 'POST', LOGIN);
    assert.equal(grant.user.email, demoUsers.amira);
    assert.equal(grant.user.sector, 'children');
    assert.deepEqual(grant.user.roles, ['member']);
    assert.equal(grant.user.organisation.code, 'E06000045');
    assert.equal(grant.user.organisation.name, 'Southampton');
    assert.equal(grant.user.csrf_token, grant.csrf_token, 'the user carries the CSRF token of this session');
    assert.ok(Date.parse(grant.expires_at) > Date.now(), `expires_at ${grant.expires_at} is not in the future`);
  });

  it('sets an HttpOnly, SameSite=Lax, Path=/ cookie named pswnet_session over plain HTTP', async () => {
    const res = await api.post(LOGIN, { email: demoUsers.amira, password: DEMO_PASSWORD });
    const cookie = sessionCookieOf(res);
    assert.ok(cookie, `no session cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
    assert.equal(cookie.name, 'pswnet_session', 'over plain HTTP the cookie cannot be __Host- (that needs Secure)');
    assert.ok(cookie.value.length >= 32, 'the cookie holds a session token');
    assert.equal(cookie.attributes.httponly, true, 'HttpOnly');
    assert.equal(String(cookie.attributes.samesite).toLowerCase(), 'lax', 'SameSite=Lax');
    assert.equal(cookie.attributes.path, '/', 'Path=/');
    assert.equal(cookie.attributes.domain, undefined, 'a host-only cookie has no Domain');
  });

  it('answers 422 naming each missing or non-string field', async () => {
    expectInvalidFields(await api.post(LOGIN, {}), ['email', 'password']);
    expectInvalidFields(await api.post(LOGIN, { email: 5, password: DEMO_PASSWORD }), ['email']);
    const res = await api.post(LOGIN, { email: demoUsers.amira, password: ['x'] });
    expectInvalidFields(res, ['password']);
    expectDocumented(res, 'POST', LOGIN);
  });
});

describe('GET /me', () => {
  it('answers the signed-in user to a bearer client and to a browser', async () => {
    for (const mode of ['bearer', 'cookie']) {
      const session = await signIn(server.baseUrl, demoUsers.grace, DEMO_PASSWORD, { mode });
      const res = await api.get(ME, { auth: session });
      assert.equal(res.status, 200, `${mode}: ${res.text}`);
      const me = expectDocumented(res, 'GET', ME);
      assert.equal(me.email, demoUsers.grace);
      assert.deepEqual([...me.roles].sort(), ['member', 'org_admin']);
      assert.equal(me.sector, 'both');
      assert.equal(me.organisation.name, 'Southwark');
      assert.equal(me.csrf_token, session.csrfToken, `${mode}: GET /me gives the CSRF token of the session`);
    }
  });

  it('ends a session that has been idle for longer than the idle limit', async () => {
    const session = await signIn(server.baseUrl, demoUsers.priya);
    assert.equal((await api.get(ME, { auth: session })).status, 200);
    await server.db.query("UPDATE sessions SET last_seen_at = now() - interval '1 day' WHERE user_id = $1",
      [session.user.id]);
    expectProblem(await api.get(ME, { auth: session }), 401);
  });

  it('answers 401 without a session, with an unknown token and with an unknown cookie', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-real-token' }, { cookie: 'pswnet_session=not-a-real-token' }]) {
      const res = await api.get(ME, { headers });
      expectProblem(res, 401);
      expectDocumented(res, 'GET', ME);
    }
  });
});

describe('CSRF and Origin rules on cookie-authenticated writes', () => {
  let graceCookie;
  before(async () => {
    graceCookie = await signIn(server.baseUrl, demoUsers.grace, DEMO_PASSWORD, { mode: 'cookie' });
  });

  it('refuses a write without X-CSRF-Token with 403 /problems/csrf and changes nothing', async () => {
    const snapshot = await databaseSnapshot(server.db);
    const res = await api.post(INVITATIONS, invitationFor(newEmail('csrf'), southwarkId), { auth: graceCookie, csrf: false });
    expectProblem(res, 403, { type: '/problems/csrf' });
    expectDocumented(res, 'POST', INVITATIONS);
    assert.deepEqual(await databaseSnapshot(server.db), snapshot);
  });

  it('refuses a wrong X-CSRF-Token with 403 /problems/csrf and changes nothing', async () => {
    const snapshot = await databaseSnapshot(server.db);
    const res = await api.post(INVITATIONS, invitationFor(newEmail('csrf'), southwarkId),
      { auth: graceCookie, csrf: false, headers: { 'x-csrf-token': 'A'.repeat(graceCookie.csrfToken.length) } });
    expectProblem(res, 403, { type: '/problems/csrf' });
    assert.deepEqual(await databaseSnapshot(server.db), snapshot);
  });

  it('refuses a logout without X-CSRF-Token, and the session goes on working', async () => {
    expectProblem(await api.post(LOGOUT, undefined, { auth: graceCookie, csrf: false }), 403, { type: '/problems/csrf' });
    assert.equal((await api.get(ME, { auth: graceCookie })).status, 200);
  });

  it('accepts a write with the cookie and the right X-CSRF-Token', async () => {
    const res = await api.post(INVITATIONS, invitationFor(newEmail('cookie'), southwarkId), { auth: graceCookie });
    assert.equal(res.status, 201, res.text);
    expectDocumented(res, 'POST', INVITATIONS);
  });

  it('refuses a write whose Origin is another site, even with the right token, and changes nothing', async () => {
    const snapshot = await databaseSnapshot(server.db);
    const res = await api.post(INVITATIONS, invitationFor(newEmail('origin'), southwarkId),
      { auth: graceCookie, headers: { origin: 'http://evil.test.pswnet.uk' } });
    expectProblem(res, 403);
    assert.deepEqual(await databaseSnapshot(server.db), snapshot);
  });

  it('accepts a write whose Origin is the service itself', async () => {
    const res = await api.post(INVITATIONS, invitationFor(newEmail('origin'), southwarkId),
      { auth: graceCookie, headers: { origin: server.baseUrl } });
    assert.equal(res.status, 201, res.text);
  });

  it('lets a bearer client write without any CSRF token', async () => {
    const graceBearer = await signIn(server.baseUrl, demoUsers.grace);
    const res = await api.post(INVITATIONS, invitationFor(newEmail('bearer'), southwarkId), { auth: graceBearer });
    assert.equal(res.status, 201, res.text);
  });
});

describe('POST /auth/logout', () => {
  it('ends a bearer session: the token stops working at once', async () => {
    const session = await signIn(server.baseUrl, demoUsers.tom);
    const res = await api.post(LOGOUT, undefined, { auth: session });
    assert.equal(res.status, 204, res.text);
    expectDocumented(res, 'POST', LOGOUT);
    expectProblem(await api.get(ME, { auth: session }), 401);
    expectProblem(await api.post(LOGOUT, undefined, { auth: session }), 401);
  });

  it('ends a cookie session and clears the cookie', async () => {
    const session = await signIn(server.baseUrl, demoUsers.tom, DEMO_PASSWORD, { mode: 'cookie' });
    const res = await api.post(LOGOUT, undefined, { auth: session });
    assert.equal(res.status, 204, res.text);
    const cleared = sessionCookieOf(res);
    assert.ok(cleared, 'logout sends a Set-Cookie that clears the session cookie');
    const expired = cleared.attributes['max-age'] === '0' ||
      (cleared.attributes.expires && Date.parse(cleared.attributes.expires) < Date.now());
    assert.ok(expired, `the cookie is not cleared: ${JSON.stringify(cleared)}`);
    expectProblem(await api.get(ME, { auth: session }), 401);
  });

  it('answers 401 when signed out', async () => {
    const res = await api.post(LOGOUT);
    expectProblem(res, 401);
    expectDocumented(res, 'POST', LOGOUT);
  });
});

// Last in this file: these exhaust the login limits of 127.0.0.1. Waits are lengthened in the database, so that no
// assertion depends on how fast this machine is within a one-second backoff.
describe('login throttling', () => {
  const throttled = (pattern) => server.db.query(
    'SELECT key, failures, blocked_until > now() AS blocked FROM login_throttle WHERE key LIKE $1 ORDER BY key', [pattern]);
  const blockFor = (pattern, seconds) => server.db.query(
    'UPDATE login_throttle SET blocked_until = now() + make_interval(secs => $2) WHERE key LIKE $1', [pattern, seconds]);

  it('backs off after 3 failures from one address, then answers 429 with Retry-After even to the right password', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expectProblem(await api.post(LOGIN, { email: demoUsers.tom, password: `wrong-${attempt}` }), 401);
    }
    const [row] = (await throttled(`account:${demoUsers.tom} %`)).rows;
    assert.equal(row.failures, 4);
    await blockFor(`account:${demoUsers.tom} %`, 60);
    const limited = await api.post(LOGIN, { email: demoUsers.tom, password: DEMO_PASSWORD });
    expectProblem(limited, 429);
    expectDocumented(limited, 'POST', LOGIN);
    const retryAfter = limited.headers.get('retry-after');
    assert.match(retryAfter ?? '', /^\d+$/, 'Retry-After is a number of seconds');
    assert.ok(Number(retryAfter) >= 50 && Number(retryAfter) <= 60, `Retry-After ${retryAfter}`);
    await blockFor(`account:${demoUsers.tom} %`, -1);
    assert.equal((await api.post(LOGIN, { email: demoUsers.tom, password: DEMO_PASSWORD })).status, 200,
      'once the wait is over the owner signs in: nothing was locked');
    assert.deepEqual((await throttled(`account:${demoUsers.tom} %`)).rows, [], 'and the failures are forgotten');
  });

  it('never holds up the owner at another address, and the counts hold on every instance', async () => {
    const proxied = await startServer({ shareDatabaseWith: server, args: ['--trust-proxy', 'true'] });
    try {
      const login = (address, password, base = proxied.baseUrl) => request(base, 'POST', LOGIN,
        { json: { email: demoUsers.grace, password }, headers: { 'x-forwarded-for': address } });
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        expectProblem(await login('198.51.100.66', `guess-${attempt}`), 401);
      }
      assert.equal((await throttled('%198.51.100.66')).rows.find((r) => r.key.startsWith('account:')).blocked, true);
      await blockFor('%198.51.100.66', 60);
      expectProblem(await login('198.51.100.66', DEMO_PASSWORD), 429);
      assert.equal((await login('203.0.113.5', DEMO_PASSWORD)).status, 200, 'the owner elsewhere is not held up');
      const other = await startServer({ shareDatabaseWith: server, args: ['--trust-proxy', 'true'] });
      try {
        expectProblem(await login('198.51.100.66', 'guess-again', other.baseUrl), 429);
      } finally {
        await other.stop();
      }
    } finally {
      await proxied.stop();
    }
  });

  it('backs off after 20 failures from one address across accounts, whatever X-Forwarded-For says', async () => {
    await server.db.query("DELETE FROM login_throttle WHERE key = 'address:127.0.0.1'"); // the earlier tests' failures
    for (let attempt = 1; attempt <= 21; attempt += 1) {
      const res = await api.post(LOGIN, { email: `nobody${attempt}@nowhere.test.pswnet.uk`, password: 'wrong' },
        { headers: { 'x-forwarded-for': `192.0.2.${attempt}` } });
      expectProblem(res, 401);
    }
    const [address] = (await throttled('address:127.0.0.1')).rows;
    assert.equal(address.failures, 21, 'counted against the connection\'s own address');
    await blockFor('address:127.0.0.1', 60);
    const limited = await api.post(LOGIN, { email: demoUsers.priya, password: DEMO_PASSWORD });
    expectProblem(limited, 429);
    assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
  });
});
