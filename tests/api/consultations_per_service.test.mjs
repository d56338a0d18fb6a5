// A consultation for both services takes one response from each of an authority's services: its children's PSWs
// write one and its adults' PSWs another, neither overwriting the other; someone who works in both chooses which;
// the offices see each, by service. Consultations of one service, and individual responses, are as before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import {
  addMember, codes, getConsultation, publishedConsultation, routes, startConsultationServer, submission,
} from '../support/consultations.mjs';

let server, call, amira, priya;
let adultsColleague, bothColleague; // Southampton, beside Amira (children's)
before(async () => {
  ({ server, call, amira, priya } = await startConsultationServer());
  adultsColleague = await addMember(server, { organisation: codes.southampton, sector: 'adults' });
  bothColleague = await addMember(server, { organisation: codes.southampton, sector: 'both' });
});
after(() => server?.stop());

const read = (auth, id, service) => call('GET', routes.response,
  { params: { id }, query: service ? { service } : undefined, auth });
async function save(auth, id, answers, { service, submit = false, expect = 200 } = {}) {
  const current = await read(auth, id, service);
  const headers = current.status === 200 ? { 'if-match': current.headers.get('etag') } : {};
  return call('PUT', routes.response, { params: { id }, query: service ? { service } : undefined,
    json: { answers, submit }, headers, auth, expect });
}

describe('a consultation for both services', () => {
  let consultation;
  before(async () => { consultation = await publishedConsultation(call, priya, { audience: 'both' }); });

  it("takes the children's and the adults' responses of one authority apart", async () => {
    const children = (await save(amira, consultation.id, submission({ agreement: 5 }), { submit: true })).body;
    const adults = (await save(adultsColleague, consultation.id, submission({ agreement: 1 }), { submit: true })).body;
    assert.deepEqual([children.service, children.answers.agreement], ['children', 5]);
    assert.deepEqual([adults.service, adults.answers.agreement], ['adults', 1]);
    assert.equal((await read(amira, consultation.id)).body.answers.agreement, 5, "the adults' response left it alone");
    assert.equal((await getConsultation(call, adultsColleague, consultation.id)).my_response.status, 'submitted');
  });

  it('lets someone who works in both choose the service, and nobody write another service\'s', async () => {
    assert.equal((await read(bothColleague, consultation.id)).body.service, 'children', "children's first");
    expectInvalidFields(await read(bothColleague, consultation.id, 'everyone'), ['service']);
    assert.equal((await read(bothColleague, consultation.id, 'adults')).body.answers.agreement, 1);
    const changed = (await save(bothColleague, consultation.id, submission({ agreement: 2 }), { service: 'adults' })).body;
    assert.deepEqual([changed.service, changed.answers.agreement, changed.has_unsubmitted_changes], ['adults', 2, true]);
    expectProblem(await read(amira, consultation.id, 'adults'), 403);
    const refused = await call('PUT', routes.response, { params: { id: consultation.id }, query: { service: 'children' },
      json: { answers: submission(), submit: false }, auth: adultsColleague });
    expectProblem(refused, 403);
    assert.match(refused.body.detail, /adults' services/);
  });

  it('gives the offices each response with its service, and counts the authority once', async () => {
    const responses = (await call('GET', routes.responses, { params: { id: consultation.id }, auth: priya, expect: 200 })).body;
    const southampton = responses.items.filter((r) => r.organisation.code === codes.southampton);
    assert.deepEqual(southampton.map((r) => r.service), ['adults', 'children']);
    const summary = (await call('GET', routes.summary, { params: { id: consultation.id }, auth: priya, expect: 200 })).body;
    assert.deepEqual([summary.responses, summary.responded_count], [2, 1]);
    assert.deepEqual(summary.by_sector.map((s) => [s.sector, s.responses]), [['children', 1], ['adults', 1], ['both', 0]]);
  });
});

describe('other consultations', () => {
  it('keep one response per authority, or per person, without a service', async () => {
    const children = await publishedConsultation(call, priya, { audience: 'children' });
    const theirs = (await save(bothColleague, children.id, submission(), { submit: true })).body;
    assert.equal(theirs.service, null);
    assert.equal((await read(amira, children.id, 'adults')).body.service, null, 'service is ignored here');
    const individual = await publishedConsultation(call, priya, { audience: 'both', response_scope: 'individual' });
    assert.equal((await save(bothColleague, individual.id, submission())).body.service, null);
  });
});
