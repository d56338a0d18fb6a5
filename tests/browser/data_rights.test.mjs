// Data rights in headless Chromium against the real pswnet: "Download your data" on "Your account" saves a ZIP of
// everything the service holds about the person; deleting the account asks for the password, signs the person out
// and leaves them on a confirmation page they can see signed out, after which the old email and password no longer
// sign in; and the privacy notice, for everyone, states the periods the server is configured with and is linked from
// the footer. Deleting states what is kept for a time, and the privacy notice still shows, without the periods, when
// the server cannot say them. axe-core checks every page, and at 375 px the privacy notice does not scroll sideways.
// Every person here is invented.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../support/api.mjs';
import { readZip } from '../support/zip.mjs';
import {
  expectAccessible, expectErrorLink, newSignedOutMember, expectFocusOn, expectHeading, expectNoSidewaysScroll, stepTimeoutMs, withServerAndBrowser,
  withSignedInPage, withWatchedPage,
} from './helpers.mjs';

const southampton = 'E06000045';

let server;
let browser;
let api;
withServerAndBrowser({}, (started) => ({ server, browser, api } = started));

describe('downloading your data', () => {
  it('saves a ZIP of my-data.json, with the person’s details, from “Your account”', async () => {
    const email = await newSignedOutMember(server, southampton, 'Linnea Carrowby');
    await withSignedInPage(browser, server.baseUrl, email, async (page) => {
      await page.locator('header').getByRole('link', { name: 'Your account' }).click();
      await expectHeading(page, 'Your account');
      await page.getByRole('heading', { level: 2, name: 'Your data' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Delete your account' }).getAttribute('href'),
        '/account/delete');
      assert.equal(await page.getByRole('link', { name: 'How we use and keep your data' }).getAttribute('href'),
        '/privacy');
      await expectAccessible(page, 'your account with its data section');

      const downloadLink = page.getByRole('link', { name: 'Download your data (ZIP file)' });
      assert.equal(await downloadLink.getAttribute('href'), '/api/v1/me/data-export');
      const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
      assert.match(download.suggestedFilename(), /^psw-network-data-\d{4}-\d{2}-\d{2}\.zip$/);
      assert.equal(await download.failure(), null);
      const zip = readZip(await readFile(await download.path()));
      assert.ok(zip.has('my-data.json'), `the archive holds ${[...zip.keys()].join(', ')}`);
      const data = JSON.parse(zip.get('my-data.json').toString('utf8'));
      assert.equal(data.account.email, email);
      assert.equal(data.account.display_name, 'Linnea Carrowby');

      // Saving the file leaves the page where it was.
      await expectHeading(page, 'Your account');
      assert.equal(new URL(page.url()).pathname, '/account');

      // Signed in, the privacy notice offers the same rights.
      await page.getByRole('link', { name: 'How we use and keep your data' }).click();
      await expectHeading(page, 'How we use and keep your data');
      assert.equal(await page.getByRole('link', { name: 'download your data (ZIP file)' }).getAttribute('href'),
        '/api/v1/me/data-export');
      assert.equal(await page.getByRole('link', { name: 'delete your account' }).getAttribute('href'),
        '/account/delete');
      await expectAccessible(page, 'the privacy notice, signed in');
    });
  });
});

describe('deleting your account', () => {
  it('asks for the password, signs the person out for good and says what stays', async () => {
    const email = await newSignedOutMember(server, southampton, 'Oriel Penhallow');
    await withSignedInPage(browser, server.baseUrl, email, async (page) => {
      await page.goto('/account');
      await expectHeading(page, 'Your account');
      await page.getByRole('link', { name: 'Delete your account' }).click();
      await expectHeading(page, 'Delete your account');
      assert.equal(await page.title(), 'Delete your account – PSW Network');
      const intro = await page.locator('main').innerText();
      assert.ok(intro.includes('“A former member of Southampton”'), intro);
      assert.match(intro, /You cannot undo this\./);
      assert.equal(await page.getByRole('link', { name: 'download your data (ZIP file)' }).getAttribute('download'),
        '');
      // What is not removed at once is said, with the periods the server is configured with.
      const kept = intro.replace(/\s+/g, ' ');
      assert.ok(kept.includes('The audit log keeps a record of what you did on PSW Network, including the internet '
        + 'address you used, for 730 days (about 2 years).'), kept);
      assert.ok(kept.includes('are kept for 7 days.'), kept);
      assert.equal(await page.locator('main').getByRole('link', { name: 'how we use and keep your data' })
        .getAttribute('href'), '/privacy');
      assert.equal(await page.getByRole('link', { name: 'Cancel' }).getAttribute('href'), '/account');
      const submit = page.getByRole('button', { name: 'Delete your account' });
      assert.match(await submit.getAttribute('class'), /govuk-button--warning/);
      await expectAccessible(page, 'the delete your account page');

      await submit.click();
      const missing = await expectErrorLink(page, 'Enter your password', 'current-password');
      await expectFocusOn(page, '.govuk-error-summary');
      assert.equal(await page.title(), 'Error: Delete your account – PSW Network');
      await missing.click();
      await expectFocusOn(page, '#current-password');
      await expectAccessible(page, 'the delete your account page without a password');

      await page.getByLabel('Your password').fill('not-the-right-password');
      await submit.click();
      await expectErrorLink(page, 'Your password is not correct', 'current-password');
      assert.equal(await page.title(), 'Error: Delete your account – PSW Network');
      await expectAccessible(page, 'the delete your account page with a wrong password');

      await page.getByLabel('Your password').fill(DEMO_PASSWORD);
      await submit.click();
      await page.waitForURL((url) => url.pathname === '/account-deleted');
      await page.locator('.govuk-panel--confirmation', { hasText: 'Your account has been deleted' }).waitFor();
      await expectFocusOn(page, 'main h1');
      assert.equal(await page.title(), 'Account deleted – PSW Network');
      const confirmation = await page.locator('main').innerText();
      assert.ok(confirmation.includes('by “A former member of Southampton”'), confirmation);
      assert.equal(await page.locator('header').getByRole('link', { name: 'Your account' }).count(), 0);
      await expectAccessible(page, 'the account deleted confirmation');

      // The confirmation needs no sign-in, so it survives a reload.
      await page.reload();
      await page.locator('.govuk-panel--confirmation', { hasText: 'Your account has been deleted' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/account-deleted');

      await page.goto('/account');
      await expectHeading(page, 'Sign in to PSW Network');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectErrorLink(page, 'Enter a correct email address and password', 'email');
      await expectHeading(page, 'Sign in to PSW Network');
      assert.equal(await page.locator('header').getByRole('link', { name: 'Your account' }).count(), 0);
    });
  });
});

describe('the privacy notice', () => {
  it('is linked from the footer and states the configured periods to a signed-out visitor, on a 375 px phone',
    () => withWatchedPage(browser, server.baseUrl, async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto('/sign-in');
      await expectHeading(page, 'Sign in to PSW Network');
      await page.locator('footer').getByRole('link', { name: 'Privacy' }).click();
      await page.waitForURL((url) => url.pathname === '/privacy');
      await expectHeading(page, 'How we use and keep your data');
      assert.equal(await page.title(), 'How we use and keep your data – PSW Network');

      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      assert.ok(text.includes('We keep the audit log of what people do on PSW Network, including the address they '
        + 'used, for 730 days (about 2 years), then remove it.'), text);
      assert.ok(text.includes('for 30 days (about 1 month)'), text);
      assert.ok(text.includes('for 7 days, then remove it'), text);
      assert.ok(text.includes('While you have an account, we keep your details until you delete your account.'),
        text);
      assert.equal(await page.getByRole('link', { name: 'Sign in to go to your account' }).getAttribute('href'),
        '/sign-in?return_to=%2Faccount');
      assert.equal(await page.locator('main a[download]').count(), 0, 'signed out, there is nothing to download');

      assert.ok(text.includes('These updates can include the names shown on posts.'), text);
      assert.ok(text.includes('PSW Network is run for England’s Principal Social Workers by its network '
        + 'administrators.'), text);
      assert.equal(await icoLink(page).getAttribute('href'), 'https://ico.org.uk/make-a-complaint/');

      await expectNoSidewaysScroll(page, 'the privacy notice');
      await expectAccessible(page, 'the privacy notice, signed out, at 375 px');
    }));

  it('still shows, without the periods, when the server cannot say how long it keeps records',
    () => withRetentionUnavailable(async (page) => {
      await page.goto('/privacy');
      await expectHeading(page, 'How we use and keep your data');
      assert.equal(await page.title(), 'How we use and keep your data – PSW Network');
      assert.equal(await icoLink(page).getAttribute('href'), 'https://ico.org.uk/make-a-complaint/');
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      assert.ok(text.includes('We could not find out how long this service is set up to keep its records.'), text);
      assert.ok(text.includes('including the address they used, for a set time, then remove it.'), text);
      assert.doesNotMatch(text, /\d+ days?/);
      await expectAccessible(page, 'the privacy notice without the periods');
    }));
});

/** The privacy notice's link to complain to the Information Commissioner’s Office. */
function icoLink(page) {
  return page.locator('main').getByRole('link', { name: 'complain to the Information Commissioner’s Office (ICO)' });
}

/**
 * Runs `test(page)` on a fresh page whose GET /api/v1/retention answers 503, watched as helpers.mjs's openPage
 * watches (console errors, uncaught exceptions, requests leaving the origin) except that the one console error
 * Chromium logs for that deliberate 503 is expected; afterwards, when the test passed, asserts that nothing else went
 * wrong and that the failing answer was asked for.
 */
async function withRetentionUnavailable(test) {
  const context = await browser.newContext({ baseURL: server.baseUrl });
  context.setDefaultTimeout(stepTimeoutMs);
  context.setDefaultNavigationTimeout(stepTimeoutMs);
  const page = await context.newPage();
  const origin = new URL(server.baseUrl).origin;
  const problems = [];
  let refused = 0;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // As in openPage, the API's ordinary refusals (the signed-out probe's 401) are expected.
    const expectedHttpError = /Failed to load resource: the server responded with a status of 4(01|03|04|09|10|12|13|15|22|29)/;
    const deliberate = /Failed to load resource: the server responded with a status of 503/.test(message.text())
      && new URL(message.location().url, origin).pathname === '/api/v1/retention';
    if (!deliberate && !expectedHttpError.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== origin) problems.push(`request left the origin: ${request.url()}`);
  });
  await page.route('**/api/v1/retention', (route) => {
    refused += 1;
    return route.fulfill({
      status: 503, contentType: 'application/problem+json',
      body: JSON.stringify({ type: '/problems/unavailable', title: 'Unavailable', status: 503, detail: 'Try later' }),
    });
  });
  try {
    await test(page);
  } finally {
    await context.close();
  }
  assert.ok(refused > 0, 'the page never asked how long records are kept');
  assert.deepEqual(problems, [], 'the page logged errors, broke its CSP or fetched from another origin');
}
