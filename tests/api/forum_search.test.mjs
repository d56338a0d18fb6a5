// Discussions end to end, finding and showing text: search (ranked, stemmed, escaped snippets), similar questions
// and safe Markdown rendering, against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields } from '../support/api.mjs';
import { routes, startForumServer, uniqueWord } from '../support/forum.mjs';

let server, forum, call, amira, tom; // who is who: startForumServer
before(async () => ({ server, forum, call, amira, tom } = await startForumServer()));
after(() => server?.stop());

/** snippet_html with the <mark> tags taken out: what is left must be escaped text with no markup at all. */
function withoutMarks(snippet) {
  return snippet.replaceAll('<mark>', '').replaceAll('</mark>', '');
}

function assertEscapedSnippet(snippet) {
  const text = withoutMarks(snippet);
  assert.ok(!/[<>]/.test(text), `snippet_html holds markup other than <mark>: ${snippet}`);
  assert.ok(!/&(?!(amp|lt|gt|quot|apos|#39|#x27);)/.test(text), `snippet_html holds an unescaped &: ${snippet}`);
}

describe('search: GET /search', () => {
  const word = uniqueWord();
  let thread;
  let reply;
  let titled;

  before(async () => {
    thread = await forum.createThread(amira, { title: `Reflective supervision and ${word} practice` });
    reply = await forum.reply(tom, thread.id,
      `We tried ${word} & it helped. <b>Bold claim</b> <script>alert(1)</script> "quoted" <img src=x onerror=alert(1)>`);
    titled = await forum.createThread(tom, { sector: 'adults', title: `Using <em>${word}</em> & "restraint" <script>x</script>` });
  });

  async function search(query, session = amira) {
    return (await call('GET', routes.search, { query, auth: session, expect: 200 })).body;
  }

  it('finds thread titles and post bodies, best first', async () => {
    const { items, next_cursor: cursor } = await search({ q: word });
    assert.equal(cursor, null);
    assert.ok(items.some((hit) => hit.thread_id === thread.id), 'the thread with the word in its title');
    assert.ok(items.some((hit) => hit.post_id === reply.id && hit.type === 'post' && hit.thread_id === thread.id),
      'the reply with the word in its body');
    assert.ok(items.some((hit) => hit.thread_id === titled.id));
    for (let i = 1; i < items.length; i += 1) assert.ok(items[i - 1].rank >= items[i].rank, 'ranked, best first');
    for (const hit of items) {
      assert.equal(hit.title, hit.thread_id === titled.id ? titled.title : thread.title);
      assert.ok(hit.rank > 0);
    }
  });

  it('highlights the matches with <mark> in escaped text', async () => {
    const { items } = await search({ q: word });
    assert.ok(items.length >= 3);
    for (const hit of items) {
      const marks = [...hit.snippet_html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1].toLowerCase());
      assert.ok(marks.includes(word), `the word is marked in ${hit.snippet_html}`);
      assertEscapedSnippet(hit.snippet_html);
    }
  });

  it('counts every match, beyond the page of best hits', async () => {
    const { items, total } = await search({ q: word });
    assert.equal(total, items.length, 'all three fit in one page: the thread, the reply and the other thread');
    const page = await search({ q: word, limit: 1 });
    assert.equal(page.items.length, 1);
    assert.equal(page.total, total, 'the count is of every match, not of the page');
    assert.equal((await search({ q: uniqueWord('nothing') })).total, 0);
  });

  it('matches other forms of a word (English stemming)', async () => {
    // Real words stem predictably; a random word (the same in both) makes the thread the only possible match.
    const marker = uniqueWord('zq');
    const stemmed = await forum.createThread(amira, { title: `${marker}: supervising newly qualified staff` });
    const { items } = await search({ q: `${marker} supervised` });
    assert.ok(items.some((hit) => hit.thread_id === stemmed.id), 'searching "supervised" finds "supervising"');
  });

  it('takes a limit', async () => {
    assert.ok((await search({ q: word, limit: 1 })).items.length <= 1);
  });

  it('needs q of 1 to 200 characters (422)', async () => {
    for (const query of [{ q: '' }, { q: 'x'.repeat(201) }, {}]) {
      expectInvalidFields(await call('GET', routes.search, { query, auth: amira }), ['q']);
    }
  });

  it('finds nothing for words nobody wrote', async () => {
    assert.deepEqual((await search({ q: uniqueWord() })).items, []);
  });
});

describe('similar questions: GET /threads/similar', () => {
  it('suggests up to 5 threads whose titles are like what is being typed, best first', async () => {
    const word = uniqueWord();
    const target = await forum.createThread(amira, { title: `Caseload weighting tool for ${word} teams` });
    const { items } = (await call('GET', routes.similar, { query: { title: `caseload weighting ${word}` }, auth: tom, expect: 200 })).body;
    assert.ok(items.length >= 1 && items.length <= 5, `${items.length} suggestions`);
    assert.equal(items[0].id, target.id, 'the closest title first');
  });

  it('suggests nothing for under 3 characters', async () => {
    for (const title of ['', 'ca']) {
      assert.deepEqual((await call('GET', routes.similar, { query: { title }, auth: tom, expect: 200 })).body.items, []);
    }
  });
});

/** Asserts that rendered HTML carries no script, no event handler, no javascript: URL, and only safe links. */
function assertSafeHtml(html) {
  assert.ok(!/<script/i.test(html), `a script tag came back: ${html}`);
  assert.ok(!/<img/i.test(html), `raw HTML came back: ${html}`);
  assert.ok(!/<[^>]+\son[a-z]+\s*=/i.test(html), `an event handler came back: ${html}`);
  assert.ok(!/javascript:/i.test(html), `a javascript: URL came back: ${html}`);
  assert.ok(!/href="https:\/\/raw\.example/.test(html), `a raw HTML link came back: ${html}`);
  for (const [tag] of html.matchAll(/<a\b[^>]*>/g)) {
    assert.match(tag, /\srel="nofollow noopener"/, `a link without rel="nofollow noopener": ${tag}`);
  }
}

describe('Markdown rendering', () => {
  const hostile = [
    'Hello <script>alert("x")</script> world',
    '',
    '<img src=x onerror="alert(1)">',
    '',
    '[a javascript link](javascript:alert(1)) and [JS upper](JAVASCRIPT:alert(2)) and [the guidance](https://www.example.org/guidance)',
    '',
    'An autolink: https://www.example.com/auto and <https://www.example.net/angle>',
    '',
    '<a href="https://raw.example/">raw link</a> <div onclick="alert(1)">div</div>',
  ].join('\n');

  it('never passes raw HTML, drops javascript: links and marks links rel="nofollow noopener"', async () => {
    const thread = await forum.createThread(amira, { body: hostile });
    const html = thread.posts[0].body_html;
    assertSafeHtml(html);
    assert.match(html, /<a [^>]*href="https:\/\/www\.example\.org\/guidance"[^>]*>the guidance<\/a>/);
    assert.match(html, /href="https:\/\/www\.example\.com\/auto"/, 'bare URLs become links');
    assert.match(html, /a javascript link/, 'the text of a dropped link stays');
    assert.equal((await forum.getThread(tom, thread.id)).posts[0].body_html, html);
  });

  it('renders replies and edits just as safely', async () => {
    const thread = await forum.createThread(amira);
    const reply = await forum.reply(tom, thread.id, hostile);
    assertSafeHtml(reply.body_html);
    const edited = (await call('PATCH', routes.post, { id: reply.id, json: { body: `${hostile}\n\nEdited.` }, auth: tom, expect: 200 })).body;
    assertSafeHtml(edited.body_html);
    for (const revision of (await call('GET', routes.revisions, { id: reply.id, auth: tom, expect: 200 })).body.items) {
      assertSafeHtml(revision.body_html);
    }
  });

  it('renders GitHub-flavoured tables and strikethrough', async () => {
    const thread = await forum.createThread(amira, { body: '| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new' });
    assert.match(thread.posts[0].body_html, /<table>/);
    assert.match(thread.posts[0].body_html, /<del>old<\/del>/);
  });
});
