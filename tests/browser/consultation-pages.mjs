// The consultation pages as the browser tests drive them: the question builder, the date and time fields, the
// response form by question, and the short cuts every consultation test takes (build and publish through the
// pages, check and submit).
import assert from 'node:assert/strict';
import { expectAccessible, expectFocusOn, expectHeading } from './helpers.mjs';

export const menu = (page) => page.getByRole('navigation', { name: 'Menu' });
export const ready = (page) => page.locator('main:not([aria-busy])').waitFor();
export const banner = (page, text) => page.locator('.govuk-notification-banner', { hasText: text });
export const errorSummary = (page, text) => page.locator('.govuk-error-summary', { hasText: text });
export const builderItem = (page, index) => page.locator('.app-question-builder__item').nth(index);

/** The date and time in London `minutes` from now, as a person types them into the date input and time box, and as
 * GOV.UK dates show them: "4", not "04" (Intl pads numeric days and months in en-GB). */
export function londonFields(minutesFromNow, { time } = {}) {
  const moment = new Date(Date.now() + minutesFromNow * 60_000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(moment).map((part) => [part.type, part.value]));
  const unpadded = (value) => String(Number(value));
  return {
    day: unpadded(parts.day), month: unpadded(parts.month), year: parts.year, time: time ?? `${parts.hour}:${parts.minute}`,
  };
}

export async function fillDateTime(page, legend, fields) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(fields.day);
  await group.getByLabel('Month').fill(fields.month);
  await group.getByLabel('Year').fill(fields.year);
  await group.getByLabel('Time').fill(fields.time);
}

export const title = 'Knowledge and skills statements: are they working?';
export const questions = {
  pressure: 'What is the biggest pressure on your social work workforce?',
  model: 'Which supervision model do you use most?',
  offers: 'Which of these do you offer newly qualified social workers?',
  clear: 'The knowledge and skills statement is clear',
  revise: 'Should the statement be revised?',
  asye: 'How many social workers are in your ASYE programme?',
};

/** Fills question `index` of the builder. */
export async function fillQuestion(page, index, { text, type, help, options, wordLimit, low, high, min, max, optional }) {
  const item = builderItem(page, index);
  await item.getByLabel('Question', { exact: true }).fill(text);
  await item.getByLabel('Type of answer').selectOption({ label: type });
  if (help) await item.getByLabel('Help text (optional)').fill(help);
  if (options) await item.getByLabel('Options').fill(options.join('\n'));
  if (wordLimit) await item.getByLabel('Word limit (optional)').fill(String(wordLimit));
  if (low) await item.getByLabel('What 1 means').fill(low);
  if (high) await item.getByLabel('What 5 means').fill(high);
  if (min !== undefined) await item.getByLabel('Lowest number allowed (optional)').fill(String(min));
  if (max !== undefined) await item.getByLabel('Highest number allowed (optional)').fill(String(max));
  if (optional) await item.getByLabel('People must answer this question').uncheck();
}

/** Presses "Add another question" with the keyboard; focus must land in the new question. */
export async function addQuestionByKeyboard(page, count) {
  await page.getByRole('button', { name: 'Add another question' }).focus();
  await page.keyboard.press('Enter');
  await builderItem(page, count).waitFor();
  await expectFocusOn(page, `.app-question-builder__item:nth-child(${count + 1}) textarea[id$="-text"]`);
}

/** The office builds and publishes the consultation through the pages; resolves with its id. */
export async function createThroughPages(page) {
  await menu(page).getByRole('link', { name: 'Consultations' }).click();
  await expectHeading(page, 'Consultations');
  await expectAccessible(page, 'the consultations list of an office');
  await page.getByRole('button', { name: 'Create a consultation' }).click();
  await expectHeading(page, 'Create a consultation');
  await expectAccessible(page, 'the new consultation form');

  await page.getByRole('button', { name: 'Save draft' }).click();
  await errorSummary(page, 'Enter a title').waitFor();
  await expectFocusOn(page, '.govuk-error-summary');
  assert.match(await page.title(), /^Error: /);
  await errorSummary(page, 'Enter the question').waitFor();
  await expectAccessible(page, 'the new consultation form with errors');

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Summary').fill('We want to know whether the **knowledge and skills statements** help.\n\n' +
    '- for supervisors\n- for practitioners');
  await page.getByRole('group', { name: 'Who is it for?' }).getByLabel('Children’s services', { exact: true }).check();
  await fillDateTime(page, 'When does it open?', londonFields(-2));
  // Closing within 3 days: the closing notice is due at once.
  await fillDateTime(page, 'When does it close?', londonFields(2 * 24 * 60, { time: '5pm' }));

  await fillQuestion(page, 0, { text: questions.pressure, type: 'Free text', help: 'Think about the last 12 months.',
    wordLimit: 30 });
  await addQuestionByKeyboard(page, 1);
  await fillQuestion(page, 1, { text: questions.model, type: 'Choose one option',
    options: ['Reflective supervision', 'Group supervision', 'Case management'] });
  await addQuestionByKeyboard(page, 2);
  await fillQuestion(page, 2, { text: questions.offers, type: 'Choose any options',
    options: ['Protected caseload', 'Peer mentoring', 'Extra supervision'], optional: true });
  await addQuestionByKeyboard(page, 3);
  await fillQuestion(page, 3, { text: questions.asye, type: 'Number', min: 0, max: 500 });
  await addQuestionByKeyboard(page, 4);
  await fillQuestion(page, 4, { text: questions.clear, type: 'Scale from 1 to 5', low: 'Strongly disagree',
    high: 'Strongly agree' });
  await addQuestionByKeyboard(page, 5);
  await fillQuestion(page, 5, { text: questions.revise, type: 'Yes or no' });

  // The number question goes to the end by keyboard: focus stays on the moved question's button.
  const numberItem = builderItem(page, 3);
  await numberItem.getByRole('button', { name: 'Move down question 4' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('main [role="status"]', { hasText: 'Question 4 moved down: it is now question 5' }).waitFor();
  await expectFocusOn(page, '.app-question-builder__item:nth-child(5) button');
  await page.keyboard.press('Enter');
  await expectFocusOn(page, '.app-question-builder__item:nth-child(6) button');
  assert.equal(await builderItem(page, 5).getByLabel('Question', { exact: true }).inputValue(), questions.asye);
  await expectAccessible(page, 'the question builder with six questions');

  await page.getByRole('button', { name: 'Save and publish' }).click();
  await expectHeading(page, 'Publish this consultation?');
  await expectAccessible(page, 'the publish confirmation');
  await page.getByRole('button', { name: 'Publish consultation' }).click();
  await banner(page, 'The consultation has been published').waitFor();
  await expectHeading(page, title);
  // Closing early is a warning button; the other ways on are links.
  await page.getByRole('button', { name: 'Close it now' }).waitFor();
  await page.getByRole('link', { name: 'Change the closing date' }).waitFor();
  await expectAccessible(page, 'the published consultation, seen by the office');
  return Number(new URL(page.url()).pathname.split('/')[2]);
}

/** The respond page's fields, by question. */
export function answers(page) {
  const group = (name) => page.getByRole('group', { name });
  return {
    pressure: page.getByLabel(questions.pressure),
    model: (option) => group(questions.model).getByLabel(option),
    offers: (option) => group(`${questions.offers} (optional)`).getByLabel(option),
    clear: (point) => group(questions.clear).getByLabel(String(point), { exact: true }),
    revise: (answer) => group(questions.revise).getByLabel(answer, { exact: true }),
    asye: page.getByLabel(questions.asye),
  };
}

export const draftSaved = (page) => page.locator('.app-save-status', { hasText: /^Draft saved at / });

/** From the consultation page through "Check your answers" to the confirmation panel. */
export async function checkAndSubmit(page, who) {
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectHeading(page, 'Check your answers before submitting your response');
  await expectAccessible(page, `the check your answers page of ${who}`);
  await page.getByRole('button', { name: 'Submit response' }).click();
  await page.locator('.govuk-panel--confirmation', { hasText: 'Response submitted' }).waitFor();
  await expectAccessible(page, `the confirmation of ${who}`);
}
