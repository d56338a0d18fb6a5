// Practice library end to end, visibility: resources of each visibility shared by Southampton (South East), read
// by people of the same organisation, the same region, other regions and other roles. Every read path (list, words,
// search, get, download, endorsement, discussions, the resource:{id} channel) allows exactly those the rule allows
// and answers the others as if the resource did not exist; discussions of a restricted resource take its
// visibility on every path of their own (get, list, search, replies, the thread channel with since, the sector
// channels, mentions); against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectDifferences, expectProblem } from '../support/api.mjs';
import { addMember } from '../support/forum.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { routes, startLibraryServer, uniqueWord } from '../support/library.mjs';
import { pdfWith } from '../support/library-files.mjs';
import { eventTimeoutMs, socketsClosedAfterEachTest } from '../support/realtime.mjs';
import { subscribe } from '../support/websocket.mjs';

let server, library, call, amira, tom, grace, priya, sam; // who is who: startLibraryServer
const viewers = {}; // name -> session
const connect = socketsClosedAfterEachTest(() => server);

const southEast = 'E12000008';
const tag = uniqueWord('v');
const resources = {}; // visibility -> {resource, word, bytes}

// Who sees a Southampton resource of each visibility: the rule of ResourceVisibility, written out by hand.
const sees = {
  network: ['southamptonColleague', 'portsmouthMember', 'wiltshireMember', 'southwarkAdmin', 'cswOffice', 'networkAdmin',
    'moderator'],
  region: ['southamptonColleague', 'portsmouthMember', 'networkAdmin', 'moderator'],
  organisation: ['southamptonColleague', 'networkAdmin', 'moderator'],
};

before(async () => {
  ({ server, library, call, amira, tom, grace, priya, sam } = await startLibraryServer());
  Object.assign(viewers, {
    southamptonColleague: await addMember(server, { organisation: 'E06000045', sector: 'children' }),
    portsmouthMember: await addMember(server, { organisation: 'E06000044', sector: 'children' }), // South East too
    wiltshireMember: tom, // South West
    southwarkAdmin: grace, // London, org_admin of another organisation
    cswOffice: priya,
    networkAdmin: sam,
    moderator: await addMember(server, { organisation: 'E06000054', roles: ['member', 'moderator'] }), // South West
  });
  for (const visibility of ['network', 'region', 'organisation']) {
    const word = uniqueWord();
    const resource = await library.create(amira, { title: `Practice standards ${visibility}`, visibility, tags: [tag],
      summary: `Shared with the ${visibility}.` });
    const bytes = pdfWith('Practice standards', `Quality assurance ${word}`);
    await library.uploaded(amira, resource.id, bytes, `standards-${visibility}.pdf`);
    resources[visibility] = { resource, word, bytes };
  }
});
after(() => server?.stop());

it('uses viewers whose organisations are where this test says', async () => {
  const regionOf = async (session) => {
    const res = await library.api.get(`/api/v1/organisations/${session.user.organisation.id}`, { auth: session });
    assert.equal(res.status, 200, res.text);
    return res.body.region?.code ?? null;
  };
  assert.equal(await regionOf(amira), southEast);
  assert.equal(await regionOf(viewers.portsmouthMember), southEast);
  assert.equal(viewers.southamptonColleague.user.organisation.id, amira.user.organisation.id);
  for (const name of ['wiltshireMember', 'southwarkAdmin', 'moderator']) {
    assert.notEqual(await regionOf(viewers[name]), southEast, name);
  }
  assert.ok(viewers.moderator.user.roles.includes('moderator'));
  assert.ok(viewers.networkAdmin.user.roles.includes('network_admin'));
  assert.ok(!viewers.southwarkAdmin.user.roles.some((role) => ['moderator', 'network_admin'].includes(role)));
});

describe('the visibility matrix', () => {
  for (const viewer of sees.network) {
    it(`${viewer}: every read path allows exactly what the rule allows`, async () => {
      const session = viewers[viewer];
      const visible = Object.keys(sees).filter((visibility) => sees[visibility].includes(viewer));
      const expectedIds = visible.map((visibility) => resources[visibility].resource.id).sort((a, b) => a - b);
      const { differences, expect } = collectDifferences();

      const listed = await library.allPages(session, { tag });
      expect('GET /resources?tag=', listed.map((r) => r.id).sort((a, b) => a - b), expectedIds);
      const inRegion = await library.allPages(session, { tag, region: southEast });
      expect('GET /resources?region=', inRegion.map((r) => r.id).sort((a, b) => a - b), expectedIds);

      for (const visibility of Object.keys(sees)) {
        const { resource, word, bytes } = resources[visibility];
        const allowed = visible.includes(visibility);
        const what = (path) => `${visibility} resource, ${path}`;
        // The status, with the answer when it is neither of the expected ones.
        const status = (res) => ([201, 404].includes(res.status) ? res.status : `${res.status} ${res.text.slice(0, 200)}`);

        expect(what('GET /resources?q='), (await library.allPages(session, { q: word })).map((r) => r.id),
          allowed ? [resource.id] : []);
        expect(what('GET /search'), (await library.resourceHits(session, word)).map((hit) => hit.resource_id),
          allowed ? [resource.id] : []);

        const got = await call('GET', routes.resource, { id: resource.id, auth: session });
        expect(what('GET /resources/{id}'), got.status, allowed ? 200 : 404);
        if (got.status === 404) expectProblem(got, 404);

        const download = await library.download(session, resource.id, 1);
        expect(what('download'), download.status, allowed ? 200 : 404);
        if (download.status === 200) expect(what('downloaded bytes'), download.bytes.equals(bytes), true);
        if (download.status === 404) expectProblem(download, 404);

        const own = session.user.organisation.id === amira.user.organisation.id;
        const endorsement = !allowed ? 404 : own ? 409 : 200;
        expect(what('PUT endorsement'), (await call('PUT', routes.endorsement, { id: resource.id, auth: session })).status,
          endorsement);
        expect(what('DELETE endorsement'), (await call('DELETE', routes.endorsement, { id: resource.id, auth: session })).status,
          endorsement);

        const thread = await call('POST', routes.threads, { id: resource.id, auth: session,
          json: { title: `Using the ${visibility} standards ${uniqueWord()}`, body: 'How has it worked for you?' } });
        expect(what('POST /resources/{id}/threads'), status(thread), allowed ? 201 : 404);

        const changed = await call('PATCH', routes.resource, { id: resource.id, json: { summary: 'Changed?' }, auth: session });
        expect(what('PATCH'), changed.status, !allowed ? 404 : ['networkAdmin', 'moderator'].includes(viewer) ? 200 : 403);

        const ws = await connect(session);
        const answer = await subscribe(ws, [`resource:${resource.id}`], { timeoutMs: eventTimeoutMs });
        expect(what('subscribe'), answer.type, allowed ? 'subscribed' : 'error');
      }
      assert.deepEqual(differences, [], `${viewer}:\n${differences.join('\n')}`);
    });
  }

  it('the owner sees every one of its own resources, and the discussions started about them', async () => {
    const listed = await library.allPages(amira, { tag });
    assert.equal(listed.length, 3);
    for (const visibility of Object.keys(sees)) {
      const seen = await library.get(amira, resources[visibility].resource.id);
      assert.equal(seen.threads.length, sees[visibility].length, `${visibility}: one thread per viewer who may see it`);
      for (const thread of seen.threads) {
        expectDocumented(await library.api.get(`/api/v1/threads/${thread.id}`, { auth: amira }), 'GET', routes.thread);
      }
    }
  });
});

describe('discussions of restricted resources', () => {
  // One thread per visibility, started by the owner; its words are unique so every path can look for it.
  const started = {}; // visibility -> {threadId, word}
  before(async () => {
    for (const visibility of ['region', 'organisation']) {
      const word = uniqueWord();
      const res = await call('POST', routes.threads, { id: resources[visibility].resource.id, auth: amira, expect: 201,
        json: { title: `Rolling out the standards ${word}`, body: `Our plan for ${word}, step by step.` } });
      started[visibility] = { threadId: res.body.thread_id, word };
    }
  });

  for (const viewer of sees.network) {
    it(`${viewer}: reads a discussion of a restricted resource exactly when it may see the resource`, async () => {
      const session = viewers[viewer];
      const { differences, expect } = collectDifferences();
      for (const visibility of ['region', 'organisation']) {
        const { threadId, word } = started[visibility];
        const allowed = sees[visibility].includes(viewer);
        const what = (path) => `${visibility} discussion, ${path}`;
        const got = await library.api.get(`/api/v1/threads/${threadId}`, { auth: session });
        expect(what('GET /threads/{id}'), got.status, allowed ? 200 : 404);
        const listed = await library.api.get(`/api/v1/threads?q=${word}`, { auth: session });
        expect(what('GET /threads?q='), listed.body.items.map((t) => t.id), allowed ? [threadId] : []);
        const searched = await call('GET', routes.search, { query: { q: word, limit: 50 }, auth: session, expect: 200 });
        expect(what('GET /search'), [...new Set(searched.body.items.filter((h) => h.type !== 'resource').map((h) => h.thread_id))],
          allowed ? [threadId] : []);
        const reply = await library.api.post(`/api/v1/threads/${threadId}/posts`, { body: 'We did the same.' }, { auth: session });
        expect(what('POST /threads/{id}/posts'), reply.status, allowed ? 201 : 404);
        const ws = await connect(session);
        const answer = await subscribe(ws, [`thread:${threadId}`], { since: 0, timeoutMs: eventTimeoutMs });
        expect(what('subscribe with since'), answer.type, allowed ? 'subscribed' : 'error');
      }
      assert.deepEqual(differences, [], `${viewer}:\n${differences.join('\n')}`);
    });
  }

  it('says who can read it, never announces it on a sector channel, and mentions only its readers', async () => {
    const { resource } = resources.organisation;
    const thread = (await library.api.get(`/api/v1/threads/${started.organisation.threadId}`, { auth: amira })).body;
    assert.deepEqual(thread.readers, { scope: 'organisation', name: 'Southampton' });
    const region = (await library.api.get(`/api/v1/threads/${started.region.threadId}`, { auth: amira })).body;
    assert.deepEqual(region.readers, { scope: 'region', name: 'South East' });

    const watcher = await connect(sam); // a network administrator could read it, but the sector channel is everyone's
    await subscribe(watcher, ['sector:children', 'sector:both', 'sector:adults'], { timeoutMs: eventTimeoutMs });
    const hidden = uniqueWord();
    const secret = await call('POST', routes.threads, { id: resource.id, auth: amira, expect: 201,
      json: { title: `Our own ${hidden} plan`, body: `Just for us, @${tom.user.display_name}.` } });
    const open = await library.api.post('/api/v1/threads', { title: `Open question ${uniqueWord()}`, body: 'Anyone?',
      sector: 'children', kind: 'question', tags: [] }, { auth: amira });
    assert.equal(open.status, 201, open.text);
    await watcher.takeMessage((m) => m?.type === 'event' && m.data?.thread?.id === open.body.id, eventTimeoutMs);
    assert.ok(!JSON.stringify(watcher.queuedMessages()).includes(hidden), 'the restricted thread was not announced');
    const told = (await call('GET', routes.notifications, { query: { limit: 100 }, auth: tom, expect: 200 })).body.items;
    assert.deepEqual(told.filter((n) => n.subject.type === 'thread' && n.subject.id === secret.body.thread_id), [],
      'a mention outside its readers is not sent');
  });

  it('follows the resource when its visibility changes', async () => {
    const resource = await library.create(amira, { visibility: 'organisation' });
    const threadId = (await call('POST', routes.threads, { id: resource.id, auth: amira, expect: 201,
      json: { title: `Following ${uniqueWord()}`, body: 'Shall we share this?' } })).body.thread_id;
    expectProblem(await library.api.get(`/api/v1/threads/${threadId}`, { auth: tom }), 404);
    await call('PATCH', routes.resource, { id: resource.id, json: { visibility: 'network' }, auth: amira, expect: 200 });
    const opened = await library.api.get(`/api/v1/threads/${threadId}`, { auth: tom });
    assert.equal(opened.status, 200);
    assert.deepEqual(opened.body.readers, { scope: 'network', name: null });
    const ws = await connect(tom); // watching it while it is the network's
    assert.equal((await subscribe(ws, [`resource:${resource.id}`, `thread:${threadId}`], { timeoutMs: eventTimeoutMs })).type,
      'subscribed');
    await call('PATCH', routes.resource, { id: resource.id, json: { visibility: 'organisation' }, auth: amira, expect: 200 });
    expectProblem(await library.api.get(`/api/v1/threads/${threadId}`, { auth: tom }), 404);
    const gone = await ws.takeMessage((m) => m?.type === 'unsubscribed', eventTimeoutMs);
    assert.deepEqual([...gone.channels].sort(), [`resource:${resource.id}`, `thread:${threadId}`].sort(),
      'narrowed, it stops reaching those who may no longer see it');
  });

  it('takes back notifications about a discussion from those who can no longer read it', async () => {
    const resource = await library.create(amira, { visibility: 'network' });
    const threadId = (await call('POST', routes.threads, { id: resource.id, auth: amira, expect: 201,
      json: { title: `Narrowing ${uniqueWord()}`, body: `What do you think, @${tom.user.display_name}?` } })).body.thread_id;
    const about = (session) => call('GET', routes.notifications, { query: { limit: 100 }, auth: session, expect: 200 })
      .then((res) => res.body.items.filter((n) => n.subject.type === 'thread' && n.subject.id === threadId));
    assert.equal((await about(tom)).length, 1, 'tom was mentioned while he could read it');
    await call('PATCH', routes.resource, { id: resource.id, json: { visibility: 'organisation' }, auth: amira, expect: 200 });
    assert.deepEqual(await about(tom), [], 'and loses the notification, with its title, when he no longer can');
  });

  it('tells only its readers of an announcement about a restricted resource', async () => {
    const { resource } = resources.organisation;
    const title = `Announcing ${uniqueWord()} to Southampton`;
    const threadId = (await call('POST', routes.threads, { id: resource.id, auth: sam, expect: 201,
      json: { title, body: 'For this organisation only.', kind: 'announcement' } })).body.thread_id;
    const told = async (session) => (await call('GET', routes.notifications, { query: { limit: 100 }, auth: session,
      expect: 200 })).body.items.filter((n) => n.subject.type === 'thread' && n.subject.id === threadId).map((n) => n.kind);
    assert.ok((await told(viewers.southamptonColleague)).includes('announcement'), 'its readers are told');
    assert.deepEqual(await told(viewers.southwarkAdmin), [], 'Southwark cannot read it, so is not told of it');
    assert.deepEqual(await told(viewers.wiltshireMember), []);
  });
});

describe('discussions of a region resource', () => {
  it('are addressed to the owner\'s region, never to the region of whoever starts them', async () => {
    const { resource } = resources.region;
    const bristolMember = await addMember(server, { organisation: 'E06000023', sector: 'both' }); // South West
    const started = await call('POST', routes.threads, { id: resource.id, auth: viewers.moderator, expect: 201,
      json: { title: `Adapting the standards ${uniqueWord()}`, body: 'Which parts did you change?' } });
    const threadId = started.body.thread_id;
    const thread = expectDocumented(await library.api.get(`/api/v1/threads/${threadId}`, { auth: sam }), 'GET', routes.thread);
    const told = (await call('GET', routes.notifications, { query: { limit: 100 }, auth: bristolMember, expect: 200 })).body.items;
    assert.deepEqual(told.filter((n) => n.subject.type === 'thread' && n.subject.id === threadId), [],
      'nobody outside the owner\'s region is told of it');
    const addressed = thread.audience_organisations.map((o) => o.id);
    assert.ok(!addressed.includes(tom.user.organisation.id), 'not Wiltshire, in the moderator\'s region');
    assert.ok(addressed.includes(viewers.portsmouthMember.user.organisation.id), 'Portsmouth, in the owner\'s region');
  });
});

describe('changing the visibility', () => {
  it('takes effect at once for get, list, search and download', async () => {
    const word = uniqueWord();
    const resource = await library.create(amira, { title: `Changing ${word}`, visibility: 'network' });
    await library.uploaded(amira, resource.id, pdfWith(word), 'changing.pdf');
    assert.equal((await library.get(tom, resource.id)).id, resource.id);
    await call('PATCH', routes.resource, { id: resource.id, json: { visibility: 'organisation' }, auth: amira, expect: 200 });
    expectProblem(await call('GET', routes.resource, { id: resource.id, auth: tom }), 404);
    expectProblem(await library.download(tom, resource.id, 1), 404);
    assert.deepEqual(await library.allPages(tom, { q: word }), []);
    assert.deepEqual(await library.resourceHits(tom, word), []);
    assert.deepEqual((await library.resourceHits(viewers.southamptonColleague, word)).map((h) => h.resource_id), [resource.id]);
    const ws = await connect(tom);
    assert.equal((await subscribe(ws, [`resource:${resource.id}`], { timeoutMs: eventTimeoutMs })).type, 'error');
  });

  it('answers a deleted resource\'s channel with a refusal, even for network_admins', async () => {
    const resource = await library.create(amira);
    await call('DELETE', routes.resource, { id: resource.id, auth: amira, expect: 204 });
    const ws = await connect(sam);
    assert.equal((await subscribe(ws, [`resource:${resource.id}`], { timeoutMs: eventTimeoutMs })).type, 'error');
  });
});
