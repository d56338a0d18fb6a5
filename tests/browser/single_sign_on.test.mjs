// Signing in with a council account (OpenID Connect) in headless Chromium against the real pswnet and a real OpenID
// Provider (support/oidc_provider.mjs: oidc-provider in a process of its own on 127.0.0.1) standing in for
// Southwark's. The network administrator adds the provider from the Admin pages (an issuer that is not https is
// refused); Grace signs in with her council account from the sign-in page, going through the provider's own sign-in
// page and back, and cancelling there is explained; someone from Southwark with no account yet is told their
// administrators have been asked, Grace approves them from the organisation page and their next council sign-in
// lands signed in; once Grace's council sign-ins have stopped for a month (set back in the database) and the
// council's sign-in has refused the newcomer, the network administrator finds both under "People who may have left"
// on Southwark's page and disables the newcomer's account from there; Grace requires council sign-in for Southwark,
// after which a member's password is refused with the way to sign in instead; signing out of a council session goes
// through the provider's sign-out and back to "You have signed out"; finally the administrator removes the provider
// and, as Southwark still requires a council sign-in that nothing offers now, turns that off so that passwords work
// again. axe-core checks every new page and state, and at 375 px none of them scrolls sideways. Every person here is
// invented.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEMO_PASSWORD, demoUsers, signIn } from '../support/api.mjs';
import { LOGOUT } from '../support/identity.mjs';
import { startOpenIdProvider } from '../support/oidc_provider.mjs';
import {
  expectAccessible, expectErrorLink, expectGoodEverywhere, expectHeading, newSignedOutMember, signInAs, summaryRows,
  tableRows, ukDate, withServerAndBrowser, withWatchedPage,
} from './helpers.mjs';

const southwarkCode = 'E09000028';
const southwarkDomain = 'southwark.demo.pswnet.uk';
const providerName = 'Southwark Council';
const newcomer = { email: `nia.newcomer@${southwarkDomain}`, name: 'Nia Newcomer-Okafor' };

let server;
let browser;
let provider;
/** Grace's organisation, {id, name, code}, her name and her user id. */
let southwark;
let graceName;
let graceId;
/** A member of Southwark who signs in with a password. */
let memberEmail;

withServerAndBrowser({}, async (started) => {
  ({ server, browser } = started);
  const grace = await signIn(server.baseUrl, demoUsers.grace);
  southwark = grace.user.organisation;
  graceName = grace.user.display_name;
  graceId = grace.user.id;
  assert.equal(southwark.code, southwarkCode);
  assert.equal((await started.api.post(LOGOUT, undefined, { auth: grace })).status, 204);
  // The council's accounts sign in with their email address as the login, which pswnet passes on as login_hint.
  provider = await startOpenIdProvider({
    tenant: 'southwark',
    redirectUris: [`${server.baseUrl}/api/v1/auth/single-sign-on/callback`],
    postLogoutRedirectUris: [`${server.baseUrl}/signed-out`],
    accounts: {
      [demoUsers.grace]: { sub: 'southwark-grace', email: demoUsers.grace, email_verified: true, name: graceName },
      [newcomer.email]: { sub: 'southwark-nia', email: newcomer.email, email_verified: true, name: newcomer.name },
    },
  });
});
after(async () => {
  await provider?.stop();
});

/**
 * Runs `test(page)` on a fresh watched page that may go to the council's provider as well as to pswnet (see
 * withWatchedPage).
 */
function withPage(test) {
  return withWatchedPage(browser, server.baseUrl, test, { allowedOrigins: [provider.issuer] });
}

/** The summary card titled `title`. */
function card(page, title) {
  return page.locator('main .govuk-summary-card').filter({
    has: page.locator('.govuk-summary-card__title', { hasText: title }),
  });
}

/** On the sign-in page, gives `email` as the council email address and continues. */
async function continueToCouncil(page, email) {
  await expectHeading(page, 'Sign in to PSW Network');
  await page.getByRole('heading', { level: 2, name: 'Sign in with your council account' }).waitFor();
  await page.getByLabel('Your council email').fill(email);
  await page.getByRole('button', { name: /^Continue to your council.s sign-in$/ }).click();
}

/** Waits for the provider's own sign-in page. */
async function atProviderSignIn(page) {
  await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/interaction/`));
  await page.getByRole('heading', { level: 1, name: 'Sign in to council southwark' }).waitFor();
}

/** Signs in on the provider's own sign-in page as the council account `login`. */
async function signInAtProviderPage(page, login) {
  await atProviderSignIn(page);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill('a-council-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Waits to be back on pswnet at `pathname`, signed in, with the page shown. */
async function backSignedIn(page, pathname) {
  await page.waitForURL((url) => url.origin === new URL(server.baseUrl).origin && url.pathname === pathname);
  await page.locator('header').getByRole('link', { name: 'Your account' }).waitFor();
  await page.locator('main:not([aria-busy]) h1').waitFor();
}

/** The whole council sign-in from the sign-in page: the provider's page, and back to `pathname` signed in. */
async function councilSignIn(page, email, pathname = '/') {
  await continueToCouncil(page, email);
  await signInAtProviderPage(page, email);
  await backSignedIn(page, pathname);
}

/** Waits for the sign-in page at /sign-in, its one-off query (?single_sign_on=...) gone once read. */
async function backOnSignInPage(page) {
  await page.waitForURL((url) => url.origin === new URL(server.baseUrl).origin && url.pathname === '/sign-in'
    && !url.searchParams.has('single_sign_on'));
  await expectHeading(page, 'Sign in to PSW Network');
}

describe('signing in with a council account', () => {
  it('is set up by the network administrator, who adds the council’s identity provider from the Admin pages',
    () => withPage(async (page) => {
      await signInAs(page, demoUsers.sam);
      await page.goto('/admin');
      await expectHeading(page, 'Admin', { exact: true });
      await page.getByRole('link', { name: 'Identity providers' }).click();
      await expectHeading(page, 'Identity providers', { exact: true });
      assert.equal(new URL(page.url()).pathname, '/admin/identity-providers');
      await page.getByText('No identity providers have been added. Everyone signs in with their password.').waitFor();
      const addresses = await summaryRows(page.locator('main .govuk-summary-list'));
      assert.equal(addresses['Redirect URI'], `${server.baseUrl}/api/v1/auth/single-sign-on/callback`);
      assert.equal(addresses['Post-logout redirect URI'], `${server.baseUrl}/signed-out`);
      await expectGoodEverywhere(page, 'the identity providers, none yet');

      await page.getByRole('button', { name: 'Add an identity provider' }).click();
      await expectHeading(page, 'Add an identity provider', { exact: true });
      assert.equal(new URL(page.url()).pathname, '/admin/identity-providers/new');
      await expectGoodEverywhere(page, 'adding an identity provider');

      const add = page.getByRole('button', { name: 'Add identity provider' });
      await add.click();
      await expectErrorLink(page, 'Enter the name shown on sign-in', 'name');
      await expectErrorLink(page, 'Select an organisation whose people sign in with it', 'organisation-1');
      await expectAccessible(page, 'adding an identity provider with nothing filled in');

      await page.getByLabel('Name shown on sign-in').fill(providerName);
      await page.getByLabel('Issuer URL').fill('http://login.example.test/southwark');
      await page.getByLabel('Client ID').fill(provider.clientId);
      await page.getByLabel('Client secret', { exact: true }).fill(provider.clientSecret);
      await page.getByLabel('Email domains').fill(southwarkDomain);
      await page.getByLabel('Organisation', { exact: true }).selectOption({ label: southwark.name });
      await add.click();
      // Plain http is for this machine's own providers only (development and tests): anywhere else, https.
      await expectErrorLink(page,
        'Issuer URL must be an https address, like https://login.microsoftonline.com/organizations/v2.0', 'issuer');
      assert.equal(await page.title(), 'Error: Add an identity provider – PSW Network');
      await expectGoodEverywhere(page, 'adding an identity provider whose issuer is not https');

      await page.getByLabel('Issuer URL').fill(provider.issuer);
      // The secret is sent again: the form keeps what was typed.
      assert.equal(await page.getByLabel('Client secret', { exact: true }).inputValue(), provider.clientSecret);
      await add.click();

      await page.waitForURL((url) => url.pathname === '/admin/identity-providers');
      await page.locator('.govuk-notification-banner--success',
        { hasText: `${providerName} has been added as an identity provider` }).waitFor();
      const added = card(page, providerName);
      const details = await summaryRows(added);
      assert.equal(details['Issuer URL'], provider.issuer);
      assert.equal(details['Client ID'], provider.clientId);
      assert.equal(details['Email domains'], southwarkDomain);
      assert.equal(details['Organisations'], southwark.name);
      assert.ok(!(await page.locator('main').innerText()).includes(provider.clientSecret), 'the secret is not shown');
      await expectGoodEverywhere(page, 'the identity providers, with Southwark’s');

      // Changing it: the secret is left blank, to keep the one saved.
      await added.getByRole('link', { name: `Change ${providerName}` }).click();
      await expectHeading(page, `Change ${providerName}`, { exact: true });
      assert.equal(await page.getByLabel('Issuer URL').inputValue(), provider.issuer);
      assert.equal(await page.getByLabel('Client secret', { exact: true }).inputValue(), '');
      assert.equal(await page.getByLabel('Organisation', { exact: true }).inputValue(), String(southwark.id));
      await expectGoodEverywhere(page, 'changing an identity provider');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/identity-providers');
      await page.locator('.govuk-notification-banner--success',
        { hasText: `Your changes to ${providerName} have been saved` }).waitFor();

      // Removing it asks first; cancelling keeps it.
      await card(page, providerName).getByRole('link', { name: `Remove ${providerName}` }).click();
      await expectHeading(page, 'Are you sure you want to remove this identity provider?');
      await expectGoodEverywhere(page, 'removing an identity provider');
      await page.getByRole('link', { name: 'Cancel' }).click();
      await expectHeading(page, 'Identity providers', { exact: true });
      await card(page, providerName).waitFor();
    }));

  it('lets Grace sign in with her council account, through the council’s own sign-in page',
    () => withPage(async (page) => {
      await page.goto('/sign-in');
      await expectHeading(page, 'Sign in to PSW Network');
      await expectGoodEverywhere(page, 'the sign-in page with its council sign-in');

      // An address no council's sign-in serves.
      await continueToCouncil(page, 'someone@nowhere.example.test');
      await expectErrorLink(page,
        'There is no council sign-in for this email address. Sign in with your password instead.', 'council-email');
      await expectGoodEverywhere(page, 'the sign-in page with no council sign-in for the address');

      // Cancelling at the council comes back to say so.
      await continueToCouncil(page, demoUsers.grace);
      await atProviderSignIn(page);
      assert.equal(await page.getByLabel('Login').inputValue(), demoUsers.grace, 'pswnet passed her address on');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await backOnSignInPage(page);
      await page.locator('.govuk-error-summary', {
        hasText: 'You cancelled signing in with your council account, or your council’s sign-in refused it.',
      }).waitFor();
      assert.equal(await page.title(), 'Error: Sign in – PSW Network');
      await expectGoodEverywhere(page, 'the sign-in page after cancelling at the council');

      await councilSignIn(page, demoUsers.grace);
      await expectHeading(page, 'Your work');
      await page.locator('main').getByText(`You are signed in as ${graceName}, ${southwark.name}.`).waitFor();
    }));

  it('asks the organisation’s administrators about a newcomer, whose next council sign-in works once approved',
    () => withPage(async (page) => {
      await page.goto('/sign-in');
      await continueToCouncil(page, newcomer.email);
      await signInAtProviderPage(page, newcomer.email);
      await backOnSignInPage(page);
      const banner = page.locator('.govuk-notification-banner');
      await banner.filter({ hasText: 'We’ve asked your organisation’s administrators to approve your account' })
        .waitFor();
      assert.match(await banner.innerText(), /You’ll get an email when they have/);
      assert.equal(await page.locator('header').getByRole('link', { name: 'Your account' }).count(), 0);
      await expectGoodEverywhere(page, 'the sign-in page while waiting for approval');

      // Grace, their organisation's administrator, approves them from the organisation's page.
      await withPage(async (admin) => {
        await admin.goto(`/organisations/${southwark.id}`);
        await continueToCouncil(admin, demoUsers.grace);
        await signInAtProviderPage(admin, demoUsers.grace);
        await backSignedIn(admin, `/organisations/${southwark.id}`);
        await expectHeading(admin, southwark.name);
        await admin.getByRole('heading', { level: 2, name: 'People asking to join' }).waitFor();
        const row = admin.locator('main table tbody tr', { hasText: newcomer.email });
        assert.match(await row.innerText(), new RegExp(`${newcomer.name}[\\s\\S]*${providerName}`));
        await expectGoodEverywhere(admin, 'the organisation page with people asking to join');

        await admin.getByRole('button', { name: `Approve ${newcomer.name}` }).click();
        await expectHeading(admin, 'Approve a request to join', { exact: true });
        const request = await summaryRows(admin.locator('main .govuk-summary-list'));
        assert.equal(request['Name'], newcomer.name);
        assert.equal(request['Email address'], newcomer.email);
        assert.equal(request['Signed in with'], providerName);
        await expectGoodEverywhere(admin, 'approving a request to join');
        await admin.getByRole('button', { name: 'Approve', exact: true }).click();
        await expectErrorLink(admin, 'Select which services they work in', 'sector');
        await expectAccessible(admin, 'approving a request to join with no services chosen');
        await admin.getByRole('radio', { name: 'Adults’ services', exact: true }).check();
        await admin.getByRole('button', { name: 'Approve', exact: true }).click();

        await admin.waitForURL((url) => url.pathname === `/organisations/${southwark.id}` && url.hash === '#members');
        await admin.locator('.govuk-notification-banner--success',
          { hasText: `${newcomer.name} is now a member of ${southwark.name}` }).waitFor();
        await admin.getByRole('heading', { level: 2, name: 'Members' }).waitFor();
        assert.equal(await admin.getByRole('heading', { level: 2, name: 'People asking to join' }).count(), 0);
      });

      // The newcomer's browser still has their session at the council: it sends them straight back, signed in.
      await page.goto('/sign-in');
      await continueToCouncil(page, newcomer.email);
      await backSignedIn(page, '/');
      await expectHeading(page, 'Your work');
      await page.locator('main').getByText(`You are signed in as ${newcomer.name}, ${southwark.name}.`).waitFor();
    }));

  it('shows the organisation’s administrators who may have left, whose accounts they can disable from there',
    async () => {
      // Grace's council sign-ins stopped a month ago; since the newcomer's, their council's sign-in refused them.
      const stopped = await server.db.query(
        "UPDATE external_identities SET last_signed_in_at = now() - interval '31 days' WHERE user_id = $1 "
          + 'RETURNING last_signed_in_at', [graceId]);
      assert.equal(stopped.rowCount, 1);
      const { rows: [nia] } = await server.db.query('SELECT id FROM users WHERE email = $1', [newcomer.email]);
      const refused = await server.db.query(
        "UPDATE external_identities SET refused_at = now(), refusal = 'access_denied' WHERE user_id = $1 "
          + 'RETURNING refused_at', [nia.id]);
      assert.equal(refused.rowCount, 1);

      await withPage(async (page) => {
        await signInAs(page, demoUsers.sam);
        await page.goto(`/organisations/${southwark.id}`);
        await expectHeading(page, southwark.name);
        await page.getByRole('heading', { level: 2, name: 'People who may have left' }).waitFor();
        await page.getByText('These members signed in with their council account but have not done so for 30 days, '
          + `or their council’s sign-in refused them: if they have left ${southwark.name}, disable their account.`)
          .waitFor();
        const leavers = page.getByRole('region', { name: `People who may have left ${southwark.name}` });
        // The refused first, then the longest without a council sign-in.
        const refusedOn = ukDate(refused.rows[0].refused_at);
        const lastSignedInOn = ukDate(stopped.rows[0].last_signed_in_at);
        assert.deepEqual(await tableRows(leavers), [
          [newcomer.name, newcomer.email, `${providerName}’s sign-in refused them on ${refusedOn}`,
            `Disable ${newcomer.name}’s account`],
          [graceName, demoUsers.grace, `Last signed in with ${providerName} on ${lastSignedInOn}`,
            `Disable ${graceName}’s account`],
        ]);
        await expectGoodEverywhere(page, 'the organisation page with people who may have left');

        // The newcomer has left: disabling them is the members list's own action, which shows it too.
        await page.getByRole('button', { name: `Disable ${newcomer.name}’s account` }).click();
        await page.locator('.govuk-notification-banner--success',
          { hasText: `${newcomer.name}’s account has been disabled` }).waitFor();
        await leavers.locator('tbody tr', { hasText: newcomer.email }).waitFor({ state: 'detached' });
        assert.deepEqual((await tableRows(leavers)).map((row) => row[0]), [graceName]);
        const members = page.getByRole('region', { name: `Members of ${southwark.name}` });
        assert.match(await members.locator('tbody tr', { hasText: newcomer.email }).innerText(), /Disabled/);
        await expectAccessible(page, 'the organisation page once someone who may have left is disabled');
      });
    });

  it('can be required for everyone at the organisation, after which their passwords are refused', async () => {
    // A member of Southwark with a password, signed in nowhere once added.
    memberEmail = await newSignedOutMember(server, southwarkCode, 'Ola Passworth');

    await withPage(async (page) => {
      await page.goto(`/organisations/${southwark.id}`);
      await councilSignIn(page, demoUsers.grace, `/organisations/${southwark.id}`);
      await page.getByRole('heading', { level: 2, name: 'How people sign in' }).waitFor();
      const required = page.getByRole('checkbox', { name: 'Require sign-in with the council account' });
      assert.equal(await required.isChecked(), false);
      await page.getByText('Not required: people can sign in with their council account or with their password.')
        .waitFor();
      await required.check();
      await page.getByRole('button', { name: 'Save sign-in settings' }).click();
      await page.locator('.govuk-notification-banner--success',
        { hasText: `Everyone at ${southwark.name} must now sign in with their council account` }).waitFor();
      await page.getByText(/^Council sign-in has been required since \d{1,2} [A-Z][a-z]+ \d{4}\.$/).waitFor();
      assert.equal(await required.isChecked(), true);
      await expectGoodEverywhere(page, 'the organisation page once council sign-in is required');
    });

    await withPage(async (page) => {
      await page.goto('/sign-in');
      await expectHeading(page, 'Sign in to PSW Network');
      await page.getByLabel('Email address').fill(memberEmail);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expectErrorLink(page, 'Your organisation requires you to sign in with your council account.',
        'council-email');
      assert.equal(await page.getByLabel('Your council email').inputValue(), memberEmail,
        'the address is ready in the council sign-in form');
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      assert.equal(await page.locator('header').getByRole('link', { name: 'Your account' }).count(), 0);
      await expectGoodEverywhere(page, 'the sign-in page when council sign-in is required');
    });
  });

  it('signs out of the council’s sign-in too, which comes back to say so', () => withPage(async (page) => {
    await page.goto('/sign-in');
    await councilSignIn(page, demoUsers.grace);
    await page.locator('header').getByRole('link', { name: 'Sign out' }).click();

    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.getByRole('heading', { level: 1, name: 'Sign out of council southwark?' }).waitFor();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();

    await page.waitForURL((url) => url.origin === new URL(server.baseUrl).origin && url.pathname === '/signed-out');
    await expectHeading(page, 'You have signed out', { exact: true });
    assert.equal(await page.title(), 'You have signed out – PSW Network');
    assert.equal(await page.locator('header').getByRole('link', { name: 'Your account' }).count(), 0);
    await expectGoodEverywhere(page, 'signed out of PSW Network and the council');

    // Signed out at the council as well: signing in again asks there again.
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await continueToCouncil(page, demoUsers.grace);
    await atProviderSignIn(page);
  }));

  it('stops when the network administrator removes the identity provider, who can then let passwords back in',
    async () => {
      await withPage(async (page) => {
        await signInAs(page, demoUsers.sam);
        await page.goto('/admin/identity-providers');
        await expectHeading(page, 'Identity providers', { exact: true });
        await card(page, providerName).getByRole('link', { name: `Remove ${providerName}` }).click();
        await expectHeading(page, 'Are you sure you want to remove this identity provider?');
        await page.getByRole('button', { name: 'Remove identity provider' }).click();
        await page.waitForURL((url) => url.pathname === '/admin/identity-providers');
        await page.locator('.govuk-notification-banner--success', { hasText: `${providerName} has been removed` })
          .waitFor();
        await page.getByText('No identity providers have been added. Everyone signs in with their password.')
          .waitFor();
        await expectAccessible(page, 'the identity providers once removed');

        // Southwark still requires council sign-in, which nothing offers now: it is shown so that it can be undone.
        await page.goto(`/organisations/${southwark.id}`);
        await page.getByRole('heading', { level: 2, name: 'How people sign in' }).waitFor();
        const required = page.getByRole('checkbox', { name: 'Require sign-in with the council account' });
        assert.equal(await required.isChecked(), true);
        await page.getByText(`No council sign-in is set up for ${southwark.name} any more`).waitFor();
        await expectGoodEverywhere(page, 'the organisation page requiring a council sign-in that has gone');
        await required.uncheck();
        await page.getByRole('button', { name: 'Save sign-in settings' }).click();
        await page.locator('.govuk-notification-banner--success',
          { hasText: `People at ${southwark.name} can sign in with a password again` }).waitFor();
      });

      await withPage(async (page) => {
        await signInAs(page, memberEmail);
        await expectHeading(page, 'Your work');
      });
    });
});
