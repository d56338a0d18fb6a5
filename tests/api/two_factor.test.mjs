// Two-factor sign-in (issue 13, item 2): an authenticator app (RFC 6238) set up by the person, with recovery codes;
// each code accepted once, wrong codes throttled; required of network administrators and the CSW offices, and of
// everyone at an organisation whose administrators require it, who set it up as they sign in once their grace
// period (--two-factor-grace-days) is over. Against the real pswnet; codes come from the tests' own RFC 6238
// implementation (support/totp.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, client, demoUsers, expectInvalidFields, expectProblem, signIn } from '../support/api.mjs';
import { addMember } from '../support/forum.mjs';
import { invitationTokenFor } from '../support/database.mjs';
import { INVITATIONS, LOGIN, NEW_PASSWORD, invitationFor, newEmail } from '../support/identity.mjs';
import { expectDocumented, validateComponent } from '../support/openapi.mjs';
import { startServer } from '../support/server.mjs';
import { authenticator, codeForStep, stepAt } from '../support/totp.mjs';

const routes = {
  status: '/api/v1/me/two-factor',
  setup: '/api/v1/me/two-factor/setup',
  turnOn: '/api/v1/me/two-factor',
  recoveryCodes: '/api/v1/me/two-factor/recovery-codes',
  removal: '/api/v1/me/two-factor/removal',
  setupAtSignIn: '/api/v1/auth/two-factor-setup',
  policy: (id) => `/api/v1/organisations/${id}/sign-in-policy`,
};
const codeRequired = '/problems/two-factor-required';
const setupRequired = '/problems/two-factor-setup-required';
const southwark = 'E09000028';

/** Signing in: the raw answer, with `code` when given. */
const login = (api, email, code, password = DEMO_PASSWORD) =>
  api.post(LOGIN, { email, password, ...(code === undefined ? {} : { code }) });

/** The person's two-factor status, checked against the contract. */
async function statusOf(api, session) {
  const res = await api.get(routes.status, { auth: session });
  assert.equal(res.status, 200, res.text);
  expectDocumented(res, 'get', routes.status);
  return res.body;
}

/** Turns two-factor on for `session` through the API; resolves with {app (its authenticator), recoveryCodes}. */
async function turnOn(api, session) {
  const setup = await api.post(routes.setup, { current_password: DEMO_PASSWORD }, { auth: session });
  assert.equal(setup.status, 200, setup.text);
  const app = authenticator(setup.body.secret);
  const on = await api.post(routes.turnOn, { code: app.nextCode() }, { auth: session });
  assert.equal(on.status, 200, on.text);
  return { app, recoveryCodes: on.body.recovery_codes };
}

/** The owner's account notices' titles, newest first. */
async function accountNotices(api, session) {
  const res = await api.get('/api/v1/notifications', { auth: session });
  assert.equal(res.status, 200, res.text);
  return res.body.items.filter((n) => n.kind === 'account').map((n) => n.subject.title);
}

describe('with the default grace period', () => {
  let server, api;
  before(async () => {
    server = await startServer();
    api = client(server.baseUrl);
  });
  after(() => server?.stop());

  it('a member turns it on with the password and a code from the app, and gets ten recovery codes once', async () => {
    const member = await addMember(server, { organisation: southwark });
    assert.deepEqual(await statusOf(api, member), {
      enabled: false, enabled_at: null, required: false, required_by: null, setup_deadline: null, recovery_codes_left: 0,
    });

    expectInvalidFields(await api.post(routes.setup, { current_password: 'not-my-password' }, { auth: member }),
      ['current_password']);
    expectInvalidFields(await api.post(routes.setup, {}, { auth: member }), ['current_password']);
    expectProblem(await api.post(routes.turnOn, { code: '123456' }, { auth: member }), 409);

    const setup = await api.post(routes.setup, { current_password: DEMO_PASSWORD }, { auth: member });
    assert.equal(setup.status, 200, setup.text);
    expectDocumented(setup, 'post', routes.setup);
    assert.match(setup.body.otpauth_uri, new RegExp(`^otpauth://totp/PSW%20Network%3A.*secret=${setup.body.secret}&`));
    assert.equal((await statusOf(api, member)).enabled, false, 'not on until a code proves the app has the secret');
    const app = authenticator(setup.body.secret);

    const wrong = codeForStep(setup.body.secret, stepAt() + 5);
    expectInvalidFields(await api.post(routes.turnOn, { code: wrong }, { auth: member }), ['code']);
    expectInvalidFields(await api.post(routes.turnOn, { code: 'abc' }, { auth: member }), ['code']);
    const on = await api.post(routes.turnOn, { code: app.nextCode() }, { auth: member });
    assert.equal(on.status, 200, on.text);
    expectDocumented(on, 'post', routes.turnOn);
    assert.equal(new Set(on.body.recovery_codes).size, 10);

    const status = await statusOf(api, member);
    assert.equal(status.enabled, true);
    assert.equal(status.recovery_codes_left, 10);
    expectProblem(await api.post(routes.setup, { current_password: DEMO_PASSWORD }, { auth: member }), 409);
    assert.ok((await accountNotices(api, member)).includes('Two-factor authentication was turned on'));
  });

  it('then signing in needs a code, each code works once, and a recovery code works once', async () => {
    const member = await addMember(server, { organisation: southwark });
    const { app, recoveryCodes } = await turnOn(api, member);
    const email = member.user.email;

    const bare = await login(api, email);
    expectProblem(bare, 401, { type: codeRequired });
    assert.equal(bare.headers.getSetCookie().length, 0, 'no session without the code');
    const wrongPassword = await login(api, email, codeForStep(app.secret, stepAt()), 'not-the-password');
    expectProblem(wrongPassword, 401, { type: '/problems/invalid-credentials' });

    const code = app.nextCode();
    const signedIn = await login(api, email, code.replace(/(\d{3})/, '$1 '));
    assert.equal(signedIn.status, 200, signedIn.text);
    expectDocumented(signedIn, 'post', LOGIN);
    assert.equal(signedIn.body.recovery_codes, undefined);
    const replayed = expectProblem(await login(api, email, code), 401, { type: codeRequired });
    assert.deepEqual(replayed.errors.map((e) => e.field), ['code'], 'a code is accepted once only');

    const recovery = recoveryCodes[3].toUpperCase().replace('-', ' ');
    assert.equal((await login(api, email, recovery)).status, 200);
    expectProblem(await login(api, email, recoveryCodes[3]), 401, { type: codeRequired });
    assert.equal((await statusOf(api, member)).recovery_codes_left, 9);
    assert.ok((await accountNotices(api, member)).includes('A recovery code was used to sign in: 9 recovery codes left'));
  });

  it('throttles wrong codes for the account, even with the right password, and then refuses a right one too', async () => {
    const member = await addMember(server, { organisation: southwark });
    const { app } = await turnOn(api, member);
    let throttled;
    for (let attempt = 0; attempt < 15 && !throttled; attempt += 1) {
      const res = await login(api, member.user.email, codeForStep(app.secret, stepAt() + 10 + attempt));
      if (res.status === 429) throttled = res;
      else expectProblem(res, 401, { type: codeRequired });
    }
    assert.ok(throttled, 'wrong codes are throttled');
    expectProblem(throttled, 429);
    assert.ok(Number(throttled.headers.get('retry-after')) >= 1);
  });

  it('throttles wrong codes while turning it on, too', async () => {
    const member = await addMember(server, { organisation: southwark });
    const setup = await api.post(routes.setup, { current_password: DEMO_PASSWORD }, { auth: member });
    let throttled;
    for (let attempt = 0; attempt < 15 && !throttled; attempt += 1) {
      const res = await api.post(routes.turnOn, { code: codeForStep(setup.body.secret, stepAt() + 10 + attempt) },
        { auth: member });
      if (res.status === 429) throttled = res;
      else expectInvalidFields(res, ['code']);
    }
    assert.ok(throttled, 'wrong codes are throttled');
    expectDocumented(throttled, 'post', routes.turnOn);
  });

  it('new recovery codes need the password, and the old ones stop working', async () => {
    const member = await addMember(server, { organisation: southwark });
    const { recoveryCodes } = await turnOn(api, member);
    expectInvalidFields(await api.post(routes.recoveryCodes, { current_password: 'wrong-password-here' }, { auth: member }),
      ['current_password']);
    const renewed = await api.post(routes.recoveryCodes, { current_password: DEMO_PASSWORD }, { auth: member });
    assert.equal(renewed.status, 200, renewed.text);
    expectDocumented(renewed, 'post', routes.recoveryCodes);
    expectProblem(await login(api, member.user.email, recoveryCodes[0]), 401, { type: codeRequired });
    assert.equal((await login(api, member.user.email, renewed.body.recovery_codes[0])).status, 200);
  });

  it('a member may turn it off with the password; then signing in needs no code', async () => {
    const member = await addMember(server, { organisation: southwark });
    expectProblem(await api.post(routes.removal, { current_password: DEMO_PASSWORD }, { auth: member }), 409);
    await turnOn(api, member);
    expectInvalidFields(await api.post(routes.removal, { current_password: 'wrong-password-here' }, { auth: member }),
      ['current_password']);
    const off = await api.post(routes.removal, { current_password: DEMO_PASSWORD }, { auth: member });
    assert.equal(off.status, 204, off.text);
    assert.equal((await statusOf(api, member)).enabled, false);
    assert.equal((await login(api, member.user.email)).status, 200);
    assert.ok((await accountNotices(api, member)).includes('Two-factor authentication was turned off'));
  });

  it('is required of the CSW offices and network administrators, who have a grace period and cannot turn it off', async () => {
    const priya = await signIn(server.baseUrl, demoUsers.priya);
    const status = await statusOf(api, priya);
    assert.equal(status.required, true);
    assert.equal(status.required_by, 'role');
    const daysLeft = (Date.parse(status.setup_deadline) - Date.now()) / 86_400_000;
    assert.ok(daysLeft > 13 && daysLeft <= 14, `the grace period ends in ${daysLeft} days`);
    assert.equal((await statusOf(api, await signIn(server.baseUrl, demoUsers.sam))).required_by, 'role');

    await turnOn(api, priya);
    expectProblem(await api.post(routes.removal, { current_password: DEMO_PASSWORD }, { auth: priya }), 403);
    assert.equal((await statusOf(api, priya)).setup_deadline, null, 'no deadline once it is on');
    expectProblem(await api.post(routes.setupAtSignIn, { email: demoUsers.tom, password: DEMO_PASSWORD }), 409);
  });

  it('an organisation administrator requires it of their organisation; nobody else may', async () => {
    const grace = await signIn(server.baseUrl, demoUsers.grace); // org_admin of Southwark
    const southwarkId = grace.user.organisation.id;
    const read = await api.get(routes.policy(southwarkId), { auth: grace });
    assert.equal(read.status, 200, read.text);
    expectDocumented(read, 'get', '/api/v1/organisations/{id}/sign-in-policy');
    assert.deepEqual(read.body, { two_factor_required: false, two_factor_required_since: null,
      single_sign_on_available: false, single_sign_on_required: false, single_sign_on_required_since: null });

    const member = await addMember(server, { organisation: southwark });
    const amira = await signIn(server.baseUrl, demoUsers.amira); // another organisation's member
    expectProblem(await api.put(routes.policy(southwarkId), { two_factor_required: true }, { auth: member }), 403);
    expectProblem(await api.put(routes.policy(southwarkId), { two_factor_required: true }, { auth: amira }), 403);
    expectProblem(await api.get(routes.policy(southwarkId), { auth: amira }), 403);
    expectProblem(await api.put(routes.policy(999_999), { two_factor_required: true }, { auth: grace }), 404);
    expectInvalidFields(await api.put(routes.policy(southwarkId), { two_factor_required: 'yes' }, { auth: grace }),
      ['two_factor_required']);
    expectInvalidFields(await api.put(routes.policy(southwarkId), {}, { auth: grace }), ['two_factor_required']);
    expectProblem(await api.get(routes.policy(southwarkId)), 401);

    const set = await api.put(routes.policy(southwarkId), { two_factor_required: true }, { auth: grace });
    assert.equal(set.status, 200, set.text);
    expectDocumented(set, 'put', '/api/v1/organisations/{id}/sign-in-policy');
    assert.equal(set.body.two_factor_required, true);
    const again = await api.put(routes.policy(southwarkId), { two_factor_required: true }, { auth: grace });
    assert.equal(again.body.two_factor_required_since, set.body.two_factor_required_since, 'the grace period does not start over');

    const status = await statusOf(api, member);
    assert.equal(status.required_by, 'organisation');
    assert.ok(Date.parse(status.setup_deadline) > Date.now() + 13 * 86_400_000);
    assert.equal((await login(api, member.user.email)).status, 200, 'within the grace period no code is needed');
    expectProblem(await api.post(routes.removal, { current_password: DEMO_PASSWORD }, { auth: member }), 403);

    const off = await api.put(routes.policy(southwarkId), { two_factor_required: false }, { auth: grace });
    assert.deepEqual(off.body, { two_factor_required: false, two_factor_required_since: null,
      single_sign_on_available: false, single_sign_on_required: false, single_sign_on_required_since: null });
    assert.equal((await statusOf(api, member)).required, false);
  });
});

describe('once the grace period is over (--two-factor-grace-days 0)', () => {
  let server, api;
  before(async () => {
    server = await startServer({ args: ['--two-factor-grace-days', '0'] });
    api = client(server.baseUrl);
  });
  after(() => server?.stop());

  it('a CSW office sets up its authenticator as it signs in, and gets its recovery codes with the session', async () => {
    expectProblem(await login(api, demoUsers.priya), 401, { type: setupRequired });
    expectProblem(await login(api, demoUsers.priya, '123456'), 401, { type: setupRequired });
    expectProblem(await api.post(routes.setupAtSignIn, { email: demoUsers.priya, password: 'not-the-password' }), 401,
      { type: '/problems/invalid-credentials' });
    expectInvalidFields(await api.post(routes.setupAtSignIn, { email: demoUsers.priya }), ['password']);

    const setup = await api.post(routes.setupAtSignIn, { email: demoUsers.priya, password: DEMO_PASSWORD });
    assert.equal(setup.status, 200, setup.text);
    expectDocumented(setup, 'post', routes.setupAtSignIn);
    const app = authenticator(setup.body.secret);
    const wrong = expectProblem(await login(api, demoUsers.priya, codeForStep(app.secret, stepAt() + 7)), 401,
      { type: codeRequired });
    assert.deepEqual(wrong.errors.map((e) => e.field), ['code']);

    const signedIn = await login(api, demoUsers.priya, app.nextCode());
    assert.equal(signedIn.status, 200, signedIn.text);
    expectDocumented(signedIn, 'post', LOGIN);
    validateComponent('SessionGrant', signedIn.body);
    assert.equal(signedIn.body.recovery_codes.length, 10);

    expectProblem(await login(api, demoUsers.priya), 401, { type: codeRequired });
    assert.equal((await login(api, demoUsers.priya, app.nextCode())).status, 200);
    expectProblem(await api.post(routes.setupAtSignIn, { email: demoUsers.priya, password: DEMO_PASSWORD }), 409);
  });

  it('a network administrator invited sets up two-factor as they first sign in, not on accepting', async () => {
    const setup = await api.post(routes.setupAtSignIn, { email: demoUsers.sam, password: DEMO_PASSWORD });
    assert.equal(setup.status, 200, setup.text);
    const signedIn = await login(api, demoUsers.sam, authenticator(setup.body.secret).nextCode());
    assert.equal(signedIn.status, 200, signedIn.text);
    const sam = { headersFor: () => ({ authorization: `Bearer ${signedIn.body.token}` }) };

    const email = newEmail('second-admin');
    const invited = await api.post(INVITATIONS,
      invitationFor(email, signedIn.body.user.organisation.id, { roles: ['network_admin'] }), { auth: sam });
    assert.equal(invited.status, 201, invited.text);
    const token = await invitationTokenFor(server, email);
    const accepted = await api.post(`${INVITATIONS}/${token}/accept`, { display_name: 'Ines Varga', password: NEW_PASSWORD });
    expectProblem(accepted, 401, { type: setupRequired });
    assert.equal(accepted.headers.getSetCookie().length, 0, 'no session before two-factor');
    expectProblem(await login(api, email, undefined, NEW_PASSWORD), 401, { type: setupRequired });
  });

  it('a member of an organisation that requires it must set it up too; other members need nothing', async () => {
    const grace = await signIn(server.baseUrl, demoUsers.grace);
    const member = await addMember(server, { organisation: southwark });
    const elsewhere = await addMember(server, { organisation: 'E06000045' });
    await api.put(routes.policy(grace.user.organisation.id), { two_factor_required: true }, { auth: grace });
    expectProblem(await login(api, member.user.email), 401, { type: setupRequired });
    assert.equal((await login(api, elsewhere.user.email)).status, 200);
  });
});
