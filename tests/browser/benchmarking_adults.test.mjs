// Benchmarking for an adults' PSW in headless Chromium against the real pswnet. Tom, the adults' PSW in Wiltshire,
// opens Benchmarking: with only children's figures imported he is told plainly that there are no adults' figures
// yet, and can choose children's figures knowingly. Once a network administrator has imported adults' measures in
// the long format (invented figures, tests/fixtures/benchmarking), his dashboard shows them against the South West,
// never against the DfE's children's statistical neighbours, with the figures the independent computation gives; a
// measure's page asks the best-ranked authorities a question for adults' services. axe-core checks every page, at
// 375 px too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import { addLongFormat, compareReference, loadReference, referencePaths } from '../support/benchmarking-reference.mjs';
import {
  expectGoodEverywhere, expectHeading, signInAs, summaryRows, tableRows, withServerAndBrowser, withWatchedPage,
} from './helpers.mjs';

const wiltshire = 'E06000054';
const measuresPath = new URL('../fixtures/benchmarking/long-adults-measures.csv', import.meta.url).pathname;
const adultsMeasures = ['adults_sw_vacancy_rate', 'adults_sw_turnover_rate', 'adults_sw_sickness_days',
  'adults_sw_agency_rate', 'adults_sw_caseload'];
const reference = loadReference({ cswwPath: referencePaths.cswwFixture });
for (const metric of adultsMeasures) addLongFormat(reference, measuresPath, { metric, polarity: 'lower_is_better' });

let server;
let browser;
let api;
withServerAndBrowser({}, (started) => ({ server, browser, api } = started));

const format = (n) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const menu = (page) => page.getByRole('navigation', { name: 'Menu' });

async function importAs(person, file) {
  const session = await signIn(server.baseUrl, person);
  const res = await api.request('POST', '/api/v1/benchmarking/imports',
    { body: readFileSync(file), headers: { 'content-type': 'text/csv' }, auth: session });
  assert.equal(res.status, 201, res.text);
}

function asTom(test) {
  return withWatchedPage(browser, server.baseUrl, async (page, context) => {
    await signInAs(page, demoUsers.tom);
    await test(page, context);
  });
}

describe("an adults' PSW's benchmarking", () => {
  it("says there are no adults' figures yet, and offers children's figures for what they are", async () => {
    await importAs(demoUsers.sam, referencePaths.cswwFixture);
    await asTom(async (page) => {
      await menu(page).getByRole('link', { name: 'Benchmarking' }).click();
      await expectHeading(page, 'Wiltshire’s workforce');
      await page.getByRole('heading', { name: 'There are no adults’ social work workforce figures yet' }).waitFor();
      assert.match(await page.locator('main').innerText(), /Skills for Care/);
      assert.equal(await page.getByLabel('Adults’ services').isChecked(), true, 'his own services are chosen');
      await expectGoodEverywhere(page, 'the dashboard without adults’ figures');

      await page.getByRole('link', { name: 'See children’s social work figures instead' }).click();
      await page.waitForURL((url) => url.searchParams.get('sector') === 'children');
      await page.getByText('Children’s social work workforce in 2021 (at 30 September)').waitFor();
      assert.equal(await page.getByLabel('Children’s services').isChecked(), true);
      const headers = await page.locator('main table').first().locator('thead th').allInnerTexts();
      assert.equal(headers[2], 'Statistical neighbours (median)', 'children’s figures, named as such');
      await expectGoodEverywhere(page, 'children’s figures chosen by an adults’ PSW');
    });
  });

  it("shows the adults' measures against the South West as computed independently, and never the DfE's neighbours",
    async () => {
      await importAs(demoUsers.sam, measuresPath);
      await asTom(async (page) => {
        await page.goto('/benchmarking');
        await page.getByText('Adults’ social work workforce in 2025, compared with the local authorities in South West.')
          .waitFor();
        assert.equal(await page.getByLabel('Statistical neighbours').count(), 0, 'no children’s model for adults');
        assert.equal(await page.getByLabel(/^Region/).isChecked(), true);
        const table = page.locator('main table').first();
        const headers = await table.locator('thead th').allInnerTexts();
        assert.deepEqual(headers.slice(0, 4),
          ['Measure', 'Wiltshire', 'Median of South West authorities', 'Rank in South West']);
        const rows = await tableRows(table);
        assert.equal(rows.length, adultsMeasures.length);
        for (const [k, key] of adultsMeasures.entries()) {
          const want = compareReference(reference, { organisationCode: wiltshire, metric: key, period: '2025', group: 'region' });
          assert.ok(rows[k][1].startsWith(format(want.value)), `${key}: ${rows[k][1]}`);
          assert.ok(rows[k][2].startsWith(format(want.median)), `${key} median: ${rows[k][2]}`);
        }
        await expectGoodEverywhere(page, 'the adults’ dashboard');
      });
    });

  it("asks the best-ranked South West authorities a question for adults' services from a measure's page", async () => {
    const want = compareReference(reference,
      { organisationCode: wiltshire, metric: 'adults_sw_caseload', period: '2025', group: 'region' });
    const best = want.members.filter((member) => !member.isSubject && member.rank !== null).slice(0, 3);
    await asTom(async (page) => {
      await page.goto('/benchmarking');
      await page.getByRole('link', { name: 'Average caseload (adults)' }).click();
      await expectHeading(page, 'Average caseload (adults)');
      const keyFigures = await summaryRows(page.locator('main .govuk-summary-list', { hasText: 'Rank in the group' }));
      assert.ok(!Object.keys(keyFigures).includes('Statistical neighbours (median)'), JSON.stringify(keyFigures));
      assert.ok(keyFigures['Median of South West authorities'].startsWith(format(want.median)));
      await page.getByText('Adults’ figures for 2025 are imported by network administrators').waitFor();
      await expectGoodEverywhere(page, 'an adults’ measure');

      const ticked = await page.locator('#ask-authorities input[type="checkbox"]:checked')
        .evaluateAll((inputs) => inputs.map((input) => input.labels[0].textContent));
      assert.deepEqual(ticked, best.map((member) => member.name));
      await page.getByLabel('Title of your question').fill('How do you keep adults’ caseloads down? (browser test)');
      await page.getByLabel('Your question', { exact: true }).fill('Our caseloads are high. What helped you?');
      await page.getByRole('button', { name: 'Send your question' }).click();
      await page.waitForURL(/\/discussions\/\d+$/);
      const threadId = Number(new URL(page.url()).pathname.split('/').pop());
      const tom = await signIn(server.baseUrl, demoUsers.tom);
      const thread = await api.get(`/api/v1/threads/${threadId}`, { auth: tom });
      assert.equal(thread.status, 200, thread.text);
      assert.equal(thread.body.sector, 'adults', 'the question is about adults’ services');
    });
  });
});
