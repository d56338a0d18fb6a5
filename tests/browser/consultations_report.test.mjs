// A consultation of both services, its papers and its closing report, in headless Chromium against the real pswnet.
// Each service of an authority gives its own response: a PSW of Southampton who works in both services writes the
// adults' services response from the consultation page, while Amira's children's services response stays apart,
// and the office reads each with its service. The office attaches a library resource as a consultation paper, a
// member sees it and downloads its file. The office opens the printable closing report, whose figures match the
// summary API, and in print media the report shows no navigation, buttons or link addresses. axe-core checks every
// new or changed page, also at 375 px with no sideways scroll.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import { addMember } from '../support/forum.mjs';
import { filenameHeader, newResource } from '../support/library.mjs';
import { pdfWith } from '../support/library-files.mjs';
import {
  expectAccessible, expectGoodEverywhere, expectHeading, tableRows, withServerAndBrowser, withSignedInSessions,
} from './helpers.mjs';
import { banner, draftSaved } from './consultation-pages.mjs';

let server;
let browser;
let api;

withServerAndBrowser({}, (started) => ({ server, browser, api } = started));

/** Runs `test` with pages opened by `open(email)`; every context is closed and checked afterwards. */
const withSessions = (test) =>
  withSignedInSessions(browser, server.baseUrl, (open) => test(async (email) => (await open(email)).page));

const ok = (res, status = 200) => {
  assert.equal(res.status, status, res.text.slice(0, 1500));
  return res.body;
};

const questions = {
  pressure: 'What is the biggest pressure on your workforce?',
  ready: 'Are you ready for the new standards?',
  confidence: 'How confident are you in the new standards?',
};

/** The office creates and publishes, through the API, an open consultation of both services answered by authorities. */
async function publishBothServices(office, title) {
  const created = ok(await api.post('/api/v1/consultations', {
    title, summary: 'Tell us how the **new standards** would work in your services.', audience: 'both',
    opens_at: new Date(Date.now() - 60_000).toISOString(),
    closes_at: new Date(Date.now() + 14 * 24 * 3600_000).toISOString(), response_scope: 'organisation',
    questions: [
      { key: 'pressure', text: questions.pressure, type: 'text', required: true },
      { key: 'ready', text: questions.ready, type: 'yes_no', required: true },
      { key: 'confidence', text: questions.confidence, type: 'scale', required: false,
        scale_labels: { low: 'Not at all', high: 'Very' } },
    ],
  }, { auth: office }), 201);
  ok(await api.post(`/api/v1/consultations/${created.id}/publish`, {}, { auth: office }));
  return created.id;
}

describe('a consultation of both services', () => {
  it('takes one response from each service: someone in both writes the adults’ one apart from the children’s', async () => {
    const priya = await signIn(server.baseUrl, demoUsers.priya);
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    const title = 'Standards for practice supervisors';
    const id = await publishBothServices(priya, title);
    const response = `/api/v1/consultations/${id}/response`;

    // Amira, in children's services, submits Southampton's children's services response through the API.
    const amiraAnswers = { pressure: 'Recruiting child protection social workers', ready: 'yes', confidence: 4 };
    const amiraSaved = ok(await api.put(response, { answers: amiraAnswers, submit: true }, { auth: amira }));
    assert.equal(amiraSaved.service, 'children');

    const both = await addMember(server, { organisation: 'E06000045', sector: 'both', displayName: 'Sol Both' });

    await withSessions(async (open) => {
      // Someone in both services chooses which service's response to write, each with how far it has got.
      const sol = await open(both.user.email);
      await sol.goto(`/consultations/${id}`);
      await expectHeading(sol, title);
      await sol.getByText('Each authority’s children’s services and adults’ services give their own response.')
        .waitFor();
      const children = sol.getByRole('link', { name: 'Change the children’s services response' });
      const adults = sol.getByRole('link', { name: 'Write the adults’ services response' });
      assert.equal(await children.getAttribute('href'), `/consultations/${id}/respond?service=children`);
      assert.equal((await sol.locator('#response-status-children').textContent()).trim(), 'Submitted');
      assert.equal((await sol.locator('#response-status-adults').textContent()).trim(), 'Not started');
      await sol.locator('.govuk-summary-list__row', { hasText: 'Who responds' })
        .getByText('One response from each authority’s children’s services and one from its adults’ services')
        .waitFor();
      await expectGoodEverywhere(sol, 'a consultation of both services, seen by someone in both');

      await adults.click();
      await expectHeading(sol, 'Your response for adults’ services');
      await sol.getByText('This is Southampton’s response for its adults’ services').waitFor();
      // Nothing of the children's services response is here.
      assert.equal(await sol.getByLabel(questions.pressure).inputValue(), '');
      await sol.getByLabel(questions.pressure).fill('Approved mental health professionals on call');
      await sol.getByRole('group', { name: questions.ready }).getByLabel('No', { exact: true }).check();
      await draftSaved(sol).waitFor();
      await expectGoodEverywhere(sol, 'the adults’ services response form');

      // Half-way, the consultation page shows the adults' draft and the children's submission side by side.
      await sol.getByRole('button', { name: 'Save and come back later' }).click();
      await banner(sol, 'Your answers have been saved to the adults’ services response').waitFor();
      await sol.locator('#response-status-adults', { hasText: 'Draft saved' }).waitFor();
      assert.equal((await sol.locator('#response-status-children').textContent()).trim(), 'Submitted');
      await sol.getByRole('link', { name: 'Continue the adults’ services response' }).click();
      await expectHeading(sol, 'Your response for adults’ services');
      assert.equal(await sol.getByLabel(questions.pressure).inputValue(), 'Approved mental health professionals on call');

      await sol.getByRole('button', { name: 'Continue' }).click();
      await expectHeading(sol, 'Check your answers before submitting your response');
      await sol.getByText('on behalf of Southampton’s adults’ services').waitFor();
      assert.match(new URL(sol.url()).search, /service=adults/);
      await expectGoodEverywhere(sol, 'the check page of the adults’ services response');
      await sol.getByRole('button', { name: 'Submit response' }).click();
      await sol.locator('.govuk-panel--confirmation',
        { hasText: `Southampton’s response for adults’ services to ${title}` }).waitFor();
      await expectGoodEverywhere(sol, 'the confirmation of the adults’ services response');
      assert.equal(await sol.getByRole('link', { name: 'change your response' }).getAttribute('href'),
        `/consultations/${id}/respond?service=adults`);

      // Two responses: Amira's is as she sent it; she may not write the adults' one.
      const mine = ok(await api.get(response, { auth: amira }));
      assert.equal(mine.service, 'children');
      assert.deepEqual(mine.answers, amiraAnswers);
      const theirs = ok(await api.get(`${response}?service=adults`, { auth: both }));
      assert.equal(theirs.service, 'adults');
      assert.equal(theirs.status, 'submitted');
      assert.equal(theirs.answers.pressure, 'Approved mental health professionals on call');
      assert.equal((await api.get(`${response}?service=adults`, { auth: amira })).status, 403);

      // A member of one service is told whose response theirs is.
      const tom = await open(demoUsers.tom);
      await tom.goto(`/consultations/${id}`);
      await tom.getByText('your response is for Wiltshire’s adults’ services, and its children’s services give their own')
        .waitFor();
      await tom.getByRole('button', { name: 'Start your response' }).click();
      await expectHeading(tom, 'Your response for adults’ services');

      // The office reads each answer with its service, and the responses by service.
      const office = await open(demoUsers.priya);
      await office.goto(`/consultations/${id}/dashboard`);
      await expectHeading(office, 'Responses and analysis');
      const pressure = office.locator('#analysis-pressure');
      await pressure.getByRole('heading', { name: 'Southampton (adults’ services)' }).waitFor();
      await pressure.getByRole('heading', { name: 'Southampton (children’s services)' }).waitFor();
      await office.getByRole('heading', { name: 'By service' }).waitFor();
      const byService = office.locator('table', { has: office.locator('caption', { hasText: 'Responses by service' }) });
      assert.deepEqual(await tableRows(byService), [['Children’s services', '1'], ['Adults’ services', '1']]);
      await expectGoodEverywhere(office, 'the dashboard of a consultation of both services');
    });
  });
});

/** A library resource created through the API by `auth`, with a PDF holding `line` when `pdfName` is given. */
async function libraryResource(auth, fields, pdfName, line) {
  const resource = ok(await api.post('/api/v1/resources', newResource(fields), { auth }), 201);
  if (pdfName) {
    ok(await api.request('POST', `/api/v1/resources/${resource.id}/files`, {
      body: pdfWith(line), headers: { 'content-type': 'application/pdf', 'x-filename': filenameHeader(pdfName) }, auth,
    }), 201);
  }
  return resource;
}

describe('consultation papers', () => {
  it('are attached by the office from the library, put in order, and read and downloaded by members', async () => {
    const priya = await signIn(server.baseUrl, demoUsers.priya);
    const title = 'Standards for approved mental health professionals';
    const id = await publishBothServices(priya, title);
    const word = `amhpstandards${Date.now()}`;
    const proposals = await libraryResource(priya, { title: `Proposed AMHP standards ${word}`, type: 'practice_guidance',
      sector: 'both' }, 'amhp-standards-proposals.pdf', 'Proposed standards for AMHPs');
    const impact = await libraryResource(priya, { title: `Impact assessment ${word}`, type: 'research_summary',
      sector: 'both', link_url: 'https://www.example.org/impact-assessment' });
    const ownOnly = await libraryResource(priya, { title: `Office notes ${word}`, visibility: 'organisation' });
    const pdf = pdfWith('Proposed standards for AMHPs');

    await withSessions(async (open) => {
      const office = await open(demoUsers.priya);
      await office.goto(`/consultations/${id}`);
      await expectHeading(office, title);
      await office.getByRole('heading', { name: 'Consultation papers' }).waitFor();
      await office.getByText('No papers are attached.').waitFor();
      await office.getByRole('link', { name: 'Attach papers' }).click();
      await expectHeading(office, 'Consultation papers');
      await office.getByText('No papers are attached yet.').waitFor();

      await office.getByLabel('Search the practice library').fill(word);
      await office.getByRole('button', { name: 'Search' }).click();
      await office.getByRole('heading', { name: `Library resources matching “${word}”` }).waitFor();
      // A resource only the office can see is listed, but cannot be attached.
      await office.locator('.app-paper-list__item', { hasText: ownOnly.title })
        .getByText('Not shared with everyone in the network, so it cannot be attached.').waitFor();
      await expectGoodEverywhere(office, 'the consultation papers page with search results');

      const live = office.locator('main [role="status"]');
      await office.getByRole('button', { name: `Attach ${impact.title}` }).click();
      await live.filter({ hasText: `“${impact.title}” attached: it is paper 1 of 1` }).waitFor({ state: 'attached' });
      // Focus stays on the result, whose button now takes the paper off again.
      await office.waitForFunction((name) => document.activeElement?.textContent?.trim().replace(/\s+/g, ' ') === name,
        `Remove ${impact.title}`);
      await office.locator('.app-paper-list__item', { has: office.getByRole('button', { name: `Remove ${impact.title}` }) })
        .getByText('as paper 1').waitFor();
      await office.getByRole('button', { name: `Attach ${proposals.title}` }).click();
      await live.filter({ hasText: `“${proposals.title}” attached: it is paper 2 of 2` }).waitFor({ state: 'attached' });
      await office.getByRole('button', { name: `Move up paper 2: ${proposals.title}` }).click();
      await live.filter({ hasText: `“${proposals.title}” moved up: it is now paper 1 of 2` }).waitFor({ state: 'attached' });
      // At the top it has no "Move up": its "Move down" takes the focus.
      await office.waitForFunction(() => document.activeElement?.id?.endsWith('-down') ?? false);
      await expectAccessible(office, 'the consultation papers page with two papers');
      const attached = ok(await api.get(`/api/v1/consultations/${id}/papers`, { auth: priya }));
      assert.deepEqual(attached.items.map((paper) => paper.resource_id), [proposals.id, impact.id]);
      assert.equal(attached.items[0].file.filename, 'amhp-standards-proposals.pdf');
      assert.equal(attached.items[1].file, null);

      // Members read the papers on the consultation page and download the file.
      const tom = await open(demoUsers.tom);
      await tom.goto(`/consultations/${id}`);
      await expectHeading(tom, title);
      const papers = tom.locator('.app-consultation__papers');
      await papers.getByRole('heading', { name: 'Consultation papers' }).waitFor();
      assert.deepEqual(await papers.locator('.app-attachment__title').allInnerTexts(),
        [proposals.title, impact.title]);
      assert.equal(await papers.getByRole('link', { name: proposals.title, exact: true }).getAttribute('href'),
        `/library/${proposals.id}`);
      await papers.getByText(`(PDF, ${pdf.length} bytes)`).waitFor();
      assert.equal(await papers.getByRole('link', { name: /^Go to the web page of Impact assessment/ })
        .getAttribute('href'), 'https://www.example.org/impact-assessment');
      await expectGoodEverywhere(tom, 'a consultation with papers, seen by a member');
      const [download] = await Promise.all([
        tom.waitForEvent('download'),
        papers.getByRole('link', { name: `Download ${proposals.title}: amhp-standards-proposals.pdf` }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'amhp-standards-proposals.pdf');
      assert.deepEqual(readFileSync(await download.path()), pdf);
      await papers.getByRole('link', { name: proposals.title, exact: true }).click();
      await expectHeading(tom, proposals.title);

      // Taking a paper off: it leaves the consultation page.
      await office.getByRole('button', { name: `Remove paper 2: ${impact.title}` }).click();
      await live.filter({ hasText: `“${impact.title}” removed. 1 paper is attached.` }).waitFor({ state: 'attached' });
      await tom.goto(`/consultations/${id}`);
      await tom.locator('.app-attachment__title', { hasText: proposals.title }).waitFor();
      assert.equal(await tom.locator('.app-attachment').count(), 1);
    });
  });
});

/** "2 of 153 authorities have responded (1.3%)", worked out here from the summary's counts. */
function respondedSentence(summary) {
  const rate = (summary.responded_count / summary.audience_count) * 100;
  return `${summary.responded_count} of ${summary.audience_count.toLocaleString('en-GB')} authorities ` +
    `${summary.responded_count === 1 ? 'has' : 'have'} responded (${percent(rate)})`;
}

const percent = (value) => `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;

describe('the closing report', () => {
  it('shows the office the figures of the summary, and prints without the service around it', async () => {
    const priya = await signIn(server.baseUrl, demoUsers.priya);
    const title = 'Standards for social work in mental health';
    const id = await publishBothServices(priya, title);
    const response = `/api/v1/consultations/${id}/response`;
    for (const [who, answers] of [
      ['amira', { pressure: 'Recruitment of experienced staff\nand keeping them', ready: 'yes', confidence: 4 }],
      ['tom', { pressure: 'Waiting lists for assessments', ready: 'no', confidence: 2 }],
      ['grace', { pressure: 'Recruitment in the assessment teams', ready: 'yes' }],
    ]) {
      const auth = await signIn(server.baseUrl, demoUsers[who]);
      ok(await api.put(response, { answers, submit: true }, { auth }));
    }
    // A theme on the two answers about recruitment, a paper, then the consultation closes with its outcome.
    const theme = ok(await api.post(`/api/v1/consultations/${id}/themes`, { name: 'Recruitment' }, { auth: priya }),
      201);
    const before = ok(await api.get(`/api/v1/consultations/${id}/summary`, { auth: priya }));
    const pressureAnswers = before.questions.find((question) => question.key === 'pressure').answers;
    for (const answer of pressureAnswers.filter((candidate) => candidate.text.startsWith('Recruitment'))) {
      const tagged = await api.put(
        `/api/v1/consultations/${id}/themes/${theme.id}/answers/${answer.response_id}/pressure`, undefined,
        { auth: priya });
      assert.ok([200, 204].includes(tagged.status), tagged.text);
    }
    const paper = await libraryResource(priya, { title: `Draft standards ${Date.now()}`, type: 'policy' },
      'draft-standards.pdf', 'Draft standards');
    ok(await api.put(`/api/v1/consultations/${id}/papers`, { resources: [paper.id] }, { auth: priya }));
    ok(await api.post(`/api/v1/consultations/${id}/close`, {}, { auth: priya }));
    ok(await api.post(`/api/v1/consultations/${id}/outcome`,
      { body: 'You said recruitment is hardest. We are funding **regional recruitment campaigns**.' }, { auth: priya }));
    const summary = ok(await api.get(`/api/v1/consultations/${id}/summary`, { auth: priya }));
    assert.equal(summary.responses, 3);

    await withSessions(async (open) => {
      // Members are sent to the consultation page.
      const amira = await open(demoUsers.amira);
      await amira.goto(`/consultations/${id}/report`);
      await amira.waitForURL((url) => url.pathname === `/consultations/${id}`);
      await expectHeading(amira, title);

      const office = await open(demoUsers.priya);
      await office.goto(`/consultations/${id}/dashboard`);
      await expectHeading(office, 'Responses and analysis');
      await office.getByRole('link', { name: 'Closing report to print or save as PDF' }).click();
      await expectHeading(office, title);
      await office.locator('.govuk-caption-l', { hasText: 'Closing report' }).waitFor();
      const report = office.locator('.app-report');

      // The response rates, as the summary counts them.
      assert.equal(await office.locator('#report-responded').innerText(), `${respondedSentence(summary)}.`);
      const rates = report.locator('section[aria-labelledby="report-rates"]');
      const regionTable = rates.locator('table').nth(0);
      assert.deepEqual(await tableRows(regionTable), [
        ...summary.by_region.map((row) => [row.region_name, row.audience_count.toLocaleString('en-GB'),
          String(row.responded_count), percent(row.response_rate)]),
        ['England', summary.audience_count.toLocaleString('en-GB'), String(summary.responded_count),
          percent(summary.response_rate)],
      ]);
      await rates.getByRole('heading', { name: 'By service' }).waitFor();
      const count = (sector) => String(summary.by_sector.find((row) => row.sector === sector).responses);
      assert.deepEqual(await tableRows(rates.locator('table').nth(1)),
        [['Children’s services', count('children')], ['Adults’ services', count('adults')]]);
      assert.deepEqual([count('children'), count('adults')], ['2', '1']);

      // Each question: the options with counts and percentages, the averages.
      const ready = summary.questions.find((question) => question.key === 'ready');
      assert.deepEqual(await tableRows(report.locator('#report-ready table')),
        ready.options.map((option) => [option.value === 'yes' ? 'Yes' : 'No', String(option.count),
          percent(option.percent)]));
      const confidence = summary.questions.find((question) => question.key === 'confidence');
      assert.deepEqual(await summaryRowsOf(report.locator('#report-confidence')),
        { Mean: String(confidence.mean), Median: String(confidence.median) });
      assert.deepEqual(await tableRows(report.locator('#report-pressure table')), [['Recruitment', '2']]);

      // The themes with quotes from the answers tagged with them, by authority and service.
      const themes = report.locator('section[aria-labelledby="report-themes"]');
      await themes.getByRole('heading', { name: 'Recruitment' }).waitFor();
      await themes.getByText('Tagged on 2 answers.').waitFor();
      await themes.locator('figure', { hasText: 'Recruitment of experienced staff' })
        .getByText('Southampton (children’s services), answering “What is the biggest pressure on your workforce?”')
        .waitFor();
      assert.equal(await themes.locator('figure').count(), 2);
      assert.equal(await themes.getByText('Waiting lists for assessments').count(), 0, 'an untagged answer is no quote');

      await report.locator('section[aria-labelledby="report-papers"]').getByText(`${paper.title} (Policy, PDF, `)
        .waitFor();
      await report.locator('section[aria-labelledby="report-outcome"]')
        .getByText('We are funding regional recruitment campaigns.').waitFor();
      assert.equal(await report.locator('section[aria-labelledby="report-not-responded"] li').count(),
        summary.not_responded.length);
      await expectGoodEverywhere(office, 'the closing report');

      // "Print or save as PDF" opens the browser's print dialogue.
      await office.evaluate(() => {
        window.printed = 0;
        window.print = () => {
          window.printed += 1;
        };
      });
      await office.getByRole('button', { name: 'Print or save as PDF' }).click();
      assert.equal(await office.evaluate(() => window.printed), 1);

      // In print: no header, navigation, footer, back link or buttons; no link addresses; whole question blocks.
      await office.emulateMedia({ media: 'print' });
      for (const hidden of [
        office.getByRole('navigation', { name: 'Menu' }), office.locator('header.govuk-template__header'),
        office.locator('footer'), office.getByRole('button', { name: 'Print or save as PDF' }),
        office.getByRole('link', { name: 'Back to the responses' }),
      ]) {
        assert.ok(await hidden.isHidden(), `${hidden} is hidden in print`);
      }
      await office.locator('#report-ready').waitFor();
      const printed = await office.evaluate(() => ({
        linkAfter: getComputedStyle(document.querySelector('.app-report a.govuk-link'), '::after').content,
        questionBreak: getComputedStyle(document.querySelector('.app-report__question')).breakInside,
        colour: getComputedStyle(document.querySelector('.app-report h1')).color,
      }));
      assert.deepEqual(printed, { linkAfter: 'none', questionBreak: 'avoid', colour: 'rgb(0, 0, 0)' });
      const pdf = await office.pdf({ format: 'A4' });
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      await office.emulateMedia({ media: 'screen' });
      assert.ok(await office.getByRole('navigation', { name: 'Menu' }).isVisible(), 'the menu is back on screen');
    });
  });
});

/** The summary list rows inside `scope` as {key: value}. */
function summaryRowsOf(scope) {
  return scope.locator('.govuk-summary-list__row').evaluateAll((rows) => Object.fromEntries(rows.map((row) => [
    row.querySelector('.govuk-summary-list__key').textContent.trim(),
    row.querySelector('.govuk-summary-list__value').textContent.trim(),
  ])));
}
