// The practice library in headless Chromium against the real pswnet. Amira (Southampton) shares a resource and
// uploads a PDF that the test writes itself, with a word found nowhere else, watching the progress bar finish; a
// file over 25 MB is stopped in the browser and an executable named .pdf is refused by the server, both shown with
// the GOV.UK error pattern. Tom (Wiltshire) finds the resource by the word inside the PDF, downloads the same
// bytes, starts a discussion about it and adopts it, while Amira's page, open in another browser context, shows
// the count change live. Amira is notified, edits and deletes it, and Tom's open page says so. The form that starts
// a discussion says who will be able to read it, for each visibility, and follows a change of visibility live; a
// file of exactly 25 MB is sent, and the server's 413 for a larger one reads as the browser's own check. axe-core
// checks every page visited.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { client, demoUsers, signIn } from '../support/api.mjs';
import { pdfWith } from '../support/library-files.mjs';
import {
  expectAccessible, expectFocusOn, expectHeading, openSignedInPage, tableRows, withServerAndBrowser,
} from './helpers.mjs';

/** The biggest file the server takes (25 MiB); one byte more is refused. */
const maxFileBytes = 25 * 1024 * 1024;

/** Letters only, so that full-text search takes it as one word; no English word, so only the PDF has it. */
const uniqueWord = `zq${Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;
const title = 'ASYE programme for newly qualified social workers';
const pdfName = 'asye-programme.pdf';

let server;
let browser;
let scratch;
let pdf;

withServerAndBrowser({}, (started) => {
  ({ server, browser } = started);
  scratch = mkdtempSync(path.join(os.tmpdir(), 'pswnet-library-'));
  pdf = pdfWith(`Our ASYE programme for ${uniqueWord} practitioners`);
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A fresh browser context signed in as `email`, watched by helpers.mjs's openPage (see openSignedInPage). */
async function signedInPage(email) {
  const watched = await openSignedInPage(browser, server.baseUrl, email);
  const { page } = watched;
  return { page, finish: () => watched.finish(), close: () => page.context().close() };
}

const menu = (page) => page.getByRole('navigation', { name: 'Menu' });
const ready = (page) => page.locator('main:not([aria-busy])').waitFor();
/** The page's polite live region, once it says `text`. */
const announcement = (page, text) => page.locator('main [role="status"]', { hasText: text });
const errorSummary = (page, text) => page.locator('.govuk-error-summary', { hasText: text });

describe('the practice library', () => {
  let amira;
  let tom;
  let resourcePath;

  after(async () => {
    await amira?.close();
    await tom?.close();
  });

  it('shares a resource and uploads its PDF with a progress bar, refusing a file too large or of the wrong type',
    async () => {
      amira = await signedInPage(demoUsers.amira);
      const page = amira.page;
      await menu(page).getByRole('link', { name: 'Library' }).click();
      await expectHeading(page, 'Practice library');
      // Nothing is shared yet: the empty library says so and leads to sharing, as the button above it does.
      await page.getByText('Nobody has shared a resource yet.').waitFor();
      await page.getByRole('button', { name: 'Share a resource' }).waitFor();
      await expectAccessible(page, 'the empty library');

      await page.locator('main').getByRole('link', { name: 'Share a resource', exact: true }).click();
      await expectHeading(page, 'Share a resource');
      await expectAccessible(page, 'the share-a-resource form');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await errorSummary(page, 'Enter a title').waitFor();
      await expectFocusOn(page, '.govuk-error-summary');
      for (const message of ['Enter a summary', 'Select the type of resource', 'Select a licence']) {
        await errorSummary(page, message).waitFor();
      }
      assert.match(await page.title(), /^Error: /);
      await expectAccessible(page, 'the share-a-resource form with errors');

      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('Summary', { exact: true })
        .fill('Our twelve-month programme: **supervision**, reflective logs and a portfolio.');
      await page.getByLabel('Type of resource').selectOption({ label: 'ASYE programme' });
      await page.getByLabel('Children’s services', { exact: true }).check();
      await page.getByLabel('Tags (optional)').fill('asye, induction');
      await page.getByLabel('Open Government Licence v3.0').check();
      await page.getByLabel('Everyone in the network').check();
      // The rest by keyboard: the submit button is reached and pressed without the mouse.
      await page.getByRole('button', { name: 'Save and continue' }).focus();
      await page.keyboard.press('Enter');
      await expectHeading(page, 'Upload a file');
      await page.locator('.govuk-notification-banner--success', { hasText: 'Your resource has been saved' }).waitFor();
      resourcePath = new URL(page.url()).pathname.replace(/\/upload$/, '');
      assert.match(resourcePath, /^\/library\/[1-9][0-9]*$/);
      await expectAccessible(page, 'the upload page');

      // Too large: stopped before anything is sent.
      const uploads = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/files')) uploads.push(request.url());
      });
      const bigFile = path.join(scratch, 'big.pdf');
      writeFileSync(bigFile, '');
      truncateSync(bigFile, maxFileBytes + 1);
      await page.getByLabel('Upload a file').setInputFiles(bigFile);
      await page.getByRole('button', { name: 'Upload file' }).click();
      await errorSummary(page, 'The selected file must be smaller than 25MB').waitFor();
      await expectFocusOn(page, '.govuk-error-summary');
      await page.locator('#file-error', { hasText: 'The selected file must be smaller than 25MB' }).waitFor();
      assert.deepEqual(uploads, [], 'a file over 25 MB was sent to the server');
      await expectAccessible(page, 'the upload page with a file too large');

      // An executable named .pdf: the server looks at the content and refuses it.
      await page.getByLabel('Upload a file')
        .setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: readFileSync('/bin/ls') });
      await page.getByRole('button', { name: 'Upload file' }).click();
      await errorSummary(page, 'The selected file must be a PDF, DOCX').waitFor();
      await page.locator('#file-error', { hasText: 'The selected file must be a PDF, DOCX' }).waitFor();
      assert.equal(uploads.length, 1);
      await expectAccessible(page, 'the upload page with a file of the wrong type');

      // The real PDF: every state of the progress bar is recorded, to prove it showed the upload to its end.
      await page.evaluate(() => {
        window.progressStates = [];
        const label = document.querySelector('label[for="upload-progress"]');
        const bar = document.getElementById('upload-progress');
        new MutationObserver(() => window.progressStates.push({ text: label.textContent, value: bar.value }))
          .observe(label, { childList: true });
      });
      await page.getByLabel('Upload a file').setInputFiles({ name: pdfName, mimeType: 'application/pdf', buffer: pdf });
      await page.getByRole('button', { name: 'Upload file' }).click();
      await page.waitForURL((url) => url.pathname === resourcePath);
      await expectHeading(page, title);
      await page.locator('.govuk-notification-banner--success', { hasText: `${pdfName} has been uploaded as version 1` })
        .waitFor();
      const states = await page.evaluate(() => window.progressStates);
      const texts = states.map((state) => state.text);
      assert.ok(texts.includes(`Uploading ${pdfName}: 0%`), texts.join(' | '));
      assert.ok(states.some((state) => state.text === `Uploaded ${pdfName}: checking the file` && state.value === 100),
        JSON.stringify(states));

      // The file is the page's main action: a button that downloads the newest version.
      const download = page.getByRole('button', { name: `Download ${pdfName}`, exact: true });
      assert.equal(await download.getAttribute('href'), await page.getByRole('link', { name: `Download ${pdfName} version 1` })
        .getAttribute('href'));
      assert.match(await page.locator('.app-download__file').innerText(), new RegExp(`^${pdfName.replace('.', '\\.')} \\(PDF, `));
      const files = await tableRows(page.locator('section[aria-labelledby="files-heading"] table'));
      assert.equal(files.length, 1);
      assert.equal(files[0][0], '1 (latest)');
      assert.match(files[0][1], new RegExp(pdfName.replace('.', '\\.')));
      assert.equal(files[0][2], `PDF, ${pdf.length} bytes`);
      assert.equal(files[0][4], '0');
      const usedBy = page.locator('section[aria-labelledby="used-by-heading"]');
      await usedBy.getByText('Not used by other authorities yet').waitFor();
      assert.equal(await page.getByRole('button', { name: 'We use this too' }).count(), 0,
        'the owning organisation is offered to adopt its own resource');
      await expectAccessible(page, 'the resource page of its owner');
    });

  it('finds it by the word inside the PDF, downloads the same bytes, and adopts it live on the owner’s page',
    async () => {
      assert.ok(resourcePath, 'the resource was shared');
      tom = await signedInPage(demoUsers.tom);
      const page = tom.page;
      await menu(page).getByRole('link', { name: 'Library' }).click();
      await expectHeading(page, 'Practice library');
      // Search by keyboard: type the word and press Enter in the box.
      await page.getByLabel('Search the library').fill(uniqueWord);
      await page.getByLabel('Search the library').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === uniqueWord);
      await ready(page);
      const results = page.locator('.app-resource-list__item');
      await results.first().waitFor();
      assert.equal(await results.count(), 1, 'only the new resource has the word');
      const result = results.first();
      await result.getByText('Shared by Southampton').waitFor();
      await result.getByText('Open Government Licence v3.0').waitFor();
      await result.getByText('ASYE programme', { exact: true }).waitFor();
      await expectAccessible(page, 'the library search results');

      await result.getByRole('link', { name: title }).click();
      await expectHeading(page, title);
      await page.locator('.govuk-summary-list__row', { hasText: 'Licence' })
        .getByRole('link', { name: 'Open Government Licence v3.0' }).waitFor();
      await expectAccessible(page, 'the resource page of another organisation');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Download ${pdfName}`, exact: true }).click(),
      ]);
      assert.equal(download.suggestedFilename(), pdfName);
      const downloaded = readFileSync(await download.path());
      assert.ok(downloaded.equals(pdf), 'the downloaded bytes differ from the uploaded PDF');

      // Amira's page, open all along, has not been reloaded when the count changes: this mark would be gone.
      const owner = amira.page;
      await owner.evaluate(() => {
        window.pageNotReloaded = true;
      });
      await page.getByRole('button', { name: 'We use this too' }).click();
      await page.getByText('Wiltshire uses this resource.').waitFor();
      await page.getByRole('button', { name: 'We no longer use this' }).waitFor();
      await announcement(page, 'Saved: Wiltshire uses this resource').waitFor();

      const ownerUsedBy = owner.locator('section[aria-labelledby="used-by-heading"]');
      await ownerUsedBy.getByText('Used by 1 authority', { exact: true }).waitFor();
      await ownerUsedBy.getByRole('link', { name: 'Wiltshire' }).waitFor();
      await announcement(owner, 'Wiltshire uses this resource now.').waitFor();
      assert.equal(await owner.evaluate(() => window.pageNotReloaded), true);
      await expectAccessible(owner, 'the owner’s resource page after the live adoption');

      // A discussion about the resource, started from its page, and listed there.
      await page.getByLabel('Title', { exact: true }).fill('How long is your protected development time?');
      await page.getByLabel('Your message').fill('We are adapting this for our adults’ ASYE cohort.');
      await page.getByRole('button', { name: 'Start the discussion' }).click();
      await expectHeading(page, 'How long is your protected development time?');
      await page.locator('.govuk-notification-banner--success', { hasText: 'Your discussion has started' }).waitFor();
      await expectAccessible(page, 'the discussion started from the resource');
      await page.goBack();
      await expectHeading(page, title);
      await page.locator('section[aria-labelledby="discussions-heading"]')
        .getByRole('link', { name: 'How long is your protected development time?' }).waitFor();
    });

  it('tells the owner who adopted it, lets her edit it, and shows its deletion on the other open page', async () => {
    assert.ok(tom, 'Tom adopted the resource');
    const page = amira.page;
    await menu(page).getByRole('link', { name: /^Notifications/ }).click();
    await expectHeading(page, 'Notifications');
    const notice = page.getByRole('link', { name: `Wiltshire uses ${title}` });
    await notice.waitFor();
    assert.equal(await notice.getAttribute('href'), resourcePath);
    await expectAccessible(page, 'the notifications with an adoption');
    await notice.click();
    await expectHeading(page, title);

    await page.getByRole('button', { name: 'Edit details' }).click();
    await expectHeading(page, 'Edit the resource');
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), title);
    assert.equal(await page.getByLabel('Tags (optional)').inputValue(), 'asye, induction');
    await expectAccessible(page, 'the edit form');
    await page.getByLabel('Creative Commons Attribution 4.0 (CC BY 4.0)').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectHeading(page, title);
    await page.locator('.govuk-notification-banner--success', { hasText: 'Your changes have been saved' }).waitFor();
    // Tom's page, still open on the resource, reads the change.
    await tom.page.locator('.govuk-summary-list__row', { hasText: 'Licence' })
      .getByRole('link', { name: 'Creative Commons Attribution 4.0 (CC BY 4.0)' }).waitFor();
    await announcement(tom.page, 'This resource was updated').waitFor();

    // Deleting is apart from editing: a warning button in its own section at the foot of the page.
    const deleting = page.locator('section[aria-labelledby="delete-heading"]');
    const apart = await page.evaluate(() => {
      const button = (name) => [...document.querySelectorAll('main [role="button"]')]
        .find((element) => element.textContent.trim() === name);
      const [edit, remove] = [button('Edit details'), button('Delete this resource')];
      const discussions = document.getElementById('discussions-heading');
      return !edit.parentElement.contains(remove)
        && remove.getBoundingClientRect().top > discussions.getBoundingClientRect().top;
    });
    assert.ok(apart, 'Delete is below the discussions, away from Edit');
    await deleting.getByRole('button', { name: 'Delete this resource' }).click();
    await expectHeading(page, 'Are you sure you want to delete this resource?');
    await expectAccessible(page, 'the delete confirmation');
    await page.getByRole('button', { name: 'Delete resource' }).click();
    await expectHeading(page, 'Practice library');
    await page.locator('.govuk-notification-banner--success', { hasText: `‘${title}’ has been deleted` }).waitFor();
    await expectAccessible(page, 'the library after a deletion');
    await tom.page.locator('.govuk-notification-banner', { hasText: 'This resource has been deleted' }).waitFor();
    await expectAccessible(tom.page, 'the resource page after its deletion');

    const [owner, adopter] = [amira, tom];
    amira = null;
    tom = null;
    await owner.finish();
    await adopter.finish();
  });
});

describe('finding resources in a long library', () => {
  it('filters by tag and type, keeps the filters when sorting, and shows more results by keyboard', async () => {
    // One more than a page of templates from Southwark, shared through the API.
    const api = client(server.baseUrl);
    const grace = await signIn(server.baseUrl, demoUsers.grace);
    for (let n = 1; n <= 21; n += 1) {
      const res = await api.post('/api/v1/resources', {
        title: `Supervision record template ${n}`, summary: 'A template for recording supervision.', type: 'template',
        sector: 'adults', tags: ['paging check'], licence: 'CC-BY-4.0', visibility: 'network', link_url: null,
      }, { auth: grace });
      assert.equal(res.status, 201, res.text);
    }
    // A resource with the tag but of another type, which the type filter must leave out.
    const other = await api.post('/api/v1/resources', {
      title: 'Supervision policy', summary: 'Our policy.', type: 'policy', sector: 'adults', tags: ['paging check'],
      licence: 'CC-BY-4.0', visibility: 'network', link_url: null,
    }, { auth: grace });
    assert.equal(other.status, 201, other.text);

    const session = await signedInPage(demoUsers.tom);
    const page = session.page;
    try {
      await menu(page).getByRole('link', { name: 'Library' }).click();
      await expectHeading(page, 'Practice library');
      await page.getByLabel('Tag', { exact: true }).fill('paging check');
      await page.getByLabel('Type of resource').selectOption({ label: 'Template' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('tag') === 'paging check'
        && url.searchParams.get('type') === 'template');
      await ready(page);
      const items = page.locator('.app-resource-list__item');
      await items.first().waitFor();
      assert.equal(await items.count(), 20);
      assert.equal(await page.getByRole('link', { name: 'Supervision policy' }).count(), 0);

      await page.getByLabel('Sort by').selectOption({ label: 'Most downloaded' });
      await page.getByRole('button', { name: 'Sort', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'most_downloaded'
        && url.searchParams.get('tag') === 'paging check' && url.searchParams.get('type') === 'template');
      await ready(page);
      await items.first().waitFor();
      assert.equal(await page.getByLabel('Tag', { exact: true }).inputValue(), 'paging check');
      await expectAccessible(page, 'the filtered and sorted library');

      await page.getByRole('button', { name: 'Show more resources' }).focus();
      await page.keyboard.press('Enter');
      await announcement(page, '1 more resource shown. That is all.').waitFor();
      assert.equal(await items.count(), 21);
      await expectFocusOn(page, '.app-resource-list__item:nth-child(21) a');
      await page.getByRole('button', { name: 'Show more resources' }).waitFor({ state: 'hidden' });
      const titles = await items.locator('h3').allInnerTexts();
      assert.equal(new Set(titles).size, 21, 'a resource was listed twice');
      await expectAccessible(page, 'the library with more results');
    } catch (error) {
      await session.close();
      throw error;
    }
    await session.finish();
  });
});

/** Shares a resource through the API as `session`, with `fields` over a plain network policy. */
async function shareThroughApi(session, fields) {
  const res = await client(server.baseUrl).post('/api/v1/resources', {
    title: 'Lone working policy', summary: 'How our social workers stay safe on visits.', type: 'policy',
    sector: 'both', tags: [], licence: 'OGL-UK-3.0', visibility: 'network', link_url: null, ...fields,
  }, { auth: session });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/** The text of the elements that `aria-describedby` of the element at `locator` names, as a screen reader reads it. */
function description(locator) {
  return locator.evaluate((element) => (element.getAttribute('aria-describedby') ?? '').split(/\s+/)
    .filter(Boolean).map((id) => document.getElementById(id)?.textContent.trim() ?? `(no element ${id})`).join(' '));
}

describe('who can read a discussion about a resource', () => {
  it('says on the form, before posting, who will be able to read it, and keeps it true when the resource changes',
    async () => {
      const amiraApi = await signIn(server.baseUrl, demoUsers.amira);
      const readers = {
        organisation: 'Only people in Southampton will be able to read this discussion.',
        region: 'Only people in organisations in the South East will be able to read this discussion.',
        network: 'Everyone in the network will be able to read this discussion.',
      };
      const shared = {};
      for (const visibility of Object.keys(readers)) {
        shared[visibility] = await shareThroughApi(amiraApi,
          { title: `Lone working policy (${visibility})`, visibility });
      }

      const session = await signedInPage(demoUsers.amira);
      const page = session.page;
      try {
        const section = page.locator('section[aria-labelledby="discussions-heading"]');
        const form = section.getByRole('form', { name: 'Start a discussion' });
        for (const [visibility, sentence] of Object.entries(readers)) {
          await page.goto(`/library/${shared[visibility].id}`);
          await expectHeading(page, shared[visibility].title);
          await section.locator('.govuk-inset-text', { hasText: sentence }).waitFor();
          assert.equal(await description(form), sentence, `the form of the ${visibility} resource`);
          assert.equal(await description(form.getByRole('button', { name: 'Start the discussion' })), sentence,
            `the button of the ${visibility} resource`);
          await expectAccessible(page, `the page of a ${visibility} resource with who can read its discussions`);
        }

        // The page of the network resource is open: shared with the region only now, it says so without reloading.
        await page.evaluate(() => { window.pageNotReloaded = true; });
        const changed = await client(server.baseUrl).patch(`/api/v1/resources/${shared.network.id}`,
          { visibility: 'region' }, { auth: amiraApi });
        assert.equal(changed.status, 200, changed.text);
        await announcement(page, 'This resource was updated').waitFor();
        await section.locator('.govuk-inset-text', { hasText: readers.region }).waitFor();
        assert.equal(await description(form), readers.region);
        assert.equal(await page.evaluate(() => window.pageNotReloaded), true);

        // A discussion started from the organisation's own resource says on its page who can read it.
        await page.goto(`/library/${shared.organisation.id}`);
        await expectHeading(page, shared.organisation.title);
        await form.getByLabel('Title', { exact: true }).fill('Do you pair staff for evening visits?');
        await form.getByLabel('Your message').fill('We are reviewing our lone working arrangements.');
        await form.getByRole('button', { name: 'Start the discussion' }).click();
        await expectHeading(page, 'Do you pair staff for evening visits?');
        await page.locator('main .govuk-inset-text',
          { hasText: 'Only people in Southampton can read this discussion.' }).waitFor();
        await expectAccessible(page, 'a discussion only Southampton can read');
      } catch (error) {
        await session.close();
        throw error;
      }
      await session.finish();
    });
});

describe('a file too large', () => {
  it('sends a file of exactly 25 MB, and shows the server’s 413 as the same GOV.UK error as the browser’s check',
    async () => {
      const amiraApi = await signIn(server.baseUrl, demoUsers.amira);
      const resource = await shareThroughApi(amiraApi, { title: 'Caseload weighting tool', type: 'assessment_tool' });
      const tooLarge = 'The selected file must be smaller than 25MB';
      const session = await signedInPage(demoUsers.amira);
      const page = session.page;
      try {
        await page.goto(`/library/${resource.id}/upload`);
        await expectHeading(page, 'Upload a file');
        const answer = () => page.waitForResponse((response) => response.request().method() === 'POST'
          && new URL(response.url()).pathname === `/api/v1/resources/${resource.id}/files`);

        // Exactly the limit is not too large: the browser sends it, and the server judges its content (zeros).
        const atLimit = path.join(scratch, 'at-limit.pdf');
        writeFileSync(atLimit, '');
        truncateSync(atLimit, maxFileBytes);
        await page.getByLabel('Upload a file').setInputFiles(atLimit);
        const judged = answer();
        await page.getByRole('button', { name: 'Upload file' }).click();
        assert.equal((await judged).status(), 415);
        await page.locator('#file-error', { hasText: 'The selected file must be a PDF, DOCX' }).waitFor();

        // The browser never sends a file over the limit (the first test shows that). A server that refuses one
        // anyway (a file that grew after it was chosen, a limit lowered behind the page) is shown the same way:
        // the upload of a small PDF goes on to the real pswnet carrying one byte more than the limit.
        await page.route(`**/api/v1/resources/${resource.id}/files`,
          (route) => route.continue({ postData: Buffer.alloc(maxFileBytes + 1) }));
        await page.getByLabel('Upload a file')
          .setInputFiles({ name: 'weighting.pdf', mimeType: 'application/pdf', buffer: pdfWith('Caseload weighting') });
        const refused = answer();
        await page.getByRole('button', { name: 'Upload file' }).click();
        assert.equal((await refused).status(), 413);
        await errorSummary(page, tooLarge).waitFor();
        await expectFocusOn(page, '.govuk-error-summary');
        await page.locator('#file-error', { hasText: tooLarge }).waitFor();
        assert.equal(await page.locator('#upload-progress').isVisible(), false, 'the progress bar stayed on');
        await expectAccessible(page, 'the upload page with the server’s 413');
        await page.unrouteAll();

        const stored = await client(server.baseUrl).get(`/api/v1/resources/${resource.id}`, { auth: amiraApi });
        assert.equal(stored.status, 200, stored.text);
        assert.deepEqual(stored.body.files, []);
      } catch (error) {
        await session.close();
        throw error;
      }
      await session.finish();
    });
});
