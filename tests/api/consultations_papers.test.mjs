// Consultation papers: the offices attach library resources shared with the whole network (an upload goes to the
// library first), every reader of the consultation sees them with their latest file, and nothing else is attached.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { createConsultation, publishedConsultation, startConsultationServer } from '../support/consultations.mjs';
import { newResource } from '../support/library.mjs';

const papersRoute = '/api/v1/consultations/{id}/papers';

let server, call, amira, tom, grace, priya;
before(async () => { ({ server, call, amira, tom, grace, priya } = await startConsultationServer()); });
after(() => server?.stop());

async function resource(auth, fields = {}, file = undefined) {
  const made = (await call('POST', '/api/v1/resources', { json: newResource(fields), auth, expect: 201 })).body;
  if (file) {
    await call('POST', '/api/v1/resources/{id}/files', { params: { id: made.id }, body: Buffer.from(file),
      headers: { 'content-type': 'application/octet-stream', 'x-filename': 'proposals.txt' }, auth, expect: 201 });
  }
  return made.id;
}
const attach = (auth, id, resources) => call('PUT', papersRoute, { params: { id }, json: { resources }, auth });
const papersOf = (auth, id, expect = 200) => call('GET', papersRoute, { params: { id }, auth, expect });

describe('consultation papers', () => {
  let consultation, proposals, impact, regional;
  before(async () => {
    consultation = await publishedConsultation(call, priya, { audience: 'both' });
    proposals = await resource(priya, { title: 'The proposals in full', sector: 'both' }, 'We propose three changes.\n');
    impact = await resource(priya, { title: 'Impact assessment', sector: 'both', link_url: 'https://example.org/impact' });
    regional = await resource(amira, { title: 'Our regional notes', visibility: 'region' });
  });

  it('are attached by the office, in order, and seen by every reader with their latest file', async () => {
    const res = await attach(priya, consultation.id, [proposals, impact, proposals]);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.items.map((p) => p.title), ['The proposals in full', 'Impact assessment']);
    for (const reader of [amira, tom, grace]) {
      const seen = (await papersOf(reader, consultation.id)).body.items;
      assert.deepEqual(seen.map((p) => p.resource_id), [proposals, impact]);
      const [file] = [seen[0].file];
      assert.equal(file.filename, 'proposals.txt');
      const download = await call('GET', '/api/v1/resources/{id}/files/{version}',
        { params: { id: proposals, version: file.version }, auth: reader, expect: 200 });
      assert.equal(download.text, 'We propose three changes.\n');
      assert.deepEqual([seen[1].file, seen[1].link_url], [null, 'https://example.org/impact']);
    }
  });

  it('refuses anyone but the offices, and any resource not shared with the whole network, changing nothing', async () => {
    for (const member of [amira, grace]) expectProblem(await attach(member, consultation.id, [impact]), 403);
    expectInvalidFields(await attach(priya, consultation.id, [impact, regional]), ['resources[1]']);
    expectInvalidFields(await attach(priya, consultation.id, [987654321]), ['resources[0]']);
    expectInvalidFields(await attach(priya, consultation.id, ['proposals']), ['resources[0]']);
    expectInvalidFields(await attach(priya, consultation.id, Array.from({ length: 11 }, () => impact)), ['resources']);
    assert.deepEqual((await papersOf(amira, consultation.id)).body.items.map((p) => p.resource_id), [proposals, impact]);
  });

  it('are as hidden as the consultation, and leave out a resource deleted since', async () => {
    const draft = await createConsultation(call, priya, { audience: 'children' });
    await attach(priya, draft.id, [impact]);
    expectProblem(await papersOf(amira, draft.id, 404), 404, {});
    const adultsOnly = await publishedConsultation(call, priya, { audience: 'adults' });
    expectProblem(await papersOf(amira, adultsOnly.id, 404), 404);
    await call('DELETE', '/api/v1/resources/{id}', { params: { id: impact }, auth: priya, expect: 204 });
    assert.deepEqual((await papersOf(tom, consultation.id)).body.items.map((p) => p.resource_id), [proposals]);
    assert.deepEqual(await attach(priya, consultation.id, []).then((r) => r.body.items), []);
  });
});
