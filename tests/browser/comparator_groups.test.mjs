// Saved comparator groups in headless Chromium against the real pswnet, as LG Inform offers them. Amira, the
// children's PSW in Southampton, saves "Our teaching partnership" (Portsmouth, Wiltshire and Kingston upon Thames)
// with the keyboard alone, after the form has said what is missing; compares her dashboard and a measure with it (the
// median and rank held against the independent computation of tests/support/benchmarking-reference.mjs, the group in
// the address as group_id and in the CSV link); asks it a question and reads whom it was asked of on the thread;
// then renames it, is told when a name is taken, and deletes it after a confirmation page. axe-core checks every
// page, and the new pages at 375 px too, with no sideways scroll.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import { compareReference, loadReference, referencePaths } from '../support/benchmarking-reference.mjs';
import {
  expectAccessible, expectErrorLink, expectFocusOn, expectGoodEverywhere, expectHeading, signInAs, summaryRows,
  tableRows, withServerAndBrowser, withWatchedPage,
} from './helpers.mjs';

const southampton = 'E06000045';
const partners = { portsmouth: 'E06000044', wiltshire: 'E06000054', kingston: 'E09000021' };
const groupName = 'Our teaching partnership';
const reference = loadReference({ cswwPath: referencePaths.cswwFixture });

let server;
let browser;
let api;
let latestPeriod;
let caseloadName;
/** The question asked of the group, which keeps its name once the group is deleted. */
let askedThreadId;
withServerAndBrowser({}, async (started) => {
  ({ server, browser, api } = started);
  const sam = await signIn(server.baseUrl, demoUsers.sam);
  const imported = await api.request('POST', '/api/v1/benchmarking/imports', {
    body: readFileSync(referencePaths.cswwFixture), headers: { 'content-type': 'text/csv' }, auth: sam,
  });
  assert.equal(imported.status, 201, imported.text);
  const periods = await api.get('/api/v1/benchmarking/periods', { auth: sam });
  latestPeriod = periods.body.items.find((period) => period.official).period;
  const metrics = await api.get('/api/v1/benchmarking/metrics', { auth: sam });
  caseloadName = metrics.body.items.find((metric) => metric.key === 'caseload_fte').name;
});

const menu = (page) => page.getByRole('navigation', { name: 'Menu' });
const ready = (page) => page.locator('main:not([aria-busy])').waitFor();
const format = (n) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const banner = (page, text) => page.locator('.govuk-notification-banner--success', { hasText: text }).waitFor();

function ordinal(n) {
  if ([11, 12, 13].includes(n % 100)) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

function asAmira(test) {
  return withWatchedPage(browser, server.baseUrl, async (page, context) => {
    await signInAs(page, demoUsers.amira);
    await test(page, context);
  });
}

/** Amira's organisation's groups, through the API. */
async function savedGroups() {
  const amira = await signIn(server.baseUrl, demoUsers.amira);
  const res = await api.get('/api/v1/comparator-groups', { auth: amira });
  assert.equal(res.status, 200, res.text);
  return res.body.items;
}

/** Ticks or unticks an organisation's box with the keyboard, opening its region first when it is closed. */
async function toggleByKeyboard(page, region, organisation) {
  const details = page.locator('main details', { has: page.locator('summary', { hasText: region }) });
  if (!(await details.evaluate((element) => element.open))) {
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((element) => element.open, await details.elementHandle());
  }
  const box = details.getByLabel(organisation, { exact: true });
  const was = await box.isChecked();
  await box.focus();
  await page.keyboard.press('Space');
  assert.equal(await box.isChecked(), !was, `${organisation} is ${was ? 'unticked' : 'ticked'}`);
}

/** The organisations a group's card lists. */
function membersOf(card) {
  return card.locator('.govuk-summary-list__row', { hasText: /^Organisations \(\d+\)/ }).locator('li').allInnerTexts();
}

/** Presses a form's button with the keyboard. */
async function pressByKeyboard(page, name) {
  await page.getByRole('button', { name }).focus();
  await page.keyboard.press('Enter');
}

describe('saving a comparator group', () => {
  it('says what is missing, then saves the authorities chosen by keyboard', () => asAmira(async (page) => {
    await menu(page).getByRole('link', { name: 'Benchmarking' }).click();
    await expectHeading(page, 'Southampton’s workforce');
    await page.getByRole('link', { name: 'Your saved comparator groups' }).first().click();
    await expectHeading(page, 'Your saved comparator groups');
    await page.getByText('Southampton has not saved any groups yet.').waitFor();
    await expectGoodEverywhere(page, 'the saved groups before any is saved');

    await page.getByRole('button', { name: 'Save a new group' }).click();
    await expectHeading(page, 'Save a comparator group');
    // Nothing is chosen, so her own region is open; her own authority is not in the list.
    const southEast = page.locator('main details', { has: page.locator('summary', { hasText: 'South East' }) });
    assert.equal(await southEast.evaluate((element) => element.open), true);
    assert.equal(await page.getByLabel('Southampton', { exact: true }).count(), 0, 'her own authority is always compared');
    await page.getByText('No organisations chosen yet.').waitFor();
    await expectGoodEverywhere(page, 'the form to save a group');

    await pressByKeyboard(page, 'Save group');
    await expectErrorLink(page, 'Enter a name for the group', 'name');
    const membersLink = await expectErrorLink(page, 'Select at least one organisation to compare with',
      'members-section-1');
    await expectFocusOn(page, '.govuk-error-summary');
    assert.match(await page.title(), /^Error: /);
    await page.locator('#name-error', { hasText: 'Enter a name for the group' }).waitFor();
    await page.locator('#members-error').waitFor();
    await expectGoodEverywhere(page, 'the form with errors');
    await membersLink.click();
    await expectFocusOn(page, '#members-section-1');

    await page.getByLabel('Name of the group').focus();
    await page.keyboard.type(groupName);
    await toggleByKeyboard(page, 'South East', 'Portsmouth');
    await toggleByKeyboard(page, 'South West', 'Wiltshire');
    await toggleByKeyboard(page, 'London', 'Kingston upon Thames');
    await page.getByText('3 chosen: Kingston upon Thames, Portsmouth and Wiltshire.').waitFor();
    await page.locator('summary', { hasText: 'South West (1 chosen)' }).waitFor();
    await pressByKeyboard(page, 'Save group');

    await page.waitForURL((url) => url.pathname === '/benchmarking/groups');
    await banner(page, `‘${groupName}’ has been saved`);
    await expectHeading(page, 'Your saved comparator groups');
    const card = page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: groupName }) });
    assert.deepEqual(await membersOf(card), ['Kingston upon Thames', 'Portsmouth', 'Wiltshire']);
    assert.match((await summaryRows(card))['Saved by'], /^Amira Holt, /);
    await expectGoodEverywhere(page, 'the saved groups with one group');

    const [saved] = await savedGroups();
    assert.equal(saved.name, groupName);
    assert.deepEqual(saved.members.map((member) => member.code).sort(), Object.values(partners).sort());
  }));
});

describe('comparing with a saved group', () => {
  it('compares the dashboard and a measure with the group, as computed independently', () => asAmira(async (page) => {
    const [group] = await savedGroups();
    const expected = compareReference(reference, {
      organisationCode: southampton, metric: 'caseload_fte', period: latestPeriod,
      group: { name: groupName, codes: Object.values(partners) },
    });
    const medianName = `Median of Southampton and ${groupName}`;

    await page.goto('/benchmarking');
    await expectHeading(page, 'Southampton’s workforce');
    const choice = page.getByLabel(`Saved group: ${groupName}`);
    await choice.focus();
    await page.keyboard.press('Space');
    await pressByKeyboard(page, 'Show figures');
    await page.waitForURL((url) => url.searchParams.get('group_id') === String(group.id));
    assert.equal(new URL(page.url()).searchParams.has('group'), false, 'a saved group is in the address as group_id alone');
    await ready(page);
    await page.getByText(`compared with the authorities in ${groupName} (a saved group).`).waitFor();
    assert.equal(await page.getByLabel(`Saved group: ${groupName}`).isChecked(), true);
    const table = page.locator('main table').first();
    const headers = await table.locator('thead th').allInnerTexts();
    const medianColumn = headers.indexOf(medianName);
    const rankColumn = headers.indexOf(`Rank in ${groupName}`);
    assert.ok(medianColumn > 0 && rankColumn > 0, headers.join(' | '));
    const caseload = (await tableRows(table)).find((row) => row[0] === caseloadName);
    assert.ok(caseload[medianColumn].startsWith(format(expected.median)), `median ${caseload[medianColumn]}`);
    assert.equal(caseload[rankColumn], `${ordinal(expected.rank)} of ${expected.rankedCount}`);
    await expectGoodEverywhere(page, 'the dashboard compared with a saved group');

    await table.getByRole('link', { name: caseloadName }).click();
    await expectHeading(page, caseloadName);
    assert.equal(new URL(page.url()).searchParams.get('group_id'), String(group.id));
    const keyFigures = await summaryRows(page.locator('main .govuk-summary-list', { hasText: 'Rank in the group' }));
    assert.ok(keyFigures[medianName].startsWith(format(expected.median)), keyFigures[medianName]);
    assert.equal(keyFigures['Rank in the group'], `${ordinal(expected.rank)} of ${expected.rankedCount}`);
    assert.match(keyFigures.Group, new RegExp(`^${groupName}: \\d+ of 4 authorities have a figure$`));
    await page.getByRole('heading', { name: `Compared with the authorities in ${groupName} (a saved group)` }).waitFor();
    const askable = await page.locator('#ask-authorities input[type="checkbox"]')
      .evaluateAll((inputs) => inputs.map((input) => input.labels[0].textContent).sort());
    assert.deepEqual(askable, ['Kingston upon Thames', 'Portsmouth', 'Wiltshire']);
    await expectGoodEverywhere(page, 'a measure compared with a saved group');

    const csv = page.getByRole('link', { name: 'Download this comparison as a spreadsheet (CSV)' });
    const href = new URL(await csv.getAttribute('href'), server.baseUrl);
    assert.equal(href.searchParams.get('group_id'), String(group.id));
    assert.equal(href.searchParams.has('group'), false);
    const download = await page.request.get(href.toString());
    assert.equal(download.status(), 200);
    assert.match(await download.text(), new RegExp(groupName));
    const trendCsv = page.getByRole('link', { name: 'Download the figures over time as a spreadsheet (CSV)' });
    assert.equal(new URL(await trendCsv.getAttribute('href'), server.baseUrl).searchParams.get('group_id'),
      String(group.id));
  }));
});

describe('asking a saved group', () => {
  it('asks the group a question, and the thread says whom it was asked of', () => asAmira(async (page) => {
    const [group] = await savedGroups();
    await page.goto('/discussions/new');
    await expectHeading(page, 'Ask the network');
    const audience = page.getByRole('group', { name: 'Who should be told about it?' });
    const savedChoice = audience.getByLabel('One of your organisation’s saved groups');
    await savedChoice.focus();
    await page.keyboard.press('Space');
    const which = page.getByLabel('Which saved group?');
    await which.waitFor();
    assert.equal(await which.inputValue(), String(group.id));
    await page.getByText('The people at Kingston upon Thames, Portsmouth and Wiltshire get a notification.').waitFor();
    await expectGoodEverywhere(page, 'the question form asking a saved group');

    const title = 'How does your partnership support newly qualified social workers? (browser test)';
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Details').fill('We are planning our ASYE programme together and would value your ideas.');
    await pressByKeyboard(page, 'Post to the network');
    await page.waitForURL(/\/discussions\/\d+$/);
    await expectHeading(page, title);
    askedThreadId = Number(new URL(page.url()).pathname.split('/').pop());
    const amira = await signIn(server.baseUrl, demoUsers.amira);
    const thread = (await api.get(`/api/v1/threads/${askedThreadId}`, { auth: amira })).body;
    assert.equal(thread.audience, 'comparator_group');
    assert.equal(thread.audience_name, groupName);
    const names = thread.audience_organisations.map((organisation) => organisation.name);
    assert.deepEqual([...names].sort(), ['Kingston upon Thames', 'Portsmouth', 'Wiltshire']);
    const about = await summaryRows(page.locator('aside.app-thread__about'));
    assert.equal(about.Audience, `Asked of ${groupName}: ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
    await expectAccessible(page, 'a question asked of a saved group');

    // The list of groups starts a question to a group too.
    await page.goto('/benchmarking/groups');
    await page.getByRole('link', { name: 'Ask this group a question' }).click();
    await expectHeading(page, 'Ask the network');
    assert.equal(await page.getByLabel('One of your organisation’s saved groups').isChecked(), true);
    assert.equal(await page.getByLabel('Which saved group?').inputValue(), String(group.id));
  }));
});

describe('changing and deleting a saved group', () => {
  it('renames it and changes its authorities, refusing an empty or a taken name', () => asAmira(async (page) => {
    const renamed = 'Our practice partnership';
    await page.goto('/benchmarking/groups');
    await expectHeading(page, 'Your saved comparator groups');
    await page.getByRole('link', { name: `Change ${groupName}` }).click();
    await expectHeading(page, `Change ${groupName}`);
    assert.equal(await page.getByLabel('Name of the group').inputValue(), groupName);
    await page.getByText('3 chosen: Kingston upon Thames, Portsmouth and Wiltshire.').waitFor();
    for (const region of ['South East', 'South West', 'London']) {
      const details = page.locator('main details', { has: page.locator('summary', { hasText: region }) });
      assert.equal(await details.evaluate((element) => element.open), true, `${region} is open: it has a member`);
    }
    await expectGoodEverywhere(page, 'the form to change a group');

    await page.getByLabel('Name of the group').fill('   ');
    await pressByKeyboard(page, 'Save changes');
    const nameLink = await expectErrorLink(page, 'Enter a name for the group', 'name');
    assert.equal(await page.locator('.govuk-error-summary a').count(), 1, 'only the name is missing');
    await expectAccessible(page, 'the form to change a group with an empty name');
    await nameLink.click();
    await expectFocusOn(page, '#name');
    await page.keyboard.type(renamed);
    await toggleByKeyboard(page, 'South West', 'Wiltshire');
    await page.getByText('2 chosen: Kingston upon Thames and Portsmouth.').waitFor();
    await pressByKeyboard(page, 'Save changes');
    await banner(page, `Your changes to ‘${renamed}’ have been saved`);
    const card = page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: renamed }) });
    assert.deepEqual(await membersOf(card), ['Kingston upon Thames', 'Portsmouth']);

    // The server refuses a name the organisation already uses, on the name.
    await page.getByRole('button', { name: 'Save a new group' }).click();
    await expectHeading(page, 'Save a comparator group');
    await page.getByLabel('Name of the group').fill(renamed.toUpperCase());
    await toggleByKeyboard(page, 'South East', 'Portsmouth');
    await pressByKeyboard(page, 'Save group');
    await expectErrorLink(page,
      `Your organisation already has a group called ‘${renamed.toUpperCase()}’: choose another name`, 'name');
    await expectAccessible(page, 'the form with a name already in use');
    assert.equal((await savedGroups()).length, 1, 'nothing was saved');
  }));

  it('deletes it only after asking, and a question asked of it keeps its name', () => asAmira(async (page) => {
    const [group] = await savedGroups();
    await page.goto('/benchmarking/groups');
    await page.getByRole('link', { name: `Delete ${group.name}` }).click();
    await expectHeading(page, 'Are you sure you want to delete this group?');
    await expectGoodEverywhere(page, 'the page that asks before deleting a group');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await expectHeading(page, 'Your saved comparator groups');
    await page.getByRole('heading', { name: group.name }).waitFor();

    await page.getByRole('link', { name: `Delete ${group.name}` }).click();
    await expectHeading(page, 'Are you sure you want to delete this group?');
    await pressByKeyboard(page, 'Delete group');
    await banner(page, `‘${group.name}’ has been deleted`);
    await page.getByText('Southampton has not saved any groups yet.').waitFor();
    assert.deepEqual(await savedGroups(), []);
    await expectAccessible(page, 'the saved groups after deleting one');

    // The benchmarking pages no longer offer it; the question asked of it still names it.
    await page.goto('/benchmarking');
    await expectHeading(page, 'Southampton’s workforce');
    assert.equal(await page.getByLabel(/^Saved group:/).count(), 0);
    await page.goto(`/discussions/${askedThreadId}`);
    await page.locator('aside dd', { hasText: `Asked of ${groupName}:` }).waitFor();
  }));
});
