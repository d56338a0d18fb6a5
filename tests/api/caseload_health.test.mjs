// The caseload health check: authorities return how many case-holding social workers hold each band of cases, and
// their local cap; the service sets the share above the cap beside the neighbours', region's, England's and saved
// groups'. Every aggregate is held against an independent computation from the returns this test made up; drafts,
// the other service and bad input never count.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { codes, expectNumber, startBenchmarkingServer } from '../support/benchmarking.mjs';
import { loadReference, quantileType7, referencePaths } from '../support/benchmarking-reference.mjs';
import { addMember } from '../support/forum.mjs';

const healthRoute = '/api/v1/benchmarking/caseload-health';
const returnRoute = '/api/v1/organisations/{id}/caseload-returns/{period}/{service}';
const bands = ['up_to_12', '13_to_15', '16_to_18', '19_to_22', 'over_22'];
const bandLowest = [0, 13, 16, 19, 23];
const period = '2025';

const reference = loadReference({ cswwPath: referencePaths.cswwFixture });

let call, people, ids, server;
before(async () => { ({ server, call, people, ids } = await startBenchmarkingServer()); });
after(() => server?.stop());

/** Invented counts for the i-th authority: 5 bands of 0 to 39 workers, from a fixed sequence. */
function inventedReturn(i, status = 'shared') {
  let seed = (i + 1) * 7919;
  const next = () => { seed = (seed * 48271) % 2147483647; return seed % 40; };
  const counts = Object.fromEntries(bands.map((band) => [band, next()]));
  if (Object.values(counts).every((n) => n === 0)) counts.up_to_12 = 1;
  return { cap: [12, 15, 18, 22][i % 4], counts, status };
}

// What this test returned, by ONS code: {children, adults}, each {cap, counts, status}.
const returned = new Map();

const save = (auth, code, service, json, expect) =>
  call('PUT', returnRoute, { params: { id: ids.get(code), period, service }, json, auth, expect });
const health = (auth, query = {}, expect = undefined) => call('GET', healthRoute, { query, auth, expect });

function aboveCap({ cap, counts }) {
  return bands.reduce((sum, band, i) => sum + (bandLowest[i] > cap ? counts[band] : 0), 0);
}
const caseHolders = ({ counts }) => bands.reduce((sum, band) => sum + counts[band], 0);

/** The comparator of the members (ONS codes, the subject left out) as the contract defines it. */
function expectedComparator(memberCodes, service) {
  const shared = memberCodes.map((code) => returned.get(code)?.[service]).filter((r) => r?.status === 'shared');
  const shares = shared.map((r) => aboveCap(r) / caseHolders(r)).sort((a, b) => a - b);
  const holders = shared.reduce((sum, r) => sum + caseHolders(r), 0);
  const above = shared.reduce((sum, r) => sum + aboveCap(r), 0);
  return { authorities: memberCodes.length, returns: shared.length, case_holders: holders, above_cap: above,
    pooled_share: holders ? above / holders : null, median_share: quantileType7(shares, 0.5) };
}

function expectComparator(actual, expected, what) {
  for (const key of ['authorities', 'returns', 'case_holders', 'above_cap']) assert.equal(actual[key], expected[key], `${what} ${key}`);
  expectNumber(actual.pooled_share, expected.pooled_share, `${what} pooled share`);
  expectNumber(actual.median_share, expected.median_share, `${what} median share`);
  assert.equal(actual.members.length, expected.returns, `${what} members`);
  for (const member of actual.members) {
    const mine = returned.get(member.organisation.code);
    assert.ok(mine, `${what}: ${member.organisation.name} returned nothing`);
  }
}

const southampton = () => reference.byCode.get(codes.southampton);
const neighboursOf = (code) => reference.neighbours.get(code).map((n) => n.code);
const regionOf = (code) => reference.authorities.filter((a) => a.regionCode === reference.byCode.get(code).regionCode
  && a.code !== code).map((a) => a.code);
const englandBut = (code) => reference.authorities.filter((a) => a.code !== code).map((a) => a.code);

describe('before any return', () => {
  it('says plainly that there is none yet', async () => {
    const res = await health(people.amira);
    expectProblem(res, 404);
    assert.equal(res.body.detail, "No authority has shared a caseload health check for children's services yet.");
  });
});

describe('returning a caseload health check', () => {
  it('refuses bad input, naming each field, and stores nothing', async () => {
    const good = inventedReturn(0);
    for (const [json, fields] of [
      [{ ...good, cap: 20 }, ['cap']],
      [{ ...good, cap: '18' }, ['cap']],
      [{ ...good, counts: { ...good.counts, over_22: -1 } }, ['counts.over_22']],
      [{ ...good, counts: { ...good.counts, '16_to_18': 2.5 } }, ['counts.16_to_18']],
      [{ ...good, counts: { up_to_12: 3 } }, ['counts.13_to_15', 'counts.16_to_18', 'counts.19_to_22', 'counts.over_22']],
      [{ ...good, counts: { ...good.counts, over_30: 1 } }, ['counts.over_30']],
      [{ ...good, counts: Object.fromEntries(bands.map((b) => [b, 0])) }, ['counts']],
      [{ ...good, counts: [1, 2, 3, 4, 5] }, ['counts']],
      [{ ...good, status: 'final' }, ['status']],
      [{ cap: 18 }, ['counts', 'status']],
    ]) {
      expectInvalidFields(await save(people.grace, codes.southwark, 'children', json), fields);
    }
    expectInvalidFields(await save(people.grace, codes.southwark, 'both', good), ['service']);
    expectInvalidFields(await call('PUT', returnRoute,
      { params: { id: ids.get(codes.southwark), period: '25', service: 'children' }, json: good, auth: people.grace }),
    ['period']);
    expectProblem(await call('GET', returnRoute,
      { params: { id: ids.get(codes.southwark), period, service: 'children' }, auth: people.grace }), 404);
  });

  it('is entered by the authority\'s administrators or a network administrator, and nobody else', async () => {
    const json = inventedReturn(1);
    expectProblem(await save(people.amira, codes.southampton, 'children', json), 403); // a member, not an admin
    expectProblem(await save(people.grace, codes.southampton, 'children', json), 403); // another authority's admin
    const office = await call('PUT', returnRoute,
      { params: { id: people.priya.user.organisation.id, period, service: 'children' }, json, auth: people.sam });
    expectInvalidFields(office, ['organisation_id']);
    const saved = (await save(people.grace, codes.southwark, 'children', { ...json, status: 'draft' }, 200)).body;
    assert.deepEqual([saved.cap, saved.counts, saved.status, saved.updated_by.id],
      [json.cap, json.counts, 'draft', people.grace.user.id]);
    assert.equal(saved.case_holders, caseHolders(json));
    assert.equal(saved.above_cap, aboveCap(json));
    expectNumber(saved.share_above_cap, aboveCap(json) / caseHolders(json), 'share above the cap');
    returned.set(codes.southwark, { children: { ...json, status: 'draft' } });
  });

  it('keeps a draft to its authority: others neither see it nor count it', async () => {
    const mine = await call('GET', returnRoute,
      { params: { id: ids.get(codes.southwark), period, service: 'children' }, auth: people.grace, expect: 200 });
    assert.equal(mine.body.status, 'draft');
    expectProblem(await call('GET', returnRoute,
      { params: { id: ids.get(codes.southwark), period, service: 'children' }, auth: people.amira }), 404);
    expectProblem(await health(people.amira), 404, {}); // no shared return anywhere yet
    const own = (await health(people.grace, {}, 200)).body;
    assert.equal(own.own.status, 'draft', 'the authority sees its own draft beside the others');
    assert.ok(own.comparators.every((c) => c.returns === 0));
    const seenByOthers = (await health(people.amira, { organisation_id: String(ids.get(codes.southwark)), period }, 200)).body;
    assert.equal(seenByOthers.own, null, 'another authority does not see the draft');
  });

  it('takes every authority\'s shared returns, for both services', async () => {
    // Sixty authorities across England, Southampton's neighbours and region among them, some as drafts; adults'
    // returns for a few, which children's comparisons must never count.
    const chosen = new Set([...neighboursOf(codes.southampton).slice(0, 7), ...regionOf(codes.southampton).slice(0, 9),
      ...reference.authorities.filter((_, i) => i % 4 === 0).map((a) => a.code)]);
    chosen.delete(codes.southwark);
    chosen.add(codes.southampton);
    let i = 2;
    for (const code of chosen) {
      const children = inventedReturn(i, i % 9 === 0 ? 'draft' : 'shared');
      const adults = i % 5 === 0 ? inventedReturn(i + 100) : undefined;
      await save(people.sam, code, 'children', children, 200);
      if (adults) await save(people.sam, code, 'adults', adults, 200);
      returned.set(code, { children, ...(adults ? { adults } : {}) });
      i += 1;
    }
    assert.ok(returned.size > 40);
  });
});

describe('the health check', () => {
  let partnership;
  before(async () => {
    partnership = (await call('POST', '/api/v1/comparator-groups', { auth: people.amira, expect: 201, json: {
      name: 'Our teaching partnership', members: [codes.portsmouth, codes.wiltshire, codes.kingston, codes.richmond]
        .map((code) => ids.get(code)) } })).body;
  });

  it('sets Southampton beside its neighbours, region, England and saved group, as computed independently', async () => {
    const body = (await health(people.amira, {}, 200)).body;
    assert.deepEqual([body.organisation.code, body.period, body.service], [codes.southampton, period, 'children']);
    assert.deepEqual(body.bands.map((b) => b.key), bands);
    const own = returned.get(codes.southampton).children;
    assert.deepEqual([body.own.cap, body.own.counts, body.own.status], [own.cap, own.counts, own.status]);
    assert.equal(body.own.above_cap, aboveCap(own));
    assert.deepEqual(body.comparators.map((c) => [c.group, c.name]), [
      ['statistical', 'Statistical neighbours (DfE 2025 model)'], ['region', southampton().regionName],
      ['england', 'England'], ['saved', 'Our teaching partnership']]);
    const [neighbours, region, england, saved] = body.comparators;
    expectComparator(neighbours, expectedComparator(neighboursOf(codes.southampton), 'children'), 'neighbours');
    expectComparator(region, expectedComparator(regionOf(codes.southampton), 'children'), 'region');
    expectComparator(england, expectedComparator(englandBut(codes.southampton), 'children'), 'England');
    expectComparator(saved, expectedComparator([codes.portsmouth, codes.wiltshire, codes.kingston, codes.richmond],
      'children'), 'saved group');
    assert.equal(saved.group_id, partnership.id);
    assert.ok(england.returns > 30 && neighbours.returns > 3, 'the comparison has returns to compare');
  });

  it("gives an adults' PSW the adults' returns, with no children's model", async () => {
    const body = (await health(people.tom, {}, 200)).body;
    assert.deepEqual([body.organisation.code, body.service], [codes.wiltshire, 'adults']);
    assert.deepEqual(body.comparators.map((c) => c.group), ['region', 'england']);
    expectComparator(body.comparators[1], expectedComparator(englandBut(codes.wiltshire), 'adults'), 'adults England');
  });

  it("shows the caller's own saved groups, never another organisation's", async () => {
    const body = (await health(people.grace, { organisation_id: String(ids.get(codes.southampton)) }, 200)).body;
    assert.ok(body.comparators.every((c) => c.group !== 'saved'), 'Southampton\'s group is Southampton\'s alone');
    const colleague = await addMember(server, { organisation: codes.southampton, sector: 'children' });
    const theirs = (await health(colleague, {}, 200)).body;
    assert.deepEqual(theirs.comparators.at(-1).name, 'Our teaching partnership', 'a colleague uses the group too');
  });

  it('refuses bad query parameters', async () => {
    for (const [query, fields] of [[{ service: 'both' }, ['service']], [{ period: 'last year' }, ['period']],
      [{ organisation_id: 'Southampton' }, ['organisation_id']],
      [{ organisation_id: String(people.priya.user.organisation.id) }, ['organisation_id']]]) {
      expectInvalidFields(await health(people.amira, query), fields);
    }
    expectProblem(await health(people.amira, { organisation_id: '987654321' }), 404);
    const empty = (await health(people.amira, { period: '2019' }, 200)).body;
    assert.equal(empty.own, null, 'a period asked for answers even without returns');
    assert.ok(empty.comparators.every((c) => c.returns === 0 && c.pooled_share === null && c.median_share === null));
  });
});
