// The network-wide search in headless Chromium against the real pswnet. A discussion whose title has a made-up word
// (and markup typed into it), a reply with the word and a practice resource whose summary has it are found from the
// header's "Search" link by keyboard: the count, what each hit is, where it leads and the highlighted words; the
// markup shows as text. The words inside an uploaded file are found too, a search that matches more than fits says
// how many it shows, one that matches nothing gives advice, and one over 200 characters is refused with the GOV.UK
// error pattern. The words stay in the address, so the back button returns to the results. axe-core checks every
// page, and at 375 px none of them scrolls sideways. Every person and resource here is invented.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { demoUsers } from '../support/api.mjs';
import { forumClient, signInDemoUsers, uniqueWord } from '../support/forum.mjs';
import { libraryClient } from '../support/library.mjs';
import { textWith } from '../support/library-files.mjs';
import {
  expectAccessible, expectFocusOn, expectHeading, expectNoSidewaysScroll, withServerAndBrowser, withSignedInPage,
} from './helpers.mjs';

/** GOV.UK's highlight yellow, #fd0, as the browser computes it. */
const highlight = 'rgb(255, 221, 0)';

let server;
let browser;
let forum;
let library;
let people;

withServerAndBrowser({}, async (started) => {
  ({ server, browser } = started);
  forum = forumClient(server.baseUrl);
  library = libraryClient(server.baseUrl);
  people = await signInDemoUsers(server.baseUrl);
});

const signedInAs = (email, test) => withSignedInPage(browser, server.baseUrl, email, test);

/** The header's "Search" link, beside "Your account" and "Sign out". */
const headerSearchLink = (page) =>
  page.getByRole('navigation', { name: 'Search and account' }).getByRole('link', { name: 'Search', exact: true });

/** The heading that counts the results (or says there are none). */
const countHeading = (page) => page.locator('main h2.app-search-count');

/** Each hit as {caption, title, href, snippet}, in the order shown. */
function hits(page) {
  return page.locator('main .app-search-results__item').evaluateAll((items) => items.map((item) => ({
    caption: item.querySelector('.govuk-caption-m').textContent.trim(),
    title: item.querySelector('h3 a').textContent,
    href: item.querySelector('h3 a').getAttribute('href'),
    snippet: item.querySelector('.app-search-results__snippet')?.textContent ?? '',
  })));
}

/** Searches from the form on the search page, by keyboard. */
async function searchFor(page, words) {
  await page.getByLabel('Search PSW Network').fill(words);
  await page.getByLabel('Search PSW Network').press('Enter');
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === words.trim());
  await page.locator('main:not([aria-busy])').waitFor();
}

describe('searching the network', () => {
  const word = uniqueWord();
  const title = `Running ${word} groups <script>alert("x")</script> with <b>peer</b> support`;
  let thread;
  let reply;
  let resource;

  before(async () => {
    thread = await forum.createThread(people.grace, {
      title,
      body: 'We want to start group supervision for newly qualified staff and would value your experience.',
    });
    reply = await forum.reply(people.tom, thread.id, `Our ${word} sessions run monthly with a practice lead.`);
    resource = await library.create(people.tom, {
      title: 'Reflective supervision toolkit for practice leads',
      summary: `How we run **${word}** groups: the agenda, the ground rules and the record we keep.`,
    });
  });

  it('finds discussions, replies and resources from the header link, with the matched words highlighted',
    () => signedInAs(demoUsers.amira, async (page) => {
      await page.locator('main:not([aria-busy]) h1').waitFor();
      await headerSearchLink(page).focus();
      await page.keyboard.press('Enter');
      await expectHeading(page, 'Search PSW Network');
      assert.equal(await page.title(), 'Search – PSW Network');
      assert.equal(await headerSearchLink(page).getAttribute('aria-current'), 'page');
      assert.equal(await page.getByLabel('Search PSW Network').getAttribute('type'), 'search');
      assert.equal(await countHeading(page).count(), 0, 'an empty search shows only the form');
      await expectAccessible(page, 'the search page');

      // From the h1 that has focus after the page change, Tab reaches the box.
      await expectFocusOn(page, 'main h1');
      await page.keyboard.press('Tab');
      await expectFocusOn(page, '#q');
      await page.keyboard.type(word);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === word);
      await countHeading(page).filter({ hasText: `3 results for “${word}”` }).waitFor();
      assert.equal(await page.title(), `Search results for “${word}” – PSW Network`);
      assert.equal(await page.getByLabel('Search PSW Network').inputValue(), word, 'the box keeps the words');
      assert.equal(await page.getByText(/^Showing the best/).count(), 0, 'every match is shown');

      const found = await hits(page);
      assert.equal(found.length, 3, JSON.stringify(found));
      const byCaption = Object.fromEntries(found.map((hit) => [hit.caption, hit]));
      assert.deepEqual(Object.keys(byCaption).sort(), ['Discussion', 'Practice resource', 'Reply in a discussion']);
      assert.equal(byCaption['Discussion'].href, `/discussions/${thread.id}`);
      assert.equal(byCaption['Reply in a discussion'].href, `/discussions/${thread.id}#post-${reply.id}`);
      assert.equal(byCaption['Practice resource'].href, `/library/${resource.id}`);

      // The title typed with markup reads as typed, as the link and in the snippet; none of it became elements.
      assert.equal(byCaption['Discussion'].title, title);
      assert.equal(byCaption['Reply in a discussion'].title, title);
      assert.equal(byCaption['Discussion'].snippet, title);
      assert.equal(byCaption['Practice resource'].title, 'Reflective supervision toolkit for practice leads');
      assert.match(byCaption['Reply in a discussion'].snippet, new RegExp(`${word} sessions run monthly`));
      assert.match(byCaption['Practice resource'].snippet, new RegExp(`How we run \\**${word}\\**`));
      assert.equal(await page.locator('main script, main b').count(), 0, 'no markup from the data');

      // Each hit's matched word, and nothing else, is marked in GOV.UK yellow.
      const marks = await page.locator('main .app-search-results mark').evaluateAll((elements) =>
        elements.map((mark) => ({ text: mark.textContent, background: getComputedStyle(mark).backgroundColor })));
      assert.equal(marks.length, 3, JSON.stringify(marks));
      for (const mark of marks) assert.deepEqual(mark, { text: word, background: highlight });
      await expectAccessible(page, 'the search results');

      // A reply's hit opens its discussion at the reply.
      await page.locator('main .app-search-results__item', { hasText: 'Reply in a discussion' })
        .getByRole('link').click();
      await page.waitForURL((url) => url.pathname === `/discussions/${thread.id}` && url.hash === `#post-${reply.id}`);
      await expectFocusOn(page, `#post-${reply.id}`);

      // Back to the results, as they were.
      await page.goBack();
      await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === word);
      await countHeading(page).filter({ hasText: `3 results for “${word}”` }).waitFor();
      assert.equal(await page.getByLabel('Search PSW Network').inputValue(), word);
    }));

  it('finds a practice resource by the words inside its file', async () => {
    const inFile = uniqueWord();
    const shared = await library.create(people.grace, { title: 'Practice week planner' });
    await library.uploaded(people.grace, shared.id, textWith('Practice week', `Book the ${inFile} room early`),
      'planner.txt');
    await signedInAs(demoUsers.tom, async (page) => {
      await page.goto(`/search?q=${inFile}`);
      await countHeading(page).filter({ hasText: `1 result for “${inFile}”` }).waitFor();
      const found = await hits(page);
      assert.deepEqual(found.map(({ caption, title: name, href }) => ({ caption, name, href })),
        [{ caption: 'Practice resource', name: 'Practice week planner', href: `/library/${shared.id}` }]);
      assert.match(found[0].snippet, new RegExp(`Book the ${inFile} room early`));
      assert.deepEqual(await page.locator('main .app-search-results mark').allTextContents(), [inFile]);
    });
  });

  it('says when more matched than it shows', async () => {
    const common = uniqueWord();
    const busy = await forum.createThread(people.grace, { title: `How often do your ${common} panels meet?` });
    for (let replies = 0; replies < 51; replies += 1) {
      await forum.reply(replies % 2 === 0 ? people.tom : people.amira, busy.id,
        `Our ${common} panel meets after each practice week.`);
    }
    await signedInAs(demoUsers.grace, async (page) => {
      await page.goto(`/search?q=${common}`);
      await countHeading(page).filter({ hasText: `52 results for “${common}”` }).waitFor();
      await page.getByText('Showing the best 50', { exact: true }).waitFor();
      assert.equal(await page.locator('main .app-search-results__item').count(), 50);
    });
  });

  it('gives advice when nothing matches, and refuses more than 200 characters with the error pattern',
    () => signedInAs(demoUsers.tom, async (page) => {
      await page.goto('/search');
      await expectHeading(page, 'Search PSW Network');
      const nothing = uniqueWord();
      await searchFor(page, nothing);
      await countHeading(page).filter({ hasText: `No results for “${nothing}”` }).waitFor();
      assert.equal(await page.title(), `Search results for “${nothing}” – PSW Network`);
      const advice = await page.locator('main .govuk-list--bullet').innerText();
      assert.match(advice, /checking your spelling/);
      assert.match(advice, /using fewer words/);
      assert.equal(await page.locator('main .app-search-results__item').count(), 0);
      await expectAccessible(page, 'a search with no results');

      const tooLong = `${'supervision '.repeat(17)}and more`;
      assert.ok(tooLong.length > 200);
      await searchFor(page, tooLong);
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      await expectFocusOn(page, '.govuk-error-summary');
      const message = 'Search words must be 200 characters or fewer';
      assert.equal(await summary.getByRole('link').innerText(), message);
      assert.equal(await summary.getByRole('link').getAttribute('href'), '#q');
      assert.equal((await page.locator('#q-error').textContent()).replace(/\s+/g, ' ').trim(), `Error: ${message}`);
      assert.match(await page.getByLabel('Search PSW Network').getAttribute('aria-describedby'), /\bq-error\b/);
      assert.equal(await page.getByLabel('Search PSW Network').inputValue(), tooLong, 'the box keeps the words');
      assert.equal(await page.title(), 'Error: Search – PSW Network');
      assert.equal(await countHeading(page).count(), 0);
      await expectAccessible(page, 'a search over 200 characters');

      // The error summary's link takes focus to the box.
      await summary.getByRole('link').click();
      await expectFocusOn(page, '#q');

      // Back to the search that found nothing.
      await page.goBack();
      await countHeading(page).filter({ hasText: `No results for “${nothing}”` }).waitFor();
    }));

  it('fits a 375 px screen without scrolling sideways', () => signedInAs(demoUsers.amira, async (page) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/');
    await page.locator('main:not([aria-busy]) h1').waitFor();
    assert.equal(await headerSearchLink(page).isVisible(), true, 'the header link shows on a phone');
    await headerSearchLink(page).click();
    await expectHeading(page, 'Search PSW Network');
    await expectNoSidewaysScroll(page, 'the search page at 375 px');
    await searchFor(page, word);
    await countHeading(page).filter({ hasText: `3 results for “${word}”` }).waitFor();
    await expectNoSidewaysScroll(page, 'the search results at 375 px');
    await expectAccessible(page, 'the search results at 375 px');
    await searchFor(page, 'x'.repeat(240));
    await page.locator('.govuk-error-summary').waitFor();
    await expectNoSidewaysScroll(page, 'a refused search at 375 px');
    await searchFor(page, uniqueWord());
    await countHeading(page).filter({ hasText: /^No results for/ }).waitFor();
    await expectNoSidewaysScroll(page, 'a search with no results at 375 px');
  }));
});
