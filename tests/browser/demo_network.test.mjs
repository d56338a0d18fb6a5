// The demo network that `pswnet seed-demo` seeds on a first run (backend/app/demo_content.json), as a new user
// meets it in headless Chromium against the real pswnet. Amira, the children's PSW in Southampton, opens the service,
// is sent to sign in, and lands on her home page, which shows the network's activity: the open consultation with her
// authority's draft response and the days left, the new replies in the discussions she took part in (latest news
// first, each leading to the first new reply), and the newest and most adopted practice resources with who shares
// them and how many authorities use them. Following links from the home page with the keyboard only, she opens her
// question about ASYE caseloads (its answers, and the accepted one marked), the most adopted resource (its file
// downloaded as the file seeded, and who uses it), and the open consultation (its questions, and her draft to
// continue). What each page should show is worked out from demo_content.json at test time. axe-core checks every page,
// at 375 px too, with no sideways scroll. Every person here is invented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { DEMO_PASSWORD, demoUsers, signIn } from '../support/api.mjs';
import { runPswnetOk } from '../support/server.mjs';
import {
  expectFocusOn, expectGoodEverywhere, expectHeading, signInThroughPage, tableRows, withServerAndBrowser,
  withSignedInPage, withWatchedPage,
} from './helpers.mjs';

const content = JSON.parse(readFileSync(new URL('../../backend/app/demo_content.json', import.meta.url), 'utf8'));

/** The demo accounts (backend/app/demo_data.cpp), which the content's steps also act as, by key. */
const demoAccounts = {
  amira: { display_name: 'Amira Holt', organisation: 'E06000045' },
  tom: { display_name: 'Tom Ashdown', organisation: 'E06000054' },
  grace: { display_name: 'Grace Oduya', organisation: 'E09000028' },
  priya: { display_name: 'Priya Lomas', organisation: 'OCSW-C' },
  sam: { display_name: 'Sam Whitcombe', organisation: 'PSWNET' },
};
const people = { ...demoAccounts, ...Object.fromEntries(content.people.map((person) => [person.key, person])) };

/** What the content's steps make, replayed here in their order: discussions, resources and consultations by key. */
const network = replay(content.steps);

function replay(steps) {
  const threads = new Map();
  const resources = new Map();
  const consultations = new Map();
  const posts = new Map();
  /** The discussions Amira took part in (started or replied to), which she follows from then on. */
  const news = new Map();
  const key = (placeholder) => placeholder.replace(/^\{|\}$/g, '');
  for (const [index, step] of steps.entries()) {
    const { as, method, path, body = {}, save } = step;
    let match;
    if (method === 'POST' && /^\/api\/v1\/(threads|resources\/\{\w+\}\/threads)$/.test(path)) {
      threads.set(save, { ...body, as, replies: [], accepted: null });
      if (as === 'amira') news.set(save, { replies: 0, accepted: false, latest: -1 });
    } else if (method === 'POST' && (match = path.match(/^\/api\/v1\/threads\/\{(\w+)\}\/posts$/))) {
      const [, thread] = match;
      const post = { key: save, as, body: body.body, thread };
      threads.get(thread).replies.push(post);
      posts.set(save, post);
      const followed = news.get(thread);
      if (as === 'amira' && !followed) news.set(thread, { replies: 0, accepted: false, latest: -1 });
      else if (as !== 'amira' && followed) Object.assign(followed, { replies: followed.replies + 1, latest: index });
    } else if (method === 'POST' && (match = path.match(/^\/api\/v1\/threads\/\{(\w+)\}\/accept$/))) {
      const [, thread] = match;
      const accepted = posts.get(key(body.post_id));
      threads.get(thread).accepted = accepted;
      // The author of an accepted answer is told.
      if (accepted.as === 'amira' && as !== 'amira') {
        const followed = news.get(thread) ?? { replies: 0, accepted: false, latest: -1 };
        news.set(thread, Object.assign(followed, { accepted: true, latest: index }));
      }
    } else if (method === 'POST' && path === '/api/v1/resources') {
      resources.set(save, { ...body, as, order: resources.size, files: [], endorsers: new Set() });
    } else if (method === 'POST' && (match = path.match(/^\/api\/v1\/resources\/\{(\w+)\}\/files$/))) {
      resources.get(match[1]).files.push({ ...step.file, as });
    } else if (method === 'PUT' && (match = path.match(/^\/api\/v1\/resources\/\{(\w+)\}\/endorsement$/))) {
      resources.get(match[1]).endorsers.add(people[as].organisation);
    } else if (method === 'POST' && path === '/api/v1/consultations') {
      consultations.set(save, { ...body, as, published: false, closed: false, responses: new Map() });
    } else if ((match = path.match(/^\/api\/v1\/consultations\/\{(\w+)\}\/(publish|close|response)$/))) {
      const consultation = consultations.get(match[1]);
      if (match[2] === 'publish') consultation.published = true;
      else if (match[2] === 'close') consultation.closed = true;
      else consultation.responses.set(people[as].organisation, { as, ...body });
    }
  }
  return { threads, resources, consultations, news };
}

/** "1 new reply", "3 new replies": as the webclient counts. */
function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first words of a post, which its page shows as written. */
function opening(text) {
  return text.split(/\s+/).slice(0, 6).join(' ');
}

const fileTypeNames = {
  pdf: 'PDF', docx: 'Word document (DOCX)', odt: 'OpenDocument text (ODT)',
};

/** Whether `bytes` are a file of `format` (pdf, docx, odt), as the seeded files are made. */
function isFormat(bytes, format) {
  if (format === 'pdf') return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  const zip = bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'));
  if (format === 'odt') return zip && bytes.includes('mimetypeapplication/vnd.oasis.opendocument.text');
  return zip && bytes.includes('word/document.xml');
}

const southampton = demoAccounts.amira.organisation;
const day = 24 * 60 * 60 * 1000;

let server;
let browser;
/** The organisations' names by code, as the directory has them. */
let organisationNames;

withServerAndBrowser({ seedDemo: false }, async (started) => {
  ({ server, browser } = started);
  // A first run of seed-demo on an empty network: the demo accounts and the content.
  await runPswnetOk(['seed-demo'], { env: { PSWNET_DATABASE_URL: server.databaseUrl } });
  const amira = await signIn(server.baseUrl, demoUsers.amira);
  organisationNames = new Map();
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const page = await started.api.get(`/api/v1/organisations?${query}`, { auth: amira });
    assert.equal(page.status, 200, page.text);
    for (const organisation of page.body.items) organisationNames.set(organisation.code, organisation.name);
    cursor = page.body.next_cursor;
  } while (cursor);
  assert.equal(organisationNames.get(southampton), 'Southampton');
});

const organisationOf = (who) => organisationNames.get(people[who].organisation);

/** "Hannah Pryce, Portsmouth": who wrote a post, as its heading says. */
const byline = (who) => `${people[who].display_name}, ${organisationOf(who)}`;

/** The home page's section named `heading`, once it is there. */
async function section(page, heading) {
  const region = page.getByRole('region', { name: heading });
  await region.waitFor();
  return region;
}

/** The entries of a list on the home page: the first line's text and link, and the lines of details under it. */
function entries(list) {
  return list.locator('.app-home-list__item').evaluateAll((items) => items.map((item) => {
    const lines = [...item.querySelectorAll('p')].map((line) => line.textContent.replace(/\s+/g, ' ').trim());
    const [first, ...rest] = lines;
    return { text: first, href: item.querySelector('a')?.getAttribute('href'), details: rest };
  }));
}

/** Moves the focus on with Tab until it is on `link`, and follows it with Enter; resolves with where it led. */
async function followWithKeyboard(page, link) {
  const href = await link.getAttribute('href');
  const focused = () => link.evaluate((element) => element === document.activeElement);
  for (let presses = 0; presses < 100 && !(await focused()); presses += 1) await page.keyboard.press('Tab');
  assert.ok(await focused(), `Tab reaches the link to ${href}`);
  await page.keyboard.press('Enter');
  const path = href.split('#')[0];
  await page.waitForURL((url) => url.pathname === path);
  return href;
}

/** Runs `test` on a fresh page where Amira has signed in, on her home page. */
function onAmirasHomePage(test) {
  return withSignedInPage(browser, server.baseUrl, demoUsers.amira, async (page) => {
    await expectHeading(page, 'Your work', { exact: true });
    await test(page);
  });
}

// What the home page should list, from the content.
const openConsultations = [...network.consultations.values()].filter((item) => item.published && !item.closed);
const newestResources = [...network.resources.values()].sort((a, b) => b.order - a.order).slice(0, 3);
const mostAdopted = [...network.resources.values()].filter((resource) => resource.endorsers.size > 0)
  .sort((a, b) => b.endorsers.size - a.endorsers.size || b.order - a.order).slice(0, 3);
const threadNews = [...network.news.entries()].filter(([, news]) => news.replies > 0 || news.accepted)
  .sort(([, a], [, b]) => b.latest - a.latest)
  .map(([key, news]) => ({ thread: network.threads.get(key), ...news }));

function newsWords({ thread, replies, accepted }) {
  const words = count(replies, 'new reply', 'new replies');
  return `${accepted ? (replies > 0 ? `${words} and an accepted answer` : 'An answer was accepted') : words} in ` +
    thread.title;
}

describe('the demo network, as Amira finds it', () => {
  it('signs her in from the page a new user is sent to, to a home page full of the network’s work', () =>
    withWatchedPage(browser, server.baseUrl, async (page) => {
      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await signInThroughPage(page, demoUsers.amira, DEMO_PASSWORD);
      assert.equal(new URL(page.url()).pathname, '/');
      await expectHeading(page, 'Your work', { exact: true });
      await page.locator('html[data-realtime="live"]').waitFor({ state: 'attached' });
      await page.locator('main').getByText('You are signed in as Amira Holt, Southampton.').waitFor();

      assert.equal(openConsultations.length, 1, 'the content has one open consultation');
      const [consultation] = openConsultations;
      const consultations = await section(page, 'Consultations for your authority');
      const shown = await entries(consultations);
      assert.deepEqual(shown.map((entry) => entry.text), [consultation.title], 'the open consultation, only');
      const [listed] = shown;
      assert.match(listed.href, /^\/consultations\/\d+$/);
      const draft = consultation.responses.get(southampton);
      assert.ok(draft && !draft.submit, 'Southampton has a draft response in the content');
      assert.equal(listed.details[0], 'Your authority’s response: In progress (draft)');
      const closesIn = Number(consultation.closes_at.match(/^\{moment:\+(\d+)\}$/)[1]);
      const closesAt = Date.parse(await consultations.locator('time').getAttribute('datetime'));
      assert.ok(Math.abs(closesAt - (Date.now() + closesIn * day)) < 60 * 60 * 1000,
        `closes ${closesIn} days after it was seeded, not at ${new Date(closesAt).toISOString()}`);
      // In UK calendar days, which a change of the clocks can make one more or fewer.
      assert.match(listed.details[1], new RegExp(`^Closes in (${closesIn - 1}|${closesIn}|${closesIn + 1}) days \\(`));

      const answers = await section(page, 'New answers in threads you follow');
      const news = await entries(answers);
      assert.ok(threadNews.length > 0 && threadNews.length <= 5, 'the content has news for Amira, all shown');
      assert.deepEqual(news.map((entry) => entry.text), threadNews.map(newsWords),
        'one line for each discussion Amira took part in that others replied to since, the latest news first');
      for (const entry of news) assert.match(entry.href, /^\/discussions\/\d+#post-\d+$/, 'leads to the first new one');

      const resources = await section(page, 'Practice resources');
      const lists = resources.locator('.app-home-list');
      const [newest, adopted] = await Promise.all([entries(lists.nth(0)), entries(lists.nth(1))]);
      assert.deepEqual(newest.map((entry) => [entry.text, entry.details]), newestResources.map((resource) =>
        [resource.title, [`Shared by ${organisationOf(resource.as)}`]]), 'the three shared last, newest first');
      assert.deepEqual(adopted.map((entry) => [entry.text, entry.details]), mostAdopted.map((resource) =>
        [resource.title, [`Shared by ${organisationOf(resource.as)}`,
          `Used by ${count(resource.endorsers.size, 'authority', 'authorities')}`]]),
      'the three most authorities use, most first');
      for (const entry of [...newest, ...adopted]) assert.match(entry.href, /^\/library\/\d+$/);

      // Every question the content asks of an audience has an accepted answer, so none is waiting.
      assert.deepEqual([...network.threads.values()].filter((thread) => thread.kind === 'question' && thread.audience &&
        !thread.accepted).map((thread) => thread.title), [], 'no question of the content waits for an audience');
      const questions = await section(page, 'Questions for your authority');
      await questions.getByText('No questions are waiting for your authority.', { exact: true }).waitFor();
      await questions.getByRole('link', { name: 'See all discussions' }).waitFor();
      assert.equal(await page.locator('main').getByText('This could not be loaded').count(), 0);
      await expectGoodEverywhere(page, 'Amira’s home page in the demo network');
    }));

  it('leads her to her question, with its answers and the one she accepted', () => onAmirasHomePage(async (page) => {
    const asked = threadNews.find((news) => news.thread.as === 'amira' && news.thread.accepted);
    assert.ok(asked, 'the content has a question of Amira’s with an accepted answer and new replies');
    const { thread } = asked;
    const answers = await section(page, 'New answers in threads you follow');
    const href = await followWithKeyboard(page, answers.getByRole('link', { name: thread.title, exact: true }));
    await expectHeading(page, thread.title, { exact: true });
    await page.locator('main .app-thread__status', { hasText: 'Answered' }).waitFor();
    await page.locator('main h2#replies', { hasText: count(thread.replies.length, 'answer', 'answers') }).waitFor();
    await page.locator('main .app-post__author', { hasText: `Asked by ${demoAccounts.amira.display_name}` }).waitFor();

    const replies = page.locator('main .app-thread__replies article.app-post');
    assert.equal(await replies.count(), thread.replies.length);
    for (const [index, reply] of thread.replies.entries()) {
      const article = replies.nth(index);
      assert.equal(await article.locator('h3').innerText(), byline(reply.as));
      await article.locator('.app-post__body', { hasText: opening(reply.body) }).waitFor();
    }
    // The link led to the first reply she has not read: every reply came after her question.
    assert.equal(href.split('#')[1], `post-${await replies.first().getAttribute('data-post-id')}`);

    const acceptedTag = page.locator('.govuk-tag', { hasText: 'Accepted answer' });
    const accepted = page.locator('main article.app-post', { has: acceptedTag });
    assert.equal(await accepted.count(), 1, 'one accepted answer');
    assert.equal(await accepted.locator('h3').innerText(), byline(thread.accepted.as));
    await accepted.locator('.app-post__body', { hasText: opening(thread.accepted.body) }).waitFor();
    // She asked it, so she may take the acceptance back.
    const acceptedBy = people[thread.accepted.as].display_name;
    await accepted.getByRole('button', { name: `Remove accepted answer from ${acceptedBy}` }).waitFor();
    await expectGoodEverywhere(page, 'Amira’s question in the demo network');
  }));

  it('leads her to the most adopted resource, its file and the authorities that use it', () =>
    onAmirasHomePage(async (page) => {
      const [resource] = mostAdopted;
      const file = resource.files.at(-1);
      assert.ok(file, `${resource.title} has a file in the content`);
      const resources = await section(page, 'Practice resources');
      const widely = resources.locator('.app-home-list').nth(1);
      await followWithKeyboard(page, widely.getByRole('link', { name: resource.title, exact: true }));
      await expectHeading(page, resource.title, { exact: true });

      const download = page.getByRole('button', { name: `Download ${file.filename}`, exact: true });
      await download.waitFor();
      const described = `${file.filename} (${fileTypeNames[file.format]}, `;
      const line = await page.locator('main .app-download__file').innerText();
      assert.ok(line.startsWith(described) && /, \d+(\.\d)? (bytes|KB|MB)\)/.test(line), line);
      const versions = await tableRows(page.locator('section[aria-labelledby="files-heading"] table'));
      assert.equal(versions.length, resource.files.length, 'every version of the file');
      const [version, name, type, uploaded, downloads] = versions[0];
      assert.equal(version, `${resource.files.length} (latest)`);
      assert.ok(name.includes(file.filename), name);
      assert.ok(type.startsWith(`${fileTypeNames[file.format]}, `), type);
      assert.ok(uploaded.endsWith(` by ${people[file.as].display_name}`), uploaded);
      assert.equal(downloads, '0');

      const usedBy = page.getByRole('region', { name: 'Who uses it' });
      await usedBy.getByText(`Used by ${count(resource.endorsers.size, 'authority', 'authorities')}`, { exact: true })
        .waitFor();
      const users = await usedBy.locator('li').allInnerTexts();
      assert.deepEqual(users.sort(), [...resource.endorsers].map((code) => organisationNames.get(code)).sort());
      assert.ok(resource.endorsers.has(southampton), 'Southampton uses it in the content');
      await usedBy.getByText('Southampton uses this resource.', { exact: true }).waitFor();
      await usedBy.getByRole('button', { name: 'We no longer use this' }).waitFor();
      await expectGoodEverywhere(page, 'the most adopted resource in the demo network');

      // The download button, by keyboard, gives the file as seeded.
      await download.focus();
      const [saved] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(saved.suggestedFilename(), file.filename);
      const bytes = await readFile(await saved.path());
      assert.ok(bytes.length > 100 && isFormat(bytes, file.format),
        `${file.filename} is a ${fileTypeNames[file.format]} file`);
    }));

  it('leads her to the open consultation, its questions and her authority’s draft', () =>
    onAmirasHomePage(async (page) => {
      const [consultation] = openConsultations;
      const region = await section(page, 'Consultations for your authority');
      await followWithKeyboard(page, region.getByRole('link', { name: consultation.title, exact: true }));
      await expectHeading(page, consultation.title, { exact: true });
      await page.locator('main .govuk-caption-l', { hasText: `Consultation from ${organisationOf(consultation.as)}` })
        .waitFor();
      await page.locator('main .govuk-tag', { hasText: 'Draft saved' }).waitFor();
      await page.getByText('Your response is for Southampton: everyone from your authority works on the same one.')
        .waitFor();

      const questionCount = count(consultation.questions.length, 'question', 'questions');
      const questions = page.locator('main details', { hasText: `The ${questionCount}` });
      await questions.locator('summary').click();
      const listed = await questions.locator('ol > li').allInnerTexts();
      assert.equal(listed.length, consultation.questions.length);
      for (const [index, question] of consultation.questions.entries()) {
        const expected = `${question.text}${question.required ? '' : ' (optional)'}`;
        assert.ok(listed[index].startsWith(expected), `“${listed[index]}” is “${expected}”`);
      }
      await expectGoodEverywhere(page, 'the open consultation in the demo network');

      // Her authority's draft is there to continue.
      const draft = consultation.responses.get(southampton);
      const carryOn = page.getByRole('button', { name: 'Continue your response' });
      await carryOn.focus();
      await expectFocusOn(page, 'a.govuk-button--start');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname.endsWith('/respond'));
      const written = consultation.questions.find((question) => question.type === 'text' &&
        draft.answers[question.key]);
      const field = page.getByLabel(written.text);
      await field.waitFor();
      assert.equal(await field.inputValue(), draft.answers[written.key]);
      const chosen = consultation.questions.find((question) => question.type === 'multi_choice' &&
        draft.answers[question.key]);
      for (const option of chosen.options) {
        assert.equal(await page.getByRole('checkbox', { name: option, exact: true }).isChecked(),
          draft.answers[chosen.key].includes(option), option);
      }
      await expectGoodEverywhere(page, 'the draft response to the open consultation');
    }));
});
