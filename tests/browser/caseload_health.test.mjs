// The caseload health check in headless Chromium against the real pswnet. A network administrator first returns
// invented counts for some of Southwark's statistical neighbours, for London and for Southampton and the South East
// (one as a draft, which must count nowhere). Grace, Southwark's organisation administrator, finds the health check
// from Benchmarking, enters Southwark's return with the keyboard alone, is told which box is wrong when the server
// refuses a count, saves a draft and then shares it; her share above the cap and each group's figures are held against
// a computation in this test. Amira, a member in Southampton, sees her authority's return and Southwark's without any
// way to change them. Nobody has returned for adults' services, which is said plainly. axe-core checks both pages, at
// 375 px too, with no sideways scroll.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import { loadReference, quantileType7, referencePaths } from '../support/benchmarking-reference.mjs';
import {
  expectErrorLink, expectFocusOn, expectGoodEverywhere, expectHeading, signInAs, tableRows, withServerAndBrowser,
  withWatchedPage,
} from './helpers.mjs';

const southwark = 'E09000028';
const southampton = 'E06000045';
const period = '2025';
const bands = ['up_to_12', '13_to_15', '16_to_18', '19_to_22', 'over_22'];
const bandLowest = [0, 13, 16, 19, 23];
const reference = loadReference({ cswwPath: referencePaths.cswwFixture });

// What Grace enters for Southwark: 12 of 65 case-holders hold more than its cap of 18 cases.
const grace = { cap: 18, counts: { up_to_12: 14, '13_to_15': 22, '16_to_18': 17, '19_to_22': 9, over_22: 3 } };

let server;
let browser;
/** Organisation id by ONS code. */
const ids = new Map();
/** The returns made up for this test, by ONS code: {cap, counts, status}. */
const returned = new Map();

/** Invented counts for the i-th authority, from a fixed sequence: never about real workers. */
function inventedReturn(i, status = 'shared') {
  let seed = (i + 3) * 7919;
  const next = () => { seed = (seed * 48271) % 2147483647; return 1 + (seed % 30); };
  return { cap: [12, 15, 18, 22][i % 4], counts: Object.fromEntries(bands.map((band) => [band, next()])), status };
}

const aboveCap = ({ cap, counts }) => bands.reduce((sum, band, k) => sum + (bandLowest[k] > cap ? counts[band] : 0), 0);
const caseHolders = ({ counts }) => bands.reduce((sum, band) => sum + counts[band], 0);
/** A share as the page writes it: a percentage to one decimal place. */
const percent = (share) => `${(share * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
const thousands = (n) => n.toLocaleString('en-GB');

/** The row the comparison table must have for a group of `codes` (the subject left out), as computed here. */
function expectedRow(name, codes) {
  const shared = codes.map((code) => returned.get(code)).filter((r) => r?.status === 'shared');
  const holders = shared.reduce((sum, r) => sum + caseHolders(r), 0);
  const above = shared.reduce((sum, r) => sum + aboveCap(r), 0);
  const shares = shared.map((r) => aboveCap(r) / caseHolders(r)).sort((a, b) => a - b);
  return [name, `${shared.length} of ${codes.length}`, thousands(holders), thousands(above),
    shared.length ? percent(above / holders) : 'No returns', shared.length ? percent(quantileType7(shares, 0.5)) : 'No returns'];
}

const neighboursOf = (code) => reference.neighbours.get(code).map((neighbour) => neighbour.code);
const regionOf = (code) => reference.authorities
  .filter((a) => a.regionCode === reference.byCode.get(code).regionCode && a.code !== code).map((a) => a.code);

withServerAndBrowser({}, async (started) => {
  ({ server, browser } = started);
  const { api } = started;
  const sam = await signIn(server.baseUrl, demoUsers.sam);
  let cursor = null;
  do {
    const query = new URLSearchParams({ kind: 'local_authority', limit: '100', ...(cursor ? { cursor } : {}) });
    const res = await api.get(`/api/v1/organisations?${query}`, { auth: sam });
    assert.equal(res.status, 200, res.text);
    for (const organisation of res.body.items) ids.set(organisation.code, organisation.id);
    cursor = res.body.next_cursor;
  } while (cursor);

  // Four of Southwark's neighbours, three more London boroughs (one a draft), Southampton and two of its region.
  const londonOthers = regionOf(southwark).filter((code) => !neighboursOf(southwark).includes(code));
  const southEast = regionOf(southampton).filter((code) => code !== southampton);
  const chosen = [...neighboursOf(southwark).slice(0, 4), ...londonOthers.slice(0, 3), southampton,
    ...southEast.slice(0, 2)];
  for (const [i, code] of chosen.entries()) {
    const made = inventedReturn(i, code === londonOthers[2] ? 'draft' : 'shared');
    const res = await api.put(
      `/api/v1/organisations/${ids.get(code)}/caseload-returns/${period}/children`, made, { auth: sam });
    assert.equal(res.status, 200, `${code}: ${res.text}`);
    assert.equal(res.body.above_cap, aboveCap(made), `${code}: above the cap`);
    returned.set(code, made);
  }
});

const menu = (page) => page.getByRole('navigation', { name: 'Menu' });
const ready = (page) => page.locator('main:not([aria-busy])').waitFor();
const banner = (page, text) => page.locator('.govuk-notification-banner--success', { hasText: text }).waitFor();
const comparisonTable = (page) => page.locator('main table', { has: page.locator('caption', { hasText: 'compared with other authorities' }) });

/** Presses a button or a link with the keyboard: focus, then Enter. */
async function pressByKeyboard(locator) {
  await locator.focus();
  await locator.page().keyboard.press('Enter');
}

/** Types into a box with the keyboard, replacing what was there. */
async function typeInto(page, label, text) {
  await page.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** Chooses a radio with the keyboard. */
async function chooseByKeyboard(page, label) {
  const radio = page.getByLabel(label, { exact: true });
  await radio.focus();
  await page.keyboard.press('Space');
  assert.equal(await radio.isChecked(), true, `${label} is chosen`);
}

function asPerson(email, test) {
  return withWatchedPage(browser, server.baseUrl, async (page, context) => {
    await signInAs(page, email);
    await test(page, context);
  });
}

describe('the caseload health check', () => {
  it("lets Southwark's administrator enter its return by keyboard, saying what is wrong, then share it",
    () => asPerson(demoUsers.grace, async (page) => {
      await menu(page).getByRole('link', { name: 'Benchmarking' }).click();
      await ready(page);
      await page.getByRole('link', { name: 'Caseload health check', exact: true }).click();
      await expectHeading(page, 'Caseload health check', { exact: true });
      await page.getByText('Southwark has not shared a caseload health check for children’s services in 2025').waitFor();
      await page.getByText('Only counts are collected, never anything about a worker, a child or a family.').waitFor();
      await expectGoodEverywhere(page, 'the health check before Southwark has returned');

      await pressByKeyboard(page.getByRole('button', { name: 'Enter Southwark’s return' }));
      await page.waitForURL((url) => url.pathname === '/benchmarking/caseload-health/return'
        && url.searchParams.get('period') === period && url.searchParams.get('service') === 'children');
      await expectHeading(page, 'Caseload health check for 2025 (at 30 September)');
      assert.equal(await page.getByLabel('Save as a draft').isChecked(), true, 'a draft unless shared');
      for (const box of await page.locator('main input[id^="counts-"]').all()) {
        assert.equal(await box.getAttribute('inputmode'), 'numeric');
        assert.match(await box.getAttribute('class'), /govuk-input--width-5/);
      }
      await expectGoodEverywhere(page, 'the empty return form');

      // Everything by keyboard; one count is beyond what the server takes.
      await chooseByKeyboard(page, '18 cases');
      await typeInto(page, '12 or fewer cases', String(grace.counts.up_to_12));
      await typeInto(page, '13 to 15 cases', String(grace.counts['13_to_15']));
      await typeInto(page, '16 to 18 cases', String(grace.counts['16_to_18']));
      await typeInto(page, '19 to 22 cases', '100001');
      await typeInto(page, 'More than 22 cases', String(grace.counts.over_22));
      await pressByKeyboard(page.getByRole('button', { name: 'Save return' }));
      const summaryLink = await expectErrorLink(page,
        'The number holding 19 to 22 cases must be a whole number from 0 to 100,000', 'counts-19_to_22');
      await expectFocusOn(page, '.govuk-error-summary');
      assert.match(await page.title(), /^Error: /);
      await page.locator('#counts-19_to_22-error', { hasText: 'must be a whole number from 0 to 100,000' }).waitFor();
      await expectGoodEverywhere(page, 'the return form with an error');
      await pressByKeyboard(summaryLink);
      await expectFocusOn(page, '#counts-19_to_22');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(String(grace.counts['19_to_22']));
      await page.keyboard.press('Enter'); // sends the form from the box

      await page.waitForURL((url) => url.pathname === '/benchmarking/caseload-health');
      await banner(page, 'Southwark’s caseload health check for 2025 (at 30 September) has been saved as a draft');
      const sentence = `${aboveCap(grace)} of ${caseHolders(grace)} case-holders (${percent(aboveCap(grace) / caseHolders(grace))}) ` +
        'hold more than Southwark’s cap of 18 cases.';
      assert.equal(sentence, '12 of 65 case-holders (18.5%) hold more than Southwark’s cap of 18 cases.');
      await page.locator('#own-share', { hasText: sentence }).waitFor();
      await page.getByText('Only Southwark sees this return.').waitFor();

      await pressByKeyboard(page.getByRole('link', { name: 'Change Southwark’s return' }));
      await expectHeading(page, 'Caseload health check for 2025 (at 30 September)');
      assert.equal(await page.getByLabel('18 cases', { exact: true }).isChecked(), true, 'the cap saved is chosen');
      assert.equal(await page.getByLabel('19 to 22 cases', { exact: true }).inputValue(), String(grace.counts['19_to_22']));
      await page.getByText(/^Saved as a draft by Grace /).waitFor();
      await chooseByKeyboard(page, 'Share with the network');
      await pressByKeyboard(page.getByRole('button', { name: 'Save return' }));
      await page.waitForURL((url) => url.pathname === '/benchmarking/caseload-health');
      await banner(page, 'Southwark’s caseload health check for 2025 (at 30 September) has been shared with the network');
      assert.equal(await page.getByText('Only Southwark sees this return.').count(), 0, 'no longer a draft');
      await page.locator('#own-share', { hasText: sentence }).waitFor();

      // Her return beside her neighbours, London and England, each as computed here.
      const rows = await tableRows(comparisonTable(page));
      assert.deepEqual(rows[0], ['Southwark', 'Its own return', '65', '12', '18.5%', 'Not a group']);
      const neighbours = expectedRow('Statistical neighbours (DfE 2025 model)', neighboursOf(southwark));
      assert.equal(neighbours[1], '4 of 10');
      assert.deepEqual(rows.find((row) => row[0] === neighbours[0]), neighbours);
      assert.deepEqual(rows.find((row) => row[0] === 'London'), expectedRow('London', regionOf(southwark)));
      const england = reference.authorities.filter((a) => a.code !== southwark).map((a) => a.code);
      assert.deepEqual(rows.find((row) => row[0] === 'England'), expectedRow('England', england));
      await page.getByText(`Pooled share: ${neighbours[4]}`).first().waitFor(); // the chart says it in words

      // Each neighbour's return, opened with the keyboard.
      const details = page.locator('main details', { hasText: 'Statistical neighbours (DfE 2025 model): 4 returns' });
      await pressByKeyboard(details.locator('summary'));
      await page.waitForFunction((element) => element.open, await details.elementHandle());
      const members = await tableRows(details.locator('table'));
      const first = reference.byCode.get(neighboursOf(southwark)[0]);
      const mine = returned.get(first.code);
      assert.deepEqual(members.find((row) => row[0] === first.name),
        [first.name, String(mine.cap), ...bands.map((band) => String(mine.counts[band])), String(caseHolders(mine)),
          String(aboveCap(mine)), percent(aboveCap(mine) / caseHolders(mine))]);
      await expectGoodEverywhere(page, 'the health check with Southwark’s shared return');

      // Nobody has returned for adults' services: said plainly, with the way to enter Southwark's.
      await chooseByKeyboard(page, 'Adults’ services');
      await typeInto(page, 'Period', ''); // empty: the newest period with returns
      await pressByKeyboard(page.getByRole('button', { name: 'Show caseload health check' }));
      await page.waitForURL((url) => url.searchParams.get('service') === 'adults');
      await page.getByRole('heading', { name: 'There are no caseload health checks yet' }).waitFor();
      await page.getByText('No authority has shared a caseload health check for adults’ services yet.').waitFor();
      await page.getByRole('link', { name: 'Enter Southwark’s caseload health check' }).waitFor();
      await expectGoodEverywhere(page, 'the health check with no returns for adults’ services');
    }));

  it("shows a member her authority's figures and others', with no way to change them", () =>
    asPerson(demoUsers.amira, async (page) => {
      await page.goto('/benchmarking');
      await ready(page);
      await page.getByRole('link', { name: 'Caseload health check', exact: true }).click();
      await expectHeading(page, 'Caseload health check', { exact: true });
      const own = returned.get(southampton);
      await page.locator('#own-share', { hasText: `${aboveCap(own)} of ${caseHolders(own)} case-holders ` +
        `(${percent(aboveCap(own) / caseHolders(own))}) hold more than Southampton’s cap of ${own.cap} cases.` }).waitFor();
      assert.equal(await page.getByRole('link', { name: /Southampton’s (return|caseload health check)/ }).count(), 0,
        'a member cannot enter or change the return');
      const rows = await tableRows(comparisonTable(page));
      assert.deepEqual(rows.find((row) => row[0] === 'South East'), expectedRow('South East', regionOf(southampton)));
      await expectGoodEverywhere(page, 'Southampton’s health check for a member');

      // Southwark's shared return, chosen with the form.
      await page.getByLabel('Local authority').selectOption({ label: 'Southwark' });
      await pressByKeyboard(page.getByRole('button', { name: 'Show caseload health check' }));
      await page.waitForURL((url) => url.searchParams.get('organisation_id') === String(ids.get(southwark)));
      await page.locator('#own-share', { hasText: '12 of 65 case-holders (18.5%) hold more than Southwark’s cap' }).waitFor();
      assert.equal(await page.getByRole('link', { name: /Southwark’s (return|caseload health check)/ }).count(), 0);
      assert.equal(await page.getByRole('button', { name: /Southwark’s return/ }).count(), 0);

      // Nor can she open the return form by its address.
      await page.goto(`/benchmarking/caseload-health/return?service=children&period=${period}`);
      await expectHeading(page, 'You cannot see this page');
    }));
});
