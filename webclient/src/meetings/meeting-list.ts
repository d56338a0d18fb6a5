// A list of a group's meetings: each one's title (a link to its page), when and where it is, the answers so far,
// whether it is cancelled and, once it has happened, the link to its minutes. The counts change in place as people
// answer.

import { threadPath } from '../forum/words'
import { h, replaceContent } from '../shell/dom'
import { link, tag, visuallyHidden } from '../shell/govuk'
import type { MeetingSummary, RsvpCounts } from './types'
import { countsWords, hasEnded, meetingPath, whenWords, whereWords } from './words'

export class MeetingList {
  readonly element = h('ul', { class: 'govuk-list app-meeting-list' })
  private readonly counts = new Map<number, HTMLElement>()

  /** `headingLevel` is that of each meeting's title: below the page's h1, or below a section's h2. */
  constructor(
    meetings: readonly MeetingSummary[],
    private readonly headingLevel: 'h2' | 'h3',
  ) {
    this.show(meetings)
  }

  get size(): number {
    return this.counts.size
  }

  show(meetings: readonly MeetingSummary[]): void {
    this.counts.clear()
    replaceContent(
      this.element,
      meetings.map((meeting) => this.item(meeting)),
    )
  }

  /** New answers to one of the meetings listed; false when it is not listed. */
  updateCounts(meetingId: number, counts: RsvpCounts): boolean {
    const element = this.counts.get(meetingId)
    if (!element) return false
    element.textContent = countsWords(counts)
    return true
  }

  private item(meeting: MeetingSummary): HTMLLIElement {
    const cancelled = meeting.status === 'cancelled'
    const counts = h('li', null, countsWords(meeting.rsvp_counts))
    if (!cancelled) this.counts.set(meeting.id, counts)
    const ended = hasEnded(meeting)
    return h(
      'li',
      { class: 'app-meeting-list__item', 'data-meeting-id': meeting.id },
      h(
        this.headingLevel,
        { class: 'govuk-heading-s govuk-!-margin-bottom-1' },
        link(meetingPath(meeting), meeting.title),
        cancelled && [' ', tag('Cancelled', 'red')],
      ),
      h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, whenWords(meeting)),
      h(
        'ul',
        { class: 'govuk-list app-meeting-list__meta' },
        h('li', null, whereWords(meeting)),
        !cancelled && counts,
        meeting.my_rsvp === 'going' && !cancelled && h('li', null, h('strong', null, 'You are going')),
        ended &&
          !cancelled &&
          h(
            'li',
            null,
            meeting.minutes_thread_id === null
              ? 'No minutes yet'
              : link(
                  threadPath({ id: meeting.minutes_thread_id }),
                  'Read the minutes',
                  visuallyHidden(` of ${meeting.title}`),
                ),
          ),
      ),
    )
  }
}
