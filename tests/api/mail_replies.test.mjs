// Replies by email end to end: a notification email carries a reply+TOKEN address; `pswnet mail receive`, as an
// MTA's pipe runs it, posts the new text of a reply as its person, answers with an explanation when it cannot
// (personal data, another sender, nothing new, an unknown or expired address), ignores what machines write, and
// exits 75 when the database is down so that the MTA tries again. Against the real pswnet and PostgreSQL, with the
// emails written to the server's mail folder.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoUsers } from '../support/api.mjs';
import { forumClient, signInDemoUsers, uniqueWord } from '../support/forum.mjs';
import { libraryClient, newResource, routes as libraryRoutes } from '../support/library.mjs';
import { addressedTo, waitForEmail, waitForEmails } from '../support/mail.mjs';
import { runPswnet, startServer } from '../support/server.mjs';

const replyDomain = 'reply.pswnet.test';
const validNhs = '943 476 5919'; // a valid check digit: the personal-data guard refuses it

let server, forum, library, amira, tom, grace;
before(async () => {
  server = await startServer({ args: ['--reply-domain', replyDomain, '--digest-check-seconds', '0'] });
  forum = forumClient(server.baseUrl);
  library = libraryClient(server.baseUrl);
  ({ amira, tom, grace } = await signInDemoUsers(server.baseUrl));
});
after(async () => server?.stop());

/** amira asks; grace answers; resolves with {thread, token} of the email that tells amira, and that email. */
async function amiraIsToldOfAReply() {
  const thread = await forum.createThread(amira);
  const answer = `We review it every ${uniqueWord()} quarter.`;
  await forum.reply(grace, thread.id, answer);
  const email = await waitForEmail(server.mailDir,
    (e) => addressedTo(demoUsers.amira)(e) && e.text.includes(answer), { what: 'the reply notification to amira' });
  const replyTo = email.header('reply-to');
  const match = replyTo?.match(/reply\+([0-9a-f]{32})@(.+)$/);
  assert.ok(match, `Reply-To is a reply address: ${replyTo}`);
  assert.equal(match[2], replyDomain);
  return { thread, token: match[1], email };
}

function replyEmail({ token, from = demoUsers.amira, body, headers = '' }) {
  return [`From: Amira <${from}>`, `To: PSW Network <reply+${token}@${replyDomain}>`,
    `Delivered-To: reply+${token}@${replyDomain}`, 'Subject: Re: your question', `Message-ID: <${uniqueWord()}@mail.test>`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', ...(headers ? [headers] : []), '', body]
    .join('\r\n');
}

function receive(raw, env = {}) {
  return runPswnet(['mail', 'receive'], {
    env: { PSWNET_DATABASE_URL: server.databaseUrl, PSWNET_REPLY_DOMAIN: replyDomain, ...env }, input: raw });
}

async function postsOf(threadId) {
  const { rows } = await server.db.query(
    'SELECT p.body_markdown, p.author_id FROM posts p WHERE p.thread_id = $1 ORDER BY p.id', [threadId]);
  return rows;
}

describe('replies by email', () => {
  it('posts the new text of a reply, without the quoted message or the signature, as the person it was sent to', async () => {
    const { thread, token } = await amiraIsToldOfAReply();
    const words = `Monthly ${uniqueWord()} here, with a panel.`;
    const result = await receive(replyEmail({ token,
      body: `${words}\r\n\r\nOn Tue, 1 Dec 2026, PSW Network wrote:\r\n> We review it every quarter.\r\n\r\n-- \r\nAmira\r\n` }));
    assert.equal(result.code, 0, result.stderr);
    const posts = await postsOf(thread.id);
    assert.equal(posts.at(-1).body_markdown, words);
    assert.equal(Number(posts.at(-1).author_id), amira.user.id);
    // grace follows the thread she answered, so she hears of it, by email too.
    await waitForEmail(server.mailDir, (e) => addressedTo(demoUsers.grace)(e) && e.text.includes(words),
      { what: 'the notification of the reply by email to grace' });
  });

  it('refuses a reply holding an NHS number, and tells its sender why by email', async () => {
    const { thread, token } = await amiraIsToldOfAReply();
    const before = await postsOf(thread.id);
    const result = await receive(replyEmail({ token, body: `The child's NHS number is ${validNhs}.` }));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await postsOf(thread.id), before, 'nothing was posted');
    const refusal = await waitForEmail(server.mailDir,
      (e) => addressedTo(demoUsers.amira)(e) && e.subject.startsWith('Your reply was not posted'),
      { what: 'the refusal to amira' });
    assert.match(refusal.text, /NHS number/);
    assert.ok(!refusal.text.includes(validNhs), 'the refusal does not repeat the number');
    assert.ok(!result.stderr.includes(validNhs) && !server.logs().includes(validNhs), 'no log line holds it');
  });

  it('ignores an out-of-office reply and a bounce: nothing posted, nothing sent back', async () => {
    const { thread, token } = await amiraIsToldOfAReply();
    const before = await postsOf(thread.id);
    const { rows: [{ count: outboxBefore }] } = await server.db.query('SELECT count(*) FROM outbox');
    for (const headers of ['Auto-Submitted: auto-replied', 'Precedence: bulk', 'Return-Path: <>']) {
      const result = await receive(replyEmail({ token, headers, body: 'I am out of the office until Monday.' }));
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /ignored an automatic message/);
    }
    assert.deepEqual(await postsOf(thread.id), before);
    const { rows: [{ count: outboxAfter }] } = await server.db.query('SELECT count(*) FROM outbox');
    assert.equal(outboxAfter, outboxBefore, 'no email answers a machine');
  });

  it('refuses a reply from another address than the one written to, and one with no new text', async () => {
    const { thread, token } = await amiraIsToldOfAReply();
    const before = await postsOf(thread.id);
    const forged = await receive(replyEmail({ token, from: 'someone@elsewhere.example', body: 'Posting as Amira.' }));
    assert.equal(forged.code, 0, forged.stderr);
    const empty = await receive(replyEmail({ token, body: '> only the quoted message\r\n' }));
    assert.equal(empty.code, 0, empty.stderr);
    assert.deepEqual(await postsOf(thread.id), before);
    const refusals = await waitForEmails(server.mailDir,
      (e) => addressedTo(demoUsers.amira)(e) && e.subject.startsWith('Your reply was not posted') &&
        e.inReplyTo !== undefined && (/another address/.test(e.text) || /no text of yours/.test(e.text)), 2,
      { what: 'two refusals to amira' });
    assert.equal(refusals.length, 2);
  });

  it('ignores an unknown or expired reply address', async () => {
    const { thread, token } = await amiraIsToldOfAReply();
    const before = await postsOf(thread.id);
    const unknown = await receive(replyEmail({ token: 'f'.repeat(32), body: 'Hello' }));
    assert.equal(unknown.code, 0);
    assert.match(unknown.stderr, /unknown or has expired/);
    await server.db.query("UPDATE mail_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'reply'");
    const expired = await receive(replyEmail({ token, body: 'Too late?' }));
    assert.equal(expired.code, 0);
    assert.match(expired.stderr, /unknown or has expired/);
    assert.deepEqual(await postsOf(thread.id), before);
  });

  it('exits 75 when the database is unavailable, so that the mail server tries again', async () => {
    const result = await receive(replyEmail({ token: 'a'.repeat(32), body: 'Hello' }),
      { PSWNET_DATABASE_URL: 'host=127.0.0.1 port=1 dbname=nowhere connect_timeout=2' });
    assert.equal(result.code, 75, `${result.stdout}${result.stderr}`);
  });

  it("tells a resource's author of a discussion about it, who can answer it by email", async () => {
    const resource = await library.create(amira, newResource());
    const title = `Do you use it for ${uniqueWord()} students?`;
    const started = await library.call('POST', libraryRoutes.threads, { id: resource.id, auth: tom, expect: 201,
      json: { title, body: 'We are looking at adopting it.' } });
    const threadId = started.body.thread_id;
    const email = await waitForEmail(server.mailDir, (e) => addressedTo(demoUsers.amira)(e) && e.subject.includes(title),
      { what: 'the resource_discussed email to amira' });
    assert.match(email.subject, /started a discussion about a resource you shared/);
    const token = email.header('reply-to').match(/reply\+([0-9a-f]{32})@/)[1];
    const words = `Yes, for ${uniqueWord()} placements.`;
    const result = await receive(replyEmail({ token, body: words }));
    assert.equal(result.code, 0, result.stderr);
    assert.equal((await postsOf(threadId)).at(-1).body_markdown, words);
  });

  it('ignores input that is not an email', async () => {
    const result = await receive('');
    assert.equal(result.code, 0, result.stderr);
  });
});
