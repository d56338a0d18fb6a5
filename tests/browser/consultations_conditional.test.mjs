// Conditional questions in headless Chromium against the real pswnet: the Chief Social Worker's office builds a
// consultation whose second question is asked only when the first is answered "Yes", and whose third only when the
// second is answered "Other", mostly by keyboard; the builder offers the condition only once an earlier question
// can decide it, checks what is missing and shows the server's refusal on the condition's own field. Southampton
// sees each question appear as soon as its condition holds and disappear when it stops holding (chained), numbered
// among the questions asked, and checks and submits only the questions it was asked; Southwark answers through the
// API. The office reads "Asked of 1 of 2 responses" in the analysis. axe-core checks every page visited, also at
// 375 px with no sideways scroll.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import {
  expectErrorLink, expectFocusOn, expectGoodEverywhere, expectHeading, summaryRows, withServerAndBrowser,
  withSignedInPage,
} from './helpers.mjs';
import {
  addQuestionByKeyboard, banner, builderItem, draftSaved, errorSummary, fillDateTime, fillQuestion, londonFields,
  menu,
} from './consultation-pages.mjs';

let server;
let browser;
let api;

withServerAndBrowser({}, (started) => ({ server, browser, api } = started));

const title = 'Practice models in children’s services';
const questions = {
  uses: 'Do you use a practice model?',
  which: 'Which practice model do you use?',
  describe: 'Describe your practice model',
  recommend: 'Should the government recommend one model?',
};
const whenWords = 'When should people be asked this question?';
const onlyWhen = 'Only when an earlier question has a certain answer';

/** The condition group of builder question `index`. */
const conditionOf = (page, index) => builderItem(page, index).getByRole('group', { name: whenWords });

/** Chooses, by keyboard, that builder question `index` is asked only when `earlier` is answered `answer`. */
async function askOnlyWhen(page, index, earlier, answer) {
  const group = conditionOf(page, index);
  await group.getByLabel(onlyWhen).focus();
  await page.keyboard.press('Space');
  await group.getByLabel('Earlier question', { exact: true }).waitFor();
  await group.getByLabel('Earlier question', { exact: true }).selectOption({ label: earlier });
  await group.getByLabel('Answer that asks this question').selectOption({ label: answer });
}

/** The office builds the consultation through the builder and publishes it; resolves with its id. */
async function buildAndPublish(page) {
  await menu(page).getByRole('link', { name: 'Consultations' }).click();
  await page.getByRole('button', { name: 'Create a consultation' }).click();
  await expectHeading(page, 'Create a consultation');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Summary').fill('Tell us which practice model you use, if any.');
  await page.getByRole('group', { name: 'Who is it for?' }).getByLabel('Children’s services', { exact: true }).check();
  await fillDateTime(page, 'When does it open?', londonFields(-2));
  await fillDateTime(page, 'When does it close?', londonFields(14 * 24 * 60, { time: '5pm' }));

  // While the first question is free text nothing can decide the second, so it is always asked.
  await builderItem(page, 0).getByLabel('Question', { exact: true }).fill(questions.uses);
  await addQuestionByKeyboard(page, 1);
  await fillQuestion(page, 1, { text: questions.which, type: 'Choose one option',
    options: ['Signs of Safety', 'Systemic practice', 'Other'] });
  assert.equal(await conditionOf(page, 1).count(), 0, 'no condition is offered before a question can decide it');
  assert.equal(await conditionOf(page, 0).count(), 0, 'the first question is always asked');
  await builderItem(page, 0).getByLabel('Type of answer').selectOption({ label: 'Yes or no' });
  await conditionOf(page, 1).waitFor();
  assert.ok(await conditionOf(page, 1).getByLabel('Always ask this question').isChecked(), 'always asked at first');
  assert.ok(await conditionOf(page, 1).getByLabel('Earlier question', { exact: true }).isHidden(), 'the selects are not revealed yet');

  // Only when the earlier question is answered so: chosen by keyboard, then checked before anything is sent.
  await conditionOf(page, 1).getByLabel(onlyWhen).focus();
  await page.keyboard.press('Space');
  const earlier = conditionOf(page, 1).getByLabel('Earlier question', { exact: true });
  await earlier.waitFor();
  assert.deepEqual(await earlier.locator('option').allTextContents(),
    ['Choose a question', `Question 1: ${questions.uses}`], 'only earlier questions that are answered by choosing');
  await page.keyboard.press('Tab');
  await expectFocusOn(page, 'select[id$="-shown-when-question"]');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const questionId = await earlier.getAttribute('id');
  await expectErrorLink(page, 'Choose the earlier question that decides whether question 2 is asked', questionId);
  await earlier.selectOption({ label: `Question 1: ${questions.uses}` });
  const answer = conditionOf(page, 1).getByLabel('Answer that asks this question');
  assert.deepEqual(await answer.locator('option').allTextContents(), ['Choose an answer', 'Yes', 'No']);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expectErrorLink(page, 'Choose the answer that asks question 2', await answer.getAttribute('id'));
  await answer.selectOption({ label: 'Yes' });

  // Chained: the third question is asked only when the second is answered "Other".
  await addQuestionByKeyboard(page, 2);
  await fillQuestion(page, 2, { text: questions.describe, type: 'Free text', wordLimit: 100 });
  await askOnlyWhen(page, 2, `Question 2: ${questions.which}`, 'Other');
  await addQuestionByKeyboard(page, 3);
  await fillQuestion(page, 3, { text: questions.recommend, type: 'Yes or no' });
  await expectGoodEverywhere(page, 'the question builder with conditional questions');

  // The server's refusal lands on the condition's own field: an option longer than the 200 characters allowed,
  // which the second question's condition then names as its answer.
  const long = `Other: ${'a'.repeat(200)}`;
  await builderItem(page, 1).getByLabel('Options').fill(['Signs of Safety', 'Systemic practice', long].join('\n'));
  const answerAgain = conditionOf(page, 2).getByLabel('Answer that asks this question');
  assert.equal(await answerAgain.inputValue(), '', 'a rewritten option no longer fits the condition');
  await answerAgain.selectOption({ value: long });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await errorSummary(page, 'Question 3: the answer that asks it').waitFor();
  const refused = page.locator('.govuk-error-summary a', { hasText: 'Question 3: the answer that asks it' });
  assert.equal(await refused.getAttribute('href'), `#${await answerAgain.getAttribute('id')}`);
  await builderItem(page, 2).locator('.govuk-error-message', { hasText: 'the answer that asks it' }).waitFor();
  await builderItem(page, 1).getByLabel('Options').fill(['Signs of Safety', 'Systemic practice', 'Other'].join('\n'));
  await answerAgain.selectOption({ label: 'Other' });

  await page.getByRole('button', { name: 'Save and publish' }).click();
  await expectHeading(page, 'Publish this consultation?');
  await page.getByRole('button', { name: 'Publish consultation' }).click();
  await banner(page, 'The consultation has been published').waitFor();
  await expectHeading(page, title);
  const id = Number(new URL(page.url()).pathname.split('/')[2]);

  // The questions as the consultation page lists them, each condition in words.
  await page.getByText('The 4 questions').click();
  await page.getByText(`Asked only when “${questions.uses}” is answered “Yes”`).waitFor();
  await page.getByText(`Asked only when “${questions.which}” is answered “Other”`).waitFor();
  await expectGoodEverywhere(page, 'the published consultation with conditional questions, seen by the office');
  return id;
}

/** The respond page's questions, as a person finds them. */
function form(page) {
  const group = (name) => page.getByRole('group', { name });
  return {
    uses: (answer) => group(questions.uses).getByLabel(answer, { exact: true }),
    which: group(questions.which),
    describe: page.getByLabel(questions.describe),
    recommend: (answer) => group(questions.recommend).getByLabel(answer, { exact: true }),
  };
}

describe('conditional questions', () => {
  it('are built by the office, appear to the respondent only when asked, and are counted among those asked', async () => {
    let id;
    await withSignedInPage(browser, server.baseUrl, demoUsers.priya, async (office) => {
      id = await buildAndPublish(office);
    });

    await withSignedInPage(browser, server.baseUrl, demoUsers.amira, async (amira) => {
      await amira.goto(`/consultations/${id}`);
      await amira.getByRole('button', { name: 'Start your response' }).click();
      await expectHeading(amira, 'Your response');
      const answers = form(amira);
      // Only the questions always asked, numbered among themselves.
      await amira.getByText('Question 2 of 2', { exact: true }).waitFor();
      assert.ok(await answers.which.isHidden(), 'the second question is not asked yet');
      assert.ok(await answers.describe.isHidden(), 'nor the third');

      // "Yes", by keyboard: the second question appears next in the tabbing order.
      await answers.uses('Yes').focus();
      await amira.keyboard.press('Space');
      await answers.which.waitFor();
      await amira.getByText('Question 2 of 3', { exact: true }).waitFor();
      await amira.keyboard.press('Tab');
      await expectFocusOn(amira, '#answer-q2');
      await answers.which.getByLabel('Other').check();
      await answers.describe.waitFor();
      await amira.getByText('Question 4 of 4', { exact: true }).waitFor();
      await answers.describe.fill('Our own relational model, built with families');
      await draftSaved(amira).waitFor();
      await expectGoodEverywhere(amira, 'the response form with every conditional question asked');

      // "No": both conditional questions go (the chain), and nothing in them can be reached by keyboard.
      await answers.uses('No').check();
      await answers.which.waitFor({ state: 'hidden' });
      await answers.describe.waitFor({ state: 'hidden' });
      await amira.getByText('Question 2 of 2', { exact: true }).waitFor();
      await answers.uses('No').focus();
      await amira.keyboard.press('Tab');
      await expectFocusOn(amira, '#answer-q4');

      // Back to "Yes": the second question comes back as it was left, and with it the third.
      await answers.uses('Yes').check();
      await answers.describe.waitFor();
      assert.ok(await answers.which.getByLabel('Other').isChecked(), 'what was chosen is kept');
      assert.equal(await answers.describe.inputValue(), 'Our own relational model, built with families');
      await answers.which.getByLabel('Signs of Safety').check();
      await answers.describe.waitFor({ state: 'hidden' });

      // Continue asks only about what is asked; the check page lists only what was asked.
      await amira.getByRole('button', { name: 'Continue' }).click();
      await errorSummary(amira, questions.recommend).waitFor();
      const problems = await amira.locator('.govuk-error-summary__list li').allInnerTexts();
      assert.deepEqual(problems, [`Select an answer to “${questions.recommend}”`]);
      await answers.uses('No').check();
      await answers.recommend('No').check();
      await draftSaved(amira).waitFor();
      await amira.getByRole('button', { name: 'Continue' }).click();
      await expectHeading(amira, 'Check your answers before submitting your response');
      assert.deepEqual(await summaryRows(amira.locator('main')), { [questions.uses]: 'No', [questions.recommend]: 'No' });
      await expectGoodEverywhere(amira, 'the check page leaving out the questions not asked');
      await amira.getByRole('button', { name: 'Submit response' }).click();
      await amira.locator('.govuk-panel--confirmation', { hasText: 'Response submitted' }).waitFor();
    });

    // Southwark is asked the second question and answers it; not the third.
    const grace = await signIn(server.baseUrl, demoUsers.grace);
    const graceSaved = await api.put(`/api/v1/consultations/${id}/response`, {
      answers: { q1: 'yes', q2: 'Systemic practice', q4: 'yes' }, submit: true,
    }, { auth: grace });
    assert.equal(graceSaved.status, 200, graceSaved.text);

    await withSignedInPage(browser, server.baseUrl, demoUsers.priya, async (office) => {
      await office.goto(`/consultations/${id}/dashboard`);
      await expectHeading(office, 'Responses and analysis');
      const which = office.locator('#analysis-q2');
      await which.getByText(`Asked of 1 of 2 responses: those answering “Yes” to “${questions.uses}” ` +
        'Of those, 1 answered it (100%).').waitFor();
      const describeIt = office.locator('#analysis-q3');
      await describeIt.getByText(`Asked of 0 of 2 responses: those answering “Other” to “${questions.which}” ` +
        'No response has been asked it yet.').waitFor();
      const recommend = office.locator('#analysis-q4');
      await recommend.getByText('2 responses answered this question.').waitFor();
      await expectGoodEverywhere(office, 'the analysis of conditional questions');
    });
  });
});
