// The demo network that `pswnet seed-demo` seeds on a first run, against the real pswnet: discussions with answers,
// accepted answers and reactions, questions addressed to neighbours and to a region, an announcement from a Chief
// Social Worker's office, library resources with real files (PDF, DOCX, ODT) under each licence, versions and
// endorsements, an open consultation with responses and a closed one with its outcome, groups with a meeting and
// minutes. Created through the API as its people, it is found by search and passes the personal-data guard (no step
// confirms personal data). Seeding again changes nothing; `--accounts-only` (what tests and benchmarks use) seeds no
// content.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { signIn, demoUsers } from '../support/api.mjs';
import { databaseSnapshot } from '../support/database.mjs';
import { runPswnetOk, startServer } from '../support/server.mjs';

const content = JSON.parse(readFileSync(new URL('../../backend/app/demo_content.json', import.meta.url), 'utf8'));

let server, amira;
const get = async (path, auth = amira) => {
  const res = await fetch(new URL(path, server.baseUrl), { headers: auth.headersFor('GET') });
  assert.equal(res.status, 200, `GET ${path}: ${res.status}`);
  return res.json();
};
const seed = (...args) => runPswnetOk(['seed-demo', ...args], { env: { PSWNET_DATABASE_URL: server.databaseUrl } });

before(async () => {
  server = await startServer({ seedDemo: false });
  await seed('--accounts-only');
  amira = await signIn(server.baseUrl, demoUsers.amira);
});
after(() => server?.stop());

describe('the demo network', () => {
  it('is not seeded with --accounts-only, and is seeded by seed-demo through the API', async () => {
    assert.equal((await get('/api/v1/threads?limit=100')).items.length, 0, 'accounts only: no discussions');
    await seed();
    const threads = (await get('/api/v1/threads?limit=100')).items;
    assert.ok(threads.length >= 15, `about 20 discussions, found ${threads.length}`);
    assert.ok(new Set(threads.map((t) => t.sector)).size >= 2, 'children\'s and adults\' work');
    assert.ok(threads.some((t) => t.kind === 'announcement'), 'an announcement');
    assert.ok(threads.some((t) => t.accepted_post_id !== null), 'an accepted answer');
    assert.ok(threads.some((t) => t.audience === 'statistical_neighbours'), 'a question to statistical neighbours');
    assert.ok(threads.some((t) => t.audience === 'region'), 'a question to a region');
    assert.ok(threads.filter((t) => t.reply_count > 0).length >= 10, 'conversations, not just questions');
    const authors = new Set(threads.map((t) => t.author.organisation.id));
    assert.ok(authors.size >= 8, `PSWs of many authorities, found ${authors.size}`);

    const resources = (await get('/api/v1/resources?limit=100')).items;
    assert.ok(resources.length >= 6, `about 8 resources, found ${resources.length}`);
    const full = await Promise.all(resources.map((r) => get(`/api/v1/resources/${r.id}`)));
    const types = new Set(full.flatMap((r) => r.files ?? []).map((f) => f.content_type));
    for (const type of ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.oasis.opendocument.text']) assert.ok(types.has(type), `a ${type} file`);
    assert.ok(full.some((r) => (r.files ?? []).length >= 2), 'a resource with a second version');
    assert.ok(full.some((r) => r.endorsement_count >= 2), 'a resource used by several authorities');
    assert.deepEqual(new Set(full.map((r) => r.licence)), new Set(['OGL-UK-3.0', 'CC-BY-4.0', 'ask-the-owner']), 'each licence');
    assert.ok(resources.some((r) => r.visibility === 'region'), 'a resource for the region');
    assert.ok(!resources.some((r) => r.visibility === 'organisation'), 'nobody else\'s organisation-only resource');
    const hannah = await signIn(server.baseUrl, content.people.find((p) => p.key === 'hannah').email);
    assert.ok((await get('/api/v1/resources?limit=100', hannah)).items.some((r) => r.visibility === 'organisation'),
      'Portsmouth sees its own');

    const consultations = (await get('/api/v1/consultations?limit=50', await signIn(server.baseUrl, demoUsers.priya))).items;
    assert.ok(consultations.some((c) => c.status === 'open'), 'an open consultation');
    assert.ok(consultations.some((c) => c.status === 'outcome_published' && c.outcome), 'a closed one with its "you said, we did"');

    const groups = (await get('/api/v1/groups?kind=interest')).items;
    assert.ok(groups.length >= 1, 'a special-interest group');
  });

  it('is found by search, as anything written through the service is', async () => {
    const threads = (await get('/api/v1/threads?limit=100')).items;
    const word = threads[0].title.split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w));
    const hits = (await get(`/api/v1/search?q=${encodeURIComponent(word)}`)).items;
    assert.ok(hits.length > 0, `search finds "${word}"`);
  });

  it('never confirms personal data: every word passed the guard as written', () => {
    const text = JSON.stringify(content);
    assert.doesNotMatch(text, /confirm_personal_data/);
    for (const person of content.people) assert.match(person.email, /\.demo\.pswnet\.uk$/, 'invented addresses only');
  });

  it('changes nothing when seeded again', async () => {
    const before = await databaseSnapshot(server.db);
    await seed();
    assert.deepEqual(await databaseSnapshot(server.db), before);
  });
});
