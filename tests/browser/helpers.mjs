// Shared parts of the browser tests: Debian's Chromium through playwright-core, a watch on every page for console
// errors, CSP violations and requests that leave the origin, axe-core checks (also at 375 px, with no sideways
// scroll), signing in through the page, and summary lists, tables and dates read as the pages show them.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { client, DEMO_PASSWORD } from '../support/api.mjs';
import { addMember } from '../support/forum.mjs';
import { LOGOUT } from '../support/identity.mjs';
import { repoRoot, startServer } from '../support/server.mjs';

export const staticDir = path.join(repoRoot, 'webclient', 'dist');

/** How long a step may take on a loaded 2-core machine running the sanitizer build. */
export const stepTimeoutMs = 30_000;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * For a suite: before its tests, starts pswnet serving the built webclient (startServer with `options`, the static
 * folder added) and a Chromium, and hands them to `started` (which may be async) as {server, browser, api (a
 * client of the server)}; after its tests, stops both.
 */
export function withServerAndBrowser(options, started) {
  let server;
  let browser;
  before(async () => {
    assert.ok(existsSync(`${staticDir}/index.html`), 'build the webclient first (npm run build in webclient/)');
    server = await startServer({ ...options, env: { ...options.env, PSWNET_STATIC_DIR: staticDir } });
    browser = await launchBrowser();
    await started({ server, browser, api: client(server.baseUrl) });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/**
 * A fresh browser context (no cookies) and page on the server, watched for problems. The CSP stays enforced, so a
 * violation shows up as a console error and fails the test. Call `finish()` at the end of the test: it closes the
 * context and asserts that nothing went wrong. `allowedOrigins` are other origins the page may go to, such as a
 * council's identity provider run by the test on 127.0.0.1 (its issuer URL will do); nothing else may be fetched.
 */
export async function openPage(browser, baseUrl, { allowedOrigins = [] } = {}) {
  const context = await browser.newContext({ baseURL: baseUrl });
  context.setDefaultTimeout(stepTimeoutMs);
  context.setDefaultNavigationTimeout(stepTimeoutMs);
  const page = await context.newPage();
  const problems = [];
  const origins = new Set([baseUrl, ...allowedOrigins].map((url) => new URL(url).origin));
  page.on('console', (message) => {
    // A failed API call is logged by Chromium as a console error; those are part of what the tests exercise.
    const expectedHttpError = /Failed to load resource: the server responded with a status of 4(01|03|04|09|10|12|13|15|22|29)/;
    if (message.type() === 'error' && !expectedHttpError.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && !origins.has(url.origin)) {
      problems.push(`request left the origin: ${request.url()}`);
    }
  });
  return {
    context,
    page,
    async finish() {
      await context.close();
      assert.deepEqual(problems, [], 'the page logged errors, broke its CSP or fetched from another origin');
    },
  };
}

/**
 * Runs `test(page, context)` on `session` (from openPage) and closes it afterwards: when the test passed, through
 * session.finish, which also asserts that the page stayed clean; when it failed, just closed.
 */
async function runOnSession(session, test) {
  let failed = false;
  try {
    await test(session.page, session.context);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    if (failed) await session.context.close();
    else await session.finish();
  }
}

/**
 * Runs `test(page, context)` on a fresh watched page (see openPage, which takes `allowedOrigins`) and closes it
 * afterwards; when the test passed, also asserts that the page stayed clean.
 */
export async function withWatchedPage(browser, baseUrl, test, { allowedOrigins = [] } = {}) {
  await runOnSession(await openPage(browser, baseUrl, { allowedOrigins }), test);
}

/** Runs axe-core on the page as it is now and fails on any violation, whatever its impact. */
export async function expectAccessible(page, where) {
  await page.locator('main:not([aria-busy])').waitFor();
  const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!injected) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary}`),
    }));
  });
  assert.deepEqual(violations, [], `axe-core found accessibility violations on ${where}:\n` +
    violations.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n'));
}

/**
 * Fails when the page is wider than the window, which would make it scroll sideways. After a change of window size
 * the page has a moment to lay itself out again (charts resize when their ResizeObserver fires).
 */
export async function expectNoSidewaysScroll(page, where) {
  const fits = () => document.documentElement.scrollWidth <= document.documentElement.clientWidth;
  await page.waitForFunction(fits, null, { timeout: stepTimeoutMs }).catch(() => {});
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${where} is ${scrollWidth} px wide in a ${clientWidth} px window`);
}

/** A phone's window, 375 px wide, and the window the tests otherwise use. */
const phone = { width: 375, height: 812 };
const laptop = { width: 1280, height: 800 };

/**
 * Checks the page as it is now with axe-core, and that at 375 px it does not scroll sideways (and is accessible);
 * the window goes back to its size afterwards.
 */
export async function expectGoodEverywhere(page, where) {
  await expectAccessible(page, where);
  const size = page.viewportSize();
  await page.setViewportSize(phone);
  try {
    await expectNoSidewaysScroll(page, `${where} at 375 px`);
    await expectAccessible(page, `${where} at 375 px`);
  } finally {
    await page.setViewportSize(size ?? laptop);
  }
}

/**
 * Waits until the page's h1 reads `text` (a string or a RegExp): containing it, whatever the case, or with `exact`
 * (a string) being just it, so that "Two-factor authentication" is not taken for "Turn off two-factor authentication".
 */
export async function expectHeading(page, text, { exact = false } = {}) {
  const wanted = exact ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : text;
  await page.locator('main h1', { hasText: wanted }).waitFor();
}

/** Waits until keyboard focus is on an element matching `selector`. */
export async function expectFocusOn(page, selector) {
  await page.waitForFunction((wanted) => document.activeElement?.matches(wanted) ?? false, selector,
    { timeout: stepTimeoutMs });
}

/** Signs in through the sign-in page with the mouse and waits for the page it leads to. */
export async function signInThroughPage(page, email, password) {
  await expectHeading(page, 'Sign in to PSW Network');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.locator('main:not([aria-busy]) h1').waitFor();
}

/** Opens the sign-in page and signs in as `email` (with the demo password unless told otherwise). */
export async function signInAs(page, email, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await signInThroughPage(page, email, password);
}

/**
 * A fresh watched page (see openPage) signed in as `email`, once its live updates are connected. Call `finish()` at
 * the end of the test.
 */
export async function openSignedInPage(browser, baseUrl, email, password = DEMO_PASSWORD) {
  const session = await openPage(browser, baseUrl);
  await signInAs(session.page, email, password);
  await session.page.locator('html[data-realtime="live"]').waitFor({ state: 'attached' });
  return session;
}

/**
 * Runs `test(page, context)` on a fresh page signed in as `email` (see openSignedInPage); afterwards the page is
 * checked to have stayed clean (session.finish), or just closed when the test failed.
 */
export async function withSignedInPage(browser, baseUrl, email, test) {
  await runOnSession(await openSignedInPage(browser, baseUrl, email), test);
}

/**
 * Runs `test(open)`, where `open(email, password)` gives a fresh signed-in session (see openSignedInPage). Afterwards
 * every session is checked to have stayed clean (session.finish), or just closed when the test failed or the test
 * marked it `closed`.
 */
export async function withSignedInSessions(browser, baseUrl, test) {
  const sessions = [];
  const open = async (email, password) => {
    const session = await openSignedInPage(browser, baseUrl, email, password);
    sessions.push(session);
    return session;
  };
  let failed = false;
  try {
    await test(open);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    for (const session of sessions) {
      if (failed || session.closed) await session.context.close().catch(() => {});
      else await session.finish();
    }
  }
}

/** The rows of the summary lists in `scope` (a page or a locator, like `page.locator('main')`) as {key: value}. */
export function summaryRows(scope) {
  return scope.locator('.govuk-summary-list__row').evaluateAll((rows) =>
    Object.fromEntries(rows.map((row) => [
      row.querySelector('.govuk-summary-list__key').textContent.trim(),
      row.querySelector('.govuk-summary-list__value').textContent.trim().replace(/\s+/g, ' '),
    ])));
}

/** "3 December 2026": a date (a Date or an ISO string) as the webclient shows it, in UK time. */
export function ukDate(date) {
  return new Date(date).toLocaleDateString('en-GB', {
    timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric',
  });
}

/** The text of each cell of a table's body, row by row. */
export function tableRows(table) {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.cells].map((cell) => cell.textContent.trim().replace(/\s+/g, ' '))));
}

/** A new member of `organisation` (an ONS code) called `displayName`, signed in nowhere; resolves with their email. */
export async function newSignedOutMember(server, organisation, displayName) {
  const session = await addMember(server, { organisation, sector: 'children', displayName });
  const out = await client(server.baseUrl).post(LOGOUT, undefined, { auth: session });
  assert.equal(out.status, 204, out.text);
  return session.user.email;
}

/** The error summary's link saying `message`, once shown; checks it leads to `#fieldId` and resolves with it. */
export async function expectErrorLink(page, message, fieldId) {
  const item = page.locator('.govuk-error-summary').getByRole('link', { name: message });
  await item.waitFor();
  assert.equal(await item.getAttribute('href'), `#${fieldId}`);
  return item;
}
