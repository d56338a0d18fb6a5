// Pending invitations on an organisation's members page, in headless Chromium against the real pswnet and a fresh
// database with the demo data: grace (org_admin of Southwark) sees none, invites someone and sees them pending,
// sends an expired invitation again with the keyboard only, withdraws one after confirming on its own page (with
// the keyboard only), and gets the GOV.UK error summary when the server refuses (403 for a network admin's moderator
// invitation, 409 for one withdrawn meanwhile). At 375 px wide no page scrolls sideways. axe-core checks every state.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { client, demoUsers, expectProblem, signIn } from '../support/api.mjs';
import { invitationTokenFor } from '../support/database.mjs';
import { INVITATIONS, invitationFor, newEmail } from '../support/identity.mjs';
import { expectDocumented, validateResponse } from '../support/openapi.mjs';
import { startServer } from '../support/server.mjs';
import {
  expectAccessible, expectFocusOn, expectHeading, expectNoSidewaysScroll, launchBrowser, signInAs, staticDir, tableRows,
  ukDate, withWatchedPage,
} from './helpers.mjs';

const PENDING = '/api/v1/organisations/{id}/invitations';

let server;
let browser;
let api;
let grace;
let sam;
let southwarkId;

before(async () => {
  assert.ok(existsSync(`${staticDir}/index.html`), `build the webclient first (npm run build in webclient/)`);
  server = await startServer({ env: { PSWNET_STATIC_DIR: staticDir } });
  browser = await launchBrowser();
  api = client(server.baseUrl);
  grace = await signIn(server.baseUrl, demoUsers.grace);
  sam = await signIn(server.baseUrl, demoUsers.sam);
  southwarkId = grace.user.organisation.id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A test with a fresh page, closed afterwards and checked to have stayed clean (see withWatchedPage). */
function pageTest(name, test) {
  it(name, () => withWatchedPage(browser, server.baseUrl, test));
}

/** Invites `email` to Southwark through the API (as grace unless `as` says otherwise); returns the invitation. */
async function invite(email, { roles = ['member'], sector = 'children', as = grace } = {}) {
  const res = await api.post(INVITATIONS, invitationFor(email, southwarkId, { roles, sector }), { auth: as });
  assert.equal(res.status, 201, res.text);
  return expectDocumented(res, 'POST', '/api/v1/invitations');
}

/** Southwark's pending invitations as the API gives them to grace. */
async function pendingByApi() {
  const res = await api.get(`/api/v1/organisations/${southwarkId}/invitations`, { auth: grace });
  assert.equal(res.status, 200, res.text);
  return expectDocumented(res, 'GET', PENDING).items;
}

/** Opens Southwark's page at its pending invitations and waits until they are shown. */
async function openPendingInvitations(page) {
  await page.goto(`/organisations/${southwarkId}#pending-invitations`);
  await expectHeading(page, 'Southwark');
  await page.locator('#pending-invitations').waitFor();
}

function pendingTable(page) {
  return page.getByRole('region', { name: 'Pending invitations to Southwark' });
}

function pendingRow(page, email) {
  return pendingTable(page).locator('tbody tr', { hasText: email });
}

function successBanner(page, text) {
  return page.locator('.govuk-notification-banner--success', { hasText: text });
}

/** Presses Tab until `target` has the focus, as a keyboard user would; fails after `presses` presses. */
async function tabTo(page, target, presses = 40) {
  for (let pressed = 0; pressed < presses; pressed += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  assert.ok(await target.evaluate((element) => element === document.activeElement),
    `${presses} presses of Tab did not reach ${target}`);
}

describe('pending invitations', () => {
  pageTest('shows none at first, then the invitation just sent through the form, newest first', async (page) => {
    assert.deepEqual(await pendingByApi(), [], 'the demo data has no pending invitations to Southwark');
    await signInAs(page, demoUsers.grace);
    await page.getByRole('link', { name: /Manage members of Southwark/ }).click();
    await expectHeading(page, 'Southwark');
    const section = page.locator('section[aria-labelledby="members"]');
    await section.getByText('No pending invitations.').waitFor();
    assert.equal(await pendingTable(page).count(), 0);
    await expectAccessible(page, 'the members page with no pending invitations');

    const email = newEmail('pending.form');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Adults’ services', { exact: true }).check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await successBanner(page, `Invitation sent to ${email}`).waitFor();
    await pendingRow(page, email).waitFor();
    assert.equal(await section.getByText('No pending invitations.').count(), 0);
    const [sent] = await pendingByApi();
    assert.equal(sent.email, email);
    assert.deepEqual((await tableRows(pendingTable(page)))[0].slice(0, 5),
      [email, 'Member', 'Adults’ services', ukDate(sent.created_at), ukDate(sent.expires_at)]);
    await expectAccessible(page, 'the members page with an invitation just sent');

    const later = await invite(newEmail('pending.later'));
    await page.reload();
    await pendingRow(page, later.email).waitFor();
    const emails = (await tableRows(pendingTable(page))).map((row) => row[0]);
    assert.deepEqual(emails.slice(0, 2), [later.email, email], 'newest first');
  });

  pageTest('sends an expired invitation again with the keyboard only, and its old link stops working', async (page) => {
    const invitation = await invite(newEmail('expired'), { sector: 'both' });
    const oldToken = await invitationTokenFor(server.db, invitation.email);
    await server.db.query("UPDATE invitations SET expires_at = now() - interval '1 day' WHERE id = $1",
      [invitation.id]);

    await signInAs(page, demoUsers.grace);
    await openPendingInvitations(page);
    const row = pendingRow(page, invitation.email);
    await row.waitFor();
    await expectFocusOn(page, '#pending-invitations');
    assert.equal(await row.locator('.govuk-tag').innerText(), 'Expired');
    await expectAccessible(page, 'the pending invitations with an expired one');

    const sendAgain = row.getByRole('button', { name: `Send again to ${invitation.email}` });
    await tabTo(page, sendAgain);
    const answer = page.waitForResponse((response) =>
      response.url().endsWith(`/invitations/${invitation.id}/resend`));
    await page.keyboard.press('Enter');
    const resent = await answer;
    assert.equal(resent.status(), 200);
    const renewed = await resent.json();
    validateResponse('POST', '/api/v1/organisations/{id}/invitations/{invitation_id}/resend', 200, renewed);
    assert.ok(Date.parse(renewed.expires_at) > Date.now() + 6 * 24 * 3600 * 1000, 'valid for 7 days from now');

    const banner = successBanner(page, `Invitation sent again to ${invitation.email}`);
    await banner.waitFor();
    await expectFocusOn(page, '.govuk-notification-banner--success');
    assert.match(await banner.innerText(), new RegExp(`until ${ukDate(renewed.expires_at)}`));
    await row.locator('td', { hasText: ukDate(renewed.expires_at) }).waitFor();
    assert.equal(await row.locator('.govuk-tag').count(), 0, 'no longer expired');
    await expectAccessible(page, 'the pending invitations after sending one again');

    const newToken = await invitationTokenFor(server.db, invitation.email);
    assert.notEqual(newToken, oldToken, 'a new link was sent');
    assert.equal((await api.get(`/api/v1/invitations/${newToken}`)).status, 200);
    expectProblem(await api.get(`/api/v1/invitations/${oldToken}`), 404);
  });

  pageTest('withdraws an invitation after asking on its own page, with the keyboard only', async (page) => {
    const invitation = await invite(newEmail('withdrawn'));
    const token = await invitationTokenFor(server.db, invitation.email);
    await signInAs(page, demoUsers.grace);
    await openPendingInvitations(page);
    const row = pendingRow(page, invitation.email);
    await row.waitFor();

    // Cancel leaves it pending.
    await row.getByRole('button', { name: `Withdraw invitation to ${invitation.email}` }).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/invitations/${invitation.id}/withdraw`));
    await expectHeading(page, 'Are you sure you want to withdraw this invitation?');
    assert.equal(await page.title(), 'Withdraw invitation – PSW Network');
    assert.match(await page.locator('.govuk-summary-list').innerText(), new RegExp(invitation.email.replaceAll('.', '\\.')));
    await expectAccessible(page, 'the withdraw confirmation page');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL((url) => url.pathname === `/organisations/${southwarkId}`);
    await row.waitFor();
    await expectFocusOn(page, '#pending-invitations');

    const withdraw = row.getByRole('button', { name: `Withdraw invitation to ${invitation.email}` });
    await tabTo(page, withdraw);
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Are you sure you want to withdraw this invitation?');
    await expectFocusOn(page, 'main h1');
    const confirm = page.getByRole('button', { name: 'Withdraw invitation', exact: true });
    await tabTo(page, confirm, 5);
    await page.keyboard.press('Enter');

    await page.waitForURL((url) => url.pathname === `/organisations/${southwarkId}`);
    await successBanner(page, `Invitation to ${invitation.email} withdrawn`).waitFor();
    await expectFocusOn(page, '.govuk-notification-banner--success');
    await page.locator('main:not([aria-busy]) #pending-invitations').waitFor();
    assert.equal(await row.count(), 0, 'no longer pending');
    assert.ok(!(await pendingByApi()).some((item) => item.id === invitation.id));
    expectProblem(await api.get(`/api/v1/invitations/${token}`), 410);
    await expectAccessible(page, 'the members page after withdrawing an invitation');

    await page.goto(`/organisations/${southwarkId}/invitations/${invitation.id}/withdraw`);
    await expectHeading(page, 'This invitation is no longer pending');
    await expectAccessible(page, 'the withdraw page of an invitation already withdrawn');
  });

  pageTest('does not scroll sideways at 375 px: the tables scroll in named regions of their own', async (page) => {
    await page.setViewportSize({ width: 375, height: 812 });
    const invitation = await invite(newEmail('a.rather.long.address.for.a.narrow.screen'));
    await signInAs(page, demoUsers.grace);
    await openPendingInvitations(page);
    await pendingRow(page, invitation.email).waitFor();
    await expectNoSidewaysScroll(page, 'the members page');
    for (const name of ['Pending invitations to Southwark', 'Members of Southwark']) {
      const region = page.getByRole('region', { name });
      assert.equal(await region.getAttribute('tabindex'), '0', `${name} can be scrolled with the keyboard`);
      const { scrollWidth, clientWidth } = await region.evaluate((element) =>
        ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
      assert.ok(clientWidth <= 375, `${name} fits the window`);
      assert.ok(scrollWidth > clientWidth, `${name} is wider than the window and scrolls inside its region`);
    }
    await expectAccessible(page, 'the members page at 375 px');

    await page.getByRole('button', { name: `Withdraw invitation to ${invitation.email}` }).click();
    await expectHeading(page, 'Are you sure you want to withdraw this invitation?');
    await expectNoSidewaysScroll(page, 'the withdraw confirmation page');
    await expectAccessible(page, 'the withdraw confirmation page at 375 px');

    await page.getByRole('button', { name: 'Withdraw invitation', exact: true }).click();
    await successBanner(page, `Invitation to ${invitation.email} withdrawn`).waitFor();
    await expectNoSidewaysScroll(page, 'the members page with a banner naming a long address');
  });

  pageTest('offers no changes to a network admin’s moderator invitation and shows the 403 in the error summary',
    async (page) => {
      const invitation = await invite(newEmail('moderator'), { roles: ['moderator'], as: sam });
      await signInAs(page, demoUsers.grace);
      await openPendingInvitations(page);
      const row = pendingRow(page, invitation.email);
      await row.waitFor();
      assert.match(await row.innerText(), /Only network administrators can change this invitation/);
      assert.equal(await row.getByRole('button').count(), 0);
      await expectAccessible(page, 'the pending invitations with one grace may not change');

      // Typed into the address bar: the page asks, and the server refuses.
      await page.goto(`/organisations/${southwarkId}/invitations/${invitation.id}/withdraw`);
      await expectHeading(page, 'Are you sure you want to withdraw this invitation?');
      await page.getByRole('button', { name: 'Withdraw invitation', exact: true }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      await expectFocusOn(page, '.govuk-error-summary');
      assert.match(await summary.innerText(), /Only network administrators can change an invitation to those roles\./);
      assert.equal(await page.title(), 'Error: Withdraw invitation – PSW Network');
      await expectAccessible(page, 'the withdraw page with the 403 in the error summary');
      assert.ok((await pendingByApi()).some((item) => item.id === invitation.id), 'still pending');
    });

  pageTest('says so in the error summary when an invitation was withdrawn meanwhile, and takes it off the list',
    async (page) => {
      const invitation = await invite(newEmail('meanwhile'));
      await signInAs(page, demoUsers.grace);
      await openPendingInvitations(page);
      const row = pendingRow(page, invitation.email);
      await row.waitFor();

      const withdrawn = await api.delete(`/api/v1/organisations/${southwarkId}/invitations/${invitation.id}`,
        { auth: grace });
      assert.equal(withdrawn.status, 204, withdrawn.text);
      await row.getByRole('button', { name: `Send again to ${invitation.email}` }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      await expectFocusOn(page, '.govuk-error-summary');
      assert.match(await summary.innerText(), /This invitation has already been accepted or withdrawn\./);
      await row.waitFor({ state: 'detached' });
      await expectAccessible(page, 'the members page after a 409');
    });
});
