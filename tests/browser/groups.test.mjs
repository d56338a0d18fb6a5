// Groups in headless Chromium against the real pswnet: the South East children's PSW network, which has no owners yet.
// Amira, the children's PSW in Southampton, asks to join it with a message (after the form has said it is too long);
// Sam, a network administrator, reaches the request from his notification, approves it and makes her an owner. She
// starts a discussion in the group, approves a Portsmouth PSW who asks to join while her page is open, and sees that
// PSW's discussion arrive without reloading. Tom, who is not in the group, is told its discussions are for its members,
// and its discussion is not found for him. Amira shares a resource with the group from its page (after the server has
// refused a group she is not in), uploads its PDF, and finds it in the group's Library section and in the library
// filtered by the group; Tom, in no group, is told to join one before sharing with one, cannot open the resource and
// does not find it in the library. Sam creates a private group (after the form has said what is missing and
// that a name is taken), which Tom cannot find until Sam adds him by email; Tom then sees it, and leaves it after a
// confirmation page. axe-core checks every page, and the new pages at 375 px too, with no sideways scroll.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import { addMember, uniqueWord } from '../support/forum.mjs';
import { pdfWith } from '../support/library-files.mjs';
import {
  expectAccessible, expectErrorLink, expectFocusOn, expectGoodEverywhere, expectHeading, summaryRows, tableRows,
  withServerAndBrowser, withSignedInSessions,
} from './helpers.mjs';

const networkName = 'South East children\'s PSW network';
const portsmouth = 'E06000044';
const names = { amira: 'Amira Holt', tom: 'Tom Ashdown', sam: 'Sam Whitcombe', portsmouth: 'Pippa Langstone' };
const amiraMessage = 'I am the Principal Social Worker for children’s services in Southampton.';

let server;
let browser;
let api;
let sam;
let amira;
let tom;
/** The Portsmouth PSW, a member of the network once Amira approves her. */
let pippa;
/** The South East children's network, as the API first shows it. */
let network;
/** Amira's discussion in the network. */
let amirasThreadId;
/** The Portsmouth PSW's discussion in the network, which Tom cannot read. */
let portsmouthThreadId;
withServerAndBrowser({}, async (started) => {
  ({ server, browser, api } = started);
  [sam, amira, tom] = await Promise.all([demoUsers.sam, demoUsers.amira, demoUsers.tom]
    .map((email) => signIn(server.baseUrl, email)));
  const found = await api.get(`/api/v1/groups?${new URLSearchParams({ q: networkName })}`, { auth: amira });
  assert.equal(found.status, 200, found.text);
  network = found.body.items.find((group) => group.name === networkName);
  assert.ok(network, `${networkName} exists`);
  assert.equal(network.privacy, 'restricted');
  assert.equal(network.owner_count, 0);
});

const menu = (page) => page.getByRole('navigation', { name: 'Menu' });
const banner = (page, text) => page.locator('.govuk-notification-banner--success', { hasText: text }).waitFor();
const announcement = (page, text) => page.locator('main [role="status"]', { hasText: text });
const networkPath = () => `/groups/${network.id}`;

/** The group as `session` sees it through the API. */
async function groupAs(session, id = network.id) {
  return api.get(`/api/v1/groups/${id}`, { auth: session });
}

/** Presses a button with the keyboard. */
async function pressByKeyboard(page, name) {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

/** The members table of a group's page, as [name, organisation, role, ...] rows. */
function membersTable(page) {
  return tableRows(page.locator('section[aria-labelledby="members"] table'));
}

describe('a regional network', () => {
  it('lets Amira ask to join with a message, once it is short enough', () => withSignedInSessions(browser,
    server.baseUrl, async (open) => {
      const { page } = await open(demoUsers.amira);
      await menu(page).getByRole('link', { name: 'Groups' }).click();
      await expectHeading(page, 'Groups', { exact: true });
      await page.getByText('You are not a member of any group yet.').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Create a group' }).count(), 0,
        'only network administrators and owners of a group are offered to create one');
      await expectGoodEverywhere(page, 'the groups page');

      await page.getByLabel('Search groups').fill('South East');
      await page.getByLabel('Type of group').selectOption({ label: 'Regional network' });
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL((url) => url.searchParams.get('kind') === 'regional_network');
      await page.locator('#results', { hasText: '2 groups' }).waitFor();
      const item = page.locator('.app-group-list__item', { hasText: networkName });
      await item.getByText('Restricted: ask to join').waitFor();
      await item.getByText('0 members').waitFor();
      await expectAccessible(page, 'the groups found');

      await item.getByRole('link', { name: networkName }).click();
      await expectHeading(page, networkName, { exact: true });
      assert.deepEqual(await summaryRows(page.locator('main')), {
        Type: 'Regional network', Services: 'Children’s services', Region: 'South East',
        'Who can join': 'Restricted: ask to join', Members: '0 members',
      });
      await page.getByText(`Only members of ${networkName} can read its discussions and see who belongs to it.`)
        .waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Discussions', exact: true }).count(), 0);
      await expectGoodEverywhere(page, 'a restricted group’s page for someone outside it');

      // Too long a message is put right before anything is sent.
      const message = page.getByLabel('Message to the group’s owners (optional)');
      await message.fill('x'.repeat(501));
      await pressByKeyboard(page, 'Ask to join');
      const problem = await expectErrorLink(page, 'Message must be 500 characters or fewer', 'join-message');
      await expectFocusOn(page, '.govuk-error-summary');
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'asking to join with too long a message');
      await problem.click();
      await expectFocusOn(page, '#join-message');

      await message.fill(amiraMessage);
      await pressByKeyboard(page, 'Ask to join');
      await banner(page, `You have asked to join ${networkName}`);
      assert.doesNotMatch(await page.title(), /^Error: /);
      await page.getByText('You have asked to join this group.').waitFor();
      await page.getByRole('button', { name: 'Withdraw your request' }).waitFor();
      await expectAccessible(page, 'a group asked to join');
      assert.equal((await groupAs(amira)).body.requested, true);
    }));

  it('lets Sam approve the request from his notification and make Amira an owner', () => withSignedInSessions(
    browser, server.baseUrl, async (open) => {
      const { page } = await open(demoUsers.sam);
      await menu(page).getByRole('link', { name: /^Notifications/ }).click();
      await expectHeading(page, 'Notifications');
      await page.getByRole('link', { name: `${names.amira} asks to join ${networkName}` }).click();
      await page.waitForURL((url) => url.pathname === networkPath() && url.hash === '#join-requests');
      await expectFocusOn(page, '#join-requests');
      const card = page.locator('.govuk-summary-card', { hasText: names.amira });
      const request = await summaryRows(card);
      assert.equal(request.Organisation, 'Southampton');
      assert.equal(request.Message, amiraMessage);
      await page.getByText('It has no owners yet: the network administrators manage it.').waitFor();
      await page.getByText('You are not a member of this group. As a network administrator you can manage it.')
        .waitFor();
      await expectGoodEverywhere(page, 'a network’s page for a network administrator, with a request to join');

      await card.getByRole('button', { name: `Approve ${names.amira}` }).click();
      await banner(page, `${names.amira} is now a member of ${networkName}`);
      await page.getByText('Nobody is waiting to join.').waitFor();
      await page.locator('section[aria-labelledby="members"]', { hasText: '1 member.' }).waitFor();
      assert.deepEqual((await membersTable(page)).map((row) => row.slice(0, 3)),
        [[names.amira, 'Southampton', 'Member']]);

      await page.getByRole('button', { name: `Make owner ${names.amira}` }).click();
      await banner(page, `${names.amira} is now an owner`);
      await page.getByText('1 of them is an owner.').waitFor();
      assert.deepEqual((await membersTable(page)).map((row) => row.slice(0, 3)),
        [[names.amira, 'Southampton', 'Owner']]);
      await expectAccessible(page, 'a network with its first owner');

      const seen = (await groupAs(amira)).body;
      assert.equal(seen.my_role, 'owner');
      assert.equal(seen.can_manage, true);
      assert.equal(seen.owner_count, 1);
    }));

  it('lets Amira start a discussion in the group, read by its members alone', () => withSignedInSessions(browser,
    server.baseUrl, async (open) => {
      const { page } = await open(demoUsers.amira);
      await page.goto(networkPath());
      await expectHeading(page, networkName, { exact: true });
      await page.getByText('You are an owner of this group').waitFor();
      await page.getByRole('heading', { name: 'Requests to join' }).waitFor();
      await page.getByText('Nobody has started a discussion in this group yet.').waitFor();
      await expectGoodEverywhere(page, 'a network’s page for its owner');

      await page.getByRole('button', { name: 'Start a discussion in this group' }).click();
      await page.waitForURL((url) => url.pathname === '/discussions/new'
        && url.searchParams.get('group_id') === String(network.id));
      await expectHeading(page, 'Start a discussion in a group');
      await page.locator('main .govuk-inset-text', { hasText: `In group: ${networkName}` }).waitFor();
      assert.equal(await page.getByRole('group', { name: 'Who should be told about it?' }).count(), 0,
        'a group’s discussion has no audience to choose');
      assert.equal(await page.getByRole('group', { name: 'Which services is it about?' })
        .getByLabel('Children’s services', { exact: true }).isChecked(), true, 'the group’s services to start with');
      await expectGoodEverywhere(page, 'the form to start a discussion in a group');

      await pressByKeyboard(page, 'Post to the group');
      await expectErrorLink(page, 'Enter the details', 'body');
      await expectFocusOn(page, '.govuk-error-summary');

      const title = `How are you preparing for the regional ASYE review ${uniqueWord()}?`;
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Details').fill('We would like to compare notes before the next network meeting.');
      await pressByKeyboard(page, 'Post to the group');
      await page.waitForURL(/\/discussions\/\d+$/);
      await expectHeading(page, title);
      amirasThreadId = Number(new URL(page.url()).pathname.split('/').pop());
      const inGroup = page.locator('main p.app-thread__group');
      assert.equal((await inGroup.innerText()).trim(), `In ${networkName}`);
      assert.equal(await inGroup.getByRole('link').getAttribute('href'), networkPath());
      await page.locator('main .govuk-inset-text', { hasText: `Only members of ${networkName} can read this discussion.` })
        .waitFor();
      assert.equal((await summaryRows(page.locator('aside.app-thread__about'))).Group, networkName);
      await expectAccessible(page, 'a discussion in a group');

      const thread = (await api.get(`/api/v1/threads/${amirasThreadId}`, { auth: amira })).body;
      assert.deepEqual(thread.group, { id: network.id, name: networkName });
      assert.equal(thread.readers.scope, 'group');

      // The group's page lists it, and the discussions list names the group.
      await page.goto(networkPath());
      await page.locator('section[aria-labelledby="discussions"] .app-thread-list__item', { hasText: title }).waitFor();
      await page.goto('/discussions');
      const listed = page.locator('.app-thread-list__item', { hasText: title });
      await listed.getByRole('link', { name: networkName }).waitFor();
    }));

  it('shows Amira a request to join, and the new member’s discussion, as they happen', () => withSignedInSessions(
    browser, server.baseUrl, async (open) => {
      pippa = await addMember(server, { organisation: portsmouth, sector: 'children',
        displayName: names.portsmouth });
      const { page } = await open(demoUsers.amira);
      await page.goto(networkPath());
      await expectHeading(page, networkName, { exact: true });
      await page.getByText('Nobody is waiting to join.').waitFor();
      await page.evaluate(() => { window.pswnetTestMark = 'still the same document'; });

      const asked = await api.post(`/api/v1/groups/${network.id}/join`,
        { message: 'Portsmouth’s children’s PSW, new in post.' }, { auth: pippa });
      assert.equal(asked.status, 202, asked.text);
      const card = page.locator('.govuk-summary-card', { hasText: names.portsmouth });
      await card.getByText('Portsmouth’s children’s PSW, new in post.').waitFor();
      await announcement(page, 'Someone has asked to join this group').waitFor();
      await card.getByRole('button', { name: `Approve ${names.portsmouth}` }).click();
      await banner(page, `${names.portsmouth} is now a member of ${networkName}`);
      await page.getByText('2 members.').waitFor();

      const title = `Who chairs your regional practice forum ${uniqueWord()}?`;
      const started = await api.post('/api/v1/threads', {
        title, body: 'We are setting one up in Portsmouth and would like to learn from yours.', sector: 'children',
        kind: 'question', group_id: network.id,
      }, { auth: pippa });
      assert.equal(started.status, 201, started.text);
      portsmouthThreadId = started.body.id;
      const arrived = page.locator('section[aria-labelledby="discussions"] .app-thread-list__item', { hasText: title });
      await arrived.getByText('New', { exact: true }).waitFor();
      await announcement(page, `New discussion from ${names.portsmouth}: ${title}`).waitFor();
      assert.equal(await page.evaluate(() => window.pswnetTestMark), 'still the same document', 'not reloaded');
      await expectAccessible(page, 'a group’s page with a new discussion');
    }));

  it('tells Tom, who is not in it, that its discussions are for its members', () => withSignedInSessions(browser,
    server.baseUrl, async (open) => {
      const { page } = await open(demoUsers.tom);
      await page.goto(networkPath());
      await expectHeading(page, networkName, { exact: true });
      await page.getByText(`Only members of ${networkName} can read its discussions and see who belongs to it.`)
        .waitFor();
      await page.getByRole('button', { name: 'Ask to join' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Members', exact: true }).count(), 0);
      assert.equal(await page.locator('.app-thread-list__item').count(), 0);
      await expectAccessible(page, 'a restricted group’s page for someone outside it');

      await page.goto(`/discussions/${portsmouthThreadId}`);
      await expectHeading(page, 'Page not found');
      const res = await api.get(`/api/v1/threads/${portsmouthThreadId}`, { auth: tom });
      assert.equal(res.status, 404, res.text);
      const listed = await api.get(`/api/v1/threads?group_id=${network.id}`, { auth: tom });
      assert.deepEqual(listed.body.items, []);
    }));

  it('lets Amira share a resource with the group from its page, seen by its members alone', () => withSignedInSessions(
    browser, server.baseUrl, async (open) => {
      const word = uniqueWord();
      const title = `Regional ASYE moderation framework ${word}`;
      const pdfName = 'asye-moderation.pdf';
      const londonName = 'London children\'s PSW network';
      const found = await api.get(`/api/v1/groups?${new URLSearchParams({ q: londonName })}`, { auth: amira });
      const london = found.body.items.find((group) => group.name === londonName);
      assert.ok(london, `${londonName} exists`);

      const { page } = await open(demoUsers.amira);
      await page.goto(networkPath());
      await expectHeading(page, networkName, { exact: true });
      const library = page.locator('section[aria-labelledby="library"]');
      await library.getByText('Nobody has shared a resource with this group yet.').waitFor();
      await library.getByText('Only its members can see them.').waitFor();
      await library.getByRole('button', { name: 'Share a resource with this group' }).click();
      await page.waitForURL((url) => url.pathname === '/library/new'
        && url.searchParams.get('group_id') === String(network.id));
      await expectHeading(page, 'Share a resource');
      assert.equal(await page.getByRole('link', { name: `Back to ${networkName}` }).getAttribute('href'), networkPath());
      const who = page.getByRole('group', { name: 'Who can find it?' });
      assert.equal(await who.getByLabel('A group you belong to').isChecked(), true, 'the group’s choice to start with');
      const which = page.getByLabel('Which group?');
      assert.equal(await which.inputValue(), String(network.id));
      await page.locator('#group_id-hint', { hasText: `Only the members of ${networkName} will be able to see it.` })
        .waitFor();
      assert.equal(await page.getByRole('group', { name: 'Which services is it for?' })
        .getByLabel('Children’s services', { exact: true }).isChecked(), true, 'the group’s services to start with');
      await expectGoodEverywhere(page, 'the form to share a resource with a group');

      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('Summary', { exact: true }).fill('How the South East moderates **ASYE** portfolios.');
      await page.getByLabel('Type of resource').selectOption({ label: 'ASYE programme' });
      await page.getByLabel('Open Government Licence v3.0').check();
      // A group she is not in (as if she had left it since the page was opened): the server refuses it, and the
      // error leads to the choice of group.
      await which.evaluate((select, id) => select.add(new Option('A group she has left', String(id))), london.id);
      await which.selectOption(String(london.id));
      await pressByKeyboard(page, 'Save and continue');
      const refused = await expectErrorLink(page, 'Select a group you are a member of', 'group_id');
      await expectFocusOn(page, '.govuk-error-summary');
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'sharing with a group she is not in');
      await refused.click();
      await expectFocusOn(page, '#group_id');

      await which.selectOption({ label: networkName });
      await pressByKeyboard(page, 'Save and continue');
      await expectHeading(page, 'Upload a file');
      await page.getByLabel('Upload a file').setInputFiles({
        name: pdfName, mimeType: 'application/pdf', buffer: pdfWith(`How we moderate ${word} portfolios`),
      });
      await page.getByRole('button', { name: 'Upload file' }).click();
      await page.waitForURL((url) => /^\/library\/\d+$/.test(url.pathname));
      await expectHeading(page, title);
      const resourceId = Number(new URL(page.url()).pathname.split('/').pop());
      const about = page.locator('aside[aria-labelledby="about-heading"]');
      assert.equal((await summaryRows(about))['Who can see it'], `Shared with ${networkName}`);
      assert.equal(await about.getByRole('link', { name: networkName }).getAttribute('href'), networkPath());
      await page.locator('section[aria-labelledby="discussions-heading"] .govuk-inset-text',
        { hasText: `Only members of ${networkName} will be able to read this discussion.` }).waitFor();
      await expectGoodEverywhere(page, 'a resource shared with a group');

      // Editing it starts from the group it is shared with.
      await page.getByRole('button', { name: 'Edit details' }).click();
      await expectHeading(page, 'Edit the resource');
      assert.equal(await page.getByRole('group', { name: 'Who can find it?' }).getByLabel('A group you belong to')
        .isChecked(), true);
      assert.equal(await page.getByLabel('Which group?').inputValue(), String(network.id));
      await expectAccessible(page, 'the edit form of a resource shared with a group');

      const resource = (await api.get(`/api/v1/resources/${resourceId}`, { auth: amira })).body;
      assert.equal(resource.visibility, 'group');
      assert.deepEqual(resource.group, { id: network.id, name: networkName });
      assert.equal((await api.get(`/api/v1/resources/${resourceId}`, { auth: pippa })).status, 200,
        'another member sees it');

      // The group's page lists it, without saying again who sees it.
      await page.goto(networkPath());
      await expectHeading(page, networkName, { exact: true });
      const listed = library.locator('.app-resource-list__item', { hasText: title });
      assert.equal(await listed.getByRole('link', { name: title }).getAttribute('href'), `/library/${resourceId}`);
      assert.equal(await listed.getByText('Shared with').count(), 0);
      await expectGoodEverywhere(page, 'a group’s page with a resource in its library');

      // The library names the group it is shared with, and finds it by the group.
      await menu(page).getByRole('link', { name: 'Library' }).click();
      await expectHeading(page, 'Practice library');
      const inLibrary = page.locator('.app-resource-list__item', { hasText: title });
      assert.equal(await inLibrary.getByRole('link', { name: networkName }).getAttribute('href'), networkPath());
      await page.getByLabel('Shared with a group').selectOption({ label: networkName });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('group_id') === String(network.id));
      await page.locator('main:not([aria-busy]) h2', { hasText: 'Matching resources' }).waitFor();
      assert.deepEqual(await page.locator('.app-resource-list__item h3').allInnerTexts(), [title]);
      await expectGoodEverywhere(page, 'the library filtered by a group');

      // Tom, in no group, is told to join one first; the resource is not his to see.
      const tomPage = (await open(demoUsers.tom)).page;
      await tomPage.goto('/library/new');
      await expectHeading(tomPage, 'Share a resource');
      await tomPage.getByRole('group', { name: 'Who can find it?' }).getByLabel('A group you belong to').check();
      await tomPage.getByText('You are not a member of any group yet.').waitFor();
      assert.equal(await tomPage.getByRole('link', { name: 'Find a group and join it' }).getAttribute('href'), '/groups');
      await pressByKeyboard(tomPage, 'Save and continue');
      await expectErrorLink(tomPage, 'Join a group before you share a resource with one', 'visibility');
      await expectGoodEverywhere(tomPage, 'the form to share a resource for someone in no group');

      await tomPage.goto(`/library/${resourceId}`);
      await expectHeading(tomPage, 'Page not found');
      await tomPage.goto(`/library?${new URLSearchParams({ q: word })}`);
      await expectHeading(tomPage, 'Practice library');
      await tomPage.getByText('No resources match.').waitFor();
      await tomPage.goto('/library');
      await expectHeading(tomPage, 'Practice library');
      await tomPage.locator('main:not([aria-busy]) h2', { hasText: 'All resources' }).waitFor();
      assert.equal(await tomPage.getByRole('link', { name: title }).count(), 0);
      await tomPage.goto(networkPath());
      await expectHeading(tomPage, networkName, { exact: true });
      assert.equal(await tomPage.locator('section[aria-labelledby="library"]').count(), 0);
      assert.equal((await api.get(`/api/v1/resources/${resourceId}`, { auth: tom })).status, 404);
      const shared = await api.get(`/api/v1/resources?group_id=${network.id}`, { auth: tom });
      assert.equal(shared.status, 200, shared.text);
      assert.deepEqual(shared.body.items, []);
    }));
});

describe('a private group', () => {
  const groupName = `AMHP leads ${uniqueWord('x')}`;
  let privateId;

  it('is created by Sam once the form is complete and its name is free', () => withSignedInSessions(browser,
    server.baseUrl, async (open) => {
      const { page } = await open(demoUsers.sam);
      await menu(page).getByRole('link', { name: 'Groups' }).click();
      await expectHeading(page, 'Groups', { exact: true });
      await page.getByRole('button', { name: 'Create a group' }).click();
      await expectHeading(page, 'Create a group');
      const kind = page.getByRole('group', { name: 'What type of group is it?' });
      for (const label of ['Regional network', 'National network', 'Special-interest group']) {
        await kind.getByLabel(label, { exact: true }).waitFor();
      }
      await expectGoodEverywhere(page, 'the form to create a group');

      await pressByKeyboard(page, 'Create group');
      await expectErrorLink(page, 'Enter a name for the group', 'name');
      await expectErrorLink(page, 'Select what type of group it is', 'kind');
      await expectErrorLink(page, 'Select which services it is for', 'sector');
      await expectErrorLink(page, 'Select who can join', 'privacy');
      await expectFocusOn(page, '.govuk-error-summary');
      assert.match(await page.title(), /^Error: /);
      await expectGoodEverywhere(page, 'the form to create a group with errors');

      // A regional network needs its region, asked once it is chosen.
      await kind.getByLabel('Regional network', { exact: true }).check();
      await page.getByLabel('Which region?').waitFor();
      await page.getByLabel('Name of the group').fill('London children\'s PSW network');
      await page.getByRole('group', { name: 'Which services is it for?' })
        .getByLabel('Children’s services', { exact: true }).check();
      await page.getByRole('group', { name: 'Who can join?' }).getByLabel('Restricted: ask to join').check();
      await pressByKeyboard(page, 'Create group');
      await expectErrorLink(page, 'Select the region of the network', 'region-code');
      await page.getByLabel('Which region?').selectOption({ label: 'London' });
      await pressByKeyboard(page, 'Create group');
      const taken = await expectErrorLink(page,
        'There is already a group called ‘London children\'s PSW network’: choose another name', 'name');
      await expectFocusOn(page, '.govuk-error-summary');
      await taken.click();
      await expectFocusOn(page, '#name');

      await page.getByLabel('Name of the group').fill(groupName);
      await page.getByLabel('Description (optional)').fill('Approved mental health professional leads.');
      await kind.getByLabel('Special-interest group', { exact: true }).check();
      await page.getByRole('group', { name: 'Which services is it for?' })
        .getByLabel('Adults’ services', { exact: true }).check();
      await page.getByRole('group', { name: 'Who can join?' }).getByLabel('Private', { exact: true }).check();
      await pressByKeyboard(page, 'Create group');
      await page.waitForURL((url) => /^\/groups\/\d+$/.test(url.pathname));
      await banner(page, `${groupName} has been created`);
      await expectHeading(page, groupName, { exact: true });
      privateId = Number(new URL(page.url()).pathname.split('/').pop());
      const rows = await summaryRows(page.locator('main .govuk-grid-column-two-thirds').first());
      assert.equal(rows.Type, 'Special-interest group');
      assert.equal(rows['Who can join'], 'Private');
      assert.deepEqual((await membersTable(page)).map((row) => row.slice(0, 3)),
        [[names.sam, 'PSW Network', 'Owner']]);
      await expectGoodEverywhere(page, 'a new private group’s page for its owner');

      await page.getByRole('link', { name: 'Change group settings' }).click();
      await expectHeading(page, 'Change group settings');
      assert.equal(await page.getByLabel('Name of the group').inputValue(), groupName);
      await page.getByLabel('Name of the group').fill('');
      await pressByKeyboard(page, 'Save changes');
      await expectErrorLink(page, 'Enter a name for the group', 'name');
      await expectFocusOn(page, '.govuk-error-summary');
      await expectGoodEverywhere(page, 'the group’s settings with an error');
      await page.getByLabel('Name of the group').fill(groupName);
      await page.getByLabel('Description (optional)').fill('Approved mental health professional leads of England.');
      await pressByKeyboard(page, 'Save changes');
      await banner(page, `Your changes to ${groupName} have been saved`);
      await page.getByText('Approved mental health professional leads of England.').waitFor();
    }));

  it('is hidden from Tom until Sam adds him by email, and Tom can leave it', () => withSignedInSessions(browser,
    server.baseUrl, async (open) => {
      assert.ok(privateId, 'the private group was created');
      const tomSession = await open(demoUsers.tom);
      const tomPage = tomSession.page;
      await tomPage.goto(`/groups/${privateId}`);
      await expectHeading(tomPage, 'Page not found');
      await tomPage.goto('/groups');
      await expectHeading(tomPage, 'Groups', { exact: true });
      assert.equal(await tomPage.getByRole('link', { name: groupName }).count(), 0);

      const { page } = await open(demoUsers.sam);
      await page.goto(`/groups/${privateId}`);
      await expectHeading(page, groupName, { exact: true });
      await page.getByLabel('Email address').fill('not-an-account@example.test.pswnet.uk');
      await pressByKeyboard(page, 'Add member');
      await expectErrorLink(page, 'There is no one with an account on PSW Network at this address', 'member-email');
      await expectFocusOn(page, '.govuk-error-summary');
      await page.getByLabel('Email address').fill(demoUsers.tom);
      await pressByKeyboard(page, 'Add member');
      await banner(page, `${names.tom} is now a member of ${groupName}`);
      await page.locator('section[aria-labelledby="members"] td', { hasText: 'Wiltshire' }).waitFor();
      assert.deepEqual((await membersTable(page)).map((row) => row.slice(0, 3)),
        [[names.sam, 'PSW Network', 'Owner'], [names.tom, 'Wiltshire', 'Member']]);
      await expectAccessible(page, 'a private group with a member added');

      await tomPage.goto('/notifications');
      await tomPage.getByRole('link', { name: `You were added to ${groupName}` }).click();
      await expectHeading(tomPage, groupName, { exact: true });
      await tomPage.getByText('You are a member of this group.').waitFor();
      await expectGoodEverywhere(tomPage, 'a private group’s page for a member');
      await tomPage.goto('/groups');
      await tomPage.locator('section[aria-labelledby="your-groups"] .app-group-list__item', { hasText: groupName })
        .getByText('You are a member').waitFor();

      await tomPage.goto(`/groups/${privateId}`);
      await tomPage.getByRole('button', { name: 'Leave group' }).click();
      await expectHeading(tomPage, 'Are you sure you want to leave this group?');
      await expectGoodEverywhere(tomPage, 'the page that asks before leaving a group');
      await pressByKeyboard(tomPage, 'Leave group');
      await tomPage.waitForURL((url) => url.pathname === '/groups');
      await banner(tomPage, `You have left ${groupName}`);
      assert.equal((await groupAs(tom, privateId)).status, 404, 'hidden again once he has left');
    }));
});
