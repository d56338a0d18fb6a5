// The personal-data guard end to end: NHS and National Insurance numbers refused in threads, replies and edits with
// nothing stored anywhere; postcodes, phone numbers and dates of birth stored only once the author confirms.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectProblem } from '../support/api.mjs';
import { countRows, tablesContaining } from '../support/database.mjs';
import { hasValidNhsCheckDigit, routes, startForumServer, uniqueWord } from '../support/forum.mjs';
import { validateComponent } from '../support/openapi.mjs';

let server, forum, call, amira, tom; // who is who: startForumServer
before(async () => ({ server, forum, call, amira, tom } = await startForumServer()));
after(() => server?.stop());

describe('the personal-data guard', () => {
  const validNhs = '943 476 5919';
  const invalidNhs = '943 476 5918';

  const discussionTables = ['threads', 'posts', 'post_revisions', 'events', 'notifications'];

  async function counts() {
    return Object.fromEntries(await Promise.all(discussionTables.map(async (t) => [t, await countRows(server.db, t)])));
  }

  /**
   * Sends a request that must be refused with `type`, naming `findings` ([field, kind] pairs), and checks that
   * nothing was stored: no row in the discussion tables, and neither the marker word nor the finding anywhere.
   */
  async function expectRefused(send, { type, findings, marker, secret }) {
    const before = await counts();
    const res = await send();
    const problem = expectProblem(res, 422, { type });
    validateComponent('PersonalDataProblem', problem);
    for (const [field, kind] of findings) {
      assert.ok(problem.errors.some((e) => e.field === field && e.kind === kind), `no ${kind} in ${field}: ${res.text}`);
    }
    if (secret) {
      const digits = secret.replace(/\W/g, '');
      assert.ok(!res.text.includes(secret) && !res.text.includes(digits), `the problem repeats what it found: ${res.text}`);
    }
    assert.deepEqual(await counts(), before, 'nothing stored');
    if (marker) assert.deepEqual(await tablesContaining(server.db, marker), [], 'the refused text is nowhere in the database');
    return problem;
  }

  const threadJson = (fields) => ({ title: `A question ${uniqueWord()}`, body: 'Body.', sector: 'children', kind: 'question', ...fields });

  it('uses numbers whose check digits are what this test says', () => {
    assert.equal(hasValidNhsCheckDigit(validNhs), true);
    assert.equal(hasValidNhsCheckDigit(invalidNhs), false);
  });

  it('refuses a valid NHS number in a body or a title, confirmed or not, and stores nothing', async () => {
    for (const [fields, field, secret] of [
      [{ body: `The child's NHS number is ${validNhs}.` }, 'body', validNhs],
      [{ body: 'NHS no 9434765919, please advise.' }, 'body', '9434765919'],
      [{ title: `Query about 943-476-5919` }, 'title', '943-476-5919'],
      [{ body: `See ${validNhs}.`, confirm_personal_data: true }, 'body', validNhs],
    ]) {
      const marker = uniqueWord();
      const problem = await expectRefused(
        () => call('POST', routes.threads, { json: threadJson({ ...fields, [field]: `${fields[field]} ${marker}` }), auth: amira }),
        { type: '/problems/personal-data', findings: [[field, 'nhs_number']], marker, secret });
      assert.match(problem.errors.find((e) => e.kind === 'nhs_number').message, /NHS number/);
    }
  });

  it('refuses an NHS number in a reply and in an edit, leaving the post as it was', async () => {
    const thread = await forum.createThread(amira, { body: 'Clean body.' });
    const marker = uniqueWord();
    await expectRefused(() => call('POST', routes.posts, { id: thread.id, json: { body: `${marker} ${validNhs}` }, auth: tom }),
      { type: '/problems/personal-data', findings: [['body', 'nhs_number']], marker, secret: validNhs });
    await expectRefused(
      () => call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: `${marker} ${validNhs}`, confirm_personal_data: true }, auth: amira }),
      { type: '/problems/personal-data', findings: [['body', 'nhs_number']], marker, secret: validNhs });
    const read = await forum.getThread(amira, thread.id);
    assert.equal(read.posts[0].body_markdown, 'Clean body.');
    assert.equal(read.posts[0].revision_count, 0);
    assert.equal(read.reply_count, 0);
  });

  it('accepts ten digits whose check digit is not an NHS one', async () => {
    const thread = await forum.createThread(amira, { body: `Our policy index reference is ${invalidNhs}.` });
    assert.match(thread.posts[0].body_markdown, /943 476 5918/);
  });

  it('refuses a National Insurance number', async () => {
    await expectRefused(() => call('POST', routes.threads, { json: threadJson({ body: 'Her NI number is AB 12 34 56 C.' }), auth: amira }),
      { type: '/problems/personal-data', findings: [['body', 'ni_number']], secret: 'AB 12 34 56 C' });
    await expectRefused(() => call('POST', routes.threads, { json: threadJson({ title: 'NI AB123456C query' }), auth: amira }),
      { type: '/problems/personal-data', findings: [['title', 'ni_number']], secret: 'AB123456C' });
  });

  it('names every finding with its field', async () => {
    await expectRefused(
      () => call('POST', routes.threads, { json: threadJson({ title: 'About AB123456C', body: `Number ${validNhs}` }), auth: amira }),
      { type: '/problems/personal-data', findings: [['title', 'ni_number'], ['body', 'nhs_number']] });
  });

  it('refuses what must be refused even when warnings are confirmed', async () => {
    await expectRefused(
      () => call('POST', routes.threads, { json: threadJson({ body: `At SO14 7LY, ${validNhs}`, confirm_personal_data: true }), auth: amira }),
      { type: '/problems/personal-data', findings: [['body', 'nhs_number']] });
  });

  for (const [what, text, kind] of [
    ['a full postcode', 'The family moved to SO14 7LY last year.', 'postcode'],
    ['a phone number', 'Call the carer on 01632 960 001 after six.', 'phone_number'],
    ['a mobile number', 'Text 07700 900123 if urgent.', 'phone_number'],
    ['a date of birth', 'The young person (DOB 12/03/2015) was placed out of area.', 'date_of_birth'],
  ]) {
    it(`asks the author to confirm ${what}, and stores it once confirmed`, async () => {
      const marker = uniqueWord();
      const json = threadJson({ body: `${text} ${marker}` });
      await expectRefused(() => call('POST', routes.threads, { json, auth: amira }),
        { type: '/problems/personal-data-warning', findings: [['body', kind]], marker });
      await expectRefused(() => call('POST', routes.threads, { json: { ...json, confirm_personal_data: false }, auth: amira }),
        { type: '/problems/personal-data-warning', findings: [['body', kind]], marker });
      const thread = (await call('POST', routes.threads, { json: { ...json, confirm_personal_data: true }, auth: amira, expect: 201 })).body;
      assert.equal(thread.posts[0].body_markdown, json.body);
    });
  }

  it('asks for confirmation in replies and edits too', async () => {
    const thread = await forum.createThread(amira, { body: 'Clean body.' });
    const body = 'Ring 01632 960 001 for the duty desk.';
    await expectRefused(() => call('POST', routes.posts, { id: thread.id, json: { body }, auth: tom }),
      { type: '/problems/personal-data-warning', findings: [['body', 'phone_number']] });
    await call('POST', routes.posts, { id: thread.id, json: { body, confirm_personal_data: true }, auth: tom, expect: 201 });
    const edit = 'Our office is at SO14 7LY.';
    await expectRefused(() => call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: edit }, auth: amira }),
      { type: '/problems/personal-data-warning', findings: [['body', 'postcode']] });
    await call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: edit, confirm_personal_data: true }, auth: amira, expect: 200 });
  });
});
