// Conditional questions: B is asked only when A was answered X (and C only when B was, in turn). A question not
// asked is neither required nor checked, and its answer is dropped on submission; the analysis counts, for each
// question, the responses that were asked it, held against a computation of this test's own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields } from '../support/api.mjs';
import {
  addMember, codes, createConsultation, getResponse, publishedConsultation, putResponse, routes, saveResponse,
  startConsultationServer,
} from '../support/consultations.mjs';

let server, call, amira, tom, grace, priya;
let portsmouth, kingston;
before(async () => {
  ({ server, call, amira, tom, grace, priya } = await startConsultationServer());
  portsmouth = await addMember(server, { organisation: codes.portsmouth, sector: 'children' });
  kingston = await addMember(server, { organisation: codes.kingston, sector: 'both' });
});
after(() => server?.stop());

// Do you use a practice model? If yes: which? If it is "Other": describe it. Always: how far do you agree?
const questions = [
  { key: 'uses_model', text: 'Do you use a practice model?', type: 'yes_no', required: true },
  { key: 'which_model', text: 'Which model?', type: 'single_choice', required: true,
    options: ['Signs of Safety', 'Systemic practice', 'Other'], shown_when: { question: 'uses_model', answer: 'yes' } },
  { key: 'other_model', text: 'Describe your model', type: 'text', required: true,
    shown_when: { question: 'which_model', answer: 'Other' } },
  { key: 'barriers', text: 'What gets in the way?', type: 'multi_choice', required: false,
    options: ['Caseloads', 'Training', 'Turnover'] },
  { key: 'caseload_detail', text: 'By how much do caseloads exceed your cap?', type: 'number', required: true,
    min: 0, max: 60, shown_when: { question: 'barriers', answer: 'Caseloads' } },
  { key: 'agreement', text: 'How far do you agree?', type: 'scale', required: true,
    scale_labels: { low: 'Strongly disagree', high: 'Strongly agree' } },
];

/** Whether answers ask the question, by the rule of QuestionCondition. */
function asked(key, answers) {
  const q = questions.find((x) => x.key === key);
  if (!q.shown_when) return true;
  const given = answers[q.shown_when.question];
  const chose = Array.isArray(given) ? given.includes(q.shown_when.answer) : given === q.shown_when.answer;
  return chose && asked(q.shown_when.question, answers);
}

describe('writing conditional questions', () => {
  it('gives them back as written', async () => {
    const draft = await createConsultation(call, priya, { questions });
    assert.deepEqual(draft.questions.map((q) => q.shown_when), questions.map((q) => q.shown_when ?? null));
  });

  it('refuses a condition on a later, unknown or free-text question, or on an answer it cannot have', async () => {
    const bad = (index, shownWhen) => questions.map((q, i) => (i === index ? { ...q, shown_when: shownWhen } : q));
    for (const [list, fields] of [
      [bad(0, { question: 'which_model', answer: 'Other' }), ['questions[0].shown_when.question']],
      [bad(1, { question: 'nothing', answer: 'yes' }), ['questions[1].shown_when.question']],
      [bad(5, { question: 'other_model', answer: 'x' }), ['questions[5].shown_when.question']],
      [bad(5, { question: 'caseload_detail', answer: '3' }), ['questions[5].shown_when.question']],
      [bad(1, { question: 'uses_model', answer: 'maybe' }), ['questions[1].shown_when.answer']],
      [bad(2, { question: 'which_model', answer: 'Tree of life' }), ['questions[2].shown_when.answer']],
      [bad(2, { question: 'which_model' }), ['questions[2].shown_when.answer']],
      [bad(2, 'Other'), ['questions[2].shown_when']],
    ]) {
      const res = await call('POST', routes.consultations, { auth: priya, json: {
        title: 'Practice models', summary: 'Tell us.', audience: 'children', response_scope: 'organisation',
        opens_at: new Date(Date.now() - 60_000).toISOString(), closes_at: new Date(Date.now() + 86_400_000).toISOString(),
        questions: list } });
      expectInvalidFields(res, fields);
    }
  });
});

describe('answering conditional questions', () => {
  let consultation;
  before(async () => { consultation = await publishedConsultation(call, priya, { questions, audience: 'both' }); });

  it('requires a question only when it is asked', async () => {
    const res = await putResponse(call, amira, consultation.id, { uses_model: 'yes', agreement: 4 }, { submit: true });
    expectInvalidFields(res, ['answers.which_model']);
    const deeper = await putResponse(call, amira, consultation.id,
      { uses_model: 'yes', which_model: 'Other', barriers: ['Caseloads', 'Training'], agreement: 4 }, { submit: true });
    expectInvalidFields(deeper, ['answers.other_model', 'answers.caseload_detail']);
    const wrong = await putResponse(call, amira, consultation.id,
      { uses_model: 'yes', which_model: 'Other', other_model: 'Our own', barriers: ['Caseloads'], caseload_detail: 99,
        agreement: 4 }, { submit: true });
    expectInvalidFields(wrong, ['answers.caseload_detail']);
    assert.equal((await getResponse(call, amira, consultation.id)).status, 404, 'nothing was saved');
  });

  it('neither requires nor checks a question not asked, and drops its answer on submission', async () => {
    // Amira answered "Other" in a draft, then changed her mind: her description stays in the draft, not the submission.
    await saveResponse(call, amira, consultation.id, { uses_model: 'yes', which_model: 'Other', other_model: 'Our own' });
    const draft = (await getResponse(call, amira, consultation.id)).body;
    assert.equal(draft.answers.other_model, 'Our own', 'a draft keeps what was typed');
    const submitted = await saveResponse(call, amira, consultation.id,
      { uses_model: 'no', which_model: 'Other', other_model: 'Our own', caseload_detail: 99, agreement: 2 }, { submit: true });
    assert.deepEqual(submitted.answers, { uses_model: 'no', agreement: 2 });
  });

  it('counts, for each question, the responses that were asked it', async () => {
    const responses = [
      [amira, { uses_model: 'no', agreement: 2 }],
      [grace, { uses_model: 'yes', which_model: 'Other', other_model: 'A model of our own making', barriers: ['Caseloads'],
        caseload_detail: 4, agreement: 5 }],
      [tom, { uses_model: 'yes', which_model: 'Signs of Safety', barriers: ['Training'], agreement: 3 }],
      [portsmouth, { uses_model: 'yes', which_model: 'Systemic practice', barriers: ['Caseloads', 'Turnover'],
        caseload_detail: 6, agreement: 4 }],
      [kingston, { uses_model: 'no', barriers: [], agreement: 1 }],
    ];
    for (const [session, answers] of responses.slice(1)) await saveResponse(call, session, consultation.id, answers, { submit: true });
    const summary = (await call('GET', routes.summary, { params: { id: consultation.id }, auth: priya, expect: 200 })).body;
    assert.equal(summary.responses, 5);
    for (const q of questions) {
      const got = summary.questions.find((x) => x.key === q.key);
      const askedOf = responses.filter(([, answers]) => asked(q.key, answers));
      const answered = askedOf.filter(([, answers]) => answers[q.key] !== undefined
        && !(Array.isArray(answers[q.key]) && answers[q.key].length === 0));
      assert.equal(got.asked, askedOf.length, `${q.key}: asked`);
      assert.equal(got.answered, answered.length, `${q.key}: answered`);
    }
    const which = summary.questions.find((x) => x.key === 'which_model');
    assert.deepEqual([which.asked, which.answered], [3, 3], 'the two who said no were not asked which model');
    assert.deepEqual(which.options.map((o) => [o.value, o.count]),
      [['Signs of Safety', 1], ['Systemic practice', 1], ['Other', 1]]);
    const detail = summary.questions.find((x) => x.key === 'caseload_detail');
    assert.deepEqual([detail.asked, detail.answered, detail.mean, detail.median], [2, 2, 5, 5]);
  });
});
