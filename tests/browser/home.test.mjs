// The home page in headless Chromium against the real pswnet: a fresh member sees every section's empty state;
// the Chief Social Worker's office publishes consultations and a member's authority sees them soonest closing first
// with how far its response has got and the days left; a member of another authority asks the member's authority a
// question that mentions them; replies and an accepted answer arrive in discussions another member follows, one
// line per discussion; resources are shared and adopted. A source that fails leaves the other sections showing, the
// offices and the network's administrators get a page that fits them, and at 375 px nothing scrolls sideways.
// axe-core checks every page. Every person here is invented.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import {
  consultationClient, days, minutes, publishedConsultation, saveResponse, submission, timeIn,
} from '../support/consultations.mjs';
import { addMember, forumClient, isAbout, routes as forumRoutes, uniqueWord } from '../support/forum.mjs';
import { libraryClient, routes as libraryRoutes } from '../support/library.mjs';
import {
  expectAccessible, expectFocusOn, expectHeading, expectNoSidewaysScroll, ukDate, withServerAndBrowser,
  withSignedInPage,
} from './helpers.mjs';

const authorities = {
  southampton: 'E06000045',
  cornwall: 'E06000052',
  dorset: 'E06000059',
  bristol: 'E06000023',
  torbay: 'E06000027',
  plymouth: 'E06000026',
};
const notLoaded = 'This could not be loaded. Try again later.';

let server;
let browser;
let forum;
let library;
let consultations;

withServerAndBrowser({}, (started) => {
  ({ server, browser } = started);
  forum = forumClient(server.baseUrl);
  library = libraryClient(server.baseUrl);
  consultations = consultationClient(server.baseUrl);
});

/** A new member of the authority with ONS code `organisation`; resolves with their bearer session (user: Me). */
function newMember(organisation, displayName, sector = 'children') {
  return addMember(server, { organisation, sector, displayName });
}

/** Runs `test` on a fresh page signed in as `session`'s person, which lands on the home page. */
function onHomePage(session, test) {
  return withSignedInPage(browser, server.baseUrl, session.user.email, async (page) => {
    await expectHeading(page, 'Your work');
    await test(page);
  });
}

/** The home page's section named `heading`, once it is there. */
async function section(page, heading) {
  const region = page.getByRole('region', { name: heading });
  await region.waitFor();
  return region;
}

/** The entries of a section's lists: the first line's text and link, and the lines of details under it. */
function entries(region) {
  return region.locator('.app-home-list__item').evaluateAll((items) => items.map((item) => {
    const [first, ...rest] = [...item.querySelectorAll('p')].map((line) => line.textContent.replace(/\s+/g, ' ').trim());
    return { text: first, href: item.querySelector('a')?.getAttribute('href'), details: rest };
  }));
}

/** "Closes in 3 days", "Closes tomorrow" or "Closes today", counted in UK calendar days from now. */
function expectedClosing(closesAt) {
  const ukDay = (date) => {
    const [day, month, year] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(date)
      .split('/').map(Number);
    return Date.UTC(year, month - 1, day) / (24 * 60 * minutes);
  };
  const left = ukDay(new Date(closesAt)) - ukDay(new Date());
  if (left === 0) return 'Closes today';
  return left === 1 ? 'Closes tomorrow' : `Closes in ${left} days`;
}

/** Starts a question as `asker`, fails unless 201, and resolves with the thread. */
function ask(asker, fields) {
  return forum.createThread(asker, { sector: 'children', kind: 'question', ...fields });
}

describe('a fresh member', () => {
  // First in this file: nothing is published, asked or shared yet on this server.
  it('sees the empty state of every section, and who they are signed in as', async () => {
    const member = await newMember(authorities.torbay, 'Fenella Quarrington');
    await onHomePage(member, async (page) => {
      assert.equal(await page.title(), 'Your work – PSW Network');
      const main = page.locator('main');
      await main.locator('p', { hasText: `You are signed in as Fenella Quarrington, ${member.user.organisation.name}.` })
        .waitFor();
      assert.equal(await main.getByRole('link', { name: 'Your account' }).getAttribute('href'), '/account');
      assert.equal(await main.getByRole('link', { name: member.user.organisation.name }).getAttribute('href'),
        `/organisations/${member.user.organisation.id}`);
      assert.equal(await main.getByRole('link', { name: /^Manage members/ }).count(), 0, 'members only for admins');

      const consultationsSection = await section(page, 'Consultations for your authority');
      await consultationsSection.getByText('No consultations are open for your authority.').waitFor();
      assert.equal(await consultationsSection.getByRole('link', { name: 'See all consultations' }).getAttribute('href'),
        '/consultations');
      const questions = await section(page, 'Questions for your authority');
      await questions.getByText('No questions are waiting for your authority.').waitFor();
      const answers = await section(page, 'New answers in threads you follow');
      await answers.getByText('There are no new replies in the threads you follow.').waitFor();
      const resources = await section(page, 'Practice resources');
      await resources.getByText('Nobody has shared a resource yet.').waitFor();
      await resources.getByText('No resource is used by other authorities yet.').waitFor();
      assert.equal(await resources.getByRole('link', { name: 'Go to the practice library' }).getAttribute('href'),
        '/library');

      assert.equal(await main.getByText(notLoaded).count(), 0);
      assert.equal(await main.getByText(/meeting/i).count(), 0, 'meetings do not exist yet');
      await expectAccessible(page, 'the home page of a fresh member');
    });
  });
});

describe('consultations for your authority', () => {
  it('lists the open ones soonest closing first, with the response’s state and the days left', async () => {
    const priya = await signIn(server.baseUrl, demoUsers.priya);
    const publish = (title, closesIn) => publishedConsultation(consultations, priya,
      { title: `${title} ${uniqueWord()}`, closes_at: timeIn(closesIn) });
    // Published out of order: the page puts them in order of closing.
    const later = await publish('Consultation on the knowledge and skills statements', 10 * days);
    const soon = await publish('Consultation on practice educator standards', 3 * days);
    const today = await publish('Consultation on supervision guidance', 60 * minutes);
    const rest = [];
    for (const [index, closesIn] of [20, 21, 22].entries()) {
      rest.push(await publish(`Consultation on workforce planning ${index + 1}`, closesIn * days));
    }

    const member = await newMember(authorities.plymouth, 'Horatio Pemberton-Quaile');
    await saveResponse(consultations, member, soon.id, { views: 'We are still discussing this.' });
    await saveResponse(consultations, member, later.id, submission(), { submit: true });

    await onHomePage(member, async (page) => {
      const region = await section(page, 'Consultations for your authority');
      const shown = await entries(region);
      const expected = [
        [today, 'Not started'], [soon, 'In progress (draft)'], [later, 'Submitted'], [rest[0], 'Not started'],
        [rest[1], 'Not started'],
      ];
      assert.deepEqual(shown.map((entry) => entry.text), expected.map(([item]) => item.title),
        'the five closing soonest, soonest first');
      for (const [index, [item, state]] of expected.entries()) {
        const entry = shown[index];
        assert.equal(entry.href, `/consultations/${item.id}`);
        assert.equal(entry.details[0], `Your authority’s response: ${state}`);
        assert.ok(entry.details[1].startsWith(`${expectedClosing(item.closes_at)} (${ukDate(item.closes_at)} at `),
          `“${entry.details[1]}” for a consultation closing at ${item.closes_at}`);
      }
      const item = region.locator('.app-home-list__item').first();
      assert.equal(await item.locator('.govuk-tag').innerText(), 'Not started');
      assert.equal(await item.locator('time').getAttribute('datetime'), today.closes_at);
      assert.equal(await region.locator('.govuk-tag--green', { hasText: 'Submitted' }).count(), 1);
      const all = region.getByRole('link', { name: 'See all 6 open consultations' });
      assert.equal(await all.getAttribute('href'), '/consultations');
      await expectAccessible(page, 'the home page with open consultations');

      // The keyboard reaches the soonest consultation, and Enter opens it.
      await expectFocusOn(page, 'main h1');
      const first = region.getByRole('link', { name: today.title });
      for (let presses = 0; presses < 10 && !(await first.evaluate((link) => link === document.activeElement));
        presses += 1) {
        await page.keyboard.press('Tab');
      }
      await expectFocusOn(page, `a[href="/consultations/${today.id}"]`);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === `/consultations/${today.id}`);
      await expectHeading(page, today.title);
    });
  });

  it('tells an office that it runs them, and a network administrator who does, without a response', async () => {
    for (const [email, sentence] of [
      [demoUsers.priya, 'Consultations are run by your office. Local authorities respond to them.'],
      [demoUsers.sam, 'Consultations are run by the Chief Social Workers’ offices. Local authorities respond to them.'],
    ]) {
      await withSignedInPage(browser, server.baseUrl, email, async (page) => {
        await expectHeading(page, 'Your work');
        const region = await section(page, 'Open consultations');
        await region.getByText(sentence).waitFor();
        const shown = await entries(region);
        assert.ok(shown.length > 0, 'the open consultations are listed');
        for (const entry of shown) {
          assert.equal(entry.details.length, 1, 'no response state for an organisation that does not respond');
          assert.match(entry.details[0], /^Closes /);
        }
        await section(page, 'Questions for your organisation');
        await section(page, 'New answers in threads you follow');
        await section(page, 'Practice resources');
        assert.equal(await page.locator('main').getByText(notLoaded).count(), 0);
        await expectAccessible(page, `the home page of ${email}`);
      });
    }
  });
});

describe('questions for your authority', () => {
  it('lists the questions asked of it, who asked and when, and mentions of the person', async () => {
    const member = await newMember(authorities.cornwall, 'Ottoline Brackwater');
    const asker = await newMember(authorities.southampton, 'Barnaby Quillfeather');
    const dorset = await newMember(authorities.dorset, 'Isadora Penhallow');
    const question = await ask(asker, {
      title: `How do you run practice weeks ${uniqueWord()}?`,
      body: '@Ottoline Brackwater could you tell us how your practice weeks are organised?',
      audience: 'organisations',
      audience_organisation_ids: [member.user.organisation.id],
    });
    const elsewhere = await ask(asker, {
      title: `Who chairs your practice forum ${uniqueWord()}?`,
      audience: 'organisations',
      audience_organisation_ids: [dorset.user.organisation.id],
    });
    const mention = (await forum.notifications(member, { unread: 'true' })).items
      .find((notification) => isAbout('thread', question.id)(notification) && notification.kind === 'mention');
    assert.ok(mention, 'the member is told of the mention');

    await onHomePage(member, async (page) => {
      const region = await section(page, 'Questions for your authority');
      const shown = await entries(region);
      const asked = shown.find((entry) => entry.text === question.title);
      assert.ok(asked, `the question among ${JSON.stringify(shown)}`);
      assert.equal(asked.href, `/discussions/${question.id}`);
      const from = asker.user.organisation.name;
      assert.ok(asked.details[0].startsWith(`Asked by ${from} at `), asked.details[0]);
      assert.match(asked.details[0], / at \d{1,2}:\d\d[ap]m on \d{1,2} [A-Z][a-z]+ \d{4}$/);
      const mentioned = shown.find((entry) => entry.text === `Mentioned you: ${question.title}`);
      assert.ok(mentioned, `the mention among ${JSON.stringify(shown)}`);
      assert.equal(mentioned.href, mention.subject.link);
      assert.ok(mentioned.details[0].startsWith(`By Barnaby Quillfeather, ${from} at `), mentioned.details[0]);
      assert.ok(!shown.some((entry) => entry.text.includes(elsewhere.title)), 'not the question asked of Dorset');
      await expectAccessible(page, 'the home page with a question for the authority');

      await region.getByRole('link', { name: question.title }).first().click();
      await expectHeading(page, question.title);
    });
  });
});

describe('new answers in threads you follow', () => {
  it('says how many replies came in each discussion, leading to the first, and when an answer was accepted',
    async () => {
      const member = await newMember(authorities.bristol, 'Philippa Marchbanks');
      const starter = await newMember(authorities.southampton, 'Cosmo Thistlewood');
      const replier = await newMember(authorities.dorset, 'Leontine Fairbrother');
      const follow = (thread) => forum.call('PUT', forumRoutes.subscription, { id: thread.id, auth: member,
        expect: 204 });

      const busy = await forum.createThread(starter, { kind: 'discussion',
        title: `Reflective supervision groups ${uniqueWord()}` });
      await follow(busy);
      const firstReply = await forum.reply(replier, busy.id, 'We meet monthly in small groups.');
      await forum.reply(replier, busy.id, 'And we rotate who facilitates.');
      const quiet = await forum.createThread(starter, { kind: 'discussion',
        title: `Newly qualified social workers’ caseloads ${uniqueWord()}` });
      await follow(quiet);
      await forum.reply(replier, quiet.id, 'We protect caseloads in the first year.');
      const question = await ask(starter, { title: `Which supervision template do you use ${uniqueWord()}?` });
      const answer = await forum.reply(member, question.id, 'We use the four-by-four model.');
      await forum.call('POST', forumRoutes.accept, { id: question.id, json: { post_id: answer.id }, auth: starter,
        expect: 200 });

      await onHomePage(member, async (page) => {
        const region = await section(page, 'New answers in threads you follow');
        const shown = await entries(region);
        assert.deepEqual(shown.map((entry) => entry.text), [
          `An answer was accepted in ${question.title}`,
          `1 new reply in ${quiet.title}`,
          `2 new replies in ${busy.title}`,
        ], 'one line per discussion, the latest news first');
        assert.equal(shown[2].href, `/discussions/${busy.id}#post-${firstReply.id}`, 'leads to the first new reply');
        assert.equal(await region.getByRole('link', { name: 'See all notifications' }).getAttribute('href'),
          '/notifications');
        await expectAccessible(page, 'the home page with new answers');

        await region.getByRole('link', { name: busy.title }).click();
        await expectHeading(page, busy.title);
      });
    });
});

describe('practice resources', () => {
  it('lists the newest and the most adopted, each with the organisation that shares it', async () => {
    const sharer = await newMember(authorities.bristol, 'Wilfred Ashcombe-Lyle');
    const adopters = await Promise.all([
      newMember(authorities.southampton, 'Marigold Stavely'),
      newMember(authorities.dorset, 'Ambrose Kettleby'),
    ]);
    const share = (title) => library.create(sharer, { title: `${title} ${uniqueWord()}` });
    const adopt = (resource, who) => library.call('PUT', libraryRoutes.endorsement, { id: resource.id, auth: who,
      expect: 200 });
    const framework = await share('Supervision framework');
    const induction = await share('Induction programme');
    const templates = await share('Case recording templates');
    const toolkit = await share('Strengths-based practice toolkit');
    for (const who of adopters) await adopt(induction, who);
    await adopt(framework, adopters[0]);

    const sharedBy = `Shared by ${sharer.user.organisation.name}`;
    const member = await newMember(authorities.cornwall, 'Jocasta Vennimore');
    await onHomePage(member, async (page) => {
      const region = await section(page, 'Practice resources');
      const lists = region.locator('.app-home-list');
      const newest = await entries(lists.nth(0));
      assert.deepEqual(newest.map((entry) => [entry.text, entry.href, entry.details]),
        [toolkit, templates, induction].map((resource) =>
          [resource.title, `/library/${resource.id}`, [sharedBy]]));
      const adopted = await entries(lists.nth(1));
      assert.deepEqual(adopted.map((entry) => [entry.text, entry.details]), [
        [induction.title, [sharedBy, 'Used by 2 authorities']],
        [framework.title, [sharedBy, 'Used by 1 authority']],
      ], 'most adopted first, and none that nobody uses');
      await region.getByRole('heading', { name: 'New', level: 3 }).waitFor();
      await region.getByRole('heading', { name: 'Widely adopted', level: 3 }).waitFor();
      await expectAccessible(page, 'the home page with practice resources');
    });
  });
});

describe('a source that fails', () => {
  it('shows its section’s error and leaves the other sections as they are', async () => {
    const member = await newMember(authorities.cornwall, 'Tobias Wrenfield');
    const asker = await newMember(authorities.southampton, 'Clementine Oakhurst');
    const question = await ask(asker, {
      title: `How do you induct agency social workers ${uniqueWord()}?`,
      body: '@Tobias Wrenfield what does your induction cover?',
      audience: 'organisations',
      audience_organisation_ids: [member.user.organisation.id],
    });
    await withSignedInPage(browser, server.baseUrl, member.user.email, async (page) => {
      const problem = { status: 429, contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Too many requests', status: 429 }) };
      const failing = new Set(['/api/v1/resources', '/api/v1/threads']);
      await page.route((url) => failing.has(url.pathname), (route) => route.fulfill(problem));
      await page.goto('/');
      await expectHeading(page, 'Your work');

      await (await section(page, 'Practice resources')).getByText(notLoaded).waitFor();
      const questions = await section(page, 'Questions for your authority');
      await questions.getByText(notLoaded).waitFor();
      // The mention comes from the notifications, which still load.
      await questions.getByRole('link', { name: question.title }).waitFor();
      assert.equal(await questions.getByText('No questions are waiting for your authority.').count(), 0);
      const consultationsSection = await section(page, 'Consultations for your authority');
      assert.ok((await entries(consultationsSection)).length > 0, 'the consultations still show');
      const answers = await section(page, 'New answers in threads you follow');
      await answers.getByText('There are no new replies in the threads you follow.').waitFor();
      assert.equal(await page.locator('main').getByText(notLoaded).count(), 2);
      await expectAccessible(page, 'the home page with two sections that could not be loaded');
    });
  });
});

describe('on a phone', () => {
  it('fits the home page with every section filled in 375 px', async () => {
    const member = await newMember(authorities.cornwall, 'Perpetua Hollingsworth-Tremayne');
    const asker = await newMember(authorities.southampton, 'Aurelius Fotheringham-Blythe');
    const question = await ask(asker, {
      title: `Multidisciplinarysafeguardingpartnershiparrangementsreviews ${uniqueWord()}: who leads them?`,
      body: '@Perpetua Hollingsworth-Tremayne who leads yours?',
      audience: 'organisations',
      audience_organisation_ids: [member.user.organisation.id],
    });
    await forum.call('PUT', forumRoutes.subscription, { id: question.id, auth: member, expect: 204 });
    await forum.reply(asker, question.id, 'Ours is led by the safeguarding partnership.');

    await withSignedInPage(browser, server.baseUrl, member.user.email, async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto('/');
      await expectHeading(page, 'Your work');
      await (await section(page, 'Questions for your authority')).getByRole('link', { name: question.title }).first()
        .waitFor();
      await (await section(page, 'New answers in threads you follow')).locator('p', { hasText: '1 new reply in' })
        .waitFor();
      assert.ok((await entries(await section(page, 'Consultations for your authority'))).length > 0);
      assert.ok((await entries(await section(page, 'Practice resources'))).length > 0);
      await expectNoSidewaysScroll(page, 'the home page');
      await expectAccessible(page, 'the home page at 375 px');
    });
  });
});
