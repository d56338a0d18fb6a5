// Authorization end to end: every route that `pswnet routes` lists, called as anonymous, as people of the owning
// organisation (Southampton: the author of the objects, a colleague, its org_admin), of another local authority in
// the same region (Portsmouth) and in others (Wiltshire; Southwark's org_admin), as the CSW office, a moderator and a
// network administrator, on objects of each visibility owned by Southampton (or by the office); each status is
// compared with the table below, written out by hand from the rules (README.md, schemas/openapi.yaml). Every refusal
// of a write must leave the database as it was, and every kind of WebSocket channel is subscribed to by each caller
// too. A route that the table lacks fails the test, so no new route escapes it. Against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, demoUsers, request, sessionFrom, signIn } from '../support/api.mjs';
import { consultationJson, days, submission, timeIn } from '../support/consultations.mjs';
import { foldedInTheBackground, invitationTokenFor, tableNames } from '../support/database.mjs';
import { addMember, uniqueWord } from '../support/forum.mjs';
import { NEW_PASSWORD, invitationFor, newEmail } from '../support/identity.mjs';
import { newResource } from '../support/library.mjs';
import { addressedTo, unsubscribeLinkOf, waitForEmail } from '../support/mail.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { pollUntil, runPswnetOk, startServer } from '../support/server.mjs';
import { openWebSocket, subscribe } from '../support/websocket.mjs';

// ---------------------------------------------------------------------------------------------------------------
// Who calls. The objects are Southampton's (South East), made by `author`; the consultations are the office's.
const callers = ['anonymous', 'author', 'southamptonMember', 'southamptonAdmin', 'portsmouthMember', 'wiltshireMember',
  'southwarkAdmin', 'cswOffice', 'moderator', 'networkAdmin'];

// Names for several callers at once, from the widest to the narrowest; a narrower name wins over a wider one, and a
// caller's own name over any group. Two groups of the same width may not disagree about a caller.
const groupTiers = [
  { everyone: callers },
  { signedIn: callers.slice(1) },
  { others: ['portsmouthMember', 'wiltshireMember', 'southwarkAdmin'] }, // members of other local authorities
  {
    owner: ['author', 'southamptonMember', 'southamptonAdmin'], // the owning organisation, Southampton
    otherRegion: ['wiltshireMember', 'southwarkAdmin'], // other local authorities outside the South East
    moderators: ['moderator', 'networkAdmin'], // see every resource and discussion, moderate
    officeUsers: ['cswOffice', 'networkAdmin'], // run consultations
  },
];

/** A status per caller from a spec such as {anonymous: 401, signedIn: 200, others: 404}; fails on a gap. */
function expand(spec, what) {
  const result = {};
  const tiers = [...groupTiers, Object.fromEntries(callers.map((caller) => [caller, [caller]]))];
  const known = new Set(tiers.flatMap((tier) => Object.keys(tier)));
  for (const key of Object.keys(spec)) assert.ok(known.has(key), `${what}: the table names no caller or group ${key}`);
  for (const tier of tiers) {
    const set = {};
    for (const [group, members] of Object.entries(tier)) {
      if (!(group in spec)) continue;
      for (const caller of members) {
        assert.ok(!(caller in set) || set[caller] === spec[group], `${what}: ${group} and another group disagree about ${caller}`);
        set[caller] = spec[group];
      }
    }
    Object.assign(result, set);
  }
  const missing = callers.filter((caller) => !(caller in result));
  assert.deepEqual(missing, [], `${what}: the table gives no status for ${missing.join(', ')}`);
  return result;
}

const visibilities = ['network', 'region', 'organisation'];

// The same pattern again and again: who may see a Southampton object of each visibility, by the rule of
// ResourceVisibility (which a discussion of a resource takes on). Written out here once per visibility, so that each
// row below says what the others get.
const seen = {
  network: { anonymous: 401, signedIn: 'ok' },
  region: { anonymous: 401, signedIn: 'ok', otherRegion: 404, cswOffice: 404 },
  organisation: { anonymous: 401, signedIn: 'ok', others: 404, cswOffice: 404 },
};
/** For each visibility: {anonymous: 401, callers who see it: `ok` and the overrides, the others: 404}. */
function byVisibility(ok, overrides = {}) {
  return Object.fromEntries(visibilities.map((visibility) => {
    const spec = { ...seen[visibility], ...overrides };
    return [visibility, Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, v === 'ok' ? ok : v]))];
  }));
}
/** Like byVisibility, but only the callers who see the object get the overrides; who does not see it gets 404. */
function byVisibilityRefusing(ok, overrides) {
  const result = byVisibility(ok, overrides);
  for (const [visibility, spec] of Object.entries(result)) {
    const expanded = expand(spec, visibility);
    const visible = expand(byVisibility('ok')[visibility], visibility);
    for (const caller of callers) if (visible[caller] === 404) expanded[caller] = 404;
    result[visibility] = expanded;
  }
  return result;
}

// Routes for moderators only answer everyone else 403 before looking the object up, whether it exists, is visible or
// not: the same answer for every id, so it tells nothing about the object.
const moderatorsOnly = Object.fromEntries(visibilities.map((visibility) =>
  [visibility, { anonymous: 401, signedIn: 403, moderators: 200 }]));

// ---------------------------------------------------------------------------------------------------------------
// The table: one row per route of `pswnet routes`. `expect` is a spec (see expand) or, with `variants`, one spec per
// variant (the visibility of the object, or its state). `request({caller, variant, session})` says how to call it:
// path parameters, query, JSON or raw body, headers, and `auth` when it is not the caller's session. It may first
// make a throwaway object (as the author, the office or the network administrator) with spare(): the same one for
// every call until a call answers 2xx and so uses it up (the request names it in `spare`). `shows(body, caller)`, for
// lists and search, says what a 200 shows that it should not (or misses); `answered(res, {caller})` keeps what a
// later row needs. Rows are called in `pswnet routes` order, every GET first, so that no write changes what a read
// finds.
let fx; // the fixtures: ids of Southampton's objects, made in before()

const threadVariants = [...visibilities];
const text = (words) => `${words} ${uniqueWord()}`;

// A word in the title of every fixture thread and resource, so that lists and search can be asked for just them.
const marker = uniqueWord('authz');

/** Whether `caller` may see a Southampton object of `visibility` (the rule, as byVisibility writes it out). */
const sees = (caller, visibility) => expand(byVisibility('ok')[visibility], visibility)[caller] === 'ok';
const sorted = (ids) => [...ids].sort((x, y) => x - y);
/** What a list shows beyond (or short of) what the caller may see: [] when it is exactly that. */
function differs(what, shown, visible) {
  const [got, want] = [sorted(new Set(shown)), sorted(visible)];
  if (JSON.stringify(got) === JSON.stringify(want)) return [];
  return [`${what}: shows ${JSON.stringify(got)}, may see ${JSON.stringify(want)}`];
}

const table = {
  // Operations and the public part of identity.
  'GET /healthz': { expect: { everyone: 200 } },
  'GET /readyz': { expect: { everyone: 200 } },
  'GET /metrics': { expect: { everyone: 404 } }, // on its own listener only (--metrics-listen)
  'GET /api/v1/openapi.json': { expect: { everyone: 200 } },
  'POST /api/v1/auth/login': {
    request: ({ caller }) => ({ json: { email: fx.emails[caller] ?? demoUsers.amira, password: DEMO_PASSWORD } }),
    answered: (res, { caller }) => { if (res.status === 200) fx.grants[caller] = sessionFrom(res, 'bearer'); },
    expect: { everyone: 200 },
  },
  'POST /api/v1/auth/logout': { // the session the caller's login above opened, so the caller's own stays signed in
    request: async ({ caller }) => ({ auth: caller === 'anonymous' ? undefined
      : fx.grants[caller] ?? await signIn(fx.baseUrl, fx.emails[caller]) }),
    expect: { anonymous: 401, signedIn: 204 },
  },
  'GET /api/v1/me': { expect: { anonymous: 401, signedIn: 200 } },
  // Account self-service acts on the caller's own account only: there is no one else's to name.
  'PATCH /api/v1/me': { request: () => ({ json: { ask_me_about: 'Authorization tables' } }),
    expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/me/password': { // the same password again: this session stays, later logins still work
    request: () => ({ json: { current_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD } }),
    expect: { anonymous: 401, signedIn: 204 },
  },
  'POST /api/v1/me/email': { // only a link to the new address: nothing changes until it is followed
    request: () => ({ json: { email: newEmail('matrix'), current_password: DEMO_PASSWORD } }),
    expect: { anonymous: 401, signedIn: 202 },
  },
  'GET /api/v1/me/sessions': { expect: { anonymous: 401, signedIn: 200 } },
  'GET /api/v1/me/two-factor': { expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/me/two-factor/setup': { request: () => ({ json: { current_password: DEMO_PASSWORD } }),
    expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/me/two-factor': { // the setup route, checked first, left each caller an authenticator; this is no code
    request: () => ({ json: { code: 'abcdef' } }), expect: { anonymous: 401, signedIn: 422 } },
  'POST /api/v1/me/two-factor/recovery-codes': { request: () => ({ json: { current_password: DEMO_PASSWORD } }),
    expect: { anonymous: 401, signedIn: 409 } },
  'POST /api/v1/me/two-factor/removal': { // never on here; the roles that require it may not even try
    request: () => ({ json: { current_password: DEMO_PASSWORD } }),
    expect: { anonymous: 401, signedIn: 409, cswOffice: 403, networkAdmin: 403 } },
  'POST /api/v1/auth/two-factor-setup': { // only for an account that must set it up to sign in: none, in its grace period
    request: ({ caller }) => ({ json: { email: fx.emails[caller] ?? demoUsers.amira, password: DEMO_PASSWORD } }),
    expect: { everyone: 409 } },
  // Single sign-on: no identity provider serves any organisation of this suite (tests/api/single_sign_on has them).
  'POST /api/v1/auth/single-sign-on': { request: () => ({ json: { email: demoUsers.amira } }),
    expect: { everyone: 404 } },
  'GET /api/v1/auth/single-sign-on/callback': { // no sign-in under way: back to the sign-in page, for everyone
    request: () => ({ query: { state: 'not-a-sign-in', code: 'x' } }), expect: { everyone: 303 } },
  'GET /api/v1/identity-providers': { expect: { anonymous: 401, signedIn: 403, networkAdmin: 200 } },
  'POST /api/v1/identity-providers': { // an issuer the service may not call: refused before any request to it
    request: () => ({ json: { name: 'Nowhere', issuer: 'http://nowhere.example.test', client_id: 'x',
      client_secret: 'y', domains: ['nowhere.example.test'], organisations: [{ organisation_id: fx.southampton }] } }),
    expect: { anonymous: 401, signedIn: 403, networkAdmin: 422 } },
  'GET /api/v1/identity-providers/{id}': { request: () => ({ params: { id: 999999 } }),
    expect: { anonymous: 401, signedIn: 403, networkAdmin: 404 } },
  'PUT /api/v1/identity-providers/{id}': {
    request: () => ({ params: { id: 999999 }, json: { name: 'Nowhere', issuer: 'https://nowhere.example.test',
      client_id: 'x', domains: ['nowhere.example.test'], organisations: [{ organisation_id: fx.southampton }] } }),
    expect: { anonymous: 401, signedIn: 403, networkAdmin: 404 } },
  'DELETE /api/v1/identity-providers/{id}': { request: () => ({ params: { id: 999999 } }),
    expect: { anonymous: 401, signedIn: 403, networkAdmin: 404 } },
  'GET /api/v1/retention': { expect: { everyone: 200 } },
  'GET /api/v1/me/data-export': { expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/me/deletion': { // deletes a newcomer's account, so that the callers stay
    request: async ({ caller }) => ({ json: { current_password: DEMO_PASSWORD }, auth: caller === 'anonymous'
      ? undefined : await addMember(server, { organisation: 'E06000045' }) }),
    expect: { anonymous: 401, signedIn: 204 },
  },
  'DELETE /api/v1/me/sessions': { // it ends every session of the account: a newcomer's, so that the callers stay
    request: async ({ caller }) => ({ auth: caller === 'anonymous' ? undefined
      : await addMember(server, { organisation: 'E06000045' }) }),
    expect: { anonymous: 401, signedIn: 204 },
  },
  'DELETE /api/v1/me/sessions/{session_id}': { // a session of the caller's own, opened for this
    request: async ({ caller }) => {
      if (caller === 'anonymous') return { params: { session_id: 1 } };
      const extra = await signIn(fx.baseUrl, fx.emails[caller]);
      const listed = await request(fx.baseUrl, 'GET', '/api/v1/me/sessions', { auth: extra });
      return { params: { session_id: listed.body.items.find((s) => s.current).id } };
    },
    expect: { anonymous: 401, signedIn: 204 },
  },
  // Links from account emails: the token is all it takes, so everyone is alike; an unknown one is 404.
  'POST /api/v1/auth/password-reset': { request: () => ({ json: { email: newEmail('nobody') } }), expect: { everyone: 202 },
    // The request is issued after the answer: wait for its audit entry, so that the next write's check starts settled.
    answered: async (res) => { if (res.status === 202) await resetRequestsAudited((resetRequests += 1)); } },
  'GET /api/v1/auth/password-reset/{token}': { request: () => ({ params: { token: 'x'.repeat(43) } }),
    expect: { everyone: 404 } },
  'POST /api/v1/auth/password-reset/{token}': {
    request: () => ({ params: { token: 'x'.repeat(43) }, json: { password: NEW_PASSWORD } }), expect: { everyone: 404 } },
  'GET /api/v1/auth/email-confirmation/{token}': { request: () => ({ params: { token: 'x'.repeat(43) } }),
    expect: { everyone: 404 } },
  'POST /api/v1/auth/email-confirmation/{token}': { request: () => ({ params: { token: 'x'.repeat(43) } }),
    expect: { everyone: 404 } },
  'POST /api/v1/invitations': { // to Southampton
    variants: ['member', 'moderator'], // the role offered
    request: ({ variant }) => ({ json: invitationFor(newEmail('matrix'), fx.southampton, { roles: [variant] }) }),
    expect: {
      member: { anonymous: 401, signedIn: 403, southamptonAdmin: 201, networkAdmin: 201 },
      moderator: { anonymous: 401, signedIn: 403, networkAdmin: 201 }, // an org_admin grants member and org_admin only
    },
  },
  'GET /api/v1/invitations/{token}': { request: () => ({ params: { token: fx.invitationToken } }), expect: { everyone: 200 } },
  'POST /api/v1/invitations/{token}/accept': {
    request: async () => ({ params: { token: await spare('invitation', () => fx.invitation(['member'])) },
      spare: 'invitation', json: { display_name: 'New Colleague', password: NEW_PASSWORD } }),
    expect: { everyone: 201 },
  },
  // Who is who: the members of any organisation who chose to be listed, for every signed-in member.
  'GET /api/v1/organisations/{id}/people': { request: () => ({ params: { id: fx.southampton } }),
    expect: { anonymous: 401, signedIn: 200 } },
  'GET /api/v1/organisations/{id}/invitations': { // Southampton's pending invitations
    request: () => ({ params: { id: fx.southampton } }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 200, networkAdmin: 200 },
  },
  // An invitation answers 404 to whoever may not manage the organisation in the path, exactly as one that does not
  // exist or is another organisation's; 403 is only for an administrator's invitation to a role they may not give.
  'POST /api/v1/organisations/{id}/invitations/{invitation_id}/resend': {
    // The role offered; `elsewhere`: a Southampton invitation asked for under Southwark's path.
    variants: ['member', 'moderator', 'elsewhere'],
    request: ({ variant }) => ({ params: fx.pendingInvitations[variant] }),
    expect: {
      member: { anonymous: 401, signedIn: 404, southamptonAdmin: 200, networkAdmin: 200 },
      moderator: { anonymous: 401, signedIn: 404, southamptonAdmin: 403, networkAdmin: 200 },
      elsewhere: { anonymous: 401, signedIn: 404 },
    },
  },
  'DELETE /api/v1/organisations/{id}/invitations/{invitation_id}': { // withdrawing a throwaway invitation
    variants: ['member', 'moderator', 'elsewhere'],
    request: async ({ variant }) => {
      const roles = variant === 'moderator' ? ['moderator'] : ['member'];
      const invitationId = await spare(`pending ${variant}`, () => fx.pendingInvitation(roles));
      return { params: { id: variant === 'elsewhere' ? fx.southwark : fx.southampton, invitation_id: invitationId },
        spare: `pending ${variant}` };
    },
    expect: {
      member: { anonymous: 401, signedIn: 404, southamptonAdmin: 204, networkAdmin: 204 },
      moderator: { anonymous: 401, signedIn: 404, southamptonAdmin: 403, networkAdmin: 204 },
      elsewhere: { anonymous: 401, signedIn: 404 },
    },
  },
  'GET /api/v1/organisations/{id}/members': {
    request: () => ({ params: { id: fx.southampton } }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 200, networkAdmin: 200 },
  },
  'GET /api/v1/organisations/{id}/sign-in-policy': {
    request: () => ({ params: { id: fx.southampton } }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 200, networkAdmin: 200 },
  },
  'PUT /api/v1/organisations/{id}/sign-in-policy': {
    request: () => ({ params: { id: fx.southampton }, json: { two_factor_required: false } }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 200, networkAdmin: 200 },
  },
  'GET /api/v1/organisations/{id}/access-requests': {
    request: () => ({ params: { id: fx.southampton } }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 200, networkAdmin: 200 },
  },
  'GET /api/v1/organisations/{id}/possible-leavers': {
    request: () => ({ params: { id: fx.southampton } }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 200, networkAdmin: 200 },
  },
  'POST /api/v1/organisations/{id}/access-requests/{request_id}/approval': { // none is pending: who may ask learns that
    request: () => ({ params: { id: fx.southampton, request_id: 999999 }, json: { sector: 'both' } }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 404, networkAdmin: 404 },
  },
  'DELETE /api/v1/organisations/{id}/access-requests/{request_id}': {
    request: () => ({ params: { id: fx.southampton, request_id: 999999 } }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 404, networkAdmin: 404 },
  },
  'PATCH /api/v1/users/{id}': { // disabling a throwaway Southampton account
    variants: ['member', 'moderator'], // the roles of the account
    request: async ({ variant }) => ({ spare: `user ${variant}`, json: { disabled: true },
      params: { id: await spare(`user ${variant}`, () => fx.user(variant === 'member' ? ['member'] : ['member', 'moderator'])) } }),
    expect: {
      member: { anonymous: 401, signedIn: 403, southamptonAdmin: 200, networkAdmin: 200 },
      moderator: { anonymous: 401, signedIn: 403, networkAdmin: 200 }, // an org_admin may not change a higher role
    },
  },

  // The directory.
  'GET /api/v1/organisations': { expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/organisations': { // another employer of PSWs
    request: () => ({ json: { kind: 'childrens_trust', name: text("Children's Trust"),
      code: `CT-${uniqueWord().toUpperCase()}`.slice(0, 40), services: 'children', works_for: [fx.southampton] } }),
    expect: { anonymous: 401, signedIn: 403, networkAdmin: 201 },
  },
  'GET /api/v1/organisations/{id}': { request: () => ({ params: { id: fx.southampton } }), expect: { anonymous: 401, signedIn: 200 } },
  'GET /api/v1/organisations/{id}/neighbours': {
    request: () => ({ params: { id: fx.southampton }, query: { group: 'statistical' } }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'GET /api/v1/regions': { expect: { anonymous: 401, signedIn: 200 } },
  // The caseload health check: Southampton's return is a draft, seen only by Southampton and network administrators.
  'GET /api/v1/benchmarking/caseload-health': {
    request: () => ({ query: { organisation_id: fx.southampton, period: '2025', service: 'children' } }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'GET /api/v1/organisations/{id}/caseload-returns/{period}/{service}': {
    request: () => ({ params: { id: fx.southampton, period: '2025', service: 'children' } }),
    expect: { anonymous: 401, signedIn: 404, owner: 200, networkAdmin: 200 },
  },
  'PUT /api/v1/organisations/{id}/caseload-returns/{period}/{service}': {
    request: () => ({ params: { id: fx.southampton, period: '2025', service: 'children' }, json: fx.caseloadReturn }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 200, networkAdmin: 200 },
  },
  // Comparator groups: Southampton's, saved by the author. Another organisation's group is as if it did not exist.
  'GET /api/v1/comparator-groups': { expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/comparator-groups': { // the caller's own organisation is dropped from the members, so one is left
    request: () => ({ json: { name: text('Partnership'), members: [fx.southampton, fx.southwark] } }),
    expect: { anonymous: 401, signedIn: 201 },
  },
  'GET /api/v1/comparator-groups/{id}': {
    request: () => ({ params: { id: fx.comparatorGroup } }),
    expect: { anonymous: 401, signedIn: 404, owner: 200 },
  },
  'PUT /api/v1/comparator-groups/{id}': { // only the person who saved it, or an administrator of the organisation
    request: () => ({ params: { id: fx.comparatorGroup }, json: { name: 'Matrix partnership', members: [fx.southwark] } }),
    expect: { anonymous: 401, signedIn: 404, owner: 403, author: 200, southamptonAdmin: 200 },
  },
  'DELETE /api/v1/comparator-groups/{id}': {
    request: async () => ({ params: { id: await spare('comparator group', fx.comparatorGroupToDelete) },
      spare: 'comparator group' }),
    expect: { anonymous: 401, signedIn: 404, owner: 403, author: 204, southamptonAdmin: 204 },
  },

  // Groups: a restricted group that the author owns and a Southampton colleague belongs to, which the Wiltshire member
  // asked to join (the network administrator made it, and left it to its owner). Writes use throwaway groups like it.
  'GET /api/v1/groups': { expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/groups': { // network administrators; people who own a group start special-interest groups
    request: () => ({ json: { name: text('Matrix interest group'), kind: 'interest', privacy: 'open', sector: 'both' } }),
    expect: { anonymous: 401, signedIn: 403, author: 201, networkAdmin: 201 },
  },
  'GET /api/v1/groups/{id}': {
    request: () => ({ params: { id: fx.group.id } }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'PATCH /api/v1/groups/{id}': {
    request: () => ({ params: { id: fx.group.id }, json: { description: text('Who we are') } }),
    expect: { anonymous: 401, signedIn: 403, author: 200, networkAdmin: 200 },
  },
  'GET /api/v1/groups/{id}/members': {
    request: () => ({ params: { id: fx.group.id } }),
    expect: { anonymous: 401, signedIn: 403, author: 200, southamptonMember: 200, moderators: 200 },
  },
  'GET /api/v1/groups/{id}/join-requests': {
    request: () => ({ params: { id: fx.group.id } }),
    expect: { anonymous: 401, signedIn: 403, author: 200, networkAdmin: 200 },
  },
  'POST /api/v1/groups/{id}/members': {
    request: async () => ({ params: { id: (await spare('group to add to', fx.newGroup)).id }, spare: 'group to add to',
      json: { person_id: fx.userIds.portsmouthMember } }),
    expect: { anonymous: 401, signedIn: 403, author: 201, networkAdmin: 201 },
  },
  'PATCH /api/v1/groups/{id}/members/{person_id}': {
    request: async () => ({ spare: 'group to re-role', json: { role: 'owner' },
      params: { id: (await spare('group to re-role', fx.newGroup)).id, person_id: fx.userIds.southamptonMember } }),
    expect: { anonymous: 401, signedIn: 403, author: 200, networkAdmin: 200 },
  },
  'DELETE /api/v1/groups/{id}/members/{person_id}': { // owners remove anyone; everyone may leave
    request: async () => ({ spare: 'group to leave',
      params: { id: (await spare('group to leave', fx.newGroup)).id, person_id: fx.userIds.southamptonMember } }),
    expect: { anonymous: 401, signedIn: 403, author: 204, southamptonMember: 204, networkAdmin: 204 },
  },
  'POST /api/v1/groups/{id}/join': { // restricted: those not in it ask to join
    request: async () => ({ params: { id: (await spare('group to join', fx.newGroup)).id }, spare: 'group to join' }),
    expect: { anonymous: 401, signedIn: 202, author: 409, southamptonMember: 409 },
  },
  'DELETE /api/v1/groups/{id}/join': { // only the person who asked withdraws
    request: async () => ({ spare: 'group asked to join',
      params: { id: (await spare('group asked to join', () => fx.newGroup({ asked: true }))).id } }),
    expect: { anonymous: 401, signedIn: 404, wiltshireMember: 204 },
  },
  'POST /api/v1/groups/{id}/join-requests/{request_id}/approve': {
    request: async () => {
      const { id, request_id } = await spare('request to approve', () => fx.newGroup({ asked: true }));
      return { params: { id, request_id }, spare: 'request to approve' };
    },
    expect: { anonymous: 401, signedIn: 403, author: 204, networkAdmin: 204 },
  },
  'POST /api/v1/groups/{id}/join-requests/{request_id}/decline': {
    request: async () => {
      const { id, request_id } = await spare('request to decline', () => fx.newGroup({ asked: true }));
      return { params: { id, request_id }, spare: 'request to decline' };
    },
    expect: { anonymous: 401, signedIn: 403, author: 204, networkAdmin: 204 },
  },

  // Meetings and actions of that restricted group, which the author organises; the Southampton colleague is a member.
  'GET /api/v1/groups/{id}/meetings': {
    request: () => ({ params: { id: fx.group.id } }),
    expect: { anonymous: 401, signedIn: 403, author: 200, southamptonMember: 200, moderators: 200 },
  },
  'POST /api/v1/groups/{id}/meetings': { // its owners and network administrators arrange them
    request: () => ({ params: { id: fx.group.id }, json: fx.meetingJson() }),
    expect: { anonymous: 401, signedIn: 403, author: 201, networkAdmin: 201 },
  },
  'GET /api/v1/meetings/{id}': {
    request: () => ({ params: { id: fx.meeting } }),
    expect: { anonymous: 401, signedIn: 404, author: 200, southamptonMember: 200, moderators: 200 },
  },
  'GET /api/v1/meetings/{id}/meeting.ics': {
    request: () => ({ params: { id: fx.meeting } }),
    expect: { anonymous: 401, signedIn: 404, author: 200, southamptonMember: 200, moderators: 200 },
  },
  'PATCH /api/v1/meetings/{id}': { // its organiser and the group's owners
    request: () => ({ params: { id: fx.meeting }, json: { agenda: text('1. Welcome') } }),
    expect: { anonymous: 401, signedIn: 404, southamptonMember: 403, moderators: 403, author: 200, networkAdmin: 200 },
  },
  'POST /api/v1/meetings/{id}/cancel': {
    request: async () => ({ params: { id: await spare('meeting to cancel', fx.newMeeting) }, spare: 'meeting to cancel' }),
    expect: { anonymous: 401, signedIn: 404, southamptonMember: 403, moderators: 403, author: 200, networkAdmin: 200 },
  },
  'PUT /api/v1/meetings/{id}/rsvp': { // the group's members answer
    request: () => ({ params: { id: fx.meeting }, json: { answer: 'going' } }),
    expect: { anonymous: 401, signedIn: 404, moderators: 403, author: 200, southamptonMember: 200 },
  },
  'GET /api/v1/meetings/{id}/attendees': {
    request: () => ({ params: { id: fx.meeting } }),
    expect: { anonymous: 401, signedIn: 404, southamptonMember: 403, moderators: 403, author: 200, networkAdmin: 200 },
  },
  'POST /api/v1/meetings/{id}/minutes': {
    request: async () => ({ params: { id: await spare('meeting held', () => fx.newMeeting({ date: '2026-01-05' })) },
      spare: 'meeting held', json: { body: text('Present: six authorities.') } }),
    expect: { anonymous: 401, signedIn: 404, southamptonMember: 403, moderators: 403, author: 201, networkAdmin: 201 },
  },
  'GET /api/v1/groups/{id}/actions': {
    request: () => ({ params: { id: fx.group.id } }),
    expect: { anonymous: 401, signedIn: 403, author: 200, southamptonMember: 200, moderators: 200 },
  },
  'POST /api/v1/groups/{id}/actions': {
    request: () => ({ params: { id: fx.group.id },
      json: { title: text('Send the audit tool'), owner_id: fx.userIds.southamptonMember, due_on: '2027-03-01' } }),
    expect: { anonymous: 401, signedIn: 403, author: 201, networkAdmin: 201 },
  },
  'PATCH /api/v1/actions/{id}': { // the group's owners change it; its owner (the colleague) marks it done
    request: () => ({ params: { id: fx.action }, json: { done: true } }),
    expect: { anonymous: 401, signedIn: 404, moderators: 403, author: 200, southamptonMember: 200, networkAdmin: 200 },
  },
  'GET /api/v1/me/calendar-feed': { expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/me/calendar-feed': { expect: { anonymous: 401, signedIn: 201 } },
  'DELETE /api/v1/me/calendar-feed': { expect: { anonymous: 401, signedIn: 204 } },
  'GET /api/v1/calendar-feeds/{token}/meetings.ics': { // the secret is the authority: a calendar has no session
    request: () => ({ params: { token: fx.feedToken } }),
    expect: { everyone: 200 },
  },

  // Discussions: a network thread, and the discussions of a region and of an organisation resource; `posts` are the
  // author's replies in them.
  // Lists and search are also checked for what they show (`shows`): the fixtures, found by the marker, of exactly the
  // visibilities the caller may see.
  'GET /api/v1/threads': {
    request: () => ({ query: { q: marker, limit: 50 } }),
    shows: (body, caller) => differs('threads', body.items.map((item) => item.id),
      [...visibilities, 'locked'].filter((v) => sees(caller, v === 'locked' ? 'network' : v)).map((v) => fx.threads[v])),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'POST /api/v1/threads': {
    variants: ['question', 'announcement'],
    request: ({ variant }) => ({ json: { title: text('How do you approach'), body: 'We would value hearing what works.',
      sector: 'children', kind: variant, tags: [] } }),
    expect: {
      question: { anonymous: 401, signedIn: 201 },
      announcement: { anonymous: 401, signedIn: 403, cswOffice: 201, moderators: 201 },
    },
  },
  'GET /api/v1/threads/similar': {
    request: () => ({ query: { title: 'How do other authorities approach supervision' } }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'GET /api/v1/threads/{id}': {
    variants: threadVariants,
    request: ({ variant }) => ({ params: { id: fx.threads[variant] } }),
    expect: byVisibility(200),
  },
  'POST /api/v1/threads/{id}/posts': {
    variants: [...threadVariants, 'locked'],
    request: ({ variant }) => ({ params: { id: fx.threads[variant] }, json: { body: text('In our authority we') } }),
    expect: { ...byVisibility(201), locked: { anonymous: 401, signedIn: 409, moderators: 201 } },
  },
  'PATCH /api/v1/posts/{id}': {
    variants: threadVariants,
    request: ({ variant }) => ({ params: { id: fx.posts[variant] }, json: { body: text('Edited: we now') } }),
    expect: byVisibilityRefusing(403, { author: 200, moderators: 200 }),
  },
  'GET /api/v1/posts/{id}/revisions': {
    variants: threadVariants,
    request: ({ variant }) => ({ params: { id: fx.posts[variant] } }),
    expect: byVisibilityRefusing(403, { author: 200, moderators: 200 }),
  },
  'POST /api/v1/threads/{id}/accept': { // the author asked the question
    variants: threadVariants,
    request: ({ variant }) => ({ params: { id: fx.threads[variant] }, json: { post_id: fx.posts[variant] } }),
    expect: byVisibilityRefusing(403, { author: 200, moderators: 200 }),
  },
  'POST /api/v1/posts/{id}/reactions': {
    variants: threadVariants,
    request: ({ variant }) => ({ params: { id: fx.posts[variant] }, json: { kind: 'helpful' } }),
    expect: byVisibilityRefusing(200, { author: 422 }), // not on one's own post
  },
  'PUT /api/v1/threads/{id}/subscription': {
    variants: threadVariants,
    request: ({ variant }) => ({ params: { id: fx.threads[variant] } }),
    expect: byVisibility(204),
  },
  'DELETE /api/v1/threads/{id}/subscription': {
    variants: threadVariants,
    request: ({ variant }) => ({ params: { id: fx.threads[variant] } }),
    expect: byVisibility(204),
  },
  'GET /api/v1/notifications': { expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/notifications/read': { request: () => ({ json: { all: true } }), expect: { anonymous: 401, signedIn: 204 } },
  'GET /api/v1/me/notification-settings': { expect: { anonymous: 401, signedIn: 200 } },
  'PUT /api/v1/me/notification-settings': {
    request: () => ({ json: { kinds: [], digest: { hour: 8, day: 'monday' } } }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  // The token in an email's List-Unsubscribe link is all it takes (RFC 8058: a mail client posts it, signed in or not).
  'GET /api/v1/unsubscribe/{token}': { request: () => ({ params: { token: fx.unsubscribeToken } }), expect: { everyone: 200 } },
  'POST /api/v1/unsubscribe/{token}': {
    request: () => ({ params: { token: fx.unsubscribeToken }, body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    expect: { everyone: 200 },
  },
  'GET /api/v1/admin/outbox': { expect: { anonymous: 401, signedIn: 403, networkAdmin: 200 } },
  'POST /api/v1/posts/{id}/flags': {
    variants: threadVariants,
    request: ({ variant }) => ({ params: { id: fx.posts[variant] }, json: { reason: 'Please look at this.' } }),
    expect: byVisibility(201),
  },

  // Moderation, on throwaway flags, posts and threads.
  'GET /api/v1/moderation/flags': { expect: { anonymous: 401, signedIn: 403, moderators: 200 } },
  'POST /api/v1/moderation/flags/{id}/resolve': {
    request: async () => ({ params: { id: await spare('flag', fx.flag) }, spare: 'flag', json: { resolution: 'dismissed' } }),
    expect: { anonymous: 401, signedIn: 403, moderators: 200 },
  },
  'POST /api/v1/posts/{id}/hide': {
    variants: threadVariants,
    request: async ({ variant }) => ({ params: { id: await spare(`reply ${variant}`, () => fx.reply(variant)) },
      spare: `reply ${variant}`, json: { reason: 'Names a child.' } }),
    expect: moderatorsOnly,
  },
  'POST /api/v1/posts/{id}/unhide': {
    variants: threadVariants,
    request: async ({ variant }) => ({ params: { id: await spare(`hidden ${variant}`, () => fx.reply(variant, { hidden: true })) },
      spare: `hidden ${variant}` }),
    expect: moderatorsOnly,
  },
  'POST /api/v1/threads/{id}/lock': {
    variants: threadVariants,
    request: async ({ variant }) => ({ params: { id: await spare(`thread ${variant}`, () => fx.thread(variant)) },
      spare: `thread ${variant}` }),
    expect: moderatorsOnly,
  },
  'POST /api/v1/threads/{id}/unlock': {
    variants: threadVariants,
    request: async ({ variant }) => ({ spare: `locked ${variant}`,
      params: { id: await spare(`locked ${variant}`, () => fx.thread(variant, { locked: true })) } }),
    expect: moderatorsOnly,
  },

  // Benchmarking: official figures for Southampton (imported), and a draft of Southampton's own for a quarter.
  'GET /api/v1/benchmarking/metrics': { expect: { anonymous: 401, signedIn: 200 } },
  'POST /api/v1/benchmarking/metrics': {
    request: () => ({ json: { key: uniqueWord('m'), name: 'Adults vacancy rate', unit: 'percent', sector: 'adults',
      polarity: 'lower_is_better', definition: 'Vacant posts as a percentage of all posts.' } }),
    expect: { anonymous: 401, signedIn: 403, networkAdmin: 201 },
  },
  'GET /api/v1/benchmarking/periods': { expect: { anonymous: 401, signedIn: 200 } },
  'GET /api/v1/benchmarking/compare': {
    request: () => ({ query: { organisation_id: fx.southampton, metric: 'caseload_fte', period: '2023', group: 'statistical' } }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'GET /api/v1/benchmarking/trend': {
    request: () => ({ query: { organisation_id: fx.southampton, metric: 'caseload_fte', group: 'statistical' } }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'GET /api/v1/benchmarking/dashboard': {
    request: () => ({ query: { organisation_id: fx.southampton, sector: 'children', period: '2023', group: 'statistical' } }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'GET /api/v1/benchmarking/export': {
    request: () => ({ query: { view: 'compare', organisation_id: fx.southampton, metric: 'caseload_fte', period: '2023',
      group: 'statistical' } }),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'POST /api/v1/benchmarking/imports': {
    request: () => ({ query: { format: 'long' }, headers: { 'content-type': 'text/csv' }, body: fx.figures() }),
    expect: { anonymous: 401, signedIn: 403, networkAdmin: 201 },
  },
  'GET /api/v1/benchmarking/imports': { expect: { anonymous: 401, signedIn: 403, networkAdmin: 200 } },
  'GET /api/v1/organisations/{id}/metrics/{period}': { // a draft: others get `submission: null`, not a refusal
    request: () => ({ params: { id: fx.southampton, period: fx.quarter } }),
    shows: (body, caller) => {
      const own = ['author', 'southamptonMember', 'southamptonAdmin', 'networkAdmin'].includes(caller);
      return own === (body.submission !== null && body.history.length > 0) ? []
        : [`Southampton's draft figures: submission ${JSON.stringify(body.submission)}, ${body.history.length} revisions`];
    },
    expect: { anonymous: 401, signedIn: 200 },
  },
  'PUT /api/v1/organisations/{id}/metrics/{period}': {
    request: () => ({ params: { id: fx.southampton, period: fx.quarter }, json: { values: { caseload_fte: 16.5 }, status: 'draft' } }),
    expect: { anonymous: 401, signedIn: 403, southamptonAdmin: 200, networkAdmin: 200 },
  },

  // Consultations: the office's draft, and a published one for children's services (tom works in adults').
  // Southampton has submitted its response to the published one.
  'GET /api/v1/consultations': {
    shows: (body, caller) => differs('consultations', body.items.map((item) => item.id).filter((id) =>
      Object.values(fx.consultations).includes(id)), [
      ...(['cswOffice', 'networkAdmin'].includes(caller) ? [fx.consultations.draft] : []),
      ...(caller === 'wiltshireMember' ? [] : [fx.consultations.published]),
    ]),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'POST /api/v1/consultations': {
    request: () => ({ json: consultationJson() }),
    expect: { anonymous: 401, signedIn: 403, officeUsers: 201 },
  },
  'GET /api/v1/consultations/{id}': {
    variants: ['draft', 'published'],
    request: ({ variant }) => ({ params: { id: fx.consultations[variant] } }),
    expect: {
      draft: { anonymous: 401, signedIn: 404, officeUsers: 200 },
      published: { anonymous: 401, signedIn: 200, wiltshireMember: 404 },
    },
  },
  'PATCH /api/v1/consultations/{id}': {
    variants: ['draft', 'published'],
    request: ({ variant }) => ({ params: { id: fx.consultations[variant] },
      json: variant === 'draft' ? { title: text('Consultation on practice') } : { closes_at: timeIn(20 * days) } }),
    expect: {
      draft: { anonymous: 401, signedIn: 404, officeUsers: 200 },
      published: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 200 },
    },
  },
  'POST /api/v1/consultations/{id}/publish': {
    request: async () => ({ params: { id: await spare('draft', () => fx.consultation('draft')) }, spare: 'draft' }),
    expect: { anonymous: 401, signedIn: 404, officeUsers: 200 },
  },
  'POST /api/v1/consultations/{id}/close': {
    request: async () => ({ params: { id: await spare('published', () => fx.consultation('published')) },
      spare: 'published' }),
    expect: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 200 },
  },
  'POST /api/v1/consultations/{id}/outcome': {
    request: async () => ({ params: { id: await spare('closed', () => fx.consultation('closed')) }, spare: 'closed',
      json: { body: 'You said, we did.' } }),
    expect: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 200 },
  },
  'POST /api/v1/consultations/{id}/reminders': {
    request: () => ({ params: { id: fx.consultations.published } }),
    expect: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 200 },
  },
  'GET /api/v1/consultations/{id}/response': {
    variants: ['draft', 'published'],
    request: ({ variant }) => ({ params: { id: fx.consultations[variant] } }),
    expect: {
      draft: { anonymous: 401, signedIn: 404, officeUsers: 403 },
      // Southampton's own response; the others have saved none ("No response yet").
      published: { anonymous: 401, owner: 200, others: 404, moderator: 404, officeUsers: 403 },
    },
  },
  'PUT /api/v1/consultations/{id}/response': { // with the ETag the caller reads first, as a client would
    variants: ['draft', 'published'],
    request: async ({ variant, session }) => {
      const id = fx.consultations[variant];
      const current = session ? await request(fx.baseUrl, 'GET', `/api/v1/consultations/${id}/response`, { auth: session }) : null;
      const headers = current?.status === 200 ? { 'if-match': current.headers.get('etag') } : {};
      return { params: { id }, headers, json: { answers: submission(), submit: false } };
    },
    expect: {
      draft: { anonymous: 401, signedIn: 404, officeUsers: 403 },
      published: { anonymous: 401, signedIn: 200, wiltshireMember: 404, officeUsers: 403 },
    },
  },
  'GET /api/v1/consultations/{id}/papers': { // as the consultation itself
    variants: ['draft', 'published'],
    request: ({ variant }) => ({ params: { id: fx.consultations[variant] } }),
    expect: {
      draft: { anonymous: 401, signedIn: 404, officeUsers: 200 },
      published: { anonymous: 401, signedIn: 200, wiltshireMember: 404 },
    },
  },
  'PUT /api/v1/consultations/{id}/papers': {
    variants: ['draft', 'published'],
    request: ({ variant }) => ({ params: { id: fx.consultations[variant] }, json: { resources: [] } }),
    expect: {
      draft: { anonymous: 401, signedIn: 404, officeUsers: 200 },
      published: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 200 },
    },
  },
  'GET /api/v1/consultations/{id}/summary': {
    variants: ['draft', 'published'],
    request: ({ variant }) => ({ params: { id: fx.consultations[variant] } }),
    expect: {
      draft: { anonymous: 401, signedIn: 404, officeUsers: 200 },
      published: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 200 },
    },
  },
  'GET /api/v1/consultations/{id}/responses': {
    variants: ['draft', 'published'],
    request: ({ variant }) => ({ params: { id: fx.consultations[variant] } }),
    expect: {
      draft: { anonymous: 401, signedIn: 404, officeUsers: 200 },
      published: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 200 },
    },
  },
  'POST /api/v1/consultations/{id}/themes': {
    request: () => ({ params: { id: fx.consultations.published }, json: { name: uniqueWord('Theme') } }),
    expect: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 201 },
  },
  'PUT /api/v1/consultations/{id}/themes/{theme_id}/answers/{response_id}/{question_key}': {
    request: () => ({ params: fx.tagging }),
    expect: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 204 },
  },
  'DELETE /api/v1/consultations/{id}/themes/{theme_id}/answers/{response_id}/{question_key}': {
    request: () => ({ params: fx.tagging }),
    expect: { anonymous: 401, signedIn: 403, wiltshireMember: 404, officeUsers: 204 },
  },

  // The practice library: a resource of each visibility with one file, and a deleted one.
  'GET /api/v1/resources': {
    request: () => ({ query: { q: marker, limit: 100 } }),
    shows: (body, caller) => differs('resources', body.items.map((item) => item.id),
      visibilities.filter((v) => sees(caller, v)).map((v) => fx.resources[v])),
    expect: { anonymous: 401, signedIn: 200 },
  },
  'POST /api/v1/resources': { request: () => ({ json: newResource() }), expect: { anonymous: 401, signedIn: 201 } },
  'GET /api/v1/resources/{id}': {
    variants: [...visibilities, 'deleted'],
    request: ({ variant }) => ({ params: { id: fx.resources[variant] } }),
    expect: { ...byVisibility(200), deleted: { anonymous: 401, signedIn: 404 } },
  },
  'PATCH /api/v1/resources/{id}': {
    variants: visibilities,
    request: ({ variant }) => ({ params: { id: fx.resources[variant] }, json: { summary: text('Updated guidance on') } }),
    expect: byVisibilityRefusing(403, { author: 200, southamptonAdmin: 200, moderators: 200 }),
  },
  'DELETE /api/v1/resources/{id}': { // a throwaway resource of that visibility
    variants: visibilities,
    request: async ({ variant }) => ({ params: { id: await spare(`resource ${variant}`, () => fx.resource(variant)) },
      spare: `resource ${variant}` }),
    expect: byVisibilityRefusing(403, { author: 204, southamptonAdmin: 204, moderators: 204 }),
  },
  'POST /api/v1/resources/{id}/files': {
    variants: visibilities,
    request: ({ variant }) => ({ params: { id: fx.resources[variant] }, body: fx.file(),
      headers: { 'content-type': 'application/octet-stream', 'x-filename': 'notes.txt' } }),
    expect: byVisibilityRefusing(403, { author: 201, southamptonAdmin: 201, moderators: 201 }),
  },
  'GET /api/v1/resources/{id}/files/{version}': {
    variants: [...visibilities, 'deleted'],
    request: ({ variant }) => ({ params: { id: fx.resources[variant], version: 1 } }),
    expect: { ...byVisibility(200), deleted: { anonymous: 401, signedIn: 404 } },
  },
  'PUT /api/v1/resources/{id}/endorsement': {
    variants: visibilities,
    request: ({ variant }) => ({ params: { id: fx.resources[variant] } }),
    expect: byVisibilityRefusing(200, { owner: 409 }), // not by the owning organisation
  },
  'DELETE /api/v1/resources/{id}/endorsement': {
    variants: visibilities,
    request: ({ variant }) => ({ params: { id: fx.resources[variant] } }),
    expect: byVisibilityRefusing(200, { owner: 409 }),
  },
  'POST /api/v1/resources/{id}/threads': {
    variants: visibilities,
    request: ({ variant }) => ({ params: { id: fx.resources[variant] },
      json: { title: text('Using the standards'), body: 'How has it worked for you?' } }),
    expect: byVisibility(201),
  },

  // Search.
  'GET /api/v1/search': {
    request: () => ({ query: { q: marker, limit: 50 } }),
    shows: (body, caller) => [
      ...differs('resources found', body.items.filter((hit) => hit.type === 'resource').map((hit) => hit.resource_id),
        visibilities.filter((v) => sees(caller, v)).map((v) => fx.resources[v])),
      ...differs('discussions found', body.items.filter((hit) => hit.type !== 'resource').map((hit) => hit.thread_id),
        [...visibilities, 'locked'].filter((v) => sees(caller, v === 'locked' ? 'network' : v)).map((v) => fx.threads[v])),
    ],
    expect: { anonymous: 401, signedIn: 200 },
  },
};

// Channels of the WebSocket: who may subscribe (`subscribed`) and who is refused (`error`); anonymous clients get no
// WebSocket at all (401 on the upgrade).
const channelTable = {
  'thread:{network}': { channel: () => `thread:${fx.threads.network}`, expect: { anonymous: 401, signedIn: 'subscribed' } },
  'thread:{region}': { channel: () => `thread:${fx.threads.region}`,
    expect: { anonymous: 401, signedIn: 'subscribed', otherRegion: 'error', cswOffice: 'error' } },
  'thread:{organisation}': { channel: () => `thread:${fx.threads.organisation}`,
    expect: { anonymous: 401, signedIn: 'subscribed', others: 'error', cswOffice: 'error' } },
  'resource:{network}': { channel: () => `resource:${fx.resources.network}`, expect: { anonymous: 401, signedIn: 'subscribed' } },
  'resource:{region}': { channel: () => `resource:${fx.resources.region}`,
    expect: { anonymous: 401, signedIn: 'subscribed', otherRegion: 'error', cswOffice: 'error' } },
  'resource:{organisation}': { channel: () => `resource:${fx.resources.organisation}`,
    expect: { anonymous: 401, signedIn: 'subscribed', others: 'error', cswOffice: 'error' } },
  'resource:{deleted}': { channel: () => `resource:${fx.resources.deleted}`, expect: { anonymous: 401, signedIn: 'error' } },
  'consultation:{draft}': { channel: () => `consultation:${fx.consultations.draft}`,
    expect: { anonymous: 401, signedIn: 'error', officeUsers: 'subscribed' } },
  'consultation:{published}': { channel: () => `consultation:${fx.consultations.published}`,
    expect: { anonymous: 401, signedIn: 'error', officeUsers: 'subscribed' } },
  'user:{own}': { channel: (caller) => `user:${fx.userIds[caller]}`, expect: { anonymous: 401, signedIn: 'subscribed' } },
  'user:{author}': { channel: () => `user:${fx.userIds.author}`,
    expect: { anonymous: 401, signedIn: 'error', author: 'subscribed' } },
  'sector:children': { channel: () => 'sector:children', expect: { anonymous: 401, signedIn: 'subscribed' } },
  'group:{restricted}': { channel: () => `group:${fx.group.id}`,
    expect: { anonymous: 401, signedIn: 'error', author: 'subscribed', southamptonMember: 'subscribed', moderators: 'subscribed' } },
};

// ---------------------------------------------------------------------------------------------------------------
let server;
const sessions = {}; // caller -> bearer session (anonymous: undefined)

// Throwaway objects by name: made when first asked for, then the same one until a call uses it up.
const spares = new Map();
async function spare(name, makeOne) {
  if (!spares.has(name)) spares.set(name, await makeOne());
  return spares.get(name);
}

/** A request that makes a fixture: fails the test unless it answers `expect`; resolves with the response. */
async function make(method, target, { json, body, headers, auth, expect }) {
  lastFingerprint = null;
  const res = await request(server.baseUrl, method, target, { json, body, headers, auth, timeoutMs: 60_000 });
  assert.equal(res.status, expect, `making a fixture: ${method} ${target} answered ${res.status}: ${res.text.slice(0, 500)}`);
  return res;
}

async function buildFixtures() {
  const author = sessions.author;
  const office = sessions.cswOffice;
  const admin = sessions.networkAdmin;
  const southampton = author.user.organisation.id;
  const consultations = {};

  const createResource = async (visibility) => (await make('POST', '/api/v1/resources', {
    json: newResource({ title: text(`Practice standards ${marker} ${visibility}`), visibility }), auth: author,
    expect: 201 })).body.id;
  const file = () => Buffer.from(`Practice notes ${uniqueWord()}\nSupervision every month.\n`);
  const createThread = async (visibility, resources) => { // a question of the author's of that visibility
    const json = { title: text(`How do you run supervision ${marker}`), body: 'We would value hearing what works.',
      kind: 'question' };
    if (visibility === 'network') {
      return (await make('POST', '/api/v1/threads', { json: { ...json, sector: 'children', tags: [] }, auth: author,
        expect: 201 })).body.id;
    }
    return (await make('POST', `/api/v1/resources/${resources[visibility]}/threads`, { json, auth: author,
      expect: 201 })).body.thread_id;
  };
  const createReply = async (threadId) => (await make('POST', `/api/v1/threads/${threadId}/posts`, {
    json: { body: text('In our authority we') }, auth: author, expect: 201 })).body.id;
  const invitation = async (roles) => {
    const email = newEmail('matrix');
    await make('POST', '/api/v1/invitations', { json: invitationFor(email, southampton, { roles }), auth: admin, expect: 201 });
    return invitationTokenFor(server, email);
  };
  const pendingInvitation = async (roles) => (await make('POST', '/api/v1/invitations', {
    json: invitationFor(newEmail('pending'), southampton, { roles }), auth: admin, expect: 201 })).body.id;
  const figures = () => { // official figures for Southampton and two others, in the long format
    const value = (10 + Math.random() * 10).toFixed(3);
    return Buffer.from(`organisation_code,period,metric_key,value\nE06000045,2023,caseload_fte,${value}\n` +
      'E06000044,2023,caseload_fte,18.2\nE06000054,2023,caseload_fte,15.9\n');
  };
  const quarter = '2024-Q2';
  const caseloadReturn = { cap: 18, status: 'draft',
    counts: { up_to_12: 14, '13_to_15': 22, '16_to_18': 19, '19_to_22': 6, over_22: 2 } };
  // A restricted group owned by the author, with a Southampton colleague in it; with `asked`, the Wiltshire member
  // has asked to join it. The network administrator makes it and leaves it to its owner.
  const newGroup = async ({ asked = false } = {}) => {
    const id = (await make('POST', '/api/v1/groups', { auth: admin, expect: 201, json: {
      name: text('Matrix group'), kind: 'interest', privacy: 'restricted', sector: 'both' } })).body.id;
    const add = (person_id, role) => make('POST', `/api/v1/groups/${id}/members`, { json: { person_id, role },
      auth: admin, expect: 201 });
    await add(author.user.id, 'owner');
    await add(sessions.southamptonMember.user.id, 'member');
    await make('DELETE', `/api/v1/groups/${id}/members/${admin.user.id}`, { auth: admin, expect: 204 });
    if (!asked) return { id };
    await make('POST', `/api/v1/groups/${id}/join`, { auth: sessions.wiltshireMember, expect: 202 });
    const requests = (await make('GET', `/api/v1/groups/${id}/join-requests`, { auth: author, expect: 200 })).body.items;
    return { id, request_id: requests[0].id };
  };
  const group = await newGroup({ asked: true });
  const meetingJson = (fields = {}) => ({ title: text('Matrix network meeting'), date: '2027-06-10', start_time: '10:00',
    end_time: '12:00', location: 'Civic Centre', ...fields });
  const newMeeting = async (fields) => (await make('POST', `/api/v1/groups/${group.id}/meetings`, { auth: author,
    json: meetingJson(fields), expect: 201 })).body.id;
  const createComparatorGroup = async (name) => (await make('POST', '/api/v1/comparator-groups', {
    json: { name, members: [sessions.southwarkAdmin.user.organisation.id] }, auth: author, expect: 201 })).body.id;
  const consultation = async (state) => {
    const id = (await make('POST', '/api/v1/consultations', { json: consultationJson(), auth: office, expect: 201 })).body.id;
    if (state !== 'draft') await make('POST', `/api/v1/consultations/${id}/publish`, { auth: office, expect: 200 });
    if (state === 'closed') await make('POST', `/api/v1/consultations/${id}/close`, { auth: office, expect: 200 });
    return id;
  };

  // The capabilities' fixtures do not depend on each other: they are made side by side.
  const [{ resources, threads, posts }, invitationToken, , tagging, pendingInvitations] = await Promise.all([
    (async () => { // a resource of each visibility with a file, a deleted one, and a discussion of each visibility
      const resources = {};
      await Promise.all([...visibilities, 'deleted'].map(async (variant) => {
        const id = await createResource(variant === 'deleted' ? 'network' : variant);
        await make('POST', `/api/v1/resources/${id}/files`, { body: file(), auth: author, expect: 201,
          headers: { 'content-type': 'application/octet-stream', 'x-filename': 'notes.txt' } });
        if (variant === 'deleted') await make('DELETE', `/api/v1/resources/${id}`, { auth: author, expect: 204 });
        resources[variant] = id;
      }));
      const threads = {};
      const posts = {};
      await Promise.all([...visibilities, 'locked'].map(async (variant) => {
        threads[variant] = await createThread(variant === 'locked' ? 'network' : variant, resources);
        if (variant === 'locked') await make('POST', `/api/v1/threads/${threads.locked}/lock`, { auth: admin, expect: 200 });
        else posts[variant] = await createReply(threads[variant]);
      }));
      return { resources, threads, posts };
    })(),
    invitation(['member']),
    (async () => { // official figures, and Southampton's draft of its own figures for a quarter
      await make('POST', '/api/v1/benchmarking/imports?format=long', { body: figures(),
        headers: { 'content-type': 'text/csv' }, auth: admin, expect: 201 });
      await make('PUT', `/api/v1/organisations/${southampton}/metrics/${quarter}`, {
        json: { values: { caseload_fte: 17.2 }, status: 'draft' }, auth: sessions.southamptonAdmin, expect: 200 });
      await make('PUT', `/api/v1/organisations/${southampton}/caseload-returns/2025/children`, {
        json: caseloadReturn, auth: sessions.southamptonAdmin, expect: 200 });
    })(),
    (async () => { // the office's draft, and a published consultation that Southampton responded to, with a theme
      const [draft, published] = await Promise.all([consultation('draft'), consultation('published')]);
      consultations.draft = draft;
      consultations.published = published;
      await make('PUT', `/api/v1/consultations/${published}/response`, {
        json: { answers: submission(), submit: true }, auth: author, expect: 200 });
      const theme = (await make('POST', `/api/v1/consultations/${published}/themes`, {
        json: { name: 'Workforce' }, auth: office, expect: 201 })).body;
      const responses = (await make('GET', `/api/v1/consultations/${published}/responses`, {
        auth: office, expect: 200 })).body.items;
      const southamptonResponse = responses.find((item) => item.organisation.id === southampton);
      assert.ok(southamptonResponse, 'Southampton\'s submitted response is among the office\'s responses');
      return { id: published, theme_id: theme.id, response_id: southamptonResponse.response_id, question_key: 'views' };
    })(),
    (async () => { // pending invitations to Southampton, to be sent again
      const [member, moderator] = await Promise.all([pendingInvitation(['member']), pendingInvitation(['moderator'])]);
      return { member: { id: southampton, invitation_id: member }, moderator: { id: southampton, invitation_id: moderator },
        elsewhere: { id: sessions.southwarkAdmin.user.organisation.id, invitation_id: member } };
    })(),
  ]);
  // An unsubscribe link: the published consultation was emailed to the author at once, with one.
  const published = await waitForEmail(server.mailDir, (email) => addressedTo(author.user.email)(email) &&
    email.inReplyTo?.startsWith(`<consultation-${consultations.published}@`), { what: 'the consultation email to the author' });

  return {
    baseUrl: server.baseUrl,
    emails: fx.emails,
    grants: {}, // caller -> the session that the matrix's own login opened
    userIds: Object.fromEntries(callers.slice(1).map((caller) => [caller, sessions[caller].user.id])),
    southampton,
    southwark: sessions.southwarkAdmin.user.organisation.id,
    pendingInvitations,
    resources,
    threads,
    posts,
    invitationToken,
    unsubscribeToken: unsubscribeLinkOf(published).token,
    quarter,
    caseloadReturn,
    consultations,
    tagging,
    file,
    figures,
    // Throwaway objects, for calls that use one up.
    invitation,
    pendingInvitation,
    user: async (roles) => {
      const res = await make('POST', `/api/v1/invitations/${await invitation(roles)}/accept`, {
        json: { display_name: 'Throwaway Colleague', password: NEW_PASSWORD }, expect: 201 });
      return res.body.user.id;
    },
    resource: createResource,
    comparatorGroup: await createComparatorGroup('Matrix partnership'),
    group,
    newGroup,
    meetingJson,
    meeting: await newMeeting(),
    newMeeting,
    action: (await make('POST', `/api/v1/groups/${group.id}/actions`, { auth: author, expect: 201,
      json: { title: text('Share the protocol'), owner_id: sessions.southamptonMember.user.id, due_on: '2027-02-01' } })).body.id,
    feedToken: new URL((await make('POST', '/api/v1/me/calendar-feed', { auth: sessions.southamptonMember, expect: 201 }))
      .body.url).pathname.split('/')[4],
    comparatorGroupToDelete: () => createComparatorGroup(text('Partnership')),
    thread: async (visibility, { locked = false } = {}) => {
      const id = await createThread(visibility, resources);
      if (locked) await make('POST', `/api/v1/threads/${id}/lock`, { auth: admin, expect: 200 });
      return id;
    },
    reply: async (visibility, { hidden = false } = {}) => {
      const id = await createReply(threads[visibility]);
      if (hidden) await make('POST', `/api/v1/posts/${id}/hide`, { json: { reason: 'Names a child.' }, auth: admin, expect: 200 });
      return id;
    },
    flag: async () => {
      const post = await createReply(threads.network);
      return (await make('POST', `/api/v1/posts/${post}/flags`, { json: { reason: 'Names a child.' },
        auth: sessions.wiltshireMember, expect: 201 })).body.id;
    },
    consultation,
  };
}

// What tells whether a refused write changed anything: per table (but the session bookkeeping that every request
// updates), its row count and the newest row version (xmin): an insert, update or delete changes one of them. Taken
// before each write; the one taken after a refusal that changed nothing serves for the next write, until a fixture
// is made or a write succeeds. The outbox's sender updates rows in the background as it sends the emails that
// earlier calls queued, so the outbox is told by its row count and newest id: a refused write queues no email. The
// unread counts, folded in the background, follow from the notifications, which are fingerprinted.
const bookkeeping = /session|login|attempt|rate|write_limit/i;
const sentInTheBackground = new Set(['outbox']);
let fingerprintSql;
let lastFingerprint = null;
async function fingerprint() {
  if (!fingerprintSql) {
    const tables = (await tableNames(server.db))
      .filter((table) => !bookkeeping.test(table) && !foldedInTheBackground.has(table));
    fingerprintSql = tables.map((table) => `SELECT '${table}' AS t, count(*)::bigint AS n, ` +
      (sentInTheBackground.has(table) ? 'coalesce(max(id), 0)' : 'coalesce(max(xmin::text::bigint), 0)') +
      ` AS x FROM "${table}"`).join(' UNION ALL ');
  }
  const { rows } = await server.db.query(fingerprintSql);
  return new Map(rows.map((row) => [row.t, `${row.n}/${row.x}`]));
}
let resetRequests = 0; // answered 202 by POST /auth/password-reset
async function resetRequestsAudited(count) {
  const audited = async () => Number((await server.db.query(
    "SELECT count(*) AS n FROM audit_log WHERE action = 'user.password_reset_requested'")).rows[0].n);
  await pollUntil(async () => (await audited()) >= count, { timeoutMs: 30_000, what: 'the password reset requests audited' });
}
const changedTables = (before, after) => [...before.keys()].filter((table) => before.get(table) !== after.get(table));

let routed; // `pswnet routes`, as 'METHOD /path'

before(async () => {
  server = await startServer();
  // Each password is hashed with argon2id, slow in the sanitizer build: the people are added and signed in side by side.
  const demo = { author: 'amira', wiltshireMember: 'tom', southwarkAdmin: 'grace', cswOffice: 'priya', networkAdmin: 'sam' };
  const added = {
    southamptonMember: { organisation: 'E06000045', roles: ['member'] },
    southamptonAdmin: { organisation: 'E06000045', roles: ['member', 'org_admin'] },
    portsmouthMember: { organisation: 'E06000044', roles: ['member'] }, // South East, as Southampton
    moderator: { organisation: 'E06000023', roles: ['member', 'moderator'] }, // Bristol, South West
  };
  await Promise.all([
    ...Object.entries(demo).map(async ([caller, name]) => { sessions[caller] = await signIn(server.baseUrl, demoUsers[name]); }),
    ...Object.entries(added).map(async ([caller, options]) => { sessions[caller] = await addMember(server, options); }),
  ]);
  fx = { emails: Object.fromEntries(callers.slice(1).map((caller) => [caller, sessions[caller].user.email])) };
  fx = await buildFixtures();
  routed = JSON.parse((await runPswnetOk(['routes'])).stdout).map((r) => `${r.method.toUpperCase()} ${r.path}`);
});
after(() => server?.stop());

/**
 * Calls one route as one caller (for one variant) as its row says; resolves with what differs from the table: a
 * status, an answer that is not a problem or not as documented, a refused write that changed the database.
 */
async function check(route, variant, caller, expected) {
  const [method, template] = route.split(' ');
  const row = table[route];
  const session = sessions[caller];
  const spec = await (row.request ?? (() => ({})))({ caller, variant, session });
  let target = template;
  for (const [name, value] of Object.entries(spec.params ?? {})) {
    target = target.replace(`{${name}}`, encodeURIComponent(String(value)));
  }
  assert.doesNotMatch(target, /\{/, `${route}: a path parameter is left unfilled`);
  if (spec.query) target += `?${new URLSearchParams(spec.query)}`;
  const write = method !== 'GET';
  const before = write ? lastFingerprint ?? await fingerprint() : null;
  lastFingerprint = null;
  const res = await request(server.baseUrl, method, target, { json: spec.json, body: spec.body, headers: spec.headers,
    auth: 'auth' in spec ? spec.auth : session, timeoutMs: 60_000 });
  if (spec.spare && res.status >= 200 && res.status < 300) spares.delete(spec.spare);
  await row.answered?.(res, { caller, variant });

  const what = `${route}${variant ? ` [${variant}]` : ''} as ${caller}`;
  const found = [];
  if (res.status !== expected) {
    found.push(`${what}: ${res.status}, expected ${expected} (${res.text.slice(0, 160).replace(/\s+/g, ' ')})`);
  }
  if (res.status === 200 && row.shows) {
    found.push(...row.shows(res.body, caller, variant).map((difference) => `${what}: ${difference}`));
  }
  if (res.status >= 400) {
    if (!/^application\/problem\+json/.test(res.headers.get('content-type') ?? '') || res.body?.status !== res.status) {
      found.push(`${what}: ${res.status} is not a problem with that status: ${res.text.slice(0, 160)}`);
    }
    if (write) {
      const after = await fingerprint();
      const changed = changedTables(before, after);
      if (changed.length > 0) found.push(`${what}: refused with ${res.status} but changed ${changed.join(', ')}`);
      else lastFingerprint = after;
    }
  }
  // The public listener hides /metrics, which the document describes as the metrics listener serves it.
  if (!(route === 'GET /metrics' && res.status === 404)) {
    try {
      expectDocumented(res, method, template);
    } catch (error) {
      found.push(`${what}: the answer is not as documented: ${error.message.split('\n').slice(0, 3).join(' ')}`);
    }
  }
  return found;
}

describe('the authorization matrix', () => {
  it('uses callers whose organisations and roles are what this test says', async () => {
    const regionOf = async (caller) => {
      const res = await request(server.baseUrl, 'GET', `/api/v1/organisations/${sessions[caller].user.organisation.id}`,
        { auth: sessions.author });
      assert.equal(res.status, 200, res.text);
      return res.body.region?.code ?? null;
    };
    const southEast = 'E12000008';
    for (const caller of ['author', 'southamptonMember', 'southamptonAdmin']) {
      assert.equal(sessions[caller].user.organisation.id, fx.southampton, caller);
    }
    assert.equal(await regionOf('portsmouthMember'), southEast);
    assert.notEqual(sessions.portsmouthMember.user.organisation.id, fx.southampton);
    for (const caller of ['wiltshireMember', 'southwarkAdmin', 'cswOffice', 'moderator', 'networkAdmin']) {
      assert.notEqual(await regionOf(caller), southEast, caller);
    }
    const roles = (caller) => [...sessions[caller].user.roles].sort();
    assert.deepEqual(roles('author'), ['member']);
    assert.deepEqual(roles('southamptonMember'), ['member']);
    assert.deepEqual(roles('southamptonAdmin'), ['member', 'org_admin']);
    assert.ok(roles('southwarkAdmin').includes('org_admin'));
    assert.ok(!roles('southwarkAdmin').some((role) => ['moderator', 'network_admin', 'csw_office'].includes(role)));
    assert.ok(roles('cswOffice').includes('csw_office') && !roles('cswOffice').includes('network_admin'));
    assert.deepEqual(roles('moderator'), ['member', 'moderator']);
    assert.ok(roles('networkAdmin').includes('network_admin'));
    assert.equal(sessions.wiltshireMember.user.sector, 'adults', 'outside the published consultation\'s audience');
  });

  it('has a row for every route that `pswnet routes` lists, and none for a route it does not', () => {
    assert.ok(routed.length > 0);
    const missing = routed.filter((route) => !(route in table));
    assert.deepEqual(missing, [], `routes with no row in the authorization table:\n${missing.join('\n')}`);
    const stale = Object.keys(table).filter((route) => !routed.includes(route));
    assert.deepEqual(stale, [], `rows of the authorization table for routes pswnet does not have:\n${stale.join('\n')}`);
  });

  it('answers every route, caller and variant as the table says; no refused write changes anything', { timeout: 600_000 },
    async (t) => {
      // Reads first, so that no write changes what they find, each read by every caller at once; then the writes one by
      // one, so that a change in the database belongs to the write that made it. Otherwise in `pswnet routes` order.
      const reads = routed.filter((route) => route.startsWith('GET ') && route in table);
      const writes = routed.filter((route) => !route.startsWith('GET ') && route in table);
      const found = [];
      let checks = 0;
      for (const route of [...reads, ...writes]) {
        const row = table[route];
        for (const variant of row.variants ?? ['']) {
          const expected = expand(row.variants ? row.expect[variant] : row.expect, `${route} ${variant}`);
          if (route.startsWith('GET ')) {
            found.push(...(await Promise.all(callers.map((caller) => check(route, variant, caller, expected[caller])))).flat());
          } else {
            for (const caller of callers) found.push(...await check(route, variant, caller, expected[caller]));
          }
          checks += callers.length;
        }
      }
      t.diagnostic(`${checks} route, variant and caller checks`);
      assert.deepEqual(found, [], `${found.length} answers differ from the table:\n${found.join('\n')}`);
    });

  it('lets exactly the callers the table names subscribe to each kind of WebSocket channel', { timeout: 120_000 }, async (t) => {
    const found = [];
    let checks = 0;
    await Promise.all(callers.map(async (caller) => {
      let ws;
      let refused;
      try {
        ws = await openWebSocket(server.baseUrl, { auth: sessions[caller], timeoutMs: 20_000 });
      } catch (error) {
        if (!error.status) throw error;
        refused = error.status;
      }
      try {
        for (const [name, row] of Object.entries(channelTable)) {
          const expected = expand(row.expect, name)[caller];
          const actual = refused ?? (await subscribe(ws, [row.channel(caller)], { timeoutMs: 20_000 })).type;
          checks += 1;
          if (actual !== expected) found.push(`${name} as ${caller}: ${actual}, expected ${expected}`);
        }
      } finally {
        ws?.terminate();
      }
    }));
    t.diagnostic(`${checks} channel and caller checks`);
    assert.deepEqual(found, [], `${found.length} subscriptions differ from the table:\n${found.join('\n')}`);
  });
});
