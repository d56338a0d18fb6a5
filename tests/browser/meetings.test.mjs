// Group meetings, actions and the calendar feed in headless Chromium against the real pswnet. Sam, a network
// administrator, makes Amira (the children's PSW in Southampton) an owner of the South East children's PSW network and
// adds a Portsmouth PSW and a Brighton PSW to it; Amira has shared a paper with the group. Amira arranges a meeting
// through the form (after it has said what is missing, and the server has refused a link that is not https), with the
// paper. The Portsmouth PSW, from another authority, reaches it from her notification and answers Going while Amira's
// page shows the new count and who is coming without reloading; the Brighton PSW answers Maybe through the API. Amira
// downloads the meeting's .ics and changes its times. For a meeting that has already happened she posts the minutes
// (after confirming a postcode is not about a person) and follows them to their discussion, finds it among the past
// meetings, and gives the Portsmouth PSW an action, who finds it on the group's actions page and marks it done while
// Amira's page shows it done. Amira cancels the first meeting after a confirmation page, and the Portsmouth PSW's open
// page shows it cancelled. Finally Amira makes a calendar feed address, which a calendar reads without signing in, makes
// a new one (the old one stops) and stops it. axe-core checks every page, and the new pages at 375 px too.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import { addMember, uniqueWord } from '../support/forum.mjs';
import { libraryClient } from '../support/library.mjs';
import { pdfWith } from '../support/library-files.mjs';
import {
  expectAccessible, expectErrorLink, expectFocusOn, expectGoodEverywhere, expectHeading, summaryRows, tableRows,
  withServerAndBrowser, withSignedInSessions,
} from './helpers.mjs';

const networkName = 'South East children\'s PSW network';
const portsmouth = 'E06000044';
const brighton = 'E06000043';
const names = { amira: 'Amira Holt', pippa: 'Pippa Langstone', noor: 'Noor Castellan' };
const word = uniqueWord();
const meetingTitle = `South East network meeting ${word}`;
const pastTitle = `South East practice forum ${word}`;
const paperTitle = `Regional supervision standards ${word}`;
const actionTitle = `Send the ASYE moderation dates to the network ${word}`;
const onlineLink = `https://meetings.example.org/join/south-east-network-${word}-with-a-long-address-to-wrap`;

let server;
let browser;
let api;
let sam;
let amira;
/** The Portsmouth PSW and the Brighton PSW, members of the network from another authority than Amira's. */
let pippa;
let noor;
let network;
let paperId;
/** The meeting Amira arranges through the form, and the one that has already happened. */
let meetingId;
let pastMeetingId;

/** A day in UK time, `offset` days from today, as {iso: YYYY-MM-DD, day, month, year, words}. */
function ukDay(offset) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric',
    day: 'numeric' }).formatToParts(new Date());
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  const date = new Date(Date.UTC(part('year'), part('month') - 1, part('day') + offset));
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const words = date.toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long',
    year: 'numeric' }).replace(',', '');
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { iso, day, month, year, words, short: words.replace(/^\S+ /, '') };
}

const meetingDay = ukDay(21);
const dueDay = ukDay(14);

withServerAndBrowser({}, async (started) => {
  ({ server, browser, api } = started);
  [sam, amira] = await Promise.all([demoUsers.sam, demoUsers.amira].map((email) => signIn(server.baseUrl, email)));
  const found = await api.get(`/api/v1/groups?${new URLSearchParams({ q: networkName })}`, { auth: sam });
  assert.equal(found.status, 200, found.text);
  network = found.body.items.find((group) => group.name === networkName);
  assert.ok(network, `${networkName} exists`);

  [pippa, noor] = await Promise.all([
    addMember(server, { organisation: portsmouth, sector: 'children', displayName: names.pippa }),
    addMember(server, { organisation: brighton, sector: 'children', displayName: names.noor }),
  ]);
  for (const member of [{ email: demoUsers.amira, role: 'owner' }, { person_id: pippa.user.id, role: 'member' },
    { person_id: noor.user.id, role: 'member' }]) {
    const added = await api.post(`/api/v1/groups/${network.id}/members`, member, { auth: sam });
    assert.equal(added.status, 201, added.text);
  }

  const library = libraryClient(server.baseUrl);
  const paper = await library.create(amira, { title: paperTitle, visibility: 'group', group_id: network.id });
  await library.uploaded(amira, paper.id, pdfWith('How the South East supervises newly qualified social workers'),
    'supervision-standards.pdf', { contentType: 'application/pdf' });
  paperId = paper.id;
});

const banner = (page, text) => page.locator('.govuk-notification-banner--success', { hasText: text }).waitFor();
const networkPath = () => `/groups/${network.id}`;
const meetingPath = (id) => `/groups/${network.id}/meetings/${id}`;
const section = (page, id) => page.locator(`section[aria-labelledby="${id}"]`);

/** Presses a button with the keyboard. */
async function pressByKeyboard(page, name) {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

/** The meeting as `session` sees it through the API. */
async function meetingAs(session, id) {
  const res = await api.get(`/api/v1/meetings/${id}`, { auth: session });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** The calendar feed at `url`, fetched as a calendar does: no cookie, no token. */
async function readFeed(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('a group’s meetings', () => {
  it('lets Amira arrange a meeting with a paper, once the form is complete', () => withSignedInSessions(browser,
    server.baseUrl, async (open) => {
      const { page } = await open(demoUsers.amira);
      await page.goto(networkPath());
      await expectHeading(page, networkName, { exact: true });
      await section(page, 'meetings').getByText('No meetings are arranged.').waitFor();
      await section(page, 'actions').getByText('There are no open actions.').waitFor();
      await expectGoodEverywhere(page, 'a group’s page with its Meetings and Open actions sections');

      await section(page, 'meetings').getByRole('button', { name: 'Arrange a meeting' }).click();
      await page.waitForURL((url) => url.pathname === `/groups/${network.id}/meetings/new`);
      await expectHeading(page, 'Arrange a meeting');
      assert.equal(await page.title(), `Arrange a meeting – ${networkName} – PSW Network`);
      assert.equal(await page.getByRole('link', { name: `Back to ${networkName}` }).getAttribute('href'),
        networkPath());
      const papers = page.getByRole('group', { name: 'Papers (optional)' });
      await papers.getByLabel(paperTitle).waitFor();
      assert.equal(await page.getByLabel('Start time').getAttribute('inputmode'), 'decimal');
      await expectGoodEverywhere(page, 'the form to arrange a meeting');

      // What is missing is said before anything is sent.
      await pressByKeyboard(page, 'Arrange meeting');
      await expectErrorLink(page, 'Enter a title for the meeting', 'title');
      await expectErrorLink(page, 'Enter the date of the meeting', 'date');
      await expectErrorLink(page, 'Enter the time the meeting starts', 'start-time');
      await expectErrorLink(page, 'Enter the time the meeting ends', 'end-time');
      const where = await expectErrorLink(page, 'Enter where the meeting is, or a link to join it online', 'location');
      await expectFocusOn(page, '.govuk-error-summary');
      assert.match(await page.title(), /^Error: /);
      await expectGoodEverywhere(page, 'the form to arrange a meeting with errors');
      await where.click();
      await expectFocusOn(page, '#location');

      await page.getByLabel('Title').fill(meetingTitle);
      await page.locator('#date').fill(String(meetingDay.day));
      await page.locator('#date-month').fill(String(meetingDay.month));
      await page.locator('#date-year').fill(String(meetingDay.year));
      await page.getByLabel('Start time').fill('10:00');
      // A phone's number pad has a full stop but no colon.
      await page.getByLabel('End time').fill('12.00');
      await page.getByLabel('Place (optional)').fill('Civic Centre, Southampton');
      await page.getByLabel('Agenda (optional)').fill('1. Welcome\n2. **ASYE** moderation across the region');
      await papers.getByLabel(paperTitle).check();

      // The server is the authority on the link: only https.
      await page.getByLabel('Online meeting link (optional)').fill('http://meetings.example.org/join');
      await pressByKeyboard(page, 'Arrange meeting');
      await page.locator('.govuk-error-summary a[href="#online-url"]').waitFor();
      await page.locator('#online-url-error').waitFor();
      assert.equal(await page.locator('.govuk-error-summary li').count(), 1, 'only the link was wrong');
      await expectAccessible(page, 'the form to arrange a meeting with a link the server refused');

      await page.getByLabel('Online meeting link (optional)').fill(onlineLink);
      await pressByKeyboard(page, 'Arrange meeting');
      await page.waitForURL((url) => /^\/groups\/\d+\/meetings\/\d+$/.test(url.pathname));
      await banner(page, 'The meeting has been arranged');
      await expectHeading(page, meetingTitle, { exact: true });
      meetingId = Number(new URL(page.url()).pathname.split('/').pop());
      assert.equal(new URL(page.url()).pathname, meetingPath(meetingId));
      assert.equal(await page.title(), `${meetingTitle} – PSW Network`);
      await page.locator('main .govuk-caption-l', { hasText: networkName }).waitFor();
      assert.deepEqual(await summaryRows(page.locator('main')), {
        Date: meetingDay.words,
        Time: '10:00 to 12:00 (UK time)',
        Where: 'Civic Centre, Southampton',
        'Online meeting link': `${onlineLink} (opens in new tab)`,
        Organiser: `${names.amira}, Southampton`,
        Status: 'Scheduled',
        Answers: '0 going, 0 maybe, 0 not going',
      });
      const agenda = section(page, 'agenda');
      await agenda.locator('ol li strong', { hasText: 'ASYE' }).waitFor();
      const paperItem = section(page, 'papers').locator('li', { hasText: paperTitle });
      assert.equal(await paperItem.getByRole('link', { name: paperTitle, exact: true }).getAttribute('href'),
        `/library/${paperId}`);
      await paperItem.getByRole('link', { name: /^Download / }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Subscribe to all your meetings' }).getAttribute('href'),
        '/account/calendar');
      await page.getByRole('button', { name: 'Change meeting' }).waitFor();
      await page.getByRole('button', { name: 'Cancel meeting' }).waitFor();
      await section(page, 'who-is-coming').getByText('Nobody has answered yet.').waitFor();
      assert.equal(await section(page, 'minutes').count(), 0, 'no minutes before the meeting has started');
      await expectGoodEverywhere(page, 'a meeting’s page for its organiser');

      const stored = await meetingAs(amira, meetingId);
      assert.equal(stored.date, meetingDay.iso);
      assert.equal(stored.start_time, '10:00');
      assert.equal(stored.end_time, '12:00');
      assert.equal(stored.online_url, onlineLink);
      assert.deepEqual(stored.papers.map((paper) => paper.resource_id), [paperId]);

      // The group's page lists it among the meetings to come.
      await page.getByRole('link', { name: `Back to ${networkName}` }).click();
      await expectHeading(page, networkName, { exact: true });
      const listed = section(page, 'meetings').locator('.app-meeting-list__item', { hasText: meetingTitle });
      await listed.getByText(`${meetingDay.words}, 10:00 to 12:00`).waitFor();
      assert.equal(await listed.getByRole('link', { name: meetingTitle }).getAttribute('href'), meetingPath(meetingId));
    }));

  it('shows Amira the answer of a member from another authority as it comes, and who is coming', () =>
    withSignedInSessions(browser, server.baseUrl, async (open) => {
      assert.ok(meetingId, 'the meeting was arranged');
      const { page } = await open(demoUsers.amira);
      await page.goto(meetingPath(meetingId));
      await expectHeading(page, meetingTitle, { exact: true });
      await page.evaluate(() => { window.pswnetTestMark = 'still the same document'; });

      // The Portsmouth PSW was told of the meeting, and answers from its page.
      const pippaPage = (await open(pippa.user.email)).page;
      await pippaPage.goto('/notifications');
      await expectHeading(pippaPage, 'Notifications');
      await pippaPage.getByRole('link', { name: new RegExp(meetingTitle) }).click();
      await pippaPage.waitForURL((url) => url.pathname === meetingPath(meetingId));
      await expectHeading(pippaPage, meetingTitle, { exact: true });
      const answer = pippaPage.getByRole('group', { name: 'Are you going?' });
      await answer.getByText('You have not answered yet.').waitFor();
      assert.equal(await pippaPage.getByRole('button', { name: 'Change meeting' }).count(), 0);
      assert.equal(await pippaPage.getByRole('heading', { name: 'Who is coming' }).count(), 0);
      await expectGoodEverywhere(pippaPage, 'a meeting’s page for a member');
      await answer.getByLabel('Going', { exact: true }).check();
      await pressByKeyboard(pippaPage, 'Save your answer');
      await banner(pippaPage, 'Your answer has been saved');
      await answer.getByText('Your answer: Going.').waitFor();
      assert.equal((await summaryRows(pippaPage.locator('main'))).Answers, '1 going, 0 maybe, 0 not going');
      assert.equal((await meetingAs(pippa, meetingId)).my_rsvp, 'going');

      const answers = page.locator('main .govuk-summary-list__value', { hasText: /going/ });
      await answers.getByText('1 going, 0 maybe, 0 not going', { exact: true }).waitFor();
      const coming = section(page, 'who-is-coming').locator('table');
      await coming.locator('td', { hasText: 'Portsmouth' }).waitFor();

      const maybe = await api.put(`/api/v1/meetings/${meetingId}/rsvp`, { answer: 'maybe' }, { auth: noor });
      assert.equal(maybe.status, 200, maybe.text);
      await answers.getByText('1 going, 1 maybe, 0 not going', { exact: true }).waitFor();
      await coming.locator('td', { hasText: 'Brighton and Hove' }).waitFor();
      assert.deepEqual((await tableRows(coming)).map((row) => row.slice(0, 3)), [
        [names.pippa, 'Portsmouth', 'Going'],
        [names.noor, 'Brighton and Hove', 'Maybe'],
      ]);
      assert.equal(await page.evaluate(() => window.pswnetTestMark), 'still the same document', 'not reloaded');
      await expectGoodEverywhere(page, 'a meeting’s page with who is coming');
    }));

  it('gives Amira the meeting’s .ics file and lets her change its times', () => withSignedInSessions(browser,
    server.baseUrl, async (open) => {
      assert.ok(meetingId, 'the meeting was arranged');
      const { page } = await open(demoUsers.amira);
      await page.goto(meetingPath(meetingId));
      await expectHeading(page, meetingTitle, { exact: true });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Add to your calendar (.ics)' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.ics$/);
      const ics = await readFile(await download.path(), 'utf8');
      assert.match(ics, /BEGIN:VCALENDAR/);
      assert.match(ics, /BEGIN:VEVENT/);
      assert.ok(ics.replace(/\r?\n[ \t]/g, '').includes(meetingTitle), 'the file names the meeting');
      await expectHeading(page, meetingTitle, { exact: true });

      await page.getByRole('button', { name: 'Change meeting' }).click();
      await expectHeading(page, 'Change the meeting');
      assert.equal(await page.getByLabel('Title').inputValue(), meetingTitle);
      assert.equal(await page.locator('#date').inputValue(), String(meetingDay.day));
      assert.equal(await page.getByLabel('Start time').inputValue(), '10:00');
      assert.equal(await page.getByRole('group', { name: 'Papers (optional)' }).getByLabel(paperTitle).isChecked(),
        true);
      await expectGoodEverywhere(page, 'the form to change a meeting');

      await page.getByLabel('Start time').fill('');
      await pressByKeyboard(page, 'Save changes');
      await expectErrorLink(page, 'Enter the time the meeting starts', 'start-time');
      await expectFocusOn(page, '.govuk-error-summary');
      await page.getByLabel('Start time').fill('14:00');
      await page.getByLabel('End time').fill('15:30');
      await pressByKeyboard(page, 'Save changes');
      await page.waitForURL((url) => url.pathname === meetingPath(meetingId));
      await banner(page, 'Your changes to the meeting have been saved');
      assert.equal((await summaryRows(page.locator('main'))).Time, '14:00 to 15:30 (UK time)');
      const changed = await meetingAs(amira, meetingId);
      assert.equal(changed.start_time, '14:00');
      assert.equal(changed.end_time, '15:30');
      assert.ok(changed.sequence >= 1, 'calendars are told it changed');
      await expectAccessible(page, 'a changed meeting');
    }));

  it('lets Amira post the minutes of a meeting that has happened and give an action from it', () =>
    withSignedInSessions(browser, server.baseUrl, async (open) => {
      const yesterday = ukDay(-1);
      const arranged = await api.post(`/api/v1/groups/${network.id}/meetings`, {
        title: pastTitle, date: yesterday.iso, start_time: '10:00', end_time: '11:00', location: 'Portsmouth Guildhall',
      }, { auth: amira });
      assert.equal(arranged.status, 201, arranged.text);
      pastMeetingId = arranged.body.id;

      const { page } = await open(demoUsers.amira);
      await page.goto(networkPath());
      await expectHeading(page, networkName, { exact: true });
      await section(page, 'meetings').getByRole('link', { name: 'Past meetings' }).click();
      await expectHeading(page, 'Past meetings');
      const past = page.locator('.app-meeting-list__item', { hasText: pastTitle });
      await past.getByText('No minutes yet').waitFor();
      await expectGoodEverywhere(page, 'a group’s past meetings');
      await past.getByRole('link', { name: pastTitle }).click();
      await expectHeading(page, pastTitle, { exact: true });
      assert.equal((await summaryRows(page.locator('main'))).Status, 'Finished');
      assert.equal(await page.getByRole('group', { name: 'Are you going?' }).count(), 0, 'no answers once it is over');
      assert.equal(await page.getByRole('button', { name: 'Cancel meeting' }).count(), 0);
      const minutes = section(page, 'minutes');
      await minutes.getByLabel('Minutes').waitFor();
      await expectGoodEverywhere(page, 'a past meeting’s page with the form for its minutes');

      await pressByKeyboard(page, 'Post the minutes');
      await expectErrorLink(page, 'Enter the minutes', 'minutes-body');
      await expectFocusOn(page, '.govuk-error-summary');

      // A postcode may be about a person: it is posted once Amira has checked it is not.
      await minutes.getByLabel('Minutes').fill(
        `Present: ${names.amira}, ${names.pippa}.\n\n- Agreed the ASYE moderation dates ${word}.\n` +
        '- The next forum meets at the Civic Centre, SO14 7LY.');
      await pressByKeyboard(page, 'Post the minutes');
      await page.locator('.app-personal-data-check', { hasText: 'postcode' }).waitFor();
      await expectAccessible(page, 'the minutes form with a personal-data warning');
      await minutes.getByLabel('I have checked: this is not about a person who uses services').check();
      await pressByKeyboard(page, 'Post the minutes');
      await banner(page, 'The minutes have been posted');
      const read = minutes.getByRole('link', { name: 'Read the minutes' });
      const threadId = (await meetingAs(amira, pastMeetingId)).minutes_thread_id;
      assert.ok(threadId, 'the minutes are a discussion');
      assert.equal(await read.getAttribute('href'), `/discussions/${threadId}`);
      await expectAccessible(page, 'a meeting with its minutes');
      await read.click();
      await page.waitForURL((url) => url.pathname === `/discussions/${threadId}`);
      await page.locator('.app-post', { hasText: `Agreed the ASYE moderation dates ${word}` }).waitFor();
      await page.locator('main p.app-thread__group', { hasText: networkName }).waitFor();
      await expectAccessible(page, 'the discussion holding a meeting’s minutes');

      await page.goto(`/groups/${network.id}/meetings?when=past`);
      await expectHeading(page, 'Past meetings');
      assert.equal(await page.locator('.app-meeting-list__item', { hasText: pastTitle })
        .getByRole('link', { name: `Read the minutes of ${pastTitle}` }).getAttribute('href'), `/discussions/${threadId}`);

      // An action for the Portsmouth PSW, from this meeting.
      await page.goto(meetingPath(pastMeetingId));
      await expectHeading(page, pastTitle, { exact: true });
      const actions = section(page, 'meeting-actions');
      await actions.getByText('No actions have come from this meeting yet.').waitFor();
      await pressByKeyboard(page, 'Add action');
      await expectErrorLink(page, 'Enter the action', 'action-title');
      await expectErrorLink(page, 'Select who owns the action', 'action-owner');
      await expectErrorLink(page, 'Enter the date it is due', 'action-due-on');
      await expectAccessible(page, 'the form to add an action with errors');
      await actions.getByLabel('Action', { exact: true }).fill(actionTitle);
      await actions.getByLabel('Owner').selectOption({ label: `${names.pippa}, Portsmouth` });
      await page.locator('#action-due-on').fill(String(dueDay.day));
      await page.locator('#action-due-on-month').fill(String(dueDay.month));
      await page.locator('#action-due-on-year').fill(String(dueDay.year));
      await pressByKeyboard(page, 'Add action');
      await banner(page, `${names.pippa} has been given the action`);
      const table = actions.locator('table');
      await table.locator('th', { hasText: actionTitle }).waitFor();
      assert.deepEqual((await tableRows(table)).map((row) => row.slice(0, 3)),
        [[actionTitle, `${names.pippa}, Portsmouth`, dueDay.short]]);
      await expectGoodEverywhere(page, 'a meeting’s page with an action from it');
    }));

  it('shows the Portsmouth PSW her action on the group’s actions page, and Amira that it is done', () =>
    withSignedInSessions(browser, server.baseUrl, async (open) => {
      assert.ok(pastMeetingId, 'the past meeting was arranged');
      const amiraPage = (await open(demoUsers.amira)).page;
      await amiraPage.goto(meetingPath(pastMeetingId));
      await expectHeading(amiraPage, pastTitle, { exact: true });
      const fromMeeting = section(amiraPage, 'meeting-actions').locator('tbody tr', { hasText: actionTitle });
      await fromMeeting.waitFor();
      assert.equal(await fromMeeting.getByText('Done', { exact: true }).count(), 0);

      const { page } = await open(pippa.user.email);
      await page.goto(networkPath());
      await expectHeading(page, networkName, { exact: true });
      await section(page, 'actions').locator('th', { hasText: actionTitle }).waitFor();
      await section(page, 'actions').getByRole('link', { name: 'All actions' }).click();
      await expectHeading(page, 'Actions', { exact: true });
      const row = page.locator('main tbody tr', { hasText: actionTitle });
      assert.equal(await row.getByRole('link', { name: pastTitle }).getAttribute('href'), meetingPath(pastMeetingId));
      assert.equal(await row.getByRole('link', { name: /^Change/ }).count(), 0, 'only owners of the group change it');
      await expectGoodEverywhere(page, 'a group’s open actions for the owner of one');

      await row.getByRole('button', { name: `Mark as done ${actionTitle}` }).click();
      await banner(page, `‘${actionTitle}’ is done`);
      await page.getByText('There are no open actions.').waitFor();
      await fromMeeting.getByText('Done', { exact: true }).waitFor();

      await page.getByRole('group', { name: 'Show' }).getByLabel('Done', { exact: true }).check();
      await page.getByRole('button', { name: 'Show actions' }).click();
      await page.waitForURL((url) => url.searchParams.get('state') === 'done');
      const done = page.locator('main tbody tr', { hasText: actionTitle });
      await done.getByText('Done', { exact: true }).waitFor();
      await done.getByRole('button', { name: `Mark as not done ${actionTitle}` }).waitFor();
      await expectGoodEverywhere(page, 'a group’s done actions');

      // Amira, an owner of the group, changes when it is due.
      await fromMeeting.getByRole('link', { name: `Change ${actionTitle}` }).click();
      await expectHeading(amiraPage, 'Change the action');
      assert.equal(await amiraPage.getByLabel('Action', { exact: true }).inputValue(), actionTitle);
      await expectGoodEverywhere(amiraPage, 'the form to change an action');
      const later = ukDay(28);
      await amiraPage.locator('#action-due-on').fill(String(later.day));
      await amiraPage.locator('#action-due-on-month').fill(String(later.month));
      await amiraPage.locator('#action-due-on-year').fill(String(later.year));
      await pressByKeyboard(amiraPage, 'Save changes');
      await amiraPage.waitForURL((url) => url.pathname === `/groups/${network.id}/actions`);
      await banner(amiraPage, `Your changes to ‘${actionTitle}’ have been saved`);
      const all = await api.get(`/api/v1/groups/${network.id}/actions?state=all`, { auth: amira });
      assert.equal(all.body.items.find((action) => action.title === actionTitle).due_on, later.iso);
    }));

  it('lets Amira cancel the meeting after asking, and shows it cancelled to the members', () =>
    withSignedInSessions(browser, server.baseUrl, async (open) => {
      assert.ok(meetingId, 'the meeting was arranged');
      const pippaPage = (await open(pippa.user.email)).page;
      await pippaPage.goto(meetingPath(meetingId));
      await expectHeading(pippaPage, meetingTitle, { exact: true });
      await pippaPage.getByRole('group', { name: 'Are you going?' }).waitFor();

      const { page } = await open(demoUsers.amira);
      await page.goto(meetingPath(meetingId));
      await expectHeading(page, meetingTitle, { exact: true });
      await page.getByRole('button', { name: 'Cancel meeting' }).click();
      await expectHeading(page, 'Are you sure you want to cancel this meeting?');
      await expectGoodEverywhere(page, 'the page that asks before cancelling a meeting');
      await page.getByRole('link', { name: 'Keep the meeting' }).click();
      await expectHeading(page, meetingTitle, { exact: true });
      await page.getByRole('button', { name: 'Cancel meeting' }).click();
      await expectHeading(page, 'Are you sure you want to cancel this meeting?');
      await page.getByLabel('Why is it cancelled? (optional)').fill('The venue is closed for repairs.');
      await pressByKeyboard(page, 'Cancel meeting');
      await page.waitForURL((url) => url.pathname === meetingPath(meetingId));
      await banner(page, 'The meeting has been cancelled');
      await page.locator('main .govuk-warning-text', { hasText: 'This meeting has been cancelled.' }).waitFor();
      await page.getByText('Reason: The venue is closed for repairs.').waitFor();
      assert.equal((await summaryRows(page.locator('main'))).Status, 'Cancelled');
      assert.equal(await page.getByRole('button', { name: 'Change meeting' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Cancel meeting' }).count(), 0);
      await expectGoodEverywhere(page, 'a cancelled meeting');
      assert.equal((await meetingAs(amira, meetingId)).status, 'cancelled');

      // The member's open page takes the cancellation as it happens: no more answers.
      await pippaPage.getByText('Reason: The venue is closed for repairs.').waitFor();
      await pippaPage.getByRole('group', { name: 'Are you going?' }).waitFor({ state: 'detached' });

      await page.goto(networkPath());
      await section(page, 'meetings').locator('.app-meeting-list__item', { hasText: meetingTitle })
        .getByText('Cancelled', { exact: true }).waitFor();
    }));
});

describe('the calendar feed', () => {
  it('gives Amira an address a calendar reads without signing in, a new one, and a way to stop it', () =>
    withSignedInSessions(browser, server.baseUrl, async (open) => {
      assert.ok(meetingId && pastMeetingId, 'the meetings were arranged');
      const { page } = await open(demoUsers.amira);
      await page.goto('/account');
      await expectHeading(page, 'Your account');
      await page.getByRole('link', { name: 'Set up your calendar feed' }).click();
      await expectHeading(page, 'Calendar feed', { exact: true });
      await page.getByText('Subscribe to your meetings in Outlook or another calendar.').waitFor();
      await page.getByText('You do not have a calendar address.').waitFor();
      await expectGoodEverywhere(page, 'the calendar feed page without an address');

      await pressByKeyboard(page, 'Create a calendar address');
      await banner(page, 'Your calendar address has been created');
      const address = page.getByLabel('Your calendar address');
      const url = await address.inputValue();
      assert.equal(await address.getAttribute('readonly'), '');
      assert.match(new URL(url).pathname, /^\/api\/v1\/calendar-feeds\/[^/]+\/meetings\.ics$/);
      await page.getByText('Select ‘Add calendar’, then ‘Subscribe from web’.').waitFor();
      await expectGoodEverywhere(page, 'the calendar feed page with a new address');

      const feed = await readFeed(url);
      assert.equal(feed.status, 200, feed.text);
      assert.match(feed.type, /^text\/calendar/);
      const unfolded = feed.text.replace(/\r?\n[ \t]/g, '');
      assert.match(unfolded, /BEGIN:VCALENDAR/);
      assert.ok(unfolded.includes(meetingTitle), 'the feed holds the cancelled meeting');
      assert.ok(unfolded.includes(pastTitle), 'the feed holds the meeting that has happened');
      assert.match(unfolded, /STATUS:CANCELLED/);

      // A new address stops the old one at once.
      await page.goto('/account/calendar');
      await expectHeading(page, 'Calendar feed', { exact: true });
      await page.getByText('The old address stops working at once').waitFor();
      assert.equal(await page.getByLabel('Your calendar address').count(), 0, 'the address is shown only once');
      await expectAccessible(page, 'the calendar feed page with an address');
      await pressByKeyboard(page, 'Create a new address');
      await banner(page, 'Your calendar address has been created');
      const newUrl = await page.getByLabel('Your calendar address').inputValue();
      assert.notEqual(newUrl, url);
      assert.equal((await readFeed(url)).status, 404, 'the old address stopped');
      assert.equal((await readFeed(newUrl)).status, 200);

      await page.getByRole('link', { name: 'Stop this address' }).click();
      await expectHeading(page, 'Are you sure you want to stop your calendar address?');
      await expectGoodEverywhere(page, 'the page that asks before stopping the calendar address');
      await pressByKeyboard(page, 'Stop this address');
      await page.waitForURL((url) => url.pathname === '/account/calendar');
      await banner(page, 'Your calendar address has been stopped');
      await page.getByText('You do not have a calendar address.').waitFor();
      assert.equal((await readFeed(newUrl)).status, 404, 'the stopped address answers nothing');
    }));
});
