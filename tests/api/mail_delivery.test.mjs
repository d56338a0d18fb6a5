// Email end to end, how it is sent: a mail server that says "try again later" gets the email once when it takes it,
// one that refuses it for good (or too often) leaves it failed with the reason, two instances on one database send
// each email once, an SMTP server that is not there leaves the email queued and tried again, and with no SMTP server
// the emails are .eml files in the folder pswnet names when it starts. Against the real pswnet and real SMTP servers
// (support/mail.mjs); each email here is an invitation, the one email a request sends to a single new address.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { client, demoUsers, signIn } from '../support/api.mjs';
import { invitationTokenFor, settledEmailsTo } from '../support/database.mjs';
import { INVITATIONS, invitationFor, newEmail } from '../support/identity.mjs';
import {
  addressedTo, bareMessageId, mailRoutes, readMailDir, startSmtpSink, waitForEmail, withMessageId,
} from '../support/mail.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { pollUntil, startServer } from '../support/server.mjs';

/** Invites a new address to Southwark through `server` as grace; resolves with the address. */
async function invite(server, grace, email = newEmail('mail')) {
  const res = await client(server.baseUrl).post(INVITATIONS, invitationFor(email, grace.user.organisation.id), { auth: grace });
  assert.equal(res.status, 201, res.text);
  return email;
}

/** The outbox row of the one email to `email`, once it satisfies `check` (polled: the sender tells no one). */
async function outboxRowTo(server, email, check, what) {
  return pollUntil(async () => {
    const { rows } = await server.db.query('SELECT id::int, status, attempts, last_error, message_id, next_attempt_at ' +
      'FROM outbox WHERE recipient = $1', [email]);
    assert.ok(rows.length <= 1, `one outbox row to ${email}`);
    return rows.length === 1 && check(rows[0]) ? rows[0] : null;
  }, { timeoutMs: 20_000, intervalMs: 100, what: `the email to ${email} ${what}` });
}

describe('an SMTP server that refuses', () => {
  let sink, server, grace;
  before(async () => {
    sink = await startSmtpSink();
    server = await startServer({ args: ['--smtp-url', sink.url, '--mail-retry-seconds', '1', '--mail-attempts', '2'] });
    grace = await signIn(server.baseUrl, demoUsers.grace);
  });
  after(async () => {
    await server?.stop();
    await sink?.close();
  });

  it('names the SMTP server it sends to when it starts', () => {
    assert.match(server.logs(), new RegExp(`^mail: smtp://127\\.0\\.0\\.1:${sink.port}$`, 'm'));
    assert.equal(server.mailDir, undefined);
  });

  it('wakes the senders of every instance as an email is queued: a NOTIFY on pswnet_outbox when it commits',
    async () => {
      const listening = await server.db.connect();
      const wakes = [];
      listening.on('notification', (n) => wakes.push(n.channel));
      try {
        await listening.query('LISTEN pswnet_outbox');
        const email = await invite(server, grace);
        await pollUntil(async () => wakes.length > 0, { timeoutMs: 20_000, intervalMs: 20, what: 'a wake on pswnet_outbox' });
        assert.deepEqual(wakes, ['pswnet_outbox'], 'one wake for the one email');
        await sink.waitForCount(addressedTo(email), 1);
      } finally {
        await listening.query('UNLISTEN *');
        listening.release();
      }
    });

  it('for now (451) is sent the email again, and takes it exactly once', async () => {
    const email = newEmail('greylisted');
    sink.refuseNext(1, 451, addressedTo(email));
    await invite(server, grace, email);
    const [refused] = await sink.waitForRefused(addressedTo(email), 1);
    const [delivered] = await sink.waitForCount(addressedTo(email), 1);
    assert.equal(refused.code, 451);
    assert.equal(delivered.messageId, refused.messageId, 'the same email, not a new one');
    const [row] = await settledEmailsTo(server.db, email);
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 2);
    assert.equal(row.last_error, null, 'the reason goes once it is sent');
    assert.equal(bareMessageId(row.message_id), bareMessageId(delivered.messageId));
    assert.equal(sink.messages.filter(addressedTo(email)).length, 1, 'taken once');
    assert.match(server.logs(), new RegExp(`email ${row.id} \\(invitation\\) not sent, trying again in 1 s: .*451`));
  });

  it('for good (550) leaves the email failed with the reason, after one attempt', async () => {
    const email = newEmail('unknown');
    sink.refuseAll(550, addressedTo(email));
    await invite(server, grace, email);
    const row = await outboxRowTo(server, email, (r) => r.status !== 'queued', 'failed');
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 1);
    assert.match(row.last_error, /550/);
    assert.equal(sink.refused.filter(addressedTo(email)).length, 1, 'tried once');
    assert.deepEqual(sink.messages.filter(addressedTo(email)), []);
    const [settled] = await settledEmailsTo(server.db, email);
    assert.deepEqual([settled.text_body, settled.html_body], ['', ''], 'a failed email keeps no words either');
    sink.acceptAll();

    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const failed = expectDocumented(await client(server.baseUrl).get(`${mailRoutes.outbox}?status=failed`, { auth: sam }),
      'GET', mailRoutes.outbox);
    const listed = failed.items.find((item) => item.recipient === email);
    assert.ok(listed, 'the administrators see it among the failed');
    assert.match(listed.last_error, /550/);
    assert.ok(failed.counts.failed >= 1);
  });

  it('for now, as often as --mail-attempts allows, leaves the email failed', async () => {
    const email = newEmail('full');
    sink.refuseNext(2, 451, addressedTo(email));
    await invite(server, grace, email);
    const row = await outboxRowTo(server, email, (r) => r.status !== 'queued', 'failed');
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 2);
    assert.match(row.last_error, /451/);
    assert.equal(sink.refused.filter(addressedTo(email)).length, 2, 'tried twice');
    assert.deepEqual(sink.messages.filter(addressedTo(email)), []);
    assert.match(server.logs(), new RegExp(`email ${row.id} \\(invitation\\) failed after 2 attempt\\(s\\)`));
  });

  it('two instances on one database send each email once, both sending', async () => {
    const second = await startServer({ shareDatabaseWith: server, args: ['--smtp-url', sink.url] });
    try {
      const grace2 = await signIn(second.baseUrl, demoUsers.grace);
      const emails = Array.from({ length: 6 }, () => newEmail('twice'));
      const ours = (message) => emails.some((email) => addressedTo(email)(message));
      // The first email is held by the mail server, so the instance sending it waits, its row locked: every other
      // email must then go through the other instance, which skips the locked row rather than sending it too.
      const held = sink.holdNext(ours);
      await Promise.all(emails.map((email, i) => (i % 2 ? invite(second, grace2, email) : invite(server, grace, email))));
      const first = await held.received;
      await sink.waitForCount((message) => ours(message) && message.messageId !== first.messageId, emails.length - 1,
        { what: 'the other emails, sent by the other instance meanwhile' });
      held.release();
      await sink.waitForCount(ours, emails.length);

      const rows = (await Promise.all(emails.map((email) => settledEmailsTo(server.db, email)))).flat();
      assert.deepEqual(rows.map((row) => row.status), emails.map(() => 'sent'));
      const received = sink.messages.filter(ours);
      assert.equal(received.length, rows.length, 'as many emails as outbox rows');
      assert.deepEqual(received.map((m) => bareMessageId(m.messageId)).sort(),
        rows.map((row) => bareMessageId(row.message_id)).sort(), 'each Message-ID once');
      const allIds = sink.messages.map((m) => m.messageId);
      assert.equal(new Set(allIds).size, allIds.length, 'no Message-ID twice, ever');

      const sentBy = (instance) => rows.filter((row) =>
        new RegExp(`email ${row.id} \\(invitation\\) sent`).test(instance.logs())).length;
      assert.equal(sentBy(server) + sentBy(second), rows.length, 'each email sent by one instance');
      assert.ok(sentBy(server) >= 1 && sentBy(second) >= 1, `both instances sent: ${sentBy(server)} and ${sentBy(second)}`);
    } finally {
      await second.stop();
    }
  });
});

describe('an SMTP server that is not there', () => {
  let port, server, sink;
  before(async () => {
    // A port nothing listens on: taken from the system, then let go.
    const probe = createServer();
    await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
    port = probe.address().port;
    await new Promise((resolve) => probe.close(resolve));
    server = await startServer({ args: ['--smtp-url', `smtp://127.0.0.1:${port}`, '--mail-retry-seconds', '1'] });
  });
  after(async () => {
    await server?.stop();
    await sink?.close();
  });

  it('leaves the email queued with the reason, tries again later, and sends it once the server is back', async () => {
    const grace = await signIn(server.baseUrl, demoUsers.grace);
    const email = await invite(server, grace);
    const tried = await outboxRowTo(server, email, (r) => r.attempts >= 2, 'tried twice');
    assert.equal(tried.status, 'queued', 'a connection refused is a temporary failure');
    assert.ok(tried.last_error, 'with the reason');
    assert.ok(tried.next_attempt_at > new Date(Date.now() - 60_000), 'and a time to try again');

    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const queued = expectDocumented(await client(server.baseUrl).get(`${mailRoutes.outbox}?status=queued`, { auth: sam }),
      'GET', mailRoutes.outbox);
    const listed = queued.items.find((item) => item.recipient === email);
    assert.ok(listed?.last_error && listed.next_attempt_at && listed.attempts >= 2, JSON.stringify(listed));

    sink = await startSmtpSink({ port });
    const token = await invitationTokenFor(server, email, { sink, timeoutMs: 40_000 }); // at the next retry
    assert.ok(token);
    const [row] = await settledEmailsTo(server.db, email);
    assert.equal(row.status, 'sent');
    assert.equal(sink.messages.filter(addressedTo(email)).length, 1);
  });
});

describe('no SMTP server', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(() => server?.stop());

  it('writes each email as an .eml file to the folder it names when it starts', async () => {
    assert.ok(server.mailDir, 'startServer gives each server a mail folder');
    assert.match(server.logs(), new RegExp(`^mail: files in ${server.mailDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const grace = await signIn(server.baseUrl, demoUsers.grace);
    const email = await invite(server, grace);
    const [row] = await settledEmailsTo(server.db, email);
    const file = await waitForEmail(server.mailDir, withMessageId(row.message_id));
    assert.ok(file.file.endsWith('.eml'));
    assert.deepEqual(file.to.map((to) => to.address), [email]);
    assert.equal(file.subject, 'You are invited to PSW Network');
    assert.ok(await invitationTokenFor(server, email), 'the accept link is in the file');
    assert.deepEqual((await readMailDir(server.mailDir)).filter(addressedTo(email)).length, 1);
  });
});
