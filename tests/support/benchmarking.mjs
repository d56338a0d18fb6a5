// Benchmarking helpers for the end-to-end tests: a server with the demo people signed in, the route templates,
// requests validated against schemas/openapi.yaml, imports, and assertions that hold pswnet's comparisons against
// the independent computation of benchmarking-reference.mjs to 1e-9.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { client, demoUsers, signIn } from './api.mjs';
import { expectDocumented } from './openapi.mjs';
import { startServer } from './server.mjs';

export const routes = {
  metrics: '/api/v1/benchmarking/metrics',
  periods: '/api/v1/benchmarking/periods',
  compare: '/api/v1/benchmarking/compare',
  trend: '/api/v1/benchmarking/trend',
  dashboard: '/api/v1/benchmarking/dashboard',
  export: '/api/v1/benchmarking/export',
  imports: '/api/v1/benchmarking/imports',
  organisationMetrics: '/api/v1/organisations/{id}/metrics/{period}',
  organisations: '/api/v1/organisations',
};

export const codes = {
  southampton: 'E06000045', southwark: 'E09000028', wiltshire: 'E06000054', kingston: 'E09000021',
  richmond: 'E09000027', cumberland: 'E06000063', northNorthamptonshire: 'E06000061', portsmouth: 'E06000044',
};

export const readBytes = (file) => readFileSync(file);
export const withBom = (bytes) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);

/**
 * Starts pswnet on a fresh database with the demo data and signs the demo people in. Resolves with {server, call,
 * people: {amira, tom, grace, priya, sam}, ids (ONS code -> organisation id of the 153 authorities), officeId
 * (a Chief Social Worker office: not a local authority), importCsv}. The suite stops the server.
 */
export async function startBenchmarkingServer() {
  const server = await startServer();
  try {
    const call = benchmarkingClient(server.baseUrl);
    const people = {};
    for (const name of ['amira', 'tom', 'grace', 'priya', 'sam']) people[name] = await signIn(server.baseUrl, demoUsers[name]);
    const ids = new Map();
    let officeId;
    for (const kind of ['local_authority', 'csw_office']) {
      let cursor = null;
      do {
        const query = { kind, limit: '100', ...(cursor ? { cursor } : {}) };
        const page = (await call('GET', routes.organisations, { query, auth: people.amira, expect: 200 })).body;
        for (const organisation of page.items) {
          if (kind === 'csw_office') officeId ??= organisation.id;
          else ids.set(organisation.code, organisation.id);
        }
        cursor = page.next_cursor;
      } while (cursor);
    }
    assert.equal(ids.size, 153, 'the directory holds the 153 local authorities');
    const periods = (await call('GET', routes.periods, { auth: people.amira, expect: 200 })).body.items;
    assert.deepEqual(periods, [], 'a fresh database (with the demo data) holds no benchmarking figures yet');
    const importCsv = (auth, bytes, options) => postImport(call, auth, bytes, options);
    return { server, call, people, ids, officeId, importCsv };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * call(method, template, {params: {id, period}, query, json, body, headers, auth, expect}): fills the route
 * template, asserts the status when `expect` is given, and validates the response against the document.
 */
export function benchmarkingClient(baseUrl) {
  const api = client(baseUrl);
  return async function call(method, template, { params = {}, query, json, body, headers, auth, expect } = {}) {
    let target = template;
    for (const [name, value] of Object.entries(params)) target = target.replace(`{${name}}`, encodeURIComponent(String(value)));
    if (query) target += `?${new URLSearchParams(query)}`;
    const res = await api.request(method, target, { json, body, headers, auth, timeoutMs: 120_000 });
    if (expect !== undefined) {
      assert.equal(res.status, expect, `${method} ${target} answered ${res.status}: ${res.text.slice(0, 1500)}`);
    }
    expectDocumented(res, method, template);
    return res;
  };
}

/** POST /benchmarking/imports with the bytes as a text/csv body; `expect` asserts the status. */
function postImport(call, auth, bytes, { filename, format, expect } = {}) {
  const headers = { 'content-type': 'text/csv' };
  if (filename !== undefined) headers['x-filename'] = filename;
  return call('POST', routes.imports, { body: bytes, headers, auth, expect, query: format ? { format } : undefined });
}

/** Asserts a number equals the expected one to 1e-9, or both are null. */
export function expectNumber(actual, expected, what) {
  if (expected === null || expected === undefined) {
    assert.equal(actual, null, `${what}: expected null, got ${actual}`);
    return;
  }
  assert.equal(typeof actual, 'number', `${what}: expected ${expected}, got ${JSON.stringify(actual)}`);
  assert.ok(Math.abs(actual - expected) <= 1e-9, `${what}: expected ${expected}, got ${actual}`);
}

/** Asserts an API figure (value, status, suppression, reason, source, joint_return, joint_with) against the reference. */
export function expectFigure(actual, expected, what) {
  assert.ok(actual, `${what}: no figure`);
  expectNumber(actual.value, expected.value, `${what} value`);
  assert.equal(actual.status, expected.status, `${what} status`);
  assert.equal(actual.suppression, expected.suppression, `${what} suppression`);
  assert.equal(actual.reason, expected.reason, `${what} reason`);
  assert.equal(actual.source, expected.source, `${what} source`);
  assert.equal(actual.joint_return, expected.jointReturn, `${what} joint_return`);
  assert.equal(actual.joint_with, expected.jointWith, `${what} joint_with`);
}

/** A published England/region figure (or null) against the reference. */
export function expectAreaFigure(actual, expected, what) {
  if (expected === null) {
    assert.equal(actual, null, `${what}: expected no published figure`);
    return;
  }
  expectFigure(actual, expected, what);
  assert.equal(actual.area_code, expected.areaCode, `${what} area_code`);
  assert.equal(actual.name, expected.name, `${what} name`);
}

const namesInOrder = (a, b) => a <= b || a.localeCompare(b, 'en') <= 0;

/**
 * Asserts the members' order of the contract: those with a value by rank, best first (neutral: highest value
 * first), ties by name; then those without a value, by name (by code unit or by English collation).
 */
export function expectMemberOrder(members, polarity, what) {
  const firstWithout = members.findIndex((m) => m.status !== 'value');
  if (firstWithout >= 0) {
    assert.ok(members.slice(firstWithout).every((m) => m.status !== 'value'), `${what}: a member with a value after one without`);
  }
  const sign = polarity === 'lower_is_better' ? 1 : -1;
  for (let k = 1; k < members.length; k += 1) {
    const [a, b] = [members[k - 1], members[k]];
    const bothValued = a.status === 'value' && b.status === 'value';
    if (bothValued && a.value !== b.value) {
      assert.ok(sign * (b.value - a.value) > 0,
        `${what}: ${a.organisation.name} (${a.value}) before ${b.organisation.name} (${b.value})`);
    } else if (bothValued || (a.status !== 'value' && b.status !== 'value')) {
      assert.ok(namesInOrder(a.organisation.name, b.organisation.name),
        `${what}: ${a.organisation.name} before ${b.organisation.name}`);
    }
  }
}

/** One API member against the reference member. */
function expectMember(actual, expected, what) {
  expectFigure(actual, expected, what);
  assert.equal(actual.organisation.code, expected.code, `${what} code`);
  assert.equal(actual.organisation.name, expected.name, `${what} name`);
  assert.equal(actual.is_subject, expected.isSubject, `${what} is_subject`);
  assert.equal(actual.rank, expected.rank, `${what} rank`);
  assert.equal(actual.neighbour_rank, expected.neighbourRank, `${what} neighbour_rank`);
  assert.equal(actual.closeness, expected.closeness, `${what} closeness`);
}

/**
 * Asserts a GET /benchmarking/compare body against compareReference's answer: every number to 1e-9, the subject,
 * every member (by code) with its figure, rank, neighbour rank and closeness, the members' order, and the published
 * England, region and Inner/Outer London figures.
 */
export function expectComparison(actual, expected, { code, metric, period, group, polarity }) {
  const what = `${code} ${metric} ${period} ${group}`;
  assert.equal(actual.organisation.code, code, `${what} organisation`);
  assert.equal(actual.metric.key, metric, `${what} metric`);
  assert.equal(actual.period, period, `${what} period`);
  assert.equal(actual.group, group, `${what} group`);
  assert.equal(actual.group_name, expected.groupName, `${what} group_name`);
  const s = actual.statistics;
  expectNumber(s.count, expected.count, `${what} count`);
  expectNumber(s.median, expected.median, `${what} median`);
  expectNumber(s.lower_quartile, expected.lowerQuartile, `${what} lower_quartile`);
  expectNumber(s.upper_quartile, expected.upperQuartile, `${what} upper_quartile`);
  expectNumber(s.mean, expected.mean, `${what} mean`);
  expectNumber(s.min, expected.min, `${what} min`);
  expectNumber(s.max, expected.max, `${what} max`);
  assert.equal(actual.rank, expected.rank, `${what} rank`);
  assert.equal(actual.ranked_count, expected.rankedCount, `${what} ranked_count`);
  assert.equal(actual.quartile_band, expected.quartileBand, `${what} quartile_band`);
  expectMember(actual.subject, expected.subject, `${what} subject`);
  assert.equal(actual.members.length, expected.members.length, `${what}: number of members`);
  const byCode = new Map(actual.members.map((m) => [m.organisation.code, m]));
  assert.equal(byCode.size, actual.members.length, `${what}: a member listed twice`);
  for (const member of expected.members) {
    assert.ok(byCode.has(member.code), `${what}: ${member.name} (${member.code}) is not a member`);
    expectMember(byCode.get(member.code), member, `${what} member ${member.name}`);
  }
  expectMemberOrder(actual.members, polarity, what);
  expectAreaFigure(actual.reference.england, expected.reference.england, `${what} England`);
  expectAreaFigure(actual.reference.region, expected.reference.region, `${what} region`);
  expectAreaFigure(actual.reference.london_subregion, expected.reference.londonSubregion, `${what} London sub-region`);
}

/** Asserts an import report against what the reference read from the same file. */
export function expectImportReport(report, expected, { format, filename = null, sha256, status, created, updated,
  unchanged, rejected }) {
  assert.equal(report.format, format);
  assert.equal(report.filename, filename);
  assert.equal(report.sha256, sha256, 'sha256 of the body as sent');
  assert.equal(report.status, status);
  assert.equal(report.rows_read, expected.rowsRead, 'rows_read');
  assert.equal(report.values_created, created, 'values_created');
  assert.equal(report.values_updated, updated, 'values_updated');
  assert.equal(report.values_unchanged, unchanged, 'values_unchanged');
  assert.equal(report.values_imported, created + updated, 'values_imported: the figures created or changed');
  assert.equal(created + updated + unchanged, expected.figureCount, 'created + updated + unchanged: every figure of the file');
  assert.equal(report.values_suppressed, expected.valuesSuppressed, 'values_suppressed: of the whole file');
  assert.equal(report.joint_rows, expected.jointRows ?? 0, 'joint_rows');
  assert.equal(report.reference_rows, expected.referenceRows ?? 0, 'reference_rows');
  assert.deepEqual(report.periods, expected.periods, 'periods');
  assert.deepEqual(report.rows_rejected.map((r) => r.row), rejected.map((r) => r.row), 'rows_rejected, by row');
  for (const [k, row] of report.rows_rejected.entries()) {
    const wanted = rejected[k];
    if (wanted.code) assert.equal(row.code, wanted.code, `row ${row.row} code`);
    assert.match(row.reason, wanted.mentions ?? new RegExp(wanted.code), `row ${row.row}: the reason says why`);
    if (wanted.name) {
      assert.equal(row.name, wanted.name, `row ${row.row} name`);
      assert.ok(row.reason.includes(wanted.name), `row ${row.row}: the reason names ${wanted.name}: ${row.reason}`);
    }
  }
}
