// Every main page on a phone (375 px wide) in headless Chromium against the real pswnet: signed out, as a member, as
// an office that runs consultations and as a network administrator, with the workforce figures imported, a resource
// with two versions of its file, a discussion, consultations, a request to join a group and a group's meeting with an
// action in place. No page may
// scroll sideways: a table wider than the phone scrolls inside its own region, which is named and takes keyboard focus
// so that the arrow keys scroll it. The menu shows the unread notifications, and axe-core checks every page.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { client, demoUsers, signIn } from '../support/api.mjs';
import { referencePaths } from '../support/benchmarking-reference.mjs';
import { consultationClient, createConsultation, publishedConsultation, saveResponse } from '../support/consultations.mjs';
import { libraryClient } from '../support/library.mjs';
import { pdfWith } from '../support/library-files.mjs';
import { startServer } from '../support/server.mjs';
import {
  expectAccessible, expectHeading, expectNoSidewaysScroll, launchBrowser, openPage, staticDir,
  withSignedInPage as signedInPageOf,
} from './helpers.mjs';

const phone = { width: 375, height: 812 };

let server;
let browser;
/** What the pages show, made through the API before the tests: ids and names. */
const made = {};

before(async () => {
  assert.ok(existsSync(`${staticDir}/index.html`), 'build the webclient first (npm run build in webclient/)');
  server = await startServer({ env: { PSWNET_STATIC_DIR: staticDir } });
  browser = await launchBrowser();
  const api = client(server.baseUrl);
  const [amira, tom, priya, sam] = await Promise.all(
    [demoUsers.amira, demoUsers.tom, demoUsers.priya, demoUsers.sam].map((email) => signIn(server.baseUrl, email)));

  // The workforce figures, for the dashboard and a measure's page with their wide tables.
  const imported = await api.request('POST', '/api/v1/benchmarking/imports', {
    body: readFileSync(referencePaths.cswwFixture), headers: { 'content-type': 'text/csv' }, auth: sam,
  });
  assert.equal(imported.status, 201, imported.text);
  const metrics = await api.get('/api/v1/benchmarking/metrics', { auth: amira });
  assert.equal(metrics.status, 200, metrics.text);
  made.metricKey = metrics.body.items[0].key;

  // A resource with two versions of a file with a long name, for the table of versions.
  const library = libraryClient(server.baseUrl);
  const resource = await library.create(amira, { title: 'Practice standards for supervision in children’s teams' });
  const fileName = 'practice-standards-for-supervision-in-childrens-social-work-teams-2026.pdf';
  await library.uploaded(amira, resource.id, pdfWith('The first version'), fileName, { contentType: 'application/pdf' });
  await library.uploaded(amira, resource.id, pdfWith('The second version'), fileName, { contentType: 'application/pdf' });
  made.resourceId = resource.id;

  // A discussion of Amira's that Tom answers: a reply, and an unread notification for her.
  const thread = await api.post('/api/v1/threads', {
    sector: 'both', kind: 'question', title: 'How do you run group supervision for newly qualified social workers?',
    body: 'We are starting group sessions next month and would like to hear what works.',
  }, { auth: amira });
  assert.equal(thread.status, 201, thread.text);
  const answer = await api.post(`/api/v1/threads/${thread.body.id}/posts`,
    { body: 'We meet every fortnight in groups of six, with a senior practitioner.' }, { auth: tom });
  assert.equal(answer.status, 201, answer.text);
  made.threadId = thread.body.id;

  // An open consultation with Amira's draft response, and a draft only the office sees.
  const call = consultationClient(server.baseUrl);
  const consultation = await publishedConsultation(call, priya);
  await saveResponse(call, amira, consultation.id, { views: 'Broadly in favour.', model: 'Locality teams' });
  made.consultationId = consultation.id;
  made.draftConsultationId = (await createConsultation(call, priya)).id;

  const organisations = await api.get('/api/v1/organisations?q=Southampton', { auth: amira });
  assert.equal(organisations.status, 200, organisations.text);
  made.southamptonId = organisations.body.items.find((organisation) => organisation.name === 'Southampton').id;

  // The South East children's network, with Amira asking to join it: its page, and its requests for Sam.
  const groups = await api.get('/api/v1/groups?q=South%20East%20children', { auth: amira });
  assert.equal(groups.status, 200, groups.text);
  made.networkId = groups.body.items[0].id;
  const asked = await api.post(`/api/v1/groups/${made.networkId}/join`,
    { message: 'I lead practice for children’s services in Southampton.' }, { auth: amira });
  assert.equal(asked.status, 202, asked.text);

  // A meeting of the network that Sam arranges, with a long online link, and an action from it: the meeting's pages
  // and the group's actions for him.
  const daysAhead = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const meeting = await api.post(`/api/v1/groups/${made.networkId}/meetings`, {
    title: 'South East network meeting: workforce planning', date: daysAhead(60), start_time: '10:00',
    end_time: '12:30', location: 'Civic Centre, Southampton',
    online_url: 'https://meetings.example.org/join/south-east-childrens-psw-network-workforce-planning-in-the-spring',
    agenda: '1. Welcome\n2. Workforce planning across the region',
  }, { auth: sam });
  assert.equal(meeting.status, 201, meeting.text);
  made.meetingId = meeting.body.id;
  const samAsMember = await api.post(`/api/v1/groups/${made.networkId}/members`,
    { person_id: sam.user.id, role: 'owner' }, { auth: sam });
  assert.equal(samAsMember.status, 201, samAsMember.text);
  const action = await api.post(`/api/v1/groups/${made.networkId}/actions`, {
    title: 'Share the regional workforce planning template with every authority in the network',
    owner_id: sam.user.id, due_on: daysAhead(74), meeting_id: made.meetingId,
  }, { auth: sam });
  assert.equal(action.status, 201, action.text);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Opens each of `pages` ({path, heading, waitFor?}) on a 375 px page and checks it: no sideways scroll, every table
 * either fits or scrolls inside a named region that takes focus, and no accessibility violation.
 */
async function tour(page, pages) {
  await page.setViewportSize(phone);
  for (const { path, heading, waitFor } of pages) {
    await page.goto(path);
    await expectHeading(page, heading);
    await page.locator('main:not([aria-busy])').waitFor();
    if (waitFor) await page.locator(waitFor).first().waitFor();
    await expectNoSidewaysScroll(page, path);
    const tables = await page.locator('main table').evaluateAll((elements) => elements.map((table) => {
      const region = table.closest('[role="region"]');
      return {
        caption: table.caption?.textContent?.trim() ?? '(no caption)',
        fits: table.getBoundingClientRect().right <= document.documentElement.clientWidth,
        region: region && {
          named: Boolean(region.getAttribute('aria-label') || region.getAttribute('aria-labelledby')),
          focusable: region.getAttribute('tabindex') === '0',
          scrolls: getComputedStyle(region).overflowX === 'auto',
        },
      };
    }));
    for (const table of tables) {
      if (table.fits && !table.region) continue;
      assert.deepEqual(table.region, { named: true, focusable: true, scrolls: true },
        `the table “${table.caption}” on ${path} scrolls in a named region that takes focus`);
    }
    await expectAccessible(page, `${path} at 375 px`);
  }
}

/** A signed-in page, checked and closed after `test` (helpers.mjs). */
const asSignedIn = (email, test) => signedInPageOf(browser, server.baseUrl, email, test);

describe('pages on a phone', () => {
  it('fits every page a signed-out visitor can reach on a 375 px screen', async () => {
    const session = await openPage(browser, server.baseUrl);
    await tour(session.page, [
      { path: '/sign-in', heading: 'Sign in to PSW Network' },
      { path: `/invitations/${'0'.repeat(32)}`, heading: /^This invitation / },
      { path: `/unsubscribe/${'0'.repeat(32)}`, heading: 'This link has expired or is not valid' },
    ]);
    await session.finish();
  });

  it('fits every main page of a member on a 375 px screen, with wide tables scrolling in their own regions',
    () => asSignedIn(demoUsers.amira, async (page) => {
      await tour(page, [
        { path: '/', heading: 'Your work', waitFor: '.app-home-list__item' },
        { path: '/discussions', heading: 'Discussions', waitFor: '.app-thread-list__item' },
        { path: '/discussions/new', heading: 'Ask the network' },
        { path: `/discussions/${made.threadId}`, heading: 'How do you run group supervision', waitFor: '.app-post' },
        { path: '/library', heading: 'Practice library', waitFor: '.app-resource-list__item' },
        { path: '/library/new', heading: 'Share a resource' },
        { path: `/library/${made.resourceId}`, heading: 'Practice standards for supervision', waitFor: 'main table' },
        { path: `/library/${made.resourceId}/edit`, heading: 'Edit the resource' },
        { path: `/library/${made.resourceId}/upload`, heading: /Upload/ },
        { path: `/library/${made.resourceId}/delete`, heading: 'Are you sure you want to delete this resource?' },
        { path: '/organisations', heading: 'Organisations', waitFor: 'main table' },
        { path: `/organisations/${made.southamptonId}`, heading: 'Southampton', waitFor: 'main table' },
        { path: '/benchmarking', heading: 'Southampton’s workforce', waitFor: 'main table' },
        { path: `/benchmarking/metrics/${made.metricKey}`, heading: /./, waitFor: 'main table' },
        { path: '/benchmarking/submissions', heading: /./ },
        { path: '/benchmarking/groups', heading: 'Your saved comparator groups' },
        { path: '/benchmarking/groups/new', heading: 'Save a comparator group', waitFor: 'main details' },
        { path: '/consultations', heading: 'Consultations', waitFor: '.app-consultation-list__item' },
        { path: `/consultations/${made.consultationId}`, heading: /^Consultation on practice / },
        { path: `/consultations/${made.consultationId}/respond`, heading: 'Your response' },
        { path: `/consultations/${made.consultationId}/check`, heading: /^Check your answers/ },
        { path: '/groups', heading: 'Groups', waitFor: '.app-group-list__item' },
        { path: `/groups/${made.networkId}`, heading: 'South East children', waitFor: 'main .govuk-summary-list' },
        { path: '/groups/new', heading: 'Create a group' },
        { path: '/notifications', heading: 'Notifications', waitFor: '.app-notifications__item' },
        { path: '/settings/notifications', heading: /./ },
        { path: '/account/calendar', heading: 'Calendar feed' },
      ]);

      // A wide table's region scrolls with the arrow keys once it has focus.
      await page.goto('/organisations');
      const region = page.locator('main [role="region"]', { has: page.locator('table') }).first();
      await region.waitFor();
      await region.focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((element) => element.scrollLeft > 0, await region.elementHandle());
    }));

  it('fits the pages of an office that runs consultations on a 375 px screen', () => asSignedIn(demoUsers.priya,
    async (page) => {
      await tour(page, [
        { path: '/consultations', heading: 'Consultations' },
        { path: '/consultations/new', heading: 'Create a consultation' },
        { path: `/consultations/${made.draftConsultationId}`, heading: /^Consultation on practice / },
        { path: `/consultations/${made.draftConsultationId}/edit`, heading: /./ },
        { path: `/consultations/${made.draftConsultationId}/publish`, heading: 'Publish this consultation?' },
        { path: `/consultations/${made.consultationId}/dashboard`, heading: 'Responses and analysis' },
        { path: `/consultations/${made.consultationId}/deadline`, heading: 'Change the closing date' },
        { path: `/consultations/${made.consultationId}/close`, heading: 'Close this consultation now?' },
      ]);
    }));

  it('fits the pages of a network administrator on a 375 px screen', () => asSignedIn(demoUsers.sam,
    async (page) => {
      await tour(page, [
        { path: '/benchmarking/imports', heading: /./, waitFor: 'section[aria-labelledby="past-imports"] table' },
        { path: '/moderation', heading: 'Reports to moderate' },
        { path: '/admin/outbox', heading: /./ },
        { path: `/groups/${made.networkId}#join-requests`, heading: 'South East children', waitFor: '.govuk-summary-card' },
        { path: '/groups/new', heading: 'Create a group' },
        { path: `/groups/${made.networkId}/settings`, heading: 'Change group settings' },
        { path: `/groups/${made.networkId}/meetings/new`, heading: 'Arrange a meeting' },
        { path: `/groups/${made.networkId}/meetings/${made.meetingId}`, heading: 'South East network meeting',
          waitFor: 'section[aria-labelledby="meeting-actions"] table' },
        { path: `/groups/${made.networkId}/meetings/${made.meetingId}/edit`, heading: 'Change the meeting' },
        { path: `/groups/${made.networkId}/meetings/${made.meetingId}/cancel`,
          heading: 'Are you sure you want to cancel this meeting?' },
        { path: `/groups/${made.networkId}/meetings`, heading: 'Meetings to come', waitFor: '.app-meeting-list__item' },
        { path: `/groups/${made.networkId}/meetings?when=past`, heading: 'Past meetings' },
        { path: `/groups/${made.networkId}/actions?state=all`, heading: 'Actions', waitFor: 'main table' },
      ]);
    }));
});
