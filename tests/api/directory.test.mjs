// The organisation directory end to end: the 153 local authorities and the two Chief Social Worker offices,
// filters, pagination, statistical and regional neighbours and regions, against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { client, demoUsers, expectInvalidFields, expectProblem, signIn } from '../support/api.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { startServer } from '../support/server.mjs';

const ORGANISATIONS = '/api/v1/organisations';
const ONE = '/api/v1/organisations/{id}';
const NEIGHBOURS = '/api/v1/organisations/{id}/neighbours';
const REGIONS = '/api/v1/regions';

// Southampton's ten DfE 2025 statistical neighbours, from dfe-statistical-neighbours-2025.csv (closeness labels
// there carry trailing spaces, which the service trims).
const southamptonNeighbours = [
  ['Coventry', 'Very close'], ['Derby', 'Very close'], ['Portsmouth', 'Very close'], ['Sheffield', 'Close'],
  ['Hillingdon', 'Close'], ['Salford', 'Close'], ['Peterborough', 'Close'], ['Leeds', 'Close'],
  ['Bolton', 'Close'], ['Waltham Forest', 'Close'],
];

// Local authorities per region in english-local-authorities.csv.
const authoritiesPerRegion = {
  E12000001: 12, E12000002: 24, E12000003: 15, E12000004: 10, E12000005: 14,
  E12000006: 11, E12000007: 33, E12000008: 19, E12000009: 15,
};

let server;
let api;
let auth;
let southampton;

/** Every page of a list, following next_cursor; each page validated against the document. */
async function allPages(query, limit) {
  const items = [];
  let cursor = null;
  let pages = 0;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', String(limit));
    if (cursor) params.set('cursor', cursor);
    const res = await api.get(`${ORGANISATIONS}?${params}`, { auth });
    assert.equal(res.status, 200, res.text);
    const page = expectDocumented(res, 'GET', ORGANISATIONS);
    assert.ok(page.items.length <= limit, `a page of ${page.items.length} items for limit ${limit}`);
    items.push(...page.items);
    cursor = page.next_cursor;
    pages += 1;
    assert.ok(pages <= 200, 'pagination does not end');
  } while (cursor);
  return items;
}

async function search(query) {
  const res = await api.get(`${ORGANISATIONS}?${new URLSearchParams(query)}`, { auth });
  assert.equal(res.status, 200, res.text);
  return expectDocumented(res, 'GET', ORGANISATIONS).items;
}

function isSortedByName(names) {
  const byCodeUnit = [...names].sort();
  const byCollation = [...names].sort((a, b) => a.localeCompare(b, 'en'));
  return [byCodeUnit, byCollation].some((sorted) => sorted.every((name, i) => name === names[i]));
}

before(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  auth = await signIn(server.baseUrl, demoUsers.amira);
  [southampton] = await search({ q: 'E06000045' });
});

after(async () => {
  await server?.stop();
});

describe('GET /organisations', () => {
  it('holds the 153 local authorities, each once, sorted by name, a page of at most 100 at a time', async () => {
    const authorities = await allPages({ kind: 'local_authority' }, 100);
    assert.equal(authorities.length, 153);
    assert.equal(new Set(authorities.map((o) => o.id)).size, 153, 'no authority appears twice across pages');
    assert.equal(new Set(authorities.map((o) => o.code)).size, 153);
    const names = authorities.map((o) => o.name);
    assert.ok(isSortedByName(names), `not sorted by name: ${names.join(' | ')}`);
    for (const authority of authorities) {
      assert.equal(authority.kind, 'local_authority');
      assert.match(authority.code, /^E(06|08|09|10)\d{6}$/, `${authority.name} has ONS code ${authority.code}`);
      assert.equal(typeof authority.dfe_la_code, 'number', `${authority.name} has a DfE LA number`);
      assert.ok(authority.region, `${authority.name} has a region`);
      assert.equal(authority.in_statistical_neighbour_model, true);
    }
    assert.ok(names.includes('Kingston upon Hull, City of'), 'names with commas survive the CSV import');
  });

  it('gives the same list whatever the page size', async () => {
    const byHundred = (await allPages({ kind: 'local_authority' }, 100)).map((o) => o.id);
    const bySeven = (await allPages({ kind: 'local_authority' }, 7)).map((o) => o.id);
    assert.deepEqual(bySeven, byHundred);
  });

  it('pages 50 at a time by default', async () => {
    const res = await api.get(`${ORGANISATIONS}?kind=local_authority`, { auth });
    const page = expectDocumented(res, 'GET', ORGANISATIONS);
    assert.equal(page.items.length, 50);
    assert.equal(typeof page.next_cursor, 'string');
  });

  it('holds the two Chief Social Worker offices', async () => {
    const offices = await search({ kind: 'csw_office' });
    assert.equal(offices.length, 2);
    assert.ok(offices.some((o) => o.code === 'OCSW-C'), `codes: ${offices.map((o) => o.code)}`);
    for (const office of offices) {
      assert.match(office.name, /Chief Social Worker/);
      assert.equal(office.dfe_la_code, null);
      assert.equal(office.la_type, null);
      assert.equal(office.region, null);
    }
  });

  it('filters by region', async () => {
    const southEast = await allPages({ region: 'E12000008' }, 100);
    assert.equal(southEast.length, 19);
    assert.ok(southEast.every((o) => o.region?.code === 'E12000008' && o.region.name === 'South East'));
    const london = await allPages({ region: 'E12000007', kind: 'local_authority' }, 100);
    assert.equal(london.length, 33);
    assert.ok(london.every((o) => ['Inner London', 'Outer London'].includes(o.london_subregion)));
  });

  it('finds by name substring, case-insensitively', async () => {
    const found = await search({ q: 'sOuThAmPtOn' });
    assert.deepEqual(found.map((o) => o.name), ['Southampton']);
    const amp = (await search({ q: 'amp' })).map((o) => o.name);
    for (const name of ['Hampshire', 'Southampton', 'North Northamptonshire', 'West Northamptonshire']) {
      assert.ok(amp.includes(name), `q=amp misses ${name}: ${amp}`);
    }
    const inRegion = (await search({ q: 'amp', region: 'E12000008' })).map((o) => o.name);
    assert.deepEqual(inRegion.sort(), ['Hampshire', 'Southampton']);
  });

  it('finds by ONS code and by DfE LA number, exactly', async () => {
    assert.deepEqual((await search({ q: 'E06000045' })).map((o) => o.name), ['Southampton']);
    assert.deepEqual((await search({ q: '852' })).map((o) => o.name), ['Southampton']);
    assert.deepEqual((await search({ q: '210' })).map((o) => o.name), ['Southwark']);
    assert.deepEqual(await search({ q: 'E0600004' }), [], 'an ONS code matches exactly, not as a prefix');
  });

  it('answers 422 naming the parameter for a bad kind, region, limit or cursor', async () => {
    for (const [query, field] of [
      ['kind=council', 'kind'], ['region=E12000010', 'region'], ['region=London', 'region'],
      ['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=ten', 'limit'], ['cursor=not-a-cursor', 'cursor'],
    ]) {
      const res = await api.get(`${ORGANISATIONS}?${query}`, { auth });
      expectInvalidFields(res, [field]);
      expectDocumented(res, 'GET', ORGANISATIONS);
    }
  });

  it('answers 401 when signed out', async () => {
    const res = await api.get(ORGANISATIONS);
    expectProblem(res, 401);
    expectDocumented(res, 'GET', ORGANISATIONS);
  });
});

describe('GET /organisations/{id}', () => {
  it('answers one local authority with its DfE and ONS details', async () => {
    const res = await api.get(`${ORGANISATIONS}/${southampton.id}`, { auth });
    assert.equal(res.status, 200, res.text);
    const organisation = expectDocumented(res, 'GET', ONE);
    assert.deepEqual(organisation, {
      id: southampton.id,
      kind: 'local_authority',
      name: 'Southampton',
      code: 'E06000045',
      dfe_la_code: 852,
      la_type: 'Unitary authority',
      region: { code: 'E12000008', name: 'South East' },
      london_subregion: null,
      in_statistical_neighbour_model: true,
      services: null,
      works_for: [],
    });
  });

  it('gives a London borough its sub-region', async () => {
    const [southwark] = await search({ q: 'E09000028' });
    const organisation = expectDocumented(await api.get(`${ORGANISATIONS}/${southwark.id}`, { auth }), 'GET', ONE);
    assert.equal(organisation.london_subregion, 'Inner London');
    assert.match(organisation.la_type, /^London borough/);
    assert.equal(organisation.dfe_la_code, 210);
  });

  it('answers 404 for an unknown id and a 4xx problem for an id that is not a number', async () => {
    const res = await api.get(`${ORGANISATIONS}/999999`, { auth });
    expectProblem(res, 404);
    expectDocumented(res, 'GET', ONE);
    const notANumber = await api.get(`${ORGANISATIONS}/southampton`, { auth });
    assert.ok([400, 404, 422].includes(notANumber.status), `answered ${notANumber.status}`);
    expectProblem(notANumber, notANumber.status);
  });

  it('answers 401 when signed out', async () => {
    expectProblem(await api.get(`${ORGANISATIONS}/${southampton.id}`), 401);
  });
});

describe('GET /organisations/{id}/neighbours', () => {
  const neighbours = (id, query = '') => `${ORGANISATIONS}/${id}/neighbours${query}`;

  it("answers Southampton's 10 statistical neighbours by rank with their closeness", async () => {
    for (const query of ['', '?group=statistical']) {
      const res = await api.get(neighbours(southampton.id, query), { auth });
      assert.equal(res.status, 200, res.text);
      const list = expectDocumented(res, 'GET', NEIGHBOURS);
      assert.equal(list.group, 'statistical');
      assert.equal(list.organisation_id, southampton.id);
      assert.deepEqual(list.items.map((n) => n.rank), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.deepEqual(list.items.map((n) => [n.organisation.name, n.closeness]), southamptonNeighbours);
    }
  });

  it('answers the other local authorities of the region by name, without rank or closeness', async () => {
    const res = await api.get(neighbours(southampton.id, '?group=region'), { auth });
    assert.equal(res.status, 200, res.text);
    const list = expectDocumented(res, 'GET', NEIGHBOURS);
    assert.equal(list.group, 'region');
    assert.equal(list.items.length, 18, 'the 19 South East authorities less Southampton');
    assert.ok(list.items.every((n) => n.rank === null && n.closeness === null));
    assert.ok(list.items.every((n) => n.organisation.region.code === 'E12000008'));
    assert.ok(!list.items.some((n) => n.organisation.id === southampton.id));
    assert.ok(isSortedByName(list.items.map((n) => n.organisation.name)));
  });

  it('answers 422 naming group for an unknown group, 404 for an unknown organisation, 401 signed out', async () => {
    const bad = await api.get(neighbours(southampton.id, '?group=nearby'), { auth });
    expectInvalidFields(bad, ['group']);
    expectDocumented(bad, 'GET', NEIGHBOURS);
    const unknown = await api.get(neighbours(999999), { auth });
    expectProblem(unknown, 404);
    expectDocumented(unknown, 'GET', NEIGHBOURS);
    expectProblem(await api.get(neighbours(southampton.id)), 401);
  });
});

describe('GET /regions', () => {
  it('answers the nine regions of England with their number of local authorities', async () => {
    const res = await api.get(REGIONS, { auth });
    assert.equal(res.status, 200, res.text);
    const { items } = expectDocumented(res, 'GET', REGIONS);
    assert.deepEqual(items.map((r) => r.code).sort(), Object.keys(authoritiesPerRegion));
    for (const region of items) {
      assert.equal(region.organisation_count, authoritiesPerRegion[region.code], `${region.name}`);
    }
    assert.equal(items.find((r) => r.code === 'E12000007').name, 'London');
  });

  it('answers 401 when signed out', async () => {
    const res = await api.get(REGIONS);
    expectProblem(res, 401);
    expectDocumented(res, 'GET', REGIONS);
  });
});
