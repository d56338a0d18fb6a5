// A group's meetings on a page of their own: those to come, soonest first, or (?when=past) those that have ended,
// latest first, with the links to their minutes. Longer lists go on over pages ("Later meetings", "Older meetings").

import * as api from '../api'
import type { Group } from '../groups/types'
import { groupPath } from '../groups/words'
import { h } from '../shell/dom'
import { buttonLink, caption, link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { pagination } from '../shell/pagination'
import { MeetingList } from './meeting-list'
import type { MeetingList as MeetingPage } from './types'
import { meetingsPath, newMeetingPath } from './words'

const pageSize = 20

export async function meetingsListPage(context: PageContext): Promise<PageView> {
  const groupId = Number(context.params['gid'])
  const past = context.query.get('when') === 'past'
  const cursor = context.query.get('cursor')
  const [group, meetings] = await Promise.all([
    api.get<Group>(`/groups/${groupId}`),
    api.get<MeetingPage>(`/groups/${groupId}/meetings`, {
      when: past ? 'past' : 'upcoming',
      cursor,
      limit: pageSize,
    }),
  ])
  const heading = past ? 'Past meetings' : 'Meetings to come'
  const next = meetings.next_cursor
  const nextHref = next
    ? `${meetingsPath(group, past)}${past ? '&' : '?'}${new URLSearchParams({ cursor: next })}`
    : null
  return {
    title: `${heading} – ${group.name}`,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: groupPath(group) }, `Back to ${group.name}`),
      caption(group.name),
      pageHeading(heading),
      past
        ? paragraph('Meetings that have ended, latest first, with their minutes once they are posted.')
        : paragraph('Meetings that have not ended yet, soonest first. Cancelled ones stay listed.'),
      !past && group.can_manage && buttonLink(newMeetingPath(group), 'Arrange a meeting', 'secondary'),
      cursor !== null && paragraph(link(meetingsPath(group, past), past ? 'Latest meetings' : 'Soonest meetings')),
      meetings.items.length === 0
        ? paragraph(past ? 'No meetings have happened yet.' : 'No meetings are arranged.')
        : new MeetingList(meetings.items, 'h2').element,
      pagination(null, nextHref ? { href: nextHref, label: past ? 'Older meetings' : 'Later meetings' } : null),
      paragraph(link(meetingsPath(group, !past), past ? 'Meetings to come' : 'Past meetings')),
    ),
  }
}
