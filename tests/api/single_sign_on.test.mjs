// Signing in with a council's own identity provider (issue 13, item 3): OpenID Connect's Authorization Code flow
// with PKCE, state and nonce, against real providers run by the tests — two councils' oidc-provider processes
// (tenants), one of which rotates its keys — and a hand-made issuer whose tokens are forged, expired, for another
// audience, for another sign-in, unsigned or HMAC-signed, and which plays Microsoft Entra ID's multi-tenant issuer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, client, demoUsers, expectInvalidFields, expectProblem, parseSetCookie, signIn }
  from '../support/api.mjs';
import { addMember } from '../support/forum.mjs';
import { LOGIN, LOGOUT, ME } from '../support/identity.mjs';
import { addressedTo, waitForEmail } from '../support/mail.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { followToCallback, startCraftedIssuer } from '../support/oidc_crafted_issuer.mjs';
import { signInAtProvider } from '../support/oidc_person.mjs';
import { startOpenIdProvider } from '../support/oidc_provider.mjs';
import { runPswnet, startServer } from '../support/server.mjs';

const START = '/api/v1/auth/single-sign-on';
const PROVIDERS = '/api/v1/identity-providers';
const policyOf = (id) => `/api/v1/organisations/${id}/sign-in-policy`;
const requestsOf = (id) => `/api/v1/organisations/${id}/access-requests`;
const southwarkDomain = 'southwark.demo.pswnet.uk';
const wiltshireDomain = 'wiltshire.demo.pswnet.uk';
const southamptonDomain = 'southampton.demo.pswnet.uk';

/** The cookie header value of the named cookies among a response's Set-Cookie headers. */
function cookiesOf(res, pattern) {
  return res.headers.getSetCookie().map(parseSetCookie).filter((c) => pattern.test(c.name) && c.value !== '')
    .map((c) => `${c.name}=${c.value}`).join('; ');
}

describe('signing in with the council identity provider', () => {
  let server, api, sam, grace, tom, amira, tenantA, tenantB, crafted, craftedTenants;
  const ids = {};
  const added = {};

  /** Starts a sign-in for `email`: {start (the answer), binding (its cookie)}. */
  async function begin(email, returnTo) {
    const start = await api.post(START, { email, ...(returnTo ? { return_to: returnTo } : {}) });
    assert.equal(start.status, 200, start.text);
    expectDocumented(start, 'post', START);
    return { start, binding: cookiesOf(start, /pswnet_sign_in$/) };
  }

  /** The browser back at the callback: {res, location, session (a cookie header, or '')}. */
  async function back(callbackUrl, binding) {
    const res = await api.get(callbackUrl, { headers: binding ? { cookie: binding } : {} });
    assert.equal(res.status, 303, res.text);
    return { res, location: res.headers.get('location'), session: cookiesOf(res, /pswnet_session$/) };
  }

  /** A whole sign-in at a real provider as `login`; resolves with back()'s answer. */
  async function councilSignIn(email, login, { provider, returnTo } = {}) {
    const { start, binding } = await begin(email, returnTo);
    if (provider) assert.ok(start.body.authorization_url.startsWith(provider.issuer), start.body.authorization_url);
    return back(await signInAtProvider(start.body.authorization_url, login), binding);
  }

  /** A whole sign-in through the crafted issuer, whose next token `plan` shapes. */
  async function craftedSignIn(issuer, email, plan) {
    const { start, binding } = await begin(email);
    if (plan) issuer.nextToken(plan);
    return back(await followToCallback(start.body.authorization_url), binding);
  }

  const whoIs = async (session) => api.get(ME, { headers: { cookie: session } });

  before(async () => {
    server = await startServer();
    api = client(server.baseUrl);
    [sam, grace, tom, amira] = await Promise.all(
      [demoUsers.sam, demoUsers.grace, demoUsers.tom, demoUsers.amira].map((email) => signIn(server.baseUrl, email)));
    ids.southwark = grace.user.organisation.id;
    ids.wiltshire = tom.user.organisation.id;
    ids.southampton = amira.user.organisation.id;
    const redirectUris = [`${server.baseUrl}/api/v1/auth/single-sign-on/callback`];
    const postLogoutRedirectUris = [`${server.baseUrl}/signed-out`];
    [tenantA, tenantB, crafted, craftedTenants] = await Promise.all([
      startOpenIdProvider({
        tenant: 'a', redirectUris, postLogoutRedirectUris,
        accounts: {
          grace: { sub: 'a-grace', email: demoUsers.grace, email_verified: true, name: 'Grace Admin' },
          newcomer: { sub: 'a-newcomer', email: `newcomer@${southwarkDomain}`, email_verified: true, name: 'Nia Newcomer' },
          declined: { sub: 'a-declined', email: `declined@${southwarkDomain}`, email_verified: true, name: 'Dee Clined' },
          unverified: { sub: 'a-unverified', email: `unverified@${southwarkDomain}`, email_verified: false, name: 'U V' },
          stranger: { sub: 'a-stranger', email: `stranger@${wiltshireDomain}`, email_verified: true, name: 'S Tranger' },
        },
      }),
      startOpenIdProvider({
        tenant: 'b', redirectUris, postLogoutRedirectUris,
        accounts: { tom: { sub: 'b-tom', email: demoUsers.tom, email_verified: true, name: 'Tom Adults' } },
      }),
      startCraftedIssuer({ account: { sub: 'c-amira', email: demoUsers.amira, name: 'Amira Children' } }),
      startCraftedIssuer({ tenantTemplate: true, account: { sub: 'entra-1', email: 'ella@entra.example.test' } }),
    ]);
  });
  after(async () => {
    await Promise.all([tenantA, tenantB, crafted, craftedTenants].map((p) => p?.stop()));
    await server?.stop();
  });

  it('network administrators add providers, checked against their discovery documents; nobody else can', async () => {
    const settings = (provider, domain, organisationId, extra = {}) => ({
      name: `Council ${domain}`, issuer: provider.issuer, client_id: provider.clientId,
      client_secret: provider.clientSecret, domains: [domain], organisations: [{ organisation_id: organisationId }],
      ...extra,
    });
    expectProblem(await api.post(PROVIDERS, settings(tenantA, southwarkDomain, ids.southwark), { auth: grace }), 403);
    expectProblem(await api.get(PROVIDERS, { auth: tom }), 403);
    expectInvalidFields(await api.post(PROVIDERS,
      settings(tenantA, southwarkDomain, ids.southwark, { issuer: 'http://login.example.test/a' }), { auth: sam }),
    ['issuer']);
    expectInvalidFields(await api.post(PROVIDERS,
      settings(tenantA, 'not a domain', ids.southwark, { client_secret: '', organisations: [{ organisation_id: 999999 }] }),
      { auth: sam }), ['client_secret', 'domains[0]', 'organisations[0].organisation_id']);
    // An issuer whose discovery document is not there: nothing is added.
    const missing = await api.post(PROVIDERS,
      settings(tenantA, southwarkDomain, ids.southwark, { issuer: `${tenantA.issuer}-nowhere` }), { auth: sam });
    expectInvalidFields(missing, ['issuer']);
    assert.deepEqual((await api.get(PROVIDERS, { auth: sam })).body.items, []);

    const a = await api.post(PROVIDERS, settings(tenantA, southwarkDomain, ids.southwark), { auth: sam });
    assert.equal(a.status, 201, a.text);
    expectDocumented(a, 'post', PROVIDERS);
    added.a = a.body;
    assert.equal(a.body.redirect_uri, `${server.baseUrl}/api/v1/auth/single-sign-on/callback`);
    assert.deepEqual(a.body.organisations, [{ id: ids.southwark, name: grace.user.organisation.name, tenant_id: null }]);
    const b = await api.post(PROVIDERS, settings(tenantB, wiltshireDomain, ids.wiltshire), { auth: sam });
    assert.equal(b.status, 201, b.text);
    added.b = b.body;
    const c = await api.post(PROVIDERS, settings(crafted, southamptonDomain, ids.southampton,
      { issuer: crafted.discoveryIssuer }), { auth: sam });
    assert.equal(c.status, 201, c.text);
    added.c = c.body;

    // One provider per domain.
    expectProblem(await api.post(PROVIDERS, settings(tenantB, southwarkDomain, ids.wiltshire,
      { issuer: `${tenantB.issuer}` }), { auth: sam }), 409);
    const list = await api.get(PROVIDERS, { auth: sam });
    expectDocumented(list, 'get', PROVIDERS);
    assert.deepEqual(list.body.items.map((p) => p.domains[0]).sort(), [southamptonDomain, southwarkDomain, wiltshireDomain]);
    assert.ok(!list.text.includes(tenantA.clientSecret), 'the client secret is never given back');
  });

  it('a first sign-in links the account with the same email address and lands where the person was going', async () => {
    const { location, session } = await councilSignIn(demoUsers.grace, 'grace', { provider: tenantA, returnTo: '/discussions' });
    assert.equal(location, '/discussions');
    const me = await whoIs(session);
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.email, demoUsers.grace);
    const tomsTurn = await councilSignIn(demoUsers.tom, 'tom', { provider: tenantB, returnTo: '//elsewhere.example/' });
    assert.equal(tomsTurn.location, '/', 'never to another site');
    assert.equal((await whoIs(tomsTurn.session)).body.email, demoUsers.tom);
  });

  it('a provider signs in only the domains and organisations it was added for', async () => {
    const { location, session } = await councilSignIn(`someone@${southwarkDomain}`, 'stranger');
    assert.equal(location, '/sign-in?single_sign_on=not-permitted');
    assert.equal(session, '');
    assert.equal((await councilSignIn(`someone@${southwarkDomain}`, 'unverified')).location,
      '/sign-in?single_sign_on=not-permitted', 'an address the provider has not verified is not linked');
    expectProblem(await api.post(START, { email: 'someone@nowhere.example.test' }), 404, { type: '/problems/no-single-sign-on' });
    expectInvalidFields(await api.post(START, { email: 'not an address' }), ['email']);
  });

  it('someone with no account asks to join, and their organisation administrators approve or decline', async () => {
    const asked = await councilSignIn(`newcomer@${southwarkDomain}`, 'newcomer');
    assert.equal(asked.location, '/sign-in?single_sign_on=awaiting-approval');
    assert.equal(asked.session, '');
    assert.equal((await councilSignIn(`declined@${southwarkDomain}`, 'declined')).location,
      '/sign-in?single_sign_on=awaiting-approval');

    // Southwark's administrator is told, in the service and by email, once however often the person tries.
    const told = await waitForEmail(server.mailDir,
      (mail) => addressedTo(demoUsers.grace)(mail) && mail.subject === 'Nia Newcomer asks to join Southwark');
    assert.match(told.text, /\/organisations\/\d+#access-requests/);
    assert.equal((await councilSignIn(`newcomer@${southwarkDomain}`, 'newcomer')).location,
      '/sign-in?single_sign_on=awaiting-approval');
    const notices = (await api.get('/api/v1/notifications', { auth: grace })).body.items
      .filter((n) => n.kind === 'access_request');
    assert.deepEqual(notices.map((n) => [n.subject.type, n.subject.title, n.subject.link]).sort(), [
      ['access_request', 'Dee Clined asks to join Southwark', `/organisations/${ids.southwark}#access-requests`],
      ['access_request', 'Nia Newcomer asks to join Southwark', `/organisations/${ids.southwark}#access-requests`],
    ]);
    const tomsNotices = (await api.get('/api/v1/notifications', { auth: tom })).body.items;
    assert.equal(tomsNotices.filter((n) => n.kind === 'access_request').length, 0, 'only that organisation\'s administrators');

    expectProblem(await api.get(requestsOf(ids.southwark), { auth: tom }), 403);
    expectProblem(await api.get(requestsOf(ids.southwark), { auth: amira }), 403);
    const requests = await api.get(requestsOf(ids.southwark), { auth: grace });
    assert.equal(requests.status, 200, requests.text);
    expectDocumented(requests, 'get', '/api/v1/organisations/{id}/access-requests');
    const byEmail = Object.fromEntries(requests.body.items.map((r) => [r.email, r]));
    assert.equal(byEmail[`newcomer@${southwarkDomain}`].display_name, 'Nia Newcomer');
    assert.equal(byEmail[`newcomer@${southwarkDomain}`].provider_name, added.a.name);

    const newcomer = byEmail[`newcomer@${southwarkDomain}`].id;
    expectProblem(await api.post(`${requestsOf(ids.wiltshire)}/${newcomer}/approval`, { sector: 'both' }, { auth: tom }), 403);
    expectInvalidFields(await api.post(`${requestsOf(ids.southwark)}/${newcomer}/approval`, { sector: 'everyone' },
      { auth: grace }), ['sector']);
    const approved = await api.post(`${requestsOf(ids.southwark)}/${newcomer}/approval`, { sector: 'adults' },
      { auth: grace });
    assert.equal(approved.status, 201, approved.text);
    const email = await waitForEmail(server.mailDir, addressedTo(`newcomer@${southwarkDomain}`));
    assert.equal(email.subject, 'Your PSW Network account is ready');

    const declined = byEmail[`declined@${southwarkDomain}`].id;
    assert.equal((await api.delete(`${requestsOf(ids.southwark)}/${declined}`, { auth: grace })).status, 204);
    expectProblem(await api.delete(`${requestsOf(ids.southwark)}/${declined}`, { auth: grace }), 404);
    assert.deepEqual((await api.get(requestsOf(ids.southwark), { auth: grace })).body.items, []);
    const left = (await api.get('/api/v1/notifications', { auth: grace })).body.items;
    assert.equal(left.filter((n) => n.kind === 'access_request').length, 0, 'decided requests are no longer news');

    const joined = await councilSignIn(`newcomer@${southwarkDomain}`, 'newcomer');
    assert.equal(joined.location, '/');
    const me = await whoIs(joined.session);
    assert.equal(me.body.email, `newcomer@${southwarkDomain}`);
    assert.equal(me.body.sector, 'adults');
    assert.equal(me.body.organisation.id, ids.southwark);
  });

  it('a sign-in completes only once, in the browser that started it, and says when the person cancelled', async () => {
    const { start, binding } = await begin(demoUsers.grace);
    const callback = await signInAtProvider(start.body.authorization_url, 'grace');
    assert.equal((await back(callback, '')).location, '/sign-in?single_sign_on=expired', 'another browser');
    assert.equal((await back(callback, binding)).location, '/sign-in?single_sign_on=expired', 'the state is spent');

    const cancelled = await begin(demoUsers.grace);
    const refusal = await signInAtProvider(cancelled.start.body.authorization_url, 'grace', { cancel: true });
    assert.equal((await back(refusal, cancelled.binding)).location, '/sign-in?single_sign_on=cancelled');
    assert.equal((await back(`${server.baseUrl}${START}/callback?state=made-up&code=x`, binding)).location,
      '/sign-in?single_sign_on=expired');
  });

  it('refuses forged, expired, wrong-audience, wrong-nonce, unsigned and HMAC-signed ID tokens', async () => {
    const good = await craftedSignIn(crafted, demoUsers.amira);
    assert.equal((await whoIs(good.session)).body.email, demoUsers.amira, 'the crafted issuer works when honest');
    const now = Math.floor(Date.now() / 1000);
    const plans = {
      forged: { signWith: 'unknown-key' },
      expired: { claims: { exp: now - 600, iat: now - 900 } },
      'wrong audience': { claims: { aud: 'another-service' } },
      'wrong nonce': { claims: { nonce: 'not-this-sign-in' } },
      'another issuer': { claims: { iss: tenantA.issuer } },
      unsigned: { signWith: 'none-alg' },
      'HMAC with the public key': { signWith: 'hmac-public-key' },
      'no ID token': { response: { id_token: undefined } },
    };
    for (const [name, plan] of Object.entries(plans)) {
      const refused = await craftedSignIn(crafted, demoUsers.amira, plan);
      assert.equal(refused.location, '/sign-in?single_sign_on=failed', name);
      assert.equal(refused.session, '', `${name}: no session`);
    }
    assert.ok(crafted.tokenRequests.every((r) => r.body.code_verifier && r.headers.authorization?.startsWith('Basic ')), 'every code was redeemed with its PKCE verifier, by an authenticated client');
  });

  it('handles a key rotation at the provider', async () => {
    const before = tenantA.currentKid();
    await tenantA.rotateKeys({ keepOld: false });
    assert.notEqual(tenantA.currentKid(), before);
    const { session } = await councilSignIn(demoUsers.grace, 'grace');
    assert.equal((await whoIs(session)).body.email, demoUsers.grace);
  });

  it("signing out ends the provider's session too where it supports RP-initiated logout", async () => {
    const { session } = await councilSignIn(demoUsers.tom, 'tom');
    const csrf = (await whoIs(session)).body.csrf_token;
    const out = await api.post(LOGOUT, undefined, { headers: { cookie: session, 'x-csrf-token': csrf } });
    assert.equal(out.status, 200, out.text);
    expectDocumented(out, 'post', LOGOUT);
    const url = new URL(out.body.provider_sign_out_url);
    assert.ok(url.href.startsWith(tenantB.issuer), url.href);
    assert.equal(url.searchParams.get('post_logout_redirect_uri'), `${server.baseUrl}/signed-out`);
    assert.equal(url.searchParams.get('client_id'), tenantB.clientId);
    expectProblem(await whoIs(session), 401);

    const withPassword = await signIn(server.baseUrl, demoUsers.amira);
    assert.equal((await api.post(LOGOUT, undefined, { auth: withPassword })).status, 204);
  });

  it('an organisation can require its council sign-in, which refuses passwords', async () => {
    const member = await addMember(server, { organisation: 'E09000028' }); // Southwark
    const noProvider = await api.put(policyOf(sam.user.organisation.id), { single_sign_on_required: true }, { auth: sam });
    expectInvalidFields(noProvider, ['single_sign_on_required']);
    const refusedWhereNoProvider = await api.put(policyOf(ids.wiltshire), { single_sign_on_required: true },
      { auth: tom });
    expectProblem(refusedWhereNoProvider, 403);
    const required = await api.put(policyOf(ids.southwark), { single_sign_on_required: true }, { auth: grace });
    assert.equal(required.status, 200, required.text);
    expectDocumented(required, 'put', '/api/v1/organisations/{id}/sign-in-policy');
    assert.equal(required.body.single_sign_on_required, true);
    assert.equal(required.body.single_sign_on_available, true);
    assert.equal(required.body.two_factor_required, false, 'the other half of the policy is left as it was');

    const refused = await api.post(LOGIN, { email: member.user.email, password: DEMO_PASSWORD });
    expectProblem(refused, 401, { type: '/problems/single-sign-on-required' });
    const wrongPassword = await api.post(LOGIN, { email: member.user.email, password: 'not-the-password' });
    expectProblem(wrongPassword, 401, { type: '/problems/invalid-credentials' });
    assert.equal((await api.post(LOGIN, { email: demoUsers.amira, password: DEMO_PASSWORD })).status, 200,
      'other organisations still sign in with passwords');
    assert.equal((await councilSignIn(demoUsers.grace, 'grace')).location, '/');

    const relaxed = await api.put(policyOf(ids.southwark), { single_sign_on_required: false }, { auth: sam });
    assert.equal(relaxed.body.single_sign_on_required, false);
    assert.equal((await api.post(LOGIN, { email: member.user.email, password: DEMO_PASSWORD })).status, 200);
  });

  it('a multi-tenant provider (Microsoft Entra ID) tells councils apart by their tenant', async () => {
    const entraDomain = 'entra.example.test';
    const withoutTenant = await api.post(PROVIDERS, {
      name: 'Microsoft Entra ID', issuer: craftedTenants.discoveryIssuer, client_id: craftedTenants.clientId,
      client_secret: craftedTenants.clientSecret, domains: [entraDomain],
      organisations: [{ organisation_id: ids.wiltshire }],
    }, { auth: sam });
    expectInvalidFields(withoutTenant, ['organisations[0].tenant_id']);
    const entra = await api.post(PROVIDERS, {
      name: 'Microsoft Entra ID', issuer: craftedTenants.discoveryIssuer, client_id: craftedTenants.clientId,
      client_secret: craftedTenants.clientSecret, domains: [entraDomain],
      organisations: [{ organisation_id: ids.wiltshire, tenant_id: '11111111-2222-3333-4444-555555555555' },
        { organisation_id: ids.southampton, tenant_id: '99999999-2222-3333-4444-555555555555' }],
    }, { auth: sam });
    assert.equal(entra.status, 201, entra.text);

    const asked = await craftedSignIn(craftedTenants, `ella@${entraDomain}`);
    assert.equal(asked.location, '/sign-in?single_sign_on=awaiting-approval');
    const wiltshireRequests = await api.get(requestsOf(ids.wiltshire), { auth: sam });
    assert.deepEqual(wiltshireRequests.body.items.map((r) => r.email), [`ella@${entraDomain}`],
      'the request goes to the organisation of the person\'s tenant');

    craftedTenants.setAccount({ sub: 'entra-2', email: `eve@${entraDomain}`, tid: 'aaaaaaaa-0000-0000-0000-000000000000' });
    assert.equal((await craftedSignIn(craftedTenants, `eve@${entraDomain}`)).location,
      '/sign-in?single_sign_on=not-permitted', 'a tenant no organisation has');
    assert.equal((await api.delete(`${PROVIDERS}/${entra.body.id}`, { auth: sam })).status, 204);
    expectProblem(await api.get(`${PROVIDERS}/${entra.body.id}`, { auth: sam }), 404);
  });

  it('pswnet idp add reads the client secret from standard input and checks the provider', async () => {
    const env = { PSWNET_DATABASE_URL: server.databaseUrl };
    const secret = 'a-secret-from-standard-input';
    const refused = await runPswnet(['idp', 'add', '--name', 'Nowhere', '--issuer', 'http://nowhere.example.test',
      '--client-id', 'pswnet', '--client-secret-stdin', '--domain', 'nowhere.example.test',
      '--organisation', 'E09000028'], { env, input: `${secret}\n` });
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /issuer must be an https address/);
    const result = await runPswnet(['idp', 'add', '--name', 'Council B again', '--issuer', tenantB.issuer,
      '--client-id', tenantB.clientId, '--client-secret-stdin', '--domain', 'cli.example.test',
      '--organisation', 'E09000028'], { env, input: `${tenantB.clientSecret}\n` });
    assert.equal(result.code, 1, 'the issuer is council B\'s already');
    const usage = await runPswnet(['idp', 'add', '--name', 'x'], { env });
    assert.equal(usage.code, 2);
    const list = await runPswnet(['idp', 'list'], { env });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(tenantA.issuer.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    assert.ok(!list.stdout.includes(tenantA.clientSecret));
  });

  it('shows organisation administrators who may have left: council sign-ins stopped, or refused', async () => {
    const leavers = (id, auth) => api.get(`/api/v1/organisations/${id}/possible-leavers`, { auth });
    expectProblem(await leavers(ids.southwark, tom), 403);
    const none = await leavers(ids.southwark, grace);
    assert.equal(none.status, 200, none.text);
    expectDocumented(none, 'get', '/api/v1/organisations/{id}/possible-leavers');
    assert.deepEqual(none.body, { items: [], lapse_days: 30 });

    // Grace's last council sign-in, 31 days ago (as if she had stopped using it then).
    await server.db.query(`UPDATE external_identities SET last_signed_in_at = now() - interval '31 days'
                           WHERE subject = 'a-grace'`);
    const lapsed = await leavers(ids.southwark, grace);
    assert.deepEqual(lapsed.body.items.map((p) => [p.email, p.refusal]), [[demoUsers.grace, null]]);

    // Tom's council refuses him (at its sign-in page, as it does a disabled account).
    const { start, binding } = await begin(demoUsers.tom);
    const refusal = await signInAtProvider(start.body.authorization_url, 'tom', { cancel: true });
    assert.equal((await back(refusal, binding)).location, '/sign-in?single_sign_on=cancelled');
    const refused = await leavers(ids.wiltshire, sam);
    assert.deepEqual(refused.body.items.map((p) => [p.email, p.refusal]), [[demoUsers.tom, 'access_denied']]);
    assert.ok(refused.body.items[0].refused_at);

    // Signing in again clears both.
    await councilSignIn(demoUsers.tom, 'tom');
    await councilSignIn(demoUsers.grace, 'grace');
    assert.deepEqual((await leavers(ids.wiltshire, sam)).body.items, []);
    assert.deepEqual((await leavers(ids.southwark, grace)).body.items, []);
  });

  it('removing the provider of an organisation that requires it lets its people use passwords again', async () => {
    const member = await addMember(server, { organisation: 'E09000028' }); // Southwark
    const required = await api.put(policyOf(ids.southwark), { single_sign_on_required: true }, { auth: grace });
    assert.equal(required.status, 200, required.text);
    expectProblem(await api.post(LOGIN, { email: member.user.email, password: DEMO_PASSWORD }), 401,
      { type: '/problems/single-sign-on-required' });
    assert.equal((await api.delete(`${PROVIDERS}/${added.a.id}`, { auth: sam })).status, 204);
    assert.equal((await api.post(LOGIN, { email: member.user.email, password: DEMO_PASSWORD })).status, 200);
    const policy = await api.get(policyOf(ids.southwark), { auth: grace });
    assert.equal(policy.body.single_sign_on_available, false);
    expectProblem(await api.post(START, { email: demoUsers.grace }), 404, { type: '/problems/no-single-sign-on' });
  });
});

describe('council sign-ins started from one address', () => {
  let server, api, issuer;
  before(async () => {
    server = await startServer();
    api = client(server.baseUrl);
    issuer = await startCraftedIssuer({ account: { sub: 'c-amira', email: demoUsers.amira } });
    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    const added = await api.post(PROVIDERS, { name: 'Southampton', issuer: issuer.discoveryIssuer,
      client_id: issuer.clientId, client_secret: issuer.clientSecret, domains: [southamptonDomain],
      organisations: [{ organisation_id: amira.user.organisation.id }] }, { auth: sam });
    assert.equal(added.status, 201, added.text);
  });
  after(async () => {
    await issuer?.stop();
    await server?.stop();
  });

  it('are throttled when many are left unfinished, and a finished one clears the count', async () => {
    const start = () => api.post(START, { email: demoUsers.amira });
    let answer;
    for (let i = 0; i < 40; i += 1) {
      answer = await start();
      if (answer.status !== 200) break;
    }
    const problem = expectProblem(answer, 429);
    assert.match(problem.detail, /Too many council sign-ins/);
    assert.ok(Number(answer.headers.get('retry-after')) >= 1);
    const waited = await server.db.query(
      "UPDATE login_throttle SET blocked_until = now() WHERE key LIKE 'single-sign-on address:%' RETURNING 1");
    assert.equal(waited.rowCount, 1, 'the wait is over (as if it had passed)');
    const last = await start();
    assert.equal(last.status, 200, last.text);
    const binding = cookiesOf(last, /pswnet_sign_in$/);
    const back = await api.get(await followToCallback(last.body.authorization_url), { headers: { cookie: binding } });
    assert.equal(back.headers.get('location'), '/');
    assert.equal((await server.db.query("SELECT 1 FROM login_throttle WHERE key LIKE 'single-sign-on address:%'"))
      .rowCount, 0, 'a finished sign-in forgets the address\'s unfinished ones');
  });
});
