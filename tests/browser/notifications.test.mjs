// Notifications' pages in headless Chromium against the real pswnet, which writes its emails as .eml files to a
// folder of the test's: the email settings (a choice saved and still there after a reload, and the server's field
// errors shown against their fields), the page a notification email's unsubscribe link opens while signed out (and
// one for a link that is not valid), and the network administrators' email outbox. axe-core checks every page, and
// at 375 px none of them scrolls sideways.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { client, demoUsers, signIn } from '../support/api.mjs';
import { uniqueWord } from '../support/forum.mjs';
import { pollUntil, startServer } from '../support/server.mjs';
import {
  expectAccessible, expectFocusOn, expectHeading, expectNoSidewaysScroll, launchBrowser, staticDir,
  withWatchedPage,
  withSignedInPage as signedInPageOf,
} from './helpers.mjs';

const replyLabel = 'Replies to my questions and to threads I follow';
/** How long an email may take to be written on a loaded 2-core machine running the sanitizer build. */
const mailTimeoutMs = 20_000;

let mailDir;
let server;
let browser;
let api;

before(async () => {
  assert.ok(existsSync(`${staticDir}/index.html`), 'build the webclient first (npm run build in webclient/)');
  mailDir = await mkdtemp(path.join(os.tmpdir(), 'pswnet-browser-mail-'));
  server = await startServer({ env: { PSWNET_STATIC_DIR: staticDir }, args: ['--mail-dir', mailDir] });
  browser = await launchBrowser();
  api = client(server.baseUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (mailDir) await rm(mailDir, { recursive: true, force: true });
});

/** A signed-in page, checked and closed after `test` (helpers.mjs). */
const withSignedInPage = (email, test) => signedInPageOf(browser, server.baseUrl, email, test);

const menu = (page) => page.getByRole('navigation', { name: 'Menu' });

/** The radios of one kind of notification, found by its legend. */
const kindGroup = (page, label) => page.getByRole('group', { name: label });

/** The .eml files in the mail folder, newest first, with their text with folded header lines unfolded. */
async function emails() {
  const names = (await readdir(mailDir)).filter((name) => name.endsWith('.eml') && !name.startsWith('.'));
  const found = await Promise.all(names.map(async (name) => {
    const file = path.join(mailDir, name);
    const [text, info] = await Promise.all([readFile(file, 'latin1'), stat(file)]);
    return { file, text: text.replace(/\r?\n[ \t]+/g, ' '), mtimeMs: info.mtimeMs };
  }));
  return found.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/**
 * Amira asks a question and Tom answers it, which emails Amira at once (the default for replies); resolves with the
 * token of that email's one-click unsubscribe link, from its List-Unsubscribe header.
 */
async function unsubscribeTokenFromAReplyEmail() {
  const [amira, tom] = await Promise.all([signIn(server.baseUrl, demoUsers.amira), signIn(server.baseUrl, demoUsers.tom)]);
  const before = new Set((await emails()).map((email) => email.file));
  const title = `How do other authorities plan ${uniqueWord()}?`;
  const thread = await api.post('/api/v1/threads', {
    title, body: 'We would value hearing how others do this.', sector: 'both', kind: 'question', tags: ['practice'],
  }, { auth: amira });
  assert.equal(thread.status, 201, thread.text);
  const reply = await api.post(`/api/v1/threads/${thread.body.id}/posts`,
    { body: 'We review ours every quarter with the team.' }, { auth: tom });
  assert.equal(reply.status, 201, reply.text);

  // The sender thread writes the email after the reply commits: look until a new one to Amira is there.
  const email = await pollUntil(async () => (await emails()).find((found) => !before.has(found.file)
    && /^To:.*amira\.children@southampton\.demo\.pswnet\.uk/im.test(found.text)),
  { timeoutMs: mailTimeoutMs, what: `the reply email to Amira in ${mailDir}` });
  const header = /^List-Unsubscribe:\s*<https?:\/\/[^>]*\/api\/v1\/unsubscribe\/([A-Za-z0-9_-]+)>/im.exec(email.text);
  assert.ok(header, `the email has a one-click unsubscribe link:\n${email.text.slice(0, 2000)}`);
  // The footer's link, in a quoted-printable body whose long lines end in soft line breaks ("=" and a newline).
  const body = email.text.replace(/=\r?\n/g, '');
  assert.match(body, new RegExp(`https?://[^\\s/]+/unsubscribe/${header[1]}`), 'the footer links to the unsubscribe page');
  return { token: header[1], amira };
}

describe('notification settings', () => {
  it('keeps a kind turned off by email and the summary time after saving and reloading', async () => {
    await withSignedInPage(demoUsers.grace, async (page) => {
      await page.goto('/notifications');
      await expectHeading(page, 'Notifications');
      await page.getByRole('link', { name: 'Change how you are notified by email' }).click();
      await expectHeading(page, 'Notification settings');
      assert.equal(await page.title(), 'Notification settings – PSW Network');
      for (const group of ['Discussions', 'Consultations', 'Library']) {
        await page.getByRole('heading', { name: group, level: 2 }).waitFor();
      }
      await page.getByRole('heading', { name: 'Your account', level: 2 }).waitFor();
      await page.getByText(/new device: we always tell you at once.*cannot be turned off/).waitFor();
      assert.equal(await page.locator('input[name="delivery-account"]').count(), 0, 'account notices are not a choice');
      const replies = kindGroup(page, replyLabel);
      assert.equal(await replies.getByLabel('At once').isChecked(), true, 'replies come at once by default');
      await expectAccessible(page, 'the notification settings page');

      await replies.getByLabel('Not by email').check();
      await page.getByLabel('Time').selectOption({ label: '7am' });
      await page.getByLabel('Day of the weekly summary').selectOption({ label: 'Friday' });
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('.govuk-notification-banner--success', { hasText: 'Your notification settings are saved' })
        .waitFor();
      await expectFocusOn(page, '.govuk-notification-banner--success');
      await expectAccessible(page, 'the notification settings page once saved');

      await page.reload();
      await expectHeading(page, 'Notification settings');
      assert.equal(await kindGroup(page, replyLabel).getByLabel('Not by email').isChecked(), true);
      assert.equal(await page.getByLabel('Time').inputValue(), '7');
      assert.equal(await page.getByLabel('Day of the weekly summary').inputValue(), 'friday');
      assert.equal(await kindGroup(page, 'Someone mentions me').getByLabel('At once').isChecked(), true,
        'the other kinds are as they were');

      const grace = await signIn(server.baseUrl, demoUsers.grace);
      const saved = await api.get('/api/v1/me/notification-settings', { auth: grace });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.body.kinds.find((kind) => kind.kind === 'reply').delivery, 'off');
      assert.deepEqual(saved.body.digest, { hour: 7, day: 'friday' });
    });
  });

  it('shows the server’s field errors in the error summary, linked to their fields', async () => {
    await withSignedInPage(demoUsers.grace, async (page) => {
      await page.goto('/settings/notifications');
      await expectHeading(page, 'Notification settings');
      // No choice on the page is invalid: an hour the server refuses can only be made by changing the page.
      await page.getByLabel('Time').evaluate((select) => {
        select.options[select.selectedIndex].value = '24';
      });
      await page.getByRole('button', { name: 'Save' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      await expectFocusOn(page, '.govuk-error-summary');
      const item = summary.getByRole('link', { name: 'Choose a time for your summaries' });
      assert.equal(await item.getAttribute('href'), '#digest-hour');
      assert.match(await page.locator('#digest-hour-error').innerText(), /Choose a time for your summaries/);
      assert.equal(await page.title(), 'Error: Notification settings – PSW Network');
      await expectAccessible(page, 'the notification settings page with an error');
      await item.click();
      await expectFocusOn(page, '#digest-hour');
    });
  });

  it('fits a 375 px wide phone without scrolling sideways', async () => {
    await withSignedInPage(demoUsers.tom, async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto('/settings/notifications');
      await expectHeading(page, 'Notification settings');
      await expectNoSidewaysScroll(page, 'the notification settings page');
      await expectAccessible(page, 'the notification settings page at 375 px');
    });
  });
});

describe('unsubscribe links in emails', () => {
  let token;
  let amira;

  before(async () => {
    ({ token, amira } = await unsubscribeTokenFromAReplyEmail());
  });

  it('stops one kind of email without signing in, with the keyboard', () => withWatchedPage(browser, server.baseUrl,
    async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(`/unsubscribe/${token}`);
      await expectHeading(page, `Stop emails about: ${replyLabel}?`);
      assert.equal(page.url(), `${server.baseUrl}/unsubscribe/${token}`, 'no sign-in is asked for');
      assert.equal(await page.getByRole('link', { name: 'Sign out' }).count(), 0, 'nobody is signed in');
      await expectNoSidewaysScroll(page, 'the unsubscribe page');
      await expectAccessible(page, 'the unsubscribe page');

      await page.getByRole('button', { name: 'Stop these emails' }).focus();
      await page.keyboard.press('Enter');
      const panel = page.locator('.govuk-panel--confirmation');
      await panel.waitFor();
      assert.match(await panel.innerText(), new RegExp(`You will no longer get emails about: ${replyLabel}`));
      await expectFocusOn(page, 'main h1');
      assert.equal(await page.title(), 'Emails stopped – PSW Network');
      const settings = page.getByRole('link', { name: 'Sign in to change your notification settings' });
      assert.equal(await settings.getAttribute('href'), '/sign-in?return_to=%2Fsettings%2Fnotifications');
      await expectNoSidewaysScroll(page, 'the unsubscribe confirmation');
      await expectAccessible(page, 'the unsubscribe confirmation');

      const saved = await api.get('/api/v1/me/notification-settings', { auth: amira });
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.body.kinds.find((kind) => kind.kind === 'reply').delivery, 'off');
    }));

  it('says clearly when a link is not valid', () => withWatchedPage(browser, server.baseUrl, async (page) => {
    await page.goto(`/unsubscribe/${'0'.repeat(32)}`);
    await expectHeading(page, 'This link has expired or is not valid');
    await page.getByRole('link', { name: 'Sign in to change your notification settings' }).waitFor();
    await expectAccessible(page, 'the unsubscribe page of a link that is not valid');
  }));
});

describe('the email outbox', () => {
  before(async () => {
    // At least one email has been written (the reply email of the unsubscribe tests, or this one).
    if ((await emails()).length === 0) await unsubscribeTokenFromAReplyEmail();
  });

  it('shows network administrators the emails with their status, filtered by status', async () => {
    await withSignedInPage(demoUsers.sam, async (page) => {
      await menu(page).getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('main').getByRole('link', { name: 'Email outbox' }).click();
      await expectHeading(page, 'Email outbox');
      assert.equal(await menu(page).getByRole('link', { name: 'Admin' }).getAttribute('aria-current'), 'page',
        'the outbox is under Admin in the navigation');
      assert.equal(await page.title(), 'Email outbox – PSW Network');
      const counts = page.locator('.govuk-summary-list');
      assert.match(await counts.innerText(), /Queued\s+\d+ emails?/);
      assert.match(await counts.innerText(), /Sent\s+[1-9][\d,]* emails?/);
      const table = page.getByRole('region', { name: /All emails, newest first/ });
      await table.locator('tbody tr', { hasText: demoUsers.amira }).first().waitFor();
      await expectAccessible(page, 'the email outbox');

      await page.getByRole('navigation', { name: 'Emails by status' }).getByRole('link', { name: 'Sent' }).click();
      await page.waitForURL((url) => url.search === '?status=sent');
      const sent = page.getByRole('region', { name: /Sent emails, newest first/ });
      await sent.locator('tbody tr').first().waitFor();
      for (const status of await sent.locator('tbody .govuk-tag').allInnerTexts()) assert.equal(status.trim(), 'Sent');
      assert.equal(await page.getByRole('link', { name: 'Sent', exact: true }).getAttribute('aria-current'), 'page');
      await expectAccessible(page, 'the email outbox filtered to sent emails');

      await page.setViewportSize({ width: 375, height: 812 });
      await expectNoSidewaysScroll(page, 'the email outbox');
      const { scrollWidth, clientWidth } = await sent.evaluate((element) =>
        ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
      assert.ok(clientWidth <= 375, 'the table region fits the window');
      assert.ok(scrollWidth > clientWidth, 'the table is wider than the window and scrolls inside its region');
      assert.equal(await sent.getAttribute('tabindex'), '0', 'the table can be scrolled with the keyboard');
      await expectAccessible(page, 'the email outbox at 375 px');
    });
  });

  it('is not offered to members, and refused if they go there', async () => {
    await withSignedInPage(demoUsers.tom, async (page) => {
      assert.equal(await menu(page).getByRole('link', { name: 'Admin' }).count(), 0);
      await page.goto('/admin/outbox');
      await expectHeading(page, 'You cannot see this page');
      await expectAccessible(page, 'the email outbox refused to a member');
    });
  });
});
