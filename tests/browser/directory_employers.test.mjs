// Other employers of PSWs in headless Chromium against the real pswnet: Sam, a network administrator, adds a
// children's trust from the Admin page (a code in the wrong form and a code already taken are each shown in the GOV.UK
// error summary on the code field), working for Kingston upon Thames; its page says what it is, the services it runs
// and whom it works for, Kingston's page says who runs its children's services, and the directory's filter finds it.
// A Principal Social Worker of the trust, added with the command line, is told of a children's consultation the
// Chief Social Worker's office publishes, answers it through the response pages and submits; the office's analysis
// lists the trust among those not yet responded, and then among the answers. Others see no way to add an
// organisation. axe-core checks every page, and the new and changed ones at 375 px too, with no sideways scroll. The
// trust and its people are invented.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoUsers, signIn } from '../support/api.mjs';
import {
  consultationClient, notificationsAbout, publishedConsultation, routes, uniqueWord,
} from '../support/consultations.mjs';
import { addMember } from '../support/forum.mjs';
import {
  expectAccessible, expectErrorLink, expectFocusOn, expectGoodEverywhere, expectHeading, summaryRows, tableRows,
  withServerAndBrowser, withSignedInPage,
} from './helpers.mjs';

const kingstonCode = 'E09000021';
const trust = { name: 'Northbridge Children’s Trust', code: 'NBCT' };
const added = `${trust.name} has been added to the directory`;
const banner = (page, text) => page.locator('.govuk-notification-banner--success', { hasText: text });

let server;
let browser;
let api;
let call;
let sam;
let priya;
let kingston;
withServerAndBrowser({}, async (started) => {
  ({ server, browser, api } = started);
  call = consultationClient(server.baseUrl);
  sam = await signIn(server.baseUrl, demoUsers.sam);
  priya = await signIn(server.baseUrl, demoUsers.priya);
  const found = await api.get(`/api/v1/organisations?q=${kingstonCode}`, { auth: sam });
  assert.equal(found.status, 200, found.text);
  [kingston] = found.body.items;
  assert.equal(kingston.name, 'Kingston upon Thames');
});

/** The trust as the API has it, found by its code; undefined until it is added. */
async function trustInDirectory() {
  const res = await api.get(`/api/v1/organisations?kind=childrens_trust&q=${encodeURIComponent(trust.name)}`,
    { auth: sam });
  assert.equal(res.status, 200, res.text);
  return res.body.items.find((organisation) => organisation.code === trust.code);
}

// The suite's tests build on each other: the trust added by the first is the one the second's PSW works for.
describe('a children’s trust', () => {
  it('is added by a network administrator from the Admin page, after the code is put right', async () => {
    await withSignedInPage(browser, server.baseUrl, demoUsers.sam, async (page) => {
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Admin' }).click();
      await expectHeading(page, 'Admin');
      await page.getByRole('link', { name: 'Add an organisation' }).click();
      await expectHeading(page, 'Add an organisation', { exact: true });
      const kind = page.getByRole('group', { name: 'What kind of organisation is it?' });
      for (const label of ['NHS trust to which social work is delegated', 'Children’s trust',
        'Community interest company', 'Another kind of organisation']) {
        await kind.getByLabel(label, { exact: true }).waitFor();
      }
      await page.getByText('No local authorities chosen yet.').waitFor();
      await expectGoodEverywhere(page, 'the form to add an organisation');

      // Nothing chosen: each question says what is missing.
      await page.getByRole('button', { name: 'Add organisation' }).click();
      await expectErrorLink(page, 'Select what kind of organisation it is', 'kind');
      await expectErrorLink(page, 'Enter the name of the organisation', 'name');
      await expectErrorLink(page, 'Enter a code for the organisation', 'code');
      await expectErrorLink(page, 'Select which services it runs', 'services');
      await expectFocusOn(page, '.govuk-error-summary');
      assert.match(await page.title(), /^Error: /);

      await kind.getByLabel('Children’s trust', { exact: true }).check();
      await page.getByLabel('Name', { exact: true }).fill(trust.name);
      await page.getByLabel('Code', { exact: true }).fill('nbct 1');
      await page.getByLabel('Region (optional)').selectOption({ label: 'London' });
      await page.getByRole('group', { name: 'Which services does it run?' })
        .getByLabel('Children’s services', { exact: true }).check();
      await page.locator('main summary', { hasText: 'London' }).click();
      await page.getByLabel('Kingston upon Thames', { exact: true }).check();
      await page.getByText('1 chosen: Kingston upon Thames.').waitFor();
      await page.locator('main summary', { hasText: 'London (1 chosen)' }).waitFor();

      // A code in the wrong form is put right before anything is sent.
      await page.getByRole('button', { name: 'Add organisation' }).click();
      const wrongForm = 'Code must be 2 to 40 capital letters, digits and hyphens, starting with a letter or digit';
      const codeLink = await expectErrorLink(page, wrongForm, 'code');
      assert.deepEqual(await page.locator('.govuk-error-summary__list li').allInnerTexts(), [wrongForm]);
      await page.locator('#code-error', { hasText: wrongForm }).waitFor();
      await expectGoodEverywhere(page, 'the form to add an organisation with an error');
      await codeLink.click();
      await expectFocusOn(page, '#code');

      // A code another organisation has is refused by the server (409), on the code field.
      await page.getByLabel('Code', { exact: true }).fill('PSWNET');
      await page.getByRole('button', { name: 'Add organisation' }).click();
      await expectErrorLink(page, 'Another organisation already has the code PSWNET: choose another code', 'code');
      await expectFocusOn(page, '.govuk-error-summary');
      assert.equal(await trustInDirectory(), undefined, 'nothing is added');

      await page.getByLabel('Code', { exact: true }).fill(trust.code);
      await page.getByRole('button', { name: 'Add organisation' }).click();
      await page.waitForURL((url) => /^\/organisations\/\d+$/.test(url.pathname));
      await banner(page, added).waitFor();
      await expectHeading(page, trust.name, { exact: true });
      assert.doesNotMatch(await page.title(), /^Error: /);
      await page.locator('main .govuk-caption-l', { hasText: 'Children’s trust' }).waitFor();
      const details = await summaryRows(page.locator('main .govuk-summary-list').first());
      assert.equal(details['Code'], trust.code);
      assert.equal(details['Type'], 'Children’s trust');
      assert.equal(details['Region'], 'London');
      assert.equal(details['Services'], 'Children’s services');
      assert.equal(details['Works for'], 'Kingston upon Thames');
      await expectGoodEverywhere(page, 'the new children’s trust’s page');

      const saved = await trustInDirectory();
      assert.equal(new URL(page.url()).pathname, `/organisations/${saved.id}`);
      assert.equal(saved.kind, 'childrens_trust');
      assert.equal(saved.services, 'children');
      assert.equal(saved.region?.code, 'E12000007');
      assert.deepEqual(saved.works_for.map((authority) => authority.id), [kingston.id]);

      // Kingston's page says who runs its children's services, and leads back.
      const worksFor = page.locator('main .govuk-summary-list').first();
      await worksFor.getByRole('link', { name: 'Kingston upon Thames' }).click();
      await expectHeading(page, 'Kingston upon Thames', { exact: true });
      const runBy = page.locator('main p', { hasText: 'Its children’s services are run by' });
      assert.equal((await runBy.innerText()).trim(), `Its children’s services are run by ${trust.name}.`);
      assert.equal(await runBy.getByRole('link', { name: trust.name }).getAttribute('href'),
        `/organisations/${saved.id}`);
      await expectGoodEverywhere(page, 'a local authority’s page naming who runs its services');

      // The directory finds it by its kind, and offers the network administrator a way to add another.
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Organisations' }).click();
      await expectHeading(page, 'Organisations', { exact: true });
      await page.getByRole('button', { name: 'Add an organisation' }).waitFor();
      await page.getByLabel('Type of organisation').selectOption({ label: 'Children’s trust' });
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL((url) => url.searchParams.get('kind') === 'childrens_trust');
      await page.locator('#results', { hasText: '1 organisation' }).waitFor();
      assert.deepEqual(await tableRows(page.locator('main table')),
        [[trust.name, trust.code, 'None', 'Children’s trust', 'London']]);
      const kinds = await page.getByLabel('Type of organisation').locator('option').allInnerTexts();
      assert.deepEqual(kinds, ['All types', 'Local authority', 'Chief Social Worker’s office', 'NHS trust',
        'Children’s trust', 'Community interest company', 'Other organisation']);
      await expectGoodEverywhere(page, 'the directory filtered to children’s trusts');
    });
  });

  it('has a PSW who answers a children’s consultation, counted in the office’s analysis', async () => {
    const saved = await trustInDirectory();
    assert.ok(saved, 'the first test added the trust');
    const psw = await addMember(server, { organisation: trust.code, sector: 'children',
      displayName: 'Ottoline Marchbanks' });
    assert.equal(psw.user.organisation.id, saved.id);

    const questions = {
      views: `What would help your newly qualified social workers most ${uniqueWord()}?`,
      ready: 'Are you ready to take part in the pilot?',
    };
    const answer = 'Protected caseloads and a named practice educator for the first year.';
    const consultation = await publishedConsultation(call, priya, {
      audience: 'children',
      questions: [
        { key: 'views', text: questions.views, type: 'text', required: true },
        { key: 'ready', text: questions.ready, type: 'yes_no', required: true },
      ],
    });
    assert.equal((await notificationsAbout(call, psw, consultation.id, 'consultation_published')).length, 1,
      'the trust’s PSW is told of the consultation');

    // Before it answers, the office sees the trust among those who have not responded.
    const before = await call('GET', routes.summary, { params: { id: consultation.id }, auth: priya, expect: 200 });
    assert.ok(before.body.not_responded.some((organisation) => organisation.id === saved.id),
      'the trust is in the audience');
    await withSignedInPage(browser, server.baseUrl, demoUsers.priya, async (page) => {
      await page.goto(`/consultations/${consultation.id}/dashboard`);
      await expectHeading(page, 'Responses and analysis');
      await page.locator('main summary', { hasText: 'not responded' }).click();
      await page.locator('main li', { hasText: trust.name }).waitFor();
    });

    await withSignedInPage(browser, server.baseUrl, psw.user.email, async (page) => {
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Consultations' }).click();
      await expectHeading(page, 'Consultations');
      const listed = page.locator('.app-consultation-list__item', { hasText: consultation.title });
      await listed.getByText('Not started').waitFor();
      await listed.getByRole('link', { name: consultation.title }).click();
      await expectHeading(page, consultation.title);
      await expectGoodEverywhere(page, 'the consultation page of a trust’s PSW');
      await page.getByRole('button', { name: 'Start your response' }).click();
      await expectHeading(page, 'Your response');
      await page.getByLabel(questions.views).fill(answer);
      await page.getByRole('group', { name: questions.ready }).getByLabel('Yes', { exact: true }).check();
      await page.locator('.app-save-status', { hasText: /^Draft saved at / }).waitFor();
      await expectGoodEverywhere(page, 'the response form of a trust’s PSW');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectHeading(page, 'Check your answers before submitting your response');
      await expectAccessible(page, 'the check your answers page of a trust’s PSW');
      await page.getByRole('button', { name: 'Submit response' }).click();
      await page.locator('.govuk-panel--confirmation', { hasText: 'Response submitted' }).waitFor();
      await expectAccessible(page, 'the confirmation of a trust’s PSW');
    });

    const after = await call('GET', routes.summary, { params: { id: consultation.id }, auth: priya, expect: 200 });
    assert.equal(after.body.responded_count, 1);
    assert.ok(!after.body.not_responded.some((organisation) => organisation.id === saved.id));

    await withSignedInPage(browser, server.baseUrl, demoUsers.priya, async (page) => {
      await page.goto(`/consultations/${consultation.id}/dashboard`);
      await expectHeading(page, 'Responses and analysis');
      await page.locator('#responded-count', { hasText: /^1 of \d+ \w+ has responded/ }).waitFor();
      const answered = page.locator('.app-text-answers__item', { hasText: answer });
      assert.equal((await answered.getByRole('heading', { level: 4 }).innerText()).trim(), trust.name);
      await page.locator('main summary', { hasText: 'not responded' }).click();
      assert.equal(await page.locator('main details li', { hasText: trust.name }).count(), 0,
        'the trust is no longer among those not responded');
      await expectAccessible(page, 'the analysis with the trust’s response');
    });
  });
});

describe('people who are not network administrators', () => {
  it('see no way to add an organisation, and cannot add one', async () => {
    await withSignedInPage(browser, server.baseUrl, demoUsers.amira, async (page) => {
      await page.goto('/organisations');
      await expectHeading(page, 'Organisations', { exact: true });
      assert.equal(await page.getByRole('button', { name: 'Add an organisation' }).count(), 0);
      await page.goto('/admin/organisations/new');
      await expectHeading(page, 'You cannot see this page');
    });
    const refused = await api.post('/api/v1/organisations',
      { kind: 'community_interest_company', name: 'Riverside Practice CIC', code: 'RPCIC', services: 'adults' },
      { auth: priya });
    assert.equal(refused.status, 403, refused.text);
  });
});
