// Meetings, minutes and actions end to end against the real pswnet. A regional network's owner arranges a meeting in
// Europe/London time with a paper from the group's library; members from two authorities answer, the organiser sees
// the counts and who is coming, a change and a cancellation reach those going and the calendars (SEQUENCE,
// METHOD:CANCEL); minutes become a discussion of the group found by search; actions have owners, due dates and a done
// state. Reminders go once, as of a given time. The .ics files and the personal feed are read back with ical.js, a
// real iCalendar parser; the feed's secret is revocable. Meetings and actions are the group's content: the privacy
// matrix and the group channel (live and replayed with since) follow the group's. Bad input is refused, naming each
// field, and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { expectInvalidFields, expectProblem } from '../support/api.mjs';
import { addMember, isAbout, startForumServer, uniqueWord } from '../support/forum.mjs';
import { libraryClient } from '../support/library.mjs';
import { expectDocumented } from '../support/openapi.mjs';
import { eventTimeoutMs, nextEvent, socketsClosedAfterEachTest, subscribed } from '../support/realtime.mjs';
import { runPswnetOk } from '../support/server.mjs';
import { subscribe } from '../support/websocket.mjs';

const routes = {
  groups: '/api/v1/groups',
  members: '/api/v1/groups/{id}/members',
  meetings: '/api/v1/groups/{id}/meetings',
  actions: '/api/v1/groups/{id}/actions',
  meeting: '/api/v1/meetings/{id}',
  cancel: '/api/v1/meetings/{id}/cancel',
  rsvp: '/api/v1/meetings/{id}/rsvp',
  attendees: '/api/v1/meetings/{id}/attendees',
  minutes: '/api/v1/meetings/{id}/minutes',
  ics: '/api/v1/meetings/{id}/meeting.ics',
  action: '/api/v1/actions/{id}',
  feed: '/api/v1/me/calendar-feed',
  feedFile: '/api/v1/calendar-feeds/{token}/meetings.ics',
  thread: '/api/v1/threads/{id}',
  search: '/api/v1/search',
};

let server, forum, amira, tom, sam;
/** A restricted network Amira owns, with Pippa (Portsmouth) and Wren (Isle of Wight) as members; Tom is not in it. */
let network, pippa, wren;
const connect = socketsClosedAfterEachTest(() => server);

/** call(method, template, {params, query, json, auth, expect}); every answer must be as documented. */
async function call(method, template, { params = {}, query, json, auth, expect } = {}) {
  let target = template;
  for (const [name, value] of Object.entries(params)) target = target.replace(`{${name}}`, encodeURIComponent(value));
  if (query) target += `?${new URLSearchParams(query)}`;
  const res = await forum.api.request(method, target, { json, auth });
  if (expect !== undefined) assert.equal(res.status, expect, `${method} ${target} answered ${res.status}: ${res.text.slice(0, 800)}`);
  expectDocumented(res, method, template);
  return res;
}

const meetingJson = (fields = {}) => ({
  title: `South East network meeting ${uniqueWord()}`,
  date: '2027-07-15',
  start_time: '10:00',
  end_time: '12:30',
  location: 'Civic Centre, Committee Room 2',
  agenda: '1. Welcome\n2. **Caseload review**\n3. Any other business',
  ...fields,
});
const arrange = async (auth, groupId, fields) =>
  (await call('POST', routes.meetings, { params: { id: groupId }, auth, json: meetingJson(fields), expect: 201 })).body;
const getMeeting = async (auth, id, expect = 200) => (await call('GET', routes.meeting, { params: { id }, auth, expect })).body;
const answer = async (auth, id, reply, expect = 200) =>
  (await call('PUT', routes.rsvp, { params: { id }, auth, json: { answer: reply }, expect })).body;
const notificationsAbout = async (auth, type, id) => (await forum.notifications(auth)).items.filter(isAbout(type, id));
const newGroup = async (privacy) => {
  const g = (await call('POST', routes.groups, { auth: sam, expect: 201,
    json: { name: `Meeting group ${uniqueWord()}`, kind: 'interest', privacy, sector: 'both' } })).body;
  await call('POST', routes.members, { params: { id: g.id }, auth: sam, json: { person_id: amira.user.id, role: 'owner' }, expect: 201 });
  await call('POST', routes.members, { params: { id: g.id }, auth: sam, json: { person_id: pippa.user.id }, expect: 201 });
  await call('DELETE', '/api/v1/groups/{id}/members/{person_id}', { params: { id: g.id, person_id: sam.user.id }, auth: sam, expect: 204 });
  return g;
};

/** The one VEVENT of an iCalendar text, parsed by ical.js, with the calendar's METHOD. */
function parseCalendar(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, 'vcalendar');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  return { method: calendar.getFirstPropertyValue('method'), events: calendar.getAllSubcomponents('vevent') };
}
const eventFields = (vevent) => ({
  uid: vevent.getFirstPropertyValue('uid'),
  sequence: vevent.getFirstPropertyValue('sequence'),
  summary: vevent.getFirstPropertyValue('summary'),
  location: vevent.getFirstPropertyValue('location'),
  status: vevent.getFirstPropertyValue('status'),
  start: vevent.getFirstPropertyValue('dtstart').toJSDate().toISOString(),
  end: vevent.getFirstPropertyValue('dtend').toJSDate().toISOString(),
  description: vevent.getFirstPropertyValue('description'),
});
async function meetingFile(auth, id) {
  const res = await call('GET', routes.ics, { params: { id }, auth, expect: 200 });
  assert.match(res.headers.get('content-type'), /^text\/calendar/);
  assert.match(res.headers.get('content-disposition'), new RegExp(`attachment; filename="meeting-${id}\\.ics"`));
  const { method, events } = parseCalendar(res.text);
  assert.equal(events.length, 1);
  return { method, ...eventFields(events[0]) };
}
const sameInstant = (a, b) => assert.equal(new Date(a).toISOString(), new Date(b).toISOString());

before(async () => {
  ({ server, forum, amira, tom, sam } = await startForumServer());
  [pippa, wren] = await Promise.all([addMember(server, { organisation: 'E06000044', sector: 'children' }),
    addMember(server, { organisation: 'E06000046', sector: 'children' })]);
  network = (await call('GET', routes.groups, { auth: sam, query: { q: 'South East children', kind: 'regional_network' }, expect: 200 }))
    .body.items[0];
  for (const [who, role] of [[amira, 'owner'], [pippa, 'member'], [wren, 'member']]) {
    await call('POST', routes.members, { params: { id: network.id }, auth: sam, json: { person_id: who.user.id, role }, expect: 201 });
  }
});
after(() => server?.stop());

describe('arranging a meeting', () => {
  it('keeps the date and times in Europe/London, summer and winter, with the agenda rendered and a paper', async () => {
    const library = libraryClient(server.baseUrl);
    const paper = await library.create(amira, { title: `Caseload review paper ${uniqueWord()}`, visibility: 'group',
      group_id: network.id });
    const summer = await arrange(amira, network.id, { paper_ids: [paper.id] });
    assert.equal(summer.date, '2027-07-15');
    assert.equal(summer.start_time, '10:00');
    assert.equal(summer.end_time, '12:30');
    sameInstant(summer.starts_at, '2027-07-15T09:00:00Z'); // British Summer Time
    sameInstant(summer.ends_at, '2027-07-15T11:30:00Z');
    assert.equal(summer.organiser.id, amira.user.id);
    assert.equal(summer.status, 'scheduled');
    assert.equal(summer.sequence, 0);
    assert.deepEqual(summer.rsvp_counts, { going: 0, maybe: 0, not_going: 0 });
    assert.match(summer.agenda_html, /<strong>Caseload review<\/strong>/);
    assert.deepEqual(summer.papers.map((p) => [p.resource_id, p.title]), [[paper.id, paper.title]]);
    assert.equal(summer.can_manage, true);
    assert.equal(summer.group.id, network.id);

    const winter = await arrange(amira, network.id, { date: '2027-01-14', start_time: '14:00', end_time: '15:00',
      location: '', online_url: 'https://meet.example.org/south-east' });
    sameInstant(winter.starts_at, '2027-01-14T14:00:00Z'); // Greenwich Mean Time
    assert.equal(winter.online_url, 'https://meet.example.org/south-east');

    const listed = (await call('GET', routes.meetings, { params: { id: network.id }, auth: pippa, expect: 200 })).body.items;
    const mine = listed.filter((m) => [summer.id, winter.id].includes(m.id));
    assert.deepEqual(mine.map((m) => m.id), [winter.id, summer.id], 'upcoming, soonest first');
    assert.ok(mine.every((m) => m.can_rsvp && !m.can_manage), 'a member answers but does not manage');

    const told = await notificationsAbout(pippa, 'meeting', summer.id);
    assert.equal(told.length, 1, 'each member is told of a new meeting');
    assert.equal(told[0].kind, 'meeting');
    assert.equal(told[0].subject.title, `New meeting: ${summer.title} (Thursday 15 July 2027, 10:00 to 12:30)`);
    assert.equal(told[0].subject.link, `/groups/${network.id}/meetings/${summer.id}`);
    assert.deepEqual(await notificationsAbout(amira, 'meeting', summer.id), [], 'not the organiser');
    assert.deepEqual(await notificationsAbout(tom, 'meeting', summer.id), [], 'not someone outside the group');
  });

  it('refuses bad input, naming each field, and changes nothing', async () => {
    const before = (await call('GET', routes.meetings, { params: { id: network.id }, auth: amira, expect: 200 })).body.items.length;
    const theirs = await libraryClient(server.baseUrl).create(amira, { title: `Southampton only ${uniqueWord()}`,
      visibility: 'organisation' });
    for (const [json, fields] of [
      [{}, ['title', 'date', 'start_time', 'end_time', 'location']],
      [meetingJson({ title: ' ', date: '2027-02-30', start_time: '25:00', end_time: '9am' }), ['title', 'date', 'start_time', 'end_time']],
      [meetingJson({ start_time: '12:00', end_time: '11:00' }), ['end_time']],
      [meetingJson({ location: '', online_url: 'http://meet.example.org/x' }), ['online_url']],
      [meetingJson({ location: '  ' }), ['location']],
      [meetingJson({ agenda: 'x'.repeat(20_001), location: 'y'.repeat(301) }), ['agenda', 'location']],
      [meetingJson({ paper_ids: [theirs.id, 99_999_999] }), ['paper_ids[0]', 'paper_ids[1]']],
      [meetingJson({ paper_ids: 'all' }), ['paper_ids']],
    ]) {
      expectInvalidFields(await call('POST', routes.meetings, { params: { id: network.id }, auth: amira, json }), fields);
    }
    expectProblem(await call('POST', routes.meetings, { params: { id: network.id }, auth: pippa, json: meetingJson() }), 403);
    expectProblem(await call('POST', routes.meetings, { params: { id: 99_999_999 }, auth: sam, json: meetingJson() }), 404);
    const after = (await call('GET', routes.meetings, { params: { id: network.id }, auth: amira, expect: 200 })).body.items.length;
    assert.equal(after, before);
  });
});

describe('answers, changes and cancellations', () => {
  it('counts answers from two authorities, shows the organiser who is coming, and tells them of a change', async () => {
    const m = await arrange(amira, network.id);
    assert.equal((await answer(pippa, m.id, 'going')).my_rsvp, 'going');
    await answer(wren, m.id, 'going');
    const changedMind = await answer(wren, m.id, 'maybe');
    assert.deepEqual(changedMind.rsvp_counts, { going: 1, maybe: 1, not_going: 0 });
    assert.equal(changedMind.can_manage, false);
    expectInvalidFields(await call('PUT', routes.rsvp, { params: { id: m.id }, auth: pippa, json: { answer: 'yes' } }), ['answer']);
    expectProblem(await call('PUT', routes.rsvp, { params: { id: m.id }, auth: tom, json: { answer: 'going' } }), 404);
    expectProblem(await call('GET', routes.attendees, { params: { id: m.id }, auth: pippa }), 403);
    const coming = (await call('GET', routes.attendees, { params: { id: m.id }, auth: amira, expect: 200 })).body.items;
    assert.deepEqual(coming.map((a) => [a.id, a.answer]), [[pippa.user.id, 'going'], [wren.user.id, 'maybe']]);
    assert.deepEqual(coming.map((a) => a.organisation.code), ['E06000044', 'E06000046']);

    const first = await meetingFile(pippa, m.id);
    assert.equal(first.method, 'PUBLISH');
    assert.equal(first.sequence, 0);
    assert.equal(first.summary, m.title);
    assert.equal(first.location, m.location);
    assert.equal(first.status, 'CONFIRMED');
    sameInstant(first.start, m.starts_at);
    assert.match(first.description, /Caseload review/);

    const moved = (await call('PATCH', routes.meeting, { params: { id: m.id }, auth: amira,
      json: { start_time: '13:00', end_time: '15:00' }, expect: 200 })).body;
    assert.equal(moved.sequence, 1);
    sameInstant(moved.starts_at, '2027-07-15T12:00:00Z');
    assert.equal(moved.title, m.title, 'what the change does not name stays');
    const second = await meetingFile(pippa, m.id);
    assert.equal(second.uid, first.uid, 'the same event, so calendars update it in place');
    assert.equal(second.sequence, 1);
    sameInstant(second.start, '2027-07-15T12:00:00Z');
    for (const who of [pippa, wren]) {
      assert.ok((await notificationsAbout(who, 'meeting', m.id)).some((n) =>
        n.subject.title === `Changed: ${m.title} (Thursday 15 July 2027, 13:00 to 15:00)`), 'those coming are told');
    }
    expectInvalidFields(await call('PATCH', routes.meeting, { params: { id: m.id }, auth: amira, json: { end_time: '12:00' } }),
      ['end_time']);
    expectProblem(await call('PATCH', routes.meeting, { params: { id: m.id }, auth: pippa, json: { title: 'Ours now' } }), 403);
  });

  it('cancels: calendars get METHOD:CANCEL, those coming are told, and nobody answers any more', async () => {
    const m = await arrange(amira, network.id);
    await answer(pippa, m.id, 'going');
    await answer(wren, m.id, 'not_going');
    expectProblem(await call('POST', routes.cancel, { params: { id: m.id }, auth: pippa }), 403);
    const cancelled = (await call('POST', routes.cancel, { params: { id: m.id }, auth: amira,
      json: { reason: 'Too few can come before the holidays.' }, expect: 200 })).body;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancel_reason, 'Too few can come before the holidays.');
    assert.equal(cancelled.sequence, 1);
    const file = await meetingFile(pippa, m.id);
    assert.equal(file.method, 'CANCEL');
    assert.equal(file.status, 'CANCELLED');
    assert.equal(file.sequence, 1);
    assert.ok((await notificationsAbout(pippa, 'meeting', m.id)).some((n) => n.subject.title.startsWith(`Cancelled: ${m.title}`)));
    assert.ok(!(await notificationsAbout(wren, 'meeting', m.id)).some((n) => n.subject.title.startsWith('Cancelled')),
      'not those who said they would not come');
    expectProblem(await call('POST', routes.cancel, { params: { id: m.id }, auth: amira }), 409);
    expectProblem(await call('PUT', routes.rsvp, { params: { id: m.id }, auth: pippa, json: { answer: 'maybe' } }), 409);
    expectProblem(await call('PATCH', routes.meeting, { params: { id: m.id }, auth: amira, json: { title: 'Back on' } }), 409);
    assert.equal((await getMeeting(pippa, m.id)).can_rsvp, false);
  });
});

describe('minutes and actions', () => {
  it('posts the minutes once the meeting has started, as a discussion of the group that search finds', async () => {
    const upcoming = await arrange(amira, network.id);
    expectProblem(await call('POST', routes.minutes, { params: { id: upcoming.id }, auth: amira, json: { body: 'Too soon.' } }), 409);
    const held = await arrange(amira, network.id, { date: '2026-11-02' });
    const word = uniqueWord('minutes');
    expectProblem(await call('POST', routes.minutes, { params: { id: held.id }, auth: pippa, json: { body: 'Mine.' } }), 403);
    expectInvalidFields(await call('POST', routes.minutes, { params: { id: held.id }, auth: amira, json: { body: '' } }), ['body']);
    const minuted = (await call('POST', routes.minutes, { params: { id: held.id }, auth: amira,
      json: { body: `Present: eight authorities. Agreed to share ${word} audit tools.` }, expect: 201 })).body;
    assert.ok(minuted.minutes_thread_id);
    expectProblem(await call('POST', routes.minutes, { params: { id: held.id }, auth: amira, json: { body: 'Again.' } }), 409);

    const thread = (await call('GET', routes.thread, { params: { id: minuted.minutes_thread_id }, auth: pippa, expect: 200 })).body;
    assert.equal(thread.title, `Minutes: ${held.title}, 2026-11-02`);
    assert.equal(thread.group.id, network.id);
    expectProblem(await call('GET', routes.thread, { params: { id: minuted.minutes_thread_id }, auth: tom }), 404);
    const found = async (auth) => (await call('GET', routes.search, { query: { q: word }, auth, expect: 200 })).body.items
      .some((hit) => hit.thread_id === minuted.minutes_thread_id);
    assert.equal(await found(pippa), true, 'members find the minutes');
    assert.equal(await found(tom), false, 'others do not');
    const past = (await call('GET', routes.meetings, { params: { id: network.id }, auth: pippa, query: { when: 'past' }, expect: 200 }))
      .body.items;
    assert.ok(past.some((m) => m.id === held.id && m.minutes_thread_id === minuted.minutes_thread_id));
    expectProblem(await call('PUT', routes.rsvp, { params: { id: held.id }, auth: pippa, json: { answer: 'going' } }), 409);
  });

  it('gives actions to members, tells their owners, lists the open ones, and lets owners mark them done', async () => {
    const held = await arrange(amira, network.id, { date: '2026-11-03' });
    const json = { title: `Circulate the ${uniqueWord()} audit tool`, owner_id: pippa.user.id, due_on: '2027-01-29', meeting_id: held.id };
    for (const [bad, fields] of [
      [{}, ['title', 'owner_id', 'due_on']],
      [{ ...json, owner_id: tom.user.id, due_on: '2027-13-01' }, ['owner_id', 'due_on']],
      [{ ...json, title: 'x'.repeat(301) }, ['title']],
    ]) {
      expectInvalidFields(await call('POST', routes.actions, { params: { id: network.id }, auth: amira, json: bad }), fields);
    }
    const elsewhere = await arrange(amira, (await newGroup('open')).id);
    expectInvalidFields(await call('POST', routes.actions, { params: { id: network.id }, auth: amira,
      json: { ...json, meeting_id: elsewhere.id } }), ['meeting_id']);
    expectProblem(await call('POST', routes.actions, { params: { id: network.id }, auth: pippa, json }), 403);

    const given = (await call('POST', routes.actions, { params: { id: network.id }, auth: amira, json, expect: 201 })).body;
    assert.equal(given.owner.id, pippa.user.id);
    assert.deepEqual(given.meeting, { id: held.id, title: held.title });
    assert.equal(given.done, false);
    const [told] = await notificationsAbout(pippa, 'group_action', given.id);
    assert.equal(told.kind, 'group_action');
    assert.equal(told.subject.title, `Action for you in ${network.name}: ${json.title} (due 29 January 2027)`);
    assert.equal(told.subject.link, `/groups/${network.id}/actions#action-${given.id}`);

    const open = (await call('GET', routes.actions, { params: { id: network.id }, auth: wren, expect: 200 })).body.items;
    const listed = open.find((a) => a.id === given.id);
    assert.equal(listed.can_complete, false, 'only its owner and the group\'s owners mark it done');
    expectProblem(await call('GET', routes.actions, { params: { id: network.id }, auth: tom }), 403);
    expectProblem(await call('PATCH', routes.action, { params: { id: given.id }, auth: wren, json: { done: true } }), 403);
    expectProblem(await call('PATCH', routes.action, { params: { id: given.id }, auth: pippa, json: { title: 'Easier' } }), 403);
    expectProblem(await call('PATCH', routes.action, { params: { id: given.id }, auth: tom, json: { done: true } }), 404);

    const done = (await call('PATCH', routes.action, { params: { id: given.id }, auth: pippa, json: { done: true }, expect: 200 })).body;
    assert.equal(done.done, true);
    assert.ok(done.done_at);
    const stillOpen = (await call('GET', routes.actions, { params: { id: network.id }, auth: wren, expect: 200 })).body.items;
    assert.ok(!stillOpen.some((a) => a.id === given.id), 'a done action leaves the open list');
    const doneList = (await call('GET', routes.actions, { params: { id: network.id }, auth: wren, query: { state: 'done' }, expect: 200 }))
      .body.items;
    assert.ok(doneList.some((a) => a.id === given.id));
    expectInvalidFields(await call('GET', routes.actions, { params: { id: network.id }, auth: wren, query: { state: 'late' } }), ['state']);

    const reassigned = (await call('PATCH', routes.action, { params: { id: given.id }, auth: amira,
      json: { owner_id: wren.user.id, done: false }, expect: 200 })).body;
    assert.equal(reassigned.owner.id, wren.user.id);
    assert.equal(reassigned.done, false);
    assert.equal((await notificationsAbout(wren, 'group_action', given.id)).length, 1, 'the new owner is told');
  });
});

describe('reminders', () => {
  it('reminds those coming a day before, and an action\'s owner the day before it is due and on the day, once each', async () => {
    const m = await arrange(amira, network.id, { date: '2030-03-12' });
    await answer(pippa, m.id, 'going');
    await answer(wren, m.id, 'not_going');
    const action = (await call('POST', routes.actions, { params: { id: network.id }, auth: amira, expect: 201,
      json: { title: `Book the ${uniqueWord()} venue`, owner_id: pippa.user.id, due_on: '2030-03-20' } })).body;
    const run = async (at) => (await runPswnetOk(['reminders', 'run', '--at', at],
      { env: { PSWNET_DATABASE_URL: server.databaseUrl } })).stdout;
    const reminders = async (who, type, id, kind) => (await notificationsAbout(who, type, id)).filter((n) => n.kind === kind);

    assert.match(await run('2030-03-10T09:00:00Z'), /0 meeting\(s\) and 0 action\(s\)/, 'two days before, nothing is due');
    assert.match(await run('2030-03-11T12:00:00Z'), /1 meeting\(s\)/);
    const [reminded] = await reminders(pippa, 'meeting', m.id, 'meeting_reminder');
    assert.equal(reminded.subject.title, `Reminder: ${m.title} (Tuesday 12 March 2030, 10:00 to 12:30)`);
    assert.deepEqual(await reminders(wren, 'meeting', m.id, 'meeting_reminder'), [], 'not those not going');
    await run('2030-03-11T18:00:00Z');
    assert.equal((await reminders(pippa, 'meeting', m.id, 'meeting_reminder')).length, 1, 'once');

    await run('2030-03-19T08:00:00Z');
    await run('2030-03-19T16:00:00Z');
    assert.deepEqual((await reminders(pippa, 'group_action', action.id, 'group_action')).map((n) => n.subject.title).sort(),
      [`Action for you in ${network.name}: ${action.title} (due 20 March 2030)`, `Due tomorrow: ${action.title}`].sort());
    await run('2030-03-20T08:00:00Z');
    assert.ok((await reminders(pippa, 'group_action', action.id, 'group_action')).some((n) => n.subject.title === `Due today: ${action.title}`));
    await call('PATCH', routes.action, { params: { id: action.id }, auth: pippa, json: { done: true }, expect: 200 });
    assert.match(await run('2030-03-20T09:00:00Z'), /0 action\(s\)/);
  });
});

describe('the calendar feed', () => {
  it('serves the meetings of the person\'s groups to a calendar with no sign-in, until replaced or stopped', async () => {
    assert.deepEqual((await call('GET', routes.feed, { auth: pippa, expect: 200 })).body, { active: false, created_at: null, url: null });
    const made = (await call('POST', routes.feed, { auth: pippa, expect: 201 })).body;
    assert.equal(made.active, true);
    assert.match(made.url, new RegExp(`^${server.baseUrl}/api/v1/calendar-feeds/[A-Za-z0-9_-]{20,}/meetings\\.ics$`));
    assert.deepEqual((await call('GET', routes.feed, { auth: pippa, expect: 200 })).body,
      { active: true, created_at: made.created_at, url: null }, 'the address is shown once');

    const kept = await arrange(amira, network.id, { date: '2027-09-09' });
    const dropped = await arrange(amira, network.id, { date: '2027-09-10' });
    await call('POST', routes.cancel, { params: { id: dropped.id }, auth: amira, expect: 200 });
    const other = await newGroup('private');
    const notHers = await arrange(amira, other.id);
    await call('DELETE', '/api/v1/groups/{id}/members/{person_id}', { params: { id: other.id, person_id: pippa.user.id }, auth: amira, expect: 204 });

    const fetchFeed = (url) => fetch(url, { signal: AbortSignal.timeout(eventTimeoutMs) });
    const res = await fetchFeed(made.url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/calendar/);
    const { method, events } = parseCalendar(await res.text());
    assert.equal(method, 'PUBLISH');
    const byUid = new Map(events.map((e) => [eventFields(e).uid, eventFields(e)]));
    const uidOf = (id) => [...byUid.keys()].find((uid) => uid.startsWith(`meeting-${id}@`));
    assert.ok(uidOf(kept.id), 'a meeting of her group');
    assert.equal(byUid.get(uidOf(kept.id)).status, 'CONFIRMED');
    assert.equal(byUid.get(uidOf(dropped.id)).status, 'CANCELLED', 'a cancelled one stays, cancelled');
    assert.equal(byUid.get(uidOf(dropped.id)).sequence, 1);
    assert.equal(uidOf(notHers.id), undefined, 'not the meetings of a group she has left');

    const replaced = (await call('POST', routes.feed, { auth: pippa, expect: 201 })).body;
    assert.notEqual(replaced.url, made.url);
    assert.equal((await fetchFeed(made.url)).status, 404, 'the old address stops at once');
    assert.equal((await fetchFeed(replaced.url)).status, 200);
    await call('DELETE', routes.feed, { auth: pippa, expect: 204 });
    assert.equal((await fetchFeed(replaced.url)).status, 404);
    const unknown = await forum.api.request('GET', '/api/v1/calendar-feeds/not-a-feed/meetings.ics');
    expectProblem(unknown, 404);
  });
});

describe('privacy and live updates', () => {
  it('keeps meetings and actions to those who read the group\'s content: open, restricted and private', async () => {
    for (const privacy of ['open', 'restricted', 'private']) {
      const g = await newGroup(privacy);
      const m = await arrange(amira, g.id);
      const readable = { pippa: true, sam: true, tom: privacy === 'open' };
      for (const [name, who] of Object.entries({ pippa, sam, tom })) {
        const what = `${privacy} group, ${name}`;
        const list = await call('GET', routes.meetings, { params: { id: g.id }, auth: who });
        const expectedListStatus = readable[name] ? 200 : privacy === 'private' ? 404 : 403;
        assert.equal(list.status, expectedListStatus, `${what}: the list`);
        assert.equal((await call('GET', routes.meeting, { params: { id: m.id }, auth: who })).status, readable[name] ? 200 : 404,
          `${what}: the meeting`);
        assert.equal((await call('GET', routes.ics, { params: { id: m.id }, auth: who })).status, readable[name] ? 200 : 404,
          `${what}: its .ics`);
        assert.equal((await call('GET', routes.actions, { params: { id: g.id }, auth: who })).status, expectedListStatus,
          `${what}: the actions`);
        const rsvp = await call('PUT', routes.rsvp, { params: { id: m.id }, auth: who, json: { answer: 'maybe' } });
        assert.equal(rsvp.status, name === 'pippa' ? 200 : readable[name] ? 403 : 404, `${what}: answering`);
      }
    }
  });

  it('sends answers and actions live on the group channel, replays them with since, and to its readers only', async () => {
    const m = await arrange(amira, network.id);
    const watching = await connect(pippa);
    await subscribed(watching, [`group:${network.id}`]);
    const outsider = await connect(tom);
    const refused = await subscribe(outsider, [`group:${network.id}`]);
    assert.equal(refused.type, 'error', 'someone outside a restricted group may not listen to it');

    await answer(wren, m.id, 'going');
    const rsvp = await nextEvent(watching, `group:${network.id}`, 'meeting.rsvp', (e) => e.data.meeting_id === m.id);
    assert.deepEqual(rsvp.data.rsvp_counts, { going: 1, maybe: 0, not_going: 0 });
    const given = (await call('POST', routes.actions, { params: { id: network.id }, auth: amira, expect: 201,
      json: { title: `Share the ${uniqueWord()} protocol`, owner_id: wren.user.id, due_on: '2027-02-01' } })).body;
    const created = await nextEvent(watching, `group:${network.id}`, 'action.created', (e) => e.data.action.id === given.id);
    assert.equal(created.data.action.title, given.title);
    await call('PATCH', routes.meeting, { params: { id: m.id }, auth: amira, json: { location: 'Guildhall' }, expect: 200 });
    await nextEvent(watching, `group:${network.id}`, 'meeting.updated', (e) => e.data.meeting_id === m.id);

    const replay = await connect(pippa);
    const since = rsvp.id - 1;
    const events = [];
    replay.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'event' && message.channel === `group:${network.id}`) events.push(message);
    });
    await subscribe(replay, [`group:${network.id}`], { since });
    await nextEvent(replay, `group:${network.id}`, 'meeting.updated', (e) => e.data.meeting_id === m.id);
    assert.deepEqual(events.map((e) => e.event).filter((e) => e !== 'member.joined'),
      ['meeting.rsvp', 'action.created', 'meeting.updated'], 'replayed in order, none lost');
    for (const e of events) assert.ok(e.id > since);
  });
});
