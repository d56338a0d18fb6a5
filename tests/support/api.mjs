// A small HTTP client for the end-to-end tests: requests with JSON, sign-in as a bearer client or as a browser
// (cookie + CSRF token), and assertions on problem responses.
import assert from 'node:assert/strict';
import { validateComponent } from './openapi.mjs';

export const DEMO_PASSWORD = 'demo-password-2026';

/** The demo accounts that `pswnet seed-demo` creates (see the contract). */
export const demoUsers = {
  amira: 'amira.children@southampton.demo.pswnet.uk', // member, children, Southampton
  tom: 'tom.adults@wiltshire.demo.pswnet.uk', // member, adults, Wiltshire
  grace: 'grace.admin@southwark.demo.pswnet.uk', // org_admin + member, both, Southwark
  priya: 'priya.office@ocsw-children.demo.pswnet.uk', // csw_office, children, OCSW for Children
  sam: 'sam.admin@network.demo.pswnet.uk', // network_admin, both, PSW Network
};

const requestTimeoutMs = 30_000;

/**
 * Sends one request and reads the whole response.
 * Options: json (sent as application/json), body (sent as is), headers, and auth: a session from signIn (adds the
 * bearer token, or the cookie and, on writes, the CSRF token unless csrf: false). Resolves with
 * {status, headers, text, body (parsed when the response is JSON), ms (elapsed)}.
 */
export async function request(baseUrl, method, path, { json, body, headers = {}, auth, csrf = true,
  timeoutMs = requestTimeoutMs } = {}) {
  const allHeaders = { ...(auth ? auth.headersFor(method, { csrf }) : {}), ...headers };
  let payload = body;
  if (json !== undefined) {
    payload = JSON.stringify(json);
    allHeaders['content-type'] ??= 'application/json';
  }
  const started = performance.now();
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: allHeaders,
    body: payload,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  const contentType = res.headers.get('content-type') ?? '';
  let parsed;
  if (/^application\/(problem\+)?json/.test(contentType) && text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      assert.fail(`${method} ${path} answered ${res.status} with ${contentType} that is not JSON: ${error.message}\n${text}`);
    }
  }
  return { status: res.status, headers: res.headers, text, body: parsed, ms };
}

/** Shorthands bound to one server. */
export function client(baseUrl) {
  return {
    get: (path, options) => request(baseUrl, 'GET', path, options),
    post: (path, json, options) => request(baseUrl, 'POST', path, { json, ...options }),
    patch: (path, json, options) => request(baseUrl, 'PATCH', path, { json, ...options }),
    put: (path, json, options) => request(baseUrl, 'PUT', path, { json, ...options }),
    delete: (path, options) => request(baseUrl, 'DELETE', path, options),
    request: (method, path, options) => request(baseUrl, method, path, options),
  };
}

/** Parses one Set-Cookie header into {name, value, attributes: {lower-case name: value or true}}. */
export function parseSetCookie(header) {
  const [pair, ...rest] = header.split(';');
  const separator = pair.indexOf('=');
  const attributes = {};
  for (const part of rest) {
    const [key, ...value] = part.trim().split('=');
    if (key) attributes[key.toLowerCase()] = value.length ? value.join('=') : true;
  }
  return { name: pair.slice(0, separator).trim(), value: pair.slice(separator + 1).trim(), attributes };
}

/** The session cookie among a response's Set-Cookie headers, or undefined. */
export function sessionCookieOf(res) {
  return res.headers.getSetCookie().map(parseSetCookie).find((cookie) => /^(__Host-)?pswnet_session$/.test(cookie.name));
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A session as a bearer client or as a browser, built from a login or accept response. */
export function sessionFrom(res, mode) {
  const grant = res.body;
  const cookie = sessionCookieOf(res);
  if (mode === 'cookie') assert.ok(cookie, `no session cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
  return {
    mode,
    token: grant.token,
    csrfToken: grant.csrf_token,
    cookie: cookie && `${cookie.name}=${cookie.value}`,
    user: grant.user,
    response: res,
    headersFor(method, { csrf = true } = {}) {
      if (mode === 'bearer') return { authorization: `Bearer ${grant.token}` };
      const headers = { cookie: `${cookie.name}=${cookie.value}` };
      if (csrf && writeMethods.has(method.toUpperCase())) headers['x-csrf-token'] = grant.csrf_token;
      return headers;
    },
  };
}

/**
 * Signs in and returns a session ({mode, token, csrfToken, cookie, user, response, headersFor}); fails the test
 * unless the login succeeds. mode: 'bearer' (Authorization header) or 'cookie' (cookie + X-CSRF-Token).
 */
export async function signIn(baseUrl, email, password = DEMO_PASSWORD, { mode = 'bearer' } = {}) {
  const res = await request(baseUrl, 'POST', '/api/v1/auth/login', { json: { email, password } });
  assert.equal(res.status, 200, `login as ${email} answered ${res.status}: ${res.text}`);
  return sessionFrom(res, mode);
}

/**
 * Asserts that `res` is an application/problem+json response with `status` and the Problem shape of
 * schemas/openapi.yaml, whose request_id matches X-Request-Id; optionally of problem `type`. Returns the problem.
 */
export function expectProblem(res, status, { type } = {}) {
  const context = `answer ${res.status} ${res.headers.get('content-type')}: ${res.text.slice(0, 500)}`;
  assert.equal(res.status, status, `expected status ${status}; ${context}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json\b/, `expected a problem; ${context}`);
  const problem = res.body;
  validateComponent('Problem', problem, `problem ${status}`);
  assert.equal(problem.status, status, `problem.status differs from the HTTP status; ${context}`);
  assert.equal(problem.request_id, res.headers.get('x-request-id'), 'problem.request_id differs from X-Request-Id');
  if (type) assert.equal(problem.type, type, `expected problem type ${type}; ${context}`);
  return problem;
}

/** Asserts that a 422 problem names exactly these fields (in any order) and returns it. */
export function expectInvalidFields(res, fields) {
  const problem = expectProblem(res, 422);
  assert.ok(Array.isArray(problem.errors), `422 without errors[]: ${res.text}`);
  const named = problem.errors.map((error) => error.field).sort();
  assert.deepEqual([...new Set(named)], [...fields].sort(), `422 names ${named.join(', ')}: ${res.text}`);
  return problem;
}

/**
 * For a matrix of checks: expect(what, actual, expected) records each difference instead of stopping at the first,
 * so that one failure reports them all (`differences`).
 */
export function collectDifferences() {
  const differences = [];
  const expect = (what, actual, expected) => {
    try {
      assert.deepEqual(actual, expected);
    } catch {
      differences.push(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    }
  };
  return { differences, expect };
}
