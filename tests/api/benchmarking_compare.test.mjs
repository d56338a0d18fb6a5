// Benchmarking end to end, the reading side: comparisons with statistical neighbours, region and England, trends,
// the dashboard and CSV exports, every number held against the independent computation from the DfE file
// (benchmarking-reference.mjs), against the real pswnet with the full 2017-2023 file imported.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { codes, expectAreaFigure, expectComparison, expectFigure, expectNumber, readBytes, routes,
  startBenchmarkingServer } from '../support/benchmarking.mjs';
import { compareReference, dfeMetrics, loadReference, parseCsv, referencePaths, trendReference }
  from '../support/benchmarking-reference.mjs';
import { loadDfeNeighboursMedian } from '../support/dfe-neighbours-median.mjs';
import { validateResponse } from '../support/openapi.mjs';

const reference = loadReference();
const dfeMedian = loadDfeNeighboursMedian();
const polarityOf = (metric) => reference.polarity.get(metric);
let server, call, people, ids, officeId, importCsv;

before(async () => {
  ({ server, call, people, ids, officeId, importCsv } = await startBenchmarkingServer());
  await importCsv(people.sam, readBytes(referencePaths.cswwFull), { expect: 201 });
});
after(() => server?.stop());

const get = (route, query) => call('GET', route, { query, auth: people.amira, expect: 200 });
/** A GET whose status the caller checks. */
const ask = (route, query, auth = people.amira) => call('GET', route, { query, auth });
const compare = (code, metric, period, group) =>
  get(routes.compare, { organisation_id: String(ids.get(code)), metric, period, group });

describe('GET /benchmarking/compare', () => {
  const metrics = ['caseload_fte', 'vacancy_rate_fte', 'agency_rate_fte', 'inpost_fte'];
  const periods = ['2017', '2021', '2023'];
  const groups = ['statistical', 'region', 'england'];
  for (const [name, code] of [['Southampton', codes.southampton], ['Southwark', codes.southwark],
    ['Kingston upon Thames', codes.kingston], ['Cumberland', codes.cumberland],
    ['North Northamptonshire', codes.northNorthamptonshire]]) {
    it(`equals the independent computation for ${name}: 4 metrics, 3 periods, 3 groups`, async () => {
      for (const metric of metrics) {
        for (const period of periods) {
          for (const group of groups) {
            const actual = (await compare(code, metric, period, group)).body;
            const expected = compareReference(reference, { organisationCode: code, metric, period, group });
            expectComparison(actual, expected, { code, metric, period, group, polarity: polarityOf(metric) });
          }
        }
      }
    });
  }

  it("gives Southampton's 2023 caseload as worked out by hand from the DfE file", async () => {
    const body = (await compare(codes.southampton, 'caseload_fte', '2023', 'statistical')).body;
    // Neighbours' caseloads 13.5 14 14 14.5 | 16 (Southampton) | 16.1 16.2 16.3 17 17.4 20.2: n = 11.
    assert.equal(body.subject.value, 16);
    expectNumber(body.statistics.median, 16.1, 'median (x[5])');
    expectNumber(body.statistics.lower_quartile, 14.25, 'lower quartile (h = 2.5)');
    expectNumber(body.statistics.upper_quartile, 16.65, 'upper quartile (h = 7.5)');
    expectNumber(body.statistics.mean, 175.2 / 11, 'mean');
    assert.deepEqual([body.rank, body.ranked_count, body.quartile_band], [5, 11, 'lower_middle']);
    assert.deepEqual(body.members.slice(0, 4).map((m) => [m.organisation.name, m.rank]),
      [['Hillingdon', 1], ['Coventry', 2], ['Portsmouth', 2], ['Peterborough', 4]], 'competition ranking, ties by name');
    assert.deepEqual([body.reference.england.value, body.reference.region.value, body.reference.london_subregion],
      [16, 16.5, null], 'the National and South East rows');
    const metric = (await get(routes.metrics)).body.items.find((m) => m.key === 'caseload_fte');
    assert.deepEqual(body.metric, metric);
  });

  it('lists suppressed members with their reason and leaves them out of the statistics and ranks', async () => {
    const body = (await compare(codes.southwark, 'agency_rate_fte', '2023', 'region')).body;
    const suppressed = body.members.filter((m) => m.status === 'suppressed');
    assert.deepEqual(suppressed.map((m) => [m.organisation.name, m.suppression, m.reason, m.value, m.rank]), [
      ['Kensington and Chelsea', 'x', 'x: not available', null, null], ['Sutton', 'u', 'u: low reliability', null, null],
      ['Westminster', 'x', 'x: not available', null, null]]);
    assert.equal(body.members.length, 33);
    assert.deepEqual([body.statistics.count, body.ranked_count], [30, 30], 'never counted as zero');
    const own = (await compare(codes.southampton, 'absence_rate_fte', '2022', 'statistical')).body;
    assert.deepEqual([own.subject.status, own.subject.suppression, own.subject.reason],
      ['suppressed', 'low', 'low: too small to report']);
    assert.deepEqual([own.rank, own.quartile_band, own.statistics.count], [null, null, 10]);
  });

  it('lists authorities without a row as missing, last, and a suppressed published figure as such', async () => {
    const body = (await compare(codes.cumberland, 'caseload_fte', '2021', 'region')).body;
    assert.deepEqual([body.subject.status, body.subject.reason, body.subject.source], ['missing', 'no figure for 2021', null]);
    assert.deepEqual([body.rank, body.quartile_band], [null, null]);
    assert.deepEqual(body.members.slice(-2).map((m) => m.organisation.name), ['Cumberland', 'Westmorland and Furness']);
    const derby = (await compare('E06000015', 'vacancy_agency_cover_rate_fte', '2019', 'region')).body;
    assert.deepEqual([derby.reference.region.status, derby.reference.region.suppression], ['suppressed', 'u']);
  });

  it('gives a joint return to both authorities, marked joint, each a member, tied in rank', async () => {
    for (const code of [codes.kingston, codes.richmond]) {
      const body = (await compare(code, 'caseload_fte', '2023', 'statistical')).body;
      assert.deepEqual([body.subject.value, body.subject.joint_return, body.subject.joint_with],
        [12.3, true, 'Kingston upon Thames / Richmond upon Thames']);
      const pair = body.members.filter((m) => [codes.kingston, codes.richmond].includes(m.organisation.code));
      assert.deepEqual(pair.map((m) => m.rank), [1, 1]);
    }
    const northants = (await compare(codes.northNorthamptonshire, 'inpost_fte', '2021', 'england')).body;
    assert.equal(northants.subject.joint_with, 'North Northamptonshire / West Northamptonshire');
  });

  it('gives London boroughs the London and the Inner or Outer London rows', async () => {
    const body = (await compare(codes.southwark, 'caseload_fte', '2023', 'statistical')).body;
    assert.deepEqual([body.reference.region.area_code, body.reference.london_subregion.area_code], ['E12000007', 'E13000001']);
    const kingston = (await compare(codes.kingston, 'caseload_fte', '2023', 'region')).body;
    assert.deepEqual([kingston.reference.england.value, kingston.reference.region.value, kingston.reference.london_subregion.value,
      kingston.reference.london_subregion.name], [16, 14.4, 15.2, 'Outer London']);
  });

  it("defaults to the caller's organisation, the newest official period and the statistical neighbours", async () => {
    const body = (await get(routes.compare, { metric: 'caseload_fte' })).body;
    assert.deepEqual([body.organisation.code, body.period, body.group], [codes.southampton, '2023', 'statistical']);
    assert.deepEqual(body, (await compare(codes.southampton, 'caseload_fte', '2023', 'statistical')).body);
  });

  it('answers a year with no figures with every member missing and no statistics', async () => {
    const body = (await compare(codes.southampton, 'caseload_fte', '2016', 'statistical')).body;
    assert.ok(body.members.every((m) => m.status === 'missing' && m.reason === 'no figure for 2016'));
    assert.deepEqual([body.statistics.count, body.statistics.median, body.rank], [0, null, null]);
    assert.deepEqual([body.reference.england.status, body.reference.england.reason], ['missing', 'no figure for 2016']);
  });

  it('answers 422 naming a bad parameter, 404 for an unknown organisation, 401 signed out', async () => {
    const southampton = String(ids.get(codes.southampton));
    for (const [query, field] of [
      [{ organisation_id: southampton }, 'metric'], [{ metric: 'caseloads' }, 'metric'],
      [{ metric: 'caseload_fte', period: '2023-Q5' }, 'period'], [{ metric: 'caseload_fte', period: 'last year' }, 'period'],
      [{ metric: 'caseload_fte', group: 'nearby' }, 'group'], [{ metric: 'caseload_fte', organisation_id: 'abc' }, 'organisation_id'],
      [{ metric: 'caseload_fte', organisation_id: String(officeId) }, 'organisation_id'],
    ]) {
      expectInvalidFields(await ask(routes.compare, query), [field]);
    }
    expectProblem(await ask(routes.compare, { metric: 'caseload_fte', organisation_id: '999999' }), 404);
    expectProblem(await call('GET', routes.compare, { query: { metric: 'caseload_fte' } }), 401);
  });
});

describe('GET /benchmarking/trend', () => {
  for (const [code, metric, group] of [[codes.southampton, 'caseload_fte', 'statistical'],
    [codes.kingston, 'vacancy_rate_fte', 'region'], [codes.cumberland, 'agency_rate_fte', 'england']]) {
    it(`gives every period oldest first as computed independently: ${code} ${metric} ${group}`, async () => {
      const body = (await get(routes.trend, { organisation_id: String(ids.get(code)), metric, group })).body;
      const expected = trendReference(reference, { organisationCode: code, metric, group });
      assert.deepEqual([body.organisation.code, body.metric.key, body.group], [code, metric, group]);
      assert.equal(body.group_name, expected[0].groupName);
      assert.deepEqual(body.items.map((i) => i.period), ['2017', '2018', '2019', '2020', '2021', '2022', '2023']);
      for (const [k, item] of body.items.entries()) {
        const want = expected[k];
        const what = `${code} ${metric} ${group} ${item.period}`;
        expectFigure(item, want.subject, what);
        for (const [field, value] of [['median', want.median], ['lower_quartile', want.lowerQuartile],
          ['upper_quartile', want.upperQuartile], ['count', want.count]]) expectNumber(item[field], value, `${what} ${field}`);
        assert.deepEqual([item.rank, item.ranked_count, item.quartile_band], [want.rank, want.rankedCount, want.quartileBand], what);
        expectAreaFigure(item.england, want.reference.england, `${what} England`);
        expectAreaFigure(item.region, want.reference.region, `${what} region`);
      }
    });
  }

  it("defaults to the caller's organisation and the statistical neighbours; refuses bad parameters", async () => {
    const body = (await get(routes.trend, { metric: 'caseload_fte' })).body;
    assert.deepEqual([body.organisation.code, body.group, body.items.length], [codes.southampton, 'statistical', 7]);
    expectInvalidFields(await ask(routes.trend, {}), ['metric']);
    expectInvalidFields(await ask(routes.trend, { metric: 'caseload_fte', group: 'county' }), ['group']);
    expectProblem(await ask(routes.trend, { metric: 'caseload_fte', organisation_id: '999999' }), 404);
    expectProblem(await call('GET', routes.trend, { query: { metric: 'caseload_fte' } }), 401);
  });
});

describe('GET /benchmarking/dashboard', () => {
  for (const [query, code, period, previousPeriod, group] of [
    [{}, codes.southampton, '2023', '2022', 'statistical'],
    [{ period: '2021', group: 'england' }, codes.southwark, '2021', '2020', 'england'],
    [{ period: '2017', group: 'region' }, codes.kingston, '2017', null, 'region'],
  ]) {
    it(`gives every metric with its change since ${previousPeriod ?? 'nothing'}: ${code} ${period} ${group}`, async () => {
      const organisation = code === codes.southampton ? {} : { organisation_id: String(ids.get(code)) };
      const body = (await get(routes.dashboard, { ...organisation, ...query })).body;
      assert.deepEqual([body.organisation.code, body.period, body.previous_period, body.group],
        [code, period, previousPeriod, group]);
      assert.deepEqual(body.items.map((i) => i.metric.key).sort(), [...dfeMetrics].sort());
      for (const item of body.items) {
        const metric = item.metric.key;
        const what = `${code} ${period} ${group} ${metric}`;
        const want = compareReference(reference, { organisationCode: code, metric, period, group });
        expectFigure(item, want.subject, what);
        expectNumber(item.median, want.median, `${what} median`);
        expectNumber(item.count, want.count, `${what} count`);
        assert.deepEqual([item.rank, item.ranked_count, item.quartile_band], [want.rank, want.rankedCount, want.quartileBand], what);
        const previous = previousPeriod &&
          compareReference(reference, { organisationCode: code, metric, period: previousPeriod, group }).subject;
        if (previous) expectFigure(item.previous, previous, `${what} previous`);
        else assert.equal(item.previous, null, `${what} previous`);
        const change = previous && want.value !== null && previous.value !== null ? want.value - previous.value : null;
        expectNumber(item.change, change, `${what} change`);
        const direction = change === null ? null : change > 0 ? 'up' : change < 0 ? 'down' : 'same';
        assert.equal(item.direction, direction, `${what} direction`);
        const polarity = polarityOf(metric);
        const assessment = direction === null || polarity === 'neutral' ? null : direction === 'same' ? 'same'
          : (direction === 'down') === (polarity === 'lower_is_better') ? 'better' : 'worse';
        assert.equal(item.assessment, assessment, `${what} assessment`);
      }
    });
  }

  it('gives for each metric what compare gives', async () => {
    const body = (await get(routes.dashboard, { group: 'region' })).body;
    for (const metric of ['caseload_fte', 'vacancy_rate_fte', 'absence_rate_fte']) {
      const item = body.items.find((i) => i.metric.key === metric);
      const compared = (await compare(codes.southampton, metric, body.period, 'region')).body;
      assert.deepEqual(item.metric, compared.metric);
      assert.deepEqual([item.value, item.status, item.median, item.count, item.rank, item.ranked_count, item.quartile_band],
        [compared.subject.value, compared.subject.status, compared.statistics.median, compared.statistics.count,
          compared.rank, compared.ranked_count, compared.quartile_band], metric);
    }
  });
});

describe('Statistical neighbours (median), as the DfE publishes it', () => {
  it("gives Southampton's 2023 caseload median of its ten neighbours, itself left out", async () => {
    const body = (await compare(codes.southampton, 'caseload_fte', '2023', 'statistical')).body;
    // The neighbours: 13.5 14 14 14.5 16.1 | 16.2 16.3 17 17.4 20.2; Southampton's own 16 is not among them.
    assert.deepEqual(body.statistical_neighbours_median,
      { name: 'Statistical neighbours (median)', value: 16.15, count: 10 });
    expectNumber(body.statistics.median, 16.1, 'the median of all eleven stays as it was');
    assert.deepEqual([body.rank, body.ranked_count], [5, 11], 'the rank is still within the eleven');
  });

  it('equals the DfE method for all 153 authorities and 22 metrics in 2023, and in other years on other groups', async () => {
    const others = [codes.southwark, codes.kingston, codes.cumberland, codes.northNorthamptonshire];
    const cases = [...reference.authorities.map((authority) => [authority, '2023', 'statistical']),
      ...others.flatMap((code) => [[reference.byCode.get(code), '2017', 'region'], [reference.byCode.get(code), '2021', 'england']])];
    for (const [authority, period, group] of cases) {
      const body = (await get(routes.dashboard, { organisation_id: String(ids.get(authority.code)), period, group })).body;
      for (const item of body.items) {
        const want = dfeMedian(authority.dfeCode, item.metric.key, period);
        const what = `${authority.name} ${item.metric.key} ${period}`;
        assert.equal(item.statistical_neighbours_median.name, 'Statistical neighbours (median)', what);
        expectNumber(item.statistical_neighbours_median.value, want.value, what);
        assert.equal(item.statistical_neighbours_median.count, want.count, what);
      }
    }
  });

  it('leaves out a neighbour whose figure is a joint return', async () => {
    const withKingston = reference.authorities.find((a) => a.code !== codes.richmond &&
      reference.neighbours.get(a.code).some((n) => n.code === codes.kingston));
    const body = (await compare(withKingston.code, 'caseload_fte', '2023', 'region')).body;
    const want = dfeMedian(withKingston.dfeCode, 'caseload_fte', '2023');
    assert.ok(want.count < 10, `${withKingston.name}: the joint return is not counted`);
    assert.deepEqual([body.statistical_neighbours_median.value, body.statistical_neighbours_median.count],
      [want.value, want.count]);
  });

  it('goes with every period of a trend', async () => {
    const body = (await get(routes.trend, { metric: 'vacancy_rate_fte', group: 'england' })).body;
    for (const item of body.items)
      assert.deepEqual(item.statistical_neighbours_median,
        { name: 'Statistical neighbours (median)', ...dfeMedian(reference.byCode.get(codes.southampton).dfeCode,
          'vacancy_rate_fte', item.period) }, item.period);
  });
});

describe('GET /benchmarking/periods', () => {
  it('names the DfE publication of each year, when it came out and when the next is due', async () => {
    const body = (await get(routes.periods)).body;
    const year2023 = body.items.find((p) => p.period === '2023');
    assert.deepEqual(year2023.publication, {
      name: "Children's social work workforce", publisher: 'Department for Education',
      url: 'https://explore-education-statistics.service.gov.uk/find-statistics/children-s-social-work-workforce',
      as_at: '2023-09-30', published: '2024-02', next_period: '2024', next_due: '2025-02',
    });
    assert.deepEqual(body.items.filter((p) => p.publication).map((p) => p.period),
      ['2023', '2022', '2021', '2020', '2019', '2018', '2017']);
  });
});

describe('GET /benchmarking/dashboard, refusals', () => {
  it('answers 422 naming a bad period or group, 404 for an unknown organisation, 401 signed out', async () => {
    expectInvalidFields(await ask(routes.dashboard, { period: '20x3' }), ['period']);
    expectInvalidFields(await ask(routes.dashboard, { group: 'county' }), ['group']);
    expectInvalidFields(await ask(routes.dashboard, { organisation_id: String(officeId) }), ['organisation_id']);
    expectProblem(await ask(routes.dashboard, { organisation_id: '999999' }), 404);
    expectProblem(await call('GET', routes.dashboard, {}), 401);
  });
});

/** GET /benchmarking/export as raw bytes (fetch's text() would drop the byte-order mark). */
async function exportCsv(query, auth = people.amira) {
  const res = await fetch(new URL(`${routes.export}?${new URLSearchParams(query)}`, server.baseUrl),
    { headers: auth.headersFor('GET'), signal: AbortSignal.timeout(60_000) });
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(res.status, 200, bytes.toString('utf8').slice(0, 500));
  assert.match(res.headers.get('content-type'), /^text\/csv; *charset=utf-8$/i);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a byte-order mark');
  validateResponse('GET', routes.export, 200, bytes.toString('utf8'), { contentType: 'text/csv' });
  const [header, ...records] = parseCsv(bytes.toString('utf8'));
  const rows = records.map(({ fields }) => Object.fromEntries(header.fields.map((name, k) => [name, fields[k]])));
  return { disposition: res.headers.get('content-disposition'), columns: header.fields, rows };
}

const numberOrNull = (text) => (text === '' ? null : Number(text));
const dfeSource = (period) => `DfE children's social work workforce, reporting year ${period}`;

describe('GET /benchmarking/export', () => {
  it('exports a comparison with the source and period of each value', async () => {
    const csv = await exportCsv({ view: 'compare', organisation_id: String(ids.get(codes.kingston)), metric: 'caseload_fte',
      period: '2023', group: 'statistical' });
    assert.equal(csv.disposition, 'attachment; filename="benchmarking-caseload_fte-E09000021-2023-statistical.csv"');
    assert.deepEqual(csv.columns, ['role', 'organisation_code', 'organisation_name', 'period', 'metric_key', 'metric_name',
      'unit', 'value', 'status', 'reason', 'source', 'rank', 'joint_return']);
    const want = compareReference(reference,
      { organisationCode: codes.kingston, metric: 'caseload_fte', period: '2023', group: 'statistical' });
    assert.ok(csv.rows.every((row) => row.period === '2023' && row.metric_key === 'caseload_fte' && row.unit === 'cases_per_fte'));
    const [subject] = csv.rows.filter((row) => row.role === 'subject');
    assert.deepEqual([subject.organisation_code, numberOrNull(subject.value), subject.rank, subject.source],
      [codes.kingston, 12.3, '1', dfeSource('2023')]);
    assert.match(subject.joint_return, /^(true|yes|Y)$/i);
    const members = csv.rows.filter((row) => row.role === 'member');
    assert.deepEqual(members.map((row) => row.organisation_code).sort(),
      want.members.filter((m) => !m.isSubject).map((m) => m.code).sort(), 'every other member once');
    for (const row of members) {
      const member = want.members.find((m) => m.code === row.organisation_code);
      expectNumber(numberOrNull(row.value), member.value, `${row.organisation_name} value`);
      assert.equal(row.source, member.value === null ? '' : dfeSource('2023'));
      assert.equal(numberOrNull(row.rank), member.rank);
    }
    for (const [role, value, code] of [['england', want.reference.england.value, 'E92000001'],
      ['region', want.reference.region.value, 'E12000007'],
      ['london_subregion', want.reference.londonSubregion.value, 'E13000002']]) {
      const rows = csv.rows.filter((row) => row.role === role);
      assert.equal(rows.length, 1, role);
      assert.deepEqual([rows[0].organisation_code, numberOrNull(rows[0].value), rows[0].source],
        [code, value, dfeSource('2023')], role);
    }
    const [neighbours] = csv.rows.filter((row) => row.role === 'statistical_neighbours_median');
    assert.deepEqual([neighbours.organisation_name, numberOrNull(neighbours.value)],
      ['Statistical neighbours (median)', dfeMedian(reference.byCode.get(codes.kingston).dfeCode, 'caseload_fte', '2023').value]);
    for (const [role, value] of [['group_median', want.median], ['group_lower_quartile', want.lowerQuartile],
      ['group_upper_quartile', want.upperQuartile], ['group_mean', want.mean]]) {
      const rows = csv.rows.filter((row) => row.role === role);
      assert.equal(rows.length, 1, role);
      expectNumber(numberOrNull(rows[0].value), value, role);
      assert.equal(rows[0].source, "Computed from the group's values", role);
    }
    const outside = await exportCsv({ view: 'compare', metric: 'caseload_fte', period: '2023' });
    assert.equal(outside.rows.filter((row) => row.role === 'london_subregion').length, 0, 'Southampton is not in London');
  });

  it('exports a trend, a row per period with the group median, count, rank, England and region', async () => {
    const csv = await exportCsv({ view: 'trend', metric: 'caseload_fte', group: 'statistical' });
    assert.equal(csv.disposition, 'attachment; filename="benchmarking-caseload_fte-E06000045-trend-statistical.csv"');
    assert.deepEqual(csv.columns, ['period', 'organisation_code', 'organisation_name', 'metric_key', 'metric_name', 'unit',
      'value', 'status', 'reason', 'source', 'group_median', 'group_count', 'rank', 'england', 'region',
      'statistical_neighbours_median']);
    const want = trendReference(reference, { organisationCode: codes.southampton, metric: 'caseload_fte', group: 'statistical' });
    assert.deepEqual(csv.rows.map((row) => row.period), want.map((w) => w.period));
    for (const [k, row] of csv.rows.entries()) {
      const w = want[k];
      assert.deepEqual([row.organisation_code, row.organisation_name, row.status, row.source],
        [codes.southampton, 'Southampton', w.status, dfeSource(w.period)], w.period);
      for (const [field, value] of [['value', w.value], ['group_median', w.median], ['group_count', w.count], ['rank', w.rank],
        ['england', w.reference.england.value], ['region', w.reference.region.value],
        ['statistical_neighbours_median', dfeMedian(reference.byCode.get(codes.southampton).dfeCode, 'caseload_fte', w.period).value]]) {
        expectNumber(numberOrNull(row[field]), value, `${w.period} ${field}`);
      }
    }
  });

  it('refuses a bad view or metric with 422 and a signed-out caller with 401', async () => {
    expectInvalidFields(await ask(routes.export, { view: 'pdf', metric: 'caseload_fte' }), ['view']);
    expectInvalidFields(await ask(routes.export, { view: 'compare' }), ['metric']);
    expectProblem(await call('GET', routes.export, { query: { view: 'trend', metric: 'caseload_fte' } }), 401);
  });
});
