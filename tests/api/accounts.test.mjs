// Accounts people manage themselves (issue 13, self-service): the profile, changing the password (other sessions
// end), forgotten passwords by email (a single-use link valid for 1 hour, the same answer whether or not the
// address has an account), changing the email address (confirmed at the new address, the old one told), where one
// is signed in and signing out there, and the email about a sign-in from a new device. Each notice about the account
// also shows among the owner's notifications. Against the real pswnet sending to a real SMTP server
// (support/mail.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, client, demoUsers, expectInvalidFields, expectProblem, parseSetCookie, signIn } from '../support/api.mjs';
import { addMember, uniqueWord } from '../support/forum.mjs';
import { ME, NEW_PASSWORD, newEmail } from '../support/identity.mjs';
import { addressedTo, startSmtpSink } from '../support/mail.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { pollUntil, startServer } from '../support/server.mjs';

const origin = 'https://pswnet.test'; // --public-origin: the links in emails
const routes = {
  password: '/api/v1/me/password',
  email: '/api/v1/me/email',
  sessions: '/api/v1/me/sessions',
  reset: '/api/v1/auth/password-reset',
  confirmation: '/api/v1/auth/email-confirmation',
};

let sink, server, api;
before(async () => {
  sink = await startSmtpSink();
  server = await startServer({ args: ['--smtp-url', sink.url, '--public-origin', origin] });
  api = client(server.baseUrl);
});
after(async () => {
  await server?.stop();
  await sink?.close();
});

/** A new member of Southampton, signed in; each test has its own so that sessions and passwords do not cross. */
const newPerson = () => addMember(server, { organisation: 'E06000045', sector: 'children',
  displayName: `Rowan ${uniqueWord('Zq')}` });

/** The next email to `address` whose subject matches. */
const emailTo = (address, subject) => sink.waitFor(
  (email) => addressedTo(address)(email) && subject.test(email.subject), { what: `“${subject.source}” to ${address}` });

/** The token of a link to `path` in an email's text. */
function linkToken(email, path) {
  const match = email.text.match(new RegExp(`${origin.replace(/\./g, '\\.')}${path}/([A-Za-z0-9_-]+)`));
  assert.ok(match, `no ${path} link in: ${email.text}`);
  return match[1];
}

/** The owner's notifications about their own account, newest first. */
async function accountNotices(session) {
  const res = await api.get('/api/v1/notifications', { auth: session });
  assert.equal(res.status, 200, res.text);
  expectDocumented(res, 'get', '/api/v1/notifications');
  return res.body.items.filter((n) => n.kind === 'account');
}

/**
 * The outcome audited for each password reset request answered by `responses`, in their order, once all of them
 * have been handled (links are issued after the answer, so that its timing says nothing).
 */
async function resetOutcomes(responses) {
  const ids = responses.map((res) => res.headers.get('x-request-id'));
  const audited = async () => (await server.db.query(`SELECT request_id, details->>'outcome' AS outcome FROM audit_log
    WHERE action = 'user.password_reset_requested' AND request_id = ANY($1)`, [ids])).rows;
  await pollUntil(async () => (await audited()).length === ids.length,
    { timeoutMs: 30_000, what: 'every password reset request handled' });
  const byRequest = new Map((await audited()).map((row) => [row.request_id, row.outcome]));
  return ids.map((id) => byRequest.get(id));
}

async function stillSignedIn(session) {
  return (await api.get(ME, { auth: session })).status === 200;
}

describe('the profile', () => {
  it('changes the name, job title, sector and “ask me about”, and shows them on /me', async () => {
    const person = await newPerson();
    const res = await api.patch(ME, { display_name: '  Rowan Ashdown ', job_title: 'Principal Social Worker',
      sector: 'both', ask_me_about: 'Practice frameworks and supervision' }, { auth: person });
    assert.equal(res.status, 200, res.text);
    expectDocumented(res, 'patch', ME);
    assert.equal(res.body.display_name, 'Rowan Ashdown');
    assert.equal(res.body.job_title, 'Principal Social Worker');
    assert.equal(res.body.sector, 'both');
    const me = (await api.get(ME, { auth: person })).body;
    assert.equal(me.ask_me_about, 'Practice frameworks and supervision');

    const cleared = await api.patch(ME, { job_title: '' }, { auth: person });
    assert.equal(cleared.body.job_title, '');
    assert.equal(cleared.body.display_name, 'Rowan Ashdown', 'fields left out stay as they were');
  });

  it('refuses a blank name, over-long text, an unknown sector and an empty change, changing nothing', async () => {
    const person = await newPerson();
    expectInvalidFields(await api.patch(ME, { display_name: '  ', job_title: 'x'.repeat(101),
      ask_me_about: 'é'.repeat(301), sector: 'everyone' }, { auth: person }),
    ['display_name', 'job_title', 'ask_me_about', 'sector']);
    expectProblem(await api.patch(ME, {}, { auth: person }), 422);
    const me = (await api.get(ME, { auth: person })).body;
    assert.equal(me.display_name, person.user.display_name);
    assert.equal(me.job_title, '');
    expectProblem(await api.patch(ME, { job_title: 'Anyone' }), 401);
  });
});

describe('changing the password', () => {
  it('needs the current password, ends the other sessions, keeps this one, and tells the owner by email', async () => {
    const person = await newPerson();
    const other = await signIn(server.baseUrl, person.user.email);
    expectInvalidFields(await api.post(routes.password, { current_password: 'not-my-password',
      new_password: NEW_PASSWORD }, { auth: person }), ['current_password']);
    expectInvalidFields(await api.post(routes.password, { current_password: DEMO_PASSWORD, new_password: 'short' },
      { auth: person }), ['new_password']);
    assert.ok(await stillSignedIn(other), 'a refused change ends nothing');

    const res = await api.post(routes.password, { current_password: DEMO_PASSWORD, new_password: NEW_PASSWORD },
      { auth: person });
    assert.equal(res.status, 204, res.text);
    assert.ok(await stillSignedIn(person), 'this session stays');
    assert.ok(!(await stillSignedIn(other)), 'the other session has ended');
    expectProblem(await api.post('/api/v1/auth/login', { email: person.user.email, password: DEMO_PASSWORD }), 401);
    await signIn(server.baseUrl, person.user.email, NEW_PASSWORD);

    const email = await emailTo(person.user.email, /password was changed/);
    assert.match(email.text, /signed out/);
    assert.match(email.text, new RegExp(`${origin}/password-reset`));
    const notices = (await accountNotices(person)).filter((n) => /password/.test(n.subject.title));
    assert.equal(notices.length, 1, 'one notice of the change, besides those of the sign-ins from new devices');
    const [notice] = notices;
    assert.deepEqual(notice.subject, { type: 'account', id: person.user.id, title: 'Your password was changed',
      link: '/account' });
    assert.equal(notice.actor, null);
    assert.equal(notice.read, false);
  });
});

describe('a forgotten password', () => {
  it('answers 202 whether or not the address has an account, and emails only a real one', async () => {
    const person = await newPerson();
    const unknown = newEmail('nobody');
    const forUnknown = await api.post(routes.reset, { email: unknown });
    const forKnown = await api.post(routes.reset, { email: person.user.email.toUpperCase() });
    assert.equal(forUnknown.status, 202);
    assert.equal(forKnown.status, 202);
    assert.equal(forUnknown.text, forKnown.text, 'the same answer either way');
    await emailTo(person.user.email, /Reset your PSW Network password/);
    assert.deepEqual(await resetOutcomes([forUnknown, forKnown]), ['no_account', 'sent'],
      'each request is audited once handled, after its answer, without the address');
    const { rows } = await server.db.query('SELECT count(*)::int AS n FROM outbox WHERE recipient = $1', [unknown]);
    assert.equal(rows[0].n, 0, 'nothing is sent to an address without an account');
    const { rows: audited } = await server.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE details::text LIKE '%' || $1 || '%'", [unknown]);
    assert.equal(audited[0].n, 0, 'the address asked about is not kept');
    expectInvalidFields(await api.post(routes.reset, { email: 'not an address' }), ['email']);
  });

  it('sets a new password through the emailed link, once, ending every session', async () => {
    const person = await newPerson();
    assert.equal((await api.post(routes.reset, { email: person.user.email })).status, 202);
    const token = linkToken(await emailTo(person.user.email, /Reset your/), '/password-reset');

    const preview = await api.get(`${routes.reset}/${token}`);
    assert.equal(preview.status, 200, preview.text);
    expectDocumented(preview, 'get', `${routes.reset}/{token}`);
    assert.equal(preview.body.email, person.user.email);
    expectInvalidFields(await api.post(`${routes.reset}/${token}`, { password: 'short' }), ['password']);

    const reset = await api.post(`${routes.reset}/${token}`, { password: NEW_PASSWORD });
    assert.equal(reset.status, 204, reset.text);
    assert.ok(!(await stillSignedIn(person)), 'every session has ended');
    await signIn(server.baseUrl, person.user.email, NEW_PASSWORD);
    await emailTo(person.user.email, /password was changed/);

    expectProblem(await api.get(`${routes.reset}/${token}`), 404);
    expectProblem(await api.post(`${routes.reset}/${token}`, { password: 'another-long-password' }), 404);
    await signIn(server.baseUrl, person.user.email, NEW_PASSWORD);
  });

  it('refuses an expired link, an older link once a newer one is sent, and a made-up one', async () => {
    const person = await newPerson();
    await api.post(routes.reset, { email: person.user.email });
    const first = linkToken(await emailTo(person.user.email, /Reset your/), '/password-reset');
    sink.messages.length = 0;
    await api.post(routes.reset, { email: person.user.email });
    const second = linkToken(await emailTo(person.user.email, /Reset your/), '/password-reset');
    expectProblem(await api.post(`${routes.reset}/${first}`, { password: NEW_PASSWORD }), 404);

    await server.db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second'
      WHERE user_id = $1 AND used_at IS NULL`, [person.user.id]);
    expectProblem(await api.post(`${routes.reset}/${second}`, { password: NEW_PASSWORD }), 404);
    expectProblem(await api.get(`${routes.reset}/${'x'.repeat(43)}`), 404);
    expectProblem(await api.get(`${routes.reset}/${'x'.repeat(500)}`), 404);
    await signIn(server.baseUrl, person.user.email, DEMO_PASSWORD);
  });

  it('sends at most 5 links an hour to one address, still answering 202', async () => {
    const person = await newPerson();
    const answers = [];
    for (let i = 0; i < 7; i += 1) answers.push(await api.post(routes.reset, { email: person.user.email }));
    assert.deepEqual(answers.map((res) => res.status), [202, 202, 202, 202, 202, 202, 202]);
    const outcomes = await resetOutcomes(answers);
    assert.deepEqual([...outcomes].sort(), ['hourly_limit', 'hourly_limit', 'sent', 'sent', 'sent', 'sent', 'sent']);
    const { rows } = await server.db.query(
      "SELECT count(*)::int AS n FROM account_tokens WHERE user_id = $1 AND purpose = 'password_reset'", [person.user.id]);
    assert.equal(rows[0].n, 5);
  });
});

describe('changing the email address', () => {
  it('is confirmed at the new address, and the old address is told', async () => {
    const person = await newPerson();
    const oldAddress = person.user.email;
    const newAddress = newEmail('rowan');
    expectInvalidFields(await api.post(routes.email, { email: newAddress, current_password: 'wrong-password' },
      { auth: person }), ['current_password']);
    expectInvalidFields(await api.post(routes.email, { email: oldAddress, current_password: DEMO_PASSWORD },
      { auth: person }), ['email']);
    expectProblem(await api.post(routes.email, { email: demoUsers.amira, current_password: DEMO_PASSWORD },
      { auth: person }), 409);

    const res = await api.post(routes.email, { email: newAddress, current_password: DEMO_PASSWORD }, { auth: person });
    assert.equal(res.status, 202, res.text);
    assert.equal((await api.get(ME, { auth: person })).body.email, oldAddress, 'nothing changes before confirming');
    const token = linkToken(await emailTo(newAddress, /Confirm your new/), '/confirm-email');
    assert.equal((await api.get(`${routes.confirmation}/${token}`)).body.email, newAddress);

    const confirmed = await api.post(`${routes.confirmation}/${token}`);
    assert.equal(confirmed.status, 200, confirmed.text);
    expectDocumented(confirmed, 'post', `${routes.confirmation}/{token}`);
    assert.equal((await api.get(ME, { auth: person })).body.email, newAddress);
    await emailTo(oldAddress, /email address was changed/);
    assert.deepEqual((await accountNotices(person)).map((n) => n.subject.title),
      [`Your email address was changed to ${newAddress}`]);
    await signIn(server.baseUrl, newAddress);
    expectProblem(await api.post(`${routes.confirmation}/${token}`), 404, {});
  });
});

describe('links that must not outlive a changed password', () => {
  it('ends an email change asked for with the old password when the password is reset', async () => {
    const person = await newPerson();
    const intruder = await signIn(server.baseUrl, person.user.email); // someone who learned the password
    const theirs = newEmail('intruder');
    assert.equal((await api.post(routes.email, { email: theirs, current_password: DEMO_PASSWORD },
      { auth: intruder })).status, 202);
    const stolen = linkToken(await emailTo(theirs, /Confirm your new/), '/confirm-email');

    await api.post(routes.reset, { email: person.user.email });
    const reset = linkToken(await emailTo(person.user.email, /Reset your/), '/password-reset');
    assert.equal((await api.post(`${routes.reset}/${reset}`, { password: NEW_PASSWORD })).status, 204);
    expectProblem(await api.post(`${routes.confirmation}/${stolen}`), 404);
    const me = await signIn(server.baseUrl, person.user.email, NEW_PASSWORD);
    assert.equal(me.user.email, person.user.email, 'the address is still the owner\'s');
  });

  it('counts addresses already taken toward the hourly limit, so they cannot be tried without end', async () => {
    const person = await newPerson();
    const others = await Promise.all([1, 2, 3, 4, 5].map(() => newPerson()));
    for (const other of others) {
      expectProblem(await api.post(routes.email, { email: other.user.email, current_password: DEMO_PASSWORD },
        { auth: person }), 409);
    }
    expectProblem(await api.post(routes.email, { email: newEmail('free'), current_password: DEMO_PASSWORD },
      { auth: person }), 429);
  });
});

describe('where I am signed in', () => {
  it('lists my sessions, marks this one, and signs out another but never someone else’s', async () => {
    const person = await newPerson();
    const phone = await signIn(server.baseUrl, person.user.email);
    const stranger = await newPerson();
    const list = await api.get(routes.sessions, { auth: person });
    assert.equal(list.status, 200, list.text);
    expectDocumented(list, 'get', routes.sessions);
    assert.equal(list.body.items.length, 2);
    assert.equal(list.body.items.filter((s) => s.current).length, 1);
    const phoneSession = list.body.items.find((s) => !s.current);

    const theirs = (await api.get(routes.sessions, { auth: stranger })).body.items[0];
    expectProblem(await api.delete(`${routes.sessions}/${theirs.id}`, { auth: person }), 404);
    assert.ok(await stillSignedIn(stranger));

    assert.equal((await api.delete(`${routes.sessions}/${phoneSession.id}`, { auth: person })).status, 204);
    assert.ok(!(await stillSignedIn(phone)));
    assert.ok(await stillSignedIn(person));
    expectProblem(await api.delete(`${routes.sessions}/${phoneSession.id}`, { auth: person }), 404);
  });

  it('signs out everywhere, this session included, clearing the cookie', async () => {
    const person = await newPerson();
    const browser = await signIn(server.baseUrl, person.user.email, DEMO_PASSWORD, { mode: 'cookie' });
    const res = await api.delete(routes.sessions, { auth: browser });
    assert.equal(res.status, 204, res.text);
    const cookie = res.headers.getSetCookie().map(parseSetCookie).find((c) => /pswnet_session$/.test(c.name));
    assert.equal(cookie?.attributes['max-age'], '0');
    assert.ok(!(await stillSignedIn(browser)));
    assert.ok(!(await stillSignedIn(person)));
    expectProblem(await api.delete(routes.sessions, { auth: browser, csrf: false }), 401);
  });
});

describe('a sign-in from a new device', () => {
  it('is emailed to the owner, but not a sign-in from a browser that signed in before', async () => {
    const person = await newPerson(); // signed in once already, with no device cookie: its first device
    const login = (cookie) => api.post('/api/v1/auth/login', { email: person.user.email, password: DEMO_PASSWORD },
      { headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36',
        ...(cookie ? { cookie } : {}) } });
    const first = await login();
    assert.equal(first.status, 200, first.text);
    const device = first.headers.getSetCookie().map(parseSetCookie).find((c) => /^(__Host-)?pswnet_device$/.test(c.name));
    assert.ok(device, 'a device cookie is set');
    assert.equal(device.attributes.httponly, true);
    const email = await emailTo(person.user.email, /new sign-in/);
    assert.match(email.text, /Chrome on Windows/);
    assert.match(email.text, new RegExp(`${origin}/account/sessions`));
    const notices = await accountNotices(person);
    assert.deepEqual(notices.map((n) => [n.subject.title, n.subject.link]),
      [['A new sign-in to your account: Chrome on Windows', '/account/sessions']]);

    sink.messages.length = 0;
    assert.equal((await login(`${device.name}=${device.value}`)).status, 200);
    await api.post(routes.reset, { email: person.user.email }); // emailed after any notice of that sign-in
    await emailTo(person.user.email, /Reset your/);
    assert.deepEqual(sink.messages.filter((e) => addressedTo(person.user.email)(e) && /new sign-in/.test(e.subject)), [],
      'no email for a known device');
    assert.equal((await accountNotices(person)).length, 1, 'nor a notice');
  });
});

// Last: it uses up this client address's allowance of reset requests.
describe('password reset requests from one address', () => {
  it('are throttled by address, alike for an address with or without an account', async () => {
    const person = await newPerson();
    let answer;
    for (let i = 0; i < 40; i += 1) {
      answer = await api.post(routes.reset, { email: i % 2 ? person.user.email : newEmail('nobody') });
      if (answer.status !== 202) break;
    }
    expectProblem(answer, 429);
    assert.ok(Number(answer.headers.get('retry-after')) > 0);
    const unknown = await api.post(routes.reset, { email: newEmail('nobody') });
    const known = await api.post(routes.reset, { email: person.user.email });
    assert.deepEqual([unknown.status, known.status], [429, 429], 'the same answer whoever is asked about');
  });
});
