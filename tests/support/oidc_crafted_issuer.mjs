// A provider made by hand (node:http, in this process) whose next id_token a test writes claim by claim, signs with
// the right key, a forged key, the public key as an HMAC secret, or not at all, to prove that pswnet refuses what it
// must; optionally with Microsoft Entra's multi-tenant {tenantid} issuer template. followToCallback() plays the
// person there (it answers /authorize with the callback at once). Nothing here reaches past 127.0.0.1.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { SignJWT, importJWK } from 'jose';
import { newSigningKey } from './oidc_provider.mjs';

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
