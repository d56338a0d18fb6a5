// Practice library end to end, resources: sharing one (fields, rules, the personal-data guard), who may change and
// delete it, the soft delete, finding resources (filters, sorts, keyset pages), endorsements ("we use this too")
// with the author told live, discussions about a resource, and the events of resource:{id}; against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { auditTable, countRows } from '../support/database.mjs';
import { addMember } from '../support/forum.mjs';
import { ids, newResource, routes, sortedIds, startLibraryServer, uniqueWord } from '../support/library.mjs';
import { textWith } from '../support/library-files.mjs';
import { nextEvent, socketsClosedAfterEachTest, subscribed } from '../support/realtime.mjs';

let server, library, call, amira, tom, grace, priya, sam; // who is who: startLibraryServer
let colleague, southamptonAdmin, moderator; // added members: Southampton member and org_admin, a moderator
before(async () => {
  ({ server, library, call, amira, tom, grace, priya, sam } = await startLibraryServer());
  colleague = await addMember(server, { organisation: 'E06000045', sector: 'children' });
  southamptonAdmin = await addMember(server, { organisation: 'E06000045', roles: ['member', 'org_admin'] });
  moderator = await addMember(server, { organisation: 'PSWNET', roles: ['moderator'] });
});
after(() => server?.stop());
const connect = socketsClosedAfterEachTest(() => server);

describe('sharing: POST /resources', () => {
  it('creates a resource owned by the author\'s organisation, its summary rendered and tags normalised', async () => {
    const fields = newResource({ tags: ['ASYE', 'asye', 'Newly Qualified'], link_url: 'https://example.org/framework',
      licence: 'CC-BY-4.0', visibility: 'region', type: 'asye_programme', sector: 'both' });
    const created = await library.create(amira, fields);
    assert.equal(created.title, fields.title);
    assert.equal(created.summary, fields.summary);
    assert.match(created.summary_html, /<strong>supervision framework<\/strong>/);
    assert.deepEqual([...created.tags].sort(), ['asye', 'newly-qualified']);
    assert.equal(created.type, 'asye_programme');
    assert.equal(created.sector, 'both');
    assert.equal(created.licence, 'CC-BY-4.0');
    assert.equal(created.visibility, 'region');
    assert.equal(created.link_url, 'https://example.org/framework');
    assert.deepEqual(created.organisation, amira.user.organisation);
    assert.deepEqual(created.author, { id: amira.user.id, display_name: amira.user.display_name });
    assert.deepEqual([created.files, created.endorsements, created.threads, created.latest_file], [[], [], [], null]);
    assert.deepEqual([created.endorsement_count, created.download_count], [0, 0]);
    assert.equal(created.may_edit, true);
    const seen = await library.get(colleague, created.id);
    assert.equal(seen.title, created.title);
    assert.equal(seen.may_edit, false, 'a colleague who is not an org_admin may not change it');
  });

  it('refuses each invalid field with 422 naming it, and stores nothing', async () => {
    const cases = [
      [{ title: '' }, ['title']],
      [{ title: 'x'.repeat(201) }, ['title']],
      [{ summary: ' ' }, ['summary']],
      [{ summary: 'x'.repeat(50_001) }, ['summary']],
      [{ type: 'poster' }, ['type']],
      [{ sector: 'elderly' }, ['sector']],
      [{ licence: 'MIT' }, ['licence']],
      [{ visibility: 'public' }, ['visibility']],
      [{ tags: ['one', 'two', 'three', 'four', 'five', 'six'] }, ['tags']],
      [{ tags: ['a/b'] }, ['tags[0]']],
      [{ link_url: 'javascript:alert(document.cookie)' }, ['link_url']],
      [{ link_url: 'JAVASCRIPT:alert(1)' }, ['link_url']],
      [{ link_url: 'data:text/html,<script>alert(1)</script>' }, ['link_url']],
      [{ link_url: 'ftp://example.org/file' }, ['link_url']],
      [{ link_url: 'https:///no-host' }, ['link_url']],
      [{ link_url: 'https://example.org/a b' }, ['link_url']],
      [{ title: '', type: 'poster', visibility: 'public' }, ['title', 'type', 'visibility']],
    ];
    const before = await countRows(server.db, 'resources');
    for (const [change, fields] of cases) {
      expectInvalidFields(await call('POST', routes.resources, { json: newResource(change), auth: amira }), fields);
    }
    const missing = await call('POST', routes.resources, { json: {}, auth: amira });
    expectInvalidFields(missing, ['title', 'summary', 'type', 'sector', 'licence', 'visibility']);
    assert.equal(await countRows(server.db, 'resources'), before, 'no resource was stored');
  });

  it('refuses an NHS number in the title or summary, and stores a phone number only once confirmed', async () => {
    const before = await countRows(server.db, 'resources');
    for (const change of [{ summary: 'Example record: NHS number 943 476 5919.' }, { title: 'Template for AB 12 34 56 C' },
      { summary: 'NHS 9434765919', confirm_personal_data: true }]) {
      const res = await call('POST', routes.resources, { json: newResource(change), auth: amira });
      expectProblem(res, 422, { type: '/problems/personal-data' });
    }
    const warned = await call('POST', routes.resources, { json: newResource({ summary: 'Ring the duty desk on 01632 960 001.' }),
      auth: amira });
    const problem = expectProblem(warned, 422, { type: '/problems/personal-data-warning' });
    assert.ok(problem.errors.some((e) => e.field === 'summary' && e.kind === 'phone_number'), warned.text);
    assert.equal(await countRows(server.db, 'resources'), before, 'nothing stored before the confirmation');
    const confirmed = await library.create(amira, { summary: 'Ring the duty desk on 01632 960 001.', confirm_personal_data: true });
    assert.match(confirmed.summary, /01632 960 001/);
  });

  it('needs a signed-in user (401)', async () => {
    expectProblem(await call('POST', routes.resources, { json: newResource() }), 401);
    expectProblem(await call('GET', routes.resources, {}), 401);
  });
});

describe('changing and deleting: PATCH and DELETE /resources/{id}', () => {
  it('lets the author change any subset of the fields; link_url null removes the link', async () => {
    const created = await library.create(amira, { link_url: 'http://example.org/old' });
    const res = await call('PATCH', routes.resource, { id: created.id, auth: amira, expect: 200,
      json: { title: 'Renamed framework', tags: ['Induction'], link_url: null, visibility: 'organisation' } });
    assert.equal(res.body.title, 'Renamed framework');
    assert.deepEqual(res.body.tags, ['induction']);
    assert.equal(res.body.link_url, null);
    assert.equal(res.body.visibility, 'organisation');
    assert.equal(res.body.summary, created.summary, 'fields not sent stay as they were');
    assert.equal(res.body.type, created.type);
    assert.deepEqual(await library.get(amira, created.id), res.body);
  });

  it('refuses an invalid change with 422 and changes nothing', async () => {
    const created = await library.create(amira);
    for (const [json, fields] of [[{ link_url: 'javascript:alert(1)' }, ['link_url']], [{ title: '' }, ['title']],
      [{ tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, ['tags']], [{ licence: 'GPL' }, ['licence']], [{ type: 'x' }, ['type']]]) {
      expectInvalidFields(await call('PATCH', routes.resource, { id: created.id, json, auth: amira }), fields);
    }
    assert.deepEqual(await library.get(amira, created.id), created);
  });

  it('lets the author, an org_admin of the owner, moderators and network_admins edit; others get 403', async () => {
    const created = await library.create(amira);
    for (const [who, session] of [['author', amira], ['Southampton org_admin', southamptonAdmin], ['moderator', moderator],
      ['network_admin', sam]]) {
      const title = `Edited by the ${who} ${uniqueWord()}`;
      const res = await call('PATCH', routes.resource, { id: created.id, json: { title }, auth: session });
      assert.equal(res.status, 200, `${who}: ${res.text}`);
      assert.equal(res.body.title, title);
      assert.equal((await library.get(session, created.id)).may_edit, true, who);
    }
    const before = await library.get(amira, created.id);
    for (const [who, session] of [['colleague', colleague], ['Wiltshire member', tom], ['Southwark org_admin', grace],
      ['CSW office', priya]]) {
      expectProblem(await call('PATCH', routes.resource, { id: created.id, json: { title: 'Mine now' }, auth: session }), 403);
      expectProblem(await call('DELETE', routes.resource, { id: created.id, auth: session }), 403);
      expectProblem(await library.upload(session, created.id, textWith('not mine'), 'mine.txt'), 403);
      assert.equal((await library.get(session, created.id)).may_edit, false, who);
    }
    assert.deepEqual(await library.get(amira, created.id), before, 'the refused requests changed nothing');
  });

  it('deletes softly: 404 everywhere afterwards, the row and the audit log kept', async () => {
    const word = uniqueWord();
    const created = await library.create(amira, { title: `Risk tool ${word}` });
    await library.uploaded(amira, created.id, textWith('risk', word), 'risk.txt');
    assert.equal((await library.resourceHits(tom, word)).length, 1);
    await call('DELETE', routes.resource, { id: created.id, auth: southamptonAdmin, expect: 204 });

    for (const session of [amira, tom, sam]) {
      expectProblem(await call('GET', routes.resource, { id: created.id, auth: session }), 404);
      expectProblem((await library.download(session, created.id, 1)), 404);
    }
    expectProblem(await call('PATCH', routes.resource, { id: created.id, json: { title: 'Back' }, auth: amira }), 404);
    expectProblem(await call('DELETE', routes.resource, { id: created.id, auth: amira }), 404);
    expectProblem(await call('PUT', routes.endorsement, { id: created.id, auth: tom }), 404);
    expectProblem(await library.upload(amira, created.id, textWith('again'), 'again.txt'), 404);
    expectProblem(await call('POST', routes.threads, { id: created.id, json: { title: 'Gone?', body: 'Is it gone?' }, auth: tom }), 404);
    assert.deepEqual(await library.allPages(amira, { q: word }), [], 'not listed');
    assert.deepEqual(await library.resourceHits(amira, word), [], 'not found by search');

    const { rows } = await server.db.query('SELECT deleted_at IS NOT NULL AS deleted FROM resources WHERE id = $1', [created.id]);
    assert.deepEqual(rows, [{ deleted: true }], 'the row stays, marked deleted');
    const audit = await auditTable(server.db);
    const logged = await server.db.query(`SELECT row_to_json(a)::text AS row FROM "${audit}" a`);
    const deletions = logged.rows.map((r) => r.row).filter((row) => row.includes('resource.deleted'));
    assert.ok(deletions.some((row) => row.includes(`${created.id}`)), 'the deletion is in the audit log');
  });

  it('answers 404 for a resource that never existed', async () => {
    expectProblem(await call('GET', routes.resource, { id: 999999, auth: amira }), 404);
    expectProblem(await call('PATCH', routes.resource, { id: 999999, json: { title: 'x' }, auth: sam }), 404);
    expectProblem(await call('DELETE', routes.resource, { id: 999999, auth: sam }), 404);
  });
});

describe('finding: GET /resources', () => {
  const tag = uniqueWord('t');
  const word = uniqueWord();
  const fixtures = {};

  before(async () => {
    fixtures.childrenPolicy = await library.create(amira, { tags: [tag], type: 'policy', sector: 'children',
      title: `Children's policy ${word}` });
    fixtures.adultsTemplate = await library.create(tom, { tags: [tag], type: 'template', sector: 'adults',
      licence: 'CC-BY-4.0' });
    fixtures.bothTool = await library.create(grace, { tags: [tag], type: 'risk_tool', sector: 'both',
      licence: 'ask-the-owner' });
    fixtures.childrenGuidance = await library.create(amira, { tags: [tag, 'guidance'], type: 'practice_guidance',
      sector: 'children' });
  });

  const tagged = (query = {}, session = amira) => library.allPages(session, { tag, ...query });

  it('filters by tag, sector (children includes both), type, licence, organisation, region and words', async () => {
    assert.deepEqual(sortedIds(await tagged()), sortedIds(Object.values(fixtures)));
    assert.deepEqual(sortedIds(await tagged({ sector: 'children' })),
      sortedIds([fixtures.childrenPolicy, fixtures.bothTool, fixtures.childrenGuidance]));
    assert.deepEqual(sortedIds(await tagged({ sector: 'adults' })), sortedIds([fixtures.adultsTemplate, fixtures.bothTool]));
    assert.deepEqual(ids(await tagged({ type: 'risk_tool' })), [fixtures.bothTool.id]);
    assert.deepEqual(ids(await tagged({ licence: 'CC-BY-4.0' })), [fixtures.adultsTemplate.id]);
    assert.deepEqual(sortedIds(await tagged({ organisation_id: amira.user.organisation.id })),
      sortedIds([fixtures.childrenPolicy, fixtures.childrenGuidance]));
    assert.deepEqual(ids(await tagged({ region: 'E12000009' })), [fixtures.adultsTemplate.id], 'South West: Wiltshire');
    assert.deepEqual(ids(await tagged({ region: 'E12000007' })), [fixtures.bothTool.id], 'London: Southwark');
    assert.deepEqual(ids(await tagged({ q: word })), [fixtures.childrenPolicy.id]);
    assert.deepEqual(ids(await library.allPages(tom, { q: word })), [fixtures.childrenPolicy.id], 'q alone');
    assert.deepEqual(ids(await tagged({ tag: 'guidance' })), [fixtures.childrenGuidance.id]);
    assert.deepEqual(await tagged({ sector: 'adults', organisation_id: amira.user.organisation.id }), [], 'all filters apply');
  });

  it('lists newest first, and items leave out what only the full resource holds', async () => {
    const items = await tagged();
    assert.deepEqual(ids(items), [...ids(items)].sort((a, b) => b - a));
    for (const item of items) {
      for (const key of ['files', 'endorsements', 'threads', 'endorsed_by_my_organisation', 'may_edit']) {
        assert.ok(!(key in item), `a list item has ${key}`);
      }
    }
  });

  it('sorts by most adopted and most downloaded, paging with cursors that keep the order', async () => {
    const sortTag = uniqueWord('s');
    const made = [];
    for (let i = 0; i < 4; i += 1) made.push(await library.create(amira, { tags: [sortTag] }));
    // Endorsements: made[2] by three organisations, made[0] by one; downloads: made[1] three times, made[3] once.
    for (const session of [tom, grace, priya]) await call('PUT', routes.endorsement, { id: made[2].id, auth: session, expect: 200 });
    await call('PUT', routes.endorsement, { id: made[0].id, auth: tom, expect: 200 });
    for (const resource of [made[1], made[3]]) await library.uploaded(amira, resource.id, textWith(uniqueWord()), 'notes.txt');
    for (const [resource, times] of [[made[1], 3], [made[3], 1]]) {
      for (let i = 0; i < times; i += 1) assert.equal((await library.download(tom, resource.id, 1)).status, 200);
    }
    const adopted = await library.allPages(tom, { tag: sortTag, sort: 'most_adopted' }, 1);
    assert.deepEqual(ids(adopted), [made[2].id, made[0].id, made[3].id, made[1].id]);
    assert.deepEqual(adopted.map((r) => r.endorsement_count), [3, 1, 0, 0]);
    const downloaded = await library.allPages(tom, { tag: sortTag, sort: 'most_downloaded' }, 1);
    assert.deepEqual(ids(downloaded), [made[1].id, made[3].id, made[2].id, made[0].id]);
    assert.deepEqual(downloaded.map((r) => r.download_count), [3, 1, 0, 0]);
    for (const limit of [2, 3, 100]) {
      assert.deepEqual(ids(await library.allPages(tom, { tag: sortTag, sort: 'most_adopted' }, limit)), ids(adopted));
      assert.deepEqual(ids(await library.allPages(tom, { tag: sortTag }, limit)), ids(made).reverse());
    }
  });

  it('names a bad parameter in a 422', async () => {
    for (const [name, value] of [['sector', 'elderly'], ['type', 'poster'], ['licence', 'MIT'], ['sort', 'oldest'],
      ['tag', 'a/b'], ['organisation_id', 'abc'], ['organisation_id', '0'], ['limit', '0'], ['limit', '101'],
      ['cursor', 'not-a-cursor'], ['q', 'x'.repeat(201)], ['region', 'E12000010'], ['region', 'south-east']]) {
      expectInvalidFields(await call('GET', routes.resources, { query: { [name]: value }, auth: amira }), [name]);
    }
  });
});

describe('endorsements: PUT and DELETE /resources/{id}/endorsement', () => {
  it('counts each organisation once, names them, and refuses the owner with 409', async () => {
    const created = await library.create(amira);
    const first = await call('PUT', routes.endorsement, { id: created.id, auth: tom, expect: 200 });
    assert.equal(first.body.endorsement_count, 1);
    assert.deepEqual(first.body.endorsements.map((e) => e.organisation), [tom.user.organisation]);
    const again = await call('PUT', routes.endorsement, { id: created.id, auth: tom, expect: 200 });
    assert.deepEqual(again.body, first.body, 'endorsing again changes nothing');
    const second = await call('PUT', routes.endorsement, { id: created.id, auth: grace, expect: 200 });
    assert.equal(second.body.endorsement_count, 2);
    assert.deepEqual(second.body.endorsements.map((e) => e.organisation.name), ['Southwark', 'Wiltshire'], 'by name');

    const seen = await library.get(tom, created.id);
    assert.equal(seen.endorsement_count, 2);
    assert.equal(seen.endorsed_by_my_organisation, true);
    assert.deepEqual(seen.endorsements, second.body.endorsements);
    assert.equal((await library.get(priya, created.id)).endorsed_by_my_organisation, false);

    for (const session of [amira, colleague]) {
      expectProblem(await call('PUT', routes.endorsement, { id: created.id, auth: session }), 409);
    }
    const withdrawn = await call('DELETE', routes.endorsement, { id: created.id, auth: tom, expect: 200 });
    assert.equal(withdrawn.body.endorsement_count, 1);
    assert.deepEqual(withdrawn.body.endorsements.map((e) => e.organisation.name), ['Southwark']);
    assert.deepEqual((await call('DELETE', routes.endorsement, { id: created.id, auth: tom, expect: 200 })).body, withdrawn.body);
    assert.equal((await library.get(amira, created.id)).endorsement_count, 1);
    const notified = (await call('GET', routes.notifications, { query: { limit: 100 }, auth: amira, expect: 200 })).body.items
      .filter((n) => n.subject.type === 'resource' && n.subject.id === created.id);
    assert.equal(notified.length, 2, 'the author is told once per organisation, not per request');
  });

  it('tells the author live, and the resource\'s channel the new count', async () => {
    const created = await library.create(amira);
    const authorSocket = await connect(amira);
    const watcher = await connect(grace);
    await subscribed(authorSocket, [`resource:${created.id}`]);
    await subscribed(watcher, [`resource:${created.id}`]);
    await call('PUT', routes.endorsement, { id: created.id, auth: tom, expect: 200 });

    const note = await nextEvent(authorSocket, `user:${amira.user.id}`, 'notification.created',
      (m) => m.data.notification.subject.type === 'resource' && m.data.notification.subject.id === created.id);
    assert.equal(note.data.notification.kind, 'resource_endorsed');
    assert.deepEqual(note.data.notification.subject,
      { type: 'resource', id: created.id, title: created.title, link: `/library/${created.id}` });
    assert.equal(note.data.notification.post_id, null);
    assert.equal(note.data.notification.actor.id, tom.user.id);
    assert.deepEqual(note.data.notification.actor.organisation, tom.user.organisation);
    for (const ws of [authorSocket, watcher]) {
      const event = await nextEvent(ws, `resource:${created.id}`, 'resource.endorsements');
      assert.deepEqual(event.data, { resource_id: created.id, endorsement_count: 1, organisations: [tom.user.organisation] });
    }
    await call('DELETE', routes.endorsement, { id: created.id, auth: tom, expect: 200 });
    const withdrawn = await nextEvent(watcher, `resource:${created.id}`, 'resource.endorsements');
    assert.deepEqual(withdrawn.data, { resource_id: created.id, endorsement_count: 0, organisations: [] });
    const listed = (await call('GET', routes.notifications, { auth: amira, expect: 200 })).body.items
      .find((n) => n.id === note.data.notification.id);
    assert.deepEqual(listed, note.data.notification);
  });
});

describe('events of resource:{id}', () => {
  it('announce a change, a new file version and the deletion', async () => {
    const created = await library.create(amira);
    const ws = await connect(tom);
    await subscribed(ws, [`resource:${created.id}`]);
    const channel = `resource:${created.id}`;
    await call('PATCH', routes.resource, { id: created.id, json: { title: 'Changed' }, auth: amira, expect: 200 });
    assert.deepEqual((await nextEvent(ws, channel, 'resource.updated')).data, { resource_id: created.id });
    await library.uploaded(amira, created.id, textWith('first'), 'first.txt');
    assert.deepEqual((await nextEvent(ws, channel, 'resource.file_added')).data, { resource_id: created.id, version: 1 });
    await call('DELETE', routes.resource, { id: created.id, auth: amira, expect: 204 });
    assert.deepEqual((await nextEvent(ws, channel, 'resource.deleted')).data, { resource_id: created.id });
  });
});

describe('discussions: POST /resources/{id}/threads', () => {
  it('starts a discussion listed in the resource\'s threads', async () => {
    const created = await library.create(amira, { sector: 'adults' });
    const title = `How did you adapt this? ${uniqueWord()}`;
    const res = await call('POST', routes.threads, { id: created.id, auth: tom, expect: 201,
      json: { title, body: 'We are thinking of adopting it in Wiltshire.' } });
    const threadId = res.body.thread_id;
    const thread = (await library.api.get(`/api/v1/threads/${threadId}`, { auth: grace })).body;
    assert.equal(thread.title, title);
    assert.equal(thread.kind, 'discussion');
    assert.equal(thread.sector, 'adults', 'the resource\'s sector');
    assert.equal(thread.author.id, tom.user.id);
    const seen = await library.get(grace, created.id);
    assert.deepEqual(seen.threads.map((t) => [t.id, t.title, t.reply_count]), [[threadId, title, 0]]);
  });

  it('refuses an invalid thread with 422 and a missing resource with 404', async () => {
    const created = await library.create(amira);
    expectInvalidFields(await call('POST', routes.threads, { id: created.id, json: { title: '', body: 'Body' }, auth: tom }),
      ['title']);
    expectProblem(await call('POST', routes.threads, { id: 999999, json: { title: 'T', body: 'B' }, auth: tom }), 404);
    assert.deepEqual((await library.get(amira, created.id)).threads, []);
  });
});
