// Consultations end to end, analysis for the Chief Social Workers' offices: the summary against a computation of
// this test's own (response rates overall, by region and by sector, who has not responded, per question counts,
// percentages, mean and median, free-text answers), themes, the live update on consultation:{id}, the JSON and CSV
// export, and reminders to the authorities that have not responded.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import {
  addMember, allNotifications, codes, consultationJson, getConsultation, localAuthorities, notificationsAbout,
  parseCsv, publishedConsultation, routes, saveResponse, startConsultationServer, submission, subscribeToConsultation,
  timeIn, days, validateMessage,
} from '../support/consultations.mjs';
import { eventTimeoutMs, socketsClosedAfterEachTest } from '../support/realtime.mjs';
import { eventOn } from '../support/websocket.mjs';

let server, call, amira, tom, grace, priya, sam; // who is who: startConsultationServer
let portsmouth, kingston, cumberland; // members at other authorities: children, adults, both
let authorities; // the directory's 153 local authorities
before(async () => {
  ({ server, call, amira, tom, grace, priya, sam } = await startConsultationServer());
  portsmouth = await addMember(server, { organisation: codes.portsmouth, sector: 'children' });
  kingston = await addMember(server, { organisation: codes.kingston, sector: 'adults' });
  cumberland = await addMember(server, { organisation: codes.cumberland, sector: 'both' });
  authorities = await localAuthorities(call, amira);
});
after(() => server?.stop());
const connect = socketsClosedAfterEachTest(() => server);

const near = (actual, expected, what) => {
  if (expected === null) assert.equal(actual, null, what);
  else assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9, `${what}: expected ${expected}, got ${actual}`);
};
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const percent = (part, whole) => (whole === 0 ? 0 : (100 * part) / whole);
const median = (values) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Submits the responses of the scenario to a new consultation (audience both): five authorities submit (one amends,
 * one saves a later draft that must not count), one only drafts. Resolves with {consultation, submitted: [{session,
 * organisation, sector, answers}]} where answers are what each authority last submitted.
 */
async function scenario() {
  const consultation = await publishedConsultation(call, priya, { audience: 'both' });
  const submitted = new Map();
  const submit = async (session, answers) => {
    await saveResponse(call, session, consultation.id, answers, { submit: true });
    submitted.set(session.user.organisation.id, { session, organisation: session.user.organisation, sector: session.user.sector, answers });
  };
  await submit(amira, submission({ views: 'We said "yes", mostly, with caveats.', caseload: 18 }));
  await submit(grace, submission({ model: 'Hub and spoke', priorities: ['Retention'], agreement: 5, ready: 'no', caseload: 22.5 }));
  await saveResponse(call, grace, consultation.id, submission({ agreement: 1 })); // a later draft: not counted
  await submit(tom, submission({ model: 'Other', priorities: [], agreement: 2, caseload: undefined }));
  await submit(portsmouth, submission({ agreement: 3, priorities: ['Supervision', 'Retention'] }));
  await submit(portsmouth, submission({ agreement: 4, priorities: ['Supervision', 'Retention', 'Training'], caseload: 10 }));
  await submit(kingston, submission({ agreement: 3, views: '=SUM(A1) is not a formula here' }));
  await saveResponse(call, cumberland, consultation.id, submission()); // only a draft: not counted
  return { consultation, submitted: [...submitted.values()] };
}

/** The office's JSON export, as organisation id -> item. */
async function exported(consultationId) {
  const items = (await call('GET', routes.responses, { params: { id: consultationId }, auth: priya, expect: 200 })).body.items;
  return new Map(items.map((item) => [item.organisation.id, item]));
}

describe('the summary', () => {
  let consultation, submitted, summary, responseIds;
  before(async () => {
    ({ consultation, submitted } = await scenario());
    summary = (await call('GET', routes.summary, { params: { id: consultation.id }, auth: sam, expect: 200 })).body;
    responseIds = new Map([...(await exported(consultation.id))].map(([orgId, item]) => [orgId, item.response_id]));
  });

  it('gives the response rate overall, by region and by sector, and who has not responded', () => {
    const responded = new Set(submitted.map((s) => s.organisation.id));
    assert.equal(summary.consultation_id, consultation.id);
    assert.equal(summary.status, 'open');
    assert.equal(summary.audience_count, 153);
    assert.equal(summary.responded_count, 5);
    near(summary.response_rate, percent(5, 153), 'response_rate');

    const regions = new Map();
    for (const authority of authorities) {
      const region = regions.get(authority.region.code) ?? { region_code: authority.region.code, region_name: authority.region.name,
        audience_count: 0, responded_count: 0 };
      region.audience_count += 1;
      if (responded.has(authority.id)) region.responded_count += 1;
      regions.set(authority.region.code, region);
    }
    assert.equal(summary.by_region.length, regions.size, 'one entry per region');
    for (const actual of summary.by_region) {
      const expected = regions.get(actual.region_code);
      assert.ok(expected, `unknown region ${actual.region_code}`);
      assert.equal(actual.region_name, expected.region_name);
      assert.equal(actual.audience_count, expected.audience_count, `${actual.region_name} audience`);
      assert.equal(actual.responded_count, expected.responded_count, `${actual.region_name} responded`);
      near(actual.response_rate, percent(expected.responded_count, expected.audience_count), `${actual.region_name} rate`);
    }

    // Each of an authority's services responds on its own; someone who works in both writes the children's by default.
    const serviceOf = (s) => (s.sector === 'adults' ? 'adults' : 'children');
    for (const sector of ['children', 'adults', 'both']) {
      const expected = submitted.filter((s) => serviceOf(s) === sector).length;
      assert.equal(summary.by_sector.find((s) => s.sector === sector)?.responses ?? 0, expected, `by_sector ${sector}`);
    }
    assert.ok(summary.by_sector.every((s) => ['children', 'adults', 'both'].includes(s.sector)));

    const notResponded = authorities.filter((a) => !responded.has(a.id)).sort(byName).map(({ id, name, code }) => ({ id, name, code }));
    assert.deepEqual(summary.not_responded, notResponded, 'every other authority, by name');
    assert.ok(summary.not_responded.some((o) => o.code === codes.cumberland), 'a draft is not a response');
  });

  it('counts each question: options with percentages of those who answered, mean and median, free text with its authority', () => {
    const serviceOf = (s) => (s.sector === 'adults' ? 'adults' : 'children');
    assert.deepEqual(summary.questions.map((q) => q.key), consultation.questions.map((q) => q.key), 'in question order');
    for (const question of consultation.questions) {
      const actual = summary.questions.find((q) => q.key === question.key);
      const what = `question ${question.key}`;
      assert.equal(actual.text, question.text);
      assert.equal(actual.type, question.type);
      const answers = submitted.map((s) => ({ ...s, value: s.answers[question.key] }))
        .filter((s) => s.value !== undefined && s.value !== null && !(Array.isArray(s.value) && s.value.length === 0));
      assert.equal(actual.answered, answers.length, `${what} answered`);

      const values = { single_choice: question.options, multi_choice: question.options, yes_no: ['yes', 'no'],
        scale: ['1', '2', '3', '4', '5'] }[question.type] ?? [];
      const expectedOptions = values.map((value) => {
        const count = answers.filter((a) => [a.value].flat().map(String).includes(value)).length;
        return { value, count, percent: percent(count, answers.length) };
      });
      assert.deepEqual(actual.options.map(({ value, count }) => ({ value, count })), expectedOptions.map(({ value, count }) => ({ value, count })),
        `${what} options`);
      actual.options.forEach((option, i) => near(option.percent, expectedOptions[i].percent, `${what} ${option.value} percent`));

      const numbers = ['scale', 'number'].includes(question.type) ? answers.map((a) => a.value) : [];
      near(actual.mean, numbers.length ? numbers.reduce((x, y) => x + y, 0) / numbers.length : null, `${what} mean`);
      near(actual.median, median(numbers), `${what} median`);

      const texts = question.type === 'text'
        ? answers.map((a) => ({ response_id: responseIds.get(a.organisation.id), organisation: { id: a.organisation.id,
          name: a.organisation.name, code: a.organisation.code }, service: serviceOf(a), text: a.value, themes: [] }))
        : [];
      const sorted = (list) => [...list].sort((x, y) => x.response_id - y.response_id);
      assert.deepEqual(sorted(actual.answers ?? []), sorted(texts), `${what} free-text answers`);
    }
  });

  it('is for the office only (403 for members and org_admins)', async () => {
    for (const member of [amira, grace, tom]) {
      expectProblem(await call('GET', routes.summary, { params: { id: consultation.id }, auth: member }), 403);
    }
  });
});

describe('themes', () => {
  it('are added once by name (409), tagged and untagged on free-text answers, and counted', async () => {
    const { consultation } = await scenario();
    const id = consultation.id;
    const themes = (await call('POST', routes.themes, { params: { id }, json: { name: 'Workforce' }, auth: priya, expect: 201 })).body;
    assert.equal(themes.name, 'Workforce');
    assert.equal(themes.count, 0);
    expectProblem(await call('POST', routes.themes, { params: { id }, json: { name: 'Workforce' }, auth: sam }), 409);
    expectInvalidFields(await call('POST', routes.themes, { params: { id }, json: { name: '' }, auth: priya }), ['name']);
    const funding = (await call('POST', routes.themes, { params: { id }, json: { name: 'Funding' }, auth: sam, expect: 201 })).body;

    const responses = await exported(id);
    const southampton = responses.get(amira.user.organisation.id).response_id;
    const southwark = responses.get(grace.user.organisation.id).response_id;
    const tag = (method, theme, responseId, expect = 204) => call(method, routes.tag,
      { params: { id, theme_id: theme.id, response_id: responseId, question_key: 'views' }, auth: priya, expect });
    await tag('PUT', themes, southampton);
    await tag('PUT', themes, southampton); // tagging twice is the same as once
    await tag('PUT', themes, southwark);
    await tag('PUT', funding, southwark);

    const counted = async () => (await call('GET', routes.summary, { params: { id }, auth: priya, expect: 200 })).body;
    let summary = await counted();
    const countOf = (s, theme) => s.themes.find((t) => t.id === theme.id)?.count;
    assert.equal(countOf(summary, themes), 2);
    assert.equal(countOf(summary, funding), 1);
    const themesOf = (s, responseId) => s.questions.find((q) => q.key === 'views').answers.find((a) => a.response_id === responseId).themes;
    assert.deepEqual(themesOf(summary, southampton), [themes.id]);
    assert.deepEqual([...themesOf(summary, southwark)].sort((a, b) => a - b), [themes.id, funding.id].sort((a, b) => a - b));

    await tag('DELETE', themes, southampton);
    summary = await counted();
    assert.equal(countOf(summary, themes), 1);
    assert.deepEqual(themesOf(summary, southampton), []);

    const other = await publishedConsultation(call, priya);
    const foreign = (await call('POST', routes.themes, { params: { id: other.id }, json: { name: 'Elsewhere' }, auth: priya, expect: 201 })).body;
    await tag('PUT', foreign, southampton, 404);
    await tag('PUT', { id: 999_999 }, southampton, 404);
    await tag('PUT', themes, 999_999, 404);
    for (const key of ['nonsense', 'model']) { // themes are for free-text answers
      await call('PUT', routes.tag, { params: { id, theme_id: themes.id, response_id: southampton, question_key: key }, auth: priya, expect: 404 });
    }
    // A response only saved as a draft has no answer to tag; its id is nowhere in the API, so it is read from the table.
    const { rows: [draftRow] } = await server.db.query(
      'SELECT id FROM consultation_responses WHERE consultation_id = $1 AND organisation_id = $2', [id, cumberland.user.organisation.id]);
    assert.ok(draftRow, 'cumberland saved a draft');
    await tag('PUT', themes, Number(draftRow.id), 404);
    assert.equal(countOf(await counted(), themes), 1, 'refused tags change nothing');
    const accented = 'ü'.repeat(100); // 100 characters, 200 bytes
    assert.equal((await call('POST', routes.themes, { params: { id }, json: { name: accented }, auth: priya })).status, 201,
      'a name of 100 characters is accepted whatever their bytes');
  });
});

describe('the live summary', () => {
  it('tells the office on consultation:{id} after every submission, with the new responded count, and of each change', async () => {
    const draft = (await call('POST', routes.consultations, { json: consultationJson({ audience: 'both' }), auth: priya, expect: 201 })).body;
    const id = draft.id;
    const ws = await connect(priya);
    assert.equal((await subscribeToConsultation(ws, id)).type, 'subscribed');
    const channel = `consultation:${id}`;
    const updated = async (what) => {
      const message = await ws.takeMessage(eventOn(channel, 'consultation.updated'), eventTimeoutMs);
      validateMessage(message, `consultation.updated on ${what}`);
      assert.equal(message.data.consultation_id, id);
    };
    await call('POST', routes.publish, { params: { id }, auth: priya, expect: 200 });
    await updated('publish');
    const submitted = async (session, expected) => {
      await saveResponse(call, session, id, submission(), { submit: true });
      const message = await ws.takeMessage(eventOn(channel, 'response.submitted'), eventTimeoutMs);
      validateMessage(message, 'response.submitted');
      assert.deepEqual(message.data, { consultation_id: id, responded_count: expected });
      const summary = (await call('GET', routes.summary, { params: { id }, auth: priya, expect: 200 })).body;
      assert.equal(summary.responded_count, expected, 'the summary agrees with the event');
    };
    await submitted(amira, 1);
    await submitted(tom, 2);
    await submitted(tom, 2); // an amendment: still two authorities
    await saveResponse(call, grace, id, submission()); // a draft: no event
    await call('POST', routes.close, { params: { id }, auth: priya, expect: 200 });
    await updated('close');
    assert.deepEqual(ws.queuedMessages().filter((m) => m?.channel === channel), [], 'no event for the draft');
    await call('POST', routes.outcome, { params: { id }, json: { body: 'We listened.' }, auth: priya, expect: 200 });
    await updated('outcome');
  });
});

describe('the export', () => {
  let consultation, submitted;
  before(async () => ({ consultation, submitted } = await scenario()));

  it('gives every submitted response as JSON, by its latest submitted version', async () => {
    const items = await exported(consultation.id);
    assert.equal(items.size, submitted.length, 'one item per submitted response');
    for (const s of submitted) {
      const item = items.get(s.organisation.id);
      assert.ok(item, `${s.organisation.name} is exported`);
      assert.equal(item.organisation.code, s.organisation.code);
      assert.equal(item.submitted_by.id, s.session.user.id);
      assert.ok(item.submitted_at && Number.isInteger(item.version));
      const expected = Object.fromEntries(Object.entries(s.answers).filter(([, v]) => v !== undefined));
      assert.deepEqual(item.answers, expected, `${s.organisation.name}: the last submitted answers`);
    }
    for (const member of [amira, grace]) {
      expectProblem(await call('GET', routes.responses, { params: { id: consultation.id }, auth: member }), 403);
    }
  });

  it('gives them as CSV for Excel: BOM, attachment, one row per response, one column per question, choices joined', async () => {
    const res = await fetch(new URL(routes.responses.replace('{id}', consultation.id), server.baseUrl),
      { headers: { ...sam.headersFor('GET'), accept: 'text/csv' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/csv\b/);
    assert.match(res.headers.get('content-type'), /charset=utf-8/i);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment\b.*filename=/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 byte-order mark');
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    const keys = consultation.questions.map((q) => q.key);
    assert.deepEqual(header, ['response_id', 'organisation_code', 'organisation_name', 'service', 'submitted_by',
      'submitted_at', ...keys]);
    assert.equal(rows.length, submitted.length, 'one row per submitted response');
    const json = await exported(consultation.id);
    for (const s of submitted) {
      const item = json.get(s.organisation.id);
      const row = rows.find((r) => r[0] === String(item.response_id));
      assert.ok(row, `a row for ${s.organisation.name}`);
      assert.deepEqual(row.slice(1, 5), [s.organisation.code, s.organisation.name, item.service ?? '',
        s.session.user.display_name]);
      assert.equal(Date.parse(row[5]), Date.parse(item.submitted_at));
      keys.forEach((key, i) => {
        const value = s.answers[key];
        const expected = value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
        const cell = row[6 + i];
        // A text that a spreadsheet would run as a formula may be defused with a leading apostrophe.
        assert.ok(cell === expected || cell === `'${expected}`, `${s.organisation.name} ${key}: ${JSON.stringify(cell)} for ${JSON.stringify(expected)}`);
      });
    }
  });
});

describe('reminders', () => {
  /** The active member users of local authorities in `sectors` outside `responded` (organisation ids). */
  async function expectedRecipients(sectors, responded) {
    const { rows } = await server.db.query(
      `SELECT u.id FROM users u JOIN organisations o ON o.id = u.organisation_id
       WHERE o.kind = 'local_authority' AND u.disabled_at IS NULL AND u.sector = ANY($1)
         AND NOT (u.roles && ARRAY['csw_office', 'network_admin']) AND NOT (u.organisation_id = ANY($2))`,
      [sectors, [...responded]]);
    return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  }
  async function remindedUsers(consultationId) {
    const { rows } = await server.db.query(
      "SELECT user_id FROM notifications WHERE subject_type = 'consultation' AND subject_id = $1 " +
      "AND kind = 'consultation_reminder' ORDER BY user_id", [consultationId]);
    return rows.map((row) => Number(row.user_id));
  }

  it('notify only members of audience authorities that have not responded, and say how many', async () => {
    const consultation = await publishedConsultation(call, priya, { audience: 'children' });
    await saveResponse(call, amira, consultation.id, submission(), { submit: true });
    await saveResponse(call, portsmouth, consultation.id, submission()); // a draft is not a response
    expectProblem(await call('POST', routes.reminders, { params: { id: consultation.id }, auth: grace }), 403);
    const { notified } = (await call('POST', routes.reminders, { params: { id: consultation.id }, auth: sam, expect: 200 })).body;
    const expected = await expectedRecipients(['children', 'both'], new Set([amira.user.organisation.id]));
    assert.equal(notified, expected.length);
    assert.deepEqual(await remindedUsers(consultation.id), expected);
    for (const member of [portsmouth, grace, cumberland]) {
      assert.equal((await notificationsAbout(call, member, consultation.id, 'consultation_reminder')).length, 1);
    }
    for (const member of [amira, tom, kingston, priya]) {
      assert.deepEqual(await notificationsAbout(call, member, consultation.id, 'consultation_reminder'), []);
    }
  });

  it('reach no member of an organisation that is not a local authority', async () => {
    const networkMember = await addMember(server, { organisation: 'PSWNET', sector: 'both' });
    const consultation = await publishedConsultation(call, priya, { audience: 'both' });
    const { notified } = (await call('POST', routes.reminders, { params: { id: consultation.id }, auth: priya, expect: 200 })).body;
    assert.equal(notified, (await expectedRecipients(['children', 'adults', 'both'], new Set())).length);
    assert.deepEqual(await notificationsAbout(call, networkMember, consultation.id, 'consultation_reminder'), []);
  });

  it('are refused unless the consultation is open (409)', async () => {
    const upcoming = await publishedConsultation(call, priya, { opens_at: timeIn(2 * days), closes_at: timeIn(4 * days) });
    const closed = await publishedConsultation(call, priya);
    await call('POST', routes.close, { params: { id: closed.id }, auth: priya, expect: 200 });
    const draft = (await call('POST', routes.consultations, { json: consultationJson(), auth: priya, expect: 201 })).body;
    for (const c of [upcoming, closed, draft]) {
      expectProblem(await call('POST', routes.reminders, { params: { id: c.id }, auth: priya }), 409);
      assert.deepEqual(await remindedUsers(c.id), []);
    }
    assert.equal((await getConsultation(call, amira, closed.id)).status, 'closed');
    assert.ok((await allNotifications(call, amira))
      .every((n) => n.kind !== 'consultation_reminder' || n.subject.type !== 'consultation' || n.subject.id !== closed.id));
  });
});
