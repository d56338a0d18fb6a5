// OpenID Connect providers for the "sign in with your council's identity provider" tests, API and browser alike.
//
// - startOpenIdProvider(): a real, certified OpenID Provider (oidc-provider 9.13.3) in a child process of its own,
//   one per council ("tenant"), on 127.0.0.1 over plain http, with one confidential client (pswnet), a sign-in page
//   a browser or signInAtProvider() can fill in, consent granted by itself, RP-initiated logout, and RS256 signing
//   keys that rotateKeys() replaces by restarting the process on the same port and issuer.
// - signInAtProvider() / signOutAtProvider(): a person at that provider's pages, as a plain HTTP client (fetch with
//   redirect: 'manual' and a cookie jar), for API tests that cannot drive a browser.
// - startCraftedIssuer(): a provider made by hand (node:http, in this process) whose next id_token a test writes
//   claim by claim, signs with the right key, a forged key, the public key as an HMAC secret, or not at all, to prove
//   that pswnet refuses what it must; optionally with Microsoft Entra's multi-tenant {tenantid} issuer template.
//   followToCallback() plays the person there (it answers /authorize with the callback at once).
//
// Nothing here reaches past 127.0.0.1, and every page the providers show is self-contained.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SignJWT, importJWK } from 'jose';

const processScript = fileURLToPath(new URL('./oidc_provider_process.mjs', import.meta.url));
const startTimeoutMs = Number(process.env.PSWNET_TEST_OIDC_START_TIMEOUT_MS || 30_000);
const stopTimeoutMs = 10_000;
const debug = Boolean(process.env.PSWNET_TEST_OIDC_DEBUG);

/** A new RS256 signing key as {privateJwk, publicJwk}, both with the same `kid`, `alg` and `use`. */
function newSigningKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const meta = { kid: `k-${randomBytes(8).toString('hex')}`, alg: 'RS256', use: 'sig' };
  return {
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...meta },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta },
    publicKey,
  };
}

// ---- startOpenIdProvider ----------------------------------------------------------------------------------------

/** Spawns oidc_provider_process.mjs and resolves once it has written its ready line: {child, port, issuer}. */
function spawnProvider(config) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [processScript], {
      env: { ...process.env, PSWNET_TEST_OIDC_PROVIDER_CONFIG: JSON.stringify(config) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stderrLines = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderrLines.push(line);
      if (stderrLines.length > 200) stderrLines.shift();
      if (debug) process.stderr.write(`[oidc-provider ${config.tenant}] ${line}\n`);
    });
    let settled = false;
    const fail = (message) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}\n${stderrLines.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`the OpenID Provider for tenant ${config.tenant} did not start within ${startTimeoutMs} ms`), startTimeoutMs);
    child.on('error', (error) => fail(`cannot start the OpenID Provider: ${error.message}`));
    child.on('exit', (code, signal) => fail(`the OpenID Provider for tenant ${config.tenant} exited (${signal ?? code}) before it was ready`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message;
      try { message = JSON.parse(line); } catch { message = undefined; }
      if (!message?.oidcProviderReady) {
        if (debug) process.stderr.write(`[oidc-provider ${config.tenant}] ${line}\n`);
        return;
      }
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // A test that forgets stop() must not keep its process alive; when that process ends, the child's stdin
      // closes and the child ends too.
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref?.();
      resolve({ child, port: message.port, issuer: message.issuer, stderrLines });
    });
  });
}

/** Ends a provider process (SIGTERM, then SIGKILL if it lingers) and resolves once it has exited. */
function endProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

/**
 * Starts one council's OpenID Provider in a child process on a free port of 127.0.0.1. Resolves with
 * {issuer, port, clientId, clientSecret, discoveryUrl, jwksUri, currentKid(), kids(), rotateKeys({keepOld}), stop()}.
 *
 * - issuer: http://127.0.0.1:<port>/tenant-<tenant>; discovery at <issuer>/.well-known/openid-configuration.
 * - accounts: { <login>: { sub, email, email_verified, name } }; the sign-in page accepts any password for them.
 * - rotateKeys({ keepOld = true }): restarts the process on the same port and issuer with a new RS256 key first in
 *   the JWKS (the previous keys after it, or dropped); resolves with the new kid. Sessions, codes and tokens of the
 *   old process are gone (its store was in memory).
 * - stop(): ends the process and resolves once it has exited.
 */
export async function startOpenIdProvider({
  tenant = 'a',
  clientId = 'pswnet',
  clientSecret = 'a-test-client-secret',
  redirectUris,
  postLogoutRedirectUris = [],
  accounts,
} = {}) {
  assert.ok(Array.isArray(redirectUris) && redirectUris.length > 0, 'startOpenIdProvider needs redirectUris');
  assert.ok(accounts && Object.keys(accounts).length > 0, 'startOpenIdProvider needs accounts');
  for (const [login, account] of Object.entries(accounts)) {
    assert.ok(account.sub, `account ${login} needs a sub`);
  }

  let keys = [newSigningKey().privateJwk];
  const config = {
    port: 0, tenant, clientId, clientSecret, redirectUris, postLogoutRedirectUris, accounts, keys,
  };
  let running = await spawnProvider(config);
  const { port, issuer } = running;
  let stopped = false;

  return {
    issuer,
    port,
    clientId,
    clientSecret,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    jwksUri: `${issuer}/jwks`,
    /** The kid that new id_tokens are signed with. */
    currentKid: () => keys[0].kid,
    /** Every kid in the JWKS, the signing one first. */
    kids: () => keys.map((key) => key.kid),
    async rotateKeys({ keepOld = true } = {}) {
      assert.ok(!stopped, 'rotateKeys after stop');
      const fresh = newSigningKey().privateJwk;
      keys = keepOld ? [fresh, ...keys] : [fresh];
      await endProcess(running.child);
      running = await spawnProvider({ ...config, port, keys });
      assert.equal(running.issuer, issuer, 'the restarted provider has another issuer');
      return fresh.kid;
    },
    /** The provider process's recent stderr lines (its errors), for failure messages. */
    logs: () => running.stderrLines.join('\n'),
    async stop() {
      stopped = true;
      await endProcess(running.child);
    },
  };
}

// ---- A person at the provider, as a plain HTTP client -----------------------------------------------------------

/**
 * A cookie jar for one person's user agent: cookies by name and path, sent to every port of the host that set them
 * (as browsers do), honouring Path, Max-Age and Expires. Enough for the providers here; not a general implementation.
 */
export function createCookieJar() {
  const cookies = new Map(); // `${host}\n${path}\n${name}` -> {host, path, name, value, expires}
  const defaultPath = (pathname) => {
    const cut = pathname.lastIndexOf('/');
    return cut <= 0 ? '/' : pathname.slice(0, cut);
  };
  const pathMatches = (cookiePath, requestPath) => requestPath === cookiePath
    || (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'));
  return {
    /** Records the Set-Cookie headers of a fetch Response for its URL. */
    store(url, response) {
      const { hostname, pathname } = new URL(url);
      for (const header of response.headers.getSetCookie()) {
        const [pair, ...attributes] = header.split(';');
        const eq = pair.indexOf('=');
        if (eq < 1) continue;
        const cookie = {
          host: hostname, path: defaultPath(pathname), name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), expires: undefined,
        };
        for (const attribute of attributes) {
          const [key, ...rest] = attribute.split('=');
          const value = rest.join('=').trim();
          switch (key.trim().toLowerCase()) {
            case 'path': if (value.startsWith('/')) cookie.path = value; break;
            case 'max-age': cookie.expires = Date.now() + Number(value) * 1000; break;
            case 'expires': if (cookie.expires === undefined) cookie.expires = Date.parse(value); break;
            default: break;
          }
        }
        const key = `${cookie.host}\n${cookie.path}\n${cookie.name}`;
        if (cookie.expires !== undefined && cookie.expires <= Date.now()) cookies.delete(key);
        else cookies.set(key, cookie);
      }
    },
    /** The Cookie header for a request to url, or undefined. */
    header(url) {
      const { hostname, pathname } = new URL(url);
      const now = Date.now();
      const matching = [...cookies.values()]
        .filter((c) => c.host === hostname && pathMatches(c.path, pathname) && (c.expires === undefined || c.expires > now))
        .sort((a, b) => b.path.length - a.path.length);
      return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
    },
    /** Every cookie, for failure messages. */
    list: () => [...cookies.values()],
  };
}

/** One request by the person's user agent: no redirect followed, cookies sent and kept. */
async function browse(jar, url, { method = 'GET', form } = {}) {
  const headers = { accept: 'text/html' };
  const cookie = jar.header(url);
  if (cookie) headers.cookie = cookie;
  let body;
  if (form) {
    body = new URLSearchParams(form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const response = await fetch(url, { method, headers, body, redirect: 'manual' });
  jar.store(url, response);
  const location = response.headers.get('location');
  const text = await response.text();
  return {
    status: response.status, location: location ? new URL(location, url).href : undefined, text, url,
  };
}

const decodeHtml = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({
  amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'",
}[e]));

/** The forms of a page: [{id, action, method, inputs: {name: value}}] (hidden and valued inputs). */
function formsOf(html, pageUrl) {
  const forms = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attr = (source, name) => {
      const m = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(source);
      return m ? decodeHtml(m[1]) : undefined;
    };
    const inputs = {};
    for (const input of match[2].matchAll(/<input\b([^>]*)>/gi)) {
      const name = attr(input[1], 'name');
      if (name) inputs[name] = attr(input[1], 'value') ?? '';
    }
    forms.push({
      id: attr(match[1], 'id'),
      action: new URL(attr(match[1], 'action') ?? pageUrl, pageUrl).href,
      method: (attr(match[1], 'method') ?? 'get').toUpperCase(),
      inputs,
    });
  }
  return forms;
}

const pageText = (html) => html.replace(/<head[\s\S]*?<\/head>/gi, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

function describeStep(step) {
  return `${step.status} at ${step.url}${step.location ? ` -> ${step.location}` : ''}: ${pageText(step.text).slice(0, 500)}`;
}

/** Whether url is the redirect_uri (same origin and path) that the authorization request named. */
function isRedirectUri(url, redirectUri) {
  const a = new URL(url);
  const b = new URL(redirectUri);
  return a.origin === b.origin && a.pathname === b.pathname;
}

/**
 * Plays a person signing in at startOpenIdProvider()'s provider, starting at the authorization URL the relying party
 * gave (<issuer>/auth?client_id&redirect_uri&response_type=code&scope&state&nonce&code_challenge...), and resolves
 * with the final redirect to the relying party's redirect_uri (<redirect_uri>?code=...&state=...&iss=<issuer>), which
 * it does not follow. With cancel: true the person presses Cancel instead, and the redirect carries
 * error=access_denied. Pass a jar (createCookieJar()) to keep the provider's session for signOutAtProvider() or for
 * a second sign-in without the form (single sign-on); a fresh jar is used otherwise. Rejects with what the provider
 * showed if it refuses (an unknown login, a redirect_uri it does not know, ...).
 */
export async function signInAtProvider(authorizationUrl, login, {
  password = 'any-password', cancel = false, jar = createCookieJar(), maxSteps = 12,
} = {}) {
  const redirectUri = new URL(authorizationUrl).searchParams.get('redirect_uri');
  assert.ok(redirectUri, `the authorization URL has no redirect_uri: ${authorizationUrl}`);
  let step = await browse(jar, authorizationUrl);
  let submitted = false;
  for (let n = 0; n < maxSteps; n += 1) {
    if (step.location && isRedirectUri(step.location, redirectUri)) return step.location;
    if (step.location && [301, 302, 303, 307].includes(step.status)) {
      step = await browse(jar, step.location);
      continue;
    }
    const forms = step.status === 200 ? formsOf(step.text, step.url) : [];
    const loginForm = forms.find((f) => f.id === 'login-form');
    const cancelForm = forms.find((f) => f.id === 'cancel-form');
    if (loginForm && !submitted) {
      submitted = true;
      step = cancel
        ? await browse(jar, cancelForm.action, { method: 'POST', form: cancelForm.inputs })
        : await browse(jar, loginForm.action, { method: 'POST', form: { ...loginForm.inputs, login, password } });
      continue;
    }
    // oidc-provider's self-submitting form (a session for another account had to end first).
    if (forms.length === 1 && /document\.forms\[0\]\.submit\(\)/.test(step.text)) {
      step = await browse(jar, forms[0].action, { method: forms[0].method, form: forms[0].inputs });
      continue;
    }
    throw new Error(`signing in as ${login} at the provider stopped: ${describeStep(step)}`);
  }
  throw new Error(`signing in as ${login} took more than ${maxSteps} steps; last: ${describeStep(step)}`);
}

/**
 * Plays a person at the provider's end_session_endpoint (the URL the relying party sent them to, with id_token_hint
 * or client_id, post_logout_redirect_uri and state), pressing "Yes, sign me out" (or "No, stay signed in" with
 * confirm: false), with the jar that signed in. Resolves with the redirect to post_logout_redirect_uri (not followed),
 * or, when none was given, with the URL of the provider's "Signed out" page.
 */
export async function signOutAtProvider(endSessionUrl, { jar = createCookieJar(), confirm = true, maxSteps = 8 } = {}) {
  let step = await browse(jar, endSessionUrl);
  const postLogout = new URL(endSessionUrl).searchParams.get('post_logout_redirect_uri');
  for (let n = 0; n < maxSteps; n += 1) {
    if (step.location && postLogout && isRedirectUri(step.location, postLogout)) return step.location;
    if (step.location && [301, 302, 303, 307].includes(step.status)) {
      step = await browse(jar, step.location);
      continue;
    }
    if (step.status === 200 && /<h1>Signed out<\/h1>/.test(step.text)) return step.url;
    const form = formsOf(step.text, step.url).find((f) => f.id === 'op.logoutForm' || /document\.forms\[0\]/.test(step.text));
    if (step.status === 200 && form) {
      const inputs = { ...form.inputs };
      if (form.id === 'op.logoutForm' && confirm) inputs.logout = 'yes';
      step = await browse(jar, form.action, { method: 'POST', form: inputs });
      continue;
    }
    throw new Error(`signing out at the provider stopped: ${describeStep(step)}`);
  }
  throw new Error(`signing out took more than ${maxSteps} steps; last: ${describeStep(step)}`);
}

// ---- startCraftedIssuer -----------------------------------------------------------------------------------------

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** RFC 6749 §2.3.1: client_id and client_secret are form-urlencoded before they are joined for Basic. */
const formDecode = (s) => decodeURIComponent(s.replace(/\+/g, ' '));

/** Sets or, where the value is undefined, deletes each key of overrides on target. */
function applyOverrides(target, overrides = {}) {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  return target;
}

/**
 * Starts a hand-made provider on a free port of 127.0.0.1 (in this process) whose id_tokens a test chooses.
 * Resolves with {issuer, discoveryIssuer, discoveryUrl, clientId, clientSecret, authorizations, tokenRequests,
 * nextToken(options), nextAuthorization(overrides), setAccount(account), stop()}.
 *
 * - issuer: what its discovery document and (by default) its id_tokens say. discoveryIssuer: the issuer to configure
 *   pswnet with (discovery at <discoveryIssuer>/.well-known/openid-configuration). They are equal unless
 *   tenantTemplate is true: then discoveryIssuer is http://127.0.0.1:<port>/organizations/v2.0 and issuer is
 *   http://127.0.0.1:<port>/{tenantid}/v2.0 literally (Microsoft Entra's multi-tenant discovery), and id_tokens carry
 *   iss http://127.0.0.1:<port>/<tid>/v2.0 and tid for the account's tid.
 * - /authorize records {client_id, redirect_uri, state, nonce, code_challenge, code_challenge_method, scope,
 *   response_type, query} in `authorizations` and answers 302 to redirect_uri?code&state (or error=invalid_request
 *   without an S256 code_challenge). nextAuthorization({code, state, iss, error, error_description, ...}) changes
 *   (undefined deletes) the parameters of the next such redirect only.
 * - /token checks grant_type, the code (once), redirect_uri, the client (client_secret_basic or client_secret_post)
 *   and the PKCE verifier (S256), records each request in `tokenRequests`, and answers
 *   {access_token, token_type: 'Bearer', expires_in: 300, id_token}.
 * - nextToken({claims, header, signWith, dropClaims, response}) shapes the next id_token only: claims and header are
 *   merged over the defaults (undefined deletes), dropClaims removes claims, signWith is 'known' (the JWKS key),
 *   'unknown-key' (a key not in the JWKS, under the JWKS key's kid: a forgery), 'none-alg' (alg none, no signature)
 *   or 'hmac-public-key' (HS256 keyed with the JWKS key's public PEM: the algorithm-confusion attack); response is
 *   merged over the token response's JSON (undefined deletes: { id_token: undefined }).
 * - Default claims: {iss, sub, aud: clientId, exp: now + 300, iat: now, nonce: the one /authorize recorded for the
 *   code, email, email_verified, name} (plus tid when the account has one, or always with tenantTemplate).
 */
export async function startCraftedIssuer({
  tenantTemplate = false,
  clientId = 'pswnet',
  clientSecret = 'a-test-client-secret',
  account: initialAccount = {},
} = {}) {
  const key = newSigningKey();
  const signingKey = await importJWK(key.privateJwk, 'RS256');
  const forgedKey = await importJWK(newSigningKey().privateJwk, 'RS256');
  const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' });

  let account = {
    sub: 'crafted-subject-1',
    email: 'crafted.person@council.example',
    email_verified: true,
    name: 'Crafted Person',
    tid: tenantTemplate ? '11111111-2222-3333-4444-555555555555' : undefined,
    ...initialAccount,
  };
  let tokenPlan;
  let authorizationPlan;
  const codes = new Map(); // code -> the recorded authorization
  const authorizations = [];
  const tokenRequests = [];

  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  const basePath = tenantTemplate ? '/organizations/v2.0' : '';
  const discoveryIssuer = `${origin}${basePath}`;
  const issuer = tenantTemplate ? `${origin}/{tenantid}/v2.0` : discoveryIssuer;
  const issuerFor = (tid) => (tenantTemplate ? issuer.replace('{tenantid}', tid) : issuer);

  const discovery = () => ({
    issuer,
    authorization_endpoint: `${discoveryIssuer}/authorize`,
    token_endpoint: `${discoveryIssuer}/token`,
    jwks_uri: `${discoveryIssuer}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'email', 'email_verified', 'name', ...(tenantTemplate ? ['tid'] : [])],
  });

  async function idToken(authorization, plan = {}) {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuerFor(account.tid),
      sub: account.sub,
      aud: clientId,
      exp: now + 300,
      iat: now,
      nonce: authorization.nonce,
      email: account.email,
      email_verified: account.email_verified,
      name: account.name,
    };
    if (account.tid !== undefined) claims.tid = account.tid;
    for (const name of Object.keys(claims)) if (claims[name] === undefined) delete claims[name];
    applyOverrides(claims, plan.claims);
    for (const name of plan.dropClaims ?? []) delete claims[name];

    const signWith = plan.signWith ?? 'known';
    switch (signWith) {
      case 'known':
        return new SignJWT(claims).setProtectedHeader(applyOverrides({ alg: 'RS256', kid: key.publicJwk.kid, typ: 'JWT' }, plan.header)).sign(signingKey);
      case 'unknown-key':
        return new SignJWT(claims).setProtectedHeader(applyOverrides({ alg: 'RS256', kid: key.publicJwk.kid, typ: 'JWT' }, plan.header)).sign(forgedKey);
      case 'hmac-public-key':
        return new SignJWT(claims).setProtectedHeader(applyOverrides({ alg: 'HS256', kid: key.publicJwk.kid, typ: 'JWT' }, plan.header)).sign(Buffer.from(publicPem));
      case 'none-alg':
        return `${b64url(applyOverrides({ alg: 'none', typ: 'JWT' }, plan.header))}.${b64url(claims)}.`;
      default:
        throw new Error(`nextToken: unknown signWith ${signWith}`);
    }
  }

  function authorize(url, res) {
    const q = url.searchParams;
    const record = {
      client_id: q.get('client_id'),
      redirect_uri: q.get('redirect_uri'),
      response_type: q.get('response_type'),
      scope: q.get('scope'),
      state: q.get('state'),
      nonce: q.get('nonce'),
      code_challenge: q.get('code_challenge'),
      code_challenge_method: q.get('code_challenge_method'),
      query: Object.fromEntries(q),
    };
    authorizations.push(record);
    if (!record.redirect_uri) {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri is required' });
      return;
    }
    const params = {};
    if (!record.code_challenge || record.code_challenge_method !== 'S256') {
      params.error = 'invalid_request';
      params.error_description = 'PKCE with code_challenge_method=S256 is required';
    } else {
      params.code = randomBytes(24).toString('base64url');
    }
    if (record.state !== null) params.state = record.state;
    applyOverrides(params, authorizationPlan);
    authorizationPlan = undefined;
    if (params.code) codes.set(params.code, record);
    const location = new URL(record.redirect_uri);
    for (const [name, value] of Object.entries(params)) location.searchParams.set(name, value);
    res.writeHead(302, { location: location.href, 'cache-control': 'no-store' });
    res.end();
  }

  async function token(req, res) {
    const body = new URLSearchParams(await readBody(req));
    const plan = tokenPlan ?? {};
    tokenPlan = undefined;
    const request = { headers: req.headers, body: Object.fromEntries(body) };
    tokenRequests.push(request);
    const refuse = (status, error, description) => sendJson(res, status, { error, error_description: description },
      status === 401 ? { 'www-authenticate': 'Basic realm="crafted"' } : {});

    let authId;
    let authSecret;
    const authorization = req.headers.authorization;
    if (authorization) {
      const [scheme, value = ''] = authorization.split(' ');
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (scheme.toLowerCase() !== 'basic' || colon < 0) return refuse(401, 'invalid_client', 'malformed Basic authorization');
      authId = formDecode(decoded.slice(0, colon));
      authSecret = formDecode(decoded.slice(colon + 1));
      request.clientAuth = 'client_secret_basic';
      if (body.has('client_secret')) return refuse(400, 'invalid_request', 'client authenticated twice');
    } else if (body.has('client_secret')) {
      authId = body.get('client_id');
      authSecret = body.get('client_secret');
      request.clientAuth = 'client_secret_post';
    } else {
      return refuse(401, 'invalid_client', 'no client authentication');
    }
    if (authId !== clientId || authSecret !== clientSecret) return refuse(401, 'invalid_client', 'wrong client_id or client_secret');
    if (body.has('client_id') && body.get('client_id') !== clientId) return refuse(400, 'invalid_request', 'client_id mismatch');

    if (body.get('grant_type') !== 'authorization_code') return refuse(400, 'unsupported_grant_type', 'only authorization_code');
    const code = body.get('code');
    const recorded = code ? codes.get(code) : undefined;
    if (!recorded) return refuse(400, 'invalid_grant', 'unknown or used code');
    codes.delete(code);
    if (recorded.client_id !== clientId) return refuse(400, 'invalid_grant', 'the code was issued to another client');
    if (body.get('redirect_uri') !== recorded.redirect_uri) return refuse(400, 'invalid_grant', 'redirect_uri differs from the authorization request');
    const verifier = body.get('code_verifier');
    if (!verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return refuse(400, 'invalid_grant', 'code_verifier missing or malformed');
    if (createHash('sha256').update(verifier).digest('base64url') !== recorded.code_challenge) {
      return refuse(400, 'invalid_grant', 'code_verifier does not match code_challenge');
    }

    const answer = {
      access_token: randomBytes(24).toString('base64url'),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: await idToken(recorded, plan),
    };
    applyOverrides(answer, plan.response);
    request.answer = answer;
    return sendJson(res, 200, answer);
  }

  server.on('request', (req, res) => {
    const url = new URL(req.url, origin);
    const inner = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined;
    Promise.resolve().then(async () => {
      if (req.method === 'GET' && inner === '/.well-known/openid-configuration') return sendJson(res, 200, discovery());
      if (req.method === 'GET' && inner === '/jwks') return sendJson(res, 200, { keys: [key.publicJwk] });
      if (req.method === 'GET' && inner === '/authorize') return authorize(url, res);
      if (req.method === 'POST' && inner === '/token') return token(req, res);
      return sendJson(res, 404, { error: 'not_found', path: url.pathname });
    }).catch((error) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: error.message });
      else res.end();
    });
  });

  return {
    issuer,
    discoveryIssuer,
    discoveryUrl: `${discoveryIssuer}/.well-known/openid-configuration`,
    port,
    clientId,
    clientSecret,
    /** The kid of the JWKS's one key. */
    kid: key.publicJwk.kid,
    authorizations,
    tokenRequests,
    nextToken(plan = {}) { tokenPlan = plan; },
    nextAuthorization(overrides = {}) { authorizationPlan = overrides; },
    setAccount(next) { account = { ...account, ...next }; },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => { server.close(() => resolve()); });
    },
  };
}

/**
 * For startCraftedIssuer(): requests the authorization URL the relying party gave and resolves with where it
 * redirects (the callback URL with code and state), without following it.
 */
export async function followToCallback(authorizationUrl) {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  await response.arrayBuffer();
  if (!location || response.status < 300 || response.status > 399) {
    throw new Error(`${authorizationUrl} answered ${response.status} without a redirect`);
  }
  return new URL(location, authorizationUrl).href;
}
