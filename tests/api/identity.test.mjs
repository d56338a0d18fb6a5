// Identity end to end: sign-in, sessions (bearer and cookie + CSRF), logout, invitations, members, disabling
// users and the login rate limits, against the real pswnet and a fresh database with the demo data.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  client, DEMO_PASSWORD, demoUsers, expectInvalidFields, expectProblem, sessionCookieOf, sessionFrom, signIn,
} from '../support/api.mjs';
import {
  auditTable, countRows, databaseSnapshot, invitationTokenFor, tablesContaining,
} from '../support/database.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { startServer } from '../support/server.mjs';

const LOGIN = '/api/v1/auth/login';
const LOGOUT = '/api/v1/auth/logout';
const ME = '/api/v1/me';
const INVITATIONS = '/api/v1/invitations';
const NEW_PASSWORD = 'a-long-enough-password';

let server;
let api;
let southamptonId;
let southwarkId;

function newEmail(who) {
  return `${who}.${randomBytes(4).toString('hex')}@southwark.test.pswnet.uk`;
}

function invitationFor(email, organisationId, { roles = ['member'], sector = 'children' } = {}) {
  return { email, organisation_id: organisationId, roles, sector };
}

async function invite(auth, email, organisationId = southwarkId, options) {
  const res = await api.post(INVITATIONS, invitationFor(email, organisationId, options), { auth });
  assert.equal(res.status, 201, `inviting ${email}: ${res.text}`);
  return res.body;
}

/** Invites a new Southwark member as grace, accepts the invitation and returns the accept response's session. */
async function newSouthwarkMember(grace, who = 'member') {
  const email = newEmail(who);
  await invite(grace, email);
  const token = await invitationTokenFor(server.db, email);
  const res = await api.post(`${INVITATIONS}/${token}/accept`, { display_name: 'Jo Newcomer', password: NEW_PASSWORD });
  assert.equal(res.status, 201, `accepting the invitation of ${email}: ${res.text}`);
  return sessionFrom(res, 'bearer');
}

before(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  southamptonId = (await signIn(server.baseUrl, demoUsers.amira)).user.organisation.id;
  southwarkId = (await signIn(server.baseUrl, demoUsers.grace)).user.organisation.id;
});

after(async () => {
  await server?.stop();
});

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

describe('POST /invitations', () => {
  let grace;
  let sam;
  before(async () => {
    grace = await signIn(server.baseUrl, demoUsers.grace);
    sam = await signIn(server.baseUrl, demoUsers.sam);
  });

  it('lets an org_admin invite to their own organisation; the link goes to the outbox and the log only', async () => {
    const audit = await auditTable(server.db);
    const auditRows = await countRows(server.db, audit);
    const email = newEmail('invited');
    const res = await api.post(INVITATIONS, invitationFor(email, southwarkId, { roles: ['member'], sector: 'adults' }), { auth: grace });
    assert.equal(res.status, 201, res.text);
    const invitation = expectDocumented(res, 'POST', INVITATIONS);
    assert.equal(invitation.email, email);
    assert.equal(invitation.organisation_id, southwarkId);
    assert.deepEqual(invitation.roles, ['member']);
    assert.equal(invitation.sector, 'adults');
    assert.equal(invitation.accepted_at, null);
    const validFor = Date.parse(invitation.expires_at) - Date.parse(invitation.created_at);
    assert.ok(Math.abs(validFor - 7 * 24 * 3600 * 1000) < 60_000, `valid for ${validFor} ms, not 7 days`);

    const token = await invitationTokenFor(server.db, email);
    assert.ok(!res.text.includes(token), 'the API never returns the invitation token');
    await server.waitForLog(new RegExp(token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 5_000);
    assert.deepEqual(await tablesContaining(server.db, token, { except: ['outbox'] }), [],
      'the invitation token is stored only as a hash (outside the outbox message)');
    assert.ok(await countRows(server.db, audit) > auditRows, 'the invitation is in the audit log');
  });

  it('refuses an org_admin inviting to another organisation with 403 and changes nothing', async () => {
    const snapshot = await databaseSnapshot(server.db);
    const res = await api.post(INVITATIONS, invitationFor(newEmail('elsewhere'), southamptonId), { auth: grace });
    expectProblem(res, 403);
    expectDocumented(res, 'POST', INVITATIONS);
    assert.deepEqual(await databaseSnapshot(server.db), snapshot);
  });

  it('refuses a plain member with 403', async () => {
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    expectProblem(await api.post(INVITATIONS, invitationFor(newEmail('by-member'), southamptonId), { auth: amira }), 403);
  });

  it('lets a network_admin invite to any organisation', async () => {
    const res = await api.post(INVITATIONS, invitationFor(newEmail('by-network'), southamptonId), { auth: sam });
    assert.equal(res.status, 201, res.text);
    assert.equal(expectDocumented(res, 'POST', INVITATIONS).organisation_id, southamptonId);
  });

  it('answers 422 naming a bad email, a bad role and a bad sector, and changes nothing', async () => {
    const snapshot = await databaseSnapshot(server.db);
    const res = await api.post(INVITATIONS,
      { email: 'not-an-email', organisation_id: southwarkId, roles: ['member', 'wizard'], sector: 'teenagers' }, { auth: sam });
    expectInvalidFields(res, ['email', 'roles[1]', 'sector']);
    expectDocumented(res, 'POST', INVITATIONS);
    assert.deepEqual(await databaseSnapshot(server.db), snapshot);
  });

  it('answers 409 when a user with that email address exists', async () => {
    const res = await api.post(INVITATIONS, invitationFor(demoUsers.amira, southamptonId), { auth: sam });
    expectProblem(res, 409);
    expectDocumented(res, 'POST', INVITATIONS);
  });

  it('answers 401 when signed out', async () => {
    expectProblem(await api.post(INVITATIONS, invitationFor(newEmail('anonymous'), southwarkId)), 401);
  });
});

describe('accepting an invitation', () => {
  let grace;
  before(async () => {
    grace = await signIn(server.baseUrl, demoUsers.grace);
  });

  it('shows the invitation without signing in, and 404 for an unknown token', async () => {
    const email = newEmail('preview');
    await invite(grace, email, southwarkId, { roles: ['member'], sector: 'children' });
    const token = await invitationTokenFor(server.db, email);
    const res = await api.get(`${INVITATIONS}/${token}`);
    assert.equal(res.status, 200, res.text);
    const preview = expectDocumented(res, 'GET', '/api/v1/invitations/{token}');
    assert.equal(preview.email, email);
    assert.equal(preview.organisation.id, southwarkId);
    assert.equal(preview.organisation.code, 'E09000028');
    assert.equal(preview.sector, 'children');
    assert.deepEqual(preview.roles, ['member']);

    const unknown = await api.get(`${INVITATIONS}/${'x'.repeat(43)}`);
    expectProblem(unknown, 404);
    expectDocumented(unknown, 'GET', '/api/v1/invitations/{token}');
  });

  it('creates the user and signs them in; the link then answers 410', async () => {
    const email = newEmail('accepting');
    await invite(grace, email, southwarkId, { roles: ['member'], sector: 'adults' });
    const token = await invitationTokenFor(server.db, email);
    const accept = `${INVITATIONS}/${token}/accept`;

    const tooShort = await api.post(accept, { display_name: 'Jo Newcomer', password: 'eleven-char' });
    expectInvalidFields(tooShort, ['password']);
    expectDocumented(tooShort, 'POST', '/api/v1/invitations/{token}/accept');
    expectInvalidFields(await api.post(accept, {}), ['display_name', 'password']);
    expectInvalidFields(await api.post(accept, { display_name: ' ', password: NEW_PASSWORD }), ['display_name']);
    assert.equal((await api.get(`${INVITATIONS}/${token}`)).status, 200, 'a refused accept does not use the invitation');

    const res = await api.post(accept, { display_name: 'Jo Newcomer', password: NEW_PASSWORD });
    assert.equal(res.status, 201, res.text);
    const grant = expectDocumented(res, 'POST', '/api/v1/invitations/{token}/accept');
    assert.equal(grant.user.email, email);
    assert.equal(grant.user.display_name, 'Jo Newcomer');
    assert.equal(grant.user.sector, 'adults');
    assert.deepEqual(grant.user.roles, ['member']);
    assert.equal(grant.user.organisation.id, southwarkId);
    assert.equal(sessionCookieOf(res)?.name, 'pswnet_session', 'accepting signs the new user in with the cookie too');

    for (const mode of ['bearer', 'cookie']) {
      const me = await api.get(ME, { auth: sessionFrom(res, mode) });
      assert.equal(me.status, 200, `${mode}: ${me.text}`);
      assert.equal(me.body.email, email);
    }
    const login = await api.post(LOGIN, { email, password: NEW_PASSWORD });
    assert.equal(login.status, 200, 'the new user can sign in with the chosen password');
    assert.deepEqual(await tablesContaining(server.db, grant.token), [], 'session tokens are stored only as hashes');

    const again = await api.post(accept, { display_name: 'Jo Again', password: NEW_PASSWORD });
    expectProblem(again, 410);
    expectDocumented(again, 'POST', '/api/v1/invitations/{token}/accept');
    const preview = await api.get(`${INVITATIONS}/${token}`);
    expectProblem(preview, 410);
    expectDocumented(preview, 'GET', '/api/v1/invitations/{token}');
  });

  it('answers 410 for an expired invitation', async () => {
    const email = newEmail('expired');
    await invite(grace, email);
    const token = await invitationTokenFor(server.db, email);
    const { rowCount } = await server.db.query(
      "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE lower(email) = lower($1)", [email]);
    assert.equal(rowCount, 1);
    expectProblem(await api.get(`${INVITATIONS}/${token}`), 410);
    expectProblem(await api.post(`${INVITATIONS}/${token}/accept`, { display_name: 'Too Late', password: NEW_PASSWORD }), 410);
  });

  it('answers 404 when accepting an unknown token', async () => {
    const res = await api.post(`${INVITATIONS}/${'y'.repeat(43)}/accept`, { display_name: 'Nobody', password: NEW_PASSWORD });
    expectProblem(res, 404);
  });
});

describe('GET /organisations/{id}/members', () => {
  const members = (id) => `/api/v1/organisations/${id}/members`;
  const template = '/api/v1/organisations/{id}/members';

  it('lists the members of their organisation to an org_admin, a page at a time', async () => {
    const grace = await signIn(server.baseUrl, demoUsers.grace);
    await newSouthwarkMember(grace, 'listed');
    const res = await api.get(members(southwarkId), { auth: grace });
    assert.equal(res.status, 200, res.text);
    const page = expectDocumented(res, 'GET', template);
    const emails = page.items.map((member) => member.email);
    assert.ok(emails.includes(demoUsers.grace), `grace is not among ${emails}`);
    assert.ok(page.items.length >= 2);

    const first = await api.get(`${members(southwarkId)}?limit=1`, { auth: grace });
    assert.equal(expectDocumented(first, 'GET', template).items.length, 1);
    assert.equal(typeof first.body.next_cursor, 'string');
    const second = await api.get(`${members(southwarkId)}?limit=1&cursor=${encodeURIComponent(first.body.next_cursor)}`, { auth: grace });
    assert.equal(second.status, 200, second.text);
    assert.notEqual(second.body.items[0].id, first.body.items[0].id);
  });

  it('lists any organisation to a network_admin', async () => {
    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const res = await api.get(members(southamptonId), { auth: sam });
    assert.equal(res.status, 200, res.text);
    assert.ok(expectDocumented(res, 'GET', template).items.some((member) => member.email === demoUsers.amira));
    expectProblem(await api.get(members(999999), { auth: sam }), 404);
  });

  it('refuses other organisations, plain members and anonymous callers', async () => {
    const grace = await signIn(server.baseUrl, demoUsers.grace);
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    const res = await api.get(members(southamptonId), { auth: grace });
    expectProblem(res, 403);
    expectDocumented(res, 'GET', template);
    expectProblem(await api.get(members(southwarkId), { auth: amira }), 403);
    expectProblem(await api.get(members(southamptonId), { auth: amira }), 403);
    expectProblem(await api.get(members(southwarkId)), 401);
  });
});

describe('PATCH /users/{id}', () => {
  const user = (id) => `/api/v1/users/${id}`;
  const template = '/api/v1/users/{id}';
  let grace;
  before(async () => {
    grace = await signIn(server.baseUrl, demoUsers.grace);
  });

  it('lets an org_admin disable a member, which ends all their sessions at once', async () => {
    const member = await newSouthwarkMember(grace, 'disabled');
    const cookieSession = sessionFrom(member.response, 'cookie');
    const secondLogin = await signIn(server.baseUrl, member.user.email, NEW_PASSWORD);
    const res = await api.patch(user(member.user.id), { disabled: true }, { auth: grace });
    assert.equal(res.status, 200, res.text);
    const updated = expectDocumented(res, 'PATCH', template);
    assert.equal(updated.disabled, true);
    assert.equal(updated.id, member.user.id);
    for (const session of [member, cookieSession, secondLogin]) {
      expectProblem(await api.get(ME, { auth: session }), 401);
    }
    const login = await api.post(LOGIN, { email: member.user.email, password: NEW_PASSWORD });
    assert.ok([401, 403].includes(login.status), `a disabled user cannot sign in (got ${login.status})`);
    expectProblem(login, login.status);

    const enabled = await api.patch(user(member.user.id), { disabled: false }, { auth: grace });
    assert.equal(enabled.status, 200, enabled.text);
    assert.equal(expectDocumented(enabled, 'PATCH', template).disabled, false);
    // Revoked sessions stay revoked after re-enabling; the user signs in again.
    expectProblem(await api.get(ME, { auth: member }), 401);
    assert.equal((await api.post(LOGIN, { email: member.user.email, password: NEW_PASSWORD })).status, 200);
  });

  it('refuses an org_admin changing a user of another organisation, and a plain member changing anyone', async () => {
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    const res = await api.patch(user(amira.user.id), { disabled: true }, { auth: grace });
    expectProblem(res, 403);
    expectDocumented(res, 'PATCH', template);
    assert.equal((await api.get(ME, { auth: amira })).status, 200, 'amira was not disabled');
    const tom = await signIn(server.baseUrl, demoUsers.tom);
    expectProblem(await api.patch(user(tom.user.id), { disabled: true }, { auth: amira }), 403);
    assert.equal((await api.get(ME, { auth: tom })).status, 200, 'tom was not disabled');
  });

  it('answers 422 to a user disabling themselves, and to a disabled that is not a boolean', async () => {
    const res = await api.patch(user(grace.user.id), { disabled: true }, { auth: grace });
    expectProblem(res, 422);
    expectDocumented(res, 'PATCH', template);
    assert.equal((await api.get(ME, { auth: grace })).status, 200, 'grace is still signed in');
    const member = await newSouthwarkMember(grace, 'not-boolean');
    expectInvalidFields(await api.patch(user(member.user.id), { disabled: 'yes' }, { auth: grace }), ['disabled']);
    expectInvalidFields(await api.patch(user(member.user.id), {}, { auth: grace }), ['disabled']);
  });

  it('lets a network_admin disable anyone, and answers 404 for an unknown user', async () => {
    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const tom = await signIn(server.baseUrl, demoUsers.tom);
    const res = await api.patch(user(tom.user.id), { disabled: true }, { auth: sam });
    assert.equal(res.status, 200, res.text);
    expectProblem(await api.get(ME, { auth: tom }), 401);
    assert.equal((await api.patch(user(tom.user.id), { disabled: false }, { auth: sam })).status, 200);
    const unknown = await api.patch(user(999999), { disabled: true }, { auth: sam });
    expectProblem(unknown, 404);
    expectDocumented(unknown, 'PATCH', template);
    expectProblem(await api.patch(user(tom.user.id), { disabled: true }), 401);
  });
});

// Last in this file: these exhaust the login limits of the account and of 127.0.0.1.
describe('login rate limits', () => {
  it('answers 429 with Retry-After after 5 failures for one account, even to the right password', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const res = await api.post(LOGIN, { email: demoUsers.tom, password: `wrong-${attempt}` });
      expectProblem(res, 401);
    }
    const limited = await api.post(LOGIN, { email: demoUsers.tom, password: 'wrong-6' });
    expectProblem(limited, 429);
    expectDocumented(limited, 'POST', LOGIN);
    const retryAfter = limited.headers.get('retry-after');
    assert.match(retryAfter ?? '', /^\d+$/, 'Retry-After is a number of seconds');
    assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 15 * 60, `Retry-After ${retryAfter}`);
    expectProblem(await api.post(LOGIN, { email: demoUsers.tom, password: DEMO_PASSWORD }), 429);
  });

  it('answers 429 after 20 failures from one address, whatever X-Forwarded-For says', async () => {
    let limited;
    for (let attempt = 1; attempt <= 21 && !limited; attempt += 1) {
      const res = await api.post(LOGIN, { email: `nobody${attempt}@nowhere.test.pswnet.uk`, password: 'wrong' },
        { headers: { 'x-forwarded-for': `192.0.2.${attempt}` } });
      if (res.status === 429) limited = res;
      else expectProblem(res, 401);
    }
    assert.ok(limited, 'no 429 after 21 failed logins from 127.0.0.1');
    assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
    expectProblem(await api.post(LOGIN, { email: demoUsers.priya, password: DEMO_PASSWORD }), 429);
  });
});
