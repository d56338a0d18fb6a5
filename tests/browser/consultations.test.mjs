// Consultations in headless Chromium against the real pswnet: the Chief Social Worker's office builds a
// consultation with the question builder (one question of each type) and publishes it; Southampton and Southwark
// answer it (Southampton leaves half-way and finds its draft saved), check their answers and submit, while the
// office's dashboard, open in its own browser, counts the responses live. The office tags an answer with a theme,
// downloads the CSV, reminds, closes the consultation (a late submission from Southwark is refused) and publishes
// the outcome, which a member reads on the consultation page and in discussions. Two people of one authority
// editing at once get the "someone else changed this response" banner. axe-core checks every page visited.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import { invitationTokenFor } from '../support/database.mjs';
import { NEW_PASSWORD, invitationFor, newEmail } from '../support/identity.mjs';
import {
  expectAccessible, expectFocusOn, expectHeading, tableRows, withServerAndBrowser, withSignedInSessions,
} from './helpers.mjs';
import {
  answers, banner, checkAndSubmit, createThroughPages, draftSaved, errorSummary, fillDateTime, londonFields, menu,
  questions, ready, title,
} from './consultation-pages.mjs';

let server;
let browser;
let api;

// Closing notices are looked for every second, so the "closes within 3 days" notification arrives during the test.
withServerAndBrowser({ args: ['--consultation-check-seconds', '1'] }, (started) => ({ server, browser, api } = started));

/** Runs `test` with sessions opened by `open()`; every context still open is closed and checked afterwards. */
const withSessions = (test) => withSignedInSessions(browser, server.baseUrl, test);

describe('a consultation from start to finish', () => {
  it('is built, answered by two authorities while the office watches live, analysed, closed and answered', async () => {
    await withSessions(async (open) => {
      const office = (await open(demoUsers.priya)).page;
      const id = await createThroughPages(office);

      // The office watches the dashboard in its own browser.
      await office.getByRole('link', { name: 'See the responses and analysis' }).click();
      await expectHeading(office, 'Responses and analysis');
      const responded = (n) => office.locator('#responded-count',
        { hasText: new RegExp(`^${n} of \\d+ authorities ${n === 1 ? 'has' : 'have'} responded`) });
      await responded(0).waitFor();
      await expectAccessible(office, 'the dashboard with no responses');

      // Southampton starts, leaves half-way, and comes back to its draft.
      let amiraSession = await open(demoUsers.amira);
      let amira = amiraSession.page;
      await menu(amira).getByRole('link', { name: 'Consultations' }).click();
      await expectHeading(amira, 'Consultations');
      const listed = amira.locator('.app-consultation-list__item', { hasText: title });
      await listed.getByText('Not started').waitFor();
      await listed.getByText(/^Closes \d{1,2} \w+ \d{4} at 5pm$/).waitFor();
      await expectAccessible(amira, 'the consultations list of a member');
      await listed.getByRole('link', { name: title }).click();
      await expectHeading(amira, title);
      await expectAccessible(amira, 'the consultation page of a member');
      await amira.getByRole('button', { name: 'Start your response' }).click();
      await expectHeading(amira, 'Your response');
      await expectAccessible(amira, 'the response form');
      let form = answers(amira);
      await form.pressure.fill('Recruiting experienced social workers for child protection teams');
      await form.model('Reflective supervision').check();
      await draftSaved(amira).waitFor();
      await amira.getByText('Question 1 of 6', { exact: true }).waitFor();
      await amira.getByText('Question 6 of 6', { exact: true }).waitFor();
      await amira.getByRole('button', { name: 'Continue' }).click();
      // Each message names its question, so two unanswered questions of one kind never read the same.
      const problems = await amira.locator('.govuk-error-summary__list li').allInnerTexts();
      assert.deepEqual(problems, [
        `Select an answer to “${questions.clear}”`,
        `Select an answer to “${questions.revise}”`,
        `Enter a number for “${questions.asye}”`,
      ]);
      await expectAccessible(amira, 'the response form with errors');
      await amira.getByRole('button', { name: 'Save and come back later' }).click();
      await banner(amira, 'Your answers have been saved').waitFor();
      await expectHeading(amira, title);
      await amira.getByRole('button', { name: 'Continue your response' }).waitFor();
      await amiraSession.finish();
      amiraSession.closed = true;

      amiraSession = await open(demoUsers.amira);
      amira = amiraSession.page;
      await amira.goto('/consultations');
      await amira.locator('.app-consultation-list__item', { hasText: title }).getByText('Draft saved').waitFor();
      await amira.goto(`/consultations/${id}`);
      await amira.getByRole('button', { name: 'Continue your response' }).click();
      await expectHeading(amira, 'Your response');
      form = answers(amira);
      assert.equal(await form.pressure.inputValue(), 'Recruiting experienced social workers for child protection teams');
      assert.ok(await form.model('Reflective supervision').isChecked(), 'the saved choice is ticked again');
      await form.offers('Peer mentoring').check();
      await form.clear(4).check();
      await form.revise('Yes').check();
      await form.asye.fill('12');
      await draftSaved(amira).waitFor();
      await checkAndSubmit(amira, 'Southampton');
      await responded(1).waitFor();
      await office.locator('main [role="status"]', { hasText: /New response\. 1 of \d+ authorities has responded/ })
        .waitFor({ state: 'attached' });

      // Southwark answers and submits, then opens the check page again to amend.
      const grace = (await open(demoUsers.grace)).page;
      await grace.goto(`/consultations/${id}`);
      await grace.getByRole('button', { name: 'Start your response' }).click();
      await expectHeading(grace, 'Your response');
      const graceForm = answers(grace);
      // The personal-data guard: an NHS number is never saved; a postcode is sent once she confirms it.
      await graceForm.pressure.fill('Caseloads, like the child with NHS number 943 476 5919');
      await errorSummary(grace, 'contains what looks like an NHS number').waitFor();
      await grace.locator('.app-save-status', { hasText: 'Your latest changes have not been saved.' }).waitFor();
      await expectAccessible(grace, 'the response form refusing an NHS number');
      await graceForm.pressure.fill('Caseloads in the assessment teams at SE1 2QH');
      await graceForm.model('Group supervision').check();
      await graceForm.clear(2).check();
      await graceForm.revise('No').check();
      await graceForm.asye.fill('7');
      await draftSaved(grace).waitFor();
      await errorSummary(grace, 'NHS number').waitFor({ state: 'detached' });
      await grace.getByRole('button', { name: 'Continue' }).click();
      await expectHeading(grace, 'Check your answers before submitting your response');
      await grace.getByRole('button', { name: 'Submit response' }).click();
      await errorSummary(grace, 'contains a full postcode').waitFor();
      // The warning is shown in the answer's own row too, before the answer.
      const warnedAnswer = grace.locator('.govuk-summary-list__row', { hasText: 'SE1 2QH' })
        .locator('.govuk-summary-list__value > div');
      await warnedAnswer.locator('.govuk-error-message', { hasText: 'full postcode' }).waitFor();
      assert.ok(await warnedAnswer.evaluate((cell) => cell.firstChild.textContent.includes('full postcode')),
        'the warning comes before the answer');
      await expectAccessible(grace, 'the check page warning about a postcode');
      await grace.getByLabel('I have checked: this is not about a person who uses services').check();
      await grace.getByRole('button', { name: 'Submit response' }).click();
      await grace.locator('.govuk-panel--confirmation', { hasText: 'Response submitted' }).waitFor();
      await expectAccessible(grace, 'the confirmation of Southwark');
      await responded(2).waitFor();
      await grace.getByRole('link', { name: 'change your response' }).click();
      await expectHeading(grace, 'Your response');
      await answers(grace).pressure.fill('Caseloads in the assessment teams');
      await answers(grace).asye.fill('8');
      await draftSaved(grace).waitFor();
      await grace.getByRole('button', { name: 'Continue' }).click();
      await expectHeading(grace, 'Check your answers before submitting your response');

      // The office reads the analysis: charts with their tables, averages, the free-text answers.
      const model = office.locator(`#analysis-q2`);
      await model.locator('canvas[role="img"]').waitFor();
      assert.deepEqual(await tableRows(model.locator('table')), [
        ['Reflective supervision', '1', '50%'], ['Group supervision', '1', '50%'], ['Case management', '0', '0%'],
      ]);
      await model.locator('p', { hasText: '“Reflective supervision” and “Group supervision” were chosen equally often' })
        .waitFor();
      const scale = office.locator('.app-question-analysis', { hasText: questions.clear });
      assert.equal((await tableRows(scale.locator('table')))[0][0], '1 (Strongly disagree)');
      await scale.locator('.govuk-summary-list__row', { hasText: 'Mean' }).getByText('3').waitFor();
      await expectAccessible(office, 'the dashboard with two responses');

      // A theme, and Southampton's answer tagged with it.
      await office.getByLabel('Theme', { exact: true }).fill('Recruitment');
      await office.getByRole('button', { name: 'Add theme' }).click();
      const tags = office.getByRole('group', { name: 'Themes of Southampton’s answer' });
      await tags.getByLabel('Recruitment').check();
      const themeCounts = office.locator('section[aria-labelledby="themes-heading"] table');
      await themeCounts.locator('tbody tr', { hasText: 'Recruitment' }).getByText('1').waitFor();
      await expectAccessible(office, 'the dashboard with a theme');

      // The CSV: a byte-order mark, a column per question, a row per response.
      const [download] = await Promise.all([
        office.waitForEvent('download'),
        office.getByRole('button', { name: 'Download as a spreadsheet (CSV)' }).click(),
      ]);
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.startsWith('\uFEFF'), 'the CSV starts with a byte-order mark');
      const lines = csv.slice(1).trim().split(/\r?\n/);
      assert.match(lines[0], /^response_id,organisation_code,organisation_name,service,submitted_by,submitted_at,q1,q2,q3,/);
      assert.equal(lines.length, 3, csv);

      // More time for everyone: the closing date moves, which is all that may change once published.
      await office.getByRole('link', { name: 'Change the closing date' }).click();
      await expectHeading(office, 'Change the closing date');
      await expectAccessible(office, 'the closing date form');
      const later = londonFields(3 * 24 * 60, { time: '4:30pm' });
      await fillDateTime(office, 'When does it close?', later);
      await office.getByRole('button', { name: 'Change the closing date' }).click();
      await banner(office, new RegExp(`It now closes ${later.day} \\w+ ${later.year} at 4:30pm`)).waitFor();
      await office.getByRole('link', { name: 'See the responses and analysis' }).click();
      await expectHeading(office, 'Responses and analysis');

      await office.getByRole('button', { name: 'Send a reminder' }).click();
      await office.locator('.govuk-notification-banner--success',
        { hasText: /Reminder sent to \d+ (person|people)|Nobody needed a reminder/ }).waitFor();

      // Closing early: the late amendment from Southwark is refused with a clear message.
      await office.getByRole('button', { name: 'Close it now' }).click();
      await expectHeading(office, 'Close this consultation now?');
      await expectAccessible(office, 'the close confirmation');
      await office.getByRole('button', { name: 'Close consultation now' }).click();
      await banner(office, 'The consultation is closed').waitFor();
      await expectHeading(office, 'Responses and analysis');

      await grace.getByRole('button', { name: 'Submit response' }).click();
      await banner(grace, 'This consultation has closed').waitFor();
      await grace.getByText('Responses are no longer accepted').waitFor();
      await expectAccessible(grace, 'the refused late submission');

      // "You said, we did", from the button on the consultation page to the form on the dashboard.
      await office.goto(`/consultations/${id}`);
      await expectHeading(office, title);
      assert.equal(await office.getByRole('button', { name: 'Close it now' }).count(), 0, 'it is closed already');
      await office.getByRole('button', { name: 'Publish the outcome' }).click();
      await expectHeading(office, 'Responses and analysis');
      await expectFocusOn(office, '#outcome');
      await office.getByLabel('What you heard and what you are doing about it').fill(
        'You said recruitment is the biggest pressure. We are funding a national campaign for experienced staff.');
      await expectAccessible(office, 'the outcome form');
      await office.getByRole('button', { name: 'Publish the outcome' }).click();
      await banner(office, 'The outcome has been published').waitFor();

      await amira.goto(`/consultations/${id}`);
      await amira.getByRole('heading', { name: 'You said, we did' }).waitFor();
      await amira.getByText('We are funding a national campaign for experienced staff.').waitFor();
      await expectAccessible(amira, 'the consultation with its outcome');
      await amira.getByRole('link', { name: 'Discuss the outcome with the network' }).click();
      await expectHeading(amira, `You said, we did: ${title}`);
      await expectAccessible(amira, 'the announcement of the outcome');

      // Her notifications: published, closing soon, outcome, each leading to the consultation.
      await menu(amira).getByRole('link', { name: /^Notifications/ }).click();
      await expectHeading(amira, 'Notifications');
      for (const text of [`Consultation open: ${title}`, `Closing within 3 days: ${title}`,
        `You said, we did: ${title}`]) {
        const item = amira.getByRole('link', { name: text, exact: true });
        await item.waitFor();
        assert.equal(await item.getAttribute('href'), `/consultations/${id}`);
      }
      await expectAccessible(amira, 'the notifications of consultations');
    });
  });
});

describe('the office’s steps', () => {
  it('publishes a draft from a button on its page, through the confirmation', async () => {
    const priya = await signIn(server.baseUrl, demoUsers.priya);
    const created = await api.post('/api/v1/consultations', {
      title: 'Practice educator standards', summary: 'Are they right?', audience: 'both',
      opens_at: new Date(Date.now() + 24 * 3600_000).toISOString(),
      closes_at: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(), response_scope: 'individual',
      questions: [{ key: 'right', text: 'Are the standards right?', type: 'yes_no', required: true }],
    }, { auth: priya });
    assert.equal(created.status, 201, created.text);

    await withSessions(async (open) => {
      const office = (await open(demoUsers.priya)).page;
      await office.goto(`/consultations/${created.body.id}`);
      await expectHeading(office, 'Practice educator standards');
      await office.getByRole('link', { name: 'Edit the draft' }).waitFor();
      await expectAccessible(office, 'a draft consultation, seen by the office');
      await office.getByRole('button', { name: 'Publish the consultation' }).click();
      await expectHeading(office, 'Publish this consultation?');
      await office.getByRole('button', { name: 'Publish consultation' }).click();
      await banner(office, 'The consultation has been published').waitFor();
      // Opening tomorrow: it can move its closing date, but not be closed before it opens.
      await office.getByRole('link', { name: 'Change the closing date' }).waitFor();
      assert.equal(await office.getByRole('button', { name: 'Close it now' }).count(), 0);
    });
  });
});

describe('two people of one authority answering at once', () => {
  it('stops the second from overwriting the first and says someone else changed the response', async () => {
    const priya = await signIn(server.baseUrl, demoUsers.priya);
    const opens = new Date(Date.now() - 60_000).toISOString();
    const closes = new Date(Date.now() + 14 * 24 * 3600_000).toISOString();
    const created = await api.post('/api/v1/consultations', {
      title: 'Caseload weighting tools', summary: 'Do you use one?', audience: 'children', opens_at: opens,
      closes_at: closes, response_scope: 'organisation',
      questions: [{ key: 'tool', text: 'Which tool do you use?', type: 'text', required: true }],
    }, { auth: priya });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    const published = await api.post(`/api/v1/consultations/${id}/publish`, {}, { auth: priya });
    assert.equal(published.status, 200, published.text);

    // A second principal social worker in Southampton, invited by the network admin.
    const sam = await signIn(server.baseUrl, demoUsers.sam);
    const amiraApi = await signIn(server.baseUrl, demoUsers.amira);
    const email = newEmail('second.psw');
    const invited = await api.post('/api/v1/invitations',
      invitationFor(email, amiraApi.user.organisation.id, { sector: 'children' }), { auth: sam });
    assert.equal(invited.status, 201, invited.text);
    const token = await invitationTokenFor(server.db, email);
    const accepted = await api.post(`/api/v1/invitations/${token}/accept`,
      { display_name: 'Jo Second', password: NEW_PASSWORD });
    assert.equal(accepted.status, 201, accepted.text);

    await withSessions(async (open) => {
      const amira = (await open(demoUsers.amira)).page;
      const jo = (await open(email, NEW_PASSWORD)).page;
      for (const page of [amira, jo]) {
        await page.goto(`/consultations/${id}/respond`);
        await expectHeading(page, 'Your response');
      }
      await amira.getByLabel('Which tool do you use?').fill('Our own spreadsheet');
      await draftSaved(amira).waitFor();

      await jo.getByLabel('Which tool do you use?').fill('The regional tool');
      await banner(jo, 'Someone else from your organisation changed this response').waitFor();
      await jo.locator('.app-save-status', { hasText: 'Your latest changes have not been saved.' }).waitFor();
      assert.ok(await jo.getByRole('button', { name: 'Continue' }).isDisabled(), 'nothing more is sent');
      await expectAccessible(jo, 'the response form after someone else saved');

      const saved = await api.get(`/api/v1/consultations/${id}/response`, { auth: amiraApi });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body.answers, { tool: 'Our own spreadsheet' }, 'Amira’s answer was not overwritten');

      await jo.getByRole('link', { name: 'Reload the response to see their changes' }).click();
      await ready(jo);
      await jo.locator('.govuk-notification-banner').waitFor({ state: 'detached' });
      assert.equal(await jo.getByLabel('Which tool do you use?').inputValue(), 'Our own spreadsheet');
    });
  });
});
