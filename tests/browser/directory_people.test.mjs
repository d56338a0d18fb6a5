// Who's who on an organisation's page, in headless Chromium against the real pswnet: a member says on "Change your
// details" that they are their authority's Principal Social Worker for children's services and chooses to be
// listed; a member of another authority finds them on that authority's page (adults' services vacant), asks them a
// question from there, which starts the new discussion form addressed to that authority and mentioning them, and
// they are told of the mention. A Principal Social Worker who is not listed makes the post "Not listed" without
// being named, and signed out nobody is shown. axe-core checks every page, and at 375 px none of them scrolls
// sideways. Every person here is invented.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMember, isAbout, uniqueWord } from '../support/forum.mjs';
import { ME } from '../support/identity.mjs';
import {
  expectAccessible, expectHeading, expectNoSidewaysScroll, summaryRows, withServerAndBrowser, withSignedInPage,
  withWatchedPage,
} from './helpers.mjs';

const authorities = {
  southampton: 'E06000045',
  cornwall: 'E06000052',
  dorset: 'E06000059',
  bristol: 'E06000023',
  torbay: 'E06000027',
};
const children = 'Principal Social Worker, children’s services';
const adults = 'Principal Social Worker, adults’ services';
const notListed = 'Not listed (the post is held by someone who has chosen not to be listed)';

let server;
let browser;
let api;
withServerAndBrowser({}, (started) => ({ server, browser, api } = started));

/** A new member of the authority with ONS code `organisation`; resolves with their bearer session (user: Me). */
function newMember(organisation, displayName, sector = 'children') {
  return addMember(server, { organisation, sector, displayName });
}

/** Changes a member's own details through the API (PATCH /me); fails unless 200. */
async function changeDetails(session, details) {
  const res = await api.patch(ME, details, { auth: session });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** Who's who at an organisation through the API, as `session` sees it; fails unless 200. */
async function peopleAt(session, organisationId) {
  const res = await api.get(`/api/v1/organisations/${organisationId}/people`, { auth: session });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

/** The "Who's who" section of an organisation's page, once it is there. */
async function whosWho(page) {
  const section = page.getByRole('region', { name: 'Who’s who' });
  await section.waitFor();
  return section;
}

/** The Principal Social Worker posts of the "Who's who" section: its first summary list, outside the cards. */
const pswPosts = (section) => section.locator('.govuk-summary-list').first();

describe('a listed Principal Social Worker', () => {
  it('is named on their authority’s page, and a member elsewhere asks them a question from there', async () => {
    const psw = await newMember(authorities.cornwall, 'Ottilie Brackenridge');
    const cornwallId = psw.user.organisation.id;
    await withSignedInPage(browser, server.baseUrl, psw.user.email, async (page) => {
      await page.goto('/account');
      await expectHeading(page, 'Your account');
      const before = await summaryRows(page.locator('main .govuk-summary-list'));
      assert.equal(before['Principal Social Worker'], 'No');
      assert.equal(before['Listed on your organisation’s page'], 'No');

      await page.getByRole('link', { name: 'Change whether you are your organisation’s Principal Social Worker' })
        .click();
      await expectHeading(page, 'Change your details');
      const post = page.getByRole('group', { name: 'Are you your organisation’s Principal Social Worker?' });
      assert.equal(await post.getByLabel('No', { exact: true }).isChecked(), true, 'no post to start with');
      const listed = page.getByLabel('List me on my organisation’s page');
      assert.equal(await listed.isChecked(), false, 'not listed until chosen');
      assert.match(await page.locator('#listed-item-hint').innerText(),
        /Signed-in members of PSW Network will see your name, job title, sector and what to ask you about\./);
      await expectAccessible(page, 'the change your details page with who’s who questions');

      await page.getByLabel('Job title (optional)').fill('Principal Social Worker');
      await post.getByLabel('Yes, for children’s services').check();
      await page.getByLabel('Ask me about (optional)').fill('Signs of Safety and practice weeks');
      await listed.check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL((url) => url.pathname === '/account');
      await page.locator('.govuk-notification-banner--success', { hasText: 'Your details have been updated' })
        .waitFor();
      const after = await summaryRows(page.locator('main .govuk-summary-list'));
      assert.equal(after['Principal Social Worker'], 'Yes, for children’s services');
      assert.equal(after['Listed on your organisation’s page'], 'Yes');
      await expectAccessible(page, 'your account once listed as Principal Social Worker');

      // On their own authority's page they see themselves, without a button to ask themselves.
      await page.goto(`/organisations/${cornwallId}`);
      const own = await whosWho(page);
      const card = own.locator('.govuk-summary-card', { hasText: 'Ottilie Brackenridge' });
      await card.getByText('This is you.').waitFor();
      assert.equal(await card.getByRole('button').count(), 0);
    });

    const me = await api.get(ME, { auth: psw });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.listed, true);
    assert.equal(me.body.principal_social_worker, 'children');

    const asker = await newMember(authorities.southampton, 'Barnaby Quillon', 'both');
    const title = `How do you run practice weeks ${uniqueWord()}?`;
    let threadId;
    await withSignedInPage(browser, server.baseUrl, asker.user.email, async (page) => {
      await page.goto(`/organisations/${cornwallId}`);
      await expectHeading(page, 'Cornwall');
      const section = await whosWho(page);
      const posts = await summaryRows(pswPosts(section));
      assert.equal(posts[children], 'Ottilie Brackenridge');
      assert.equal(posts[adults], 'Vacant');
      assert.equal(await pswPosts(section).locator('.govuk-tag--grey', { hasText: 'Vacant' }).count(), 1);
      const holder = pswPosts(section).getByRole('link', { name: 'Ottilie Brackenridge' });
      assert.equal(await holder.getAttribute('href'), `#person-${psw.user.id}`);

      const card = section.locator(`#person-${psw.user.id}`);
      assert.equal(await card.getByRole('heading', { level: 3 }).innerText(), 'Ottilie Brackenridge');
      const details = await summaryRows(card);
      assert.equal(details['Job title'], 'Principal Social Worker');
      assert.equal(details['Works in'], 'Children’s services');
      assert.equal(details['Principal Social Worker'], 'For children’s services');
      assert.equal(details['Ask me about'], 'Signs of Safety and practice weeks');
      await expectAccessible(page, 'the organisation page with who’s who');

      // The holder's name leads to their card on the same page.
      await holder.click();
      await page.waitForURL((url) => url.hash === `#person-${psw.user.id}`);
      await expectHeading(page, 'Cornwall');

      await card.getByRole('button', { name: 'Ask Ottilie a question' }).click();
      await page.waitForURL((url) => url.pathname === '/discussions/new');
      const query = new URL(page.url()).searchParams;
      assert.equal(query.get('organisation'), String(cornwallId));
      assert.equal(query.get('mention'), 'Ottilie Brackenridge');
      await expectHeading(page, 'Ask the network');
      const audience = page.getByRole('group', { name: 'Who should be told about it?' });
      assert.equal(await audience.getByLabel('Cornwall', { exact: true }).isChecked(), true,
        'the question is addressed to Cornwall');
      const body = page.getByLabel('Details', { exact: true });
      assert.equal(await body.inputValue(), '@Ottilie Brackenridge ');
      await expectAccessible(page, 'the new discussion form addressed to an authority');

      await page.getByLabel('Title', { exact: true }).fill(title);
      await body.fill(`${await body.inputValue()}could you tell us how your practice weeks are organised?`);
      await page.getByRole('button', { name: 'Post to the network' }).click();
      await page.waitForURL((url) => /^\/discussions\/\d+$/.test(url.pathname));
      await page.locator('.govuk-notification-banner--success', { hasText: 'Your question has been posted' }).waitFor();
      threadId = Number(new URL(page.url()).pathname.split('/').pop());
    });

    const thread = await api.get(`/api/v1/threads/${threadId}`, { auth: asker });
    assert.equal(thread.status, 200, thread.text);
    assert.equal(thread.body.audience, 'organisations');
    assert.deepEqual(thread.body.audience_organisations.map((organisation) => organisation.id), [cornwallId]);

    const told = await api.get('/api/v1/notifications?limit=50', { auth: psw });
    assert.equal(told.status, 200, told.text);
    const about = told.body.items.filter(isAbout('thread', threadId));
    assert.deepEqual(about.map((notification) => notification.kind), ['mention'],
      'the Principal Social Worker is told once, of the mention');
    await withSignedInPage(browser, server.baseUrl, psw.user.email, async (page) => {
      await page.goto('/notifications');
      await expectHeading(page, 'Notifications');
      await page.locator('.app-notifications__item', { hasText: `Barnaby Quillon mentioned you in “${title}”` })
        .waitFor();
    });
  });
});

describe('a Principal Social Worker who is not listed', () => {
  it('makes the post “Not listed” without naming them', async () => {
    const hidden = await newMember(authorities.dorset, 'Peregrine Hollowmere', 'adults');
    const dorsetId = hidden.user.organisation.id;
    await changeDetails(hidden, { principal_social_worker: 'adults', listed: false });

    const viewer = await newMember(authorities.southampton, 'Wilhelmina Sorrel');
    const people = await peopleAt(viewer, dorsetId);
    assert.deepEqual(people.items, []);
    assert.deepEqual(people.psw_roles.map((role) => [role.sector, role.state, role.holders.length]),
      [['children', 'vacant', 0], ['adults', 'unlisted', 0]]);

    await withSignedInPage(browser, server.baseUrl, viewer.user.email, async (page) => {
      await page.goto(`/organisations/${dorsetId}`);
      await expectHeading(page, 'Dorset');
      const section = await whosWho(page);
      const posts = await summaryRows(pswPosts(section));
      assert.equal(posts[adults], notListed);
      assert.equal(posts[children], 'Vacant');
      await section.getByText('Nobody at Dorset has chosen to be listed yet.').waitFor();
      assert.equal(await section.getByRole('link', { name: 'Choose to be listed on this page' }).count(), 0,
        'only members of Dorset are invited to be listed');
      assert.ok(!(await page.locator('main').innerText()).includes('Hollowmere'), 'the post holder is not named');
      await expectAccessible(page, 'the organisation page with an unlisted Principal Social Worker');
    });

    // The Principal Social Worker themself is invited to be listed on their own authority's page.
    await withSignedInPage(browser, server.baseUrl, hidden.user.email, async (page) => {
      await page.goto(`/organisations/${dorsetId}`);
      const section = await whosWho(page);
      await section.getByText('Nobody at Dorset has chosen to be listed yet.').waitFor();
      const invite = section.getByRole('link', { name: 'Choose to be listed on this page' });
      assert.equal(await invite.getAttribute('href'), '/account/profile');
    });
  });
});

describe('signed out', () => {
  it('shows nobody: the organisation page asks to sign in, and the API answers 401', async () => {
    const listed = await newMember(authorities.bristol, 'Cressida Vantongeren');
    await changeDetails(listed, { principal_social_worker: 'both', listed: true });
    const bristolId = listed.user.organisation.id;

    await withWatchedPage(browser, server.baseUrl, async (page) => {
      await page.goto(`/organisations/${bristolId}`);
      await expectHeading(page, 'Sign in to PSW Network');
      assert.ok(!(await page.locator('main').innerText()).includes('Vantongeren'));
      assert.equal(await page.getByRole('region', { name: 'Who’s who' }).count(), 0);
    });
    const res = await api.get(`/api/v1/organisations/${bristolId}/people`);
    assert.equal(res.status, 401, res.text);
  });
});

describe('on a phone', () => {
  it('fits who’s who, the question form it leads to and the details form in 375 px', async () => {
    const psw = await newMember(authorities.torbay, 'Jessamy Underwood-Pennyfeather');
    await changeDetails(psw, {
      job_title: 'Principal Social Worker and Head of Quality Assurance for Adults and Children',
      principal_social_worker: 'both',
      listed: true,
      ask_me_about: 'Strengths-based practice, supervision frameworks, practice weeks and the annual health check',
    });
    const torbayId = psw.user.organisation.id;
    const viewer = await newMember(authorities.southampton, 'Leopold Fairweather-Ashgrove');
    await withSignedInPage(browser, server.baseUrl, viewer.user.email, async (page) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(`/organisations/${torbayId}`);
      await expectHeading(page, 'Torbay');
      const section = await whosWho(page);
      const posts = await summaryRows(pswPosts(section));
      assert.equal(posts[children], 'Jessamy Underwood-Pennyfeather');
      assert.equal(posts[adults], 'Jessamy Underwood-Pennyfeather');
      await expectNoSidewaysScroll(page, 'the organisation page with who’s who');
      await expectAccessible(page, 'the organisation page with who’s who at 375 px');

      await section.getByRole('button', { name: 'Ask Jessamy a question' }).click();
      await expectHeading(page, 'Ask the network');
      assert.equal(await page.getByLabel('Details', { exact: true }).inputValue(), '@Jessamy Underwood-Pennyfeather ');
      await expectNoSidewaysScroll(page, 'the new discussion form addressed to an authority');
      await expectAccessible(page, 'the new discussion form addressed to an authority at 375 px');

      await page.goto('/account/profile');
      await expectHeading(page, 'Change your details');
      await expectNoSidewaysScroll(page, '/account/profile');
      await expectAccessible(page, '/account/profile at 375 px');
    });
  });
});

describe('the new discussion form', () => {
  it('ignores an organisation that does not exist and a mention that is not a name', async () => {
    const viewer = await newMember(authorities.southampton, 'Araminta Kestrelby');
    await withSignedInPage(browser, server.baseUrl, viewer.user.email, async (page) => {
      await page.goto(`/discussions/new?organisation=999999999&mention=${encodeURIComponent('line one\nline two')}`);
      await expectHeading(page, 'Ask the network');
      const audience = page.getByRole('group', { name: 'Who should be told about it?' });
      assert.equal(await audience.getByLabel('The whole network').isChecked(), true);
      assert.equal(await audience.getByRole('radio').count(), 3, 'no organisation to address');
      assert.equal(await page.getByLabel('Details', { exact: true }).inputValue(), '');
    });
  });
});
