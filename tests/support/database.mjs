// Looks into a test server's database: "nothing changed" snapshots, the invitation outbox, and searches for
// secrets that must only be stored as hashes. Written against table names only where the contract names them.
import assert from 'node:assert/strict';

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

/**
 * A comparable picture of the database: every table's rows (as JSON text, sorted), except session bookkeeping
 * tables, whose rows are only counted. Two snapshots deepEqual when a refused request changed nothing.
 */
export async function databaseSnapshot(db) {
  const snapshot = {};
  for (const table of await tableNames(db)) {
    const name = quoteIdentifier(table);
    if (sessionBookkeeping.test(table)) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${name}`);
      snapshot[table] = { rows: rows[0].n };
    } else {
      const { rows } = await db.query(`SELECT row_to_json(t)::text AS row FROM ${name} t ORDER BY 1`);
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

const acceptLink = /\/invitations?\/([A-Za-z0-9_~.-]{16,})|[?&#]token=([A-Za-z0-9_~.-]{16,})/;

/**
 * The invitation token for `email`, read from the newest outbox message that mentions that address: the message
 * holds the accept link, and the token is its last path segment (or its `token` query parameter).
 */
export async function invitationTokenFor(db, email) {
  const { rows } = await db.query(
    'SELECT row_to_json(o)::text AS row FROM outbox o WHERE strpos(lower(row_to_json(o)::text), lower($1)) > 0 ' +
    'ORDER BY o.ctid', [email]);
  assert.ok(rows.length > 0, `no outbox message mentions ${email}`);
  // The newest message last: the outbox is only appended to, so physical order is insertion order here.
  const texts = rows.map((row) => row.row);
  const withLink = texts.map((text) => text.match(acceptLink)).filter(Boolean);
  assert.ok(withLink.length > 0, `the outbox message for ${email} holds no accept link: ${texts.at(-1).slice(0, 500)}`);
  const match = withLink.at(-1);
  return match[1] ?? match[2];
}
