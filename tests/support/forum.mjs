// Discussions helpers for the end-to-end tests: a server for a discussions suite, the route templates, requests
// validated against schemas/openapi.yaml, creating threads and replies, the demo people signed in, and extra members.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { DEMO_PASSWORD, client, demoUsers, signIn } from './api.mjs';
import { expectDocumented } from './openapi.mjs';
import { runPswnetOk, startServer } from './server.mjs';

/** The discussions routes as the OpenAPI document names them. */
export const routes = {
  threads: '/api/v1/threads',
  similar: '/api/v1/threads/similar',
  thread: '/api/v1/threads/{id}',
  posts: '/api/v1/threads/{id}/posts',
  accept: '/api/v1/threads/{id}/accept',
  subscription: '/api/v1/threads/{id}/subscription',
  lock: '/api/v1/threads/{id}/lock',
  unlock: '/api/v1/threads/{id}/unlock',
  post: '/api/v1/posts/{id}',
  revisions: '/api/v1/posts/{id}/revisions',
  reactions: '/api/v1/posts/{id}/reactions',
  flags: '/api/v1/posts/{id}/flags',
  hide: '/api/v1/posts/{id}/hide',
  unhide: '/api/v1/posts/{id}/unhide',
  notifications: '/api/v1/notifications',
  notificationsRead: '/api/v1/notifications/read',
  search: '/api/v1/search',
  moderationFlags: '/api/v1/moderation/flags',
  resolveFlag: '/api/v1/moderation/flags/{id}/resolve',
};

const letters = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A made-up word, unique in a test run: only letters, so that the personal-data guard (digits) never sees it and
 * full-text search treats it as one word.
 */
export function uniqueWord(prefix = 'zq') {
  return prefix + Array.from({ length: 10 }, () => letters[randomInt(letters.length)]).join('');
}

/**
 * Requests bound to one server. call(method, template, {id, query, json, auth, expect}) fills `{id}` in the route
 * template, asserts the status when `expect` is given, and validates the response against the document.
 */
export function forumClient(baseUrl) {
  const api = client(baseUrl);

  async function call(method, template, { id, query, json, auth, expect, headers } = {}) {
    let target = id === undefined ? template : template.replace('{id}', encodeURIComponent(String(id)));
    if (query) target += `?${new URLSearchParams(query)}`;
    const res = await api.request(method, target, { json, auth, headers });
    if (expect !== undefined) {
      assert.equal(res.status, expect, `${method} ${target} answered ${res.status}: ${res.text.slice(0, 1000)}`);
    }
    expectDocumented(res, method, template);
    return res;
  }

  /** POST /threads with a question by default; fails unless 201; resolves with the Thread. */
  async function createThread(auth, fields = {}) {
    const json = {
      title: `How do other authorities approach ${uniqueWord()}?`,
      body: 'We are reviewing our approach and would value hearing what works elsewhere.',
      sector: 'children',
      kind: 'question',
      tags: ['practice'],
      ...fields,
    };
    return (await call('POST', routes.threads, { json, auth, expect: 201 })).body;
  }

  /** POST /threads/{id}/posts; fails unless 201; resolves with the Post. */
  async function reply(auth, threadId, body = `In our authority we ${uniqueWord()} every month.`, extra = {}) {
    return (await call('POST', routes.posts, { id: threadId, json: { body, ...extra }, auth, expect: 201 })).body;
  }

  /** GET /threads/{id}; fails unless 200; resolves with the Thread. */
  async function getThread(auth, threadId) {
    return (await call('GET', routes.thread, { id: threadId, auth, expect: 200 })).body;
  }

  /** GET /threads with these query parameters; fails unless 200; resolves with the page. */
  async function listThreads(auth, query = {}) {
    return (await call('GET', routes.threads, { query, auth, expect: 200 })).body;
  }

  /** Every page of GET /threads (or another list route) with `query`, `limit` at a time; resolves with the items. */
  async function allPages(auth, query, limit, template = routes.threads) {
    const items = [];
    let cursor = null;
    for (let pages = 0; ; pages += 1) {
      assert.ok(pages <= 500, 'pagination does not end');
      const res = await call('GET', template, { query: { ...query, limit, ...(cursor ? { cursor } : {}) }, auth, expect: 200 });
      assert.ok(res.body.items.length <= limit, `a page of ${res.body.items.length} items for limit ${limit}`);
      items.push(...res.body.items);
      cursor = res.body.next_cursor;
      if (!cursor) return items;
    }
  }

  /** GET /notifications; fails unless 200; resolves with the page. */
  async function notifications(auth, query = {}) {
    return (await call('GET', routes.notifications, { query, auth, expect: 200 })).body;
  }

  return { api, call, createThread, reply, getThread, listThreads, allPages, notifications };
}

/** The demo accounts signed in as bearer clients: {amira, tom, grace, priya, sam}, each with `user` (Me). */
export async function signInDemoUsers(baseUrl) {
  const entries = await Promise.all(Object.entries(demoUsers).map(async ([name, email]) => [name, await signIn(baseUrl, email)]));
  return Object.fromEntries(entries);
}

/**
 * Adds a member with `pswnet user add` to the server's database (organisation: an ONS code, our own code such as
 * PSWNET, or an id) and signs them in; resolves with the bearer session.
 */
export async function addMember(server, { organisation, roles = ['member'], sector = 'both', displayName } = {}) {
  const email = `${uniqueWord('member')}@example.test.pswnet.uk`;
  const args = ['user', 'add', '--email', email, '--organisation', String(organisation), '--sector', sector,
    '--password-stdin', ...roles.flatMap((role) => ['--role', role]),
    ...(displayName ? ['--display-name', displayName] : [])];
  await runPswnetOk(args, { env: { PSWNET_DATABASE_URL: server.databaseUrl }, input: `${DEMO_PASSWORD}\n` });
  return signIn(server.baseUrl, email);
}

/**
 * Starts pswnet on a fresh database with the demo data and signs the demo people in; resolves with
 * {server, forum (forumClient), call (forum.call), amira (member, children, Southampton), tom (member, adults,
 * Wiltshire), grace (org_admin + member, both, Southwark), priya (csw_office, children), sam (network_admin:
 * moderates)}. The suite stops the server when it is done.
 */
export async function startForumServer() {
  const server = await startServer();
  try {
    const forum = forumClient(server.baseUrl);
    return { server, forum, call: forum.call, ...(await signInDemoUsers(server.baseUrl)) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** A predicate for notifications about one subject: type 'thread', 'consultation' or 'resource', and its id. */
export const isAbout = (type, id) => (notification) => notification.subject.type === type && notification.subject.id === id;

/** The ids of list items, in their order. */
export const ids = (items) => items.map((item) => item.id);

/** The ids of list items, smallest first: for comparing sets of items whatever their order. */
export const sortedIds = (items) => ids(items).sort((a, b) => a - b);

/** True when the NHS number's last digit is its Modulus 11 check digit (digits only, 10 of them). */
export function hasValidNhsCheckDigit(number) {
  const digits = number.replace(/\D/g, '');
  if (digits.length !== 10) return false;
  const sum = [...digits.slice(0, 9)].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}
