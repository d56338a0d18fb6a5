// Data rights (issue 13, item 5): downloading everything the service holds about oneself (a ZIP of my-data.json and
// the files one uploaded), deleting one's account (which removes the personal data, keeps what the person wrote
// under "A former member of <organisation>", ends every session and leaves an audit entry), and how long records are
// kept, as configured. Against the real pswnet and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, client, demoUsers, expectInvalidFields, expectProblem, parseSetCookie, signIn } from '../support/api.mjs';
import { addMember, forumClient, uniqueWord } from '../support/forum.mjs';
import { ME } from '../support/identity.mjs';
import { textWith } from '../support/library-files.mjs';
import { libraryClient } from '../support/library.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { runPswnetOk, startServer } from '../support/server.mjs';
import { readZip } from '../support/zip.mjs';

const routes = { exportData: '/api/v1/me/data-export', deletion: '/api/v1/me/deletion' };

let server, api, forum, library, amira;
before(async () => {
  server = await startServer({ args: ['--audit-retention-days', '400'] });
  api = client(server.baseUrl);
  forum = forumClient(server.baseUrl);
  library = libraryClient(server.baseUrl);
  amira = await signIn(server.baseUrl, demoUsers.amira);
});
after(async () => {
  await server?.stop();
});

const newPerson = (fields = {}) => addMember(server, { organisation: 'E06000045', sector: 'children',
  displayName: `Rowan ${uniqueWord('Zq')}`, ...fields });

/** GET /me/data-export read as bytes: {status, headers, bytes, body (a problem)}. */
async function download(session) {
  const res = await fetch(new URL(routes.exportData, server.baseUrl),
    { headers: session ? session.headersFor('GET') : {}, signal: AbortSignal.timeout(60_000) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const isProblem = /^application\/problem\+json/.test(res.headers.get('content-type') ?? '');
  return { status: res.status, headers: res.headers, bytes, body: isProblem ? JSON.parse(bytes.toString()) : undefined };
}

/** Asks to join Southampton's regional network (restricted), with a message; resolves with the group. */
async function askToJoinTheRegionalNetwork(person) {
  const found = await api.get('/api/v1/groups?q=South%20East%20children', { auth: person });
  assert.equal(found.status, 200, found.text);
  const [network] = found.body.items;
  const asked = await api.post(`/api/v1/groups/${network.id}/join`, { message: 'I lead practice in our authority.' },
    { auth: person });
  assert.equal(asked.status, 202, asked.text);
  return network;
}

async function auditActions(userId) {
  const { rows } = await server.db.query('SELECT action FROM audit_log WHERE actor_user_id = $1 ORDER BY id', [userId]);
  return rows.map((row) => row.action);
}

describe('downloading my data', () => {
  it('is a ZIP of my-data.json, with what I wrote, shared and chose, and the files I uploaded', async () => {
    const person = await newPerson();
    const thread = await forum.createThread(person, { title: `How do you run ${uniqueWord()} panels?` });
    const postText = `We hold ours ${uniqueWord()} every fortnight.`;
    const post = await forum.reply(person, thread.id, postText);
    const resource = await library.create(person, { title: `Supervision template ${uniqueWord()}` });
    const fileBytes = Buffer.from(textWith('A reflective supervision record'));
    await library.uploaded(person, resource.id, fileBytes, 'supervision record.txt', { contentType: 'text/plain' });
    await api.put('/api/v1/me/notification-settings', { kinds: [{ kind: 'mention', delivery: 'off' }],
      digest: { hour: 7, day: 'friday' } }, { auth: person });
    const othersThread = await forum.createThread(amira, { title: `Amira asks about ${uniqueWord()}` });
    const network = await askToJoinTheRegionalNetwork(person);
    const feed = await api.post('/api/v1/me/calendar-feed', undefined, { auth: person });
    assert.equal(feed.status, 201, feed.text);

    const res = await download(person);
    assert.equal(res.status, 200, res.bytes.toString().slice(0, 500));
    assert.equal(res.headers.get('content-type'), 'application/zip');
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="psw-network-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    const zip = readZip(res.bytes);
    const data = JSON.parse(zip.get('my-data.json').toString('utf8'));

    assert.equal(data.account.email, person.user.email);
    assert.equal(data.account.display_name, person.user.display_name);
    assert.equal(data.account.organisation, 'Southampton');
    assert.ok(data.sessions.length >= 1, 'the sessions, with where they were');
    assert.ok(data.account_history.some((entry) => entry.action === 'session.created'));
    assert.deepEqual(data.discussions.threads_started.map((t) => t.title), [thread.title]);
    assert.equal(data.discussions.posts.find((p) => p.id === post.id)?.text, postText, 'what I wrote, as I wrote it');
    assert.ok(data.discussions.following.some((f) => f.thread_id === thread.id), 'the threads followed');
    assert.deepEqual(data.library.resources_shared.map((r) => r.id), [resource.id]);
    assert.deepEqual(data.groups.memberships, []);
    assert.deepEqual(data.groups.requests_to_join.map((r) => [r.group_id, r.group, r.message]),
      [[network.id, network.name, 'I lead practice in our authority.']]);
    assert.deepEqual(data.meetings, { answers: [], actions: [], calendar_feed: { created_at: feed.body.created_at } });
    assert.doesNotMatch(zip.get('my-data.json').toString('utf8'), new RegExp(feed.body.url.split('/')[6]),
      'not the feed\'s secret, which is not kept');
    assert.deepEqual(data.notifications.settings, [{ kind: 'mention', delivery: 'off' }]);
    assert.deepEqual(data.notifications.digest_schedule, { hour: 7, weekday: 5 });

    const [file] = data.library.files;
    assert.equal(file.resource_id, resource.id);
    assert.equal(file.in_archive, `files/${resource.id}-v1-${file.filename}`);
    assert.deepEqual(zip.get(file.in_archive), fileBytes, 'the file itself, byte for byte');

    const text = zip.get('my-data.json').toString('utf8');
    assert.ok(!text.includes(othersThread.title), 'nothing of anyone else');
    assert.ok(!text.includes(demoUsers.amira));
    assert.deepEqual((await auditActions(person.user.id)).slice(-1), ['user.data_exported']);
  });

  it('prepares a few at once and has the others wait their turn, every one answered', async () => {
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => newPerson()));
    const answers = await Promise.all(people.map((person) => download(person)));
    assert.deepEqual(answers.map((res) => res.status), [200, 200, 200, 200, 200]);
    answers.forEach((res, i) => assert.equal(
      JSON.parse(readZip(res.bytes).get('my-data.json')).account.email, people[i].user.email, 'each their own'));
  });

  it('is limited to 3 an hour for each person', async () => {
    const person = await newPerson();
    for (let i = 0; i < 3; i += 1) assert.equal((await download(person)).status, 200);
    const limited = await download(person);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.match(limited.body.detail, /downloads of your data/);
  });

  it('needs a signed-in person', async () => {
    const res = await api.get(routes.exportData);
    expectProblem(res, 401);
    expectDocumented(res, 'get', routes.exportData);
  });
});

describe('how long records are kept', () => {
  it('is public, and says what this deployment is configured to keep', async () => {
    const res = await api.get('/api/v1/retention');
    assert.equal(res.status, 200, res.text);
    expectDocumented(res, 'get', '/api/v1/retention');
    assert.deepEqual(res.body, { audit_log_days: 400, deleted_files_days: 30, events_days: 7 });
  });
});

describe('deleting my account', () => {
  it('refuses the network’s only network administrator', async () => {
    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const res = await api.post(routes.deletion, { current_password: DEMO_PASSWORD }, { auth: sam });
    expectProblem(res, 409);
    assert.match(res.body.detail, /only network administrator/);
    assert.equal((await api.get(ME, { auth: sam })).status, 200, 'still signed in');
  });

  it('needs the current password, and changes nothing without it', async () => {
    const person = await newPerson();
    expectInvalidFields(await api.post(routes.deletion, { current_password: 'not-my-password' }, { auth: person }),
      ['current_password']);
    expectInvalidFields(await api.post(routes.deletion, {}, { auth: person }), ['current_password']);
    expectProblem(await api.post(routes.deletion, { current_password: DEMO_PASSWORD }), 401);
    const me = await api.get(ME, { auth: person });
    assert.equal(me.status, 200);
    assert.equal(me.body.email, person.user.email);
  });

  it('removes the personal data, keeps the posts under “A former member of”, and ends every session', async () => {
    const person = await newPerson({ roles: ['member', 'org_admin'] });
    await api.patch(ME, { job_title: 'Principal Social Worker', ask_me_about: 'Family group conferences',
      listed: true }, { auth: person });
    const thread = await forum.createThread(person);
    const answer = await forum.reply(amira, thread.id); // notifies the person
    const otherBrowser = await signIn(server.baseUrl, person.user.email);
    await askToJoinTheRegionalNetwork(person);
    assert.equal((await api.post('/api/v1/me/calendar-feed', undefined, { auth: person })).status, 201);

    const res = await api.post(routes.deletion, { current_password: DEMO_PASSWORD }, { auth: person });
    assert.equal(res.status, 204, res.text);
    expectDocumented(res, 'post', routes.deletion);
    const cookie = res.headers.getSetCookie().map(parseSetCookie).find((c) => /pswnet_session$/.test(c.name));
    assert.equal(cookie?.attributes['max-age'], '0');
    expectProblem(await api.get(ME, { auth: person }), 401);
    expectProblem(await api.get(ME, { auth: otherBrowser }), 401); // every session ends
    expectProblem(await api.post('/api/v1/auth/login', { email: person.user.email, password: DEMO_PASSWORD }), 401);

    const seen = await forum.getThread(amira, thread.id);
    assert.equal(seen.author.display_name, 'A former member of Southampton');
    assert.ok(seen.posts.some((p) => p.id === answer.id), 'the conversation stays readable');
    assert.equal(seen.posts[0].author.display_name, 'A former member of Southampton');

    const { rows: [row] } = await server.db.query(`SELECT email, display_name, job_title, ask_me_about, listed,
      password_hash, disabled_at IS NOT NULL AS disabled, erased_at IS NOT NULL AS erased FROM users WHERE id = $1`,
    [person.user.id]);
    assert.deepEqual(row, { email: `erased-${person.user.id}@erased.invalid`,
      display_name: 'A former member of Southampton', job_title: '', ask_me_about: '', listed: false,
      password_hash: '', disabled: true, erased: true });
    const count = async (sql) => (await server.db.query(sql, [person.user.id])).rows[0].n;
    assert.equal(await count('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1'), 0);
    assert.equal(await count('SELECT count(*)::int AS n FROM thread_subscriptions WHERE user_id = $1'), 0);
    assert.equal(await count('SELECT count(*)::int AS n FROM group_join_requests WHERE person_id = $1'), 0);
    assert.equal(await count('SELECT count(*)::int AS n FROM calendar_feeds WHERE person_id = $1'), 0);
    assert.equal(await count(`SELECT count(*)::int AS n FROM sessions
      WHERE user_id = $1 AND (revoked_at IS NULL OR user_agent IS NOT NULL OR client_address IS NOT NULL)`), 0);
    assert.deepEqual((await auditActions(person.user.id)).slice(-1), ['user.erased']);
  });

  it('leaves no trace of the address: failed sign-ins, invitations to it, emails to it, live events', async () => {
    // Southwark's administrator invited the address before an account was made for it another way.
    const address = `${uniqueWord('leaver')}@example.test.pswnet.uk`;
    const grace = await signIn(server.baseUrl, demoUsers.grace);
    const invited = await api.post('/api/v1/invitations', { email: address, roles: ['member'], sector: 'both',
      organisation_id: grace.user.organisation.id }, { auth: grace });
    assert.equal(invited.status, 201, invited.text);
    await runPswnetOk(['user', 'add', '--email', address, '--organisation', 'E06000045', '--sector', 'children',
      '--password-stdin', '--role', 'member'], { env: { PSWNET_DATABASE_URL: server.databaseUrl },
      input: `${DEMO_PASSWORD}\n` });
    const person = await signIn(server.baseUrl, address);
    expectProblem(await api.post('/api/v1/auth/login', { email: address, password: 'not-the-password' }), 401);
    await forum.reply(amira, (await forum.createThread(person)).id); // a live notification on user:{id}
    const count = async (sql, values) => (await server.db.query(sql, values)).rows[0].n;
    assert.ok(await count("SELECT count(*)::int AS n FROM login_throttle WHERE key LIKE '%' || $1 || '%'", [address]) > 0);
    assert.ok(await count('SELECT count(*)::int AS n FROM events WHERE channel = $1', [`user:${person.user.id}`]) > 0);

    assert.equal((await api.post(routes.deletion, { current_password: DEMO_PASSWORD }, { auth: person })).status, 204);
    for (const [what, sql] of [
      ['failed sign-ins', "SELECT count(*)::int AS n FROM login_throttle WHERE key LIKE '%' || $1 || '%'"],
      ['invitations', 'SELECT count(*)::int AS n FROM invitations WHERE email = $1'],
      ['emails', 'SELECT count(*)::int AS n FROM outbox WHERE recipient = $1'],
      ['users', 'SELECT count(*)::int AS n FROM users WHERE email = $1'],
    ]) assert.equal(await count(sql, [address]), 0, what);
    assert.equal(await count('SELECT count(*)::int AS n FROM events WHERE channel = $1', [`user:${person.user.id}`]), 0,
      'nothing of theirs to replay');
  });

  it('cannot be undone by an administrator enabling the account again', async () => {
    const person = await newPerson();
    assert.equal((await api.post(routes.deletion, { current_password: DEMO_PASSWORD }, { auth: person })).status, 204);
    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const res = await api.patch(`/api/v1/users/${person.user.id}`, { disabled: false }, { auth: sam });
    expectProblem(res, 409);
    assert.match(res.body.detail, /deleted by its owner/);
  });
});
