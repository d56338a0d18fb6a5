// Practice library helpers for the end-to-end tests: the route templates, requests validated against
// schemas/openapi.yaml, creating resources, uploading and downloading files (as bytes), and a server with the demo
// people signed in.
import assert from 'node:assert/strict';
import { client } from './api.mjs';
import { signInDemoUsers, uniqueWord } from './forum.mjs';
import { expectDocumented, validateResponse } from './openapi.mjs';
import { startServer } from './server.mjs';

export { uniqueWord };

/** The library routes as the OpenAPI document names them. */
export const routes = {
  resources: '/api/v1/resources',
  resource: '/api/v1/resources/{id}',
  files: '/api/v1/resources/{id}/files',
  file: '/api/v1/resources/{id}/files/{version}',
  endorsement: '/api/v1/resources/{id}/endorsement',
  threads: '/api/v1/resources/{id}/threads',
  search: '/api/v1/search',
  notifications: '/api/v1/notifications',
  thread: '/api/v1/threads/{id}',
};

/** 25 MiB: the largest file the library takes. */
export const maxFileBytes = 25 * 1024 * 1024;

/** The fields of a valid POST /resources, with a unique title; `fields` override them. */
export function newResource(fields = {}) {
  return {
    title: `Supervision framework ${uniqueWord()}`,
    summary: 'Our **supervision framework** for newly qualified social workers, with the forms we use.',
    type: 'supervision',
    sector: 'children',
    tags: ['supervision'],
    licence: 'OGL-UK-3.0',
    visibility: 'network',
    ...fields,
  };
}

function fill(template, { id, version }) {
  let target = template;
  if (id !== undefined) target = target.replace('{id}', encodeURIComponent(String(id)));
  if (version !== undefined) target = target.replace('{version}', encodeURIComponent(String(version)));
  return target;
}

/** X-Filename as the contract wants it: percent-encoded UTF-8. */
export function filenameHeader(name) {
  return encodeURIComponent(name);
}

/**
 * Requests bound to one server. call(method, template, {id, version, query, json, body, headers, auth, expect})
 * fills the route template, asserts the status when `expect` is given and validates the answer against the document.
 */
export function libraryClient(baseUrl) {
  const api = client(baseUrl);

  async function call(method, template, { id, version, query, json, body, headers, auth, expect, timeoutMs } = {}) {
    let target = fill(template, { id, version });
    if (query) target += `?${new URLSearchParams(query)}`;
    const res = await api.request(method, target, { json, body, headers, auth, timeoutMs });
    if (expect !== undefined) {
      assert.equal(res.status, expect, `${method} ${target} answered ${res.status}: ${res.text.slice(0, 1000)}`);
    }
    expectDocumented(res, method, template);
    return res;
  }

  /** POST /resources; fails unless 201; resolves with the Resource. */
  async function create(auth, fields = {}) {
    return (await call('POST', routes.resources, { json: newResource(fields), auth, expect: 201 })).body;
  }

  /** GET /resources/{id}; fails unless 200; resolves with the Resource. */
  async function get(auth, id) {
    return (await call('GET', routes.resource, { id, auth, expect: 200 })).body;
  }

  /**
   * POST /resources/{id}/files with `bytes` as the body and `filename` in X-Filename (percent-encoded); resolves
   * with the response (status not checked unless `expect` is given). Uploads may take a while on a loaded machine
   * (25 MiB, or an archive inflated up to its limit): they get two minutes.
   */
  function upload(auth, id, bytes, filename, { contentType = 'application/octet-stream', expect, headers = {} } = {}) {
    const fileHeaders = { 'content-type': contentType, ...headers };
    if (filename !== undefined) fileHeaders['x-filename'] = filenameHeader(filename);
    return call('POST', routes.files, { id, body: bytes, headers: fileHeaders, auth, expect, timeoutMs: 120_000 });
  }

  /** Like upload, but fails unless 201; resolves with the Resource. */
  async function uploaded(auth, id, bytes, filename, options) {
    return (await upload(auth, id, bytes, filename, { ...options, expect: 201 })).body;
  }

  /**
   * GET /resources/{id}/files/{version} read as bytes: resolves with {status, headers, bytes (Buffer), body (the
   * problem, when it is one)}. A 200 is checked against the document's media types for the route.
   */
  async function download(auth, id, version) {
    const target = fill(routes.file, { id, version });
    const res = await fetch(new URL(target, baseUrl), { headers: auth ? auth.headersFor('GET') : {},
      signal: AbortSignal.timeout(120_000) });
    const bytes = Buffer.from(await res.arrayBuffer());
    const contentType = res.headers.get('content-type') ?? '';
    const answer = { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
    if (/^application\/problem\+json/.test(contentType)) answer.body = JSON.parse(answer.text);
    // The bytes of a file are not JSON: only their media type is checked against the document.
    validateResponse('GET', routes.file, res.status, answer.body ?? '', { contentType });
    return answer;
  }

  /** Every page of GET /resources with `query`, `limit` at a time; resolves with the items. */
  async function allPages(auth, query = {}, limit = 100) {
    const items = [];
    let cursor = null;
    for (let pages = 0; ; pages += 1) {
      assert.ok(pages <= 500, 'pagination does not end');
      const res = await call('GET', routes.resources, { query: { ...query, limit, ...(cursor ? { cursor } : {}) }, auth,
        expect: 200 });
      assert.ok(res.body.items.length <= limit, `a page of ${res.body.items.length} items for limit ${limit}`);
      items.push(...res.body.items);
      cursor = res.body.next_cursor;
      if (!cursor) return items;
    }
  }

  /** GET /search?q=; fails unless 200; resolves with the hits of type resource. */
  async function resourceHits(auth, q) {
    const res = await call('GET', routes.search, { query: { q, limit: 50 }, auth, expect: 200 });
    return res.body.items.filter((hit) => hit.type === 'resource');
  }

  return { api, call, create, get, upload, uploaded, download, allPages, resourceHits };
}

/**
 * Starts pswnet on a fresh database with the demo data and signs the demo people in; resolves with
 * {server, library (libraryClient), call, amira (member, children, Southampton), tom (member, adults, Wiltshire),
 * grace (org_admin + member, both, Southwark), priya (csw_office), sam (network_admin)}. The suite stops the server.
 */
export async function startLibraryServer() {
  const server = await startServer();
  try {
    const library = libraryClient(server.baseUrl);
    return { server, library, call: library.call, ...(await signInDemoUsers(server.baseUrl)) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The ids of list items, in their order. */
export const ids = (items) => items.map((item) => item.id);

/** The ids of list items, smallest first: for comparing sets whatever their order. */
export const sortedIds = (items) => ids(items).sort((a, b) => a - b);

/** Counts the rows of the library's file tables: a refused upload leaves them as they were. */
export async function storedFiles(db) {
  const { rows } = await db.query('SELECT (SELECT count(*) FROM resource_files)::int AS versions, ' +
    '(SELECT count(*) FROM file_blobs)::int AS blobs, (SELECT count(*) FROM file_blob_chunks)::int AS chunks');
  return rows[0];
}
