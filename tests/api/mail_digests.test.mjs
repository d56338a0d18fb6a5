// Email digests end to end: `pswnet digests run --at TIME` puts into the outbox, for each person whose digest
// period has begun (their hour, Europe/London; their weekday for weekly ones), one summary of what they chose to
// hear of in it, and only when there is something to say; running again, or on two processes at once, sends no
// second one. Against the real pswnet and PostgreSQL, with the emails written to the server's mail folder.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoUsers } from '../support/api.mjs';
import { forumClient, signInDemoUsers, uniqueWord } from '../support/forum.mjs';
import { addressedTo, mailRoutes, waitForEmail } from '../support/mail.mjs';
import { runPswnet, startServer } from '../support/server.mjs';

let server, forum, amira, tom, grace;
before(async () => {
  server = await startServer({ args: ['--digest-check-seconds', '0'] });
  forum = forumClient(server.baseUrl);
  ({ amira, tom, grace } = await signInDemoUsers(server.baseUrl));
});
after(async () => server?.stop());

/** Every kind at its default except `changes`, summaries at `hour` on `day`. */
async function choose(session, changes, { hour = 0, day = 'monday' } = {}) {
  const current = (await forum.call('GET', mailRoutes.settings, { auth: session, expect: 200 })).body;
  const kinds = current.kinds.map(({ kind }) => ({ kind, delivery: changes[kind] ?? current.kinds.find((k) => k.kind === kind).default }));
  await forum.call('PUT', mailRoutes.settings, { auth: session, json: { kinds, digest: { hour, day } }, expect: 200 });
}

/** A moment in Europe/London, `days` from today at hh:mm, as RFC 3339 (PostgreSQL knows the offsets). */
async function london(days, hh, mm = 0) {
  const { rows: [{ at }] } = await server.db.query(
    `SELECT rfc3339((date_trunc('day', now() AT TIME ZONE 'Europe/London')
                     + make_interval(days => $1, hours => $2, mins => $3)) AT TIME ZONE 'Europe/London') AS at`,
    [days, hh, mm]);
  return at;
}

function runDigests(at) {
  return runPswnet(['digests', 'run', '--at', at], { env: { PSWNET_DATABASE_URL: server.databaseUrl } });
}

async function digestRows(userId, period) {
  const { rows } = await server.db.query(
    'SELECT rfc3339(period_start) AS start, outbox_id FROM digests WHERE user_id = $1 AND period = $2 ORDER BY period_start',
    [userId, period]);
  return rows;
}

const dailyTo = (address) => (e) => addressedTo(address)(e) && e.subject === 'Your daily PSW Network summary';

describe('email digests', () => {
  it('sends one daily summary of the replies a person chose to hear of daily, and none at once', async () => {
    await choose(amira, { reply: 'daily' }, { hour: 0 });
    const thread = await forum.createThread(amira);
    const answer = `Fortnightly ${uniqueWord()} reviews.`;
    await forum.reply(grace, thread.id, answer);
    // At once: nothing to amira about it (the reply is for her digest). Her own activity was written in the same
    // transaction as its outbox rows, which the request waited for: the outbox is complete now.
    const { rows } = await server.db.query(
      "SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND kind = 'reply'", [demoUsers.amira]);
    assert.equal(rows[0].n, 0);

    const at = await london(1, 0, 30); // tomorrow 00:30: today's period, from midnight, is over
    const run = await runDigests(at);
    assert.equal(run.code, 0, run.stderr);
    const digest = await waitForEmail(server.mailDir, dailyTo(demoUsers.amira), { what: "amira's daily digest" });
    assert.match(digest.text, /Grace Oduya replied to/);
    assert.match(digest.text, new RegExp(`/discussions/${thread.id}#post-\\d+`));
    assert.match(digest.html, /<h2[^>]*>Discussions<\/h2>/);
    assert.ok(digest.header('list-unsubscribe'), 'a digest can be unsubscribed from in one click');
    assert.equal(digest.header('auto-submitted'), 'auto-generated');
    const periods = await digestRows(amira.user.id, 'daily');
    assert.equal(periods.length, 1);
    assert.equal(periods[0].start, await london(1, 0));
  });

  it('sends exactly one per person and period, however often and wherever it runs', async () => {
    const at = await london(1, 0, 45);
    const runs = await Promise.all([runDigests(at), runDigests(at), runDigests(at)]);
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    assert.equal((await digestRows(amira.user.id, 'daily')).length, 1);
    const { rows } = await server.db.query(
      "SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND kind = 'digest_daily'", [demoUsers.amira]);
    assert.equal(rows[0].n, 1);
  });

  it('sends nothing when there is nothing to say', async () => {
    await choose(tom, { reply: 'daily', mention: 'daily' }, { hour: 0 });
    const run = await runDigests(await london(2, 0, 30));
    assert.equal(run.code, 0, run.stderr);
    const handled = await digestRows(tom.user.id, 'daily');
    assert.ok(handled.length >= 1, 'the period was looked at');
    assert.ok(handled.every((row) => row.outbox_id === null), 'and no email was queued');
    const { rows } = await server.db.query(
      "SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND kind LIKE 'digest%'", [demoUsers.tom]);
    assert.equal(rows[0].n, 0);
  });

  it('waits for the hour the person chose, in Europe/London', async () => {
    await choose(grace, { reply: 'daily' }, { hour: 18 });
    const thread = await forum.createThread(grace);
    await forum.reply(amira, thread.id, `We ${uniqueWord()} it.`);
    const before = (await digestRows(grace.user.id, 'daily')).length;
    // Two days on at 17:59 London: the period that began the day before at 18:00 is due, not the one at 18:00 that day.
    const run = await runDigests(await london(2, 17, 59));
    assert.equal(run.code, 0, run.stderr);
    const periods = await digestRows(grace.user.id, 'daily');
    assert.equal(periods.length, before + 1);
    assert.equal(periods.at(-1).start, await london(1, 18));
  });

  it('refuses a time that is not RFC 3339', async () => {
    const run = await runPswnet(['digests', 'run', '--at', 'tomorrow'], { env: { PSWNET_DATABASE_URL: server.databaseUrl } });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /RFC 3339/);
  });
});
