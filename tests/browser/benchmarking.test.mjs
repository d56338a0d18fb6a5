// Workforce benchmarking in headless Chromium against the real pswnet: a network admin imports the DfE fixture
// through the import page (progress, report, re-import unchanged, a new measure); a PSW in Southampton reads her
// dashboard, whose caseload, median, rank and band must equal the independent computation of
// tests/support/benchmarking-reference.mjs for statistical neighbours, region and England; the metric page draws
// both charts under the CSP with their tables, and asks the three best-ranked authorities; an org admin in
// Southwark saves local figures. axe-core checks every page visited.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { client, demoUsers, signIn } from '../support/api.mjs';
import { compareReference, loadReference, referencePaths, trendReference } from '../support/benchmarking-reference.mjs';
import { loadDfeNeighboursMedian } from '../support/dfe-neighbours-median.mjs';
import { startServer } from '../support/server.mjs';
import {
  expectAccessible, expectFocusOn, expectHeading, launchBrowser, signInAs, staticDir, tableRows, withWatchedPage,
} from './helpers.mjs';

const southampton = 'E06000045';
const fixtureName = 'csww-2017-2021.csv';
const latestPeriod = '2021';

let server;
let browser;
let api;
let reference;
let dfeMedian;
let metricNames;
let metricUnits;

before(async () => {
  assert.ok(existsSync(`${staticDir}/index.html`), 'build the webclient first (npm run build in webclient/)');
  reference = loadReference({ cswwPath: referencePaths.cswwFixture });
  dfeMedian = loadDfeNeighboursMedian({ cswwPath: referencePaths.cswwFixture });
  server = await startServer({ env: { PSWNET_STATIC_DIR: staticDir } });
  browser = await launchBrowser();
  api = client(server.baseUrl);
  const amira = await signIn(server.baseUrl, demoUsers.amira);
  const metrics = await api.get('/api/v1/benchmarking/metrics', { auth: amira });
  assert.equal(metrics.status, 200, metrics.text);
  metricNames = new Map(metrics.body.items.map((metric) => [metric.key, metric.name]));
  metricUnits = new Map(metrics.body.items.map((metric) => [metric.key, metric.unit]));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The figures may already be in (the import test ran first); otherwise they are imported through the API. */
async function ensureImported() {
  const sam = await signIn(server.baseUrl, demoUsers.sam);
  const periods = await api.get('/api/v1/benchmarking/periods', { auth: sam });
  if (periods.body.items.some((item) => item.period === latestPeriod)) return;
  const res = await api.request('POST', '/api/v1/benchmarking/imports', {
    body: readFileSync(referencePaths.cswwFixture), headers: { 'content-type': 'text/csv' }, auth: sam,
  });
  assert.equal(res.status, 201, res.text);
}

/** Runs `test` with a page signed in as `email`; the context is closed and checked for problems after. */
function withPage(email, test) {
  return withWatchedPage(browser, server.baseUrl, async (page, context) => {
    await signInAs(page, email);
    await test(page, context);
  });
}

const menu = (page) => page.getByRole('navigation', { name: 'Menu' });
const ready = (page) => page.locator('main:not([aria-busy])').waitFor();
const format = (n) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const thousands = (n) => n.toLocaleString('en-GB');
const bandNames = { lowest: 'Lowest quarter', lower_middle: 'Lower middle quarter', upper_middle: 'Upper middle quarter',
  highest: 'Highest quarter' };

function ordinal(n) {
  if ([11, 12, 13].includes(n % 100)) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** The text of the row of a summary list whose key is `key`. */
async function summaryValue(scope, key) {
  const row = scope.locator('.govuk-summary-list__row', { has: scope.page().locator('dt', { hasText: key }) }).first();
  return (await row.locator('dd').innerText()).trim().replace(/\s+/g, ' ');
}

/** Submits a GET form by keyboard: focus its button, press Enter, and wait for the page at the new address. */
async function submitByKeyboard(page, buttonName, urlCheck) {
  await page.getByRole('button', { name: buttonName }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(urlCheck);
  await ready(page);
}

describe('importing the DfE file', () => {
  it('uploads the file with progress, reports what it read, says so when nothing changed, and adds a measure', async () => {
    const expected = reference.report;
    await withPage(demoUsers.sam, async (page) => {
      await menu(page).getByRole('link', { name: 'Benchmarking' }).click();
      await expectHeading(page, 'Workforce benchmarking');
      await expectAccessible(page, 'the benchmarking page before any import');
      await page.getByRole('link', { name: 'Import figures and add measures' }).click();
      await expectHeading(page, 'Import workforce figures');
      // The keys a long file names its measures by, adults' ones among them.
      await page.getByText('Measure keys for a long file').click();
      const keys = await tableRows(page.locator('main table', { has: page.getByText('Measures and their keys') }));
      assert.deepEqual(keys.find((row) => row[0] === 'adults_sw_caseload'),
        ['adults_sw_caseload', 'Average caseload (adults)', 'Adults’ services']);
      assert.deepEqual(keys.find((row) => row[0] === 'caseload_fte'), ['caseload_fte', 'Average caseload', 'Children’s services']);
      await expectAccessible(page, 'the import page');

      await page.getByRole('button', { name: 'Upload and import' }).click();
      await page.locator('.govuk-error-summary', { hasText: 'Select a CSV file' }).waitFor();
      await expectFocusOn(page, '.govuk-error-summary');
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'the import page with an error');

      // Every text the progress label shows is recorded, to prove the upload reported its progress.
      await page.evaluate(() => {
        window.progressTexts = [];
        const label = document.querySelector('label[for="upload-progress"]');
        new MutationObserver(() => window.progressTexts.push(label.textContent)).observe(label, { childList: true });
      });
      await page.getByLabel('CSV file').setInputFiles(referencePaths.cswwFixture);
      await page.getByRole('button', { name: 'Upload and import' }).click();
      const report = page.locator('section[aria-labelledby="report-heading"]');
      await report.waitFor();
      await page.locator('.govuk-notification-banner--success',
        { hasText: `Imported ${thousands(expected.figureCount)} values from ${thousands(expected.rowsRead)} rows` }).waitFor();
      const progressTexts = await page.evaluate(() => window.progressTexts);
      assert.ok(progressTexts.includes(`Uploading ${fixtureName}: 0%`), progressTexts.join(' | '));
      assert.ok(progressTexts.includes(`Uploaded ${fixtureName}: checking the figures`), progressTexts.join(' | '));
      await page.locator('main [role="status"]', { hasText: `${expected.rejected.length} rows rejected` }).waitFor();

      assert.equal(await summaryValue(report, 'File'), fixtureName);
      assert.equal(await summaryValue(report, 'Result'), 'Imported');
      assert.equal(await summaryValue(report, 'Rows read'), thousands(expected.rowsRead));
      assert.match(await summaryValue(report, 'Values imported'), new RegExp(`^${thousands(expected.figureCount)} `));
      assert.match(await summaryValue(report, 'Values suppressed'), new RegExp(`^${thousands(expected.valuesSuppressed)},`));
      assert.equal(await summaryValue(report, 'Periods'), expected.periods.join(', '));
      const rejected = await tableRows(report.locator('table'));
      assert.deepEqual(rejected.map(([row, code, name]) => [Number(row), code, name]),
        expected.rejected.map((row) => [row.row, row.code, row.name]));
      assert.ok(rejected.every((row) => row[3].includes(row[1])), 'each reason names the code');
      const pastImports = page.locator('section[aria-labelledby="past-imports"] table');
      await pastImports.locator('tbody tr', { hasText: fixtureName }).first().waitFor();
      const past = await tableRows(pastImports);
      assert.match(past[0][1], new RegExp(fixtureName));
      assert.equal(past[0][2], 'Imported');
      await expectAccessible(page, 'the import report');

      // The same file again changes nothing, and the page says so.
      await page.getByLabel('CSV file').setInputFiles(referencePaths.cswwFixture);
      await page.getByRole('button', { name: 'Upload and import' }).click();
      await page.locator('.govuk-notification-banner', { hasText: 'Nothing changed' }).waitFor();
      assert.equal(await summaryValue(report, 'Result'), 'Unchanged');
      await report.getByText('had already been imported').waitFor();
      await expectAccessible(page, 'the report of an unchanged import');

      // A measure the DfE file does not have; its key cannot be used twice.
      const addMeasure = async () => {
        await page.getByLabel('Key', { exact: true }).fill('adult_vacancy_rate');
        await page.getByLabel('Name', { exact: true }).fill('Adult social work vacancy rate');
        await page.getByLabel('Unit').selectOption('percent');
        await page.getByLabel('Adults’ services', { exact: true }).check();
        await page.getByLabel('Lower is better', { exact: true }).check();
        await page.getByLabel('Definition').fill('Vacant adult social worker posts as a percentage of all posts.');
        await page.getByLabel('Source').fill('Skills for Care');
        await page.getByRole('button', { name: 'Add measure' }).click();
      };
      await addMeasure();
      await page.locator('.govuk-notification-banner--success', { hasText: 'Adult social work vacancy rate has been added' }).waitFor();
      await addMeasure();
      await page.locator('.govuk-error-summary', { hasText: 'A measure with this key already exists' }).waitFor();
      await expectAccessible(page, 'the add-a-measure form with an error');
    });
  });
});

/**
 * The dashboard row of a metric: [name, value, statistical neighbours (median), rank, band, change] against the
 * neighbours; other groups have their own median after the neighbours' one.
 */
async function dashboardRow(page, key) {
  const rows = await tableRows(page.locator('main table').first());
  const row = rows.find((cells) => cells[0] === metricNames.get(key));
  assert.ok(row, `no row for ${metricNames.get(key)} in ${JSON.stringify(rows.map((r) => r[0]))}`);
  return row;
}

async function expectDashboardEqualsReference(page, group) {
  const expected = compareReference(reference, { organisationCode: southampton, metric: 'caseload_fte', period: latestPeriod, group });
  const row = await dashboardRow(page, 'caseload_fte');
  const [, value, neighboursMedian] = row;
  const [rank, band] = row.slice(group === 'statistical' ? 3 : 4);
  assert.equal(value, format(expected.value), `${group}: Southampton's caseload`);
  const southamptonNumber = reference.byCode.get(southampton).dfeCode;
  assert.equal(neighboursMedian, format(dfeMedian(southamptonNumber, 'caseload_fte', latestPeriod).value),
    `${group}: the DfE's median of the 10 neighbours`);
  if (group !== 'statistical') assert.equal(row[3], format(expected.median), `${group}: the group's own median`);
  const headers = await page.locator('main table').first().locator('thead th').allInnerTexts();
  assert.equal(headers[2], 'Statistical neighbours (median)');
  assert.equal(rank, `${ordinal(expected.rank)} of ${expected.rankedCount}`, `${group}: the rank`);
  assert.match(band, new RegExp(`^${bandNames[expected.quartileBand]}`), `${group}: the quartile band`);
  const caption = await page.locator('main table caption').first().innerText();
  assert.ok(caption.includes(expected.groupName), `${group}: the caption names ${expected.groupName}: ${caption}`);
  assert.equal(await page.getByRole('combobox', { name: 'Period' }).inputValue(), latestPeriod);
  // Neutral measures are not ranked.
  assert.equal((await dashboardRow(page, 'cases'))[group === 'statistical' ? 3 : 4], 'Not ranked');
  // How old the figures are: the fixture's newest year, its DfE release, and the next, long overdue.
  assert.equal((await page.locator('main .govuk-inset-text').first().innerText()).replace(/\s+/g, ' ').trim(),
    "Figures as at 30 September 2021, from the Department for Education’s Children's social work workforce, " +
    'published February 2022. Figures as at 30 September 2022 were due in February 2023 and have not been added ' +
    'to PSW Network yet.');
}

describe('the dashboard and a metric page', () => {
  it('shows Southampton’s caseload, median, rank and band as the independent computation gives them', async () => {
    await ensureImported();
    await withPage(demoUsers.amira, async (page) => {
      await menu(page).getByRole('link', { name: 'Benchmarking' }).click();
      await expectHeading(page, 'Southampton’s workforce');
      assert.equal(await page.getByRole('link', { name: 'Submit local figures' }).count(), 0, 'members submit nothing');
      await expectDashboardEqualsReference(page, 'statistical');
      await expectAccessible(page, 'the dashboard against statistical neighbours');

      await page.getByLabel(/^Region/).check();
      await submitByKeyboard(page, 'Show figures', (url) => url.searchParams.get('group') === 'region');
      await expectDashboardEqualsReference(page, 'region');
      await expectAccessible(page, 'the dashboard against the region');

      await page.getByLabel('England', { exact: true }).check();
      await submitByKeyboard(page, 'Show figures', (url) => url.searchParams.get('group') === 'england');
      await expectDashboardEqualsReference(page, 'england');
      await expectAccessible(page, 'the dashboard against England');
    });
  });

  it('draws both charts with their tables, and asks the three best-ranked authorities', async () => {
    await ensureImported();
    const expected = compareReference(reference, { organisationCode: southampton, metric: 'caseload_fte', period: latestPeriod, group: 'statistical' });
    const trend = trendReference(reference, { organisationCode: southampton, metric: 'caseload_fte', group: 'statistical' });
    const title = 'How do you keep caseloads low? (from the browser test)';
    await withPage(demoUsers.amira, async (page, context) => {
      await page.goto('/benchmarking');
      await expectHeading(page, 'Southampton’s workforce');
      await page.getByRole('link', { name: metricNames.get('caseload_fte'), exact: true }).click();
      await expectHeading(page, metricNames.get('caseload_fte'));

      const canvases = page.locator('main canvas[role="img"]');
      assert.equal(await canvases.count(), 2, 'a bar chart and a line chart');
      for (const label of await canvases.evaluateAll((all) => all.map((canvas) => canvas.getAttribute('aria-label')))) {
        assert.ok(label.toLowerCase().includes(`chart of ${metricNames.get('caseload_fte').toLowerCase()}`), label);
      }
      // Chart.js has drawn something on each canvas (and the CSP let it: openPage fails on any violation).
      await page.waitForFunction(() => [...document.querySelectorAll('main canvas')].every((canvas) => {
        if (canvas.width === 0 || canvas.height === 0) return false;
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
        return false;
      }));
      assert.match(await page.locator('#comparison-heading + p').innerText(),
        new RegExp(`ranked ${ordinal(expected.rank)} of ${expected.rankedCount}`));

      // The group's table: every member in the contract's order with its figure.
      const groupRows = await tableRows(page.locator('#ask-authorities table'));
      assert.deepEqual(groupRows.map((row) => row[0].replace(/ \(your authority\)$/, '')),
        expected.members.map((member) => member.name));
      assert.deepEqual(groupRows.map((row) => row[2]), expected.members.map((member) => format(member.value)));
      // The trend's table: every period with Southampton's figure, the DfE's neighbours' median and the median of
      // the eleven.
      const southamptonNumber = reference.byCode.get(southampton).dfeCode;
      const trendRows = await tableRows(page.locator('section[aria-labelledby="trend-heading"] table'));
      assert.deepEqual(trendRows.map((row) => [row[0], row[1], row[2], row[3]]),
        trend.map((item) => [item.period, format(item.value),
          format(dfeMedian(southamptonNumber, 'caseload_fte', item.period).value), format(item.median)]));
      // The key figures say which median is which.
      const keyFigures = await page.locator('main .govuk-summary-list', { hasText: 'Rank in the group' }).innerText();
      assert.match(keyFigures, new RegExp(`Statistical neighbours \\(median\\)\\s+${format(
        dfeMedian(southamptonNumber, 'caseload_fte', latestPeriod).value)}: the median of the 10 neighbours`));
      assert.match(keyFigures, new RegExp(`Median of Southampton and its 10 neighbours\\s+${format(expected.median)}`));
      await expectAccessible(page, 'the metric page');

      // The CSV of the comparison is a plain link the browser downloads with the session cookie.
      const csvLink = page.getByRole('link', { name: 'Download this comparison as a spreadsheet (CSV)' });
      const csv = await context.request.get(await csvLink.getAttribute('href'));
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'], /^text\/csv/);
      assert.match(await csv.text(), /Southampton/);

      // The three best-ranked authorities other than Southampton are ticked; Southampton cannot be asked.
      const best = expected.members.filter((member) => !member.isSubject && member.rank !== null).slice(0, 3);
      const ticked = page.locator('#ask-authorities input[type="checkbox"]:checked');
      const tickedNames = await ticked.evaluateAll((inputs) => inputs.map((input) => input.labels[0].textContent));
      assert.deepEqual(tickedNames, best.map((member) => member.name));
      assert.equal(await page.locator('#ask-authorities tr', { hasText: 'Southampton' }).locator('input').count(), 0);
      const audienceIds = (await ticked.evaluateAll((inputs) => inputs.map((input) => Number(input.value)))).sort();

      await page.getByLabel('Title of your question').fill(title);
      await page.getByLabel('Your question', { exact: true }).fill('Our caseloads are the highest in the group. What helped you?');
      await page.getByRole('button', { name: 'Send your question' }).click();
      await page.waitForURL(/\/discussions\/\d+$/);
      await expectHeading(page, title);
      await page.locator('.govuk-notification-banner--success', { hasText: 'Your question has been posted' }).waitFor();
      await page.getByText('The 3 organisations in the audience').waitFor();
      await expectAccessible(page, 'the question asked from the metric page');

      const threadId = Number(new URL(page.url()).pathname.split('/').pop());
      const amira = await signIn(server.baseUrl, demoUsers.amira);
      const thread = await api.get(`/api/v1/threads/${threadId}`, { auth: amira });
      assert.equal(thread.status, 200, thread.text);
      assert.equal(thread.body.audience, 'organisations');
      assert.equal(thread.body.kind, 'question');
      assert.deepEqual(thread.body.tags, ['workforce']);
      assert.deepEqual(thread.body.audience_organisations.map((organisation) => organisation.id).sort(), audienceIds);
      assert.deepEqual(thread.body.audience_organisations.map((organisation) => organisation.name).sort(),
        best.map((member) => member.name).sort());
    });
  });

  it('shows a figure without a value with its reason, never as 0, and leaves it out of the count', async () => {
    await ensureImported();
    const expected = compareReference(reference, { organisationCode: southampton, metric: 'turnover_rate_fte', period: latestPeriod, group: 'statistical' });
    const missing = expected.members.filter((member) => member.status !== 'value');
    assert.ok(missing.length > 0, 'the fixture has a suppressed turnover rate among Southampton’s neighbours');
    await withPage(demoUsers.amira, async (page) => {
      await page.goto(`/benchmarking/metrics/turnover_rate_fte?group=statistical&period=${latestPeriod}`);
      await expectHeading(page, metricNames.get('turnover_rate_fte'));
      const rows = await tableRows(page.locator('#ask-authorities table'));
      for (const member of missing) {
        const row = rows.find((cells) => cells[0] === member.name);
        assert.deepEqual([row[1], row[2]], ['Not counted', member.reason]);
      }
      assert.match(await page.locator('#comparison-heading + p').innerText(),
        new RegExp(`${missing.length === 1 ? '1 authority has' : `${missing.length} authorities have`} no figure`));
      await expectAccessible(page, 'a metric page with a suppressed figure');
    });
  });
});

/** The label of a measure's box in the local figures form: its name and, when the box has a suffix, the unit. */
function boxLabel(key) {
  const suffix = { fte: 'FTE', percent: '%', cases_per_fte: 'cases per FTE', days: 'days' }[metricUnits.get(key)];
  return suffix ? `${metricNames.get(key)} (${suffix})` : metricNames.get(key);
}

describe('local submissions', () => {
  it('lets an org admin save figures for a quarter, with errors from the form and the server, and a history', async () => {
    await ensureImported();
    const caseload = boxLabel('caseload_fte');
    const vacancy = boxLabel('vacancy_rate_fte');
    await withPage(demoUsers.grace, async (page) => {
      await menu(page).getByRole('link', { name: 'Benchmarking' }).click();
      await expectHeading(page, 'Southwark’s workforce');
      await page.getByRole('link', { name: 'Submit local figures' }).click();
      await expectHeading(page, 'Local figures');
      await expectAccessible(page, 'the local figures page');

      await page.getByRole('textbox', { name: 'Period' }).fill('2024-Q2');
      await submitByKeyboard(page, 'Continue', (url) => url.searchParams.get('period') === '2024-Q2');
      await expectHeading(page, 'Local figures for 2024 quarter 2');
      await page.getByText('Nobody has saved figures for this period yet.').waitFor();
      // Children's and adults' measures each under their services.
      const form = page.locator('main form', { has: page.getByRole('button', { name: 'Save figures' }) });
      assert.deepEqual(await form.locator('h3').allInnerTexts(), ['Children’s services', 'Adults’ services']);
      await form.getByLabel(boxLabel('adults_sw_caseload')).waitFor();
      await expectAccessible(page, 'the figures form');

      // The form checks the number; the server checks the range and names the box.
      await page.getByLabel(caseload).fill('seventeen');
      await page.getByRole('button', { name: 'Save figures' }).click();
      await page.locator('.govuk-error-summary', { hasText: 'as a number' }).waitFor();
      await page.getByLabel(caseload).fill('17.2');
      await page.getByLabel(vacancy).fill('150');
      await page.getByRole('button', { name: 'Save figures' }).click();
      const summaryLink = page.locator('.govuk-error-summary a[href="#value-vacancy_rate_fte"]');
      await summaryLink.waitFor();
      await page.locator('#value-vacancy_rate_fte-error').waitFor();
      assert.equal(await page.locator('.govuk-error-summary a').count(), 1, 'only the vacancy rate is wrong');
      await expectAccessible(page, 'the figures form with an error from the server');
      await summaryLink.click();
      await expectFocusOn(page, '#value-vacancy_rate_fte');

      await page.getByLabel(vacancy).fill('12.5');
      await page.getByLabel('Shared', { exact: true }).check();
      await page.getByRole('button', { name: 'Save figures' }).click();
      await page.locator('.govuk-notification-banner--success', { hasText: 'saved and shared with the network' }).waitFor();
      const history = await tableRows(page.locator('section[aria-labelledby="history-heading"] table'));
      assert.equal(history.length, 1);
      assert.equal(history[0][0], '1');
      assert.equal(history[0][1], 'Shared');
      assert.ok(history[0][2].includes(`${metricNames.get('caseload_fte')}: 17.2`), history[0][2]);
      assert.equal(await page.getByLabel(caseload).inputValue(), '17.2');
      await expectAccessible(page, 'the figures form after saving');

      // The shared figure shows on the dashboard for that quarter, marked as local.
      await page.goto('/benchmarking?period=2024-Q2');
      await expectHeading(page, 'Southwark’s workforce');
      assert.equal((await dashboardRow(page, 'caseload_fte'))[1], '17.2 Local, not official');
      await expectAccessible(page, 'the dashboard with a local figure');
    });
  });
});
