// Saved comparator groups, as LG Inform offers them: an organisation saves named groups of authorities, compares its
// figures with them (every number held against the independent computation of benchmarking-reference.mjs), and
// asks questions of them. A group is its organisation's alone; bad input changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { codes, expectComparison, expectNumber, readBytes, routes, startBenchmarkingServer }
  from '../support/benchmarking.mjs';
import { compareReference, loadReference, referencePaths, trendReference } from '../support/benchmarking-reference.mjs';
import { addMember, forumClient, isAbout } from '../support/forum.mjs';

const groupsRoute = '/api/v1/comparator-groups';
const groupRoute = '/api/v1/comparator-groups/{id}';

const reference = loadReference({ cswwPath: referencePaths.cswwFixture });

let server, call, people, ids, importCsv, forum;
before(async () => {
  ({ server, call, people, ids, importCsv } = await startBenchmarkingServer());
  forum = forumClient(server.baseUrl);
  await importCsv(people.sam, readBytes(referencePaths.cswwFixture), { expect: 201 });
});
after(() => server?.stop());

const list = async (auth) => (await call('GET', groupsRoute, { auth, expect: 200 })).body.items;
const create = (auth, json, expect) => call('POST', groupsRoute, { auth, json, expect });
const change = (auth, id, json, expect) => call('PUT', groupRoute, { params: { id }, auth, json, expect });
const remove = (auth, id, expect) => call('DELETE', groupRoute, { params: { id }, auth, expect });
const namesOf = (group) => group.members.map((m) => m.name);

// Southampton's teaching partnership: two of its neighbours and one authority from another region.
const partnershipCodes = [codes.portsmouth, codes.wiltshire, codes.kingston];

describe('saving a comparator group', () => {
  let partnership;

  it('saves the members named, by name, without the organisation itself or repeats', async () => {
    const members = [ids.get(codes.wiltshire), ids.get(codes.portsmouth), ids.get(codes.southampton),
      ids.get(codes.wiltshire), ids.get(codes.kingston)];
    partnership = (await create(people.amira, { name: 'Our teaching partnership', members }, 201)).body;
    assert.equal(partnership.name, 'Our teaching partnership');
    assert.equal(partnership.organisation.code, codes.southampton);
    assert.deepEqual(namesOf(partnership), ['Kingston upon Thames', 'Portsmouth', 'Wiltshire']);
    assert.equal(partnership.created_by.id, people.amira.user.id);
    assert.equal(partnership.can_change, true);
    assert.deepEqual((await list(people.amira)).map((g) => g.id), [partnership.id]);
    assert.deepEqual((await call('GET', groupRoute, { params: { id: partnership.id }, auth: people.amira, expect: 200 }))
      .body, partnership);
  });

  it('refuses bad input, naming each field, and changes nothing', async () => {
    const before = await list(people.amira);
    const own = ids.get(codes.southampton);
    for (const [json, fields] of [
      [{ name: '   ', members: [ids.get(codes.portsmouth)] }, ['name']],
      [{ name: 'x'.repeat(81), members: [ids.get(codes.portsmouth)] }, ['name']],
      [{ name: 'Only us', members: [own] }, ['members']],
      [{ name: 'Nobody', members: [] }, ['members']],
      [{ name: 'Bad ids', members: [ids.get(codes.portsmouth), 'Portsmouth', -3] }, ['members[1]', 'members[2]']],
      [{ name: 'Unknown', members: [ids.get(codes.portsmouth), 987654321] }, ['members[1]']],
      [{ members: [ids.get(codes.portsmouth)] }, ['name']],
      [{ name: 'Too many', members: [...ids.values()].slice(0, 62) }, ['members']],
    ]) {
      expectInvalidFields(await create(people.amira, json), fields);
    }
    expectProblem(await call('POST', groupsRoute, { auth: people.amira, body: '{"name":', headers: { 'content-type': 'application/json' } }), 400);
    const taken = await create(people.amira, { name: 'OUR TEACHING partnership', members: [ids.get(codes.kingston)] });
    expectProblem(taken, 409);
    assert.equal(taken.body.errors[0].field, 'name');
    assert.deepEqual(await list(people.amira), before);
  });

  it('is its organisation\'s alone: another organisation neither sees, uses, changes nor deletes it', async () => {
    assert.deepEqual(await list(people.grace), []);
    for (const res of [
      await call('GET', groupRoute, { params: { id: partnership.id }, auth: people.grace }),
      await change(people.grace, partnership.id, { name: 'Taken over', members: [ids.get(codes.southwark)] }),
      await remove(people.grace, partnership.id),
    ]) expectProblem(res, 404);
    const compared = await call('GET', routes.compare,
      { query: { metric: 'caseload_fte', group_id: String(partnership.id) }, auth: people.grace });
    expectInvalidFields(compared, ['group_id']);
    const asked = await forum.call('POST', '/api/v1/threads', { auth: people.grace, json: {
      title: 'How do you plan caseloads?', body: 'We would value hearing.', sector: 'both', kind: 'question',
      audience: 'comparator_group', audience_group_id: partnership.id } });
    expectInvalidFields(asked, ['audience_group_id']);
    assert.deepEqual(namesOf((await list(people.amira))[0]), ['Kingston upon Thames', 'Portsmouth', 'Wiltshire']);
  });

  it('lets the person who saved it, or an administrator of the organisation, change it, and no other member',
    async () => {
      const colleague = await addMember(server, { organisation: codes.southampton, displayName: 'Colm Reyes' });
      const admin = await addMember(server, { organisation: codes.southampton, roles: ['member', 'org_admin'] });
      const seen = (await list(colleague)).find((g) => g.id === partnership.id);
      assert.equal(seen.can_change, false, 'a colleague sees the group and uses it');
      expectProblem(await change(colleague, partnership.id, { name: 'Mine now', members: [ids.get(codes.kingston)] }), 403);
      expectProblem(await remove(colleague, partnership.id), 403);
      const renamed = (await change(admin, partnership.id,
        { name: 'Teaching partnership', members: partnershipCodes.map((code) => ids.get(code)) }, 200)).body;
      assert.equal(renamed.name, 'Teaching partnership');
      assert.equal(renamed.can_change, true);
      partnership = (await change(people.amira, partnership.id,
        { name: 'Our teaching partnership', members: partnershipCodes.map((code) => ids.get(code)) }, 200)).body;
      assert.deepEqual(namesOf(partnership), ['Kingston upon Thames', 'Portsmouth', 'Wiltshire']);
    });

  it('compares an authority with the group, as computed independently', async () => {
    const group = { name: 'Our teaching partnership', codes: partnershipCodes };
    for (const metric of ['caseload_fte', 'turnover_rate_fte']) {
      const res = await call('GET', routes.compare,
        { query: { metric, period: '2023', group_id: String(partnership.id) }, auth: people.amira, expect: 200 });
      const expected = compareReference(reference, { organisationCode: codes.southampton, metric, period: '2023', group });
      expectComparison(res.body, expected, { code: codes.southampton, metric, period: '2023', group: 'saved',
        polarity: reference.polarity.get(metric) });
      assert.equal(res.body.group_id, partnership.id);
      assert.equal(res.body.members.length, 4, 'Southampton and its three partners');
    }
    const trend = (await call('GET', routes.trend,
      { query: { metric: 'caseload_fte', group_id: String(partnership.id) }, auth: people.amira, expect: 200 })).body;
    assert.deepEqual([trend.group, trend.group_id, trend.group_name], ['saved', partnership.id, 'Our teaching partnership']);
    const expectedTrend = trendReference(reference,
      { organisationCode: codes.southampton, metric: 'caseload_fte', group: { name: 'x', codes: partnershipCodes } });
    assert.deepEqual(trend.items.map((p) => p.period), expectedTrend.map((p) => p.period));
    for (const [i, point] of trend.items.entries()) {
      expectNumber(point.median, expectedTrend[i].median, `trend ${point.period} median`);
      assert.equal(point.rank, expectedTrend[i].rank, `trend ${point.period} rank`);
    }
    const dashboard = (await call('GET', routes.dashboard,
      { query: { period: '2023', group_id: String(partnership.id) }, auth: people.amira, expect: 200 })).body;
    assert.deepEqual([dashboard.group, dashboard.group_id, dashboard.group_name],
      ['saved', partnership.id, 'Our teaching partnership']);
    const caseload = dashboard.items.find((item) => item.metric.key === 'caseload_fte');
    const expected = compareReference(reference,
      { organisationCode: codes.southampton, metric: 'caseload_fte', period: '2023', group: { name: 'x', codes: partnershipCodes } });
    expectNumber(caseload.median, expected.median, 'dashboard median');
    assert.equal(caseload.ranked_count, expected.rankedCount);
    const csv = await call('GET', routes.export,
      { query: { metric: 'caseload_fte', period: '2023', group_id: String(partnership.id) }, auth: people.amira, expect: 200 });
    assert.match(csv.text, /Our teaching partnership/);
  });

  it('refuses a group kind beside a group_id, and a group_id that is not an id', async () => {
    for (const [query, fields] of [
      [{ group: 'region', group_id: String(partnership.id) }, ['group']],
      [{ group_id: 'ours' }, ['group_id']],
      [{ group: 'saved' }, ['group']],
    ]) {
      expectInvalidFields(await call('GET', routes.compare, { query: { metric: 'caseload_fte', ...query }, auth: people.amira }),
        fields);
    }
  });

  it('is the audience of a question: its members are told, and the thread shows the group', async () => {
    const wiltshire = await addMember(server, { organisation: codes.wiltshire, sector: 'children' });
    const southwark = await addMember(server, { organisation: codes.southwark, sector: 'children' });
    const thread = await forum.createThread(people.amira,
      { audience: 'comparator_group', audience_group_id: partnership.id });
    assert.equal(thread.audience, 'comparator_group');
    assert.equal(thread.audience_name, 'Our teaching partnership');
    assert.deepEqual(thread.audience_organisations.map((o) => o.code).sort(), [...partnershipCodes].sort());
    const told = (await forum.notifications(wiltshire)).items.filter(isAbout('thread', thread.id));
    assert.deepEqual(told.map((n) => n.kind), ['audience_question']);
    assert.deepEqual((await forum.notifications(southwark)).items.filter(isAbout('thread', thread.id)), [],
      'members outside the group are not told');
    expectInvalidFields(await forum.call('POST', '/api/v1/threads', { auth: people.amira, json: {
      title: 'A question without its group', body: 'We would value hearing.', sector: 'children', kind: 'question',
      audience: 'comparator_group' } }), ['audience_group_id']);

    expectProblem(await remove(people.amira, partnership.id, 204).then(() => call('GET', groupRoute,
      { params: { id: partnership.id }, auth: people.amira })), 404);
    const kept = await forum.getThread(people.tom, thread.id);
    assert.equal(kept.audience_name, 'Our teaching partnership', 'a question keeps the group it was asked of');
    expectInvalidFields(await call('GET', routes.compare,
      { query: { metric: 'caseload_fte', group_id: String(partnership.id) }, auth: people.amira }), ['group_id']);
  });

  it('keeps at most 20 groups per organisation', async () => {
    const have = (await list(people.grace)).length;
    for (let i = have; i < 20; i += 1) {
      await create(people.grace, { name: `London group ${i + 1}`, members: [ids.get(codes.kingston)] }, 201);
    }
    const refused = await create(people.grace, { name: 'One too many', members: [ids.get(codes.kingston)] });
    expectProblem(refused, 409);
    assert.match(refused.body.detail, /20 saved groups/);
    assert.equal((await list(people.grace)).length, 20);
  });
});

describe("an adults' PSW's saved group", () => {
  it("compares adults' measures with it, never with the children's model", async () => {
    const group = (await create(people.tom, { name: "South West adults' network",
      members: [ids.get(codes.portsmouth), ids.get(codes.southampton)] }, 201)).body;
    const res = await call('GET', routes.dashboard,
      { query: { sector: 'children', period: '2023', group_id: String(group.id) }, auth: people.tom, expect: 200 });
    assert.deepEqual([res.body.group, res.body.group_name], ['saved', "South West adults' network"]);
    const caseload = res.body.items.find((item) => item.metric.key === 'caseload_fte');
    const expected = compareReference(reference, { organisationCode: codes.wiltshire, metric: 'caseload_fte',
      period: '2023', group: { name: 'x', codes: [codes.portsmouth, codes.southampton] } });
    expectNumber(caseload.median, expected.median, 'median of Wiltshire and its group');
    assert.equal(caseload.ranked_count, expected.rankedCount);
  });
});
