// Benchmarking end to end, local submissions: an org_admin's draft seen only by their own organisation, shared
// figures used by the network as "local, not official" where no official figure exists, the history of every
// revision, who may edit, and refused values, against the real pswnet with the DfE 2017-2023 file imported.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { codes, expectFigure, readBytes, routes, startBenchmarkingServer } from '../support/benchmarking.mjs';
import { dfeMetrics, figureOf, loadReference, referencePaths } from '../support/benchmarking-reference.mjs';
import { databaseSnapshot } from '../support/database.mjs';

const reference = loadReference();
const QUARTER = '2024-Q2';
let server, call, people, ids, importCsv, southwark, southampton;

before(async () => {
  ({ server, call, people, ids, importCsv } = await startBenchmarkingServer());
  await importCsv(people.sam, readBytes(referencePaths.cswwFull), { expect: 201 });
  [southwark, southampton] = [ids.get(codes.southwark), ids.get(codes.southampton)];
});
after(() => server?.stop());

/** GET /organisations/{id}/metrics/{period}; `expect` the status (200 by default, null: the caller checks). */
function read(who, id, period = QUARTER, expect = 200) {
  return call('GET', routes.organisationMetrics, { params: { id, period }, auth: people[who], expect: expect ?? undefined });
}

function write(who, id, json, period = QUARTER, expect = 200) {
  const auth = who && people[who];
  return call('PUT', routes.organisationMetrics, { params: { id, period }, json, auth, expect: expect ?? undefined });
}

/** The figures of a submission with a value (null figures may be listed or left out). */
const figures = (values) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));

async function compareQuarter(query, metric = 'caseload_fte') {
  return (await call('GET', routes.compare, { query: { metric, period: QUARTER, ...query }, auth: people.amira, expect: 200 })).body;
}

const memberOf = (comparison, code) => comparison.members.find((m) => m.organisation.code === code);
const periodsList = async () => (await call('GET', routes.periods, { auth: people.amira, expect: 200 })).body.items;

describe('local submissions: /organisations/{id}/metrics/{period}', () => {
  it("saves an org_admin's draft that only its own organisation and network_admins see", async () => {
    const body = (await write('grace', southwark, {
      values: { caseload_fte: 17.2, vacancy_rate_fte: 12.5, agency_rate_fte: null }, status: 'draft' })).body;
    assert.deepEqual(body.organisation, { id: southwark, name: 'Southwark', code: codes.southwark });
    assert.equal(body.period, QUARTER);
    assert.deepEqual(body.official, {}, 'no official figures for a quarter');
    assert.equal(body.may_edit, true);
    const { submission } = body;
    assert.deepEqual([submission.status, submission.revision, submission.updated_by.id], ['draft', 1, people.grace.user.id]);
    assert.deepEqual(figures(submission.values), { caseload_fte: 17.2, vacancy_rate_fte: 12.5 });
    assert.deepEqual(body.history.map((h) => [h.revision, h.status, h.changed_by.id]), [[1, 'draft', people.grace.user.id]]);

    for (const who of ['amira', 'tom', 'priya']) {
      const seen = (await read(who, southwark)).body;
      assert.deepEqual([seen.submission, seen.history, seen.may_edit], [null, [], false], who);
    }
    const admin = (await read('sam', southwark)).body;
    assert.deepEqual([admin.submission.status, admin.history.length, admin.may_edit], ['draft', 1, true]);
    const comparison = await compareQuarter({ group: 'england' });
    assert.equal(memberOf(comparison, codes.southwark).status, 'missing', 'a draft is not used');
    assert.ok(!(await periodsList()).some((p) => p.period === QUARTER));
  });

  it('shares it: the network sees it, and comparisons use it as "local", not official', async () => {
    const values = { caseload_fte: 17.2, vacancy_rate_fte: 12.5 };
    const shared = (await write('grace', southwark, { values, status: 'shared' })).body;
    assert.deepEqual([shared.submission.status, shared.submission.revision], ['shared', 2]);
    const seen = (await read('amira', southwark)).body;
    assert.deepEqual([seen.submission.status, seen.submission.revision, seen.history, seen.may_edit], ['shared', 2, [], false]);
    assert.deepEqual(figures(seen.submission.values), values);

    const england = await compareQuarter({ group: 'england' });
    assert.equal(england.organisation.code, codes.southampton);
    const member = memberOf(england, codes.southwark);
    assert.deepEqual([member.value, member.status, member.source, member.reason], [17.2, 'value', 'local', null]);
    assert.deepEqual([england.statistics.count, england.statistics.median, england.rank], [1, 17.2, null]);
    assert.equal(england.subject.status, 'missing');
    const own = await compareQuarter({ organisation_id: String(southwark), group: 'region' });
    assert.deepEqual([own.subject.source, own.rank, own.ranked_count, own.quartile_band], ['local', 1, 1, 'lowest']);
    assert.deepEqual((await periodsList()).find((p) => p.period === QUARTER),
      { period: QUARTER, label: '2024 quarter 2 (April to June)', official: false, local: true, publication: null },
      'local figures come from no DfE publication');
    const trend = (await call('GET', routes.trend, { query: { organisation_id: String(southwark), metric: 'caseload_fte' },
      auth: people.amira, expect: 200 })).body;
    assert.deepEqual(trend.items.map((i) => i.period), ['2017', '2018', '2019', '2020', '2021', '2022', '2023', QUARTER]);
    assert.deepEqual([trend.items.at(-1).value, trend.items.at(-1).source], [17.2, 'local']);
    const csv = await fetch(new URL(`${routes.export}?${new URLSearchParams({ view: 'compare', metric: 'caseload_fte',
      period: QUARTER, group: 'england' })}`, server.baseUrl), { headers: people.amira.headersFor('GET') });
    assert.equal(csv.status, 200);
    const line = (await csv.text()).split(/\r?\n/).find((l) => l.includes(codes.southwark));
    assert.ok(line.includes('Local submission (not official)'), line);
  });

  it('keeps every revision, newest first, for its own organisation', async () => {
    await write('grace', southwark, { values: { caseload_fte: 16.8, vacancy_rate_fte: 12.5 }, status: 'shared' });
    const own = (await read('grace', southwark)).body;
    assert.deepEqual(own.history.map((h) => [h.revision, h.status, figures(h.values).caseload_fte]),
      [[3, 'shared', 16.8], [2, 'shared', 17.2], [1, 'draft', 17.2]]);
    assert.ok(own.history.every((h) => h.changed_by.id === people.grace.user.id));
    const times = own.history.map((h) => Date.parse(h.changed_at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    assert.equal(memberOf(await compareQuarter({ group: 'england' }), codes.southwark).value, 16.8);
  });

  it('hides it again when put back to draft', async () => {
    const body = (await write('grace', southwark, { values: { caseload_fte: 16.8 }, status: 'draft' })).body;
    assert.equal(body.submission.revision, 4);
    assert.equal((await read('amira', southwark)).body.submission, null);
    assert.equal(memberOf(await compareQuarter({ group: 'england' }), codes.southwark).status, 'missing');
    assert.ok(!(await periodsList()).some((p) => p.period === QUARTER));
  });

  it('uses the official figure where one exists, whatever was shared locally', async () => {
    await write('grace', southwark, { values: { caseload_fte: 99 }, status: 'shared' }, '2023');
    const body = (await read('amira', southwark, '2023')).body;
    assert.deepEqual(Object.keys(body.official).sort(), [...dfeMetrics].sort());
    for (const metric of dfeMetrics) {
      expectFigure(body.official[metric], figureOf(reference, codes.southwark, metric, '2023'), `official ${metric}`);
    }
    assert.equal(figures(body.submission.values).caseload_fte, 99, 'the shared submission is there to see');
    const comparison = (await call('GET', routes.compare, { query: { organisation_id: String(southwark), metric: 'caseload_fte',
      period: '2023', group: 'region' }, auth: people.amira, expect: 200 })).body;
    expectFigure(comparison.subject, figureOf(reference, codes.southwark, 'caseload_fte', '2023'), 'Southwark 2023');
    assert.equal(comparison.subject.source, 'dfe');
  });

  it('lets a network_admin edit any organisation, its own users seeing who did', async () => {
    const body = (await write('sam', southampton, { values: { caseload_fte: 18.4 }, status: 'shared' })).body;
    assert.deepEqual([body.submission.revision, body.submission.updated_by.id, body.may_edit], [1, people.sam.user.id, true]);
    const seen = (await read('amira', southampton)).body;
    assert.deepEqual(seen.history.map((h) => [h.revision, h.changed_by.id]), [[1, people.sam.user.id]], 'history for its own users');
    assert.equal(seen.may_edit, false, 'a member does not edit');
    const again = (await write('sam', southwark, { values: { caseload_fte: 16.9 }, status: 'shared' })).body;
    assert.equal(again.submission.revision, 5);
    const comparison = await compareQuarter({ group: 'england' });
    assert.deepEqual([comparison.subject.value, comparison.subject.source, memberOf(comparison, codes.southwark).value],
      [18.4, 'local', 16.9]);
  });

  it("refuses anyone but the organisation's org_admin or a network_admin (403), signed out (401)", async () => {
    const before = await databaseSnapshot(server.db);
    const json = { values: { caseload_fte: 1 }, status: 'shared' };
    for (const [who, id] of [['amira', southwark], ['amira', southampton], ['grace', southampton], ['tom', southwark],
      ['priya', southwark]]) {
      expectProblem(await write(who, id, json, QUARTER, null), 403);
    }
    expectProblem(await write(undefined, southwark, json, QUARTER, null), 401);
    expectProblem(await call('GET', routes.organisationMetrics, { params: { id: southwark, period: QUARTER } }), 401);
    expectProblem(await read('amira', 999999, QUARTER, null), 404);
    expectProblem(await write('sam', 999999, json, QUARTER, null), 404);
    assert.deepEqual(await databaseSnapshot(server.db), before);
  });

  it('refuses bad values, periods and statuses with 422 naming each, changing nothing', async () => {
    const before = await databaseSnapshot(server.db);
    const nextYear = new Date().getUTCFullYear() + 1;
    for (const [json, fields] of [
      [{ values: { no_such_metric: 1 } }, ['values.no_such_metric']], [{ values: { caseload_fte: -1 } }, ['values.caseload_fte']],
      [{ values: { vacancy_rate_fte: 100.5 } }, ['values.vacancy_rate_fte']],
      [{ values: { inpost_fte: 10_000_001 } }, ['values.inpost_fte']],
      [{ values: { caseload_fte: '17' } }, ['values.caseload_fte']], [{ values: { caseload_fte: true } }, ['values.caseload_fte']],
      [{ values: { caseload_fte: -1, absence_rate_fte: 101 } }, ['values.caseload_fte', 'values.absence_rate_fte']],
      [{ values: [17] }, ['values']], [{ status: 'public' }, ['status']],
    ]) {
      expectInvalidFields(await write('grace', southwark, { values: {}, status: 'draft', ...json }, QUARTER, null), fields);
    }
    for (const period of ['2024-Q5', '2024-Q0', '2024Q2', '24', '1999', String(nextYear + 1), `${nextYear + 1}-Q1`]) {
      const json = { values: { caseload_fte: 1 }, status: 'draft' };
      expectInvalidFields(await write('grace', southwark, json, period, null), ['period']);
      expectInvalidFields(await read('grace', southwark, period, null), ['period']);
    }
    assert.deepEqual(await databaseSnapshot(server.db), before);
  });

  it('takes the limits themselves: 0, 100 percent, 10,000,000, the years 2000 and next year', async () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    const values = { caseload_fte: 0, vacancy_rate_fte: 100, inpost_fte: 10_000_000 };
    for (const period of ['2000', `${nextYear}-Q4`]) {
      const body = (await write('grace', southwark, { values, status: 'draft' }, period)).body;
      assert.deepEqual(figures(body.submission.values), values, period);
    }
  });
});
