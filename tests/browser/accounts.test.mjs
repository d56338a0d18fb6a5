// Account self-service in headless Chromium against the real pswnet, which sends its email to a real SMTP server
// (support/mail.mjs) from which the tests take the links: changing your details and seeing them on "Your account",
// changing your password (another browser of the same person is signed out, the new password signs in), resetting
// a forgotten password from the emailed link (which then no longer works), a new email address confirmed from the
// link sent to it while signed out, and signing out another browser and then everywhere from "Where you're signed
// in". axe-core checks every page, and at 375 px none of them scrolls sideways. Every person here is invented.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { client, DEMO_PASSWORD, signIn } from '../support/api.mjs';
import { addMember } from '../support/forum.mjs';
import { LOGIN, LOGOUT, ME, newEmail } from '../support/identity.mjs';
import { addressedTo, startSmtpSink } from '../support/mail.mjs';
import { startServer } from '../support/server.mjs';
import {
  expectAccessible, expectErrorLink, expectFocusOn, expectHeading, expectNoSidewaysScroll, launchBrowser,
  openSignedInPage, signInThroughPage, staticDir, summaryRows, tableRows, withSignedInPage, withWatchedPage,
} from './helpers.mjs';

const southampton = 'E06000045';
const newPassword = 'lantern-orchard-9-quiet';

let sink;
let server;
let browser;
let api;

before(async () => {
  assert.ok(existsSync(`${staticDir}/index.html`), 'build the webclient first (npm run build in webclient/)');
  sink = await startSmtpSink();
  server = await startServer({ env: { PSWNET_STATIC_DIR: staticDir }, args: ['--smtp-url', sink.url] });
  browser = await launchBrowser();
  api = client(server.baseUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

/** A new member of Southampton called `displayName`, signed in nowhere; resolves with their email address. */
async function newMember(displayName) {
  const session = await addMember(server, { organisation: southampton, sector: 'children', displayName });
  const out = await api.post(LOGOUT, undefined, { auth: session });
  assert.equal(out.status, 204, out.text);
  return session.user.email;
}

/**
 * The path of the link to `/{route}/{token}` in the email to `address` that has one, waiting for it; `skip` leaves
 * out emails already used. Links name the public origin, so only the path is kept, to open on this test's server.
 */
async function linkInEmail(address, route, skip = new Set()) {
  const pattern = new RegExp(`https?://[^\\s/]+(/${route}/[A-Za-z0-9_~.-]+)`);
  const email = await sink.waitFor((found) => addressedTo(address)(found) && !skip.has(found)
    && pattern.test(found.text), { what: `the email to ${address} with a /${route}/ link` });
  skip.add(email);
  return email.text.match(pattern)[1];
}

/** Whether a login with this password works, through the API. */
async function canSignIn(email, password) {
  const res = await api.post(LOGIN, { email, password });
  assert.ok([200, 401].includes(res.status), res.text);
  return res.status === 200;
}

/**
 * Runs `test(page, otherPage)` with two browsers (contexts) signed in as the same person; afterwards both are
 * checked to have stayed clean, or just closed when the test failed.
 */
async function withTwoBrowsers(email, test) {
  const other = await openSignedInPage(browser, server.baseUrl, email);
  let mine;
  let failed = false;
  try {
    mine = await openSignedInPage(browser, server.baseUrl, email);
    await test(mine.page, other.page);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    const sessions = [mine, other].filter(Boolean);
    const closed = await Promise.allSettled(sessions.map((session) =>
      (failed ? session.context.close() : session.finish())));
    const problem = closed.find((result) => result.status === 'rejected');
    if (problem && !failed) throw problem.reason;
  }
}

describe('your details', () => {
  it('changes the name, job title, sector and “ask me about”, shown on Your account', async () => {
    const email = await newMember('Rowan Ashdown');
    await withSignedInPage(browser, server.baseUrl, email, async (page) => {
      const accountLink = page.locator('header').getByRole('link', { name: 'Your account' });
      await accountLink.click();
      await expectHeading(page, 'Your account');
      assert.equal(await page.title(), 'Your account – PSW Network');
      assert.equal(await accountLink.getAttribute('aria-current'), 'page');
      const before = await summaryRows(page.locator('main'));
      assert.equal(before['Name'], 'Rowan Ashdown');
      assert.equal(before['Job title'], 'Not given');
      assert.equal(before['Sector'], 'Children’s services');
      assert.equal(before['Email address'], email);
      await page.getByRole('link', { name: 'Where you’re signed in' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Change your notification settings' }).getAttribute('href'),
        '/settings/notifications');
      await expectAccessible(page, 'your account');

      await page.getByRole('link', { name: 'Change job title' }).click();
      await expectHeading(page, 'Change your details');
      await expectAccessible(page, 'the change your details page');

      await page.getByLabel('Name', { exact: true }).fill('');
      await page.getByLabel('Ask me about (optional)').fill('a'.repeat(301));
      await page.getByRole('button', { name: 'Save' }).click();
      await expectFocusOn(page, '.govuk-error-summary');
      await expectErrorLink(page, 'Enter your name', 'display-name');
      await expectErrorLink(page, '“Ask me about” must be 300 characters or fewer', 'ask-me-about');
      assert.equal(await page.title(), 'Error: Change your details – PSW Network');
      await expectAccessible(page, 'the change your details page with errors');

      await page.getByLabel('Name', { exact: true }).fill('Rowan Ashdown-Vale');
      await page.getByLabel('Job title (optional)').fill('Principal Social Worker for Adults');
      await page.getByLabel('Adults’ services', { exact: true }).check();
      await page.getByLabel('Ask me about (optional)').fill('Strengths-based supervision and practice forums');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL((url) => url.pathname === '/account');
      await page.locator('.govuk-notification-banner--success', { hasText: 'Your details have been updated' }).waitFor();
      await expectFocusOn(page, '.govuk-notification-banner--success');
      const after = await summaryRows(page.locator('main'));
      assert.equal(after['Name'], 'Rowan Ashdown-Vale');
      assert.equal(after['Job title'], 'Principal Social Worker for Adults');
      assert.equal(after['Sector'], 'Adults’ services');
      assert.equal(after['Ask me about'], 'Strengths-based supervision and practice forums');
      await expectAccessible(page, 'your account with the changed details');
    });

    const me = await api.get(ME, { auth: await signIn(server.baseUrl, email) });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.display_name, 'Rowan Ashdown-Vale');
    assert.equal(me.body.job_title, 'Principal Social Worker for Adults');
    assert.equal(me.body.sector, 'adults');
    assert.equal(me.body.ask_me_about, 'Strengths-based supervision and practice forums');
  });
});

describe('your password', () => {
  it('changes the password, signing out the person’s other browser, which signs in with the new one', async () => {
    const email = await newMember('Imogen Farrow');
    await withTwoBrowsers(email, async (page, otherPage) => {
      await page.locator('header').getByRole('link', { name: 'Your account' }).click();
      await expectHeading(page, 'Your account');
      await page.getByRole('link', { name: 'Change password' }).click();
      await expectHeading(page, 'Change your password');
      await expectAccessible(page, 'the change your password page');

      await page.getByLabel('Current password').fill('not-the-right-password');
      await page.getByLabel('New password').fill(newPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      await expectErrorLink(page, 'Your current password is not correct', 'current-password');
      assert.equal(await page.title(), 'Error: Change your password – PSW Network');
      await expectAccessible(page, 'the change your password page with a wrong current password');

      await page.getByLabel('Current password').fill(DEMO_PASSWORD);
      await page.getByLabel('New password').fill(newPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.waitForURL((url) => url.pathname === '/account');
      const banner = page.locator('.govuk-notification-banner--success');
      await banner.waitFor();
      assert.match(await banner.innerText(),
        /Your password has been changed\. You have been signed out everywhere else\./);
      await expectAccessible(page, 'your account after changing the password');

      // The change shows among the notifications too, leading back to the account.
      await page.goto('/notifications');
      await page.getByRole('link', { name: 'Your password was changed' }).click();
      await page.waitForURL((url) => url.pathname === '/account');

      // This browser stays signed in; the other one is signed out and signs in with the new password.
      await page.reload();
      await expectHeading(page, 'Your account');
      await otherPage.reload();
      await expectHeading(otherPage, 'Sign in to PSW Network');
      await signInThroughPage(otherPage, email, newPassword);
      await otherPage.locator('header').getByRole('link', { name: 'Your account' }).waitFor();
    });

    assert.equal(await canSignIn(email, DEMO_PASSWORD), false, 'the old password no longer works');
    await sink.waitFor(addressedTo(email), { what: 'the email telling the owner the password changed' });
  });
});

describe('a forgotten password', () => {
  it('is reset from the emailed link, which then no longer works', () => withWatchedPage(browser, server.baseUrl,
    async (page) => {
      const email = await newMember('Elspeth Marrow');
      await page.goto('/sign-in');
      await expectHeading(page, 'Sign in to PSW Network');
      await page.getByRole('link', { name: 'Forgotten your password?' }).click();
      await expectHeading(page, 'Reset your password');
      assert.equal(await page.title(), 'Reset your password – PSW Network');
      await expectAccessible(page, 'the reset your password page');

      await page.getByRole('button', { name: 'Send link' }).click();
      await expectErrorLink(page, 'Enter your email address', 'email');
      await expectAccessible(page, 'the reset your password page with an error');

      // With the keyboard: Enter in the field sends the form.
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Email address').press('Enter');
      await expectHeading(page, 'Check your email');
      await expectFocusOn(page, 'main h1');
      const sent = await page.locator('main').innerText();
      assert.ok(sent.includes(`If an account uses ${email}`), sent);
      assert.match(sent, /works once, for 1 hour/);
      await expectAccessible(page, 'check your email after asking for a reset link');

      const link = await linkInEmail(email, 'password-reset');
      await page.goto(link);
      await expectHeading(page, 'Create a new password');
      assert.equal(await page.getByLabel('Email address').inputValue(), email);
      await expectAccessible(page, 'the create a new password page');

      await page.getByLabel('New password').fill('too short');
      await page.getByRole('button', { name: 'Reset password' }).click();
      await expectErrorLink(page, 'Password must be 12 characters or more', 'password');
      await page.getByLabel('New password').fill(newPassword);
      await page.getByRole('button', { name: 'Reset password' }).click();
      await page.locator('.govuk-panel--confirmation', { hasText: 'Your password has been reset' }).waitFor();
      await expectFocusOn(page, 'main h1');
      assert.equal(await page.title(), 'Password reset – PSW Network');
      await expectAccessible(page, 'the password reset confirmation');

      await page.getByRole('link', { name: 'Sign in', exact: true }).click();
      await signInThroughPage(page, email, newPassword);
      await page.locator('header').getByRole('link', { name: 'Your account' }).waitFor();
      assert.equal(await canSignIn(email, DEMO_PASSWORD), false, 'the old password no longer works');

      await page.goto(link);
      await expectHeading(page, 'This link has expired or has already been used');
      assert.equal(await page.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href'), '/password-reset');
      await expectAccessible(page, 'a password reset link already used');
    }));

  it('says the same for an address that has no account, on a 375 px phone', () => withWatchedPage(browser,
    server.baseUrl, async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      const nobody = newEmail('nobody.here');
      await page.goto('/password-reset');
      await expectHeading(page, 'Reset your password');
      await expectNoSidewaysScroll(page, 'the reset your password page');
      await page.getByLabel('Email address').fill(nobody);
      await page.getByRole('button', { name: 'Send link' }).click();
      await expectHeading(page, 'Check your email');
      const sent = await page.locator('main').innerText();
      assert.ok(sent.includes(`If an account uses ${nobody}`), sent);
      await expectNoSidewaysScroll(page, 'check your email');
      await expectAccessible(page, 'check your email at 375 px');
    }));
});

describe('your email address', () => {
  it('changes once the link sent to the new address is followed, even signed out', async () => {
    const email = await newMember('Caspian Holt');
    const newAddress = newEmail('caspian.holt');
    await withSignedInPage(browser, server.baseUrl, email, async (page) => {
      await page.goto('/account');
      await expectHeading(page, 'Your account');
      await page.getByRole('link', { name: 'Change email address' }).click();
      await expectHeading(page, 'Change your email address');
      await expectAccessible(page, 'the change your email address page');

      await page.getByLabel('New email address').fill(newAddress);
      await page.getByLabel('Current password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Send confirmation link' }).click();
      await expectHeading(page, 'Check your email');
      const sent = await page.locator('main').innerText();
      assert.ok(sent.includes(`We have sent a link to ${newAddress}`), sent);
      assert.match(sent, /It works for 24 hours/);
      await expectAccessible(page, 'check your email after changing the address');
    });

    const link = await linkInEmail(newAddress, 'confirm-email');
    await withWatchedPage(browser, server.baseUrl, async (page) => {
      await page.goto(link);
      await expectHeading(page, 'Confirm your new email address');
      assert.ok((await page.locator('main').innerText()).includes(newAddress));
      // Opening the link changes nothing (mail scanners open links too): only the button does.
      assert.equal(await canSignIn(email, DEMO_PASSWORD), true, 'the old address still signs in');
      await expectAccessible(page, 'the confirm your new email address page');

      await page.getByRole('button', { name: 'Confirm email address' }).focus();
      await page.keyboard.press('Enter');
      await page.locator('.govuk-panel--confirmation', { hasText: 'Email address confirmed' }).waitFor();
      await expectFocusOn(page, 'main h1');
      await expectAccessible(page, 'the email address confirmation');

      await page.getByRole('link', { name: 'Sign in with your new email address' }).click();
      await signInThroughPage(page, newAddress, DEMO_PASSWORD);
      await expectHeading(page, 'Your account');
      assert.equal((await summaryRows(page.locator('main')))['Email address'], newAddress);

      await page.goto(link);
      await expectHeading(page, 'This link has expired or has already been used');
      await expectAccessible(page, 'an email confirmation link already used');
    });

    assert.equal(await canSignIn(email, DEMO_PASSWORD), false, 'the old address no longer signs in');
    await sink.waitFor((found) => addressedTo(email)(found), { what: 'the notice to the old address' });
  });
});

describe('where you’re signed in', () => {
  it('signs out another browser, then everywhere', async () => {
    const email = await newMember('Tobias Wrenfield');
    await withTwoBrowsers(email, async (page, otherPage) => {
      await page.goto('/account');
      await expectHeading(page, 'Your account');
      await page.getByRole('link', { name: 'Where you’re signed in' }).click();
      await expectHeading(page, 'Where you’re signed in');
      const table = page.getByRole('region', { name: /most recently used first/ });
      const rows = await tableRows(table);
      assert.equal(rows.length, 2, JSON.stringify(rows));
      assert.equal(rows.filter((row) => row[0].endsWith('This device')).length, 1, JSON.stringify(rows));
      await expectAccessible(page, 'where you’re signed in');

      await table.getByRole('button', { name: /^Sign out of / }).click();
      await page.locator('.govuk-notification-banner--success', { hasText: 'You have signed out of' }).waitFor();
      const left = await tableRows(table);
      assert.equal(left.length, 1, JSON.stringify(left));
      assert.ok(left[0][0].endsWith('This device'), JSON.stringify(left));
      assert.equal(await table.getByRole('button').count(), 0, 'this device is signed out from the header instead');
      await expectAccessible(page, 'where you’re signed in after signing out another browser');

      await otherPage.reload();
      await expectHeading(otherPage, 'Sign in to PSW Network');

      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await expectHeading(page, 'Sign in to PSW Network');
      await page.locator('.govuk-notification-banner', { hasText: 'You have been signed out everywhere' }).waitFor();
      assert.equal(await page.locator('header').getByRole('link', { name: 'Your account' }).count(), 0);
      await page.goto('/account');
      await expectHeading(page, 'Sign in to PSW Network');
    });
  });
});

describe('on a phone', () => {
  it('fits every account page in 375 px without scrolling sideways', async () => {
    const email = await newMember('Marnie Quillfeather');
    await withSignedInPage(browser, server.baseUrl, email, async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      const pages = [
        ['/account', 'Your account'],
        ['/account/profile', 'Change your details'],
        ['/account/password', 'Change your password'],
        ['/account/email', 'Change your email address'],
        ['/account/sessions', 'Where you’re signed in'],
      ];
      for (const [path, heading] of pages) {
        await page.goto(path);
        await expectHeading(page, heading);
        await expectNoSidewaysScroll(page, path);
        await expectAccessible(page, `${path} at 375 px`);
      }
    });
    await withWatchedPage(browser, server.baseUrl, async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      for (const path of [`/password-reset/${'0'.repeat(32)}`, `/confirm-email/${'0'.repeat(32)}`]) {
        await page.goto(path);
        await expectHeading(page, 'This link has expired or has already been used');
        await expectNoSidewaysScroll(page, path);
        await expectAccessible(page, `${path} at 375 px`);
      }
    });
  });
});
