// The child process behind startOpenIdProvider() in oidc_provider.mjs: one real OpenID Provider (oidc-provider
// 9.13.3, the certified Node implementation) standing in for one council's identity provider in the end-to-end tests.
// Not for use on its own: the parent passes the whole configuration as JSON in $PSWNET_TEST_OIDC_PROVIDER_CONFIG:
//   { port (0 for a free one), tenant, clientId, clientSecret, redirectUris, postLogoutRedirectUris,
//     accounts: { login: { sub, email, email_verified, name } }, keys: [private RSA JWKs, signing key first] }
// and waits for one line on stdout, {"oidcProviderReady":true,"port":...,"issuer":"..."}. Anything else this process
// writes goes to stderr (oidc-provider's own notices included). It ends when its stdin closes (the parent went away)
// or on SIGTERM.
//
// The provider is mounted under /tenant-<tenant>, so its issuer is http://127.0.0.1:<port>/tenant-<tenant>, and it
// serves its own sign-in page (fields "login" and "password"; any password; the login must be one of `accounts`),
// grants consent by itself, and has RP-initiated logout. Every page it shows is self-contained: no fonts, scripts
// or images from anywhere else, so a browser test makes no request off this machine.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

// oidc-provider prints its notices with console.info; stdout is kept for the one ready line.
console.info = console.error;
console.log = console.error;

const config = JSON.parse(process.env.PSWNET_TEST_OIDC_PROVIDER_CONFIG ?? 'null');
if (!config) {
  console.error('oidc_provider_process.mjs: $PSWNET_TEST_OIDC_PROVIDER_CONFIG is not set; start it with startOpenIdProvider()');
  process.exit(2);
}
const debug = Boolean(process.env.PSWNET_TEST_OIDC_DEBUG);

const {
  tenant, clientId, clientSecret, redirectUris, postLogoutRedirectUris = [], accounts, keys,
} = config;
const mountPath = `/tenant-${tenant}`;
// Cookies of every server on 127.0.0.1 are shared whatever the port (pswnet's, and another tenant's), so this
// provider's cookies carry the tenant in their names and only go to its own paths.
const cookiePrefix = `op_${String(tenant).replace(/[^A-Za-z0-9]/g, '_')}`;

const accountsBySub = new Map(Object.values(accounts).map((account) => [account.sub, account]));

// ---- HTML -------------------------------------------------------------------------------------------------------

const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="data:,">
  <style>
    body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 26rem; padding: 0 1rem; color: #1b1b1b; }
    label { display: block; margin-top: 1rem; font-weight: 600; }
    input { display: block; width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
    button { margin-top: 1rem; padding: .5rem 1rem; font-size: 1rem; }
    .error { color: #a4000f; font-weight: 600; }
    .op { color: #505050; font-size: .9rem; }
  </style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function loginPage({ uid, clientName, loginHint = '', error }) {
  const base = `${mountPath}/interaction/${encodeURIComponent(uid)}`;
  return page(`Sign in to council ${tenant}`, `  <h1>Sign in to council ${escapeHtml(tenant)}</h1>
  <p class="op">Test identity provider ${escapeHtml(mountPath)}, signing you in to ${escapeHtml(clientName)}.</p>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
  <form id="login-form" method="post" action="${escapeHtml(`${base}/login`)}">
    <label for="login">Login</label>
    <input id="login" name="login" type="text" autocomplete="username" required autofocus value="${escapeHtml(loginHint)}">
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
  </form>
  <form id="cancel-form" method="post" action="${escapeHtml(`${base}/abort`)}">
    <button type="submit">Cancel</button>
  </form>`);
}

// ---- Provider configuration -------------------------------------------------------------------------------------

function findAccount(ctx, sub) {
  const account = accountsBySub.get(sub);
  if (!account) return undefined;
  return {
    accountId: sub,
    async claims() {
      return {
        sub, email: account.email, email_verified: account.email_verified, name: account.name,
      };
    },
  };
}

// Consent is granted by the provider itself: the client is this council's own relying party.
async function grantRequested(ctx, { accountId, clientId: forClient, scope, claims }) {
  const grant = new ctx.oidc.provider.Grant({ accountId, clientId: forClient });
  if (scope) grant.addOIDCScope(scope);
  if (claims?.length) grant.addOIDCClaims(claims);
  return grant;
}

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    client_name: `PSW Network (${clientId})`,
    application_type: 'web',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: redirectUris,
    post_logout_redirect_uris: postLogoutRedirectUris,
    id_token_signed_response_alg: 'RS256',
  }],
  // client_secret_basic and client_secret_post are interchangeable for a client registered with either.
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  responseTypes: ['code'],
  // oidc-provider only requires PKCE of public clients by default; a council's provider may require it of all.
  pkce: { required: () => true },
  enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
  jwks: { keys },
  findAccount,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // With response_type=code oidc-provider would otherwise put the scope's claims (email, name) only in userinfo;
  // councils' providers (Entra, Okta, Keycloak) put them in the id_token too.
  conformIdTokenClaims: false,
  cookies: {
    names: {
      session: `${cookiePrefix}_session`,
      interaction: `${cookiePrefix}_interaction`,
      resume: `${cookiePrefix}_resume`,
    },
    long: { httpOnly: true, sameSite: 'lax', path: mountPath },
    short: { httpOnly: true, sameSite: 'lax', path: mountPath },
    keys: [randomBytes(32).toString('base64url')],
  },
  ttl: {
    AuthorizationCode: 600,
    IdToken: 3600,
    AccessToken: 3600,
    Interaction: 3600,
    Session: 86400,
    Grant: 86400,
  },
  interactions: {
    url: (ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    if (!ctx.oidc.session.accountId) return undefined;
    const grant = await grantRequested(ctx, {
      accountId: ctx.oidc.session.accountId,
      clientId: ctx.oidc.client.clientId,
      scope: [...ctx.oidc.requestParamOIDCScopes].join(' '),
      claims: [...ctx.oidc.requestParamClaims],
    });
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page(`Sign out of council ${tenant}`, `  <h1>Sign out of council ${escapeHtml(tenant)}?</h1>
  ${form}
  <button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button>
  <button type="submit" form="op.logoutForm">No, stay signed in</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', `  <h1>Signed out</h1>
  <p>You have signed out of council ${escapeHtml(tenant)}.</p>`);
      },
    },
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Sign-in error', `  <h1>Sign-in error</h1>
  ${Object.entries(out).map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: <span class="${escapeHtml(key)}">${escapeHtml(value)}</span></p>`).join('\n  ')}`);
  },
};

// ---- The interaction pages (login, consent, cancel), outside the provider's own routes ---------------------------

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function interaction(provider, req, res, uid, action) {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (error) {
    sendHtml(res, 400, page('Sign-in error', `  <h1>Sign-in error</h1>
  <p role="alert">${escapeHtml(error.error_description || error.message)}</p>`));
    return;
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, page('Sign-in error', '  <h1>Sign-in error</h1>\n  <p role="alert">This sign-in has expired; start again.</p>'));
    return;
  }
  const { prompt, params, session } = details;
  const client = await provider.Client.find(params.client_id);
  const clientName = client?.clientName ?? params.client_id;

  if (req.method === 'POST' && action === 'abort') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'End-User aborted interaction',
    }, { mergeWithLastSubmission: false });
    return;
  }

  if (prompt.name === 'login') {
    if (req.method === 'GET' && !action) {
      sendHtml(res, 200, loginPage({ uid, clientName, loginHint: params.login_hint ?? '' }));
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const login = form.get('login') ?? '';
      const account = Object.hasOwn(accounts, login) ? accounts[login] : undefined;
      if (!account) {
        sendHtml(res, 200, loginPage({ uid, clientName, loginHint: login, error: `No account "${login}" at council ${tenant}.` }));
        return;
      }
      await provider.interactionFinished(req, res, {
        login: { accountId: account.sub },
      }, { mergeWithLastSubmission: false });
      return;
    }
  }

  if (prompt.name === 'consent') {
    // Never shown: consent for what the client asked is given at once (loadExistingGrant normally does it first).
    const { details: missing } = prompt;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, {
      mergeWithLastSubmission: true,
    });
    return;
  }

  sendHtml(res, 400, page('Sign-in error', `  <h1>Sign-in error</h1>\n  <p role="alert">Unexpected step ${escapeHtml(prompt.name)}.</p>`));
}

// ---- The server -------------------------------------------------------------------------------------------------

let handle = (req, res) => { res.writeHead(503).end(); };
const server = http.createServer((req, res) => {
  if (debug) console.error(`[op ${tenant}] ${req.method} ${req.url}`);
  Promise.resolve(handle(req, res)).catch((error) => {
    console.error(`[op ${tenant}] ${req.method} ${req.url} failed:`, error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end();
  });
});

async function listen(port) {
  // On a restart (key rotation) the port was the previous process's a moment ago; the kernel has freed it by the
  // time the parent saw that process exit, but retry briefly in case something else took it in between.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
      });
      return;
    } catch (error) {
      if (error.code !== 'EADDRINUSE' || port === 0 || attempt >= 50) throw error;
      await new Promise((resolve) => { setTimeout(resolve, 100); });
    }
  }
}

await listen(config.port ?? 0);
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}${mountPath}`;
const provider = new Provider(issuer, configuration);
for (const event of ['server_error', 'authorization.error', 'grant.error', 'end_session.error', 'discovery.error', 'jwks.error']) {
  provider.on(event, (ctx, error) => {
    if (debug || event === 'server_error') console.error(`[op ${tenant}] ${event}:`, error);
  });
}
const callback = provider.callback();

handle = async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host ?? `127.0.0.1:${port}`}`);
  if (url.pathname !== mountPath && !url.pathname.startsWith(`${mountPath}/`)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: this provider is under ${mountPath}`);
    return;
  }
  const inner = url.pathname.slice(mountPath.length) || '/';
  const interactionRoute = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(inner);
  if (interactionRoute) {
    await interaction(provider, req, res, decodeURIComponent(interactionRoute[1]), interactionRoute[2]);
    return;
  }
  // oidc-provider works out its mount path from req.originalUrl less req.url, as under express or koa-mount.
  req.originalUrl = req.url;
  req.url = `${inner}${url.search}`;
  await callback(req, res);
};

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));

process.stdout.write(`${JSON.stringify({
  oidcProviderReady: true, port, issuer, kids: keys.map((key) => key.kid),
})}\n`);
