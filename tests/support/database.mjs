// Looks into a test server's database: "nothing changed" snapshots, invitation links (from the emails the outbox
// sent), and searches for secrets that must only be stored as hashes. Written against table names only where the
// contract names them.
import assert from 'node:assert/strict';
import { mailTimeoutMs, waitForEmail, withMessageId } from './mail.mjs';
import { pollUntil, serverOfPool } from './server.mjs';

function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The names of the tables in the public schema. */
export async function tableNames(db) {
  const { rows } = await db.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' " +
    'ORDER BY table_name');
  return rows.map((row) => row.table_name);
}

// Tables that change as a side effect of signing in and using a session (last seen, failed attempts); a snapshot
// counts their rows but does not compare their contents.
const sessionBookkeeping = /session|login|attempt|rate/i;

// Columns that pswnet changes on its own, whatever a request did: the outbox's sender delivers the emails queued
// by earlier requests in the background. A snapshot leaves them out; a new or removed row still shows.
const changingOnTheirOwn = {
  outbox: ['status', 'attempts', 'next_attempt_at', 'last_error', 'sent_at', 'text_body', 'html_body'],
};

/**
 * Tables that pswnet rewrites on its own, whatever a request did: every instance folds the changes to people's
 * unread counts into their counters each second (migration 0032). They follow from `notifications`, which a snapshot
 * compares in full.
 */
export const foldedInTheBackground = new Set(['notification_unread_changes', 'notification_unread_counts']);

/**
 * A comparable picture of the database: every table's rows (as JSON text, sorted), except session bookkeeping
 * tables, whose rows are only counted, the outbox's delivery columns, and the unread counts folded in the
 * background. Two snapshots deepEqual when a refused request changed nothing.
 */
export async function databaseSnapshot(db) {
  const snapshot = {};
  for (const table of await tableNames(db)) {
    if (foldedInTheBackground.has(table)) continue;
    const name = quoteIdentifier(table);
    if (sessionBookkeeping.test(table)) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${name}`);
      snapshot[table] = { rows: rows[0].n };
    } else {
      const leftOut = (changingOnTheirOwn[table] ?? []).map((column) => ` - '${column}'`).join('');
      const { rows } = await db.query(`SELECT (to_jsonb(t)${leftOut})::text AS row FROM ${name} t ORDER BY 1`);
      snapshot[table] = rows.map((row) => row.row);
    }
  }
  return snapshot;
}

/** The tables (other than `except`) in which some row contains `secret` as text. */
export async function tablesContaining(db, secret, { except = [] } = {}) {
  const found = [];
  for (const table of await tableNames(db)) {
    if (except.includes(table)) continue;
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM ${quoteIdentifier(table)} t WHERE strpos(row_to_json(t)::text, $1) > 0`, [secret]);
    if (rows[0].n > 0) found.push(table);
  }
  return found;
}

/** Row count of one table. */
export async function countRows(db, table) {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${quoteIdentifier(table)}`);
  return rows[0].n;
}

/** The audit log table (a table whose name contains "audit"); fails when there is none. */
export async function auditTable(db) {
  const table = (await tableNames(db)).find((name) => /audit/i.test(name));
  assert.ok(table, 'no audit log table (a table whose name contains "audit") in the database');
  return table;
}

/**
 * The outbox rows to `recipient` (of `kind`, when given), oldest first, once none is queued any more (each sent or
 * failed): the sender marks a row sent only after the mail server took it, in a transaction of its own, with no event
 * a test could wait on, so this asks every 100 ms. Resolves with [{id, kind, status, attempts, message_id,
 * last_error, text_body, html_body, sent_at}].
 */
export async function settledEmailsTo(db, recipient, { kind, timeoutMs = mailTimeoutMs } = {}) {
  return pollUntil(async () => {
    const { rows } = await db.query(
      'SELECT id::int, kind, status, attempts, message_id, last_error, text_body, html_body, sent_at FROM outbox ' +
      'WHERE lower(recipient) = lower($1) AND ($2::text IS NULL OR kind = $2) ORDER BY id', [recipient, kind ?? null]);
    return rows.length > 0 && rows.every((row) => row.status !== 'queued') ? rows : null;
  }, { timeoutMs, intervalMs: 100, what: `every email to ${recipient} sent or failed` });
}

const acceptLink = /\/invitations?\/([A-Za-z0-9_~.-]{16,})|[?&#]token=([A-Za-z0-9_~.-]{16,})/;

/**
 * The invitation token for `email`, read from the invitation email pswnet sent last to that address: the newest
 * invitation row of the outbox names its Message-ID, the email with that Message-ID (waited for: the outbox is
 * sent in the background) holds the accept link, and the token is the link's last path segment (or its `token`
 * query parameter). The email is read from the server's mail folder, or from `sink` (support/mail.mjs's
 * startSmtpSink) when the server sends to one. `server` may be the server or its `db` pool.
 */
export async function invitationTokenFor(server, email, { sink, timeoutMs = mailTimeoutMs } = {}) {
  const owner = server?.db ? server : serverOfPool(server);
  assert.ok(owner, 'invitationTokenFor needs a server from startServer (or its db pool)');
  const { rows } = await owner.db.query(
    "SELECT message_id FROM outbox WHERE lower(recipient) = lower($1) AND kind = 'invitation' ORDER BY id DESC LIMIT 1",
    [email]);
  assert.ok(rows.length > 0, `no invitation to ${email} in the outbox`);
  const messageId = rows[0].message_id;
  const what = `the invitation email to ${email} (${messageId})`;
  let sent;
  if (sink) {
    sent = await sink.waitFor(withMessageId(messageId), { timeoutMs, what });
  } else {
    assert.ok(owner.mailDir, 'the server sends by SMTP: pass the sink to invitationTokenFor');
    sent = await waitForEmail(owner.mailDir, withMessageId(messageId), { timeoutMs, what });
  }
  const match = sent.text.match(acceptLink);
  assert.ok(match, `${what} holds no accept link: ${sent.text.slice(0, 500)}`);
  return match[1] ?? match[2];
}
