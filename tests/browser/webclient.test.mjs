// The webclient in headless Chromium against the real pswnet and a fresh database with the demo data: signing in
// (with the mouse and with the keyboard only), the organisations directory, an organisation page, inviting and
// accepting an invitation, signing out. axe-core checks every page visited and fails on any violation.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { client, DEMO_PASSWORD, demoUsers, signIn } from '../support/api.mjs';
import { invitationTokenFor } from '../support/database.mjs';
import { startServer } from '../support/server.mjs';
import {
  expectAccessible, expectFocusOn, expectHeading, launchBrowser, openPage, signInAs,
  signInThroughPage, staticDir, tableRows, withWatchedPage,
  withSignedInPage as signedInPageOf,
} from './helpers.mjs';

const closenessWords = ['Extremely close', 'Very close', 'Close', 'Somewhat close', 'Not close'];

let server;
let browser;

before(async () => {
  assert.ok(existsSync(`${staticDir}/index.html`), `build the webclient first (npm run build in webclient/)`);
  server = await startServer({ env: { PSWNET_STATIC_DIR: staticDir } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Invites `email` to Southwark as its org admin (through the API) and returns the token of the accept link. */
async function inviteToSouthwark(email, sector = 'children') {
  const grace = await signIn(server.baseUrl, demoUsers.grace);
  const invited = await client(server.baseUrl).post('/api/v1/invitations',
    { email, organisation_id: grace.user.organisation.id, roles: ['member'], sector }, { auth: grace });
  assert.equal(invited.status, 201, invited.text);
  return invitationTokenFor(server.db, email);
}

/** The home page's line saying who is signed in, in one line. */
async function signedInAs(page) {
  const line = page.locator('main p', { hasText: 'You are signed in as' });
  return (await line.innerText()).replace(/\s+/g, ' ').trim();
}

/** A test with a fresh page, closed afterwards and checked to have stayed clean (see withWatchedPage). */
function pageTest(name, test) {
  it(name, () => withWatchedPage(browser, server.baseUrl, test));
}

/** Tom answers a new question of Amira's, which gives her an unread notification. */
async function giveAmiraAnUnreadNotification() {
  const [amira, tom] = await Promise.all([signIn(server.baseUrl, demoUsers.amira), signIn(server.baseUrl, demoUsers.tom)]);
  const api = client(server.baseUrl);
  const thread = await api.post('/api/v1/threads', {
    sector: 'both', kind: 'question', title: 'Who chairs your practice forum?', body: 'We are setting one up.',
  }, { auth: amira });
  assert.equal(thread.status, 201, thread.text);
  const answer = await api.post(`/api/v1/threads/${thread.body.id}/posts`, { body: 'Our principal social worker.' },
    { auth: tom });
  assert.equal(answer.status, 201, answer.text);
}

/** A signed-in page, checked and closed after `test` (helpers.mjs). */
const withSignedInPage = (email, test) => signedInPageOf(browser, server.baseUrl, email, test);

/**
 * A watched page whose address is on `host` (over HTTPS, as a real deployment), served by the test's pswnet: the
 * browser's requests to that host are answered by fetching the same path from the server.
 */
async function withPageOnHost(host, test) {
  const origin = `https://${host}`;
  const session = await openPage(browser, origin);
  await session.context.route((url) => url.origin === origin, async (route) => {
    const url = new URL(route.request().url());
    try {
      const response = await route.fetch({ url: `${server.baseUrl}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    } catch {
      // The test ended, and closed its page, while this request (a font, an icon) was in flight.
      await route.abort().catch(() => {});
    }
  });
  try {
    await test(session.page);
  } finally {
    await session.finish();
  }
}

/** What the header and footer show of whose service this is. */
async function branding(page) {
  await page.locator('main:not([aria-busy]) h1').waitFor();
  return page.evaluate(() => ({
    branding: document.documentElement.dataset.branding,
    homeLink: document.querySelector('header a[href="/"]')?.textContent.trim(),
    logotypes: document.querySelectorAll('header svg, .govuk-header__logotype').length,
    crowns: document.querySelectorAll('footer svg.govuk-footer__crown').length,
    footer: document.querySelector('footer').innerText.replace(/\s+/g, ' ').trim(),
    licenceLinks: document.querySelectorAll('footer a[rel="license"]').length,
    icons: [...document.querySelectorAll('link[rel~="icon"], link[rel="apple-touch-icon"]')].map((link) => link.href),
    serviceNameInNavigation: document.querySelector('.govuk-service-navigation__service-name')?.textContent.trim(),
  }));
}

describe('the header and footer', () => {
  pageTest('wear PSW Network’s own brand, with no GOV.UK logotype, crown or Crown copyright', async (page) => {
    await page.goto('/sign-in');
    const shown = await branding(page);
    assert.equal(shown.branding, 'own');
    assert.equal(shown.homeLink, 'PSW Network', 'the service’s name is the brand, linked to its home page');
    assert.equal(shown.logotypes, 0, 'no GOV.UK logotype');
    assert.equal(shown.crowns, 0, 'no crown in the footer');
    assert.doesNotMatch(shown.footer, /Crown copyright|Open Government Licence/);
    assert.match(shown.footer, /PSW Network is run for England’s Principal Social Workers\./);
    assert.equal(shown.licenceLinks, 0);
    assert.ok(shown.icons.length > 0 && shown.icons.every((href) => !/govuk|favicon/.test(href)),
      `no GOV.UK favicon: ${shown.icons}`);
    assert.equal(shown.serviceNameInNavigation, undefined, 'the name is not said twice');
    await expectAccessible(page, 'the sign-in page with PSW Network’s brand');
  });

  it('wear GOV.UK’s logotype, crown and Crown copyright on a service.gov.uk address, and only there', async () => {
    await withPageOnHost('psw-network.service.gov.uk', async (page) => {
      await page.goto('/sign-in');
      await expectHeading(page, 'Sign in to PSW Network');
      const shown = await branding(page);
      assert.equal(shown.branding, 'govuk');
      await page.locator('header .govuk-header__logotype[aria-label="GOV.UK"]').waitFor();
      assert.equal(await page.locator('header a.govuk-header__homepage-link').getAttribute('href'), 'https://www.gov.uk/');
      assert.equal(shown.serviceNameInNavigation, 'PSW Network');
      assert.equal(shown.crowns, 1);
      assert.match(shown.footer, /Open Government Licence v3\.0/);
      assert.match(shown.footer, /© Crown copyright/);
      assert.ok(shown.icons.some((href) => /favicon/.test(href)), `the GOV.UK favicon: ${shown.icons}`);
      await page.getByRole('region', { name: 'Service information' }).waitFor();
      await expectAccessible(page, 'the sign-in page with GOV.UK’s brand');
    });
    // An address that only starts like one is not on GOV.UK.
    await withPageOnHost('psw-network.service.gov.uk.example.org', async (page) => {
      await page.goto('/sign-in');
      assert.equal((await branding(page)).branding, 'own');
    });
  });

  it('keeps the navigation on one line at 1280 px, with the unread count beside Notifications', async () => {
    await giveAmiraAnUnreadNotification();
    await withSignedInPage(demoUsers.amira, async (page) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      const notifications = page.getByRole('navigation', { name: 'Menu' })
        .getByRole('link', { name: /^Notifications, \d+ unread$/ });
      await notifications.waitFor();
      const tops = await page.locator('#navigation > li').evaluateAll((items) =>
        items.map((item) => `${item.textContent.trim().replace(/\s+/g, ' ')}: ${item.getBoundingClientRect().top}`));
      assert.ok(tops.length >= 7, tops.join(', '));
      assert.equal(new Set(tops.map((item) => item.split(': ')[1])).size, 1, `all on one line: ${tops.join(', ')}`);
      await page.locator('header').getByRole('link', { name: 'Sign out' }).waitFor();
      await expectAccessible(page, 'the home page with unread notifications at 1280 px');
    });
  });

  it('keeps a network administrator\'s navigation, the longest, on one line at 1280 px', async () => {
    await withSignedInPage(demoUsers.sam, async (page) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Admin' }).waitFor();
      const tops = await page.locator('#navigation > li').evaluateAll((items) =>
        items.map((item) => `${item.textContent.trim().replace(/\s+/g, ' ')}: ${item.getBoundingClientRect().top}`));
      assert.ok(tops.length >= 8, tops.join(', '));
      assert.equal(new Set(tops.map((item) => item.split(': ')[1])).size, 1, `all on one line: ${tops.join(', ')}`);
    });
  });

  it('opens and closes the menu by keyboard at 375 px, with the unread count beside Menu', async () => {
    await giveAmiraAnUnreadNotification();
    await withSignedInPage(demoUsers.amira, async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      const toggle = page.getByRole('button', { name: /^Menu, \d+ unread notifications?$/ });
      await toggle.waitFor();
      assert.match(await toggle.innerText(), /^Menu\s+\d+$/, 'the count shows beside “Menu”');
      const list = page.locator('#navigation');
      assert.equal(await list.isVisible(), false, 'the menu starts closed');
      await expectAccessible(page, 'the home page at 375 px with the menu closed');

      // Tab from the skip link, the first stop on the page, to the button, as a keyboard user would.
      await page.locator('.govuk-skip-link').focus();
      for (let presses = 0; presses < 10; presses += 1) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => document.activeElement?.matches('.govuk-service-navigation__toggle'))) break;
      }
      await expectFocusOn(page, '.govuk-service-navigation__toggle');
      await page.keyboard.press('Enter');
      await list.waitFor({ state: 'visible' });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await expectAccessible(page, 'the home page at 375 px with the menu open');
      await page.keyboard.press('Tab');
      await expectFocusOn(page, '#navigation a[href="/"]');
      await page.keyboard.press('Shift+Tab');
      await expectFocusOn(page, '.govuk-service-navigation__toggle');
      await page.keyboard.press('Space');
      await list.waitFor({ state: 'hidden' });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');

      // Open again, and go to the notifications by keyboard.
      await page.keyboard.press('Enter');
      await list.waitFor({ state: 'visible' });
      const notifications = page.getByRole('link', { name: /^Notifications, \d+ unread$/ });
      await notifications.focus();
      await page.keyboard.press('Enter');
      await expectHeading(page, 'Notifications');
    });
  });
});

describe('signing in', () => {
  pageTest('shows a focused error summary for a wrong password, then signs in with the right one', async (page) => {
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await expectHeading(page, 'Sign in to PSW Network');
    assert.equal(await page.title(), 'Sign in – PSW Network');
    await expectAccessible(page, 'the sign-in page');

    await page.getByLabel('Email address').fill(demoUsers.amira);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    await expectFocusOn(page, '.govuk-error-summary');
    assert.match(await summary.innerText(), /Enter a correct email address and password/);
    assert.equal(await summary.getByRole('link').getAttribute('href'), '#email');
    assert.match(await page.locator('#email-error').innerText(), /Enter a correct email address and password/);
    assert.equal(await page.title(), 'Error: Sign in – PSW Network');
    await expectAccessible(page, 'the sign-in page with an error');

    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectHeading(page, 'Your work');
    assert.equal(await page.title(), 'Your work – PSW Network');
    assert.equal(await signedInAs(page), 'You are signed in as Amira Holt, Southampton. Your account');
    await expectAccessible(page, 'the home page');
  });

  pageTest('signs in with the keyboard only', async (page) => {
    await page.goto('/sign-in');
    await expectHeading(page, 'Sign in to PSW Network');
    await expectAccessible(page, 'the sign-in page');

    // Tab from the top of the page to the email field, as a keyboard user would.
    for (let presses = 0; presses < 20; presses += 1) {
      if (await page.evaluate(() => document.activeElement?.id === 'email')) break;
      await page.keyboard.press('Tab');
    }
    await expectFocusOn(page, '#email');
    await page.keyboard.type(demoUsers.tom);
    await page.keyboard.press('Tab');
    await expectFocusOn(page, '#password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await page.waitForURL((url) => url.pathname === '/');
    await expectHeading(page, 'Your work');
    assert.match(await signedInAs(page), /^You are signed in as Tom Ashdown, Wiltshire\./);
    await expectFocusOn(page, 'main h1');
    await expectAccessible(page, 'the home page after a keyboard sign-in');
  });

  pageTest('says how long to wait after too many failed attempts', async (page) => {
    // sam is signed in by no other test, so locking the account out does not disturb them.
    await page.goto('/sign-in');
    await expectHeading(page, 'Sign in to PSW Network');
    const summary = page.locator('.govuk-error-summary');
    let status = 0;
    for (let attempt = 1; attempt <= 8 && status !== 429; attempt += 1) {
      await page.getByLabel('Email address').fill(demoUsers.sam);
      await page.getByLabel('Password', { exact: true }).fill(`wrong password ${attempt}`);
      const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      status = (await answer).status();
    }
    assert.equal(status, 429, 'the login limit answers 429 within 8 attempts');
    await summary.filter({ hasText: 'You have tried to sign in too many times' }).waitFor();
    assert.match(await summary.innerText(), /Wait \d+ (minutes?|seconds?), then try again\./);
    await expectFocusOn(page, '.govuk-error-summary');
    await expectAccessible(page, 'the sign-in page when rate limited');
  });

  pageTest('sends a signed-out visitor to sign in and back to the page they asked for', async (page) => {
    await page.goto('/organisations?q=Wilt');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('return_to'), '/organisations?q=Wilt');
    await expectAccessible(page, 'the sign-in page with a return path');

    await signInThroughPage(page, demoUsers.tom, DEMO_PASSWORD);
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/organisations?q=Wilt');
    await expectHeading(page, 'Organisations');
    assert.equal(await page.getByLabel('Name or code').inputValue(), 'Wilt');
    await expectAccessible(page, 'the organisations page after sign-in');
  });

  pageTest('signs out from the header', async (page) => {
    await signInAs(page, demoUsers.priya);
    await page.getByRole('link', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.locator('.govuk-notification-banner', { hasText: 'You have signed out' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Sign out' }).count(), 0);
    await expectAccessible(page, 'the sign-in page after signing out');

    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });
});

describe('the organisations directory', () => {
  pageTest('searches by name, filters by region and shows an organisation with its neighbours', async (page) => {
    await signInAs(page, demoUsers.amira);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Organisations' }).click();
    await page.waitForURL((url) => url.pathname === '/organisations');
    await expectHeading(page, 'Organisations');
    await expectFocusOn(page, 'main h1');
    await expectAccessible(page, 'the organisations page');

    await page.getByLabel('Name or code').fill('South');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'South');
    const results = page.locator('main table');
    await results.locator('tbody tr', { hasText: 'Southwark' }).waitFor();
    const found = (await tableRows(results)).map((row) => row[0]);
    for (const name of ['Southampton', 'Southwark', 'South Tyneside']) {
      assert.ok(found.includes(name), `${name} in ${found}`);
    }
    for (const name of found) assert.match(name, /south/i);
    await expectAccessible(page, 'the search results');

    await page.getByLabel('Region').selectOption({ label: 'South East' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) =>
      url.searchParams.get('region') === 'E12000008' && url.searchParams.get('q') === 'South');
    await results.locator('tbody tr', { hasText: 'Southampton' }).waitFor();
    await page.locator('main table tbody tr', { hasText: 'Southwark' }).waitFor({ state: 'detached' });
    const filtered = await tableRows(results);
    assert.ok(filtered.length > 0);
    for (const row of filtered) assert.equal(row[4], 'South East', `region of ${row[0]}`);
    await expectAccessible(page, 'the results filtered by region');

    await page.getByLabel('Name or code').fill('no such authority');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('main h2', { hasText: 'No organisations match' }).waitFor();
    await expectAccessible(page, 'a search with no results');
    await page.goBack();
    await results.locator('tbody tr', { hasText: 'Southampton' }).waitFor();
    assert.equal(await page.getByLabel('Name or code').inputValue(), 'South');

    await results.getByRole('link', { name: 'Southampton', exact: true }).click();
    await page.waitForURL(/\/organisations\/\d+$/);
    await expectHeading(page, 'Southampton');
    assert.equal(await page.title(), 'Southampton – PSW Network');
    assert.match(await page.locator('main .govuk-summary-list').first().innerText(), /E06000045/);

    const neighbours = page.locator('#statistical-neighbours table');
    await neighbours.waitFor();
    const rows = await tableRows(neighbours);
    assert.equal(rows.length, 10, `10 statistical neighbours: ${JSON.stringify(rows)}`);
    rows.forEach((row, index) => {
      assert.equal(row[0], String(index + 1), 'ranked in order');
      assert.ok(closenessWords.includes(row[2]), `closeness "${row[2]}" of ${row[1]}`);
    });
    await expectAccessible(page, 'the organisation page');

    await page.getByRole('tab', { name: 'Other authorities in the region' }).click();
    const region = page.locator('#region-authorities table');
    await region.waitFor();
    const peers = (await tableRows(region)).map((row) => row[0]);
    assert.ok(peers.includes('Portsmouth'), `Portsmouth among ${peers}`);
    assert.ok(!peers.includes('Southampton'), 'the organisation itself is not its own peer');
    await expectAccessible(page, 'the region tab of the organisation page');
    // A member of another organisation sees no members section.
    assert.equal(await page.locator('#members').count(), 0);
  });

  pageTest('offers an authority\'s workforce figures and a question to it, but no question to one\'s own', async (page) => {
    await signInAs(page, demoUsers.amira);
    const { rows: [portsmouth] } = await server.db.query("SELECT id FROM organisations WHERE code = 'E06000044'");
    await page.goto(`/organisations/${portsmouth.id}`);
    await expectHeading(page, 'Portsmouth');
    const figures = page.getByRole('link', { name: 'See Portsmouth’s workforce figures compared with its neighbours' });
    assert.equal(await figures.getAttribute('href'), `/benchmarking?organisation_id=${portsmouth.id}`);
    await expectAccessible(page, 'an authority’s page with its actions');
    await page.getByRole('button', { name: 'Ask Portsmouth a question' }).click();
    await page.waitForURL((url) => url.pathname === '/discussions/new');
    const audience = page.getByRole('group', { name: 'Who should be told about it?' });
    assert.equal(await audience.getByLabel('Portsmouth', { exact: true }).isChecked(), true);

    await page.goto(`/organisations/${(await signIn(server.baseUrl, demoUsers.amira)).user.organisation.id}`);
    await expectHeading(page, 'Southampton');
    await page.getByRole('link', { name: /Southampton’s workforce figures/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Ask Southampton/ }).count(), 0, 'not one’s own authority');
  });

  pageTest('shows Page not found for an unknown address and an unknown organisation', async (page) => {
    await signInAs(page, demoUsers.tom);
    await page.goto('/no-such-page');
    await expectHeading(page, 'Page not found');
    assert.equal(await page.title(), 'Page not found – PSW Network');
    await expectAccessible(page, 'the page not found');
    await page.goto('/organisations/999999');
    await expectHeading(page, 'Page not found');
  });
});

describe('members and invitations', () => {
  pageTest('lets an org admin invite a member, with errors first and then the success banner', async (page) => {
    await signInAs(page, demoUsers.grace);
    await page.getByRole('link', { name: /Manage members of Southwark/ }).click();
    await expectHeading(page, 'Southwark');
    const members = page.locator('section[aria-labelledby="members"]');
    await members.locator('table tbody tr', { hasText: demoUsers.grace }).waitFor();
    await expectAccessible(page, 'the organisation page with members');

    await page.getByRole('button', { name: 'Send invitation' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    await expectFocusOn(page, '.govuk-error-summary');
    assert.match(await summary.innerText(), /Enter their email address/);
    assert.match(await summary.innerText(), /Select which services they work in/);
    await expectAccessible(page, 'the invite form with errors');

    const email = `new.psw.${randomBytes(4).toString('hex')}@southwark.demo.pswnet.uk`;
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Children’s services', { exact: true }).check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const banner = page.locator('.govuk-notification-banner--success');
    await banner.waitFor();
    assert.match(await banner.innerText(), new RegExp(`Invitation sent to ${email.replaceAll('.', '\\.')}`));
    await expectFocusOn(page, '.govuk-notification-banner--success');
    assert.equal(await summary.count(), 0, 'the error summary is gone');
    assert.equal(await page.getByLabel('Email address').inputValue(), '', 'the form is ready for the next invitation');
    await expectAccessible(page, 'the invite form after success');
  });

  pageTest('lets an org admin disable and enable a member', async (page) => {
    const api = client(server.baseUrl);
    const token = await inviteToSouthwark(`disable.me.${randomBytes(4).toString('hex')}@southwark.demo.pswnet.uk`);
    const accepted = await api.post(`/api/v1/invitations/${token}/accept`,
      { display_name: 'Alex Temporary', password: 'a long enough password' });
    assert.equal(accepted.status, 201, accepted.text);

    await signInAs(page, demoUsers.grace);
    await page.goto(`/organisations/${accepted.body.user.organisation.id}#members`);
    const row = page.locator('section[aria-labelledby="members"] tbody tr', { hasText: 'Alex Temporary' });
    await row.waitFor();
    await expectFocusOn(page, '#members');
    assert.match(await row.innerText(), /Active/);

    await row.getByRole('button', { name: 'Disable Alex Temporary' }).click();
    const banner = (text) => page.locator('.govuk-notification-banner--success', { hasText: text });
    await banner('Alex Temporary’s account has been disabled').waitFor();
    assert.match(await row.innerText(), /Disabled/);
    const me = await api.get('/api/v1/me', { headers: { authorization: `Bearer ${accepted.body.token}` } });
    assert.equal(me.status, 401, 'disabling ends the member’s sessions');
    await expectAccessible(page, 'the members section after disabling a member');

    await row.getByRole('button', { name: 'Enable Alex Temporary' }).click();
    await banner('Alex Temporary’s account has been enabled').waitFor();
    assert.match(await row.innerText(), /Active/);
    await expectAccessible(page, 'the members section after enabling a member');
  });

  pageTest('accepts an invitation through its link and signs the new member in', async (page) => {
    const email = `invited.${randomBytes(4).toString('hex')}@southwark.demo.pswnet.uk`;
    const token = await inviteToSouthwark(email, 'adults');

    await page.goto(`/invitations/${token}`);
    await expectHeading(page, 'Join PSW Network');
    assert.equal(await page.getByLabel('Email address').inputValue(), email);
    await expectAccessible(page, 'the invitation page');

    await page.getByLabel('Your name').fill('Robin Newcomer');
    await page.getByLabel('Create a password').fill('too short');
    await page.getByLabel('Confirm your password').fill('too short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.locator('.govuk-error-summary', { hasText: '12 characters or more' }).waitFor();
    await expectAccessible(page, 'the invitation page with errors');

    await page.getByLabel('Create a password').fill('a long enough password');
    await page.getByLabel('Confirm your password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectHeading(page, 'Your work');
    assert.match(await signedInAs(page), /^You are signed in as Robin Newcomer, Southwark\./);
    await expectAccessible(page, 'the home page of the new member');

    await page.goto(`/invitations/${token}`);
    await expectHeading(page, 'This invitation has expired or has already been used');
    await expectAccessible(page, 'a used invitation');
  });
});
