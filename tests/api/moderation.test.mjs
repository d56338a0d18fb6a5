// Moderation end to end: flags and the moderators' queue, resolving flags, hiding and unhiding posts (what others,
// the author and moderators then see), locking and unlocking threads, who may do it, and the audit log.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { auditTable, countRows } from '../support/database.mjs';
import { addMember, forumClient, routes, signInDemoUsers, uniqueWord } from '../support/forum.mjs';
import { startServer } from '../support/server.mjs';

let server;
let forum;
let call;
let amira; // member, children
let tom; // member, adults
let grace; // org_admin: no moderation power
let priya; // csw_office: no moderation power
let sam; // network_admin: moderates
let moderator; // a member with the moderator role, added for these tests

before(async () => {
  server = await startServer();
  forum = forumClient(server.baseUrl);
  call = forum.call;
  ({ amira, tom, grace, priya, sam } = await signInDemoUsers(server.baseUrl));
  moderator = await addMember(server, { organisation: 'PSWNET', roles: ['moderator'], sector: 'both' });
});

after(async () => {
  await server?.stop();
});

/** Every flag in the queue with this status, as `session` sees it. */
function queue(session, status) {
  return forum.allPages(session, status ? { status } : {}, 100, routes.moderationFlags);
}

/** A thread by amira with a reply by tom; resolves with {thread, reply}. */
async function threadWithReply(replyBody) {
  const thread = await forum.createThread(amira);
  const reply = await forum.reply(tom, thread.id, replyBody);
  return { thread, reply };
}

const postIn = (thread, postId) => thread.posts.find((post) => post.id === postId);

async function auditRows() {
  return countRows(server.db, await auditTable(server.db));
}

describe('the moderators\' queue: GET /moderation/flags', () => {
  it('is for moderators and network_admins only (403 for members, org_admins and the CSW office; 401 signed out)', async () => {
    for (const session of [amira, grace, priya]) {
      expectProblem(await call('GET', routes.moderationFlags, { auth: session }), 403);
    }
    expectProblem(await call('GET', routes.moderationFlags, {}), 401);
    await call('GET', routes.moderationFlags, { auth: sam, expect: 200 });
    await call('GET', routes.moderationFlags, { auth: moderator, expect: 200 });
  });

  it('lists an open flag with its reason, who flagged it, the post and the thread', async () => {
    const { thread, reply } = await threadWithReply();
    const reason = `Mentions a family by name ${uniqueWord()}`;
    const { id } = (await call('POST', routes.flags, { id: reply.id, json: { reason }, auth: grace, expect: 201 })).body;
    for (const session of [sam, moderator]) {
      const flag = (await queue(session, 'open')).find((f) => f.id === id);
      assert.ok(flag, 'the flag is in the open queue');
      assert.equal(flag.reason, reason);
      assert.equal(flag.flagged_by.id, grace.user.id);
      assert.equal(flag.post.id, reply.id);
      assert.equal(flag.post.body_html, reply.body_html);
      assert.deepEqual(flag.thread, { id: thread.id, title: thread.title });
    }
    assert.ok((await queue(sam)).some((f) => f.id === id), 'open is the default status');
  });

  it('names a bad status in a 422', async () => {
    expectInvalidFields(await call('GET', routes.moderationFlags, { query: { status: 'closed' }, auth: sam }), ['status']);
  });
});

describe('resolving flags: POST /moderation/flags/{id}/resolve', () => {
  it('dismissing takes the flag out of the open queue and leaves the post alone', async () => {
    const { thread, reply } = await threadWithReply();
    const { id } = (await call('POST', routes.flags, { id: reply.id, json: { reason: 'Not sure about this' }, auth: grace, expect: 201 })).body;
    const answer = (await call('POST', routes.resolveFlag, { id, json: { resolution: 'dismissed' }, auth: moderator, expect: 200 })).body;
    assert.deepEqual(answer, { id, resolution: 'dismissed' });
    assert.ok(!(await queue(sam, 'open')).some((f) => f.id === id), 'no longer open');
    const resolved = (await queue(sam, 'resolved')).find((f) => f.id === id);
    assert.ok(resolved, 'in the resolved list');
    if ('resolution' in resolved) assert.equal(resolved.resolution, 'dismissed');
    assert.equal(postIn(await forum.getThread(grace, thread.id), reply.id).hidden, false);
    await call('POST', routes.flags, { id: reply.id, json: { reason: 'Flagging again' }, auth: grace, expect: 201 });
  });

  it('hiding hides the post', async () => {
    const { thread, reply } = await threadWithReply();
    const { id } = (await call('POST', routes.flags, { id: reply.id, json: { reason: 'Identifies a child' }, auth: amira, expect: 201 })).body;
    await call('POST', routes.resolveFlag, { id, json: { resolution: 'hidden' }, auth: sam, expect: 200 });
    const seen = postIn(await forum.getThread(grace, thread.id), reply.id);
    assert.equal(seen.hidden, true);
    assert.equal(seen.body_html, null);
  });

  it('is for moderators only (403); needs a known resolution (422) and flag (404)', async () => {
    const { reply } = await threadWithReply();
    const { id } = (await call('POST', routes.flags, { id: reply.id, json: { reason: 'Off topic' }, auth: grace, expect: 201 })).body;
    expectProblem(await call('POST', routes.resolveFlag, { id, json: { resolution: 'dismissed' }, auth: amira }), 403);
    expectProblem(await call('POST', routes.resolveFlag, { id, json: { resolution: 'dismissed' }, auth: grace }), 403);
    expectInvalidFields(await call('POST', routes.resolveFlag, { id, json: { resolution: 'deleted' }, auth: sam }), ['resolution']);
    expectProblem(await call('POST', routes.resolveFlag, { id: 999_999_999, json: { resolution: 'dismissed' }, auth: sam }), 404);
    assert.ok((await queue(sam, 'open')).some((f) => f.id === id), 'still open');
  });

  it('is audited', async () => {
    const { reply } = await threadWithReply();
    const { id } = (await call('POST', routes.flags, { id: reply.id, json: { reason: 'Check this' }, auth: grace, expect: 201 })).body;
    const before = await auditRows();
    await call('POST', routes.resolveFlag, { id, json: { resolution: 'dismissed' }, auth: sam, expect: 200 });
    assert.ok(await auditRows() > before, 'the resolution is in the audit log');
  });
});

describe('hiding posts: POST /posts/{id}/hide and /unhide', () => {
  it('hides a post from everyone but its author and moderators, and shows it again', async () => {
    const word = uniqueWord();
    const { thread, reply } = await threadWithReply(`Our approach uses ${word} with every family.`);

    const hidden = (await call('POST', routes.hide, { id: reply.id, json: { reason: 'Could identify a family' }, auth: sam, expect: 200 })).body;
    assert.equal(hidden.hidden, true);
    assert.equal(hidden.body_html, reply.body_html, 'the moderator still sees the body');

    for (const session of [amira, grace]) {
      const seen = postIn(await forum.getThread(session, thread.id), reply.id);
      assert.equal(seen.hidden, true);
      assert.equal(seen.body_html, null, 'others do not see the body');
      assert.equal(seen.body_markdown, null);
    }
    const byAuthor = postIn(await forum.getThread(tom, thread.id), reply.id);
    assert.equal(byAuthor.hidden, true);
    assert.equal(byAuthor.body_html, reply.body_html, 'the author still sees it');
    for (const session of [sam, moderator]) {
      assert.equal(postIn(await forum.getThread(session, thread.id), reply.id).body_html, reply.body_html);
    }
    const found = (await call('GET', routes.search, { query: { q: word }, auth: grace, expect: 200 })).body.items;
    assert.ok(!found.some((hit) => hit.post_id === reply.id), 'search does not show others a hidden post');

    const shown = (await call('POST', routes.unhide, { id: reply.id, auth: moderator, expect: 200 })).body;
    assert.equal(shown.hidden, false);
    const again = postIn(await forum.getThread(grace, thread.id), reply.id);
    assert.equal(again.hidden, false);
    assert.equal(again.body_html, reply.body_html);
  });

  it('is for moderators only (403), needs a reason (422), and a post that exists (404)', async () => {
    const { thread, reply } = await threadWithReply();
    expectProblem(await call('POST', routes.hide, { id: reply.id, json: { reason: 'I dislike it' }, auth: amira }), 403);
    expectProblem(await call('POST', routes.hide, { id: reply.id, json: { reason: 'Mine' }, auth: tom }), 403);
    expectInvalidFields(await call('POST', routes.hide, { id: reply.id, json: {}, auth: sam }), ['reason']);
    expectProblem(await call('POST', routes.hide, { id: 999_999_999, json: { reason: 'Gone' }, auth: sam }), 404);
    assert.equal(postIn(await forum.getThread(grace, thread.id), reply.id).hidden, false);
    await call('POST', routes.hide, { id: reply.id, json: { reason: 'Now by a moderator' }, auth: sam, expect: 200 });
    expectProblem(await call('POST', routes.unhide, { id: reply.id, auth: amira }), 403);
    expectProblem(await call('POST', routes.unhide, { id: 999_999_999, auth: sam }), 404);
    assert.equal(postIn(await forum.getThread(grace, thread.id), reply.id).hidden, true);
  });

  it('is audited', async () => {
    const { reply } = await threadWithReply();
    const before = await auditRows();
    await call('POST', routes.hide, { id: reply.id, json: { reason: 'Audit check' }, auth: sam, expect: 200 });
    const afterHide = await auditRows();
    assert.ok(afterHide > before, 'hiding is in the audit log');
    await call('POST', routes.unhide, { id: reply.id, auth: sam, expect: 200 });
    assert.ok(await auditRows() > afterHide, 'unhiding is in the audit log');
  });
});

describe('locking threads: POST /threads/{id}/lock and /unlock', () => {
  it('stops members replying (409) while moderators still may, until unlocked', async () => {
    const thread = await forum.createThread(amira);
    const locked = (await call('POST', routes.lock, { id: thread.id, auth: sam, expect: 200 })).body;
    assert.equal(locked.locked, true);
    assert.equal(locked.id, thread.id);
    assert.equal((await forum.getThread(tom, thread.id)).locked, true);

    expectProblem(await call('POST', routes.posts, { id: thread.id, json: { body: 'A member tries.' }, auth: tom }), 409);
    expectProblem(await call('POST', routes.posts, { id: thread.id, json: { body: 'The asker tries.' }, auth: amira }), 409);
    await forum.reply(sam, thread.id, 'A network admin may still reply.');
    await forum.reply(moderator, thread.id, 'So may a moderator.');
    const listed = (await forum.listThreads(amira, { organisation_id: amira.user.organisation.id, limit: 100 })).items
      .find((t) => t.id === thread.id);
    assert.equal(listed.locked, true, 'lists show the lock');

    const unlocked = (await call('POST', routes.unlock, { id: thread.id, auth: moderator, expect: 200 })).body;
    assert.equal(unlocked.locked, false);
    await forum.reply(tom, thread.id, 'Members may reply again.');
    assert.equal((await forum.getThread(amira, thread.id)).reply_count, 3);
  });

  it('is for moderators only (403, even for the asker), on threads that exist (404)', async () => {
    const thread = await forum.createThread(amira);
    for (const session of [amira, tom, grace, priya]) {
      expectProblem(await call('POST', routes.lock, { id: thread.id, auth: session }), 403);
    }
    assert.equal((await forum.getThread(amira, thread.id)).locked, false);
    await call('POST', routes.lock, { id: thread.id, auth: sam, expect: 200 });
    expectProblem(await call('POST', routes.unlock, { id: thread.id, auth: amira }), 403);
    expectProblem(await call('POST', routes.lock, { id: 999_999_999, auth: sam }), 404);
    expectProblem(await call('POST', routes.unlock, { id: 999_999_999, auth: sam }), 404);
  });

  it('is audited', async () => {
    const thread = await forum.createThread(amira);
    const before = await auditRows();
    await call('POST', routes.lock, { id: thread.id, auth: sam, expect: 200 });
    const afterLock = await auditRows();
    assert.ok(afterLock > before, 'locking is in the audit log');
    await call('POST', routes.unlock, { id: thread.id, auth: sam, expect: 200 });
    assert.ok(await auditRows() > afterLock, 'unlocking is in the audit log');
  });

  it('tells the thread page who may moderate', async () => {
    const thread = await forum.createThread(amira);
    assert.equal((await forum.getThread(sam, thread.id)).can_moderate, true);
    assert.equal((await forum.getThread(moderator, thread.id)).can_moderate, true);
    assert.equal((await forum.getThread(tom, thread.id)).can_moderate, false);
    assert.equal((await forum.getThread(amira, thread.id)).can_moderate, false);
  });
});
