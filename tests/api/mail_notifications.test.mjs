// Email end to end, what is sent: a notification emailed at once to the person it is for (its headers, its parts, its
// links), each person's choice per kind (off, weekly, back to the default), one-click unsubscribing from a mail
// client, the administrators' view of the outbox, and invitations, whose link leaves no trace once sent. Against the
// real pswnet sending to a real SMTP server (support/mail.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem, request } from '../support/api.mjs';
import { databaseSnapshot, invitationTokenFor, settledEmailsTo, tablesContaining } from '../support/database.mjs';
import { addMember, forumClient, routes as forumRoutes, signInDemoUsers, uniqueWord } from '../support/forum.mjs';
import { INVITATIONS, invitationFor, newEmail } from '../support/identity.mjs';
import { addressedTo, bareMessageId, mailRoutes, startSmtpSink, unsubscribeLinkOf } from '../support/mail.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { pollUntil, startServer } from '../support/server.mjs';

const origin = 'https://pswnet.test'; // --public-origin: the links in emails
const mailFrom = { name: 'PSW Network Test', address: 'notify@mail.pswnet.test' };
const replyDomain = 'reply.pswnet.test';

let sink, server, forum, call, amira, tom, grace, sam; // who is who: support/forum.mjs
before(async () => {
  sink = await startSmtpSink();
  server = await startServer({ args: ['--smtp-url', sink.url, '--mail-from', `${mailFrom.name} <${mailFrom.address}>`,
    '--reply-domain', replyDomain, '--public-origin', origin] });
  forum = forumClient(server.baseUrl);
  call = forum.call;
  ({ amira, tom, grace, sam } = await signInDemoUsers(server.baseUrl));
});
after(async () => {
  await server?.stop();
  await sink?.close();
});

/** The In-Reply-To and References of every email about a thread (or another subject). */
const threadRef = (id, type = 'thread') => `<${type}-${id}@${mailFrom.address.split('@')[1]}>`;

/**
 * The emails about a subject, once every outbox row about it has reached the sink: what was queued is read from the
 * outbox (written in the request's own transaction, so complete once it answered), and each of its Message-IDs is
 * waited for. Resolves with every email the sink took about it, so a duplicate shows as one too many.
 */
async function emailsAbout(ref) {
  const { rows } = await server.db.query('SELECT message_id FROM outbox WHERE in_reply_to = $1', [ref]);
  const queued = new Set(rows.map((row) => bareMessageId(row.message_id)));
  await sink.waitForCount((email) => queued.has(bareMessageId(email.messageId)), queued.size,
    { what: `the ${queued.size} email(s) about ${ref}` });
  return sink.messages.filter((email) => email.inReplyTo === ref);
}

/** A member of Southampton with a display name nobody else has, so that @mentions find only them. */
async function newMember() {
  const displayName = `Mira ${uniqueWord('Zq')}`;
  const session = await addMember(server, { organisation: 'E06000045', sector: 'children', displayName });
  assert.equal(session.user.display_name, displayName);
  return session;
}

/** amira mentions `person` in a new discussion; resolves with the thread. */
async function mention(person) {
  return forum.createThread(amira, { body: `@${person.user.display_name} what does your team do about this?` });
}

/**
 * Proves that `person` got no email about `ref`: something that is emailed to them at once (tom answers a question
 * of theirs) is sent after it and waited for; one sender sends in order, so anything queued before it came first.
 */
async function expectNoEmailAbout(person, ref) {
  const question = await forum.createThread(person);
  await forum.reply(tom, question.id);
  const later = (await emailsAbout(threadRef(question.id))).filter(addressedTo(person.user.email));
  assert.equal(later.length, 1, 'the reply that proves the sender got this far is emailed');
  assert.deepEqual(sink.messages.filter((email) => email.inReplyTo === ref && addressedTo(person.user.email)(email))
    .map((email) => email.subject), [], `no email about ${ref}`);
  const { rows } = await server.db.query(
    'SELECT count(*)::int AS n FROM outbox WHERE in_reply_to = $1 AND lower(recipient) = lower($2)', [ref, person.user.email]);
  assert.equal(rows[0].n, 0, 'nothing queued either');
}

async function settings(session) {
  return (await call('GET', mailRoutes.settings, { auth: session, expect: 200 })).body;
}
const deliveryOf = (body, kind) => body.kinds.find((k) => k.kind === kind)?.delivery;

describe('a notification emailed at once', () => {
  it('goes once to the person mentioned, with the headers, parts and links a mail client needs; none to the author', async () => {
    const thread = await forum.createThread(tom, { sector: 'adults' });
    const started = Date.now();
    const word = uniqueWord();
    const post = await forum.reply(amira, thread.id, `@${grace.user.display_name} how does Southwark handle ${word}?`);
    const about = await emailsAbout(threadRef(thread.id));

    const toGrace = about.filter(addressedTo(grace.user.email));
    assert.equal(toGrace.length, 1, 'exactly one email to the person mentioned');
    assert.deepEqual(about.filter(addressedTo(amira.user.email)), [], 'none to the author of the post');
    assert.equal(about.filter(addressedTo(tom.user.email)).length, 1, 'the asker is emailed the reply');
    assert.equal(new Set(about.map((email) => email.messageId)).size, about.length, 'a Message-ID per email');

    const [email] = toGrace;
    assert.deepEqual(email.envelope, { from: mailFrom.address, to: [grace.user.email] });
    assert.deepEqual(email.from, mailFrom);
    assert.deepEqual(email.to, [{ name: grace.user.display_name, address: grace.user.email }]);
    assert.equal(email.subject, `${amira.user.display_name} mentioned you in \u201c${thread.title}\u201d`);
    const head = email.raw.slice(0, email.raw.indexOf('\r\n\r\n'));
    assert.match(head, /^[\x20-\x7e\r\n\t]*$/, 'headers are 7-bit ASCII');
    assert.match(email.header('subject'), /=\?utf-8\?[bq]\?/i, 'the Subject is RFC 2047-encoded');
    assert.ok(Math.abs(email.date.getTime() - started) < 120_000, `Date ${email.header('date')}`);

    const { rows: [queued] } = await server.db.query(
      'SELECT message_id FROM outbox WHERE in_reply_to = $1 AND recipient = $2', [threadRef(thread.id), grace.user.email]);
    assert.equal(email.messageId, queued.message_id, 'the Message-ID of its outbox row');
    assert.match(email.messageId, /^<[^<>@\s]+@mail\.pswnet\.test>$/);
    assert.equal(email.header('auto-submitted'), 'auto-generated');
    assert.equal(email.inReplyTo, threadRef(thread.id));
    assert.deepEqual(email.references, [threadRef(thread.id)]);
    assert.match(email.header('reply-to'), new RegExp(`^<?reply\\+[0-9a-f]{32}@${replyDomain.replaceAll('.', '\\.')}>?$`));
    const unsubscribe = unsubscribeLinkOf(email);
    assert.match(unsubscribe.url, new RegExp(`^${origin}/api/v1/unsubscribe/[A-Za-z0-9_-]{16,}$`));
    assert.equal(email.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');

    assert.equal(email.contentType.value, 'multipart/alternative');
    const link = `${origin}/discussions/${thread.id}#post-${post.id}`;
    assert.ok(email.text.includes(link), `the text part links to the post: ${email.text}`);
    assert.ok(email.text.includes(word) && email.html.includes(word), 'both parts quote the post');
    assert.ok(email.html.includes(`href="${link}"`), 'the HTML part links to the post');
    // The footer opens the web client's page for the same token, which asks before unsubscribing.
    const page = `${origin}/unsubscribe/${unsubscribe.token}`;
    assert.ok(email.text.includes(page) && email.html.includes(`href="${page}"`), 'both parts link to unsubscribing');
    assert.ok(email.text.includes(`${origin}/settings/notifications`), 'and to the settings');

    const threads = sink.messages.filter((e) => e.inReplyTo === threadRef(thread.id)).map((e) => e.references[0]);
    assert.ok(threads.every((ref) => ref === threadRef(thread.id)), 'every email about the thread is in one mail thread');
  });

  it('quotes a new discussion\'s opening post to those it mentions, and an accepted answer to its author, under the thread\'s title', async () => {
    const member = await newMember();
    const asked = uniqueWord();
    const thread = await forum.createThread(amira, { body: `@${member.user.display_name} how does your team ${asked}?` });
    const answered = uniqueWord();
    const answer = await forum.reply(member, thread.id, `We ${answered} every week.`);
    await call('POST', forumRoutes.accept, { id: thread.id, json: { post_id: answer.id }, auth: amira, expect: 200 });

    const toMember = (await emailsAbout(threadRef(thread.id))).filter(addressedTo(member.user.email));
    const titled = (what) => toMember.filter((email) => email.subject === `${amira.user.display_name} ${what} \u201c${thread.title}\u201d`);
    const [mentioned, accepted] = [titled('mentioned you in'), titled('accepted an answer to')];
    assert.equal(mentioned.length, 1, `one mention: ${toMember.map((email) => email.subject)}`);
    assert.equal(accepted.length, 1, `one acceptance: ${toMember.map((email) => email.subject)}`);
    assert.ok(mentioned[0].text.includes(asked) && mentioned[0].html.includes(asked), 'the mention quotes the opening post');
    assert.ok(accepted[0].text.includes(answered) && accepted[0].html.includes(answered), 'the acceptance quotes the answer');
    assert.ok(accepted[0].text.includes(`${origin}/discussions/${thread.id}#post-${answer.id}`), 'and links to it');
  });
});

describe('notification settings', () => {
  it('list every kind with its label, group, default and the digest time', async () => {
    const member = await newMember();
    const body = await settings(member);
    const kinds = Object.fromEntries(body.kinds.map((k) => [k.kind, k]));
    for (const kind of ['mention', 'reply', 'answer_accepted', 'audience_question', 'consultation_published',
      'consultation_reminder', 'consultation_closing']) {
      assert.equal(kinds[kind]?.default, 'immediate', kind);
    }
    for (const kind of ['announcement', 'consultation_outcome', 'resource_endorsed']) {
      assert.equal(kinds[kind]?.default, 'weekly', kind);
    }
    assert.deepEqual(body.kinds.filter((k) => k.fixed).map((k) => [k.kind, k.delivery, k.group]),
      [['account', 'immediate', 'Your account']], 'only notices about the account itself are fixed');
    for (const k of body.kinds) {
      assert.equal(k.delivery, k.default, `${k.kind} starts at its default`);
      assert.ok(k.label.length > 0 && k.group.length > 0, `${k.kind} has a label and a group`);
    }
    assert.deepEqual(body.digest, { hour: 8, day: 'monday' });
  });

  it('off: the mention is still shown in the app but not emailed', async () => {
    const member = await newMember();
    const saved = (await call('PUT', mailRoutes.settings, { auth: member, expect: 200,
      json: { kinds: [{ kind: 'mention', delivery: 'off' }], digest: { hour: 7, day: 'friday' } } })).body;
    assert.equal(deliveryOf(saved, 'mention'), 'off');
    assert.equal(deliveryOf(saved, 'reply'), 'immediate', 'the other kinds keep their default');
    assert.deepEqual(saved.digest, { hour: 7, day: 'friday' });
    assert.deepEqual(await settings(member), saved, 'the choice is kept');

    const thread = await mention(member);
    const told = (await forum.notifications(member)).items.filter((n) => n.subject.id === thread.id);
    assert.deepEqual(told.map((n) => n.kind), ['mention'], 'the notification itself is there');
    await expectNoEmailAbout(member, threadRef(thread.id));
  });

  it('weekly: nothing at once; kinds left out of a later choice go back to their default and are emailed again', async () => {
    const member = await newMember();
    await call('PUT', mailRoutes.settings, { auth: member, expect: 200,
      json: { kinds: [{ kind: 'mention', delivery: 'weekly' }], digest: { hour: 8, day: 'monday' } } });
    const weekly = await mention(member);
    await expectNoEmailAbout(member, threadRef(weekly.id));

    const back = (await call('PUT', mailRoutes.settings, { auth: member, expect: 200,
      json: { kinds: [], digest: { hour: 8, day: 'monday' } } })).body;
    assert.equal(deliveryOf(back, 'mention'), 'immediate');
    const again = await mention(member);
    const emailed = (await emailsAbout(threadRef(again.id))).filter(addressedTo(member.user.email));
    assert.equal(emailed.length, 1, 'the default (immediate) applies again');
  });

  it('refuse a bad choice with 422 naming each field, and change nothing', async () => {
    const member = await newMember();
    const digest = { hour: 8, day: 'monday' };
    const cases = [
      [{ kinds: [{ kind: 'bogus', delivery: 'off' }], digest }, ['kinds[0].kind']],
      [{ kinds: [{ kind: 'mention', delivery: 'sometimes' }], digest }, ['kinds[0].delivery']],
      [{ kinds: [{ kind: 'mention', delivery: 'off' }, { delivery: 'off' }], digest }, ['kinds[1].kind']],
      [{ kinds: [], digest: { hour: 24, day: 'monday' } }, ['digest.hour']],
      [{ kinds: [], digest: { hour: -1, day: 'monday' } }, ['digest.hour']],
      [{ kinds: [], digest: { hour: 8, day: 'someday' } }, ['digest.day']],
      [{ kinds: [{ kind: 'mention', delivery: 'off' }, { kind: 'reply', delivery: 'never' }], digest: { hour: 25, day: 'monday' } },
        ['kinds[1].delivery', 'digest.hour']],
      [{ digest }, ['kinds']],
      [{ kinds: [] }, ['digest']],
      [{ kinds: [{ kind: 'mention', delivery: 'off' }, { kind: 'account', delivery: 'off' }], digest },
        ['kinds[1].delivery']],
      [{ kinds: [{ kind: 'account', delivery: 'weekly' }], digest }, ['kinds[0].delivery']],
    ];
    const before = await settings(member);
    const snapshot = await databaseSnapshot(server.db);
    for (const [json, fields] of cases) {
      const res = await call('PUT', mailRoutes.settings, { auth: member, json });
      expectInvalidFields(res, fields);
    }
    assert.deepEqual(await databaseSnapshot(server.db), snapshot, 'a refused choice stores nothing');
    assert.deepEqual(await settings(member), before);
    assert.equal((await call('PUT', mailRoutes.settings, { auth: member, expect: 200,
      json: { kinds: [{ kind: 'account', delivery: 'immediate' }], digest } })).body.kinds
      .find((k) => k.kind === 'account').delivery, 'immediate', 'a fixed kind may be sent as it is');
  });
});

describe('one-click unsubscribe', () => {
  it('from a mail client, signed out: turns that kind off, and the next mention is not emailed', async () => {
    const member = await newMember();
    const first = await mention(member);
    const [email] = (await emailsAbout(threadRef(first.id))).filter(addressedTo(member.user.email));
    assert.ok(email, 'the first mention is emailed');
    const link = unsubscribeLinkOf(email);
    const label = (await settings(member)).kinds.find((k) => k.kind === 'mention').label;

    const shown = await request(server.baseUrl, 'GET', link.path);
    assert.deepEqual(expectDocumented(shown, 'GET', mailRoutes.unsubscribe), { kind: 'mention', label, unsubscribed: false });
    assert.equal(deliveryOf(await settings(member), 'mention'), 'immediate', 'looking at the link changes nothing');

    // RFC 8058: no cookie, no CSRF token, a form body.
    const res = await request(server.baseUrl, 'POST', link.path, { body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(expectDocumented(res, 'POST', mailRoutes.unsubscribe), { kind: 'mention', label, unsubscribed: true });
    const now = await settings(member);
    assert.equal(deliveryOf(now, 'mention'), 'off');
    assert.equal(deliveryOf(now, 'reply'), 'immediate', 'only that kind');

    const second = await mention(member);
    await expectNoEmailAbout(member, threadRef(second.id));
  });

  it('of one notice to several people: each email carries its own links, and each unsubscribes its own person', async () => {
    const [first, second] = [await newMember(), await newMember()];
    const thread = await forum.createThread(amira, {
      body: `@${first.user.display_name} and @${second.user.display_name}, what do your teams do about this?` });
    const about = await emailsAbout(threadRef(thread.id));
    const [toFirst, toSecond] = [first, second].map((person) => {
      const emails = about.filter(addressedTo(person.user.email));
      assert.equal(emails.length, 1, `one email to ${person.user.display_name}`);
      return emails[0];
    });
    assert.notEqual(unsubscribeLinkOf(toFirst).token, unsubscribeLinkOf(toSecond).token);
    assert.notEqual(toFirst.header('reply-to'), toSecond.header('reply-to'));
    const { rows: tokens } = await server.db.query(`SELECT user_id::int, purpose, count(*)::int AS n FROM mail_tokens
      WHERE user_id = ANY($1) GROUP BY user_id, purpose ORDER BY user_id, purpose`, [[first.user.id, second.user.id]]);
    assert.deepEqual(tokens, [first, second].flatMap((person) => [
      { user_id: person.user.id, purpose: 'reply', n: 1 }, { user_id: person.user.id, purpose: 'unsubscribe', n: 1 }]));

    const res = await request(server.baseUrl, 'POST', unsubscribeLinkOf(toFirst).path, { body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(deliveryOf(await settings(first), 'mention'), 'off');
    assert.equal(deliveryOf(await settings(second), 'mention'), 'immediate', 'the other person\'s choice is theirs');
  });

  it('of a reply to more followers than one statement queues (200): every follower has one email and its own links', async () => {
    const thread = await forum.createThread(amira);
    const domain = `${uniqueWord('followers')}.example.test.pswnet.uk`;
    const { rows: followers } = await server.db.query(`
      WITH made AS (
          INSERT INTO users (email, display_name, password_hash, organisation_id, sector, roles)
          SELECT 'follower' || g || '@' || $2, 'Invented Follower ' || g, 'not a password hash', o.id, 'children',
                 ARRAY['member']
          FROM generate_series(1, 201) g CROSS JOIN (SELECT id FROM organisations WHERE code = 'E06000045') o
          RETURNING id, email),
      wanted AS (INSERT INTO notification_settings (user_id, kind, delivery) SELECT id, 'reply', 'immediate' FROM made),
      following AS (INSERT INTO thread_subscriptions (thread_id, user_id) SELECT $1, id FROM made)
      SELECT id::int, email FROM made`, [thread.id, domain]);
    await forum.reply(tom, thread.id);

    const about = await emailsAbout(threadRef(thread.id));
    const toFollowers = about.filter((email) => email.to.some((to) => to.address.endsWith(`@${domain}`)));
    assert.equal(toFollowers.length, 201);
    for (const { email } of followers)
      assert.equal(toFollowers.filter(addressedTo(email)).length, 1, `one email to ${email}`);
    const links = toFollowers.map(unsubscribeLinkOf);
    assert.equal(new Set(links.map((link) => link.token)).size, 201, 'each email its own unsubscribe link');
    assert.equal(new Set(toFollowers.map((email) => email.header('reply-to'))).size, 201, 'and its own reply address');
    const { rows: tokens } = await server.db.query(`SELECT purpose, count(DISTINCT user_id)::int AS people,
      count(*)::int AS n FROM mail_tokens WHERE user_id = ANY($1) GROUP BY purpose ORDER BY purpose`,
    [followers.map((follower) => follower.id)]);
    assert.deepEqual(tokens, [{ purpose: 'reply', people: 201, n: 201 }, { purpose: 'unsubscribe', people: 201, n: 201 }]);
    for (const link of [links[0], links[200]]) {
      const shown = await request(server.baseUrl, 'GET', link.path);
      assert.equal(shown.status, 200, shown.text);
      assert.equal(shown.body.kind, 'reply');
    }
  });

  it('answers 404 for a token it does not know', async () => {
    for (const token of ['0123456789abcdef0123456789abcdef', 'not-a-token']) {
      const path = `/api/v1/unsubscribe/${token}`;
      const shown = await request(server.baseUrl, 'GET', path);
      expectProblem(shown, 404);
      expectDocumented(shown, 'GET', mailRoutes.unsubscribe);
      const res = await request(server.baseUrl, 'POST', path, { body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expectProblem(res, 404);
      expectDocumented(res, 'POST', mailRoutes.unsubscribe);
    }
  });
});

describe('the outbox for administrators', () => {
  /** Waits until the sender has nothing queued, so that the counts stand still. */
  const allSent = () => pollUntil(async () => (await server.db.query(
    "SELECT count(*)::int AS n FROM outbox WHERE status = 'queued'")).rows[0].n === 0,
  { timeoutMs: 20_000, intervalMs: 100, what: 'an empty queue' });

  it('is refused to members (403) and shows a network administrator every email and the counts', async () => {
    const thread = await forum.createThread(tom, { sector: 'adults' });
    await forum.reply(grace, thread.id);
    await emailsAbout(threadRef(thread.id));
    await allSent();

    expectProblem(await call('GET', mailRoutes.outbox, { auth: amira }), 403);
    expectProblem(await call('GET', mailRoutes.outbox, { auth: grace }), 403); // an org_admin is not enough
    const page = (await call('GET', mailRoutes.outbox, { auth: sam, query: { limit: 100 }, expect: 200 })).body;
    const { rows } = await server.db.query('SELECT status, count(*)::int AS n FROM outbox GROUP BY status');
    const counts = { queued: 0, sent: 0, failed: 0, ...Object.fromEntries(rows.map((row) => [row.status, row.n])) };
    assert.deepEqual(page.counts, counts);
    const { rows: newest } = await server.db.query('SELECT id::int FROM outbox ORDER BY id DESC LIMIT 1');
    assert.equal(page.items[0].id, newest[0].id, 'newest first');
    const toTom = page.items.find((item) => item.recipient === tom.user.email && item.kind === 'reply');
    assert.ok(toTom, 'the reply emailed to tom is listed');
    assert.equal(toTom.status, 'sent');
    assert.equal(toTom.attempts, 1);
    assert.ok(toTom.sent_at);
    assert.equal(toTom.last_error, null);
    assert.equal(toTom.next_attempt_at, null);
    assert.equal(toTom.subject, `${grace.user.display_name} replied to \u201c${thread.title}\u201d`);

    const sentOnly = (await call('GET', mailRoutes.outbox, { auth: sam, query: { status: 'sent' }, expect: 200 })).body;
    assert.ok(sentOnly.items.length > 0 && sentOnly.items.every((item) => item.status === 'sent'));
    assert.deepEqual((await call('GET', mailRoutes.outbox, { auth: sam, query: { status: 'failed' }, expect: 200 })).body.items, []);
    expectInvalidFields(await call('GET', mailRoutes.outbox, { auth: sam, query: { status: 'bogus' } }), ['status']);
  });
});

describe('invitations by email', () => {
  it('send the accept link to the person invited, keep it out of the log, and out of the outbox once sent', async () => {
    const email = newEmail('mailed');
    const res = await forum.api.post(INVITATIONS, invitationFor(email, grace.user.organisation.id), { auth: grace });
    assert.equal(res.status, 201, res.text);
    const token = await invitationTokenFor(server, email, { sink });
    assert.equal((await forum.api.get(`${INVITATIONS}/${token}`)).status, 200, 'the emailed link works');

    const [sent] = sink.messages.filter(addressedTo(email));
    assert.deepEqual(sink.messages.filter(addressedTo(email)).length, 1);
    assert.deepEqual(sent.envelope, { from: mailFrom.address, to: [email] });
    assert.equal(sent.subject, 'You are invited to PSW Network');
    assert.equal(sent.contentType.value, 'multipart/alternative');
    assert.ok(sent.text.includes(`${origin}/invitations/${token}`), sent.text);
    assert.ok(sent.html.includes(`href="${origin}/invitations/${token}"`), 'the HTML part links to it too');
    assert.equal(sent.header('list-unsubscribe'), undefined, 'no unsubscribing from an invitation');
    assert.equal(sent.header('reply-to'), undefined);
    assert.equal(sent.header('auto-submitted'), 'auto-generated');

    const rows = await settledEmailsTo(server.db, email);
    assert.deepEqual(rows.map((row) => [row.kind, row.status, row.text_body, row.html_body]), [['invitation', 'sent', '', '']]);
    assert.deepEqual(await tablesContaining(server.db, token), [], 'no table holds the link once it is sent');
    assert.ok(!server.logs().includes(token), 'no log line holds the link');
  });
});
