// Groups end to end against the real pswnet: the regional and national networks the migration creates; joining an
// open group, asking to join a restricted one and being approved or declined, owners adding people to a private
// one; owners kept; bad input refused, naming each field, changing nothing. Then the privacy matrix of a group's
// discussions: for an open, a restricted and a private group, members, non-members and a network administrator read
// a discussion in it exactly as the rule says on every path (get, the list and its group filter, search, replies,
// notifications, the thread and group channels with since), and a group made restricted hides its discussions at
// once. Library resources shared with a group are seen by its readers alone, on every path, as are their
// discussions. Live: members see new discussions and members on the group's channel.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectDifferences, expectInvalidFields, expectProblem } from '../support/api.mjs';
import { addMember, isAbout, routes as forumRoutes, startForumServer, uniqueWord } from '../support/forum.mjs';
import { libraryClient, routes as libraryRoutes } from '../support/library.mjs';
import { pdfWith } from '../support/library-files.mjs';
import { eventTimeoutMs, nextEvent, socketsClosedAfterEachTest, subscribed } from '../support/realtime.mjs';
import { subscribe } from '../support/websocket.mjs';

const routes = {
  groups: '/api/v1/groups',
  group: '/api/v1/groups/{id}',
  members: '/api/v1/groups/{id}/members',
  member: '/api/v1/groups/{id}/members/{person_id}',
  join: '/api/v1/groups/{id}/join',
  requests: '/api/v1/groups/{id}/join-requests',
  approve: '/api/v1/groups/{id}/join-requests/{request_id}/approve',
  decline: '/api/v1/groups/{id}/join-requests/{request_id}/decline',
};

let server, forum, amira, tom, grace, sam;
const connect = socketsClosedAfterEachTest(() => server);

before(async () => {
  ({ server, forum, amira, tom, grace, sam } = await startForumServer());
});
after(() => server?.stop());

/** call(method, template, {params, query, json, auth, expect}) with every `{name}` of the template filled. */
async function call(method, template, { params = {}, ...options } = {}) {
  let target = template;
  for (const [name, value] of Object.entries(params)) target = target.replace(`{${name}}`, encodeURIComponent(value));
  const res = await forum.api.request(method, target + (options.query ? `?${new URLSearchParams(options.query)}` : ''),
    { json: options.json, auth: options.auth });
  if (options.expect !== undefined) {
    assert.equal(res.status, options.expect, `${method} ${target} answered ${res.status}: ${res.text.slice(0, 800)}`);
  }
  return res;
}

const getGroup = async (auth, id, expect = 200) => (await call('GET', routes.group, { params: { id }, auth, expect })).body;
const createGroup = async (auth, fields) => (await call('POST', routes.groups, { auth, expect: 201, json: {
  name: `Group ${uniqueWord()}`, kind: 'interest', privacy: 'open', sector: 'both', ...fields } })).body;
const listGroups = async (auth, query = {}) => {
  const items = [];
  let cursor = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const res = await call('GET', routes.groups, { auth, expect: 200, query: { ...query, ...(cursor ? { cursor } : {}) } });
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
    if (!cursor) return items;
  }
  assert.fail('the pages of groups do not end');
};
const memberIds = async (auth, id) =>
  (await call('GET', routes.members, { params: { id }, auth, expect: 200 })).body.items.map((m) => m.id).sort((a, b) => a - b);
const addToGroup = (auth, id, json, { expect = 201 } = {}) => call('POST', routes.members, { params: { id }, auth, json, expect });
const sorted = (ids) => [...ids].sort((a, b) => a - b);

describe('the networks', () => {
  it('are created for each region, children\'s and adults\', and nationally, restricted and without owners', async () => {
    const regional = await listGroups(amira, { kind: 'regional_network', limit: 7 });
    assert.equal(regional.length, 18);
    const regions = new Set(regional.map((g) => g.region.code));
    assert.equal(regions.size, 9);
    assert.deepEqual(new Set(regional.map((g) => g.sector)), new Set(['children', 'adults']));
    assert.ok(regional.some((g) => g.name === 'South East children\'s PSW network' && g.region.name === 'South East'));
    for (const g of regional) {
      assert.equal(g.privacy, 'restricted');
      assert.equal(g.owner_count, 0);
      assert.equal(g.can_read, false, `${g.name}: a non-member does not read it`);
    }
    const national = await listGroups(amira, { kind: 'national_network' });
    assert.deepEqual(national.map((g) => g.name).sort(), ['National adults\' PSW network', 'National children\'s PSW network']);
    const adults = await listGroups(tom, { kind: 'regional_network', sector: 'adults' });
    assert.equal(adults.length, 9);
    assert.ok(adults.every((g) => g.sector === 'adults'));
  });

  it('lists by name, a page at a time, and finds by words', async () => {
    const all = await listGroups(amira, { limit: 5 });
    const names = all.map((g) => g.name.toLowerCase());
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    assert.equal(new Set(all.map((g) => g.id)).size, all.length);
    const found = await listGroups(amira, { q: 'yorkshire' });
    assert.deepEqual(found.map((g) => g.region.name), ['Yorkshire and The Humber', 'Yorkshire and The Humber']);
  });
});

describe('joining', () => {
  it('joins an open group at once, and only once', async () => {
    const g = await createGroup(sam, { name: `MASH leads ${uniqueWord()}` });
    assert.equal(g.my_role, 'owner');
    const joined = await call('POST', routes.join, { params: { id: g.id }, auth: amira, expect: 200 });
    assert.equal(joined.body.my_role, 'member');
    assert.equal(joined.body.member_count, 2);
    expectProblem(await call('POST', routes.join, { params: { id: g.id }, auth: amira }), 409);
    assert.deepEqual(await memberIds(tom, g.id), sorted([sam.user.id, amira.user.id]), 'an open group\'s members are public');
  });

  it('asks to join a restricted network, tells the network administrators, and is approved', async () => {
    const network = (await listGroups(amira, { q: 'South East children' }))[0];
    const asked = await call('POST', routes.join, { params: { id: network.id }, auth: amira, expect: 202,
      json: { message: 'I lead practice in Southampton.' } });
    assert.equal(asked.body.requested, true);
    assert.equal(asked.body.my_role, null);
    expectProblem(await call('POST', routes.join, { params: { id: network.id }, auth: amira }), 409);
    expectProblem(await call('GET', routes.members, { params: { id: network.id }, auth: amira }), 403);
    expectProblem(await call('GET', routes.requests, { params: { id: network.id }, auth: amira }), 403);

    const told = (await forum.notifications(sam)).items.find((n) => n.kind === 'group_membership' &&
      n.subject.type === 'group_join_request');
    assert.ok(told, 'the network administrators are told of the request');
    assert.equal(told.subject.title, `${amira.user.display_name} asks to join ${network.name}`);
    assert.equal(told.subject.link, `/groups/${network.id}#join-requests`);

    const requests = (await call('GET', routes.requests, { params: { id: network.id }, auth: sam, expect: 200 })).body.items;
    const mine = requests.find((r) => r.person.id === amira.user.id);
    assert.equal(mine.message, 'I lead practice in Southampton.');
    assert.equal(mine.organisation.name, 'Southampton');
    await call('POST', routes.approve, { params: { id: network.id, request_id: mine.id }, auth: sam, expect: 204 });
    expectProblem(await call('POST', routes.approve, { params: { id: network.id, request_id: mine.id }, auth: sam }), 404);

    assert.equal((await getGroup(amira, network.id)).my_role, 'member');
    assert.ok(!(await forum.notifications(sam)).items.some(isAbout('group_join_request', mine.id)),
      'the request is taken back from those told of it');
    const answer = (await forum.notifications(amira)).items.find(isAbout('group', network.id));
    assert.equal(answer.subject.title, `You joined ${network.name}`);
  });

  it('tells the owners of a group that has them, and a declined or withdrawn request leaves no member', async () => {
    const g = await createGroup(sam, { privacy: 'restricted' });
    await addToGroup(sam, g.id, { person_id: grace.user.id, role: 'owner' });
    const asker = await addMember(server, { organisation: 'E06000044' });
    await call('POST', routes.join, { params: { id: g.id }, auth: asker, expect: 202 });
    assert.ok((await forum.notifications(grace)).items.some((n) => n.kind === 'group_membership' &&
      n.subject.title.endsWith(`asks to join ${g.name}`)), 'the owner is told');
    const [request] = (await call('GET', routes.requests, { params: { id: g.id }, auth: grace, expect: 200 })).body.items;
    await call('POST', routes.decline, { params: { id: g.id, request_id: request.id }, auth: grace, expect: 204 });
    assert.equal((await getGroup(asker, g.id)).my_role, null);
    assert.equal((await getGroup(asker, g.id)).requested, false);
    const declined = (await forum.notifications(asker)).items.find(isAbout('group', g.id));
    assert.equal(declined.subject.title, `Your request to join ${g.name} was declined`);

    await call('POST', routes.join, { params: { id: g.id }, auth: asker, expect: 202 });
    const [again] = (await call('GET', routes.requests, { params: { id: g.id }, auth: grace, expect: 200 })).body.items;
    assert.ok((await forum.notifications(grace)).items.some(isAbout('group_join_request', again.id)));
    await call('DELETE', routes.join, { params: { id: g.id }, auth: asker, expect: 204 });
    expectProblem(await call('DELETE', routes.join, { params: { id: g.id }, auth: asker }), 404);
    assert.deepEqual((await call('GET', routes.requests, { params: { id: g.id }, auth: grace, expect: 200 })).body.items, []);
    assert.ok(!(await forum.notifications(grace)).items.some(isAbout('group_join_request', again.id)),
      'a withdrawn request is taken back');
  });

  it('keeps a private group from everyone but its members, who are added by its owners', async () => {
    const g = await createGroup(sam, { name: `AMHP leads ${uniqueWord()}`, privacy: 'private', sector: 'adults' });
    expectProblem(await call('GET', routes.group, { params: { id: g.id }, auth: tom }), 404);
    expectProblem(await call('POST', routes.join, { params: { id: g.id }, auth: tom }), 404);
    assert.ok(!(await listGroups(tom)).some((x) => x.id === g.id));
    assert.ok((await listGroups(sam, { mine: 'true' })).some((x) => x.id === g.id));

    const added = await addToGroup(sam, g.id, { email: tom.user.email.toUpperCase() });
    assert.equal(added.body.id, tom.user.id);
    assert.equal(added.body.role, 'member');
    assert.equal((await getGroup(tom, g.id)).my_role, 'member');
    assert.ok((await listGroups(tom, { mine: 'true' })).some((x) => x.id === g.id));
    assert.equal((await forum.notifications(tom)).items.find(isAbout('group', g.id)).subject.title,
      `You were added to ${g.name}`);
  });
});

describe('owners and bad input', () => {
  it('creates only as the rules say', async () => {
    expectProblem(await call('POST', routes.groups, { auth: amira,
      json: { name: `Ours ${uniqueWord()}`, kind: 'interest', privacy: 'open', sector: 'both' } }), 403);
    const g = await createGroup(sam, {});
    await addToGroup(sam, g.id, { person_id: amira.user.id, role: 'owner' });
    // Owning a group, Amira may start a special-interest group, but not a network.
    const hers = await createGroup(amira, { name: `ASYE leads ${uniqueWord()}` });
    assert.equal(hers.my_role, 'owner');
    expectProblem(await call('POST', routes.groups, { auth: amira,
      json: { name: `Network ${uniqueWord()}`, kind: 'national_network', privacy: 'open', sector: 'both' } }), 403);
  });

  it('refuses bad input, naming each field, and changes nothing', async () => {
    const before = (await listGroups(sam)).length;
    for (const [json, fields] of [
      [{}, ['name', 'kind', 'privacy', 'sector']],
      [{ name: '  ', kind: 'club', privacy: 'secret', sector: 'everyone' }, ['name', 'kind', 'privacy', 'sector']],
      [{ name: 'x'.repeat(121), kind: 'interest', privacy: 'open', sector: 'both', description: 'y'.repeat(2001) },
        ['name', 'description']],
      [{ name: `R ${uniqueWord()}`, kind: 'regional_network', privacy: 'open', sector: 'adults' }, ['region_code']],
      [{ name: `R ${uniqueWord()}`, kind: 'interest', privacy: 'open', sector: 'adults', region_code: 'E12000008' },
        ['region_code']],
      [{ name: `R ${uniqueWord()}`, kind: 'regional_network', privacy: 'open', sector: 'adults', region_code: 'E12000099' },
        ['region_code']],
    ]) {
      expectInvalidFields(await call('POST', routes.groups, { auth: sam, json }), fields);
    }
    expectProblem(await call('POST', routes.groups, { auth: sam,
      json: { name: 'london CHILDREN\'S psw network', kind: 'interest', privacy: 'open', sector: 'both' } }), 409);
    expectProblem(await call('POST', routes.groups, { auth: sam, json: [] }), 422);
    assert.equal((await listGroups(sam)).length, before);

    const g = await createGroup(sam, {});
    for (const [json, fields] of [
      [{}, ['person_id']],
      [{ person_id: amira.user.id, email: 'a@example.test' }, ['person_id']],
      [{ person_id: amira.user.id, role: 'chair' }, ['role']],
      [{ email: 'nobody-at-all@example.test' }, ['email']],
      [{ person_id: 987654321 }, ['person_id']],
    ]) {
      expectInvalidFields(await addToGroup(sam, g.id, json, { expect: 422 }), fields);
    }
    expectInvalidFields(await call('PATCH', routes.group, { params: { id: g.id }, auth: sam,
      json: { kind: 'regional_network', sector: 'adults', privacy: 'hidden' } }), ['privacy', 'kind', 'sector']);
    expectInvalidFields(await call('GET', routes.groups, { auth: sam, query: { kind: 'club', mine: 'maybe' } }), ['mine']);
    expectInvalidFields(await call('GET', routes.groups, { auth: sam, query: { kind: 'club' } }), ['kind']);
    assert.deepEqual(await memberIds(sam, g.id), [sam.user.id]);
    expectProblem(await call('PATCH', routes.group, { params: { id: g.id }, auth: amira, json: { name: 'Mine now' } }), 403);
    expectProblem(await addToGroup(amira, g.id, { person_id: amira.user.id }, { expect: 403 }), 403);
    expectProblem(await call('GET', routes.group, { params: { id: 987654321 }, auth: sam }), 404);
  });

  it('keeps an owner while the group has members, and lets people leave', async () => {
    const g = await createGroup(sam, {});
    await call('POST', routes.join, { params: { id: g.id }, auth: amira, expect: 200 });
    expectProblem(await call('DELETE', routes.member, { params: { id: g.id, person_id: sam.user.id }, auth: sam }), 409);
    expectProblem(await call('PATCH', routes.member, { params: { id: g.id, person_id: sam.user.id }, auth: sam,
      json: { role: 'member' } }), 409);
    expectProblem(await call('DELETE', routes.member, { params: { id: g.id, person_id: sam.user.id }, auth: amira }), 403);
    const promoted = await call('PATCH', routes.member, { params: { id: g.id, person_id: amira.user.id }, auth: sam,
      json: { role: 'owner' } });
    assert.equal(promoted.status, 200, promoted.text);
    assert.equal(promoted.body.role, 'owner');
    await call('DELETE', routes.member, { params: { id: g.id, person_id: sam.user.id }, auth: sam, expect: 204 });
    const now = await getGroup(amira, g.id);
    assert.equal(now.member_count, 1);
    assert.equal(now.owner_count, 1);
    expectProblem(await call('DELETE', routes.member, { params: { id: g.id, person_id: tom.user.id }, auth: amira }), 404);
  });
});

describe('the privacy matrix of a group\'s discussions', () => {
  const groups = {}; // privacy -> {group, thread, word}
  let outsider;
  before(async () => {
    outsider = await addMember(server, { organisation: 'E06000054', sector: 'children' }); // Wiltshire
    for (const privacy of ['open', 'restricted', 'private']) {
      const group = await createGroup(sam, { privacy });
      await addToGroup(sam, group.id, { person_id: amira.user.id });
      const word = uniqueWord();
      const created = await forum.call('POST', forumRoutes.threads, { auth: amira, expect: 201, json: {
        title: `Supervision in the ${privacy} group ${word}`, body: `How do you run group supervision? ${word}`,
        sector: 'children', kind: 'question', tags: ['supervision'], group_id: group.id } });
      groups[privacy] = { group, thread: created.body, word };
    }
  });

  it('says which group a discussion is in, and who reads it', async () => {
    for (const [privacy, { group, thread }] of Object.entries(groups)) {
      assert.deepEqual(thread.group, { id: group.id, name: group.name }, privacy);
      assert.deepEqual(thread.readers, { scope: 'group', name: group.name }, privacy);
    }
  });

  const reads = { member: ['open', 'restricted', 'private'], outsider: ['open'], networkAdmin: ['open', 'restricted', 'private'] };
  for (const viewer of Object.keys(reads)) {
    it(`${viewer}: every read path allows exactly what the rule allows`, async () => {
      const session = { member: amira, outsider, networkAdmin: sam }[viewer];
      const { differences, expect } = collectDifferences();
      for (const [privacy, { group, thread, word }] of Object.entries(groups)) {
        const allowed = reads[viewer].includes(privacy);
        const what = (path) => `${privacy} group, ${path}`;
        expect(what('GET /threads/{id}'), (await call('GET', forumRoutes.thread, { params: { id: thread.id }, auth: session })).status,
          allowed ? 200 : 404);
        expect(what('GET /threads?q='), (await forum.listThreads(session, { q: word })).items.map((t) => t.id),
          allowed ? [thread.id] : []);
        // Readers' own discussions in the group join it as the matrix goes: the thread is there, or nothing is.
        const inGroup = (await forum.listThreads(session, { group_id: group.id })).items.map((t) => t.id);
        expect(what('GET /threads?group_id='), allowed ? inGroup.includes(thread.id) : inGroup, allowed ? true : []);
        const searched = await forum.call('GET', forumRoutes.search, { query: { q: word }, auth: session, expect: 200 });
        expect(what('GET /search'), [...new Set(searched.body.items.map((h) => h.thread_id))], allowed ? [thread.id] : []);
        const ws = await connect(session);
        expect(what('subscribe group with since'),
          (await subscribe(ws, [`group:${group.id}`], { since: 0, timeoutMs: eventTimeoutMs })).type,
          allowed ? 'subscribed' : 'error');
        expect(what('subscribe thread with since'),
          (await subscribe(ws, [`thread:${thread.id}`], { since: 0, timeoutMs: eventTimeoutMs })).type,
          allowed ? 'subscribed' : 'error');
        expect(what('GET /groups/{id}/members'),
          (await call('GET', routes.members, { params: { id: group.id }, auth: session })).status,
          allowed ? 200 : privacy === 'private' ? 404 : 403);
        const reply = await call('POST', forumRoutes.posts, { params: { id: thread.id }, auth: session,
          json: { body: `We use a rota, ${word}.` } });
        expect(what('POST /threads/{id}/posts'), reply.status, allowed ? 201 : 404);
        const starting = await forum.call('POST', forumRoutes.threads, { auth: session, json: {
          title: `Another question ${uniqueWord()}`, body: 'What do you think?', sector: 'children', kind: 'discussion',
          group_id: group.id } });
        expect(what('POST /threads with group_id'), starting.status,
          viewer !== 'outsider' ? 201 : privacy === 'private' ? 422 : 403);
      }
      assert.deepEqual(differences, [], `${viewer}:\n${differences.join('\n')}`);
    });
  }

  it('tells the group\'s members of a new discussion, and nobody else', async () => {
    const { group, thread } = groups.restricted;
    const told = (await forum.notifications(amira)).items;
    // Amira started it; Sam, the group's owner, is told.
    assert.ok(!told.some((n) => n.kind === 'group_discussion' && isAbout('thread', thread.id)(n)));
    const samTold = (await forum.notifications(sam)).items.find(isAbout('thread', thread.id));
    assert.equal(samTold?.kind, 'group_discussion');
    assert.ok(!(await forum.notifications(outsider)).items.some(isAbout('thread', thread.id)));
    assert.ok(!(await forum.notifications(tom)).items.some(isAbout('thread', thread.id)));
    assert.equal(group.privacy, 'restricted');
  });

  it('hides an open group\'s discussions at once when it becomes restricted, and refuses other audiences', async () => {
    const group = await createGroup(sam, { privacy: 'open' });
    const word = uniqueWord();
    const thread = (await forum.call('POST', forumRoutes.threads, { auth: sam, expect: 201, json: {
      title: `Thresholds ${word}`, body: 'How do you apply them?', sector: 'both', kind: 'discussion',
      group_id: group.id } })).body;
    assert.deepEqual((await forum.listThreads(outsider, { q: word })).items.map((t) => t.id), [thread.id]);
    await call('PATCH', routes.group, { params: { id: group.id }, auth: sam, json: { privacy: 'restricted' }, expect: 200 });
    assert.deepEqual((await forum.listThreads(outsider, { q: word })).items, []);
    expectProblem(await call('GET', forumRoutes.thread, { params: { id: thread.id }, auth: outsider }), 404);

    expectInvalidFields(await forum.call('POST', forumRoutes.threads, { auth: sam, json: {
      title: `Asked of neighbours ${uniqueWord()}`, body: 'Anyone?', sector: 'both', kind: 'question',
      audience: 'statistical_neighbours', group_id: group.id } }), ['audience']);
  });
});

describe('live on the group\'s channel', () => {
  it('shows members the group\'s new discussions and who joins, and never announces them on a sector channel', async () => {
    const group = await createGroup(sam, { privacy: 'restricted' });
    await addToGroup(sam, group.id, { person_id: amira.user.id });
    const member = await connect(amira);
    await subscribed(member, [`group:${group.id}`]);
    const everyone = await connect(tom);
    await subscribed(everyone, ['sector:children', 'sector:adults', 'sector:both']);

    const word = uniqueWord();
    const thread = (await forum.call('POST', forumRoutes.threads, { auth: sam, expect: 201, json: {
      title: `Live ${word}`, body: 'Shall we meet?', sector: 'children', kind: 'discussion', group_id: group.id } })).body;
    const created = await nextEvent(member, `group:${group.id}`, 'thread.created', (m) => m.data.thread.id === thread.id);
    assert.equal(created.data.thread.group.id, group.id);

    await addToGroup(sam, group.id, { person_id: grace.user.id });
    const joined = await nextEvent(member, `group:${group.id}`, 'member.joined', (m) => m.data.person_id === grace.user.id);
    assert.equal(joined.data.member_count, 3);

    // A marker on the sector channel after the group's thread: it arrives, and the group's thread never did.
    const marker = await forum.createThread(sam, { sector: 'children', title: `Marker ${uniqueWord()}` });
    const seen = await nextEvent(everyone, 'sector:children', 'thread.created', (m) => m.data.thread.id === marker.id);
    assert.equal(seen.data.thread.id, marker.id);
    assert.ok(!JSON.stringify(everyone.queuedMessages()).includes(word), 'the group\'s discussion was not announced');
  });
});

describe('access taken away on the channels at once', () => {
  it('unsubscribes a removed member from the group\'s channel and its discussions\'', async () => {
    const group = await createGroup(sam, { privacy: 'restricted' });
    await addToGroup(sam, group.id, { person_id: amira.user.id });
    const thread = (await forum.call('POST', forumRoutes.threads, { auth: sam, expect: 201, json: {
      title: `Before ${uniqueWord()}`, body: 'Agenda?', sector: 'children', kind: 'discussion', group_id: group.id } })).body;
    const ws = await connect(amira);
    await subscribed(ws, [`group:${group.id}`, `thread:${thread.id}`, 'sector:children']);
    await call('DELETE', routes.member, { params: { id: group.id, person_id: amira.user.id }, auth: sam, expect: 204 });
    const gone = await ws.takeMessage((m) => m?.type === 'unsubscribed', eventTimeoutMs);
    assert.deepEqual([...gone.channels].sort(), [`group:${group.id}`, `thread:${thread.id}`].sort());
    // What the group says next does not reach her; the network's does.
    const secret = uniqueWord();
    await forum.call('POST', forumRoutes.threads, { auth: sam, expect: 201, json: {
      title: `After ${secret}`, body: 'Only for members.', sector: 'children', kind: 'discussion', group_id: group.id } });
    const marker = await forum.createThread(sam, { sector: 'children' });
    await nextEvent(ws, 'sector:children', 'thread.created', (m) => m.data.thread.id === marker.id);
    assert.ok(!JSON.stringify(ws.queuedMessages()).includes(secret), 'the removed member heard the group');
  });

  it('tells a removed member nothing more of a discussion they followed, nor of mentions where they cannot read', async () => {
    const group = await createGroup(sam, { privacy: 'restricted' });
    for (const person of [amira, grace]) await addToGroup(sam, group.id, { person_id: person.user.id });
    const thread = (await forum.call('POST', forumRoutes.threads, { auth: sam, expect: 201, json: {
      title: `Followed ${uniqueWord()}`, body: 'Agenda?', sector: 'children', kind: 'discussion', group_id: group.id } })).body;
    for (const follower of [amira, grace]) await forum.reply(follower, thread.id);
    const told = async (session) => (await forum.notifications(session)).items.filter(isAbout('thread', thread.id))
      .map((n) => n.kind).sort();
    await forum.reply(sam, thread.id);
    assert.deepEqual(await told(amira), ['group_discussion', 'reply', 'reply'], 'a member who follows is told of replies');

    await call('DELETE', routes.member, { params: { id: group.id, person_id: amira.user.id }, auth: sam, expect: 204 });
    await forum.reply(sam, thread.id, `Thank you @${amira.user.display_name} and @${grace.user.display_name}.`);
    assert.deepEqual(await told(amira), ['group_discussion', 'reply', 'reply'],
      'the removed member was told of what she can no longer read');
    assert.deepEqual(await told(grace), ['group_discussion', 'reply', 'reply'], 'the member who stays is told, once');

    const next = (await forum.call('POST', forumRoutes.threads, { auth: sam, expect: 201, json: {
      title: `Next ${uniqueWord()}`, body: `@${amira.user.display_name}, @${tom.user.display_name}: join us?`,
      sector: 'children', kind: 'discussion', group_id: group.id } })).body;
    for (const outsider of [amira, tom]) {
      assert.deepEqual((await forum.notifications(outsider)).items.filter(isAbout('thread', next.id)), [],
        `${outsider.user.display_name}, not a member, is not told of a mention in a discussion they cannot read`);
    }
  });

  it('unsubscribes those who are not members when an open group becomes restricted', async () => {
    const group = await createGroup(sam, { privacy: 'open' });
    const ws = await connect(tom);
    await subscribed(ws, [`group:${group.id}`]);
    await call('PATCH', routes.group, { params: { id: group.id }, auth: sam, json: { privacy: 'restricted' }, expect: 200 });
    const gone = await ws.takeMessage((m) => m?.type === 'unsubscribed', eventTimeoutMs);
    assert.deepEqual(gone.channels, [`group:${group.id}`]);
  });

  it('announces an open group\'s new discussions on their sector\'s channel too', async () => {
    const group = await createGroup(sam, { privacy: 'open' });
    const ws = await connect(tom);
    await subscribed(ws, ['sector:adults']);
    const thread = (await forum.call('POST', forumRoutes.threads, { auth: sam, expect: 201, json: {
      title: `Open to all ${uniqueWord()}`, body: 'Anyone?', sector: 'adults', kind: 'question', group_id: group.id } })).body;
    const seen = await nextEvent(ws, 'sector:adults', 'thread.created', (m) => m.data.thread.id === thread.id);
    assert.equal(seen.data.thread.group.id, group.id);
  });
});

describe('resources shared with a group', () => {
  let library, group, resource, word, bytes, outsider;
  before(async () => {
    library = libraryClient(server.baseUrl);
    outsider = await addMember(server, { organisation: 'E06000045', sector: 'children' }); // Southampton, as Amira
    group = await createGroup(sam, { privacy: 'restricted' });
    await addToGroup(sam, group.id, { person_id: amira.user.id });
    word = uniqueWord();
    resource = await library.create(amira, { title: `Supervision policy ${word}`, visibility: 'group', group_id: group.id });
    bytes = pdfWith('Supervision policy', `Reflective supervision ${word}`);
    await library.uploaded(amira, resource.id, bytes, 'supervision.pdf');
  });

  it('says which group it is shared with', () => {
    assert.equal(resource.visibility, 'group');
    assert.deepEqual(resource.group, { id: group.id, name: group.name });
  });

  for (const [viewer, allowed] of [['member', true], ['colleague outside the group', false], ['outsider elsewhere', false],
    ['network administrator', true]]) {
    it(`${viewer}: every read path allows exactly what the rule allows`, async () => {
      const session = { member: amira, 'colleague outside the group': outsider, 'outsider elsewhere': tom,
        'network administrator': sam }[viewer];
      const { differences, expect } = collectDifferences();
      expect('GET /resources/{id}', (await library.call('GET', libraryRoutes.resource, { id: resource.id, auth: session })).status,
        allowed ? 200 : 404);
      expect('GET /resources?q=', (await library.allPages(session, { q: word })).map((r) => r.id), allowed ? [resource.id] : []);
      expect('GET /resources?group_id=', (await library.allPages(session, { group_id: group.id })).map((r) => r.id),
        allowed ? [resource.id] : []);
      expect('GET /search', (await library.resourceHits(session, word)).map((hit) => hit.resource_id),
        allowed ? [resource.id] : []);
      expect('download', (await library.download(session, resource.id, 1)).status, allowed ? 200 : 404);
      const ws = await connect(session);
      expect('subscribe', (await subscribe(ws, [`resource:${resource.id}`], { timeoutMs: eventTimeoutMs })).type,
        allowed ? 'subscribed' : 'error');
      assert.deepEqual(differences, [], `${viewer}:\n${differences.join('\n')}`);
    });
  }

  it('has discussions read by the group\'s readers', async () => {
    const started = await library.call('POST', libraryRoutes.threads, { id: resource.id, auth: amira, expect: 201,
      json: { title: `Using it ${uniqueWord()}`, body: 'How has it gone?' } });
    const thread = await forum.getThread(amira, started.body.thread_id);
    assert.deepEqual(thread.readers, { scope: 'group', name: group.name });
    expectProblem(await call('GET', forumRoutes.thread, { params: { id: thread.summary?.id ?? thread.id }, auth: outsider }), 404);
  });

  it('is shared only with a group of one\'s own, and only as a group resource', async () => {
    const other = await createGroup(sam, { privacy: 'restricted' });
    const refused = await library.call('POST', libraryRoutes.resources, { auth: amira, json: {
      title: 'Ours', summary: 'A policy.', type: 'policy', sector: 'both', licence: 'OGL-UK-3.0', tags: [],
      visibility: 'group', group_id: other.id } });
    expectProblem(refused, 403);
    for (const [json, fields] of [
      [{ visibility: 'group' }, ['group_id']],
      [{ visibility: 'network', group_id: group.id }, ['group_id']],
    ]) {
      expectInvalidFields(await library.call('POST', libraryRoutes.resources, { auth: amira, json: {
        title: 'Ours', summary: 'A policy.', type: 'policy', sector: 'both', licence: 'OGL-UK-3.0', tags: [], ...json } }),
      fields);
    }
    // Made the network's, it is everyone's; shared with the group again, the group's alone.
    await library.call('PATCH', libraryRoutes.resource, { id: resource.id, auth: amira, json: { visibility: 'network' },
      expect: 200 });
    assert.equal((await library.call('GET', libraryRoutes.resource, { id: resource.id, auth: tom })).status, 200);
    const back = await library.call('PATCH', libraryRoutes.resource, { id: resource.id, auth: amira,
      json: { visibility: 'group', group_id: group.id }, expect: 200 });
    assert.deepEqual(back.body.group, { id: group.id, name: group.name });
    assert.equal((await library.call('GET', libraryRoutes.resource, { id: resource.id, auth: tom })).status, 404);
  });
});
