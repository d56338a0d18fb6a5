// Benchmarking for adults' PSWs: the dashboard follows the person's sector, adults' measures come from a long-format
// import (or authorities' own figures), are compared with the region or England and never with the DfE's children's
// statistical-neighbour model; with no figures the answer says so, and children's figures stay one choice away.
// Every number is held against the independent computation of tests/support/benchmarking-reference.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { codes, expectComparison, expectNumber, readBytes, routes, startBenchmarkingServer }
  from '../support/benchmarking.mjs';
import { addLongFormat, compareReference, loadReference, referencePaths } from '../support/benchmarking-reference.mjs';
import { validateResponse } from '../support/openapi.mjs';

const adultsMeasures = ['adults_sw_vacancy_rate', 'adults_sw_turnover_rate', 'adults_sw_sickness_days',
  'adults_sw_agency_rate', 'adults_sw_caseload'];
const measuresFile = 'tests/fixtures/benchmarking/long-adults-measures.csv';
const measuresPath = new URL(`../../${measuresFile}`, import.meta.url).pathname;

const reference = loadReference({ cswwPath: referencePaths.cswwFixture });
for (const metric of adultsMeasures) addLongFormat(reference, measuresPath, { metric, polarity: 'lower_is_better' });

let server, call, people, ids, importCsv;
before(async () => { ({ server, call, people, ids, importCsv } = await startBenchmarkingServer()); });
after(() => server?.stop());

/** GET /benchmarking/dashboard; its status is checked when `expect` is given. */
const dashboard = (auth, query = {}, expect = undefined) => call('GET', routes.dashboard, { query, auth, expect });

describe("an adults' PSW before any adults' figures", () => {
  before(async () => { await importCsv(people.sam, readBytes(referencePaths.cswwFixture), { expect: 201 }); });

  it("says plainly that there are none, though children's figures exist", async () => {
    const res = await dashboard(people.tom);
    expectProblem(res, 404);
    assert.equal(res.body.detail, "There are no adults' workforce figures yet.");
  });

  it("gives children's figures when asked for them, never under an adults' name", async () => {
    const body = (await dashboard(people.tom, { sector: 'children' }, 200)).body;
    assert.equal(body.sector, 'children');
    assert.deepEqual([body.organisation.code, body.group, body.period], [codes.wiltshire, 'statistical', '2021']);
    assert.ok(body.items.every((item) => item.metric.sector === 'children'), 'only children\'s measures');
    validateResponse('GET', routes.dashboard, 200, body);
  });
});

describe("adults' figures imported in the long format", () => {
  before(async () => {
    const report = (await importCsv(people.sam, readBytes(measuresPath), { expect: 201 })).body;
    assert.equal(report.rows_rejected.length, 1, 'the blank caseload is reported, not stored as 0');
  });

  it("gives an adults' PSW the adults' measures against the region, newest year first, as computed independently",
    async () => {
      const res = await dashboard(people.tom);
      assert.equal(res.status, 200, res.text);
      const body = res.body;
      validateResponse('GET', routes.dashboard, 200, body);
      assert.deepEqual([body.sector, body.organisation.code, body.group, body.period, body.previous_period],
        ['adults', codes.wiltshire, 'region', '2025', '2024']);
      assert.deepEqual(body.items.map((item) => item.metric.key), adultsMeasures);
      for (const item of body.items) {
        const want = compareReference(reference,
          { organisationCode: codes.wiltshire, metric: item.metric.key, period: '2025', group: 'region' });
        const what = item.metric.key;
        expectNumber(item.value, want.value, `${what} value`);
        expectNumber(item.median, want.median, `${what} median`);
        assert.deepEqual([item.count, item.rank, item.ranked_count, item.quartile_band],
          [want.count, want.rank, want.rankedCount, want.quartileBand], what);
        assert.equal(item.statistical_neighbours_median, null, `${what}: no children's model for adults`);
        assert.equal(item.metric.definition.length > 0 && item.metric.source.length > 0, true, what);
      }
    });

  it('compares an adults\' measure with the region by default, and with England', async () => {
    for (const [query, group] of [[{}, 'region'], [{ group: 'england' }, 'england']]) {
      const res = await call('GET', routes.compare,
        { query: { metric: 'adults_sw_caseload', period: '2025', ...query }, auth: people.tom });
      assert.equal(res.status, 200, res.text);
      const expected = compareReference(reference,
        { organisationCode: codes.wiltshire, metric: 'adults_sw_caseload', period: '2025', group });
      expectComparison(res.body, expected,
        { code: codes.wiltshire, metric: 'adults_sw_caseload', period: '2025', group, polarity: 'lower_is_better' });
      assert.equal(res.body.statistical_neighbours_median, null);
    }
    const swindon = (await call('GET', routes.compare, { query: { metric: 'adults_sw_caseload', period: '2025',
      organisation_id: String(ids.get('E06000030')) }, auth: people.tom, expect: 200 })).body;
    assert.deepEqual([swindon.subject.status, swindon.subject.value], ['missing', null], 'a blank is no figure');
  });

  it("refuses the DfE's children's statistical neighbours for adults' figures, naming the group", async () => {
    const refused = await dashboard(people.tom, { group: 'statistical' });
    expectInvalidFields(refused, ['group']);
    assert.match(refused.body.errors[0].message, /children's services/);
    expectInvalidFields(await call('GET', routes.compare,
      { query: { metric: 'adults_sw_vacancy_rate', group: 'statistical' }, auth: people.tom }), ['group']);
    expectInvalidFields(await call('GET', routes.trend,
      { query: { metric: 'adults_sw_vacancy_rate', group: 'statistical' }, auth: people.tom }), ['group']);
    expectInvalidFields(await dashboard(people.tom, { sector: 'elderly' }), ['sector']);
  });

  it("keeps a children's PSW on children's figures, and lets them see adults' ones when asked", async () => {
    const own = (await dashboard(people.amira, {}, 200)).body;
    assert.deepEqual([own.sector, own.group, own.period], ['children', 'statistical', '2021']);
    const adults = (await dashboard(people.amira, { sector: 'adults' }, 200)).body;
    assert.deepEqual([adults.sector, adults.organisation.code, adults.group], ['adults', codes.southampton, 'region']);
    assert.deepEqual(adults.items.map((item) => item.metric.key), adultsMeasures);
  });

  it("gives an adults' measure's trend against the region, every year, with no neighbours' median", async () => {
    const body = (await call('GET', routes.trend,
      { query: { metric: 'adults_sw_turnover_rate' }, auth: people.tom, expect: 200 })).body;
    assert.equal(body.group, 'region');
    assert.deepEqual(body.items.map((item) => item.period), ['2024', '2025']);
    for (const item of body.items) {
      const want = compareReference(reference,
        { organisationCode: codes.wiltshire, metric: 'adults_sw_turnover_rate', period: item.period, group: 'region' });
      expectNumber(item.median, want.median, item.period);
      assert.equal(item.statistical_neighbours_median, null);
    }
  });
});
