// Other employers of PSWs: network administrators add NHS trusts, children's trusts and community interest
// companies to the directory (through the API and `pswnet organisation add`), with the services they run and the
// authorities they run them for; their people answer consultations about those services, are told of them, and
// count in the response rates. Nobody else adds organisations, and bad input adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import {
  addMember, codes, consultationJson, notificationsAbout, publishedConsultation, putResponse, routes, saveResponse,
  startConsultationServer, submission,
} from '../support/consultations.mjs';
import { runPswnet, runPswnetOk } from '../support/server.mjs';

let server, call, amira, grace, priya, sam;
let ids; // ONS code -> organisation id
before(async () => {
  ({ server, call, amira, grace, priya, sam } = await startConsultationServer());
  ids = new Map();
  for (const code of [codes.kingston, codes.southampton, codes.wiltshire]) {
    const page = (await call('GET', routes.organisations, { query: { q: code }, auth: sam, expect: 200 })).body;
    ids.set(code, page.items[0].id);
  }
});
after(() => server?.stop());

const add = (auth, json) => call('POST', routes.organisations, { auth, json });
const find = async (code) => (await call('GET', routes.organisations, { query: { q: code }, auth: amira, expect: 200 }))
  .body.items.find((o) => o.code === code);

describe('adding another employer', () => {
  it("adds a children's trust that runs an authority's children's services", async () => {
    const res = await add(sam, { kind: 'childrens_trust', name: 'Riverside Children’s Trust', code: 'RCT',
      region_code: 'E12000007', services: 'children', works_for: [ids.get(codes.kingston), ids.get(codes.kingston)] });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual([res.body.kind, res.body.name, res.body.code, res.body.services, res.body.region.code],
      ['childrens_trust', 'Riverside Children’s Trust', 'RCT', 'children', 'E12000007']);
    assert.deepEqual(res.body.works_for.map((o) => o.code), [codes.kingston]);
    assert.deepEqual(await find('RCT'), res.body, 'the directory lists it');
    const trusts = (await call('GET', routes.organisations, { query: { kind: 'childrens_trust' }, auth: amira, expect: 200 })).body;
    assert.deepEqual(trusts.items.map((o) => o.code), ['RCT']);
  });

  it('refuses anyone but a network administrator, and bad input, adding nothing', async () => {
    const good = { kind: 'nhs_trust', name: 'Moorland Health NHS Trust', code: 'MHNT', services: 'adults' };
    for (const auth of [amira, grace, priya]) expectProblem(await add(auth, good), 403);
    for (const [json, fields] of [
      [{ ...good, kind: 'local_authority' }, ['kind']],
      [{ ...good, kind: 'csw_office' }, ['kind']],
      [{ ...good, name: ' ' }, ['name']],
      [{ ...good, code: 'mh nt' }, ['code']],
      [{ ...good, code: 'X' }, ['code']],
      [{ ...good, services: 'everyone' }, ['services']],
      [{ ...good, region_code: 'E12999999' }, ['region_code']],
      [{ ...good, works_for: [ids.get(codes.kingston), 'Kingston'] }, ['works_for[1]']],
      [{ ...good, works_for: [987654321] }, ['works_for[0]']],
      [{ ...good, works_for: [(await find('RCT')).id] }, ['works_for[0]']],
      [{ kind: 'nhs_trust' }, ['name', 'code', 'services']],
      [{ kind: 'local_authority', name: '', code: 'bad code', region_code: 'E99', services: 'x',
        works_for: [987654321] }, ['kind', 'name', 'code', 'region_code', 'services', 'works_for[0]']],
    ]) {
      expectInvalidFields(await add(sam, json), fields);
    }
    const taken = await add(sam, { ...good, code: 'RCT' });
    expectProblem(taken, 409);
    assert.equal(taken.body.errors[0].field, 'code');
    assert.equal(await find('MHNT'), undefined, 'nothing was added');
  });

  it('adds one from the command line, and refuses a bad one there too', async () => {
    const env = { PSWNET_DATABASE_URL: server.databaseUrl };
    const out = await runPswnetOk(['organisation', 'add', '--kind', 'nhs_trust', '--name', 'Moorland Health NHS Trust',
      '--code', 'MHNT', '--services', 'adults', '--works-for', codes.wiltshire], { env });
    assert.match(out.stdout, /added organisation \d+\tMHNT\tMoorland Health NHS Trust/);
    const trust = await find('MHNT');
    assert.deepEqual([trust.kind, trust.services, trust.works_for.map((o) => o.code)], ['nhs_trust', 'adults', [codes.wiltshire]]);
    const refused = await runPswnet(['organisation', 'add', '--kind', 'nhs_trust', '--name', 'Again', '--code', 'MHNT',
      '--services', 'adults'], { env });
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /already has the code MHNT/);
    const usage = await runPswnet(['organisation', 'add', '--kind', 'nhs_trust'], { env });
    assert.equal(usage.code, 2);
  });
});

describe("a trust's people and consultations", () => {
  let trustMember, nhsMember, nhsBoth;
  before(async () => {
    trustMember = await addMember(server, { organisation: 'RCT', sector: 'both' });
    nhsMember = await addMember(server, { organisation: 'MHNT', sector: 'adults' });
    nhsBoth = await addMember(server, { organisation: 'MHNT', sector: 'both' }); // reads children's consultations too
  });

  it("answer consultations about the services they run, and are told of them", async () => {
    const children = await publishedConsultation(call, priya, { audience: 'children' });
    const saved = await saveResponse(call, trustMember, children.id, submission(), { submit: true });
    assert.equal(saved.organisation.code, 'RCT');
    assert.equal((await notificationsAbout(call, trustMember, children.id, 'consultation_published')).length, 1);
    const refused = await putResponse(call, nhsBoth, children.id, submission(), { submit: true });
    expectProblem(refused, 403);
    assert.match(refused.body.detail, /trusts and companies that run their services/);
    assert.equal((await notificationsAbout(call, nhsBoth, children.id)).length, 0,
      'an adults\' NHS trust is not told of a children\'s consultation');

    const adults = await publishedConsultation(call, priya, { audience: 'adults' });
    await saveResponse(call, nhsMember, adults.id, submission(), { submit: true });
    expectProblem(await putResponse(call, trustMember, adults.id, submission(), { submit: true }), 403);
    assert.equal((await notificationsAbout(call, nhsMember, adults.id, 'consultation_published')).length, 1);
  });

  it('count in the response rates of the consultations they answer', async () => {
    const consultation = await publishedConsultation(call, priya, consultationJson({ audience: 'children' }));
    const before = (await call('GET', routes.summary, { params: { id: consultation.id }, auth: priya, expect: 200 })).body;
    assert.equal(before.audience_count, 153 + 1, "the 153 authorities and the children's trust");
    assert.ok(before.not_responded.some((o) => o.code === 'RCT'));
    assert.ok(!before.not_responded.some((o) => o.code === 'MHNT'), "the adults' trust is not asked");
    await saveResponse(call, trustMember, consultation.id, submission(), { submit: true });
    await saveResponse(call, amira, consultation.id, submission(), { submit: true });
    const after = (await call('GET', routes.summary, { params: { id: consultation.id }, auth: priya, expect: 200 })).body;
    assert.equal(after.responded_count, 2);
    assert.ok(!after.not_responded.some((o) => o.code === 'RCT'));
  });
});
