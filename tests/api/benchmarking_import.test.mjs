// Benchmarking end to end, the admin side: the metric catalogue, importing the DfE workforce file (held-back years,
// byte-order mark, re-import, refused files, ragged rows), the long format and the command line, against the real
// pswnet. Expected reports and figures come from benchmarking-reference.mjs reading the same files.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { codes, expectComparison, expectImportReport, readBytes, routes, startBenchmarkingServer, withBom }
  from '../support/benchmarking.mjs';
import { addLongFormat, compareReference, dfeMetrics, loadReference, referencePaths }
  from '../support/benchmarking-reference.mjs';
import { databaseSnapshot } from '../support/database.mjs';
import { validateComponent } from '../support/openapi.mjs';
import { connect, readResponse } from '../support/raw-http.mjs';
import { runPswnet } from '../support/server.mjs';

const MiB = 1024 * 1024;
const fixture = readBytes(referencePaths.cswwFixture);
const fullFile = readBytes(referencePaths.cswwFull);
const longSample = readBytes(referencePaths.longAdultsSample);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const fixtureReference = loadReference({ cswwPath: referencePaths.cswwFixture });
const fullReference = loadReference();

// Units of the 22 DfE metrics, from the DfE file's definitions: rates are percentages, caseload is cases per
// case-holding FTE, working days lost are days, headcounts and cases are counts.
const units = {
  inpost_fte: 'fte', inpost_headcount: 'count', starters_fte: 'fte', starters_headcount: 'count', leavers_fte: 'fte',
  leavers_headcount: 'count', turnover_rate_fte: 'percent', turnover_rate_headcount: 'percent', agency_fte: 'fte',
  agency_headcount: 'count', agency_rate_fte: 'percent', agency_rate_headcount: 'percent', agency_cover_fte: 'fte',
  agency_cover_rate_fte: 'percent', vacancy_fte: 'fte', vacancy_rate_fte: 'percent',
  vacancy_agency_cover_rate_fte: 'percent', case_holders_fte: 'fte', cases: 'count', caseload_fte: 'cases_per_fte',
  working_days_lost_fte: 'days', absence_rate_fte: 'percent',
};
const lowerIsBetter = ['caseload_fte', 'vacancy_rate_fte', 'agency_rate_fte', 'agency_rate_headcount', 'turnover_rate_fte',
  'turnover_rate_headcount', 'absence_rate_fte'];

const adultsMetric = {
  key: 'adults_vacancy_rate', name: "Adults' social work vacancy rate", unit: 'percent', sector: 'adults',
  polarity: 'lower_is_better', definition: "Vacant adults' social worker posts as a percentage of all posts.",
  source: 'Skills for Care (invented test figures)',
};

let server, call, people, ids, importCsv;
const accepted = []; // every import report pswnet answered 200 or 201 with, oldest first

before(async () => ({ server, call, people, ids, importCsv } = await startBenchmarkingServer()));
after(() => server?.stop());

/** The database without import records, the audit log and events: the figures, metrics and everything else. */
async function figuresSnapshot() {
  const snapshot = await databaseSnapshot(server.db);
  for (const table of Object.keys(snapshot)) if (/import|audit|^events?$/i.test(table)) delete snapshot[table];
  return snapshot;
}

async function importOk(bytes, options, status) {
  const res = await importCsv(people.sam, bytes, { ...options, expect: status });
  accepted.push(res.body);
  assert.deepEqual(res.body.imported_by, { id: people.sam.user.id, display_name: people.sam.user.display_name });
  return res.body;
}

const metricsList = async () => (await call('GET', routes.metrics, { auth: people.amira, expect: 200 })).body.items;
const importsList = async () => (await call('GET', routes.imports, { auth: people.sam, expect: 200 })).body;

function compareAsSam(code, metric, period, group) {
  const query = { organisation_id: String(ids.get(code)), metric, period, group };
  return call('GET', routes.compare, { query, auth: people.sam, expect: 200 });
}

async function expectComparisonsLike(reference, cases) {
  for (const [code, metric, period, group] of cases) {
    const actual = (await compareAsSam(code, metric, period, group)).body;
    const expected = compareReference(reference, { organisationCode: code, metric, period, group });
    expectComparison(actual, expected, { code, metric, period, group, polarity: reference.polarity.get(metric) });
  }
}

describe('the metric catalogue: /benchmarking/metrics', () => {
  it("lists the 22 DfE metrics and the 5 adults' measures by position, with unit, sector, polarity and source", async () => {
    const all = await metricsList();
    const positions = all.map((m) => m.position);
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b), 'ordered by position');
    const adults = all.filter((m) => m.sector === 'adults');
    assert.deepEqual(adults.map((m) => [m.key, m.unit, m.polarity, m.official]), [
      ['adults_sw_vacancy_rate', 'percent', 'lower_is_better', false],
      ['adults_sw_turnover_rate', 'percent', 'lower_is_better', false],
      ['adults_sw_sickness_days', 'days', 'lower_is_better', false],
      ['adults_sw_agency_rate', 'percent', 'lower_is_better', false],
      ['adults_sw_caseload', 'cases_per_fte', 'lower_is_better', false]]);
    for (const metric of adults) {
      assert.match(metric.name, /\(adults\)$/, metric.key);
      assert.match(metric.definition, /adult social care services/, `${metric.key} says what it counts`);
      assert.match(metric.source, /Skills for Care|the authority's own figure/i, `${metric.key} names its source`);
    }
    const items = all.filter((m) => m.sector !== 'adults');
    assert.deepEqual(items.map((m) => m.key).sort(), [...dfeMetrics].sort());
    for (const metric of items) {
      assert.equal(metric.unit, units[metric.key], `${metric.key} unit`);
      assert.equal(metric.polarity, lowerIsBetter.includes(metric.key) ? 'lower_is_better' : 'neutral', `${metric.key} polarity`);
      assert.equal(metric.sector, 'children');
      assert.equal(metric.official, true);
      assert.equal(metric.source, "DfE children's social work workforce");
      assert.ok(metric.name.length > 0 && metric.definition.length > 0, `${metric.key} has a name and a definition`);
    }
  });

  it('lets a network_admin add a metric for adults (201); members and org_admins get 403, signed out 401', async () => {
    for (const who of ['amira', 'grace', 'priya']) {
      expectProblem(await call('POST', routes.metrics, { json: adultsMetric, auth: people[who] }), 403);
    }
    expectProblem(await call('POST', routes.metrics, { json: adultsMetric }), 401);
    const created = (await call('POST', routes.metrics, { json: adultsMetric, auth: people.sam, expect: 201 })).body;
    for (const field of ['key', 'name', 'unit', 'sector', 'polarity', 'definition', 'source']) {
      assert.equal(created[field], adultsMetric[field], field);
    }
    assert.equal(created.official, false, 'an added metric is not a DfE one');
    const listed = (await metricsList()).find((m) => m.key === adultsMetric.key);
    assert.deepEqual(listed, created);
  });

  it('refuses an existing key with 409 and invalid fields with 422 naming each, storing nothing', async () => {
    const before = await metricsList();
    expectProblem(await call('POST', routes.metrics, { json: { ...adultsMetric, key: 'caseload_fte' }, auth: people.sam }), 409);
    expectProblem(await call('POST', routes.metrics, { json: adultsMetric, auth: people.sam }), 409);
    const fresh = { ...adultsMetric, key: 'adults_turnover_rate' };
    for (const [change, fields] of [
      [{ key: 'Adults-Turnover' }, ['key']], [{ key: 'a' }, ['key']], [{ key: `a${'b'.repeat(63)}` }, ['key']],
      [{ key: '1adults' }, ['key']], [{ key: undefined }, ['key']], [{ name: '' }, ['name']],
      [{ name: 'n'.repeat(121) }, ['name']], [{ definition: '' }, ['definition']],
      [{ definition: 'd'.repeat(1001) }, ['definition']], [{ unit: 'litres' }, ['unit']], [{ sector: 'elderly' }, ['sector']],
      [{ polarity: 'up' }, ['polarity']], [{ key: 'Bad', unit: 'litres' }, ['key', 'unit']],
    ]) {
      expectInvalidFields(await call('POST', routes.metrics, { json: { ...fresh, ...change }, auth: people.sam }), fields);
    }
    assert.deepEqual(await metricsList(), before);
  });
});

describe('importing the DfE file: POST /benchmarking/imports', () => {
  it('refuses members, org_admins and the CSW office (403) and signed-out callers (401), changing nothing', async () => {
    const before = await databaseSnapshot(server.db);
    for (const who of ['amira', 'grace', 'priya']) {
      expectProblem(await importCsv(people[who], fixture), 403);
      expectProblem(await call('GET', routes.imports, { auth: people[who] }), 403);
    }
    expectProblem(await importCsv(undefined, fixture), 401);
    expectProblem(await call('GET', routes.imports, {}), 401);
    assert.deepEqual(await databaseSnapshot(server.db), before);
  });

  it('refuses a file that is empty, of no known format, not UTF-8 or not of the format asked for: 422 naming body', async () => {
    const before = await databaseSnapshot(server.db);
    const importsBefore = (await importsList()).items.length;
    const lines = fixture.toString('utf8').split('\n');
    const southampton = lines.find((line) => line.startsWith('2021,') && line.includes(',852,'));
    // é as the single Latin-1 byte 0xE9: not UTF-8.
    const latin1 = Buffer.from(`${lines[0]}\n${southampton.replace('Southampton', 'Southampt\u00e9n')}\n`, 'latin1');
    for (const [bytes, format, what] of [
      [Buffer.alloc(0), undefined, 'an empty body'],
      [Buffer.from('hello, world\nthis is not a workforce file\n'), undefined, 'text'],
      [Buffer.from('a,b,c\n1,2,3\n'), undefined, 'another CSV'],
      [Buffer.from([0xff, 0xfe, 0x00, 0x74, 0x00, 0x69]), undefined, 'UTF-16'],
      [latin1, undefined, 'Latin-1 bytes'],
      [fixture, 'long', 'the DfE file called long'],
      [longSample, 'dfe_csww', 'a long file called dfe_csww'],
    ]) {
      const res = await importCsv(people.sam, bytes, { format });
      assert.equal(res.status, 422, `${what}: answered ${res.status}: ${res.text.slice(0, 500)}`);
      expectInvalidFields(res, ['body']);
    }
    expectInvalidFields(await importCsv(people.sam, fixture, { format: 'xlsx' }), ['format']);
    assert.equal((await importsList()).items.length, importsBefore, 'no import was recorded');
    assert.deepEqual(await databaseSnapshot(server.db), before, 'nothing was stored');
  });

  it('answers 413 to a body over 20 MiB without waiting for it', async () => {
    const socket = await connect(server.port);
    try {
      const response = readResponse(socket, { timeoutMs: 10_000 });
      socket.write(`POST ${routes.imports} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
        `Authorization: Bearer ${people.sam.token}\r\nContent-Type: text/csv\r\nContent-Length: ${20 * MiB + 1}\r\n\r\n`);
      const res = await response;
      assert.equal(res.status, 413, res.body);
      validateComponent('Problem', JSON.parse(res.body));
    } finally {
      socket.destroy();
    }
  });

  it('imports the 2017-2021 fixture with a report of rows, joint returns, reference rows and rejected rows', async () => {
    const expected = fixtureReference.report;
    const report = await importOk(fixture, { filename: 'csww-2017-2021.csv' }, 201);
    expectImportReport(report, expected, {
      format: 'dfe_csww', filename: 'csww-2017-2021.csv', sha256: sha256(fixture), status: 'imported',
      created: expected.figureCount, updated: 0, unchanged: 0, rejected: expected.rejected,
    });
    assert.equal(report.rows_read, 812);
    assert.equal(report.joint_rows, 6, 'Kingston/Richmond 2017-2021 and the Northamptonshires 2021');
    assert.equal(report.reference_rows, 60, 'England, 9 regions, Inner and Outer London, 5 years');
    assert.deepEqual([...new Set(report.rows_rejected.map((r) => r.name))].sort(),
      ['Bournemouth', 'Cumbria', 'Dorset', 'Northamptonshire', 'Poole']);
    const periods = (await call('GET', routes.periods, { auth: people.amira, expect: 200 })).body.items;
    assert.deepEqual(periods, ['2021', '2020', '2019', '2018', '2017'].map((period) => ({
      period, label: `${period} (at 30 September)`, official: true, local: false,
      publication: {
        name: "Children's social work workforce", publisher: 'Department for Education',
        url: 'https://explore-education-statistics.service.gov.uk/find-statistics/children-s-social-work-workforce',
        as_at: `${period}-09-30`, published: `${Number(period) + 1}-02`, next_period: String(Number(period) + 1),
        next_due: `${Number(period) + 2}-02`,
      },
    })));
  });

  it('reads the same file with a byte-order mark as the same figures: 200 unchanged', async () => {
    const bom = withBom(fixture);
    const expected = fixtureReference.report;
    const before = await figuresSnapshot();
    const report = await importOk(bom, {}, 200);
    expectImportReport(report, expected, {
      format: 'dfe_csww', sha256: sha256(bom), status: 'unchanged', created: 0, updated: 0,
      unchanged: expected.figureCount, rejected: expected.rejected,
    });
    assert.deepEqual(await figuresSnapshot(), before);
  });

  it('says "unchanged" on re-importing the same file and changes no figure', async () => {
    const before = await figuresSnapshot();
    const report = await importOk(fixture, { filename: 'again.csv', format: 'dfe_csww' }, 200);
    assert.equal(report.status, 'unchanged');
    assert.equal(report.values_created, 0);
    assert.equal(report.values_updated, 0);
    assert.equal(report.values_unchanged, fixtureReference.report.figureCount);
    assert.deepEqual(await figuresSnapshot(), before);
  });

  it('compares from the fixture exactly as the independent computation does', async () => {
    await expectComparisonsLike(fixtureReference, [
      [codes.southampton, 'caseload_fte', '2021', 'statistical'], [codes.portsmouth, 'turnover_rate_fte', '2021', 'region'],
      [codes.kingston, 'vacancy_rate_fte', '2019', 'region'], [codes.northNorthamptonshire, 'inpost_fte', '2020', 'england'],
    ]);
  });

  it('imports the unseen years 2022 and 2023 from the full file, leaving 2017-2021 unchanged', async () => {
    const expected = fullReference.report;
    const created = expected.valuesPerPeriod['2022'] + expected.valuesPerPeriod['2023'];
    const report = await importOk(fullFile, { filename: 'dfe-csww-indicators-2017-2023.csv' }, 201);
    expectImportReport(report, expected, {
      format: 'dfe_csww', filename: 'dfe-csww-indicators-2017-2023.csv', sha256: sha256(fullFile), status: 'imported',
      created, updated: 0, unchanged: fixtureReference.report.figureCount, rejected: expected.rejected,
    });
    assert.deepEqual([report.rows_read, report.joint_rows, report.reference_rows], [1137, 10, 84]);
    const periods = (await call('GET', routes.periods, { auth: people.amira, expect: 200 })).body.items;
    assert.deepEqual(periods.map((p) => p.period), ['2023', '2022', '2021', '2020', '2019', '2018', '2017']);
    await expectComparisonsLike(fullReference, [
      [codes.southampton, 'caseload_fte', '2023', 'statistical'], [codes.southwark, 'agency_rate_fte', '2023', 'region'],
      [codes.cumberland, 'vacancy_rate_fte', '2023', 'england'], [codes.kingston, 'inpost_fte', '2022', 'statistical'],
      [codes.southampton, 'caseload_fte', '2017', 'statistical'],
    ]);
  });

  it('rejects rows with too few or too many columns one by one, reading the rest', async () => {
    const lines = fullFile.toString('utf8').split('\n');
    const southampton = lines.find((line) => line.startsWith('2021,') && line.includes(',852,'));
    const body = Buffer.from([lines[0], southampton, southampton.replace(/,[^,]*$/, ''), `${southampton},12.5`, ''].join('\n'));
    const report = await importOk(body, {}, 200);
    expectImportReport(report, { rowsRead: 3, figureCount: 22, valuesSuppressed: 0, periods: ['2021'] }, {
      format: 'dfe_csww', sha256: sha256(body), status: 'unchanged', created: 0, updated: 0, unchanged: 22,
      rejected: [{ row: 3, mentions: /column|field/i }, { row: 4, mentions: /column|field/i }],
    });
  });

  it('lists every import, newest first (network_admin only)', async () => {
    const list = await importsList();
    assert.deepEqual(list.items.map((r) => r.id), accepted.map((r) => r.id).reverse());
    assert.deepEqual(list.items.at(-1), accepted[0]);
    assert.equal(list.next_cursor, null);
  });
});

describe('the long format: organisation_code,period,metric_key,value', () => {
  const reference = loadReference();
  const expected = addLongFormat(reference, referencePaths.longAdultsSample,
    { metric: adultsMetric.key, polarity: 'lower_is_better' });

  before(async () => {
    const res = await call('POST', routes.metrics, { json: adultsMetric, auth: people.sam });
    assert.ok([201, 409].includes(res.status), res.text);
  });

  it('imports adults figures, rejecting unknown organisations and metric keys row by row', async () => {
    const report = await importOk(longSample, { filename: 'long-adults-sample.csv' }, 201);
    expectImportReport(report, expected, {
      format: 'long', filename: 'long-adults-sample.csv', sha256: sha256(longSample), status: 'imported',
      created: expected.figureCount, updated: 0, unchanged: 0,
      rejected: [{ row: 8, mentions: /blank/ }, { row: 9, code: 'E10000006' }, { row: 10, mentions: /adults_unknown_metric/ }],
    });
    assert.equal(report.values_suppressed, 1);
    await expectComparisonsLike(reference, [
      [codes.southampton, adultsMetric.key, '2023', 'england'], [codes.wiltshire, adultsMetric.key, '2024', 'region'],
      [codes.southampton, adultsMetric.key, '2023', 'region'],
    ]);
    const periods = (await call('GET', routes.periods, { auth: people.amira, expect: 200 })).body.items;
    assert.deepEqual(periods.find((p) => p.period === '2024'),
      { period: '2024', label: '2024 (at 30 September)', official: true, local: false, publication: null },
      'imported figures name no DfE publication');
  });

  it('says "unchanged" on importing it again, the format named', async () => {
    const report = await importOk(longSample, { format: 'long' }, 200);
    assert.equal(report.status, 'unchanged');
    assert.deepEqual([report.values_created, report.values_updated, report.values_unchanged], [0, 0, expected.figureCount]);
  });

  it('rejects rows with too few or too many columns one by one, reading the rest', async () => {
    const body = withBom(Buffer.from(['organisation_code,period,metric_key,value',
      'E06000045,2022,adults_vacancy_rate,9.5', 'E06000054,2022,adults_vacancy_rate', 'E09000028,2022,adults_vacancy_rate,11,12',
      ''].join('\r\n')));
    const report = await importOk(body, {}, 201);
    expectImportReport(report, { rowsRead: 3, figureCount: 1, valuesSuppressed: 0, periods: ['2022'] }, {
      format: 'long', sha256: sha256(body), status: 'imported', created: 1, updated: 0, unchanged: 0,
      rejected: [{ row: 3, mentions: /column|field/i }, { row: 4, mentions: /column|field/i }],
    });
  });
});

describe('the command line: pswnet import', () => {
  let folder;
  before(async () => { folder = await mkdtemp(path.join(tmpdir(), 'pswnet-import-')); });
  after(() => rm(folder, { recursive: true, force: true }));

  it('prints the same report as JSON and exits 0', async () => {
    const env = { PSWNET_DATABASE_URL: server.databaseUrl };
    const result = await runPswnet(['import', 'csww', referencePaths.cswwFixture], { env });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    validateComponent('ImportReport', report);
    assert.equal(report.status, 'unchanged');
    assert.equal(report.rows_read, 812);
    assert.deepEqual(report.rows_rejected.map((r) => r.row), fixtureReference.report.rejected.map((r) => r.row));
    assert.equal((await importsList()).items[0].id, report.id, 'the command-line import is listed too');
  });

  it('exits 1 on a rejected file and stores nothing', async () => {
    const garbage = path.join(folder, 'garbage.csv');
    await writeFile(garbage, 'not,a,workforce\nfile,at,all\n');
    const before = await databaseSnapshot(server.db);
    for (const format of ['csww', 'long']) {
      const result = await runPswnet(['import', format, garbage], { env: { PSWNET_DATABASE_URL: server.databaseUrl } });
      assert.equal(result.code, 1, `${format}: ${result.stdout}${result.stderr}`);
    }
    assert.deepEqual(await databaseSnapshot(server.db), before);
  });
});
