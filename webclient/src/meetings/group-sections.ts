// A group's Meetings and Open actions sections on its page, for those who may read the group: the meetings to come
// (with the way to arrange one for its owners) and the actions not done yet. The group's page keeps them up to date
// from its channel: a meeting arranged, changed or cancelled, an action given or done, and answers as they come.

import * as api from '../api'
import { redrawWhenFree } from '../groups/redraw'
import type { Group } from '../groups/types'
import { h, replaceContent } from '../shell/dom'
import type { MessageArea } from '../shell/form'
import { buttonLink, link, paragraph } from '../shell/govuk'
import { ActionTable } from './action-table'
import { MeetingList } from './meeting-list'
import type { GroupActionList, MeetingList as MeetingPage, RsvpCounts } from './types'
import { actionsPath, meetingsPath, newMeetingPath } from './words'

/** How many meetings to come, and how many open actions, a group's page shows; their own pages list them all. */
const shownMeetings = 5
const shownActions = 10

export function loadUpcomingMeetings(group: Pick<Group, 'id'>): Promise<MeetingPage> {
  return api.get<MeetingPage>(`/groups/${group.id}/meetings`, { when: 'upcoming', limit: shownMeetings })
}

export function loadOpenActions(group: Pick<Group, 'id'>): Promise<GroupActionList> {
  return api.get<GroupActionList>(`/groups/${group.id}/actions`, { state: 'open' })
}

export class GroupMeetingsSection {
  readonly element: HTMLElement
  private readonly list: MeetingList
  private readonly body = h('div')

  constructor(
    private readonly group: Group,
    private page: MeetingPage,
  ) {
    this.list = new MeetingList(page.items, 'h3')
    this.draw()
    this.element = h(
      'section',
      { class: 'app-section', 'aria-labelledby': 'meetings' },
      h('h2', { class: 'govuk-heading-m', id: 'meetings' }, 'Meetings'),
      group.can_manage && buttonLink(newMeetingPath(group), 'Arrange a meeting', 'secondary'),
      this.body,
      paragraph(link(meetingsPath(group, true), 'Past meetings')),
    )
  }

  /** Reads the meetings to come again (one was arranged, changed or cancelled), once the reader is not in the list. */
  async reload(): Promise<void> {
    this.page = await loadUpcomingMeetings(this.group)
    redrawWhenFree(this.body, () => {
      this.list.show(this.page.items)
      this.draw()
    })
  }

  /** Someone answered: the meeting's new counts, in place. */
  answered(meetingId: number, counts: RsvpCounts): void {
    this.list.updateCounts(meetingId, counts)
  }

  private draw(): void {
    replaceContent(
      this.body,
      this.page.items.length === 0 ? paragraph('No meetings are arranged.') : this.list.element,
      this.page.next_cursor !== null && paragraph(link(meetingsPath(this.group), 'All the meetings to come')),
    )
  }
}

export class GroupActionsSection {
  readonly element: HTMLElement
  private readonly table: ActionTable
  private readonly more = h('div')

  constructor(
    private readonly group: Group,
    actions: GroupActionList,
    area: MessageArea,
  ) {
    this.table = new ActionTable(actions.items.slice(0, shownActions), {
      caption: `Open actions of ${group.name}, soonest due first`,
      empty: 'There are no open actions.',
      showMeeting: false,
      controls: false,
      area,
      changed: () => this.reload(),
    })
    this.drawMore(actions.items.length)
    this.element = h(
      'section',
      { class: 'app-section', 'aria-labelledby': 'actions' },
      h('h2', { class: 'govuk-heading-m', id: 'actions' }, 'Open actions'),
      this.table.element,
      this.more,
      paragraph(link(actionsPath(this.group), 'All actions')),
    )
  }

  /** Reads the open actions again: one was given, changed or done. */
  async reload(): Promise<void> {
    const actions = await loadOpenActions(this.group)
    this.table.update(actions.items.slice(0, shownActions))
    this.drawMore(actions.items.length)
  }

  private drawMore(total: number): void {
    replaceContent(
      this.more,
      total > shownActions && paragraph(`Showing the ${shownActions} due soonest of ${total} open actions.`),
    )
  }
}
