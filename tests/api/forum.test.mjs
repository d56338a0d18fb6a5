// Discussions end to end: asking (fields, kinds, tags, announcements), finding threads (filters, keyset pages),
// reading (views), replying, editing with revisions, accepting answers, reactions, flags, subscriptions,
// notifications (replies, mentions, acceptance, audiences), search and similar questions, safe Markdown, and the
// personal-data guard, against the real pswnet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem, signIn, demoUsers } from '../support/api.mjs';
import { countRows, tablesContaining } from '../support/database.mjs';
import { addMember, forumClient, hasValidNhsCheckDigit, routes, signInDemoUsers, uniqueWord } from '../support/forum.mjs';
import { validateComponent } from '../support/openapi.mjs';
import { startServer } from '../support/server.mjs';

let server;
let forum;
let call;
let amira; // member, children, Southampton
let tom; // member, adults, Wiltshire
let grace; // org_admin + member, both, Southwark
let priya; // csw_office, children
let sam; // network_admin: moderates

before(async () => {
  server = await startServer();
  forum = forumClient(server.baseUrl);
  call = forum.call;
  ({ amira, tom, grace, priya, sam } = await signInDemoUsers(server.baseUrl));
});

after(async () => {
  await server?.stop();
});

const ids = (items) => items.map((item) => item.id);
const sortedIds = (items) => ids(items).sort((a, b) => a - b);

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
      ['q', 'x'.repeat(201)],
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

describe('replying: POST /threads/{id}/posts', () => {
  it('adds a rendered reply, counts it, and subscribes the replier', async () => {
    const thread = await forum.createThread(amira);
    const post = await forum.reply(tom, thread.id, 'We pair each *ASYE* with a practice educator.');
    assert.equal(post.thread_id, thread.id);
    assert.equal(post.is_opening, false);
    assert.equal(post.author.id, tom.user.id);
    assert.match(post.body_html, /<em>ASYE<\/em>/);
    assert.equal(post.can_edit, true);
    assert.equal(post.accepted, false);
    const read = await forum.getThread(tom, thread.id);
    assert.equal(read.reply_count, 1);
    assert.ok(read.last_activity_at >= thread.last_activity_at);
    assert.equal(read.subscribed, true, 'replying subscribes the replier');
    assert.equal(read.status, 'unanswered', 'a reply alone does not answer a question');
  });

  it('refuses an empty or too long body (422) and an unknown thread (404)', async () => {
    const thread = await forum.createThread(amira);
    expectInvalidFields(await call('POST', routes.posts, { id: thread.id, json: { body: '' }, auth: tom }), ['body']);
    expectInvalidFields(await call('POST', routes.posts, { id: thread.id, json: { body: 'y'.repeat(50_001) }, auth: tom }), ['body']);
    expectInvalidFields(await call('POST', routes.posts, { id: thread.id, json: {}, auth: tom }), ['body']);
    expectProblem(await call('POST', routes.posts, { id: 999_999_999, json: { body: 'Hello' }, auth: tom }), 404);
    assert.equal((await forum.getThread(amira, thread.id)).reply_count, 0);
  });
});

describe('editing: PATCH /posts/{id} and revisions', () => {
  it('lets the author edit, keeping the earlier text as a revision', async () => {
    const thread = await forum.createThread(amira, { body: 'First version of the question.' });
    const opening = thread.posts[0];
    const res = await call('PATCH', routes.post, { id: opening.id, json: { body: 'Second version, with **more** detail.' }, auth: amira, expect: 200 });
    const edited = res.body;
    assert.equal(edited.body_markdown, 'Second version, with **more** detail.');
    assert.match(edited.body_html, /<strong>more<\/strong>/);
    assert.notEqual(edited.edited_at, null);
    assert.equal(edited.revision_count, 1);
    const revisions = (await call('GET', routes.revisions, { id: opening.id, auth: amira, expect: 200 })).body.items;
    assert.ok(revisions.length >= 1);
    assert.equal(revisions[0].body_markdown, 'First version of the question.', 'the oldest revision first');
    assert.match(revisions[0].body_html, /First version of the question\./);
    assert.equal(revisions[0].edited_by.id, amira.user.id);
    await call('PATCH', routes.post, { id: opening.id, json: { body: 'Third version.' }, auth: amira, expect: 200 });
    const more = (await call('GET', routes.revisions, { id: opening.id, auth: amira, expect: 200 })).body.items;
    assert.ok(more.some((r) => r.body_markdown === 'Second version, with **more** detail.'));
    assert.equal(more[0].body_markdown, 'First version of the question.');
    for (let i = 1; i < more.length; i += 1) assert.ok(more[i - 1].created_at <= more[i].created_at);
    assert.equal((await forum.getThread(tom, thread.id)).posts[0].body_html.includes('Third version.'), true);
  });

  it('refuses another member (403) and shows them no revisions (403)', async () => {
    const thread = await forum.createThread(amira, { body: 'Original words.' });
    const opening = thread.posts[0];
    expectProblem(await call('PATCH', routes.post, { id: opening.id, json: { body: 'Vandalised.' }, auth: tom }), 403);
    expectProblem(await call('GET', routes.revisions, { id: opening.id, auth: tom }), 403);
    assert.equal((await forum.getThread(amira, thread.id)).posts[0].body_markdown, 'Original words.');
  });

  it('lets a moderator edit any post', async () => {
    const thread = await forum.createThread(amira, { body: 'A body a moderator will tidy.' });
    const res = await call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: 'Tidied by a moderator.' }, auth: sam, expect: 200 });
    assert.equal(res.body.body_markdown, 'Tidied by a moderator.');
    const revisions = (await call('GET', routes.revisions, { id: thread.posts[0].id, auth: sam, expect: 200 })).body.items;
    assert.equal(revisions[0].body_markdown, 'A body a moderator will tidy.');
  });

  it('closes the author\'s edit window after 24 hours; moderators may still edit', async () => {
    const thread = await forum.createThread(amira, { body: 'Posted long ago.' });
    const opening = thread.posts[0];
    await server.db.query("UPDATE posts SET created_at = created_at - interval '25 hours' WHERE id = $1", [opening.id]);
    expectProblem(await call('PATCH', routes.post, { id: opening.id, json: { body: 'Too late.' }, auth: amira }), 403);
    assert.equal((await forum.getThread(amira, thread.id)).posts[0].can_edit, false);
    await call('PATCH', routes.post, { id: opening.id, json: { body: 'A moderator may.' }, auth: sam, expect: 200 });
  });

  it('refuses an empty body (422) and an unknown post (404)', async () => {
    const thread = await forum.createThread(amira);
    expectInvalidFields(await call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: '' }, auth: amira }), ['body']);
    expectProblem(await call('PATCH', routes.post, { id: 999_999_999, json: { body: 'x' }, auth: amira }), 404);
    expectProblem(await call('GET', routes.revisions, { id: 999_999_999, auth: amira }), 404);
  });
});

describe('accepting an answer: POST /threads/{id}/accept', () => {
  it('lets the asker accept a reply, change it, and withdraw it', async () => {
    const thread = await forum.createThread(amira);
    const first = await forum.reply(tom, thread.id);
    const second = await forum.reply(grace, thread.id);
    const asker = await forum.getThread(amira, thread.id);
    assert.equal(asker.posts.find((p) => p.id === first.id).can_accept, true);

    let accepted = (await call('POST', routes.accept, { id: thread.id, json: { post_id: first.id }, auth: amira, expect: 200 })).body;
    assert.equal(accepted.accepted_post_id, first.id);
    assert.equal(accepted.status, 'answered');
    assert.deepEqual(accepted.posts.filter((p) => p.accepted).map((p) => p.id), [first.id]);

    accepted = (await call('POST', routes.accept, { id: thread.id, json: { post_id: second.id }, auth: amira, expect: 200 })).body;
    assert.equal(accepted.accepted_post_id, second.id);
    assert.deepEqual(accepted.posts.filter((p) => p.accepted).map((p) => p.id), [second.id], 'one accepted answer at a time');

    accepted = (await call('POST', routes.accept, { id: thread.id, json: { post_id: null }, auth: amira, expect: 200 })).body;
    assert.equal(accepted.accepted_post_id, null);
    assert.equal(accepted.status, 'unanswered');
    assert.deepEqual(accepted.posts.filter((p) => p.accepted), []);
  });

  it('refuses others (403) but lets a moderator accept', async () => {
    const thread = await forum.createThread(amira);
    const answer = await forum.reply(tom, thread.id);
    assert.equal((await forum.getThread(grace, thread.id)).can_accept, false);
    expectProblem(await call('POST', routes.accept, { id: thread.id, json: { post_id: answer.id }, auth: grace }), 403);
    expectProblem(await call('POST', routes.accept, { id: thread.id, json: { post_id: answer.id }, auth: tom }), 403);
    assert.equal((await forum.getThread(amira, thread.id)).accepted_post_id, null);
    const byModerator = (await call('POST', routes.accept, { id: thread.id, json: { post_id: answer.id }, auth: sam, expect: 200 })).body;
    assert.equal(byModerator.accepted_post_id, answer.id);
  });

  it('is for questions only (422 on a discussion)', async () => {
    const thread = await forum.createThread(amira, { kind: 'discussion' });
    const post = await forum.reply(tom, thread.id);
    expectProblem(await call('POST', routes.accept, { id: thread.id, json: { post_id: post.id }, auth: amira }), 422);
    assert.equal((await forum.getThread(amira, thread.id)).can_accept, false);
  });

  it('answers 404 for an unknown thread', async () => {
    expectProblem(await call('POST', routes.accept, { id: 999_999_999, json: { post_id: null }, auth: amira }), 404);
  });
});

describe('reactions: POST /posts/{id}/reactions', () => {
  it('toggles each kind once per person, and others see the counts', async () => {
    const thread = await forum.createThread(amira);
    const postId = thread.posts[0].id;
    const react = async (session, kind) => (await call('POST', routes.reactions, { id: postId, json: { kind }, auth: session, expect: 200 })).body;

    assert.deepEqual(await react(tom, 'helpful'), { reactions: { helpful: 1, same_here: 0 }, my_reactions: ['helpful'] });
    const both = await react(tom, 'same_here');
    assert.deepEqual(both.reactions, { helpful: 1, same_here: 1 });
    assert.deepEqual([...both.my_reactions].sort(), ['helpful', 'same_here']);
    assert.deepEqual((await react(grace, 'helpful')).reactions, { helpful: 2, same_here: 1 });
    assert.deepEqual(await react(tom, 'helpful'), { reactions: { helpful: 1, same_here: 1 }, my_reactions: ['same_here'] },
      'a second helpful from the same person takes it back');

    const asTom = (await forum.getThread(tom, thread.id)).posts[0];
    assert.deepEqual(asTom.reactions, { helpful: 1, same_here: 1 });
    assert.deepEqual(asTom.my_reactions, ['same_here']);
    const asAmira = (await forum.getThread(amira, thread.id)).posts[0];
    assert.deepEqual(asAmira.reactions, { helpful: 1, same_here: 1 });
    assert.deepEqual(asAmira.my_reactions, []);
  });

  it('refuses a reaction to one\'s own post (422), an unknown kind (422) and an unknown post (404)', async () => {
    const thread = await forum.createThread(amira);
    const postId = thread.posts[0].id;
    expectProblem(await call('POST', routes.reactions, { id: postId, json: { kind: 'helpful' }, auth: amira }), 422);
    expectInvalidFields(await call('POST', routes.reactions, { id: postId, json: { kind: 'like' }, auth: tom }), ['kind']);
    expectProblem(await call('POST', routes.reactions, { id: 999_999_999, json: { kind: 'helpful' }, auth: tom }), 404);
    assert.deepEqual((await forum.getThread(amira, thread.id)).posts[0].reactions, { helpful: 0, same_here: 0 });
  });
});

describe('flags: POST /posts/{id}/flags', () => {
  it('takes one open flag per person per post (409 for a second)', async () => {
    const thread = await forum.createThread(amira);
    const post = await forum.reply(tom, thread.id);
    const flag = (await call('POST', routes.flags, { id: post.id, json: { reason: 'It may identify a family.' }, auth: amira, expect: 201 })).body;
    assert.equal(typeof flag.id, 'number');
    expectProblem(await call('POST', routes.flags, { id: post.id, json: { reason: 'Again.' }, auth: amira }), 409);
    await call('POST', routes.flags, { id: post.id, json: { reason: 'I agree it may identify a family.' }, auth: grace, expect: 201 });
  });

  it('needs a reason of 1 to 500 characters (422) and an existing post (404)', async () => {
    const thread = await forum.createThread(amira);
    const postId = thread.posts[0].id;
    expectInvalidFields(await call('POST', routes.flags, { id: postId, json: { reason: '' }, auth: tom }), ['reason']);
    expectInvalidFields(await call('POST', routes.flags, { id: postId, json: { reason: 'r'.repeat(501) }, auth: tom }), ['reason']);
    expectInvalidFields(await call('POST', routes.flags, { id: postId, json: {}, auth: tom }), ['reason']);
    expectProblem(await call('POST', routes.flags, { id: 999_999_999, json: { reason: 'Why' }, auth: tom }), 404);
    await call('POST', routes.flags, { id: postId, json: { reason: 'r'.repeat(500) }, auth: tom, expect: 201 });
  });
});

describe('following: PUT and DELETE /threads/{id}/subscription', () => {
  it('subscribes and unsubscribes, each idempotent', async () => {
    const thread = await forum.createThread(amira);
    assert.equal((await forum.getThread(grace, thread.id)).subscribed, false);
    await call('PUT', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    await call('PUT', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    assert.equal((await forum.getThread(grace, thread.id)).subscribed, true);
    await call('DELETE', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    await call('DELETE', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    assert.equal((await forum.getThread(grace, thread.id)).subscribed, false);
    await call('DELETE', routes.subscription, { id: thread.id, auth: amira, expect: 204 });
    assert.equal((await forum.getThread(amira, thread.id)).subscribed, false, 'the asker may stop following too');
  });

  it('answers 404 for an unknown thread', async () => {
    expectProblem(await call('PUT', routes.subscription, { id: 999_999_999, auth: grace }), 404);
    expectProblem(await call('DELETE', routes.subscription, { id: 999_999_999, auth: grace }), 404);
  });
});

describe('notifications', () => {
  /** The notifications of `session` about `threadId`, newest first. */
  async function about(session, threadId) {
    const items = await forum.allPages(session, {}, 100, routes.notifications);
    return items.filter((n) => n.thread_id === threadId);
  }

  it('tell followers of a reply, but not the replier, nor those who stopped following', async () => {
    const thread = await forum.createThread(amira);
    await call('PUT', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    const reply = await forum.reply(tom, thread.id);

    const [toAsker] = await about(amira, thread.id);
    assert.ok(toAsker, 'the asker is told of the reply');
    assert.equal(toAsker.kind, 'reply');
    assert.equal(toAsker.post_id, reply.id);
    assert.equal(toAsker.thread_title, thread.title);
    assert.equal(toAsker.actor.id, tom.user.id);
    assert.equal(toAsker.read, false);
    assert.deepEqual((await about(grace, thread.id)).map((n) => n.kind), ['reply'], 'a follower is told');
    assert.deepEqual(await about(tom, thread.id), [], 'the replier is not told of their own reply');

    await call('DELETE', routes.subscription, { id: thread.id, auth: grace, expect: 204 });
    await forum.reply(priya, thread.id);
    assert.equal((await about(grace, thread.id)).length, 1, 'no notification after unsubscribing');
    assert.equal((await about(amira, thread.id)).length, 2);
    assert.equal((await about(tom, thread.id)).length, 1, 'the earlier replier now follows and is told');
  });

  it('tell a member mentioned by @display name', async () => {
    const thread = await forum.createThread(tom, { sector: 'adults' });
    const post = await forum.reply(amira, thread.id, `@${grace.user.display_name} how does Southwark handle this?`);
    const mentions = (await about(grace, thread.id)).filter((n) => n.kind === 'mention');
    assert.equal(mentions.length, 1, `grace (${grace.user.display_name}) is told she was mentioned`);
    assert.equal(mentions[0].post_id, post.id);
    assert.equal(mentions[0].actor.id, amira.user.id);
  });

  it('tell the author of an answer that it was accepted', async () => {
    const thread = await forum.createThread(amira);
    const answer = await forum.reply(tom, thread.id);
    await call('POST', routes.accept, { id: thread.id, json: { post_id: answer.id }, auth: amira, expect: 200 });
    const accepted = (await about(tom, thread.id)).filter((n) => n.kind === 'answer_accepted');
    assert.equal(accepted.length, 1);
    assert.equal(accepted[0].post_id, answer.id);
    assert.equal(accepted[0].actor.id, amira.user.id);
  });

  it('list unread ones, mark some or all read, and count the unread', async () => {
    const reader = await addMember(server, { organisation: 'E06000045', sector: 'children' });
    const thread = await forum.createThread(reader);
    for (const session of [tom, grace, priya]) await forum.reply(session, thread.id);

    let page = await forum.notifications(reader);
    assert.equal(page.items.length, 3);
    assert.equal(page.unread_count, 3);
    assert.ok(page.items[0].id > page.items[2].id, 'newest first');
    await call('POST', routes.notificationsRead, { json: { ids: [page.items[0].id] }, auth: reader, expect: 204 });
    page = await forum.notifications(reader);
    assert.equal(page.unread_count, 2);
    assert.equal(page.items[0].read, true);
    const unread = await forum.notifications(reader, { unread: 'true' });
    assert.deepEqual(ids(unread.items), ids(page.items.slice(1)));
    for (const n of unread.items) assert.equal(n.read, false);


    const byOther = await call('POST', routes.notificationsRead, { json: { ids: [page.items[1].id] }, auth: tom });
    assert.ok([204, 403, 404, 422].includes(byOther.status), `marking another user's notification: ${byOther.status}`);
    assert.equal((await forum.notifications(reader)).unread_count, 2, 'nobody marks another user\'s notifications read');

    await call('POST', routes.notificationsRead, { json: { all: true }, auth: reader, expect: 204 });
    page = await forum.notifications(reader);
    assert.equal(page.unread_count, 0);
    for (const n of page.items) assert.equal(n.read, true);
    assert.deepEqual((await forum.notifications(reader, { unread: 'true' })).items, []);
  });

  it('page the same whatever the page size', async () => {
    const byHundred = ids(await forum.allPages(amira, {}, 100, routes.notifications));
    assert.ok(byHundred.length >= 3, 'amira has had several notifications by now');
    assert.deepEqual(ids(await forum.allPages(amira, {}, 2, routes.notifications)), byHundred);
  });

  it('refuse a read request naming neither ids nor all (422)', async () => {
    expectProblem(await call('POST', routes.notificationsRead, { json: {}, auth: amira }), 422);
    expectInvalidFields(await call('POST', routes.notificationsRead, { json: { ids: 'all' }, auth: amira }), ['ids']);
  });
});

describe('questions addressed to an audience', () => {
  let portsmouth; // a member at Portsmouth: a statistical neighbour of Southampton, in the same region
  let wiltshire; // Tom, at Wiltshire: neither

  before(async () => {
    portsmouth = await addMember(server, { organisation: 'E06000044', sector: 'children' });
    wiltshire = tom;
  });

  async function neighbourIds(group) {
    const res = await forum.api.get(`/api/v1/organisations/${amira.user.organisation.id}/neighbours?group=${group}`, { auth: amira });
    assert.equal(res.status, 200, res.text);
    return res.body.items.map((n) => n.organisation.id).sort((a, b) => a - b);
  }

  for (const [audience, group] of [['statistical_neighbours', 'statistical'], ['region', 'region']]) {
    it(`${audience}: shows the organisations and notifies their members`, async () => {
      const thread = await forum.createThread(amira, { audience });
      assert.equal(thread.audience, audience);
      assert.deepEqual(sortedIds(thread.audience_organisations), await neighbourIds(group));
      assert.equal((await forum.getThread(tom, thread.id)).audience, audience, 'the thread shows its audience to all');
      const told = (await forum.notifications(portsmouth)).items.filter((n) => n.thread_id === thread.id);
      assert.deepEqual(told.map((n) => n.kind), ['audience_question']);
      assert.equal(told[0].actor.id, amira.user.id);
      const notTold = (await forum.notifications(wiltshire)).items.filter((n) => n.thread_id === thread.id);
      assert.deepEqual(notTold, [], 'members outside the audience are not notified');
    });
  }

  it('network: notifies nobody beyond followers and has no audience organisations', async () => {
    const thread = await forum.createThread(amira);
    assert.deepEqual(thread.audience_organisations, []);
    assert.deepEqual((await forum.notifications(portsmouth)).items.filter((n) => n.thread_id === thread.id), []);
  });
});

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

  it('matches other forms of a word (English stemming)', async () => {
    const stem = uniqueWord('plan'); // a vowel, so that the English stemmer takes -ing and -ed off
    const stemmed = await forum.createThread(amira, { title: `Training on ${stem}ing for new staff` });
    const { items } = await search({ q: `${stem}ed` });
    assert.ok(items.some((hit) => hit.thread_id === stemmed.id), `searching ${stem}ed finds ${stem}ing`);
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

describe('the personal-data guard', () => {
  const validNhs = '943 476 5919';
  const invalidNhs = '943 476 5918';

  const discussionTables = ['threads', 'posts', 'post_revisions', 'events', 'notifications'];

  async function counts() {
    return Object.fromEntries(await Promise.all(discussionTables.map(async (t) => [t, await countRows(server.db, t)])));
  }

  /**
   * Sends a request that must be refused with `type`, naming `findings` ([field, kind] pairs), and checks that
   * nothing was stored: no row in the discussion tables, and neither the marker word nor the finding anywhere.
   */
  async function expectRefused(send, { type, findings, marker, secret }) {
    const before = await counts();
    const res = await send();
    const problem = expectProblem(res, 422, { type });
    validateComponent('PersonalDataProblem', problem);
    for (const [field, kind] of findings) {
      assert.ok(problem.errors.some((e) => e.field === field && e.kind === kind), `no ${kind} in ${field}: ${res.text}`);
    }
    if (secret) {
      const digits = secret.replace(/\W/g, '');
      assert.ok(!res.text.includes(secret) && !res.text.includes(digits), `the problem repeats what it found: ${res.text}`);
    }
    assert.deepEqual(await counts(), before, 'nothing stored');
    if (marker) assert.deepEqual(await tablesContaining(server.db, marker), [], 'the refused text is nowhere in the database');
    return problem;
  }

  const threadJson = (fields) => ({ title: `A question ${uniqueWord()}`, body: 'Body.', sector: 'children', kind: 'question', ...fields });

  it('uses numbers whose check digits are what this test says', () => {
    assert.equal(hasValidNhsCheckDigit(validNhs), true);
    assert.equal(hasValidNhsCheckDigit(invalidNhs), false);
  });

  it('refuses a valid NHS number in a body or a title, confirmed or not, and stores nothing', async () => {
    for (const [fields, field, secret] of [
      [{ body: `The child's NHS number is ${validNhs}.` }, 'body', validNhs],
      [{ body: 'NHS no 9434765919, please advise.' }, 'body', '9434765919'],
      [{ title: `Query about 943-476-5919` }, 'title', '943-476-5919'],
      [{ body: `See ${validNhs}.`, confirm_personal_data: true }, 'body', validNhs],
    ]) {
      const marker = uniqueWord();
      const problem = await expectRefused(
        () => call('POST', routes.threads, { json: threadJson({ ...fields, [field]: `${fields[field]} ${marker}` }), auth: amira }),
        { type: '/problems/personal-data', findings: [[field, 'nhs_number']], marker, secret });
      assert.match(problem.errors.find((e) => e.kind === 'nhs_number').message, /NHS number/);
    }
  });

  it('refuses an NHS number in a reply and in an edit, leaving the post as it was', async () => {
    const thread = await forum.createThread(amira, { body: 'Clean body.' });
    const marker = uniqueWord();
    await expectRefused(() => call('POST', routes.posts, { id: thread.id, json: { body: `${marker} ${validNhs}` }, auth: tom }),
      { type: '/problems/personal-data', findings: [['body', 'nhs_number']], marker, secret: validNhs });
    await expectRefused(
      () => call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: `${marker} ${validNhs}`, confirm_personal_data: true }, auth: amira }),
      { type: '/problems/personal-data', findings: [['body', 'nhs_number']], marker, secret: validNhs });
    const read = await forum.getThread(amira, thread.id);
    assert.equal(read.posts[0].body_markdown, 'Clean body.');
    assert.equal(read.posts[0].revision_count, 0);
    assert.equal(read.reply_count, 0);
  });

  it('accepts ten digits whose check digit is not an NHS one', async () => {
    const thread = await forum.createThread(amira, { body: `Our policy index reference is ${invalidNhs}.` });
    assert.match(thread.posts[0].body_markdown, /943 476 5918/);
  });

  it('refuses a National Insurance number', async () => {
    await expectRefused(() => call('POST', routes.threads, { json: threadJson({ body: 'Her NI number is AB 12 34 56 C.' }), auth: amira }),
      { type: '/problems/personal-data', findings: [['body', 'ni_number']], secret: 'AB 12 34 56 C' });
    await expectRefused(() => call('POST', routes.threads, { json: threadJson({ title: 'NI AB123456C query' }), auth: amira }),
      { type: '/problems/personal-data', findings: [['title', 'ni_number']], secret: 'AB123456C' });
  });

  it('names every finding with its field', async () => {
    await expectRefused(
      () => call('POST', routes.threads, { json: threadJson({ title: 'About AB123456C', body: `Number ${validNhs}` }), auth: amira }),
      { type: '/problems/personal-data', findings: [['title', 'ni_number'], ['body', 'nhs_number']] });
  });

  it('refuses what must be refused even when warnings are confirmed', async () => {
    await expectRefused(
      () => call('POST', routes.threads, { json: threadJson({ body: `At SO14 7LY, ${validNhs}`, confirm_personal_data: true }), auth: amira }),
      { type: '/problems/personal-data', findings: [['body', 'nhs_number']] });
  });

  for (const [what, text, kind] of [
    ['a full postcode', 'The family moved to SO14 7LY last year.', 'postcode'],
    ['a phone number', 'Call the carer on 01632 960 001 after six.', 'phone_number'],
    ['a mobile number', 'Text 07700 900123 if urgent.', 'phone_number'],
    ['a date of birth', 'The young person (DOB 12/03/2015) was placed out of area.', 'date_of_birth'],
  ]) {
    it(`asks the author to confirm ${what}, and stores it once confirmed`, async () => {
      const marker = uniqueWord();
      const json = threadJson({ body: `${text} ${marker}` });
      await expectRefused(() => call('POST', routes.threads, { json, auth: amira }),
        { type: '/problems/personal-data-warning', findings: [['body', kind]], marker });
      await expectRefused(() => call('POST', routes.threads, { json: { ...json, confirm_personal_data: false }, auth: amira }),
        { type: '/problems/personal-data-warning', findings: [['body', kind]], marker });
      const thread = (await call('POST', routes.threads, { json: { ...json, confirm_personal_data: true }, auth: amira, expect: 201 })).body;
      assert.equal(thread.posts[0].body_markdown, json.body);
    });
  }

  it('asks for confirmation in replies and edits too', async () => {
    const thread = await forum.createThread(amira, { body: 'Clean body.' });
    const body = 'Ring 01632 960 001 for the duty desk.';
    await expectRefused(() => call('POST', routes.posts, { id: thread.id, json: { body }, auth: tom }),
      { type: '/problems/personal-data-warning', findings: [['body', 'phone_number']] });
    await call('POST', routes.posts, { id: thread.id, json: { body, confirm_personal_data: true }, auth: tom, expect: 201 });
    const edit = 'Our office is at SO14 7LY.';
    await expectRefused(() => call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: edit }, auth: amira }),
      { type: '/problems/personal-data-warning', findings: [['body', 'postcode']] });
    await call('PATCH', routes.post, { id: thread.posts[0].id, json: { body: edit, confirm_personal_data: true }, auth: amira, expect: 200 });
  });
});
