// One meeting of a group: when and where, its agenda and papers, the answers so far and the reader's own, the .ics
// file and the calendar feed; for those who may change it who is coming, changing and cancelling it, and once it has
// started posting its minutes; and the actions that came from it. It listens to group:{id}: answers, changes, a
// cancellation and new or done actions appear as they happen, without moving the reader's focus.

import * as api from '../api'
import { redrawWhenFree } from '../groups/redraw'
import { type GroupMember, type GroupMemberList, groupChannel } from '../groups/types'
import { groupPath } from '../groups/words'
import { HeldEvents, listenBeforeLoading } from '../realtime/live-page'
import type { EventHandlers } from '../realtime/realtime'
import { type Child, h, replaceContent } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { buttonLink, caption, paragraph, twoThirds } from '../shell/govuk'
import { setPageTitle } from '../shell/layout'
import { liveRegion } from '../shell/live-region'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { AttendeesSection, loadAttendees } from './attendees'
import { MeetingActionsSection, loadMeetingActions } from './meeting-actions'
import { agendaSection, calendarLinks, cancelledNotice, meetingSummary, papersSection } from './meeting-details'
import { minutesSection } from './minutes'
import { rsvpForm } from './rsvp-form'
import type { GroupAction, Meeting, MeetingAttendee, MeetingEvents } from './types'
import { cancelMeetingPath, countsWords, editMeetingPath, hasEnded, meetingPath } from './words'

export async function meetingPage(context: PageContext): Promise<PageView | Redirect> {
  const meeting = await api.get<Meeting>(`/meetings/${Number(context.params['id'])}`)
  if (meeting.group.id !== Number(context.params['gid'])) return redirect(meetingPath(meeting))
  const page = new MeetingPage(meeting, context)
  // Listen first, then load: every answer and change after the meeting was read arrives as an event.
  await listenBeforeLoading<MeetingEvents>(groupChannel(meeting.group.id), page, context.left)
  await page.load()
  return { title: page.title, content: page.build() }
}

interface Loaded {
  actions: GroupAction[]
  attendees: MeetingAttendee[]
  members: GroupMember[]
}

class MeetingPage {
  private readonly area = new MessageArea()
  private readonly live = liveRegion()
  private readonly held = new HeldEvents()
  private readonly heading = h('h1', { class: 'govuk-heading-l' })
  private readonly notice = h('div')
  private readonly summary = h('div')
  private readonly counts = h('span')
  private readonly manage = h('div')
  private readonly agenda = h('div')
  private readonly papers = h('div')
  private readonly rsvp = h('div')
  private readonly minutes = h('div')
  private loaded: Loaded = { actions: [], attendees: [], members: [] }
  private attendees: AttendeesSection | null = null
  private actions: MeetingActionsSection | null = null

  constructor(
    private meeting: Meeting,
    private readonly context: PageContext,
  ) {}

  get title(): string {
    return this.meeting.title
  }

  handlers(): EventHandlers<MeetingEvents> {
    const { later } = this.held
    const mine = (meetingId: number): boolean => meetingId === this.meeting.id
    const changed = later(({ meeting_id }: { meeting_id: number }) => {
      if (mine(meeting_id)) this.quietly(this.reloadMeeting())
    })
    const actionChanged = later(({ action }: { action: GroupAction }) => {
      if (action.meeting && mine(action.meeting.id)) this.quietly(this.actions?.reload() ?? Promise.resolve())
    })
    return {
      'meeting.updated': changed,
      'meeting.cancelled': changed,
      'meeting.rsvp': later(({ meeting_id, rsvp_counts }) => {
        if (!mine(meeting_id)) return
        this.meeting = { ...this.meeting, rsvp_counts }
        this.counts.textContent = countsWords(rsvp_counts)
        this.live.announce(`Answers: ${countsWords(rsvp_counts)}`)
        this.quietly(this.attendees?.reload() ?? Promise.resolve())
      }),
      'action.created': actionChanged,
      'action.updated': actionChanged,
    }
  }

  /** Reads the meeting again now that the page listens, and what the reader may see of its answers and actions. */
  async load(): Promise<void> {
    const manage = this.meeting.can_manage
    const [meeting, actions, attendees, members] = await Promise.all([
      api.get<Meeting>(`/meetings/${this.meeting.id}`),
      loadMeetingActions(this.meeting),
      manage ? loadAttendees(this.meeting.id) : null,
      manage ? api.get<GroupMemberList>(`/groups/${this.meeting.group.id}/members`) : null,
    ])
    this.meeting = meeting
    this.loaded = { actions, attendees: attendees?.items ?? [], members: members?.items ?? [] }
  }

  build(): Child[] {
    const meeting = this.meeting
    if (this.context.flash) this.area.showBanner({}, { success: true, heading: this.context.flash })
    if (meeting.can_manage) this.attendees = new AttendeesSection(meeting.id, this.loaded.attendees)
    this.actions = new MeetingActionsSection(meeting, this.loaded.actions, this.loaded.members)
    this.draw()
    this.held.release()
    return [
      twoThirds(
        h('a', { class: 'govuk-back-link', href: groupPath(meeting.group) }, `Back to ${meeting.group.name}`),
        this.area.element,
        caption(meeting.group.name),
        this.heading,
        this.notice,
        this.summary,
        this.rsvp,
        calendarLinks(meeting),
        this.manage,
        this.agenda,
        this.papers,
        this.attendees?.element,
        this.minutes,
        this.actions.element,
      ),
      this.live.element,
    ]
  }

  /** The connection was down longer than the server remembers: read everything again. */
  async reload(): Promise<void> {
    if (this.held.holding) return
    await this.reloadMeeting()
    await this.attendees?.reload()
    await this.actions?.reload()
  }

  private async reloadMeeting(): Promise<void> {
    this.meeting = await api.get<Meeting>(`/meetings/${this.meeting.id}`)
    if (this.context.left.aborted) return
    this.draw()
  }

  /** Shows the meeting as it is now; the forms wait until the reader is not using them. */
  private draw(): void {
    const meeting = this.meeting
    this.heading.textContent = meeting.title
    if (!this.held.holding) setPageTitle(meeting.title)
    replaceContent(this.notice, cancelledNotice(meeting))
    replaceContent(this.summary, meetingSummary(meeting, this.counts))
    replaceContent(this.manage, this.manageButtons())
    replaceContent(this.agenda, agendaSection(meeting))
    replaceContent(this.papers, papersSection(meeting))
    redrawWhenFree(this.rsvp, () => replaceContent(this.rsvp, this.rsvpPart()))
    redrawWhenFree(this.minutes, () =>
      replaceContent(
        this.minutes,
        minutesSection(meeting, this.area, (withMinutes) => this.saved(withMinutes)),
      ),
    )
  }

  /** After the reader's own answer or minutes: the meeting as the server gave it back. */
  private saved(meeting: Meeting): void {
    this.meeting = meeting
    this.counts.textContent = countsWords(meeting.rsvp_counts)
    replaceContent(
      this.minutes,
      minutesSection(meeting, this.area, (withMinutes) => this.saved(withMinutes)),
    )
  }

  private rsvpPart(): HTMLElement | null {
    const meeting = this.meeting
    if (meeting.can_rsvp) return rsvpForm(meeting, this.area, (answered) => this.saved(answered))
    if (meeting.status === 'cancelled' || hasEnded(meeting)) return null
    return paragraph('Join the group to say whether you are going.')
  }

  private manageButtons(): HTMLElement | null {
    const meeting = this.meeting
    if (!meeting.can_manage || meeting.status === 'cancelled' || hasEnded(meeting)) return null
    return h(
      'div',
      { class: 'govuk-button-group' },
      buttonLink(editMeetingPath(meeting), 'Change meeting', 'secondary'),
      buttonLink(cancelMeetingPath(meeting), 'Cancel meeting', 'warning'),
    )
  }

  /** Runs live work whose failure only means the page is not up to date. */
  private quietly(work: Promise<void>): void {
    work.catch((error: unknown) => console.warn('The meeting could not be brought up to date', error))
  }
}
