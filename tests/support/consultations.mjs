// Consultations helpers for the end-to-end tests: a server with the demo people signed in, the route templates,
// requests validated against schemas/openapi.yaml, consultations with one question of every type, the directory's
// 153 local authorities, notifications, WebSocket events and a small CSV reader for the export.
import assert from 'node:assert/strict';
import { client, demoUsers, signIn } from './api.mjs';
import { addMember, uniqueWord } from './forum.mjs';
import { expectDocumented, validateComponent } from './openapi.mjs';
import { eventTimeoutMs } from './realtime.mjs';
import { eventOn, subscribe } from './websocket.mjs';
import { startServer } from './server.mjs';

export { addMember, uniqueWord };

export const routes = {
  consultations: '/api/v1/consultations',
  consultation: '/api/v1/consultations/{id}',
  publish: '/api/v1/consultations/{id}/publish',
  close: '/api/v1/consultations/{id}/close',
  outcome: '/api/v1/consultations/{id}/outcome',
  reminders: '/api/v1/consultations/{id}/reminders',
  response: '/api/v1/consultations/{id}/response',
  summary: '/api/v1/consultations/{id}/summary',
  responses: '/api/v1/consultations/{id}/responses',
  themes: '/api/v1/consultations/{id}/themes',
  tag: '/api/v1/consultations/{id}/themes/{theme_id}/answers/{response_id}/{question_key}',
  notifications: '/api/v1/notifications',
  organisations: '/api/v1/organisations',
  thread: '/api/v1/threads/{id}',
  search: '/api/v1/search',
};

export const codes = { southampton: 'E06000045', southwark: 'E09000028', wiltshire: 'E06000054', portsmouth: 'E06000044',
  kingston: 'E09000021', cumberland: 'E06000063' };

/** Validates a WebSocket message against the document. */
export function validateMessage(message, what) {
  validateComponent('WebSocketServerMessage', message, what);
}

/**
 * call(method, template, {params: {id, ...}, query, json, headers, auth, expect}): fills the route template, asserts
 * the status when `expect` is given, and validates the response against the document.
 */
export function consultationClient(baseUrl) {
  const api = client(baseUrl);
  return async function call(method, template, { params = {}, query, json, body, headers, auth, expect } = {}) {
    let target = template;
    for (const [name, value] of Object.entries(params)) target = target.replace(`{${name}}`, encodeURIComponent(String(value)));
    if (query) target += `?${new URLSearchParams(query)}`;
    const res = await api.request(method, target, { json, body, headers, auth });
    if (expect !== undefined) {
      assert.equal(res.status, expect, `${method} ${target} answered ${res.status}: ${res.text.slice(0, 1500)}`);
    }
    expectDocumented(res, method, template);
    return res;
  };
}

/**
 * Starts pswnet (with extra `args`) on a fresh database with the demo data and signs the demo people in. Resolves
 * with {server, call, amira, tom, grace, priya, sam} (see support/api.mjs's demoUsers). The suite stops the server.
 */
export async function startConsultationServer({ args = [] } = {}) {
  const server = await startServer({ args });
  try {
    const call = consultationClient(server.baseUrl);
    const people = {};
    for (const [name, email] of Object.entries(demoUsers)) people[name] = await signIn(server.baseUrl, email);
    return { server, call, ...people };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** A time `ms` milliseconds from now (negative: in the past), as RFC 3339 UTC. */
export const timeIn = (ms) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const minutes = 60_000;
export const days = 24 * 60 * minutes;

/** One question of every type; `submission` (below) answers them all validly. */
export function everyTypeOfQuestion() {
  return [
    { key: 'views', text: 'What do you think of the proposals?', type: 'text', required: true, word_limit: 20,
      help_text: 'A few sentences.' },
    { key: 'model', text: 'Which model do you use?', type: 'single_choice', required: true,
      options: ['Hub and spoke', 'Locality teams', 'Other'] },
    { key: 'priorities', text: 'Which priorities matter most?', type: 'multi_choice', required: false,
      options: ['Recruitment', 'Retention', 'Supervision', 'Training'] },
    { key: 'agreement', text: 'How far do you agree?', type: 'scale', required: true,
      scale_labels: { low: 'Strongly disagree', high: 'Strongly agree' } },
    { key: 'ready', text: 'Are you ready to implement it?', type: 'yes_no', required: true },
    { key: 'caseload', text: 'Average caseload per practitioner', type: 'number', required: false, min: 0, max: 60 },
  ];
}

/** Valid answers to everyTypeOfQuestion(), with these changes. */
export function submission(changes = {}) {
  return { views: `We broadly support it ${uniqueWord()}.`, model: 'Locality teams', priorities: ['Retention', 'Training'],
    agreement: 4, ready: 'yes', caseload: 18, ...changes };
}

/** The body of POST /consultations: open now (for a day), audience children, scope organisation, every type. */
export function consultationJson(fields = {}) {
  return {
    title: `Consultation on practice ${uniqueWord()}`,
    summary: 'We propose **changes** to the knowledge and skills statements.',
    audience: 'children',
    opens_at: timeIn(-60 * minutes),
    closes_at: timeIn(10 * days),
    response_scope: 'organisation',
    questions: everyTypeOfQuestion(),
    ...fields,
  };
}

/** POST /consultations as `office`; fails unless 201; resolves with the draft. */
export async function createConsultation(call, office, fields = {}) {
  return (await call('POST', routes.consultations, { json: consultationJson(fields), auth: office, expect: 201 })).body;
}

/** Creates and publishes a consultation as `office`; resolves with the published consultation. */
export async function publishedConsultation(call, office, fields = {}) {
  const draft = await createConsultation(call, office, fields);
  return (await call('POST', routes.publish, { params: { id: draft.id }, auth: office, expect: 200 })).body;
}

/** GET /consultations/{id}; fails unless `expect` (200). */
export async function getConsultation(call, auth, id, expect = 200) {
  return (await call('GET', routes.consultation, { params: { id }, auth, expect })).body;
}

/** GET the caller's response: {status, etag, body}. */
export async function getResponse(call, auth, id) {
  const res = await call('GET', routes.response, { params: { id }, auth });
  return { status: res.status, etag: res.headers.get('etag'), body: res.body, res };
}

/**
 * PUT the caller's response with `answers`; `ifMatch` is sent as If-Match when given (an ETag such as '"3"'), and
 * `submit` asks for a submission. Resolves with the raw response (status, headers, body).
 */
export function putResponse(call, auth, id, answers, { submit = false, ifMatch, expect, extra = {} } = {}) {
  const headers = ifMatch === undefined ? {} : { 'if-match': ifMatch };
  return call('PUT', routes.response, { params: { id }, json: { answers, submit, ...extra }, headers, auth, expect });
}

/**
 * Saves (and with submit, submits) the caller's response whatever exists: reads the current ETag first. Resolves
 * with the saved response; fails unless 200.
 */
export async function saveResponse(call, auth, id, answers, { submit = false } = {}) {
  const current = await getResponse(call, auth, id);
  const ifMatch = current.status === 200 ? current.etag : undefined;
  const res = await putResponse(call, auth, id, answers, { submit, ifMatch });
  assert.equal(res.status, 200, `saving a response answered ${res.status}: ${res.text.slice(0, 1500)}`);
  assert.equal(res.headers.get('etag'), `"${res.body.version}"`, 'the ETag is the version saved');
  return res.body;
}

/** Every notification of `auth` (all pages), newest first. */
export async function allNotifications(call, auth) {
  const items = [];
  let cursor = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const query = { limit: '100', ...(cursor ? { cursor } : {}) };
    const page = (await call('GET', routes.notifications, { query, auth, expect: 200 })).body;
    items.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) return items;
  }
  assert.fail('the notifications do not end');
}

/** The notifications of `auth` about consultation `id` (of `kind`, when given). */
export async function notificationsAbout(call, auth, id, kind) {
  return (await allNotifications(call, auth))
    .filter((n) => n.subject.type === 'consultation' && n.subject.id === id && (kind === undefined || n.kind === kind));
}

/** Asserts the shape the contract gives a consultation notification. */
export function expectConsultationNotification(notification, consultation, kind) {
  assert.equal(notification.kind, kind);
  assert.deepEqual(notification.subject, {
    type: 'consultation', id: consultation.id, title: consultation.title, link: `/consultations/${consultation.id}`,
  });
  assert.equal(notification.post_id, null);
  assert.equal(notification.read, false);
}

/**
 * Waits for the notification.created event of `kind` about consultation `id` on the user's own channel (every
 * connection listens to it) and resolves with the message; fails after eventTimeoutMs (or `timeoutMs`).
 */
export async function notificationEvent(ws, userId, id, kind, timeoutMs = eventTimeoutMs) {
  const message = await ws.takeMessage(eventOn(`user:${userId}`, 'notification.created',
    (m) => m.data.notification.subject.type === 'consultation' && m.data.notification.subject.id === id &&
      m.data.notification.kind === kind), timeoutMs);
  validateMessage(message, `notification.created ${kind}`);
  return message;
}

/** Subscribes to consultation:{id} and resolves with pswnet's answer (`subscribed` or `error`). */
export async function subscribeToConsultation(ws, id) {
  const answer = await subscribe(ws, [`consultation:${id}`], { timeoutMs: eventTimeoutMs });
  validateMessage(answer, 'the answer to subscribe');
  return answer;
}

/** The 153 local authorities of the directory: [{id, name, code, region: {code, name}}], by name. */
export async function localAuthorities(call, auth) {
  const items = [];
  let cursor = null;
  do {
    const query = { kind: 'local_authority', limit: '100', ...(cursor ? { cursor } : {}) };
    const page = (await call('GET', routes.organisations, { query, auth, expect: 200 })).body;
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  assert.equal(items.length, 153, 'the directory holds the 153 local authorities');
  return items.map(({ id, name, code, region }) => ({ id, name, code, region }));
}

/** A RFC 4180 CSV text (CRLF or LF) as rows of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  assert.ok(!quoted, 'the CSV ends inside a quoted cell');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
