// One group: what it is, the reader's place in it (joining, asking to join, withdrawing, leaving), and for those who
// may read it its meetings to come, its open actions, its discussions, the resources shared with it in the library
// and its members; for its owners and network administrators the requests to join, the members' roles, adding
// someone, arranging a meeting and the way to change its settings. It listens to group:{id}: new discussions and
// activity, meetings arranged, changed and answered, actions given and done, people joining and leaving, requests and
// changes to the group appear as they happen, announced politely, without moving the reader's focus.

import * as api from '../api'
import { ThreadList } from '../forum/thread-list'
import type { ThreadSummary } from '../forum/types'
import { newThreadPath } from '../forum/words'
import { refreshUser } from '../identity/session'
import type { Me } from '../identity/types'
import {
  GroupActionsSection,
  GroupMeetingsSection,
  loadOpenActions,
  loadUpcomingMeetings,
} from '../meetings/group-sections'
import type { GroupActionList, MeetingList } from '../meetings/types'
import { HeldEvents, listenBeforeLoading } from '../realtime/live-page'
import type { EventHandlers } from '../realtime/realtime'
import { type Child, h, replaceContent } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { buttonLink, caption, insetText, link, paragraph } from '../shell/govuk'
import { setPageTitle } from '../shell/layout'
import { liveRegion } from '../shell/live-region'
import type { PageContext, PageView } from '../shell/page'
import { pagination } from '../shell/pagination'
import { navigate } from '../shell/router'
import { summaryList } from '../shell/tables'
import { sectorName } from '../shell/words'
import { JoinRequestsSection } from './join-requests'
import { type GroupResources, librarySection, loadGroupResources } from './library'
import { MembersSection } from './members'
import { membershipSection } from './membership'
import {
  type Group,
  type GroupEvents,
  type GroupMember,
  type GroupMemberList,
  type JoinRequest,
  type JoinRequestList,
  groupChannel,
} from './types'
import { groupPath, groupSettingsPath, kindNames, memberCount, privacyNames } from './words'

const threadsPageSize = 20

export async function groupPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const [me, group] = await Promise.all([refreshUser(), api.get<Group>(`/groups/${id}`)])
  const page = new GroupPage(me, group, context)
  // Listen first, then load: every change after the discussions and members were read arrives as an event.
  if (group.can_read) await listenBeforeLoading<GroupEvents>(groupChannel(id), page, context.left)
  await page.load()
  return { title: page.title, content: page.build() }
}

interface Loaded {
  threads: api.ListPage<ThreadSummary> | null
  meetings: MeetingList | null
  actions: GroupActionList | null
  resources: GroupResources | null
  members: readonly GroupMember[]
  requests: readonly JoinRequest[]
}

/** What the reader may do in the group; when any of it changes, the page is shown again. */
function standing(group: Group): string {
  return JSON.stringify([
    group.my_role,
    group.requested,
    group.can_read,
    group.can_post,
    group.can_manage,
    group.privacy,
  ])
}

class GroupPage {
  private readonly area = new MessageArea()
  private readonly live = liveRegion()
  /** Events that arrive before the page is built wait here. */
  private readonly held = new HeldEvents()
  private readonly heading = h('h1', { class: 'govuk-heading-l' })
  private readonly description = h('div')
  private readonly summary = h('div')
  private readonly cursor: string | null
  private loaded: Loaded = { threads: null, meetings: null, actions: null, resources: null, members: [], requests: [] }
  private threads: ThreadList | null = null
  private meetings: GroupMeetingsSection | null = null
  private actions: GroupActionsSection | null = null
  private members: MembersSection | null = null
  private requests: JoinRequestsSection | null = null

  constructor(
    private readonly me: Me,
    private group: Group,
    private readonly context: PageContext,
  ) {
    this.cursor = context.query.get('cursor')
  }

  get title(): string {
    return this.group.name
  }

  /** New discussions go in at the top of the first page of the list; a later page stays as it was read. */
  private get insertable(): boolean {
    return this.cursor === null
  }

  handlers(): EventHandlers<GroupEvents> {
    const { later } = this.held
    const membersChanged = later(() => this.quietly(this.refresh()))
    const meetingsChanged = later(() => this.quietly(this.meetings?.reload() ?? Promise.resolve()))
    const actionsChanged = later(() => this.quietly(this.actions?.reload() ?? Promise.resolve()))
    return {
      'meeting.created': meetingsChanged,
      'meeting.updated': meetingsChanged,
      'meeting.cancelled': meetingsChanged,
      'meeting.rsvp': later(({ meeting_id, rsvp_counts }) => this.meetings?.answered(meeting_id, rsvp_counts)),
      'action.created': actionsChanged,
      'action.updated': actionsChanged,
      'thread.created': later(({ thread }) => this.threadArrived(thread, true)),
      'thread.activity': later(({ thread }) => this.threadArrived(thread, false)),
      'member.joined': membersChanged,
      'member.left': membersChanged,
      'member.changed': membersChanged,
      'group.updated': membersChanged,
      'request.created': later(() => {
        const requests = this.requests
        if (!requests) return
        const before = requests.count
        this.quietly(
          requests.reload().then(() => {
            if (requests.count > before) this.live.announce('Someone has asked to join this group')
          }),
        )
      }),
    }
  }

  /** Reads the meetings, actions, discussions, resources, members and requests the reader may see. */
  async load(): Promise<void> {
    const path = `/groups/${this.group.id}`
    const [group, threads, meetings, actions, resources, members, requests] = await Promise.all([
      // Read again once listening, so that nothing changed in between goes unseen.
      this.group.can_read ? api.get<Group>(path) : this.group,
      this.group.can_read
        ? api.get<api.ListPage<ThreadSummary>>('/threads', {
            group_id: this.group.id,
            cursor: this.cursor,
            limit: threadsPageSize,
          })
        : null,
      this.group.can_read ? loadUpcomingMeetings(this.group) : null,
      this.group.can_read ? loadOpenActions(this.group) : null,
      this.group.can_read ? loadGroupResources(this.group) : null,
      this.group.can_read ? api.get<GroupMemberList>(`${path}/members`) : null,
      this.group.can_manage ? api.get<JoinRequestList>(`${path}/join-requests`) : null,
    ])
    this.group = group
    this.loaded = {
      threads,
      meetings,
      actions,
      resources,
      members: members?.items ?? [],
      requests: requests?.items ?? [],
    }
  }

  build(): Child[] {
    const group = this.group
    if (this.context.flash) this.area.showBanner({}, { success: true, heading: this.context.flash })
    this.drawGroup()
    if (this.loaded.threads) {
      this.threads = new ThreadList(this.loaded.threads.items, {
        empty: paragraph('Nobody has started a discussion in this group yet.'),
        showGroup: false,
      })
    }
    if (this.loaded.meetings) this.meetings = new GroupMeetingsSection(group, this.loaded.meetings)
    if (this.loaded.actions) this.actions = new GroupActionsSection(group, this.loaded.actions, this.area)
    const changed = (): Promise<void> => this.refresh()
    if (group.can_read) this.members = new MembersSection(group, this.loaded.members, this.me, changed)
    if (group.can_manage) this.requests = new JoinRequestsSection(group, this.loaded.requests, changed)
    this.held.release()
    return [
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          this.area.element,
          caption('Groups'),
          this.heading,
          this.description,
          this.summary,
          group.can_manage && paragraph(link(groupSettingsPath(group), 'Change group settings')),
          !group.can_read &&
            insetText(`Only members of ${group.name} can read its discussions and see who belongs to it.`),
          membershipSection(group, this.area, (flash) => this.reopen(flash)),
          this.meetings?.element,
          this.actions?.element,
          this.discussionsSection(),
          this.loaded.resources && librarySection(group, this.loaded.resources),
        ),
      ),
      this.requests?.element,
      this.members?.element,
      this.live.element,
    ]
  }

  /** The connection was down longer than the server remembers: read everything again and show what changed. */
  async reload(): Promise<void> {
    if (this.held.holding) return
    await this.refresh()
    await this.requests?.reload()
    await this.meetings?.reload()
    await this.actions?.reload()
    if (!this.insertable || !this.threads) return
    const page = await api.get<api.ListPage<ThreadSummary>>('/threads', {
      group_id: this.group.id,
      limit: threadsPageSize,
    })
    for (const thread of [...page.items].reverse()) this.threadArrived(thread, false)
  }

  /**
   * Reads the group and its members again: new counts and members are shown in place; when what the reader may do
   * has changed (made an owner, removed, the group made private), the page is shown again.
   */
  private async refresh(): Promise<void> {
    const path = `/groups/${this.group.id}`
    let fresh: Group
    try {
      fresh = await api.get<Group>(path)
    } catch (error) {
      // A private group the reader was removed from is no longer theirs to see.
      if (error instanceof api.ApiProblem && error.status === 404) this.reopen(null)
      else throw error
      return
    }
    if (this.context.left.aborted) return
    if (standing(fresh) !== standing(this.group)) {
      this.reopen(null)
      return
    }
    this.group = fresh
    this.drawGroup()
    if (this.members) {
      const members = await api.get<GroupMemberList>(`${path}/members`)
      this.members.update(fresh, members.items)
    }
  }

  /** Shows the group's page again, with `flash` in a banner; not once the reader has gone to another page. */
  private reopen(flash: string | null): void {
    if (this.context.left.aborted) return
    const address = groupPath(this.group)
    navigate(address, flash === null ? { replace: true } : { replace: true, flash })
  }

  /** Runs live work whose failure only means the page is not up to date. */
  private quietly(work: Promise<void>): void {
    work.catch((error: unknown) => console.warn('The group could not be brought up to date', error))
  }

  private drawGroup(): void {
    const group = this.group
    this.heading.textContent = group.name
    if (!this.held.holding) setPageTitle(group.name)
    replaceContent(
      this.description,
      group.description
        .split(/\n\s*\n/)
        .map((text) => text.trim())
        .filter((text) => text !== '')
        .map((text) => paragraph(text)),
    )
    replaceContent(
      this.summary,
      summaryList([
        { key: 'Type', value: kindNames[group.kind] },
        { key: 'Services', value: sectorName(group.sector) },
        ...(group.region ? [{ key: 'Region', value: group.region.name }] : []),
        { key: 'Who can join', value: privacyNames[group.privacy] },
        { key: 'Members', value: memberCount(group) },
      ]),
    )
  }

  private discussionsSection(): HTMLElement | null {
    const group = this.group
    if (!this.threads) return null
    const next = this.loaded.threads?.next_cursor
    const nextHref = next ? `${groupPath(group)}?${new URLSearchParams({ cursor: next }).toString()}#discussions` : null
    return h(
      'section',
      { class: 'app-section', 'aria-labelledby': 'discussions' },
      h('h2', { class: 'govuk-heading-m', id: 'discussions' }, 'Discussions'),
      group.can_post
        ? buttonLink(newThreadPath({ groupId: group.id }), 'Start a discussion in this group')
        : paragraph('Join this group to start a discussion in it.'),
      this.cursor !== null && paragraph(link(groupPath(group, 'discussions'), 'Latest discussions')),
      this.threads.element,
      pagination(null, nextHref ? { href: nextHref, label: 'Older discussions' } : null),
    )
  }

  private threadArrived(thread: ThreadSummary, created: boolean): void {
    const list = this.threads
    if (!list || (thread.group && thread.group.id !== this.group.id)) return
    if (list.has(thread.id)) {
      list.update(thread, this.insertable)
      return
    }
    if (!this.insertable) return
    list.addToTop(thread, created)
    if (created && thread.author.id !== this.me.id) {
      this.live.announce(`New discussion from ${thread.author.display_name}: ${thread.title}`)
    }
  }
}
