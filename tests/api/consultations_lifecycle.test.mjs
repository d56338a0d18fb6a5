// Consultations end to end, lifecycle: authoring by the Chief Social Workers' offices (403 for members, 422 naming
// each field), drafts only the office sees, publishing (questions frozen, the audience notified), the audience by
// sector, status from server time (upcoming, open, closed, closed early), the automatic "closes in 3 days"
// notification, and the "you said, we did" outcome announced in discussions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { countRows } from '../support/database.mjs';
import {
  addMember, codes, consultationJson, createConsultation, days, expectConsultationNotification, getConsultation,
  getResponse, minutes, notificationEvent, notificationsAbout, publishedConsultation, putResponse, routes, saveResponse,
  startConsultationServer, submission, timeIn,
} from '../support/consultations.mjs';
import { socketsClosedAfterEachTest } from '../support/realtime.mjs';
import { pollUntil, startServer } from '../support/server.mjs';

let server, call, amira, tom, grace, priya, sam; // who is who: startConsultationServer
// Closing notices are looked for every second, so that a test waits for one in seconds rather than a minute.
before(async () => ({ server, call, amira, tom, grace, priya, sam } =
  await startConsultationServer({ args: ['--consultation-check-seconds', '1'] })));
after(() => server?.stop());
const connect = socketsClosedAfterEachTest(() => server);

const params = (consultation) => ({ id: consultation.id });

describe('authoring', () => {
  it('lets csw_office and network_admin users create drafts, and nobody else (403, 401)', async () => {
    for (const office of [priya, sam]) {
      const json = consultationJson();
      const draft = (await call('POST', routes.consultations, { json, auth: office, expect: 201 })).body;
      assert.equal(draft.status, 'draft');
      assert.equal(draft.title, json.title);
      assert.equal(draft.audience, 'children');
      assert.equal(draft.response_scope, 'organisation');
      assert.equal(draft.version, 1);
      assert.equal(draft.published_at, null);
      assert.equal(draft.outcome, null);
      assert.match(draft.summary_html, /<strong>changes<\/strong>/);
      assert.equal(draft.created_by.id, office.user.id);
      assert.equal(draft.organisation.id, office.user.organisation.id);
      assert.equal(Date.parse(draft.opens_at), Date.parse(json.opens_at));
      assert.equal(Date.parse(draft.closes_at), Date.parse(json.closes_at));
      assert.deepEqual(draft.questions.map((q) => q.key), json.questions.map((q) => q.key), 'questions keep their order');
      for (const [i, question] of json.questions.entries()) {
        for (const [field, value] of Object.entries(question)) {
          assert.deepEqual(draft.questions[i][field], value, `questions[${i}].${field}`);
        }
      }
    }
    const before = await countRows(server.db, 'consultations');
    for (const member of [amira, grace]) {
      expectProblem(await call('POST', routes.consultations, { json: consultationJson(), auth: member }), 403);
    }
    expectProblem(await call('POST', routes.consultations, { json: consultationJson() }), 401);
    assert.equal(await countRows(server.db, 'consultations'), before, 'nothing created');
  });

  it('refuses invalid consultations with 422 naming each field, and stores nothing', async () => {
    const [text, choice, scale] = [
      { key: 'text_one', text: 'Why?', type: 'text', required: true },
      { key: 'choice', text: 'Which?', type: 'single_choice', required: true, options: ['A', 'B'] },
      { key: 'scale', text: 'How far?', type: 'scale', required: true, scale_labels: { low: 'Low', high: 'High' } },
    ];
    const before = await countRows(server.db, 'consultations');
    const cases = [
      [{ title: '' }, ['title']],
      [{ title: 'x'.repeat(201) }, ['title']],
      [{ summary: '' }, ['summary']],
      [{ opens_at: timeIn(2 * days), closes_at: timeIn(1 * days) }, ['closes_at']],
      [{ questions: [text, { ...choice, key: 'text_one' }] }, ['questions[1].key']],
      [{ questions: [{ ...text, key: 'Bad Key' }] }, ['questions[0].key']],
      [{ questions: [{ ...choice, options: [] }] }, ['questions[0].options']],
      [{ questions: [{ ...choice, type: 'multi_choice', options: undefined }] }, ['questions[0].options']],
      [{ questions: [{ ...choice, options: ['A', 'A'] }] }, ['questions[0].options']],
      [{ questions: [{ ...text, type: 'essay' }] }, ['questions[0].type']],
      [{ questions: [] }, ['questions']],
      [{ audience: 'everyone' }, ['audience']],
      [{ response_scope: 'team' }, ['response_scope']],
    ];
    for (const [fields, named] of cases) {
      const res = await call('POST', routes.consultations, { json: consultationJson(fields), auth: priya });
      expectInvalidFields(res, named);
    }
    // Scale labels: both ends are required; the problem may name the labels as a whole or each missing end.
    for (const labels of [undefined, { low: 'Low' }]) {
      const res = await call('POST', routes.consultations,
        { json: consultationJson({ questions: [{ ...scale, scale_labels: labels }] }), auth: priya });
      const problem = expectProblem(res, 422);
      assert.ok(problem.errors.length > 0 && problem.errors.every((e) => e.field.startsWith('questions[0].scale_labels')),
        `a scale without labels ${JSON.stringify(labels)}: ${res.text}`);
    }
    const { title, ...untitled } = consultationJson();
    expectInvalidFields(await call('POST', routes.consultations, { json: untitled, auth: priya }), ['title']);
    assert.equal(await countRows(server.db, 'consultations'), before, 'nothing stored');
  });

  it('counts lengths in characters, not bytes (accented and Welsh letters take two bytes each)', async () => {
    const scale = { key: 'how', text: 'ŵ'.repeat(1000), help_text: 'â'.repeat(1000), type: 'scale', required: true,
      scale_labels: { low: 'ö'.repeat(100), high: 'ŷ'.repeat(100) } };
    const choice = { key: 'which', text: 'Which?', type: 'single_choice', required: true, options: ['ā'.repeat(200), 'b'] };
    const json = consultationJson({ title: 'é'.repeat(200), questions: [scale, choice] });
    const res = await call('POST', routes.consultations, { json, auth: priya });
    assert.equal(res.status, 201, `lengths at their limits in characters answered ${res.status}: ${res.text.slice(0, 500)}`);
    assert.equal(res.body.title, json.title);
    assert.deepEqual(res.body.questions[1].options, choice.options);
    expectInvalidFields(await call('POST', routes.consultations, { json: consultationJson({ title: 'é'.repeat(201) }), auth: priya }),
      ['title']);
  });

  it('keeps drafts from members (404) and lets the office edit them, version by version', async () => {
    const draft = await createConsultation(call, priya);
    for (const member of [amira, grace, tom]) {
      expectProblem(await call('GET', routes.consultation, { params: params(draft), auth: member }), 404);
      const listed = (await call('GET', routes.consultations, { auth: member, expect: 200 })).body.items;
      assert.ok(!listed.some((c) => c.id === draft.id), 'a draft is not listed for members');
      expectProblem(await putResponse(call, member, draft.id, {}), 404);
      // Not even a 403: members cannot tell that a draft exists.
      expectProblem(await call('PATCH', routes.consultation, { params: params(draft), json: { title: 'Mine' }, auth: member }), 404);
      expectProblem(await call('POST', routes.publish, { params: params(draft), auth: member }), 404);
    }
    assert.deepEqual((await call('GET', routes.consultations, { query: { status: 'draft' }, auth: amira, expect: 200 })).body.items, []);
    expectProblem(await call('GET', routes.consultations), 401);
    const drafts = (await call('GET', routes.consultations, { query: { status: 'draft' }, auth: sam, expect: 200 })).body.items;
    assert.ok(drafts.some((c) => c.id === draft.id), 'another office user lists the draft');
    assert.ok(drafts.every((c) => c.status === 'draft'));

    const questions = [{ key: 'only', text: 'Anything else?', type: 'text', required: false }];
    const edited = (await call('PATCH', routes.consultation,
      { params: params(draft), json: { title: 'Renamed draft', questions, audience: 'both' }, auth: priya, expect: 200 })).body;
    assert.equal(edited.title, 'Renamed draft');
    assert.equal(edited.audience, 'both');
    assert.equal(edited.summary, draft.summary, 'fields not sent stay as they were');
    assert.deepEqual(edited.questions.map((q) => q.key), ['only']);
    assert.equal(edited.version, draft.version + 1);
    assert.equal(edited.status, 'draft');
    expectInvalidFields(await call('PATCH', routes.consultation,
      { params: params(draft), json: { closes_at: timeIn(-2 * days) }, auth: priya }), ['closes_at']);
    assert.equal((await getConsultation(call, sam, draft.id)).version, edited.version, 'a refused edit changes nothing');
  });

  it('publishes once, freezing everything but closes_at (409), which may move within limits', async () => {
    const draft = await createConsultation(call, priya);
    const published = (await call('POST', routes.publish, { params: params(draft), auth: priya, expect: 200 })).body;
    assert.equal(published.status, 'open');
    assert.ok(published.published_at, 'published_at is set');
    expectProblem(await call('POST', routes.publish, { params: params(draft), auth: priya }), 409);

    const frozen = [{ questions: [{ key: 'other', text: 'Other?', type: 'text', required: false }] }, { title: 'New title' },
      { audience: 'adults' }, { response_scope: 'individual' }, { summary: 'Changed.' }];
    for (const json of frozen) {
      expectProblem(await call('PATCH', routes.consultation, { params: params(draft), json, auth: priya }), 409);
    }
    expectProblem(await call('PATCH', routes.consultation,
      { params: params(draft), json: { closes_at: timeIn(30 * days) }, auth: amira }), 403);
    const closesAt = timeIn(20 * days);
    const extended = (await call('PATCH', routes.consultation,
      { params: params(draft), json: { closes_at: closesAt }, auth: sam, expect: 200 })).body;
    assert.equal(Date.parse(extended.closes_at), Date.parse(closesAt));
    assert.deepEqual(extended.questions, published.questions, 'questions unchanged');
    for (const past of [timeIn(-1 * minutes), timeIn(-2 * 60 * minutes)]) {
      expectInvalidFields(await call('PATCH', routes.consultation,
        { params: params(draft), json: { closes_at: past }, auth: priya }), ['closes_at']);
    }
    assert.equal(Date.parse((await getConsultation(call, amira, draft.id)).closes_at), Date.parse(closesAt));

    const late = await createConsultation(call, priya, { opens_at: timeIn(-3 * days), closes_at: timeIn(-1 * days) });
    expectProblem(await call('POST', routes.publish, { params: params(late), auth: priya }), 409);
    assert.equal((await getConsultation(call, priya, late.id)).status, 'draft', 'a draft that closed in the past stays a draft');
  });

  it('shows a consultation only to its audience by sector', async () => {
    const adults = await publishedConsultation(call, sam, { audience: 'adults' });
    expectProblem(await call('GET', routes.consultation, { params: params(adults), auth: amira }), 404);
    expectProblem(await putResponse(call, amira, adults.id, submission(), { submit: true }), 404);
    const amirasList = (await call('GET', routes.consultations, { auth: amira, expect: 200 })).body.items;
    assert.ok(!amirasList.some((c) => c.id === adults.id), 'not listed for a children member');
    for (const member of [tom, grace]) {
      assert.equal((await getConsultation(call, member, adults.id)).status, 'open');
      const listed = (await call('GET', routes.consultations, { query: { audience: 'adults' }, auth: member, expect: 200 })).body.items;
      assert.ok(listed.some((c) => c.id === adults.id));
      assert.ok(listed.every((c) => c.audience === 'adults'));
    }
  });

  it('lists open consultations first by closing time, then the others latest closing first; 422 for bad filters', async () => {
    const later = await publishedConsultation(call, priya, { closes_at: timeIn(40 * days) });
    const sooner = await publishedConsultation(call, priya, { closes_at: timeIn(30 * days) });
    const upcoming = await publishedConsultation(call, priya, { opens_at: timeIn(50 * days), closes_at: timeIn(60 * days) });
    const items = (await call('GET', routes.consultations, { auth: amira, expect: 200 })).body.items;
    const position = (c) => items.findIndex((item) => item.id === c.id);
    assert.ok(position(sooner) >= 0 && position(sooner) < position(later), 'open ones by closes_at ascending');
    const firstOther = items.findIndex((item) => item.status !== 'open');
    assert.ok(items.slice(firstOther).every((item) => item.status !== 'open'), 'open ones first');
    const others = items.slice(firstOther).map((item) => Date.parse(item.closes_at));
    assert.deepEqual(others, [...others].sort((a, b) => b - a), 'the others by closes_at descending');
    assert.ok(position(upcoming) >= firstOther);
    assert.equal(items[position(upcoming)].status, 'upcoming');
    assert.equal(items[0].questions, undefined, 'lists leave questions out');
    const open = (await call('GET', routes.consultations, { query: { status: 'open' }, auth: amira, expect: 200 })).body.items;
    assert.ok(open.length >= 2 && open.every((c) => c.status === 'open'));
    expectInvalidFields(await call('GET', routes.consultations, { query: { status: 'finished' }, auth: amira }), ['status']);
    expectInvalidFields(await call('GET', routes.consultations, { query: { audience: 'all' }, auth: amira }), ['audience']);
  });
});

describe('status from server time', () => {
  it('is upcoming before opens_at: responses refused (409) and nothing saved', async () => {
    const upcoming = await publishedConsultation(call, priya, { opens_at: timeIn(2 * days), closes_at: timeIn(9 * days) });
    assert.equal(upcoming.status, 'upcoming');
    assert.equal((await getConsultation(call, amira, upcoming.id)).status, 'upcoming');
    expectProblem(await putResponse(call, amira, upcoming.id, submission()), 409);
    expectProblem(await putResponse(call, amira, upcoming.id, submission(), { submit: true }), 409);
    assert.equal((await getResponse(call, amira, upcoming.id)).status, 404, 'nothing saved');
    expectProblem(await call('POST', routes.close, { params: params(upcoming), auth: priya }), 409);
    expectInvalidFields(await call('PATCH', routes.consultation,
      { params: params(upcoming), json: { closes_at: timeIn(1 * days) }, auth: priya }), ['closes_at']);
  });

  it('is closed at closes_at without anybody closing it: responses refused (409) and nothing saved', async () => {
    const soon = await publishedConsultation(call, priya);
    const draft = await saveResponse(call, amira, soon.id, submission());
    // A deadline a few seconds away: one request has to arrive before it, however loaded the machine.
    await call('PATCH', routes.consultation, { params: params(soon), json: { closes_at: timeIn(3_000) }, auth: priya, expect: 200 });
    const closed = await pollUntil(async () => {
      const c = await getConsultation(call, amira, soon.id);
      return c.status === 'closed' && c;
    }, { timeoutMs: 30_000, what: 'the consultation closing at its closes_at' });
    assert.equal(closed.my_response.status, 'draft');
    const res = await putResponse(call, amira, soon.id, submission(), { submit: true, ifMatch: `"${draft.version}"` });
    expectProblem(res, 409);
    const after = await getResponse(call, amira, soon.id);
    assert.equal(after.body.version, draft.version, 'nothing saved');
    assert.equal(after.body.status, 'draft');
    assert.deepEqual(after.body.answers, draft.answers);
  });

  it('is closed after POST close: closes_at is now, responses refused (409), nothing saved', async () => {
    const consultation = await publishedConsultation(call, priya);
    const draft = await saveResponse(call, amira, consultation.id, submission());
    expectProblem(await call('POST', routes.close, { params: params(consultation), auth: amira }), 403);
    const requested = Date.now();
    const closed = (await call('POST', routes.close, { params: params(consultation), auth: sam, expect: 200 })).body;
    assert.equal(closed.status, 'closed');
    assert.ok(Date.parse(closed.closes_at) <= Date.now() + 1000 && Date.parse(closed.closes_at) >= requested - 5000,
      `closes_at ${closed.closes_at} is the time of closing`);
    expectProblem(await putResponse(call, amira, consultation.id, submission(), { submit: true, ifMatch: `"${draft.version}"` }), 409);
    expectProblem(await putResponse(call, amira, consultation.id, submission(), { ifMatch: `"${draft.version}"` }), 409);
    expectProblem(await putResponse(call, grace, consultation.id, submission(), { submit: true }), 409);
    assert.equal((await getResponse(call, amira, consultation.id)).body.version, draft.version, 'nothing saved');
    assert.equal((await getResponse(call, grace, consultation.id)).status, 404, 'nothing saved');
    expectProblem(await call('POST', routes.close, { params: params(consultation), auth: sam }), 409);
    expectProblem(await call('PATCH', routes.consultation,
      { params: params(consultation), json: { closes_at: timeIn(5 * days) }, auth: sam }), 409);
    // The deadline comes first: nobody is asked to correct answers that can no longer be accepted.
    expectProblem(await putResponse(call, amira, consultation.id, submission({ agreement: 9 }),
      { submit: true, ifMatch: `"${draft.version}"` }), 409);
    assert.equal((await getResponse(call, amira, consultation.id)).body.version, draft.version, 'nothing saved');
  });
});

describe('notifications', () => {
  it('tell the audience of a publication, and not the other sector nor the office', async () => {
    const consultation = await publishedConsultation(call, priya, { audience: 'children' });
    for (const member of [amira, grace]) {
      const told = await notificationsAbout(call, member, consultation.id);
      assert.equal(told.length, 1, `${member.user.display_name} is told once`);
      expectConsultationNotification(told[0], consultation, 'consultation_published');
    }
    for (const other of [tom, priya, sam]) {
      assert.deepEqual(await notificationsAbout(call, other, consultation.id), [], `${other.user.display_name} is not told`);
    }
    const adults = await publishedConsultation(call, priya, { audience: 'adults' });
    assert.equal((await notificationsAbout(call, tom, adults.id, 'consultation_published')).length, 1);
    assert.deepEqual(await notificationsAbout(call, amira, adults.id), []);
  });

  it('tell members of authorities that have not submitted that it closes in 3 days, once, and not those that have', async () => {
    // A second instance on the same database also looks every second: the notice still goes out once overall.
    const second = await startServer({ shareDatabaseWith: server, args: ['--consultation-check-seconds', '1'] });
    try {
      const colleague = await addMember(server, { organisation: codes.southampton, sector: 'children' });
      const consultation = await publishedConsultation(call, priya, { audience: 'both', closes_at: timeIn(10 * days) });
      await saveResponse(call, amira, consultation.id, submission(), { submit: true }); // Southampton has responded
      await saveResponse(call, grace, consultation.id, submission()); // Southwark has only a draft
      const [gracesSocket, tomsSocket] = [await connect(grace), await connect(tom)];

      await call('PATCH', routes.consultation,
        { params: params(consultation), json: { closes_at: timeIn(2 * days) }, auth: priya, expect: 200 });
      for (const [ws, member] of [[gracesSocket, grace], [tomsSocket, tom]]) {
        const message = await notificationEvent(ws, member.user.id, consultation.id, 'consultation_closing');
        expectConsultationNotification(message.data.notification, consultation, 'consultation_closing');
      }
      for (const responded of [amira, colleague]) {
        assert.deepEqual(await notificationsAbout(call, responded, consultation.id, 'consultation_closing'), [],
          'members of an authority that submitted are not reminded');
      }
      // Another consultation falling due: its notice comes from a later look, which would have repeated the first's.
      const next = await publishedConsultation(call, priya, { audience: 'both', closes_at: timeIn(1 * days) });
      await notificationEvent(gracesSocket, grace.user.id, next.id, 'consultation_closing');
      for (const member of [grace, tom]) {
        assert.equal((await notificationsAbout(call, member, consultation.id, 'consultation_closing')).length, 1, 'sent once');
      }
    } finally {
      await second.stop();
    }
  });
});

describe('the outcome', () => {
  it('is published only once closed (409 before), by the office only, and announced in discussions', async () => {
    const consultation = await publishedConsultation(call, priya, { audience: 'children' });
    const body = 'You said the statements were too long. **We did** shorten them.';
    expectProblem(await call('POST', routes.outcome, { params: params(consultation), json: { body }, auth: priya }), 409);
    await call('POST', routes.close, { params: params(consultation), auth: priya, expect: 200 });
    expectProblem(await call('POST', routes.outcome, { params: params(consultation), json: { body }, auth: amira }), 403);
    expectInvalidFields(await call('POST', routes.outcome, { params: params(consultation), json: { body: '' }, auth: priya }), ['body']);
    assert.equal((await getConsultation(call, amira, consultation.id)).outcome, null);

    const published = (await call('POST', routes.outcome, { params: params(consultation), json: { body }, auth: priya, expect: 200 })).body;
    assert.equal(published.status, 'outcome_published');
    assert.equal(published.outcome.body, body);
    assert.match(published.outcome.body_html, /<strong>We did<\/strong>/);
    assert.ok(published.outcome.published_at);
    const seen = await getConsultation(call, amira, consultation.id);
    assert.deepEqual(seen.outcome, published.outcome, 'members see the outcome on the consultation');
    assert.equal(seen.status, 'outcome_published');

    const thread = (await call('GET', routes.thread, { params: { id: published.outcome.thread_id }, auth: amira, expect: 200 })).body;
    assert.equal(thread.kind, 'announcement');
    assert.equal(thread.title, `You said, we did: ${consultation.title}`);
    assert.equal(thread.sector, 'children');
    for (const member of [amira, grace]) {
      const told = await notificationsAbout(call, member, consultation.id, 'consultation_outcome');
      assert.equal(told.length, 1);
      expectConsultationNotification(told[0], consultation, 'consultation_outcome');
    }
    assert.deepEqual(await notificationsAbout(call, tom, consultation.id), [], 'the other sector is not told');
    expectProblem(await call('POST', routes.outcome, { params: params(consultation), json: { body }, auth: priya }), 409);
    expectProblem(await putResponse(call, amira, consultation.id, submission(), { submit: true }), 409);
  });

  it('passes the personal-data guard: an NHS number refused, a phone number only once confirmed', async () => {
    const consultation = await publishedConsultation(call, priya);
    await call('POST', routes.close, { params: params(consultation), auth: priya, expect: 200 });
    const send = (json) => call('POST', routes.outcome, { params: params(consultation), json, auth: priya });
    expectProblem(await send({ body: 'About the child with NHS number 943 476 5919.' }), 422, { type: '/problems/personal-data' });
    const body = 'Questions? Ring the office on 020 7946 0000.';
    expectProblem(await send({ body }), 422, { type: '/problems/personal-data-warning' });
    assert.equal((await getConsultation(call, priya, consultation.id)).status, 'closed', 'nothing published');
    const res = await send({ body, confirm_personal_data: true });
    assert.equal(res.status, 200, `a confirmed outcome answered ${res.status}: ${res.text}`);
    assert.equal(res.body.outcome.body, body);
  });

  it('is published once when two office users publish it at the same moment: one outcome, one announcement', async () => {
    const consultation = await publishedConsultation(call, priya);
    await call('POST', routes.close, { params: params(consultation), auth: priya, expect: 200 });
    const answers = await Promise.all([priya, sam, priya].map((office) =>
      call('POST', routes.outcome, { params: params(consultation), json: { body: `Outcome by ${office.user.id}.` }, auth: office })));
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409, 409]);
    const threads = (await call('GET', '/api/v1/threads', { query: { kind: 'announcement', limit: '100' }, auth: amira, expect: 200 })).body.items
      .filter((t) => t.title === `You said, we did: ${consultation.title}`);
    const published = answers.find((r) => r.status === 200).body;
    assert.deepEqual(threads.map((t) => t.id), [published.outcome.thread_id], 'one announcement thread, the outcome\'s');
  });

  it('is refused for upcoming consultations and drafts (409)', async () => {
    const upcoming = await publishedConsultation(call, priya, { opens_at: timeIn(1 * days), closes_at: timeIn(5 * days) });
    const draft = await createConsultation(call, priya);
    for (const c of [upcoming, draft]) {
      expectProblem(await call('POST', routes.outcome, { params: params(c), json: { body: 'Done.' }, auth: priya }), 409);
    }
  });
});
