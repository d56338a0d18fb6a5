// Email for the end-to-end tests: a real SMTP server (smtp-server) that collects what pswnet sends and can refuse it
// for now (4xx) or for good (5xx), and readers of the .eml files pswnet writes when it has no SMTP server. Both give
// the same parsed emails (mailparser), so a test reads headers and parts the same way from either.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { watch } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** How long an email may take to arrive on a loaded 2-core machine running the sanitizer build. */
export const mailTimeoutMs = 20_000;

/** The email routes as the OpenAPI document names them. */
export const mailRoutes = {
  settings: '/api/v1/me/notification-settings',
  unsubscribe: '/api/v1/unsubscribe/{token}',
  outbox: '/api/v1/admin/outbox',
};

/** A Message-ID without its angle brackets, for comparing ids however they were written. */
export function bareMessageId(id) {
  return String(id ?? '').trim().replace(/^<(.*)>$/, '$1');
}

/**
 * Parses one message into {raw, subject (decoded), from: {name, address}, to: [{name, address}], messageId,
 * inReplyTo, references, date, contentType ({value, params}), text, html, header(name), headerValues(name)}.
 * header(name) is the header as written (unfolded, not decoded), or undefined; headerValues gives every occurrence.
 */
export async function parseEmail(raw, extra = {}) {
  const text = Buffer.isBuffer(raw) ? raw.toString('latin1') : raw;
  const parsed = await simpleParser(Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'latin1'));
  const headerValues = (name) => parsed.headerLines
    .filter((line) => line.key === name.toLowerCase())
    .map((line) => line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  const references = parsed.references;
  return {
    ...extra,
    raw: text,
    parsed,
    subject: parsed.subject,
    from: parsed.from?.value?.[0],
    to: parsed.to?.value ?? [],
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references: references === undefined ? [] : [references].flat(),
    date: parsed.date,
    contentType: parsed.headers.get('content-type'),
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    header: (name) => headerValues(name)[0],
    headerValues,
  };
}

/** A short line per email, for failure messages. */
export function describeEmails(emails) {
  if (emails.length === 0) return '(none)';
  return emails.map((e) => `  ${e.messageId} to ${e.to.map((t) => t.address).join(', ')}: ${e.subject}`).join('\n');
}

/**
 * Starts an SMTP server on 127.0.0.1 (a free port, or `port`) that accepts every message, keeps it and answers 250.
 * Resolves with {url (smtp://127.0.0.1:PORT), port, messages (parsed, in the order they were accepted, each with
 * `envelope` {from, to}), refused (the messages answered with an error, each with `code`), refuseNext(n, code = 451,
 * which), refuseAll(code = 550, which), acceptAll(), holdNext(which), waitFor(predicate, {timeoutMs}),
 * waitForCount(predicate, n, {timeoutMs}), waitForRefused(predicate, n, {timeoutMs}), close()}. `which` (a predicate
 * on the message, every message by default) keeps a refusal to the messages of one test. A message is recorded
 * before pswnet hears the 250, so once the outbox says `sent` it is in `messages`.
 */
export async function startSmtpSink({ port: wantedPort = 0 } = {}) {
  const messages = [];
  const refused = [];
  const events = new EventEmitter();
  let refuseCount = 0;
  let refuseCode = 451;
  let refuseWhich = () => true;
  let refuseAlways = null;
  let refuseAlwaysWhich = () => true;
  const holds = []; // holdNext() calls waiting for their message
  const held = new Set(); // release functions of messages held now

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    banner: 'pswnet test sink',
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        };
        parseEmail(Buffer.concat(chunks), { envelope }).then(async (email) => {
          const hold = holds.find((h) => h.which(email));
          if (hold) {
            holds.splice(holds.indexOf(hold), 1);
            held.add(hold.release);
            hold.received(email);
            await hold.released;
            held.delete(hold.release);
          }
          let code = null;
          if (refuseAlways !== null && refuseAlwaysWhich(email)) code = refuseAlways;
          else if (refuseCount > 0 && refuseWhich(email)) {
            refuseCount -= 1;
            code = refuseCode;
          }
          if (code !== null) {
            refused.push({ ...email, code });
            events.emit('refused');
            const error = new Error(code >= 500 ? 'Mailbox unavailable (test sink refuses it)' :
              'Try again later (test sink refuses it for now)');
            error.responseCode = code;
            callback(error);
            return;
          }
          messages.push(email);
          events.emit('message');
          callback(null, 'queued by the test sink');
        }, callback);
      });
    },
  });
  server.on('error', () => {}); // a client that goes away mid-conversation is not the test's failure

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(wantedPort, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address();

  /** Resolves once check() returns a truthy value, re-checked on every message; rejects after timeoutMs. */
  function waitUntil(check, what, timeoutMs) {
    return new Promise((resolve, reject) => {
      const onChange = () => {
        const result = check();
        if (!result) return;
        finish();
        resolve(result);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${what} not received by the SMTP sink within ${timeoutMs} ms; it has:\n` +
          `${describeEmails(messages)}\nrefused:\n${describeEmails(refused)}`));
      }, timeoutMs);
      function finish() {
        clearTimeout(timer);
        events.off('message', onChange);
        events.off('refused', onChange);
      }
      events.on('message', onChange);
      events.on('refused', onChange);
      onChange();
    });
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    refused,
    /** Answers the next n messages (of those `which` picks) with `code` (a temporary failure by default). */
    refuseNext(n, code = 451, which = () => true) {
      refuseCount = n;
      refuseCode = code;
      refuseWhich = which;
    },
    /** Answers every message (that `which` picks) with `code` (a permanent failure by default) until acceptAll(). */
    refuseAll(code = 550, which = () => true) {
      refuseAlways = code;
      refuseAlwaysWhich = which;
    },
    acceptAll() {
      refuseAlways = null;
      refuseCount = 0;
    },
    /**
     * Holds the next message (of those `which` picks) before answering it, as a slow mail server would: pswnet's
     * sender waits in the middle of sending it. Returns {received (a promise of the held message), release()}.
     */
    holdNext(which = () => true) {
      let received;
      let release;
      const hold = {
        which,
        received: (email) => received(email),
        released: new Promise((resolve) => { release = resolve; }),
        release: () => release(),
      };
      const arrived = new Promise((resolve) => { received = resolve; });
      holds.push(hold);
      return { received: arrived, release: () => release() };
    },
    /** The first accepted message matching predicate, waiting for it when there is none yet. */
    waitFor(predicate = () => true, { timeoutMs = mailTimeoutMs, what = 'a matching email' } = {}) {
      return waitUntil(() => messages.find(predicate), what, timeoutMs);
    },
    /** The accepted messages matching predicate, once there are at least n of them. */
    waitForCount(predicate, n, { timeoutMs = mailTimeoutMs, what = `${n} matching emails` } = {}) {
      return waitUntil(() => {
        const found = messages.filter(predicate);
        return found.length >= n ? found : null;
      }, what, timeoutMs);
    },
    /** The refused messages matching predicate, once there are at least n of them. */
    waitForRefused(predicate, n, { timeoutMs = mailTimeoutMs, what = `${n} refused emails` } = {}) {
      return waitUntil(() => {
        const found = refused.filter(predicate);
        return found.length >= n ? found : null;
      }, what, timeoutMs);
    },
    /** Stops listening; answers any held message first. */
    close() {
      for (const hold of holds.splice(0)) hold.received(null);
      for (const release of held) release();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// Parsed .eml files by path, kept while the file is unchanged (pswnet replaces a file only when it sends the same
// Message-ID again).
const parsedFiles = new Map();

/**
 * The emails pswnet wrote to a mail folder (one .eml file each; files being written are hidden .tmp files and are
 * left out), oldest file first, each parsed as parseEmail does and with `file` (its path).
 */
export async function readMailDir(dir) {
  let names;
  try {
    names = await readdir(dir);
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  const emails = [];
  for (const name of names.filter((n) => n.endsWith('.eml') && !n.startsWith('.'))) {
    const file = path.join(dir, name);
    let info;
    let cached = parsedFiles.get(file);
    try {
      info = await stat(file);
      if (cached?.key !== `${info.mtimeMs} ${info.size}`) {
        cached = { key: `${info.mtimeMs} ${info.size}`,
          email: await parseEmail(await readFile(file), { file, mtimeMs: info.mtimeMs }) };
        parsedFiles.set(file, cached);
      }
    } catch (error) {
      if (error.code === 'ENOENT') continue; // replaced meanwhile: the next look reads the new one
      throw error;
    }
    emails.push(cached.email);
  }
  return emails.sort((a, b) => a.mtimeMs - b.mtimeMs);
}

/**
 * Resolves with the emails in `dir` matching predicate once there are at least `count` of them (watching the folder,
 * and looking again every second in case a change went unseen); rejects after timeoutMs naming what is there.
 */
export async function waitForEmails(dir, predicate, count, { timeoutMs = mailTimeoutMs, what } = {}) {
  const deadline = Date.now() + timeoutMs;
  let watcher;
  let wake = () => {};
  try {
    watcher = watch(dir, () => wake());
    watcher.on('error', () => {});
  } catch {
    watcher = undefined; // the folder is not there yet: the periodic look finds it
  }
  try {
    for (;;) {
      const changed = new Promise((resolve) => { wake = resolve; });
      const emails = await readMailDir(dir);
      const found = emails.filter(predicate);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        assert.fail(`${what ?? `${count} matching email(s)`} not written to ${dir} within ${timeoutMs} ms; it has:\n` +
          describeEmails(emails));
      }
      let timer;
      await Promise.race([changed, new Promise((resolve) => { timer = setTimeout(resolve, Math.min(left, 1000)); })]);
      clearTimeout(timer);
    }
  } finally {
    watcher?.close();
  }
}

/** The first email in `dir` matching predicate, waiting for it as waitForEmails does. */
export async function waitForEmail(dir, predicate, options) {
  return (await waitForEmails(dir, predicate, 1, options))[0];
}

/** True for an email addressed to `address` (case-insensitive). */
export const addressedTo = (address) => (email) =>
  email.to.some((to) => to.address.toLowerCase() === address.toLowerCase());

/** True for the email with this Message-ID (with or without angle brackets). */
export const withMessageId = (id) => (email) => bareMessageId(email.messageId) === bareMessageId(id);

/**
 * The one-click unsubscribe link of an email's List-Unsubscribe header: {url (as written), path (to ask this test's
 * server, whatever origin the link names), token}; fails when the header is missing or holds no HTTP link.
 */
export function unsubscribeLinkOf(email) {
  const header = email.header('list-unsubscribe');
  assert.ok(header, `no List-Unsubscribe in the email ${email.messageId}: ${email.subject}`);
  const match = header.match(/<(https?:\/\/[^>]+)>/);
  assert.ok(match, `List-Unsubscribe holds no HTTP link: ${header}`);
  const url = new URL(match[1]);
  return { url: match[1], path: url.pathname + url.search, token: url.pathname.split('/').at(-1) };
}
