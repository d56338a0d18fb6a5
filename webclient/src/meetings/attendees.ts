// "Who is coming", for those who may change a meeting: each person who answered, going first, then maybe, then not
// going, with their organisation and when they answered. It is read again as answers arrive.

import * as api from '../api'
import { redrawWhenFree } from '../groups/redraw'
import { shortTimeElement } from '../shell/dates'
import { h, replaceContent } from '../shell/dom'
import { initComponents, paragraph } from '../shell/govuk'
import { scrollingTable } from '../shell/tables'
import type { MeetingAttendee, MeetingAttendeeList } from './types'
import { answerNames } from './words'

export function loadAttendees(meetingId: number): Promise<MeetingAttendeeList> {
  return api.get<MeetingAttendeeList>(`/meetings/${meetingId}/attendees`)
}

export class AttendeesSection {
  readonly element: HTMLElement
  private readonly list = h('div')

  constructor(
    private readonly meetingId: number,
    private attendees: readonly MeetingAttendee[],
  ) {
    this.draw()
    this.element = h(
      'section',
      { class: 'app-section', 'aria-labelledby': 'who-is-coming' },
      h('h2', { class: 'govuk-heading-m', id: 'who-is-coming' }, 'Who is coming'),
      this.list,
    )
  }

  async reload(): Promise<void> {
    this.attendees = (await loadAttendees(this.meetingId)).items
    redrawWhenFree(this.list, () => this.draw())
  }

  private draw(): void {
    replaceContent(
      this.list,
      this.attendees.length === 0
        ? paragraph('Nobody has answered yet.')
        : scrollingTable({
            caption: 'Who answered, going first',
            captionHidden: true,
            firstCellIsHeader: true,
            columns: [{ header: 'Name' }, { header: 'Organisation' }, { header: 'Answer' }, { header: 'Answered' }],
            rows: this.attendees.map((attendee) => [
              attendee.display_name,
              attendee.organisation.name,
              answerNames[attendee.answer],
              shortTimeElement(attendee.answered_at),
            ]),
          }),
    )
    if (this.list.isConnected) initComponents(this.list)
  }
}
