// Consultations end to end, responding: drafts that survive a closed browser, one response per authority shared by
// its members, concurrent edits refused with 412 (ETag / If-Match), validation on submission (422 naming each
// answer, nothing saved), amendments keeping every version, individual responses, office users refused, and the
// personal-data guard on free-text answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoUsers, expectInvalidFields, expectProblem, signIn } from '../support/api.mjs';
import {
  addMember, allNotifications, codes, getConsultation, getResponse, notificationEvent, publishedConsultation, putResponse,
  routes, saveResponse, startConsultationServer, submission, subscribeToConsultation, uniqueWord,
} from '../support/consultations.mjs';
import { tablesContaining } from '../support/database.mjs';
import { eventTimeoutMs, socketsClosedAfterEachTest } from '../support/realtime.mjs';
import { eventOn } from '../support/websocket.mjs';

let server, call, amira, tom, grace, priya, sam; // who is who: startConsultationServer
let colleague; // a second children's member at Southampton, amira's authority
before(async () => {
  ({ server, call, amira, tom, grace, priya, sam } = await startConsultationServer());
  colleague = await addMember(server, { organisation: codes.southampton, sector: 'children' });
});
after(() => server?.stop());

/** Asserts a 412 whose detail says the response changed or exists, and returns the problem. */
function expectPreconditionFailed(res) {
  const problem = expectProblem(res, 412);
  assert.match(problem.detail ?? '', /someone else|already exists|If-Match/i, `412 detail: ${res.text}`);
  return problem;
}

describe('drafts', () => {
  it('save, read back with an ETag, and survive a new session', async () => {
    const consultation = await publishedConsultation(call, priya);
    const none = await getResponse(call, amira, consultation.id);
    expectProblem(none.res, 404);
    assert.match(none.body.detail, /No response yet/);
    assert.equal((await getConsultation(call, amira, consultation.id)).my_response, null);

    const answers = { views: 'A first thought.', model: 'Other' };
    const res = await putResponse(call, amira, consultation.id, answers);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('etag'), `"${res.body.version}"`);
    const saved = res.body;
    assert.equal(saved.consultation_id, consultation.id);
    assert.equal(saved.scope, 'organisation');
    assert.equal(saved.organisation.id, amira.user.organisation.id);
    assert.deepEqual(saved.answers, answers);
    assert.equal(saved.status, 'draft');
    assert.equal(saved.updated_by.id, amira.user.id);
    assert.equal(saved.submitted_at, null);
    assert.equal(saved.submitted_by, null);
    assert.equal(saved.has_unsubmitted_changes, false);
    assert.deepEqual(saved.versions.map((v) => [v.version, v.status, v.saved_by.id]), [[saved.version, 'draft', amira.user.id]]);

    const again = await signIn(server.baseUrl, demoUsers.amira);
    const read = await getResponse(call, again, consultation.id);
    assert.equal(read.status, 200);
    assert.equal(read.etag, `"${saved.version}"`);
    assert.deepEqual(read.body, saved, 'a new session reads the same response');
    const mine = (await getConsultation(call, again, consultation.id)).my_response;
    assert.equal(mine.status, 'draft');
    assert.equal(mine.submitted_at, null);
  });

  it('check only the shape of a draft: unknown keys, wrong types and over-long text are refused (422)', async () => {
    const consultation = await publishedConsultation(call, priya);
    const cases = [
      [{ nonsense: 'x' }, ['answers.nonsense']],
      [{ views: 12 }, ['answers.views']],
      [{ agreement: 'four' }, ['answers.agreement']],
      [{ priorities: 'Retention' }, ['answers.priorities']],
      [{ caseload: '18' }, ['answers.caseload']],
      [{ views: 'x'.repeat(50_001) }, ['answers.views']],
      [{ views: 12, model: ['Other'] }, ['answers.views', 'answers.model']],
    ];
    for (const [answers, fields] of cases) expectInvalidFields(await putResponse(call, grace, consultation.id, answers), fields);
    assert.equal((await getResponse(call, grace, consultation.id)).status, 404, 'nothing saved');
    // A draft may be incomplete and even hold values a submission would refuse.
    const draft = await saveResponse(call, grace, consultation.id, { agreement: 9, model: 'Not an option' });
    assert.equal(draft.status, 'draft');
  });
});

describe('one response per authority', () => {
  it('is seen and edited by every member of the authority, recording who saved it', async () => {
    const consultation = await publishedConsultation(call, priya);
    const first = await saveResponse(call, amira, consultation.id, { views: 'Started by Amira.' });
    const seen = await getResponse(call, colleague, consultation.id);
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body.answers, { views: 'Started by Amira.' });
    assert.equal(seen.etag, `"${first.version}"`);

    const edited = await putResponse(call, colleague, consultation.id, { views: 'Finished by a colleague.' },
      { ifMatch: seen.etag, expect: 200 });
    assert.equal(edited.body.version, first.version + 1);
    assert.equal(edited.body.updated_by.id, colleague.user.id);
    const back = await getResponse(call, amira, consultation.id);
    assert.deepEqual(back.body.answers, { views: 'Finished by a colleague.' });
    assert.deepEqual(back.body.versions.map((v) => v.saved_by.id), [colleague.user.id, amira.user.id], 'newest first');

    const submitted = await saveResponse(call, colleague, consultation.id, submission(), { submit: true });
    assert.equal(submitted.submitted_by.id, colleague.user.id, 'the response records who submitted it');
    assert.equal((await getConsultation(call, amira, consultation.id)).my_response.status, 'submitted');
  });

  it('never lets one member silently overwrite another (412, first save kept)', async () => {
    const consultation = await publishedConsultation(call, priya);
    await saveResponse(call, amira, consultation.id, { views: 'Version one.' });
    const [mine, theirs] = [await getResponse(call, amira, consultation.id), await getResponse(call, colleague, consultation.id)];
    assert.equal(mine.etag, theirs.etag, 'both read the same version');

    const first = await putResponse(call, amira, consultation.id, { views: 'Amira was first.' }, { ifMatch: mine.etag, expect: 200 });
    expectPreconditionFailed(await putResponse(call, colleague, consultation.id, { views: 'The colleague was second.' },
      { ifMatch: theirs.etag }));
    expectPreconditionFailed(await putResponse(call, colleague, consultation.id, submission({ views: 'The colleague submits.' }),
      { ifMatch: theirs.etag, submit: true }));
    expectPreconditionFailed(await putResponse(call, colleague, consultation.id, { views: 'Without If-Match.' }));
    const stored = await getResponse(call, colleague, consultation.id);
    assert.deepEqual(stored.body.answers, { views: 'Amira was first.' });
    assert.equal(stored.body.version, first.body.version);
    assert.equal(stored.body.status, 'draft', 'the refused submission did not submit');
    assert.equal(stored.body.versions.length, 2, 'no version saved by the refused requests');

    const retried = await putResponse(call, colleague, consultation.id, { views: 'The colleague, after reloading.' },
      { ifMatch: stored.etag, expect: 200 });
    assert.equal(retried.body.version, first.body.version + 1);
  });

  it('lets exactly one of two simultaneous saves of the same version win', async () => {
    const consultation = await publishedConsultation(call, priya);
    const creations = await Promise.all([amira, colleague].map((who) =>
      putResponse(call, who, consultation.id, { views: `Created by ${who.user.id}.` })));
    assert.deepEqual(creations.map((r) => r.status).sort(), [200, 412], 'one creates, the other is told');
    for (let round = 0; round < 5; round += 1) {
      const { etag } = await getResponse(call, amira, consultation.id);
      const saves = await Promise.all([amira, colleague].map((who) =>
        putResponse(call, who, consultation.id, { views: `Round ${round} by ${who.user.id}.` }, { ifMatch: etag })));
      assert.deepEqual(saves.map((r) => r.status).sort(), [200, 412], `round ${round}`);
      const winner = saves.find((r) => r.status === 200).body;
      const stored = await getResponse(call, colleague, consultation.id);
      assert.deepEqual(stored.body.answers, winner.answers, 'the winner\'s answers are stored');
      assert.equal(stored.body.version, Number(etag.replaceAll('"', '')) + 1, 'one new version');
    }
  });

  it('is created only once when nobody has one: If-None-Match * or no precondition', async () => {
    const consultation = await publishedConsultation(call, priya);
    const created = await call('PUT', routes.response, { params: { id: consultation.id }, json: { answers: {}, submit: false },
      headers: { 'if-none-match': '*' }, auth: grace, expect: 200 });
    assert.equal(created.headers.get('etag'), `"${created.body.version}"`);
    expectPreconditionFailed(await call('PUT', routes.response, { params: { id: consultation.id },
      json: { answers: { views: 'Again.' }, submit: false }, headers: { 'if-none-match': '*' }, auth: grace }));
    expectPreconditionFailed(await putResponse(call, amira, (await publishedConsultation(call, priya)).id, {}, { ifMatch: '"1"' }));
  });
});

describe('submission', () => {
  let consultation;
  before(async () => { consultation = await publishedConsultation(call, priya); });

  it('refuses invalid answers with 422 naming each answers.<key>, and saves nothing', async () => {
    const draft = await saveResponse(call, grace, consultation.id, { views: 'Draft.' });
    const words = (n) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const cases = [
      [submission({ views: undefined }), ['answers.views']],
      [submission({ views: '   ' }), ['answers.views']],
      [submission({ model: 'Not an option' }), ['answers.model']],
      [submission({ priorities: ['Retention', 'Holidays'] }), ['answers.priorities']],
      [submission({ agreement: 0 }), ['answers.agreement']],
      [submission({ agreement: 6 }), ['answers.agreement']],
      [submission({ agreement: 2.5 }), ['answers.agreement']],
      [submission({ agreement: undefined }), ['answers.agreement']],
      [submission({ ready: 'maybe' }), ['answers.ready']],
      [submission({ caseload: -1 }), ['answers.caseload']],
      [submission({ caseload: 60.5 }), ['answers.caseload']],
      [submission({ views: words(21) }), ['answers.views']],
      [submission({ views: undefined, model: 'Nope', agreement: 6, caseload: 100, ready: undefined }),
        ['answers.views', 'answers.model', 'answers.agreement', 'answers.caseload', 'answers.ready']],
    ];
    for (const [answers, fields] of cases) {
      const res = await putResponse(call, grace, consultation.id, answers, { submit: true, ifMatch: `"${draft.version}"` });
      expectInvalidFields(res, fields);
    }
    const after = await getResponse(call, grace, consultation.id);
    assert.equal(after.body.version, draft.version, 'nothing saved on 422');
    assert.equal(after.body.status, 'draft');
    assert.deepEqual(after.body.answers, { views: 'Draft.' });

    // Optional questions may be left out; the boundaries are allowed.
    const boundaries = submission({ priorities: undefined, caseload: 60, agreement: 1, views: words(20) });
    const ok = await putResponse(call, grace, consultation.id, boundaries, { submit: true, ifMatch: after.etag, expect: 200 });
    assert.equal(ok.body.status, 'submitted');
  });

  it('can be amended until the deadline, keeping every version', async () => {
    const c = await publishedConsultation(call, priya, { audience: 'adults' });
    await saveResponse(call, tom, c.id, { views: 'Thinking.' });
    const first = await saveResponse(call, tom, c.id, submission(), { submit: true });
    assert.equal(first.status, 'submitted');
    assert.equal(first.submitted_by.id, tom.user.id);
    assert.ok(first.submitted_at);
    assert.equal(first.has_unsubmitted_changes, false);

    const later = await saveResponse(call, tom, c.id, submission({ agreement: 2 }));
    assert.equal(later.status, 'submitted', 'a later draft does not withdraw the submission');
    assert.equal(later.has_unsubmitted_changes, true);
    assert.equal(later.submitted_at, first.submitted_at);

    const amended = await saveResponse(call, tom, c.id, submission({ agreement: 1 }), { submit: true });
    assert.equal(amended.status, 'submitted');
    assert.equal(amended.has_unsubmitted_changes, false);
    assert.deepEqual(amended.versions.map((v) => [v.version, v.status]),
      [[amended.version, 'submitted'], [later.version, 'draft'], [first.version, 'submitted'], [first.version - 1, 'draft']]);
    assert.ok(amended.versions.every((v) => v.saved_by.id === tom.user.id && v.saved_at));
  });
});

describe('individual responses', () => {
  it('are one per person: two people of one authority each have their own', async () => {
    const c = await publishedConsultation(call, priya, { response_scope: 'individual' });
    const amirasOwn = await saveResponse(call, amira, c.id, submission({ views: 'Amira\'s own view.' }), { submit: true });
    assert.equal(amirasOwn.scope, 'individual');
    assert.equal((await getResponse(call, colleague, c.id)).status, 404, 'the colleague has none yet');
    assert.equal((await getConsultation(call, colleague, c.id)).my_response, null);

    const theirs = await saveResponse(call, colleague, c.id, { views: 'The colleague\'s own view.' });
    assert.equal(theirs.version, 1, 'a new response, not amira\'s');
    assert.deepEqual((await getResponse(call, amira, c.id)).body.answers, amirasOwn.answers);
    assert.deepEqual((await getResponse(call, colleague, c.id)).body.answers, { views: 'The colleague\'s own view.' });
  });
});

describe('who may respond', () => {
  it('refuses office users (403) and members outside the audience (404)', async () => {
    const c = await publishedConsultation(call, priya);
    for (const office of [priya, sam]) {
      expectProblem(await putResponse(call, office, c.id, submission(), { submit: true }), 403);
      expectProblem((await getResponse(call, office, c.id)).res, 403);
    }
    expectProblem(await putResponse(call, tom, c.id, submission(), { submit: true }), 404);
    expectProblem(await putResponse(call, amira, 999_999, submission()), 404);
  });
});

describe('personal data in answers', () => {
  it('refuses an NHS number in a text answer (422 /problems/personal-data), draft or submission, and stores nothing', async () => {
    const c = await publishedConsultation(call, priya);
    for (const submit of [false, true]) {
      const marker = uniqueWord();
      const res = await putResponse(call, amira, c.id, submission({ views: `${marker} the child NHS number 943 476 5919` }), { submit });
      const problem = expectProblem(res, 422, { type: '/problems/personal-data' });
      assert.ok(problem.errors.some((e) => e.field === 'answers.views' && e.kind === 'nhs_number'), res.text);
      assert.ok(!res.text.includes('943 476 5919'), 'the problem does not repeat the number');
      assert.deepEqual(await tablesContaining(server.db, marker), [], 'nothing stored anywhere');
    }
    assert.equal((await getResponse(call, amira, c.id)).status, 404);
  });

  it('warns of a phone number on submission (422 /problems/personal-data-warning) until confirmed', async () => {
    const c = await publishedConsultation(call, priya);
    const answers = submission({ views: 'Ring the duty team on 023 8083 3000.' });
    const draft = await saveResponse(call, amira, c.id, answers); // drafts are only refused, never warned
    const res = await putResponse(call, amira, c.id, answers, { submit: true, ifMatch: `"${draft.version}"` });
    const problem = expectProblem(res, 422, { type: '/problems/personal-data-warning' });
    assert.ok(problem.errors.some((e) => e.field === 'answers.views' && e.kind === 'phone_number'), res.text);
    assert.equal((await getResponse(call, amira, c.id)).body.version, draft.version, 'nothing saved');
    const confirmed = await putResponse(call, amira, c.id, answers,
      { submit: true, ifMatch: `"${draft.version}"`, extra: { confirm_personal_data: true }, expect: 200 });
    assert.equal(confirmed.body.status, 'submitted');
  });
});

describe('confidentiality', () => {
  const connect = socketsClosedAfterEachTest(() => server);

  it('shows a response only to its own authority and the office, by every route', async () => {
    const c = await publishedConsultation(call, priya, { audience: 'both' });
    const [southamptonWord, southwarkWord] = [uniqueWord(), uniqueWord()];
    const amirasSocket = await connect(amira);
    await saveResponse(call, amira, c.id, submission({ views: `Southampton thinks ${southamptonWord}.` }), { submit: true });
    await saveResponse(call, grace, c.id, submission({ views: `Southwark thinks ${southwarkWord}.` }), { submit: true });
    const secretOf = new Map([[amira, southamptonWord], [colleague, southamptonWord], [grace, southwarkWord]]);

    // The office sees both: the words are there to be found where they belong.
    const csv = await call('GET', routes.responses, { params: { id: c.id }, headers: { accept: 'text/csv' }, auth: priya, expect: 200 });
    assert.ok(csv.text.includes(southamptonWord) && csv.text.includes(southwarkWord));
    const responseIds = (await call('GET', routes.responses, { params: { id: c.id }, auth: sam, expect: 200 })).body.items
      .map((item) => item.response_id);
    const theme = (await call('POST', routes.themes, { params: { id: c.id }, json: { name: 'Workload' }, auth: priya, expect: 201 })).body;
    const officeSocket = await connect(priya);
    assert.equal((await subscribeToConsultation(officeSocket, c.id)).type, 'subscribed');

    for (const member of [amira, colleague, grace, tom]) {
      const own = secretOf.get(member);
      const others = [southamptonWord, southwarkWord].filter((word) => word !== own);
      const seen = [];
      const mine = await getResponse(call, member, c.id);
      seen.push(mine.res.text);
      if (own) assert.ok(mine.res.text.includes(own), 'a member reads their authority\'s own response');
      else assert.equal(mine.status, 404, 'an authority that has not responded has no response');
      const named = await call('GET', routes.response,
        { params: { id: c.id }, query: { organisation_id: grace.user.organisation.id }, auth: member });
      seen.push(named.text);
      assert.equal(named.status, mine.status, 'naming another organisation changes nothing');
      seen.push((await call('GET', routes.consultation, { params: { id: c.id }, auth: member, expect: 200 })).text);
      seen.push((await call('GET', routes.consultations, { auth: member, expect: 200 })).text);
      for (const [method, route, extra] of [
        ['GET', routes.summary, {}], ['GET', routes.responses, {}], ['GET', routes.responses, { headers: { accept: 'text/csv' } }],
        ['POST', routes.themes, { json: { name: 'Mine' } }],
        ['PUT', routes.tag, { params: { theme_id: theme.id, response_id: responseIds[0], question_key: 'views' } }],
        ['DELETE', routes.tag, { params: { theme_id: theme.id, response_id: responseIds[0], question_key: 'views' } }],
      ]) {
        const res = await call(method, route, { ...extra, params: { id: c.id, ...extra.params }, auth: member });
        expectProblem(res, 403);
        seen.push(res.text);
      }
      seen.push(JSON.stringify(await allNotifications(call, member)));
      for (const word of [southamptonWord, southwarkWord]) {
        const hits = (await call('GET', routes.search, { query: { q: word }, auth: member, expect: 200 })).body.items;
        assert.deepEqual(hits, [], 'search finds no answer');
      }
      const ws = await connect(member);
      assert.equal((await subscribeToConsultation(ws, c.id)).type, 'error', 'members may not watch a consultation');
      for (const word of others) {
        assert.ok(!seen.some((text) => text.includes(word)), `${member.user.display_name} saw another authority's answer`);
      }
    }

    // Events: amira's own channel and the office's consultation channel carry no answers.
    await saveResponse(call, colleague, c.id, submission({ views: `Amended ${southamptonWord}.` }), { submit: true });
    const live = await officeSocket.takeMessage(eventOn(`consultation:${c.id}`, 'response.submitted'), eventTimeoutMs);
    assert.deepEqual(Object.keys(live.data).sort(), ['consultation_id', 'responded_count']);
    const next = await publishedConsultation(call, priya, { audience: 'children' });
    await notificationEvent(amirasSocket, amira.user.id, next.id, 'consultation_published'); // everything before it came
    const received = JSON.stringify(amirasSocket.queuedMessages());
    assert.ok(!received.includes(southwarkWord) && !received.includes(southamptonWord), 'no answers in events');
    const stored = await tablesContaining(server.db, southwarkWord);
    assert.deepEqual(stored.sort(), ['consultation_response_versions', 'consultation_responses'],
      'answers are stored with the response only: not in events, notifications, the audit log or search');
  });
});
