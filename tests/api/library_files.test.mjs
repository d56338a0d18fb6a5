// Practice library end to end, files: the 25 MiB limit (nothing stored past it), types decided by content, safe
// file names, zip bombs, the words of each allowed type found by search, versions, storage once per SHA-256, and
// downloads (headers, exact bytes, counts); against the real pswnet.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { maxFileBytes, routes, startLibraryServer, storedFiles, uniqueWord } from '../support/library.mjs';
import {
  csvWith, docxDocumentXml, docxWith, jpeg, markdownWith, odsWith, odtWith, pdfWith, png, pptxWith, textWith, xlsxWith, zipOf,
} from '../support/library-files.mjs';
import { connect, readResponse } from '../support/raw-http.mjs';
import { runPswnetOk } from '../support/server.mjs';

let server, library, amira, tom; // who is who: startLibraryServer
before(async () => ({ server, library, amira, tom } = await startLibraryServer()));
after(() => server?.stop());

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** What a refused upload must leave as it was: the stored file rows and the resource's versions. */
async function fileState(resourceId) {
  return { stored: await storedFiles(server.db), files: (await library.get(amira, resourceId)).files };
}

/**
 * Sends an upload over a plain socket, so that an answer given before the body is read is seen: with `length`, only
 * the head announcing that many bytes; with `chunked`, chunks of 1 MiB until `bytes` are sent or pswnet answers.
 */
async function rawUpload(resourceId, { length, chunked = false, bytes = 0 }) {
  const socket = await connect(server.port);
  try {
    let answered = false;
    const response = readResponse(socket, { timeoutMs: 60_000 });
    response.then(() => { answered = true; }, () => { answered = true; });
    socket.write([`POST ${routes.files.replace('{id}', resourceId)} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`,
      `Authorization: Bearer ${amira.token}`, 'Content-Type: text/plain', 'X-Filename: big.txt',
      chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`, '', ''].join('\r\n'));
    const piece = Buffer.alloc(1024 * 1024, 'a');
    for (let sent = 0; chunked && sent < bytes && !answered && !socket.destroyed;) {
      const part = piece.subarray(0, Math.min(piece.length, bytes - sent));
      sent += part.length;
      if (!socket.write(Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]))) {
        await Promise.race([once(socket, 'drain'), response.catch(() => {})]);
      }
    }
    const answer = await response;
    return { ...answer, body: JSON.parse(answer.body) };
  } finally {
    socket.destroy();
  }
}

describe('the size limit', () => {
  it('takes a file of exactly 25 MiB and gives back the same bytes', async () => {
    const resource = await library.create(amira);
    const line = 'Supervision notes for newly qualified social workers in the first year.\n';
    const bytes = Buffer.alloc(maxFileBytes, line);
    const stored = await library.uploaded(amira, resource.id, bytes, 'notes.txt');
    assert.equal(stored.files[0].size, maxFileBytes);
    assert.equal(stored.files[0].sha256, sha256(bytes));
    const download = await library.download(tom, resource.id, 1);
    assert.equal(download.status, 200);
    assert.equal(download.bytes.length, maxFileBytes);
    assert.ok(download.bytes.equals(bytes), 'the downloaded bytes are the uploaded ones');
  });

  it('refuses 25 MiB and one byte with 413 before reading it, and stores nothing', async () => {
    const resource = await library.create(amira);
    await library.uploaded(amira, resource.id, textWith('first version'), 'first.txt');
    const before = await fileState(resource.id);
    const announced = await rawUpload(resource.id, { length: maxFileBytes + 1 });
    assert.equal(announced.status, 413, JSON.stringify(announced));
    assert.match(announced.headers['content-type'], /^application\/problem\+json/);
    assert.equal(announced.body.status, 413);
    const streamed = await rawUpload(resource.id, { chunked: true, bytes: maxFileBytes + 1 });
    assert.equal(streamed.status, 413, 'a chunked body is cut off at the limit too');
    assert.deepEqual(await fileState(resource.id), before, 'nothing stored');
  });
});

describe('types decided by content', () => {
  it('refuses an executable named .pdf (and sent as application/pdf) with 415, storing nothing', async () => {
    const resource = await library.create(amira);
    const before = await fileState(resource.id);
    const program = readFileSync('/bin/ls');
    const res = await library.upload(amira, resource.id, program, 'policy.pdf', { contentType: 'application/pdf' });
    expectProblem(res, 415);
    for (const [bytes, name] of [[Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'page.txt'],
      [zipOf([{ name: 'readme.txt', data: 'hello' }]), 'archive.docx'], [Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'a.png']]) {
      expectProblem(await library.upload(amira, resource.id, bytes, name), 415);
    }
    assert.deepEqual(await fileState(resource.id), before);
  });

  it('stores the type found in the content, whatever the name and Content-Type say', async () => {
    const resource = await library.create(amira);
    const stored = await library.uploaded(amira, resource.id, pdfWith('A PDF in disguise'), 'notes.txt',
      { contentType: 'text/plain' });
    assert.equal(stored.files[0].content_type, 'application/pdf');
    assert.equal((await library.download(amira, resource.id, 1)).headers.get('content-type'), 'application/pdf');
  });

  it('refuses an empty body and a missing X-Filename with 422', async () => {
    const resource = await library.create(amira);
    expectInvalidFields(await library.upload(amira, resource.id, Buffer.alloc(0), 'empty.txt'), ['body']);
    expectInvalidFields(await library.upload(amira, resource.id, textWith('no name'), undefined), ['X-Filename']);
    assert.deepEqual((await library.get(amira, resource.id)).files, []);
  });
});

describe('zip bombs', () => {
  it('refuses a DOCX whose document expands beyond 64 MiB with 422, storing nothing', async () => {
    const resource = await library.create(amira);
    const before = await fileState(resource.id);
    const bomb = docxWith([], { documentXml: Buffer.alloc(70 * 1024 * 1024, 'a') });
    assert.ok(bomb.length < 1024 * 1024, `the bomb is small: ${bomb.length} bytes`);
    expectInvalidFields(await library.upload(amira, resource.id, bomb, 'policy.docx'), ['body']);
    // The same bomb with headers that claim 1 KiB: the reading itself must stop it.
    const lying = docxWith([], { documentXml: Buffer.alloc(70 * 1024 * 1024, 'a'), documentSize: 1024 });
    expectInvalidFields(await library.upload(amira, resource.id, lying, 'policy.docx'), ['body']);
    // Many parts, each under the limit, together over it; markup only, so that no text fills up to stop early.
    const spread = (part) => zipOf([
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
      { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships/>' },
      { name: 'word/document.xml', data: docxDocumentXml('spread') },
      ...Array.from({ length: 8 }, (_, i) => ({ name: `word/header${i + 1}.xml`, data: part })),
    ]);
    expectInvalidFields(await library.upload(amira, resource.id, spread(Buffer.alloc(10 * 1024 * 1024, '<w:br/>')),
      'spread.docx'), ['body']);
    assert.deepEqual(await fileState(resource.id), before, 'nothing stored');
  });
});

describe('text extraction is bounded', () => {
  it('reads at most 400 KiB of words from a document that expands to much more', async () => {
    const resource = await library.create(amira);
    const word = uniqueWord();
    const words = Buffer.alloc(40 * 1024 * 1024, `${word} `);
    const stored = await library.uploaded(amira, resource.id, docxWith([], { documentXml: words }), 'long.docx');
    assert.equal(stored.files[0].text_extracted, true);
    const { rows } = await server.db.query('SELECT octet_length(file_text) AS n FROM resources WHERE id = $1', [resource.id]);
    assert.ok(rows[0].n > 0 && rows[0].n <= 400 * 1024, `${rows[0].n} bytes of text kept for search`);
    assert.deepEqual((await library.allPages(tom, { q: word })).map((r) => r.id), [resource.id]);
  });
});

describe('file names', () => {
  let resource;
  before(async () => { resource = await library.create(amira); });

  /** Uploads a small text file under `name`; resolves with its ResourceFile and the download's headers. */
  async function stored(name) {
    const uploaded = await library.uploaded(amira, resource.id, textWith(`named ${uniqueWord()}`), name);
    const file = uploaded.files[0];
    const download = await library.download(tom, resource.id, file.version);
    assert.equal(download.status, 200);
    return { file, disposition: download.headers.get('content-disposition'), headers: download.headers };
  }

  it('keeps no directories: ../../etc/passwd is stored as passwd', async () => {
    for (const name of ['../../etc/passwd', '..\\..\\Windows\\win.ini', '/etc/passwd']) {
      const { file, disposition } = await stored(name);
      const expected = name.split(/[/\\]/).at(-1);
      assert.equal(file.filename, expected, name);
      assert.equal(file.original_filename, expected, 'the display name has no directories either');
      assert.match(disposition, new RegExp(`^attachment; filename="${expected}"; filename\\*=UTF-8''${expected}$`));
    }
  });

  it('drops control characters, so that no header can be injected through a name', async () => {
    const { file, disposition, headers } = await stored('minutes\r\nSet-Cookie: pswnet_session=stolen\u0000.txt');
    assert.equal(file.original_filename, 'minutesSet-Cookie: pswnet_session=stolen.txt');
    assert.equal(file.filename, 'minutesSet-Cookie_ pswnet_session=stolen.txt');
    assert.doesNotMatch(disposition, /[\r\n\u0000]/);
    assert.equal(headers.get('set-cookie'), null);
  });

  it('replaces Windows-reserved characters and prefixes reserved device names, keeping the original for display', async () => {
    for (const [name, safe] of [['CON.txt', '_CON.txt'], ['con.txt', '_con.txt'], ['NUL', '_NUL'], ['com1.tar.txt', '_com1.tar.txt'],
      ['LPT9.txt', '_LPT9.txt'], ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'], ['  .hidden. ', 'hidden'], ['...', 'file'],
      ['CONSOLE.txt', 'CONSOLE.txt']]) {
      const { file, disposition } = await stored(name);
      assert.equal(file.filename, safe, name);
      assert.equal(file.original_filename, name, name);
      assert.ok(disposition.startsWith(`attachment; filename="${safe.replaceAll('"', '_')}"`), disposition);
    }
  });

  it('keeps non-ASCII names, percent-encoded in filename*', async () => {
    const name = 'Politique de supervision – révisée é.pdf.txt';
    const { file, disposition } = await stored(name);
    assert.equal(file.filename, name);
    assert.equal(file.original_filename, name);
    const encoded = disposition.match(/filename\*=UTF-8''(.+)$/)[1];
    assert.equal(decodeURIComponent(encoded), name);
    assert.match(disposition, /^attachment; filename="[\x20-\x7e]+";/, 'the plain filename is ASCII only');
  });

  it('answers a name that is not UTF-8 with 422 naming X-Filename or stores it as valid UTF-8, never with 5xx', async () => {
    const res = await library.api.request('POST', routes.files.replace('{id}', resource.id), {
      body: textWith('bad name'), auth: amira, headers: { 'content-type': 'text/plain', 'x-filename': '%FF%FEnotes.txt' } });
    assert.ok(res.status === 201 || res.status === 422, `answered ${res.status}: ${res.text.slice(0, 500)}`);
    if (res.status === 422) expectInvalidFields(res, ['X-Filename']);
    else assert.equal(Buffer.from(res.body.files[0].filename, 'utf8').toString('utf8'), res.body.files[0].filename);
  });
});

describe('the words inside each allowed type', () => {
  const cases = [
    ['PDF', 'policy.pdf', 'application/pdf', (w) => pdfWith('Supervision policy', `Reviewed ${w} yearly`)],
    ['Word', 'framework.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      (w) => docxWith(['ASYE framework', `Contact ${w} first`])],
    ['Excel', 'caseloads.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      (w) => xlsxWith('Team', `${w} team`)],
    ['PowerPoint', 'induction.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      (w) => pptxWith('Induction week', `Meet ${w}`)],
    ['OpenDocument text', 'guidance.odt', 'application/vnd.oasis.opendocument.text', (w) => odtWith('Guidance', `See ${w}`)],
    ['OpenDocument spreadsheet', 'rota.ods', 'application/vnd.oasis.opendocument.spreadsheet', (w) => odsWith('Rota', w)],
    ['CSV', 'measures.csv', 'text/csv', (w) => csvWith(w)],
    ['plain text', 'notes.txt', 'text/plain', (w) => textWith('Notes', `Ask ${w}`)],
    ['Markdown', 'guide.md', 'text/markdown', (w) => markdownWith('Read this', `Then ${w}`)],
  ];

  for (const [kind, name, type, make] of cases) {
    it(`finds a ${kind} file by a word inside it, in GET /resources and GET /search`, async () => {
      const word = uniqueWord();
      const resource = await library.create(amira, { title: `A ${kind} resource` });
      const stored = await library.uploaded(amira, resource.id, make(word), name);
      assert.equal(stored.files[0].content_type, type);
      assert.equal(stored.files[0].text_extracted, true);
      const found = await library.allPages(tom, { q: word });
      assert.deepEqual(found.map((r) => r.id), [resource.id], `q=${word}`);
      const hits = await library.resourceHits(tom, word);
      assert.deepEqual(hits.map((hit) => hit.resource_id), [resource.id]);
      assert.match(hits[0].snippet_html, new RegExp(`<mark>${word}</mark>`, 'i'));
    });
  }

  it('takes PNG and JPEG images, with no words to extract', async () => {
    const resource = await library.create(amira);
    for (const [bytes, name, type] of [[png(7), 'diagram.png', 'image/png'], [jpeg(), 'photo.jpg', 'image/jpeg']]) {
      const stored = await library.uploaded(amira, resource.id, bytes, name);
      assert.equal(stored.files[0].content_type, type);
      assert.equal(stored.files[0].text_extracted, false);
      const download = await library.download(amira, resource.id, stored.files[0].version);
      assert.equal(download.headers.get('content-type'), type);
      assert.ok(download.bytes.equals(bytes));
    }
  });

  it('treats plain text as Markdown only when its name says so', async () => {
    const resource = await library.create(amira);
    const bytes = markdownWith('same content');
    assert.equal((await library.uploaded(amira, resource.id, bytes, 'guide.markdown')).files[0].content_type, 'text/markdown');
    assert.equal((await library.uploaded(amira, resource.id, bytes, 'guide.txt')).files[0].content_type, 'text/plain');
  });
});

describe('versions, storage and downloads', () => {
  it('keeps every version downloadable with its own bytes; search follows the newest', async () => {
    const [oldWord, newWord] = [uniqueWord(), uniqueWord()];
    const resource = await library.create(amira);
    const first = textWith('First version', oldWord);
    const second = docxWith(['Second version', newWord]);
    await library.uploaded(amira, resource.id, first, 'policy.txt');
    const after = await library.uploaded(amira, resource.id, second, 'policy.docx');
    assert.deepEqual(after.files.map((f) => f.version), [2, 1], 'newest first');
    assert.equal(after.latest_file.version, 2);
    assert.deepEqual(after.files.map((f) => f.sha256), [sha256(second), sha256(first)]);
    assert.ok((await library.download(tom, resource.id, 1)).bytes.equals(first));
    assert.ok((await library.download(tom, resource.id, 2)).bytes.equals(second));
    assert.deepEqual((await library.allPages(tom, { q: newWord })).map((r) => r.id), [resource.id]);
    assert.deepEqual(await library.allPages(tom, { q: oldWord }), [], 'the words of an older version are not searched');
    expectProblem(await library.download(tom, resource.id, 3), 404);
    expectProblem(await library.download(tom, resource.id, 0), 404);
    expectProblem(await library.download(tom, resource.id, 'latest'), 404);
  });

  it('stores identical content once: the same sha256 for both versions and one stored copy', async () => {
    const resource = await library.create(amira);
    const bytes = pdfWith(`Identical ${uniqueWord()}`);
    await library.uploaded(amira, resource.id, bytes, 'one.pdf');
    const before = await storedFiles(server.db);
    const after = await library.uploaded(amira, resource.id, bytes, 'two.pdf');
    assert.equal(after.files[0].sha256, after.files[1].sha256);
    assert.equal(after.files[0].sha256, sha256(bytes));
    assert.deepEqual(await storedFiles(server.db), { ...before, versions: before.versions + 1 }, 'no second copy of the bytes');
    const other = await library.create(tom);
    await library.uploaded(tom, other.id, bytes, 'copied.pdf');
    assert.deepEqual(await storedFiles(server.db), { ...before, versions: before.versions + 2 }, 'not even for another resource');
    assert.ok((await library.download(amira, resource.id, 2)).bytes.equals(bytes));
  });

  it('downloads as an attachment of the stored type, never sniffed, and counts each download', async () => {
    const resource = await library.create(amira);
    const bytes = csvWith(uniqueWord());
    await library.uploaded(amira, resource.id, bytes, 'measures.csv', { contentType: 'text/html' });
    for (let i = 0; i < 3; i += 1) {
      const download = await library.download(tom, resource.id, 1);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'text/csv');
      assert.equal(download.headers.get('content-disposition'), 'attachment; filename="measures.csv"; filename*=UTF-8\'\'measures.csv');
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(download.bytes.equals(bytes));
    }
    const seen = await library.get(amira, resource.id);
    assert.equal(seen.download_count, 3);
    assert.equal(seen.files[0].download_count, 3);
    await library.uploaded(amira, resource.id, textWith('v2'), 'v2.txt');
    await library.download(tom, resource.id, 2);
    const counted = await library.get(amira, resource.id);
    assert.deepEqual(counted.files.map((f) => [f.version, f.download_count]), [[2, 1], [1, 3]]);
    assert.equal(counted.download_count, 4, 'the resource counts the downloads of all its versions');
  });
});

describe('deleted resources\' files', () => {
  const chunksOf = async (sha256) =>
    Number((await server.db.query('SELECT count(*) AS n FROM file_blob_chunks WHERE sha256 = $1', [sha256])).rows[0].n);
  const purge = () => runPswnetOk(['purge-deleted-files'], { env: { PSWNET_DATABASE_URL: server.databaseUrl } });

  it('are purged after the retention period unless another resource or a recent deletion shares them', async () => {
    const [gone, shared, recent, keeper] = await Promise.all([1, 2, 3, 4].map(() => library.create(amira)));
    const goneBytes = textWith(`only here ${uniqueWord()}`);
    const goneOnly = (await library.uploaded(amira, gone.id, goneBytes, 'a.txt')).files[0];
    const sharedBytes = textWith(`shared ${uniqueWord()}`);
    await library.uploaded(amira, shared.id, sharedBytes, 'b.txt');
    const sharedFile = (await library.uploaded(amira, keeper.id, sharedBytes, 'b-copy.txt')).files[0];
    const recentFile = (await library.uploaded(amira, recent.id, textWith(`recent ${uniqueWord()}`), 'c.txt')).files[0];
    for (const resource of [gone, shared, recent]) {
      await library.call('DELETE', routes.resource, { id: resource.id, auth: amira, expect: 204 });
    }
    await server.db.query("UPDATE resources SET deleted_at = now() - interval '31 days' WHERE id = ANY($1)",
      [[gone.id, shared.id]]);

    const { stdout } = await purge();
    assert.match(stdout, /purged the content of \d+ file\(s\)/);
    assert.equal(await chunksOf(goneOnly.sha256), 0, 'deleted 31 days ago and used nowhere else: purged');
    assert.ok(await chunksOf(sharedFile.sha256) > 0, 'still a version of a resource that is not deleted');
    assert.ok(await chunksOf(recentFile.sha256) > 0, 'deleted today: kept for the retention period');
    const record = await server.db.query('SELECT size, purged_at FROM file_blobs WHERE sha256 = $1', [goneOnly.sha256]);
    assert.equal(Number(record.rows[0].size), goneOnly.size, 'the record of the file stays');
    assert.ok(record.rows[0].purged_at);

    // The same content uploaded again is stored again, whole.
    const again = await library.create(amira);
    await library.uploaded(amira, again.id, goneBytes, 'a-again.txt');
    const download = await library.download(tom, again.id, 1);
    assert.ok(download.bytes.equals(goneBytes), 'the purged content is written again by a new upload');
  });
});
