// Discussions end to end, threads: asking (fields, kinds, tags, announcements), finding threads (filters, keyset
// pages) and reading them (posts in order, views), against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem, signIn, demoUsers } from '../support/api.mjs';
import { countRows } from '../support/database.mjs';
import { ids, routes, sortedIds, startForumServer, uniqueWord } from '../support/forum.mjs';

let server, forum, call, amira, tom, grace, priya, sam; // who is who: startForumServer
before(async () => ({ server, forum, call, amira, tom, grace, priya, sam } = await startForumServer()));
after(() => server?.stop());

/** Asserts a 422 whose errors name exactly fields matching these patterns (strings match exactly). */
function expectInvalid(res, patterns, what) {
  const problem = expectProblem(res, 422);
  assert.ok(Array.isArray(problem.errors) && problem.errors.length > 0, `${what}: 422 without errors: ${res.text}`);
  const named = [...new Set(problem.errors.map((error) => error.field))];
  assert.equal(named.length, patterns.length, `${what}: 422 names ${named.join(', ')}: ${res.text}`);
  for (const pattern of patterns) {
    const matches = (field) => (typeof pattern === 'string' ? field === pattern : pattern.test(field));
    assert.ok(named.some(matches), `${what}: 422 names ${named.join(', ')}, not ${pattern}: ${res.text}`);
  }
  return problem;
}

describe('asking: POST /threads', () => {
  it('creates a question with its rendered opening post, the asker subscribed', async () => {
    const body = 'We want a **supervision policy** for newly qualified social workers.\n\nWhat has worked for you?';
    const thread = await forum.createThread(amira, { title: 'Supervision policy for ASYE social workers', body });
    assert.equal(thread.title, 'Supervision policy for ASYE social workers');
    assert.equal(thread.kind, 'question');
    assert.equal(thread.sector, 'children');
    assert.equal(thread.status, 'unanswered');
    assert.equal(thread.audience, 'network');
    assert.equal(thread.author.id, amira.user.id);
    assert.deepEqual(thread.author.organisation, amira.user.organisation);
    assert.equal(thread.subscribed, true, 'the asker follows the thread');
    assert.equal(thread.reply_count, 0);
    assert.equal(thread.locked, false);
    assert.equal(thread.accepted_post_id, null);
    assert.equal(thread.can_accept, true, 'the asker may accept an answer');
    assert.equal(thread.can_moderate, false, 'a member does not moderate');
    assert.equal(thread.posts.length, 1);
    const [opening] = thread.posts;
    assert.equal(opening.is_opening, true);
    assert.equal(opening.thread_id, thread.id);
    assert.equal(opening.author.id, amira.user.id);
    assert.equal(opening.body_markdown, body, 'the author gets the Markdown back for editing');
    assert.match(opening.body_html, /<strong>supervision policy<\/strong>/);
    assert.equal(opening.hidden, false);
    assert.equal(opening.edited_at, null);
    assert.equal(opening.revision_count, 0);
    assert.deepEqual(opening.reactions, { helpful: 0, same_here: 0 });
    assert.equal(opening.can_edit, true);

    const seen = await forum.getThread(tom, thread.id);
    assert.equal(seen.title, thread.title);
    assert.equal(seen.posts[0].body_html, opening.body_html);
    assert.equal(seen.posts[0].body_markdown, null, 'only the author and moderators get the Markdown');
    assert.equal(seen.posts[0].can_edit, false);
    assert.equal(seen.subscribed, false);
    assert.equal(seen.can_accept, false);
  });

  it('stores tags in lower case with duplicates removed', async () => {
    const thread = await forum.createThread(amira, { tags: ['ASYE', 'asye', 'Newly Qualified', 'supervision', 'Supervision'] });
    assert.deepEqual([...thread.tags].sort(), ['asye', 'newly-qualified', 'supervision']);
    assert.deepEqual([...(await forum.getThread(amira, thread.id)).tags].sort(), ['asye', 'newly-qualified', 'supervision']);
  });

  it('takes a thread without tags, the tags left out or empty', async () => {
    assert.deepEqual((await forum.createThread(amira, { tags: [] })).tags, []);
    assert.deepEqual((await forum.createThread(amira, { tags: undefined })).tags, []);
  });

  it('refuses each invalid field with 422 naming it, and stores nothing', async () => {
    const valid = { title: 'A valid title', body: 'A valid body.', sector: 'children', kind: 'question', tags: ['asye'] };
    const cases = [
      [{ title: '' }, ['title']],
      [{ title: 'x'.repeat(201) }, ['title']],
      [{ title: undefined }, ['title']],
      [{ body: '' }, ['body']],
      [{ body: 'x'.repeat(50_001) }, ['body']],
      [{ tags: ['one', 'two', 'three', 'four', 'five', 'six'] }, ['tags']],
      [{ tags: ['x'.repeat(31)] }, [/^tags(\[0\])?$/]],
      [{ tags: ['a/b'] }, [/^tags(\[0\])?$/]],
      [{ tags: [''] }, [/^tags(\[0\])?$/]],
      [{ sector: 'elderly' }, ['sector']],
      [{ kind: 'poll' }, ['kind']],
      [{ audience: 'everyone' }, ['audience']],
      [{ title: '', sector: 'elderly', kind: 'poll' }, ['title', 'sector', 'kind']],
    ];
    const before = [await countRows(server.db, 'threads'), await countRows(server.db, 'posts')];
    for (const [change, fields] of cases) {
      const res = await call('POST', routes.threads, { json: { ...valid, ...change }, auth: amira });
      expectInvalid(res, fields, JSON.stringify(change).slice(0, 80));
    }
    assert.deepEqual([await countRows(server.db, 'threads'), await countRows(server.db, 'posts')], before,
      'no thread or post was stored');
  });

  it('takes a title of 200 characters, counted as characters rather than bytes, and a body of 50,000', async () => {
    const title = `Safeguarding ${'é'.repeat(187)}`;
    assert.equal([...title].length, 200);
    const body = 'word '.repeat(10_000);
    assert.equal(body.length, 50_000);
    const thread = await forum.createThread(amira, { title, body });
    assert.equal(thread.title, title);
    assert.equal(thread.posts[0].body_markdown, body);
  });

  it('lets only csw_office, moderators and network_admins post announcements (403 for others)', async () => {
    const announcement = () => ({ kind: 'announcement', title: `Practice guidance update ${uniqueWord()}`, body: 'New guidance is out.' });
    for (const member of [amira, tom, grace]) {
      expectProblem(await call('POST', routes.threads, { json: { ...announcement(), sector: 'both' }, auth: member }), 403);
    }
    const fromOffice = await forum.createThread(priya, announcement());
    assert.equal(fromOffice.kind, 'announcement');
    assert.equal(fromOffice.status, 'open');
    const fromAdmin = await forum.createThread(sam, { ...announcement(), sector: 'both' });
    assert.equal(fromAdmin.kind, 'announcement');
  });

  it('gives discussions the status open', async () => {
    const thread = await forum.createThread(tom, { kind: 'discussion', sector: 'adults' });
    assert.equal(thread.status, 'open');
    assert.equal(thread.kind, 'discussion');
  });

  it('needs a signed-in user (401) and, from a browser, the CSRF token (403)', async () => {
    expectProblem(await call('GET', routes.threads, {}), 401);
    expectProblem(await call('POST', routes.threads, { json: { title: 't', body: 'b', sector: 'children', kind: 'question' } }), 401);
    const browser = await signIn(server.baseUrl, demoUsers.amira, undefined, { mode: 'cookie' });
    const res = await forum.api.post(routes.threads, { title: 'No token', body: 'b', sector: 'children', kind: 'question' },
      { auth: browser, csrf: false });
    expectProblem(res, 403, { type: '/problems/csrf' });
  });
});

describe('finding threads: GET /threads', () => {
  const tag = uniqueWord('t');
  const titleWord = uniqueWord();
  const fixtures = {};
  let regionOf;

  before(async () => {
    fixtures.childrenQuestion = await forum.createThread(amira, { title: `Direct work with ${titleWord} in mind`, tags: [tag] });
    fixtures.adultsQuestion = await forum.createThread(tom, { sector: 'adults', tags: [tag] });
    fixtures.childrenDiscussion = await forum.createThread(amira, { kind: 'discussion', tags: [tag] });
    fixtures.bothQuestion = await forum.createThread(grace, { sector: 'both', tags: [tag] });
    fixtures.answered = await forum.createThread(amira, { tags: [tag] });
    const answer = await forum.reply(tom, fixtures.answered.id);
    await call('POST', routes.accept, { id: fixtures.answered.id, json: { post_id: answer.id }, auth: amira, expect: 200 });
    regionOf = {};
    for (const session of [amira, tom, grace]) {
      const res = await forum.api.get(`/api/v1/organisations/${session.user.organisation.id}`, { auth: amira });
      assert.equal(res.status, 200, res.text);
      regionOf[session.user.id] = res.body.region.code;
    }
  });

  async function tagged(query) {
    return forum.allPages(amira, { tag, ...query }, 100);
  }

  it('filters by tag', async () => {
    const items = await tagged({});
    assert.deepEqual(sortedIds(items), sortedIds(Object.values(fixtures)));
    for (const item of items) assert.ok(item.tags.includes(tag));
  });

  it('filters by sector', async () => {
    const children = await tagged({ sector: 'children' });
    const found = new Set(ids(children));
    for (const name of ['childrenQuestion', 'childrenDiscussion', 'answered']) assert.ok(found.has(fixtures[name].id), name);
    assert.ok(!found.has(fixtures.adultsQuestion.id), 'an adults thread is not in the children list');
    for (const item of children) assert.ok(['children', 'both'].includes(item.sector), item.sector);
    const adults = new Set(ids(await tagged({ sector: 'adults' })));
    assert.ok(adults.has(fixtures.adultsQuestion.id));
    assert.ok(!adults.has(fixtures.childrenQuestion.id));
  });

  it('filters by status: unanswered and answered questions, or all', async () => {
    assert.deepEqual(sortedIds(await tagged({ status: 'answered' })), [fixtures.answered.id]);
    assert.deepEqual(sortedIds(await tagged({ status: 'unanswered' })),
      sortedIds([fixtures.childrenQuestion, fixtures.adultsQuestion, fixtures.bothQuestion]));
    assert.deepEqual(sortedIds(await tagged({ status: 'all' })), sortedIds(Object.values(fixtures)));
    const answered = (await tagged({ status: 'answered' }))[0];
    assert.equal(answered.status, 'answered');
    assert.equal(typeof answered.accepted_post_id, 'number');
  });

  it('filters by kind', async () => {
    assert.deepEqual(sortedIds(await tagged({ kind: 'discussion' })), [fixtures.childrenDiscussion.id]);
  });

  it('filters by organisation', async () => {
    assert.deepEqual(sortedIds(await tagged({ organisation_id: tom.user.organisation.id })), [fixtures.adultsQuestion.id]);
    const southampton = await tagged({ organisation_id: amira.user.organisation.id });
    assert.deepEqual(sortedIds(southampton),
      sortedIds([fixtures.childrenQuestion, fixtures.childrenDiscussion, fixtures.answered]));
    for (const item of southampton) assert.equal(item.author.organisation.id, amira.user.organisation.id);
  });

  it('filters by region', async () => {
    const southEast = await tagged({ region: regionOf[amira.user.id] });
    assert.deepEqual(sortedIds(southEast), sortedIds([fixtures.childrenQuestion, fixtures.childrenDiscussion, fixtures.answered]));
    assert.deepEqual(sortedIds(await tagged({ region: regionOf[tom.user.id] })), [fixtures.adultsQuestion.id]);
    assert.deepEqual(sortedIds(await tagged({ region: regionOf[grace.user.id] })), [fixtures.bothQuestion.id]);
  });

  it('lists the questions addressed to the caller\'s organisation with addressed_to_me', async () => {
    const asked = await forum.createThread(amira, { audience: 'organisations', sector: 'both',
      audience_organisation_ids: [tom.user.organisation.id] });
    const open = await forum.createThread(amira, { sector: 'both' }); // to the whole network
    const addressed = async (session, query = {}) => ids((await forum.listThreads(session,
      { addressed_to_me: 'true', status: 'unanswered', limit: 100, ...query })).items);
    assert.ok((await addressed(tom)).includes(asked.id), 'Wiltshire is asked');
    assert.ok(!(await addressed(tom)).includes(open.id), 'a question to the whole network is not addressed to it');
    assert.ok(!(await addressed(grace)).includes(asked.id), 'Southwark is not asked');
    assert.ok(!(await addressed(amira)).includes(asked.id), 'nor is the asking authority');
    const all = ids((await forum.listThreads(grace, { addressed_to_me: 'false', limit: 100 })).items);
    assert.ok(all.includes(asked.id) && all.includes(open.id), 'false is the same as leaving it out');
  });

  it('finds threads by words of the title with q', async () => {
    assert.deepEqual(sortedIds(await tagged({ q: titleWord })), [fixtures.childrenQuestion.id]);
    assert.deepEqual(ids(await forum.allPages(amira, { q: titleWord }, 100)), [fixtures.childrenQuestion.id]);
  });

  it('combines filters: every one given must match', async () => {
    assert.deepEqual(sortedIds(await tagged({ sector: 'children', status: 'unanswered', kind: 'question' })),
      [fixtures.childrenQuestion.id]);
    assert.deepEqual(await tagged({ sector: 'adults', organisation_id: amira.user.organisation.id }), []);
  });

  it('lists newest activity first: a reply brings a thread to the top', async () => {
    const before = await tagged({});
    for (let i = 1; i < before.length; i += 1) {
      assert.ok(before[i - 1].last_activity_at >= before[i].last_activity_at, 'ordered by last activity, newest first');
    }
    const last = before.at(-1);
    await forum.reply(grace, last.id);
    const afterReply = await tagged({});
    assert.equal(afterReply[0].id, last.id, 'the thread just replied to comes first');
    assert.ok(afterReply[0].last_activity_at >= before[0].last_activity_at);
    assert.equal(afterReply[0].reply_count, last.reply_count + 1);
  });

  it('names a bad parameter in a 422', async () => {
    const cases = [
      ['sector', 'elderly'], ['status', 'closed'], ['kind', 'poll'], ['region', 'E12000010'], ['organisation_id', 'abc'],
      ['organisation_id', '0'], ['limit', '0'], ['limit', '101'], ['limit', 'ten'], ['cursor', 'not-a-cursor'],
      ['q', 'x'.repeat(201)], ['addressed_to_me', 'yes'],
    ];
    for (const [name, value] of cases) {
      const res = await call('GET', routes.threads, { query: { [name]: value }, auth: amira });
      expectInvalidFields(res, [name]);
    }
  });
});

describe('keyset pagination of GET /threads', () => {
  it('gives the same threads in the same order whatever the page size, each once', async () => {
    const tag = uniqueWord('p');
    const created = [];
    for (let i = 0; i < 12; i += 1) created.push(await forum.createThread(i % 2 ? tom : amira, { tags: [tag], sector: i % 2 ? 'adults' : 'children' }));
    const byHundred = ids(await forum.allPages(amira, { tag }, 100));
    assert.deepEqual([...byHundred].sort((a, b) => a - b), sortedIds(created));
    for (const limit of [1, 5, 11]) {
      assert.deepEqual(ids(await forum.allPages(amira, { tag }, limit)), byHundred, `pages of ${limit}`);
    }
    const firstPage = await forum.listThreads(amira, { tag, limit: 5 });
    assert.equal(firstPage.items.length, 5);
    assert.equal(typeof firstPage.next_cursor, 'string');
    const lastPage = await forum.listThreads(amira, { tag, limit: 12 });
    assert.equal(lastPage.next_cursor, null, 'no cursor after the last page');
  });

  it('pages through everything without repeating a thread when all share one activity time', async () => {
    const tag = uniqueWord('s');
    const created = [];
    for (let i = 0; i < 6; i += 1) created.push(await forum.createThread(amira, { tags: [tag] }));
    // Ties on last_activity_at must be broken by id, or a keyset page boundary loses or repeats threads.
    await server.db.query('UPDATE threads SET last_activity_at = $1 WHERE id = ANY($2)',
      ['2026-01-01T00:00:00Z', ids(created)]);
    const paged = ids(await forum.allPages(amira, { tag }, 2));
    assert.deepEqual([...paged].sort((a, b) => a - b), sortedIds(created));
  });

  it('goes on after the same point when the last thread of a page gets a reply before the next page', async () => {
    const tag = uniqueWord('m');
    const created = [];
    for (let i = 0; i < 6; i += 1) created.push(await forum.createThread(amira, { tags: [tag] }));
    const first = await forum.listThreads(amira, { tag, limit: 3 });
    const boundary = first.items[2];
    await forum.reply(tom, boundary.id); // it moves to the top of the list
    const second = await forum.listThreads(amira, { tag, limit: 3, cursor: first.next_cursor });
    const seen = new Set(ids(first.items));
    assert.equal(second.items.length, 3);
    assert.ok(second.items.every((t) => !seen.has(t.id)), 'the second page repeats nothing of the first');
    assert.deepEqual(sortedIds([...first.items, ...second.items]), sortedIds(created));
  });

  it('answers 422 naming the cursor for one it did not give out', async () => {
    const res = await forum.call('GET', routes.threads, { query: { cursor: 'bm90LWEtY3Vyc29y' }, auth: amira });
    assert.equal(res.status, 422);
    assert.ok(res.body.errors.some((e) => e.field === 'cursor'));
  });
});

describe('reading: GET /threads/{id}', () => {
  it('lists the posts oldest first, the opening post first', async () => {
    const thread = await forum.createThread(amira);
    const first = await forum.reply(tom, thread.id);
    const second = await forum.reply(grace, thread.id);
    const read = await forum.getThread(priya, thread.id);
    assert.deepEqual(ids(read.posts), [thread.posts[0].id, first.id, second.id]);
    assert.equal(read.reply_count, 2);
    for (let i = 1; i < read.posts.length; i += 1) assert.ok(read.posts[i - 1].created_at <= read.posts[i].created_at);
  });

  it('counts one view per user, however often they look', async () => {
    const thread = await forum.createThread(amira);
    const views = async () => (await forum.getThread(amira, thread.id)).view_count;
    const start = await views();
    await forum.getThread(tom, thread.id);
    await forum.getThread(tom, thread.id);
    await forum.getThread(tom, thread.id);
    assert.equal(await views(), start + 1, 'three reads by one user count once');
    await forum.getThread(grace, thread.id);
    assert.equal(await views(), start + 2, 'another user counts');
    assert.equal(await views(), start + 2, 'the asker reading again does not count');
  });

  it('answers 404 for a thread that does not exist', async () => {
    expectProblem(await call('GET', routes.thread, { id: 999_999_999, auth: amira }), 404);
  });
});
