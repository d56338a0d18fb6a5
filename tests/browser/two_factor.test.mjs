// Two-factor authentication in headless Chromium against the real pswnet, with the codes an authenticator app would
// show computed by the tests' own RFC 6238 code (support/totp.mjs) from the secret key the page shows as text. A
// member turns it on from "Your account" (QR code, secret key, a code, recovery codes shown once), then signs in with
// the password and a security code (a wrong one is an error), and with a recovery code typed by keyboard; gets new
// recovery codes and turns it off again. On a server with no grace period, a person whose role requires it sets it
// up as they sign in and goes on signed in. An organisation's administrator requires it for everyone there, who are
// then told by when to set it up and cannot turn it off. axe-core checks every step, and at 375 px none of them
// scrolls sideways. Every person here is invented.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { client, DEMO_PASSWORD, demoUsers, signIn } from '../support/api.mjs';
import { LOGIN } from '../support/identity.mjs';
import { startServer } from '../support/server.mjs';
import { authenticator, codeForStep, stepAt } from '../support/totp.mjs';
import {
  expectAccessible, expectErrorLink, expectFocusOn, expectGoodEverywhere, expectHeading, newSignedOutMember, staticDir,
  summaryRows, withServerAndBrowser, withSignedInPage, withWatchedPage,
} from './helpers.mjs';

const southampton = 'E06000045';
const recoveryCodePattern = /^[2-9a-z]{5}-[2-9a-z]{5}$/;

let server;
let browser;
let api;
withServerAndBrowser({}, (started) => ({ server, browser, api } = started));

/**
 * The authenticator set up from the page's "Set up an authenticator app" step: checks the QR code is there with a
 * text alternative, and reads the secret key the page shows as text.
 */
async function authenticatorFromPage(page) {
  await expectHeading(page, 'Set up an authenticator app');
  const qr = page.getByRole('img', { name: /^QR code for your authenticator app/ });
  await qr.waitFor();
  assert.match(await qr.evaluate((element) => element.tagName.toLowerCase()), /^svg$/);
  assert.ok((await qr.locator('path').count()) > 0, 'the QR code has its shapes');
  const secret = (await page.locator('#secret-key').innerText()).replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  return authenticator(secret);
}

/** A 6-digit code that no step the server would accept now gives for `secret`. */
function wrongCodeFor(secret) {
  const now = stepAt();
  const accepted = new Set([now - 1, now, now + 1, now + 2].map((step) => codeForStep(secret, step)));
  for (const candidate of ['000000', '111111', '222222']) if (!accepted.has(candidate)) return candidate;
  throw new Error('unreachable: three codes cannot all be accepted');
}

/** The recovery codes shown once, after checking the panel and the button that goes on. */
async function recoveryCodesOnPage(page, heading) {
  await page.locator('.govuk-panel--confirmation', { hasText: heading }).waitFor();
  await expectFocusOn(page, 'main h1');
  assert.equal(await page.title(), `${heading} – PSW Network`);
  const codes = await page.getByRole('list', { name: 'Recovery codes' }).locator('li').allInnerTexts();
  assert.equal(codes.length, 10, codes.join(', '));
  for (const code of codes) assert.match(code.trim(), recoveryCodePattern);
  await page.getByRole('button', { name: 'I have saved my recovery codes, continue' }).waitFor();
  return codes.map((code) => code.trim());
}

/** Signs out from the header and waits for the sign-in page. */
async function signOutThroughPage(page) {
  await page.locator('header').getByRole('link', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.locator('.govuk-notification-banner', { hasText: 'You have signed out' }).waitFor();
}

/** Gives the email address and password on the sign-in page and waits for the security code step. */
async function passwordThenCodeStep(page, email) {
  await expectHeading(page, 'Sign in to PSW Network');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectHeading(page, 'Enter the security code from your authenticator app');
  assert.equal(new URL(page.url()).pathname, '/sign-in');
}

/** Enters `code` on the security code step and waits to be signed in on the home page. */
async function enterCodeAndArrive(page, code) {
  await page.getByLabel('Enter the security code from your authenticator app').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await arrivedHome(page);
}

/** Waits to be on the home page, signed in. */
async function arrivedHome(page) {
  await page.waitForURL((url) => url.pathname === '/');
  await page.locator('header').getByRole('link', { name: 'Your account' }).waitFor();
}

describe('a member with two-factor authentication', () => {
  it('turns it on from Your account, then signs in with a security code or a recovery code, and turns it off',
    async () => {
      const email = await newSignedOutMember(server, southampton, 'Tamsin Okonedo-Vale');
      let app;
      let recoveryCodes;
      await withSignedInPage(browser, server.baseUrl, email, async (page) => {
        await page.locator('header').getByRole('link', { name: 'Your account' }).click();
        await expectHeading(page, 'Your account');
        assert.equal((await summaryRows(page.locator('main')))['Two-factor authentication'], 'Off');
        assert.equal(await page.locator('main .govuk-warning-text').count(), 0, 'nothing requires it');
        await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();

        await expectHeading(page, 'Two-factor authentication', { exact: true });
        assert.equal(new URL(page.url()).pathname, '/account/two-factor');
        assert.equal(await page.title(), 'Two-factor authentication – PSW Network');
        assert.equal((await summaryRows(page.locator('main')))['Status'], 'Off');
        await expectGoodEverywhere(page, 'two-factor authentication, off');

        const start = page.getByRole('button', { name: 'Continue' });
        await start.click();
        await expectErrorLink(page, 'Enter your current password', 'current-password');
        await page.getByLabel('Current password').fill('not-the-right-password');
        await start.click();
        await expectErrorLink(page, 'Your current password is not correct', 'current-password');
        await page.getByLabel('Current password').fill(DEMO_PASSWORD);
        await start.click();

        app = await authenticatorFromPage(page);
        await expectFocusOn(page, 'main h1');
        assert.equal(await page.title(), 'Set up an authenticator app – PSW Network');
        await expectGoodEverywhere(page, 'setting up an authenticator app from your account');

        const turnOn = page.getByRole('button', { name: 'Turn on two-factor authentication' });
        await page.getByLabel('Security code').fill(wrongCodeFor(app.secret));
        await turnOn.click();
        await expectErrorLink(page, /^The code is not right/, 'code');
        await expectFocusOn(page, '.govuk-error-summary');
        assert.equal(await page.title(), 'Error: Set up an authenticator app – PSW Network');
        await expectAccessible(page, 'setting up an authenticator app with a wrong code');

        await page.getByLabel('Security code').fill(app.nextCode());
        await turnOn.click();
        recoveryCodes = await recoveryCodesOnPage(page, 'Two-factor authentication is on');
        await expectGoodEverywhere(page, 'the recovery codes of a new authenticator');
        await page.getByRole('button', { name: 'I have saved my recovery codes, continue' }).click();

        await expectHeading(page, 'Two-factor authentication', { exact: true });
        await page.getByRole('link', { name: 'Turn off two-factor authentication' }).waitFor();
        const on = await summaryRows(page.locator('main'));
        assert.equal(on['Status'], 'On');
        assert.equal(on['Recovery codes left'], '10');
        assert.match(on['Turned on'], /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
        await expectGoodEverywhere(page, 'two-factor authentication, on');

        await page.locator('header').getByRole('link', { name: 'Your account' }).click();
        await expectHeading(page, 'Your account');
        await page.getByRole('link', { name: 'Manage two-factor authentication' }).waitFor();
        assert.equal((await summaryRows(page.locator('main')))['Two-factor authentication'], 'On');

        await signOutThroughPage(page);
        await passwordThenCodeStep(page, email);
        assert.equal(await page.title(), 'Enter the security code from your authenticator app – PSW Network');
        await expectFocusOn(page, 'main h1');
        const codeInput = page.getByLabel('Enter the security code from your authenticator app');
        assert.equal(await codeInput.getAttribute('autocomplete'), 'one-time-code');
        assert.equal(await codeInput.getAttribute('name'), 'code');
        const hint = await page.locator('#code-hint').innerText();
        assert.ok(hint.includes('If you cannot use your app, enter one of your recovery codes'), hint);
        await expectGoodEverywhere(page, 'the security code step of signing in');

        await page.getByRole('button', { name: 'Continue' }).click();
        await expectErrorLink(page, 'Enter the security code', 'code');
        await codeInput.fill(wrongCodeFor(app.secret));
        await page.getByRole('button', { name: 'Continue' }).click();
        await expectErrorLink(page,
          'The code is not right. Enter the code your authenticator app shows now, or a recovery code', 'code');
        await expectFocusOn(page, '.govuk-error-summary');
        assert.equal(await page.title(), 'Error: Enter the security code from your authenticator app – PSW Network');
        assert.match(await page.locator('#code-error').innerText(), /The code is not right/);
        await expectAccessible(page, 'the security code step with a wrong code');

        await enterCodeAndArrive(page, app.nextCode());

        // A recovery code signs in once in place of the app; by keyboard, from the heading that has focus.
        await signOutThroughPage(page);
        await passwordThenCodeStep(page, email);
        await expectFocusOn(page, 'main h1');
        await page.keyboard.press('Tab');
        await expectFocusOn(page, '#code');
        await page.keyboard.type(recoveryCodes[0]);
        await page.keyboard.press('Enter');
        await arrivedHome(page);
        await page.goto('/account/two-factor');
        await expectHeading(page, 'Two-factor authentication', { exact: true });
        assert.equal((await summaryRows(page.locator('main')))['Recovery codes left'], '9');

        await page.getByRole('button', { name: 'Get new recovery codes' }).click();
        await expectHeading(page, 'Get new recovery codes');
        assert.equal(new URL(page.url()).pathname, '/account/two-factor/recovery-codes');
        await expectGoodEverywhere(page, 'getting new recovery codes');
        await page.getByLabel('Current password').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Get new recovery codes' }).click();
        const fresh = await recoveryCodesOnPage(page, 'You have new recovery codes');
        assert.ok(!fresh.includes(recoveryCodes[1]), 'the new codes are new');
        await page.getByRole('button', { name: 'I have saved my recovery codes, continue' }).click();
        await expectHeading(page, 'Two-factor authentication', { exact: true });
        assert.equal((await summaryRows(page.locator('main')))['Recovery codes left'], '10');

        await page.getByRole('link', { name: 'Turn off two-factor authentication' }).click();
        await expectHeading(page, 'Turn off two-factor authentication');
        await expectGoodEverywhere(page, 'turning off two-factor authentication');
        await page.getByLabel('Current password').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
        await page.locator('.govuk-notification-banner--success', { hasText: 'Two-factor authentication is off' })
          .waitFor();
        await expectHeading(page, 'Two-factor authentication', { exact: true });
        assert.equal((await summaryRows(page.locator('main')))['Status'], 'Off');
      });

      // Off again: the password alone signs in.
      const res = await api.post(LOGIN, { email, password: DEMO_PASSWORD });
      assert.equal(res.status, 200, res.text);
    });
});

describe('an organisation that requires two-factor authentication', () => {
  it('is set by its administrator on the organisation page; its people are told by when and cannot turn it off',
    async () => {
      const grace = await signIn(server.baseUrl, demoUsers.grace);
      const organisation = grace.user.organisation;
      await withSignedInPage(browser, server.baseUrl, demoUsers.grace, async (page) => {
        await page.goto(`/organisations/${organisation.id}`);
        await expectHeading(page, organisation.name);
        await page.getByRole('heading', { level: 2, name: 'How people sign in' }).waitFor();
        const requirement = page.getByRole('checkbox',
          { name: `Require two-factor authentication for everyone at ${organisation.name}` });
        assert.equal(await requirement.isChecked(), false);
        await expectAccessible(page, 'the organisation page with how people sign in');

        await requirement.check();
        await page.getByRole('button', { name: 'Save sign-in settings' }).click();
        await page.locator('.govuk-notification-banner--success',
          { hasText: `Everyone at ${organisation.name} must now use two-factor authentication` }).waitFor();
        await page.locator('main').getByText(/^Required since \d{1,2} [A-Z][a-z]+ \d{4}\.$/).waitFor();
        assert.equal(await requirement.isChecked(), true);
        await expectAccessible(page, 'the organisation page once two-factor is required');

        const policy = await api.get(`/api/v1/organisations/${organisation.id}/sign-in-policy`, { auth: grace });
        assert.equal(policy.status, 200, policy.text);
        assert.equal(policy.body.two_factor_required, true);
        assert.ok(policy.body.two_factor_required_since);

        // Grace is one of the people there: told by when, with a way to do it.
        await page.locator('header').getByRole('link', { name: 'Your account' }).click();
        await expectHeading(page, 'Your account');
        const warning = await page.locator('main .govuk-warning-text').innerText();
        assert.match(warning, /You must set up two-factor authentication by \d{1,2} [A-Z][a-z]+ \d{4}/);
        await expectAccessible(page, 'your account when two-factor must be set up');
        await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
        await expectHeading(page, 'Two-factor authentication', { exact: true });
        const main = await page.locator('main').innerText();
        assert.match(main, /You must set up two-factor authentication by/);
        assert.ok(main.includes(`${organisation.name} requires everyone there to use two-factor authentication.`),
          main);
        await expectGoodEverywhere(page, 'two-factor authentication, off but required');
      });
    });
});

describe('signing in when two-factor must be set up first', () => {
  let strict;
  before(async () => {
    strict = await startServer({ env: { PSWNET_STATIC_DIR: staticDir }, args: ['--two-factor-grace-days', '0'] });
  });
  after(async () => {
    await strict?.stop();
  });

  it('takes a person whose role requires it through setting up an app, then signs them in', () =>
    withWatchedPage(browser, strict.baseUrl, async (page) => {
      await page.goto('/account');
      await expectHeading(page, 'Sign in to PSW Network');
      await page.getByLabel('Email address').fill(demoUsers.priya);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      const app = await authenticatorFromPage(page);
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      assert.equal(await page.title(), 'Set up an authenticator app – PSW Network');
      await expectFocusOn(page, 'main h1');
      assert.equal(await page.locator('header').getByRole('link', { name: 'Your account' }).count(), 0);
      await expectGoodEverywhere(page, 'setting up an authenticator app while signing in');

      await page.getByLabel('Security code').fill(wrongCodeFor(app.secret));
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectErrorLink(page,
        'The code is not right. Enter the code your authenticator app shows now', 'code');
      await expectAccessible(page, 'setting up an authenticator app while signing in, with a wrong code');

      await page.getByLabel('Security code').fill(app.nextCode());
      await page.getByRole('button', { name: 'Continue' }).click();
      await recoveryCodesOnPage(page, 'Two-factor authentication is on');
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await expectGoodEverywhere(page, 'the recovery codes shown while signing in');
      await page.getByRole('button', { name: 'I have saved my recovery codes, continue' }).focus();
      await page.keyboard.press('Enter');

      // On to where sign-in was going, signed in.
      await page.waitForURL((url) => url.pathname === '/account');
      await expectHeading(page, 'Your account');
      assert.equal((await summaryRows(page.locator('main')))['Two-factor authentication'], 'On');
      await page.goto('/account/two-factor');
      await expectHeading(page, 'Two-factor authentication', { exact: true });
      const main = await page.locator('main').innerText();
      assert.ok(main.includes('You cannot turn off two-factor authentication. People with your role on PSW Network '
        + 'must use two-factor authentication.'), main);
      assert.equal(await page.getByRole('link', { name: 'Turn off two-factor authentication' }).count(), 0);
      await expectGoodEverywhere(page, 'two-factor authentication, on and required by role');

      // The app's next code signs in the next time.
      const other = client(strict.baseUrl);
      const res = await other.post(LOGIN,
        { email: demoUsers.priya, password: DEMO_PASSWORD, code: app.nextCode() });
      assert.equal(res.status, 200, res.text);
    }));
});
