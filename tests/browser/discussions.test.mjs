// Discussions in headless Chromium against the real pswnet: two or three people in separate browser contexts ask,
// answer, react, accept, report, hide and lock, and each sees the others' actions appear in their open page without
// reloading it. The personal-data guard through the forms, a dropped connection that is filled in after it
// comes back, and who can read a discussion started from an organisation- or region-only library resource. axe-core
// checks every page visited, including with errors and warnings showing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import { expectAccessible, expectFocusOn, expectHeading, openSignedInPage, withServerAndBrowser } from './helpers.mjs';

const names = { amira: 'Amira Holt', tom: 'Tom Ashdown' };

let server;
let browser;
let api;
withServerAndBrowser({}, (started) => ({ server, browser, api } = started));

/** Runs `test` with signed-in pages for each email; every context is closed and checked for problems after. */
async function withPages(emails, test) {
  const sessions = [];
  let failed = false;
  try {
    for (const email of emails) sessions.push(await openSignedInPage(browser, server.baseUrl, email));
    await test(...sessions.map((session) => session.page));
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    for (const session of sessions) {
      if (failed) await session.context.close();
      else await session.finish();
    }
  }
}

const menu = (page) => page.getByRole('navigation', { name: 'Menu' });

/** The page's polite live region, once it says `text`. */
const announcement = (page, text) => page.locator('main [role="status"]', { hasText: text });

const post = (page, text) => page.locator('article.app-post', { hasText: text });

/** Marks the document, so that a later check can prove the page was not reloaded meanwhile. */
async function markDocument(page) {
  await page.evaluate(() => { window.pswnetTestMark = 'still the same document'; });
}

async function expectSameDocument(page) {
  assert.equal(await page.evaluate(() => window.pswnetTestMark), 'still the same document', 'the page was reloaded');
}

async function unreadCount(session) {
  const res = await api.get('/api/v1/notifications?unread=true&limit=1', { auth: session });
  assert.equal(res.status, 200, res.text);
  return res.body.unread_count;
}

/** The accessible name of the navigation link with `unread` notifications. */
function notificationsLink(page, unread) {
  const name = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  return menu(page).getByRole('link', { name, exact: true });
}

async function createThread(session, fields) {
  const res = await api.post('/api/v1/threads',
    { sector: 'both', kind: 'question', ...fields }, { auth: session });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function reply(session, threadId, body) {
  const res = await api.post(`/api/v1/threads/${threadId}/posts`, { body }, { auth: session });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describe('asking and answering', () => {
  it('shows a question, its answer, a reaction and the acceptance live in the other person’s browser', async () => {
    const grace = await signIn(server.baseUrl, demoUsers.grace);
    const amiraApi = await signIn(server.baseUrl, demoUsers.amira);
    const earlier = await createThread(grace, {
      title: 'Supervision policy for newly qualified social workers',
      body: 'We are rewriting ours. What do you include for the ASYE year?',
      tags: ['supervision'],
    });
    const title = 'Supervision for newly qualified social workers in children’s teams';
    const answerText = 'We give ASYE social workers fortnightly supervision for the first six months.';

    await withPages([demoUsers.amira, demoUsers.tom], async (amira, tom) => {
      // Counted once both are signed in: a sign-in from a new browser is itself a notification.
      const unreadBefore = await unreadCount(amiraApi);
      // Tom watches the list of discussions.
      await menu(tom).getByRole('link', { name: 'Discussions' }).click();
      await expectHeading(tom, 'Discussions');
      await tom.locator('.app-thread-list__item', { hasText: earlier.title }).waitFor();
      await expectAccessible(tom, 'the discussions list');
      await markDocument(tom);

      // Amira asks, and is shown the earlier question while she types the title.
      await menu(amira).getByRole('link', { name: 'Discussions' }).click();
      await expectHeading(amira, 'Discussions');
      await amira.getByRole('button', { name: 'Ask a question' }).click();
      await expectHeading(amira, 'Ask the network');
      await expectAccessible(amira, 'the question form');
      await amira.getByLabel('Title').fill(title);
      await amira.locator('#similar-questions').getByRole('link', { name: new RegExp(earlier.title) }).waitFor();
      await expectAccessible(amira, 'the question form with similar questions');
      await amira.getByLabel('Details').fill('What supervision frequency works for **ASYE** social workers?');
      await amira.getByLabel('Children’s services', { exact: true }).check();
      await amira.getByLabel('Tags (optional)').fill('supervision, ASYE');
      await amira.getByRole('button', { name: 'Post to the network' }).click();
      await amira.waitForURL(/\/discussions\/\d+$/);
      await expectHeading(amira, title);
      await amira.locator('.govuk-notification-banner--success', { hasText: 'Your question has been posted' }).waitFor();
      assert.match(await amira.locator('.app-thread__status').innerText(), /Unanswered[\s\S]*supervision[\s\S]*asye/);
      assert.match(await amira.locator('.app-post__body strong').innerText(), /ASYE/, 'the Markdown is rendered');
      await expectAccessible(amira, 'the new question');
      await markDocument(amira);

      // The question appears in Tom's open list, announced politely.
      const row = tom.locator('.app-thread-list__item', { hasText: title });
      await row.waitFor();
      assert.match(await row.innerText(), /New/);
      assert.equal(await tom.locator('.app-thread-list__item').first().getAttribute('data-thread-id'),
        await row.getAttribute('data-thread-id'), 'the new question is at the top');
      await announcement(tom, '1 new discussion').waitFor();
      await expectSameDocument(tom);
      await expectAccessible(tom, 'the list with a new discussion');

      // Amira starts writing a follow-up while she waits: what arrives must not move her focus.
      await amira.getByLabel('Answer the question').click();

      // Tom answers.
      await row.getByRole('link', { name: title }).click();
      await expectHeading(tom, title);
      await expectAccessible(tom, 'the question as Tom sees it');
      await tom.getByLabel('Answer the question').fill(answerText);
      await tom.getByRole('button', { name: 'Post your answer' }).click();
      await post(tom, answerText).waitFor();
      await markDocument(tom);

      // Amira sees the answer and her unread count change without reloading.
      const answer = post(amira, answerText);
      await answer.waitFor();
      await announcement(amira, `New answer from ${names.tom}`).waitFor();
      await notificationsLink(amira, unreadBefore + 1).waitFor();
      await expectSameDocument(amira);
      await expectFocusOn(amira, '#reply-body');
      await expectAccessible(amira, 'the question with a live answer');

      // The answer's buttons sit in one row: "Accept this answer" lines up with the reactions.
      const tops = await answer.locator('.app-post__actions > *:not([hidden])').evaluateAll((buttons) =>
        buttons.map((element) => `${element.textContent.trim()}: ${element.getBoundingClientRect().top}`));
      assert.ok(tops.some((text) => text.startsWith('Accept this answer')), tops.join(', '));
      assert.equal(new Set(tops.map((text) => text.split(': ')[1])).size, 1, `one row: ${tops.join(', ')}`);

      // Amira finds it helpful; Tom sees the count. The banner about her question goes with her next action.
      await answer.getByRole('button', { name: 'Helpful (0)' }).click();
      await answer.getByRole('button', { name: 'Helpful (1)', pressed: true }).waitFor();
      await amira.locator('.govuk-notification-banner--success').waitFor({ state: 'detached' });
      await post(tom, answerText).getByText('Helpful (1)').waitFor();

      // Amira accepts the answer; Tom sees the marker and the status change.
      await answer.getByRole('button', { name: /Accept this answer/ }).click();
      await answer.getByText('Accepted answer', { exact: true }).waitFor();
      await post(tom, answerText).getByText('Accepted answer', { exact: true }).waitFor();
      await announcement(tom, 'An answer was accepted').waitFor();
      await tom.locator('.app-thread__status', { hasText: 'Answered' }).waitFor();
      await expectSameDocument(tom);
      await expectAccessible(tom, 'the answered question as Tom sees it');

      // Amira reads her notifications.
      await notificationsLink(amira, unreadBefore + 1).click();
      await expectHeading(amira, 'Notifications');
      const item = amira.locator('.app-notifications__item', { hasText: `${names.tom} replied to “${title}”` });
      await item.waitFor();
      assert.match(await item.innerText(), /Unread/);
      await expectAccessible(amira, 'the notifications page');
      await amira.getByRole('button', { name: 'Mark all as read' }).click();
      await amira.locator('.govuk-notification-banner--success', { hasText: 'marked as read' }).waitFor();
      await notificationsLink(amira, 0).waitFor();
      assert.doesNotMatch(await item.innerText(), /Unread/);
      assert.equal(await unreadCount(amiraApi), 0);
      await expectAccessible(amira, 'the notifications page after marking all as read');

      // The notification leads back to the answer.
      await item.getByRole('link').click();
      await expectHeading(amira, title);
      await post(amira, answerText).waitFor();
    });
  });

  it('filters the list by tag and status', async () => {
    const tomApi = await signIn(server.baseUrl, demoUsers.tom);
    const tagged = await createThread(tomApi, {
      title: 'Approved mental health professional rotas', body: 'How do you staff AMHP rotas?',
      sector: 'adults', tags: ['amhp'],
    });
    await withPages([demoUsers.tom], async (tom) => {
      await tom.goto('/discussions?status=unanswered');
      await expectHeading(tom, 'Discussions');
      const row = tom.locator('.app-thread-list__item', { hasText: tagged.title });
      await row.getByRole('link', { name: 'amhp' }).click();
      await tom.waitForURL((url) => url.searchParams.get('tag') === 'amhp');
      await tom.locator('main:not([aria-busy])').waitFor();
      await row.waitFor();
      assert.equal(await tom.locator('.app-thread-list__item').count(), 1, 'only the tagged discussion');
      assert.equal(await tom.getByLabel('Tag').inputValue(), 'amhp');
      await expectAccessible(tom, 'the list filtered by tag');

      await tom.getByLabel('Search discussions').fill('no discussion has these words');
      await tom.getByRole('button', { name: 'Search' }).click();
      await tom.getByText('No discussions match.').waitFor();
      await expectAccessible(tom, 'a search with no results');
    });
  });
});

describe('editing and following', () => {
  it('shows an edit live, keeps the earlier version in the history, and follows and unfollows', async () => {
    const amiraApi = await signIn(server.baseUrl, demoUsers.amira);
    const tomApi = await signIn(server.baseUrl, demoUsers.tom);
    const thread = await createThread(amiraApi, {
      title: 'Reflective supervision templates', body: 'Which template do you use?', tags: ['supervision'],
    });
    await reply(tomApi, thread.id, 'We use the four-by-four model.');

    await withPages([demoUsers.amira, demoUsers.tom], async (amira, tom) => {
      for (const page of [amira, tom]) {
        await page.goto(`/discussions/${thread.id}`);
        await post(page, 'four-by-four model').waitFor();
      }
      await markDocument(amira);

      // Tom edits his reply within the day he may.
      // Tom edits his reply within the day he may: "Edit" is a button that opens the form under the post's buttons.
      const own = post(tom, 'four-by-four model');
      const edit = own.getByRole('button', { name: 'Edit your post' });
      await edit.click();
      const editor = own.getByLabel('Your post');
      await editor.waitFor();
      assert.equal(await edit.getAttribute('aria-expanded'), 'true');
      await expectFocusOn(tom, 'textarea[id^="edit-"]');
      assert.equal(await editor.inputValue(), 'We use the four-by-four model.');
      // Cancel closes it, and focus goes back to "Edit".
      await own.getByRole('button', { name: 'Cancel' }).click();
      await editor.waitFor({ state: 'detached' });
      assert.equal(await edit.getAttribute('aria-expanded'), 'false');
      await expectFocusOn(tom, '.app-post__actions button[aria-controls^="edit-"]');
      await tom.keyboard.press('Enter');
      await editor.fill('We use the four-by-four model, adapted for adults’ services.');
      await expectAccessible(tom, 'the edit form');
      await own.getByRole('button', { name: 'Save changes' }).click();
      const edited = post(tom, 'adapted for adults’ services');
      await edited.getByText('(edited').waitFor();
      await editor.waitFor({ state: 'detached' });

      // Amira sees the new text without reloading, announced.
      await post(amira, 'adapted for adults’ services').waitFor();
      await announcement(amira, 'A post was edited').waitFor();
      await expectSameDocument(amira);

      // The author can read the earlier version.
      await edited.getByText('Edited: see the history').click();
      await edited.locator('.app-revisions', { hasText: 'We use the four-by-four model.' }).waitFor();
      await expectAccessible(tom, 'a post with its history open');

      // Tom follows the discussion by replying; he can stop following and start again.
      const follow = tom.getByRole('button', { name: 'Stop following' });
      await follow.waitFor();
      await follow.click();
      await tom.getByRole('button', { name: 'Follow this discussion' }).click();
      await tom.getByRole('button', { name: 'Stop following' }).waitFor();
    });
  });
});

describe('the personal-data guard', () => {
  it('refuses an NHS number and asks to confirm a postcode before posting', async () => {
    const title = 'Transition protocol from children’s to adults’ services';
    const threadsTitled = async () =>
      Number((await server.db.query('SELECT count(*) FROM threads WHERE title = $1', [title])).rows[0].count);

    await withPages([demoUsers.amira], async (amira) => {
      await amira.goto('/discussions/new');
      await expectHeading(amira, 'Ask the network');
      await amira.getByLabel('Title').fill(title);
      await amira.getByLabel('Details').fill('The young person (NHS number 943 476 5919) moves to adults’ services.');
      await amira.getByRole('button', { name: 'Post to the network' }).click();

      const summary = amira.locator('.govuk-error-summary');
      await summary.filter({ hasText: 'NHS number' }).waitFor();
      await expectFocusOn(amira, '.govuk-error-summary');
      assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#body');
      assert.match(await amira.locator('#body-error').innerText(), /NHS number \(…919\)/);
      assert.match(await amira.title(), /^Error: /);
      assert.equal(await threadsTitled(), 0, 'nothing refused is stored');
      await expectAccessible(amira, 'the question form refusing an NHS number');

      await amira.getByLabel('Details').fill('Our transition team is based at SO14 7DU if you want to visit.');
      await amira.getByRole('button', { name: 'Post to the network' }).click();
      const check = amira.locator('.app-personal-data-check');
      await check.waitFor();
      assert.match(await check.innerText(), /postcode/);
      await summary.filter({ hasText: 'postcode' }).waitFor();
      assert.equal(await threadsTitled(), 0, 'nothing is stored until the author confirms');
      await expectAccessible(amira, 'the question form with a personal-data warning');

      // Posting again without ticking the box says what to do.
      await amira.getByRole('button', { name: 'Post to the network' }).click();
      await summary.filter({ hasText: 'I have checked' }).waitFor();
      await expectAccessible(amira, 'the question form asking for the confirmation');

      await amira.getByLabel('I have checked: this is not about a person who uses services').check();
      await amira.getByRole('button', { name: 'Post to the network' }).click();
      await amira.waitForURL(/\/discussions\/\d+$/);
      await expectHeading(amira, title);
      await post(amira, 'SO14 7DU').waitFor();
      assert.equal(await threadsTitled(), 1);

      // The reply form refuses a National Insurance number the same way.
      await amira.getByLabel('Answer the question').fill('Their National Insurance number is AB 12 34 56 C.');
      await amira.getByRole('button', { name: 'Post your answer' }).click();
      await summary.filter({ hasText: 'National Insurance number' }).waitFor();
      assert.match(await amira.locator('#reply-body-error').innerText(), /National Insurance number/);
      assert.equal(await post(amira, 'AB 12 34 56 C').count(), 0);
      await expectAccessible(amira, 'the reply form refusing a National Insurance number');
    });
  });
});

describe('moderation', () => {
  it('hides a reported post and locks the discussion, and everyone’s open page follows', async () => {
    const amiraApi = await signIn(server.baseUrl, demoUsers.amira);
    const tomApi = await signIn(server.baseUrl, demoUsers.tom);
    const thread = await createThread(amiraApi, {
      title: 'Caseload weighting tools', body: 'Does anyone weight caseloads by complexity?', tags: ['caseloads'],
    });
    const replyText = 'Our weighting tool is great, ring our office to buy it.';
    await reply(tomApi, thread.id, replyText);

    await withPages([demoUsers.amira, demoUsers.tom, demoUsers.sam], async (amira, tom, sam) => {
      assert.equal(await menu(tom).getByRole('link', { name: 'Admin' }).count(), 0, 'members see no queue');
      for (const page of [amira, tom]) {
        await page.goto(`/discussions/${thread.id}`);
        await post(page, replyText).waitFor();
        await markDocument(page);
      }

      // Amira reports Tom's reply.
      const reported = post(amira, replyText);
      const report = reported.getByRole('button', { name: `Report the post from ${names.tom}` });
      await report.click();
      await expectFocusOn(amira, 'textarea[id^="report-"]');
      await reported.getByLabel('Why should a moderator look at this post?').fill('Advertising a product.');
      await expectAccessible(amira, 'the report form');
      await reported.getByRole('button', { name: 'Send report' }).click();
      await reported.getByText('You have reported this post').waitFor();
      assert.equal(await report.isVisible(), false, 'a post is reported once');

      // Sam hides it from the queue.
      await menu(sam).getByRole('link', { name: 'Admin' }).click();
      await expectHeading(sam, 'Admin');
      await expectAccessible(sam, 'the Admin page of a network administrator');
      await sam.getByRole('main').getByRole('link', { name: 'Moderation' }).click();
      await expectHeading(sam, 'Reports to moderate');
      const card = sam.locator('.govuk-summary-card', { hasText: 'Advertising a product.' });
      await card.waitFor();
      assert.match(await card.innerText(), new RegExp(thread.title));
      await expectAccessible(sam, 'the moderation queue');
      await card.getByRole('button', { name: 'Hide the post' }).click();
      await sam.locator('.govuk-notification-banner--success', { hasText: 'The post has been hidden' }).waitFor();
      assert.equal(await card.count(), 0);
      await expectAccessible(sam, 'the moderation queue after hiding');

      // Amira no longer sees the body; Tom, its author, sees it marked hidden.
      await post(amira, 'This post has been hidden by a moderator').waitFor();
      assert.equal(await post(amira, replyText).count(), 0);
      await announcement(amira, 'A post was hidden by a moderator').waitFor();
      await post(tom, replyText).getByText('Hidden', { exact: true }).waitFor();
      await expectAccessible(amira, 'the discussion with a hidden post');

      // Sam shows it again and locks the discussion from the discussion page.
      await sam.goto(`/discussions/${thread.id}`);
      const moderated = post(sam, replyText);
      await moderated.getByText('Moderate this post').click();
      await moderated.getByRole('button', { name: 'Unhide post' }).click();
      await moderated.getByRole('button', { name: 'Hide post' }).waitFor();
      await post(amira, replyText).waitFor();
      await sam.getByRole('button', { name: 'Lock discussion' }).click();
      await sam.getByRole('button', { name: 'Unlock discussion' }).waitFor();
      await expectAccessible(sam, 'a locked discussion as a moderator sees it');

      for (const page of [amira, tom]) {
        await page.locator('.govuk-notification-banner', { hasText: 'This discussion is locked' }).waitFor();
        await page.getByText('This discussion is locked, so you cannot reply to it.').waitFor();
        assert.equal(await page.getByRole('button', { name: 'Post your answer' }).count(), 0);
        await expectSameDocument(page);
      }
      await expectAccessible(amira, 'a locked discussion as a member sees it');
    });
  });
});

describe('a dropped connection', () => {
  it('fills in what happened while the page was offline, from the last event it saw', async () => {
    const amiraApi = await signIn(server.baseUrl, demoUsers.amira);
    const tomApi = await signIn(server.baseUrl, demoUsers.tom);
    const thread = await createThread(amiraApi, {
      title: 'Practice educator capacity', body: 'How many practice educators do you have per team?',
      tags: ['practice education'],
    });

    await withPages([demoUsers.amira], async (amira) => {
      await amira.goto(`/discussions/${thread.id}`);
      await expectHeading(amira, thread.title);
      await markDocument(amira);

      // One reply arrives live, so the page knows the id of the last event it saw.
      await reply(tomApi, thread.id, 'Two per team of eight, and one in the workforce team.');
      await post(amira, 'Two per team of eight').waitFor();
      const unread = await unreadCount(amiraApi);

      await amira.context().setOffline(true);
      await amira.locator('html[data-realtime="connecting"]').waitFor({ state: 'attached' });
      await reply(tomApi, thread.id, 'We also pay our practice educators an allowance.');
      const threadReads = [];
      amira.on('request', (request) => {
        if (new URL(request.url()).pathname === `/api/v1/threads/${thread.id}`) threadReads.push(request.url());
      });

      await amira.context().setOffline(false);
      await post(amira, 'an allowance').waitFor();
      await amira.locator('html[data-realtime="live"]').waitFor({ state: 'attached' });
      await notificationsLink(amira, unread + 1).waitFor();
      await expectSameDocument(amira);
      assert.deepEqual(threadReads, [], 'the missed reply came from the replay, not from reading the page again');
      assert.equal(await post(amira, 'Two per team of eight').count(), 1, 'no reply is shown twice');
      await expectAccessible(amira, 'the discussion after reconnecting');
    });
  });
});

describe('who can read a discussion', () => {
  it('says near the title that only an organisation or a region can read a discussion of a restricted resource',
    async () => {
      const amiraApi = await signIn(server.baseUrl, demoUsers.amira);
      /** A discussion started from a resource of Southampton's that only `visibility` can see. */
      const aboutResource = async (visibility, title) => {
        const shared = await api.post('/api/v1/resources', {
          title: `Out-of-hours duty rota (${visibility})`, summary: 'Who covers the emergency duty team, and when.',
          type: 'procedure', sector: 'both', tags: [], licence: 'ask-the-owner', visibility, link_url: null,
        }, { auth: amiraApi });
        assert.equal(shared.status, 201, shared.text);
        const started = await api.post(`/api/v1/resources/${shared.body.id}/threads`,
          { title, body: 'How often is each social worker on the rota?' }, { auth: amiraApi });
        assert.equal(started.status, 201, started.text);
        return { id: started.body.thread_id, title };
      };
      const discussions = [
        { ...(await aboutResource('organisation', 'Our duty rota from April')),
          readers: 'Only people in Southampton can read this discussion.' },
        { ...(await aboutResource('region', 'Sharing the duty rota across the South East')),
          readers: 'Only people in organisations in the South East can read this discussion.' },
      ];
      const open = await createThread(amiraApi,
        { title: 'Emergency duty team staffing', body: 'How do you staff it?' });

      await withPages([demoUsers.amira], async (amira) => {
        for (const discussion of discussions) {
          await amira.goto(`/discussions/${discussion.id}`);
          await expectHeading(amira, discussion.title);
          const inset = amira.locator('main .govuk-inset-text', { hasText: discussion.readers });
          await inset.waitFor();
          // Near the title: after the heading, before the question itself.
          const placed = await inset.evaluate((element) => {
            const heading = document.querySelector('main h1');
            const opening = document.querySelector('main article.app-post');
            return Boolean(heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)
              && Boolean(element.compareDocumentPosition(opening) & Node.DOCUMENT_POSITION_FOLLOWING);
          });
          assert.ok(placed, 'who can read it is not between the title and the question');
          await expectAccessible(amira, `a discussion that says “${discussion.readers}”`);
        }

        await amira.goto(`/discussions/${open.id}`);
        await expectHeading(amira, open.title);
        await post(amira, 'How do you staff it?').waitFor();
        assert.equal(await amira.getByText('can read this discussion').count(), 0,
          'a discussion the whole network can read says it is restricted');
      });
    });
});
