// Identity end to end, members: invitations (who may invite whom, the link only in the email, never in a log line),
// previewing and accepting them, listing an organisation's members, and disabling users, against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  demoUsers, expectInvalidFields, expectProblem, sessionCookieOf, sessionFrom, signIn,
} from '../support/api.mjs';
import {
  auditTable, countRows, databaseSnapshot, invitationTokenFor, settledEmailsTo, tablesContaining,
} from '../support/database.mjs';
import { INVITATIONS, LOGIN, ME, NEW_PASSWORD, invitationFor, newEmail, startIdentityServer } from '../support/identity.mjs';
import { expectDocumented } from '../support/openapi.mjs';

let server, api, southamptonId, southwarkId;
before(async () => ({ server, api, southamptonId, southwarkId } = await startIdentityServer()));
after(() => server?.stop());

/** POST /invitations as `auth`; fails unless 201; resolves with the Invitation. */
async function invite(auth, email, organisationId = southwarkId, options) {
  const res = await api.post(INVITATIONS, invitationFor(email, organisationId, options), { auth });
  assert.equal(res.status, 201, `inviting ${email}: ${res.text}`);
  return res.body;
}

/** Invites a new Southwark member as grace, accepts the invitation and returns the accept response's session. */
async function newSouthwarkMember(grace, who = 'member') {
  const email = newEmail(who);
  await invite(grace, email);
  const token = await invitationTokenFor(server, email);
  const res = await api.post(`${INVITATIONS}/${token}/accept`, { display_name: 'Jo Newcomer', password: NEW_PASSWORD });
  assert.equal(res.status, 201, `accepting the invitation of ${email}: ${res.text}`);
  return sessionFrom(res, 'bearer');
}

describe('POST /invitations', () => {
  let grace;
  let sam;
  before(async () => {
    grace = await signIn(server.baseUrl, demoUsers.grace);
    sam = await signIn(server.baseUrl, demoUsers.sam);
  });

  it('lets an org_admin invite to their own organisation; the link goes by email only, never to the log', async () => {
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

    const token = await invitationTokenFor(server, email);
    assert.ok(!res.text.includes(token), 'the API never returns the invitation token');
    await server.waitForLog(/invitation \d+ to Southwark is in the outbox/, 5_000);
    // The token's own routes and the webclient's page for it are logged without it.
    assert.equal((await api.get(`${INVITATIONS}/${token}`)).status, 200);
    await api.get(`/invitations/${token}`); // the accept page (when the webclient is served)
    await api.post(`${INVITATIONS}/${token}/accept`, { display_name: 'J', password: 'short' });
    await server.waitForLog(/POST \/api\/v1\/invitations\/\{token\}\/accept/, 5_000);
    assert.ok(!server.logs().includes(token), 'no log line holds the invitation token');
    // A sent email keeps its envelope in the outbox, not its words.
    assert.deepEqual((await settledEmailsTo(server.db, email)).map((row) => [row.status, row.text_body, row.html_body]),
      [['sent', '', '']]);
    assert.deepEqual(await tablesContaining(server.db, token), [], 'the invitation token is stored only as a hash');
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
    const token = await invitationTokenFor(server, email);
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
    const token = await invitationTokenFor(server, email);
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
    const token = await invitationTokenFor(server, email);
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

describe('pending invitations: list, send again, withdraw', () => {
  const pending = (organisationId) => `/api/v1/organisations/${organisationId}/invitations`;
  let grace, sam, amira;
  before(async () => {
    grace = await signIn(server.baseUrl, demoUsers.grace);
    sam = await signIn(server.baseUrl, demoUsers.sam);
    amira = await signIn(server.baseUrl, demoUsers.amira);
  });

  it('lists an organisation\'s pending invitations for its administrators only', async () => {
    const email = newEmail('pending');
    const created = await invite(grace, email);
    const res = await api.get(pending(southwarkId), { auth: grace });
    assert.equal(res.status, 200, res.text);
    const listed = expectDocumented(res, 'GET', '/api/v1/organisations/{id}/invitations');
    assert.ok(listed.items.some((i) => i.id === created.id && i.email === email));
    expectProblem(await api.get(pending(southwarkId), { auth: amira }), 403);
    expectProblem(await api.get(pending(southamptonId), { auth: grace }), 403);
    assert.equal((await api.get(pending(southwarkId), { auth: sam })).status, 200);
  });

  it('sends one again with a new link, the old one no longer working, valid 7 days from now', async () => {
    const email = newEmail('resent');
    const created = await invite(grace, email);
    const oldToken = await invitationTokenFor(server, email);
    const res = await api.post(`${pending(southwarkId)}/${created.id}/resend`, {}, { auth: grace });
    assert.equal(res.status, 200, res.text);
    expectDocumented(res, 'POST', '/api/v1/organisations/{id}/invitations/{invitation_id}/resend');
    const newToken = await invitationTokenFor(server, email);
    assert.notEqual(newToken, oldToken);
    expectProblem(await api.get(`${INVITATIONS}/${oldToken}`), 404);
    assert.equal((await api.get(`${INVITATIONS}/${newToken}`)).status, 200);
  });

  it('withdraws one: its link answers 410, it leaves the list, and withdrawing again is 409', async () => {
    const email = newEmail('withdrawn');
    const created = await invite(grace, email);
    const token = await invitationTokenFor(server, email);
    const path = `${pending(southwarkId)}/${created.id}`;
    expectProblem(await api.delete(path, { auth: amira }), 404);
    const res = await api.delete(path, { auth: grace });
    assert.equal(res.status, 204, res.text);
    expectProblem(await api.get(`${INVITATIONS}/${token}`), 410);
    expectProblem(await api.post(`${INVITATIONS}/${token}/accept`, { display_name: 'Too Late', password: NEW_PASSWORD }), 410);
    assert.ok(!(await api.get(pending(southwarkId), { auth: grace })).body.items.some((i) => i.id === created.id));
    expectProblem(await api.delete(path, { auth: grace }), 409);
  });

  it('refuses an org_admin changing an invitation to a role above theirs', async () => {
    const invited = await api.post(INVITATIONS, invitationFor(newEmail('office'), southwarkId, { roles: ['member', 'moderator'] }), { auth: sam });
    assert.equal(invited.status, 201, invited.text);
    const path = `${pending(southwarkId)}/${invited.body.id}`;
    expectProblem(await api.post(`${path}/resend`, {}, { auth: grace }), 403);
    expectProblem(await api.delete(path, { auth: grace }), 403);
    assert.equal((await api.delete(path, { auth: sam })).status, 204);
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

  it('refuses an org_admin changing an account of their organisation that holds a higher role, either way', async () => {
    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const email = newEmail('moderator');
    const invited = await api.post(INVITATIONS, invitationFor(email, southwarkId, { roles: ['member', 'moderator'] }), { auth: sam });
    assert.equal(invited.status, 201, invited.text);
    const token = await invitationTokenFor(server, email);
    const accepted = await api.post(`${INVITATIONS}/${token}/accept`, { display_name: 'Mo Derator', password: NEW_PASSWORD });
    const moderator = sessionFrom(accepted, 'bearer');
    expectProblem(await api.patch(user(moderator.user.id), { disabled: true }, { auth: grace }), 403);
    assert.equal((await api.get(ME, { auth: moderator })).status, 200, 'the moderator was not disabled');
    assert.equal((await api.patch(user(moderator.user.id), { disabled: true }, { auth: sam })).status, 200);
    expectProblem(await api.patch(user(moderator.user.id), { disabled: false }, { auth: grace }), 403);
    const login = await api.post(LOGIN, { email, password: NEW_PASSWORD });
    assert.notEqual(login.status, 200, 'the network administrator\'s decision stands');
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

// This server trusts a session it has checked for a couple of seconds (the default --session-cache-ms); signing
// out must still end the session at once on the instance that served the sign-out.
describe('sessions cached by the instance', () => {
  it('end at once when their user signs out, even right after being used', async () => {
    const session = await signIn(server.baseUrl, demoUsers.tom);
    assert.equal((await api.get(ME, { auth: session })).status, 200, 'used once, so now cached');
    assert.equal((await api.post('/api/v1/auth/logout', undefined, { auth: session })).status, 204);
    expectProblem(await api.get(ME, { auth: session }), 401);
  });
});
