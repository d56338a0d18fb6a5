// A meeting's Minutes section: once posted, the link to the discussion that holds them; before that, for those who
// may change the meeting and once it has started, the form that posts them (with the personal-data guard of every
// post), and for everyone else a line saying they are not there yet.

import * as api from '../api'
import { personalDataCheck } from '../forum/personal-data'
import { threadPath } from '../forum/words'
import { h } from '../shell/dom'
import { textarea } from '../shell/fields'
import { type MessageArea, apiForm } from '../shell/form'
import { link, paragraph } from '../shell/govuk'
import type { Meeting, NewMinutes } from './types'
import { hasStarted } from './words'

/** The section, or null before the meeting has started (or when it was cancelled without minutes). */
export function minutesSection(
  meeting: Meeting,
  area: MessageArea,
  posted: (meeting: Meeting) => void,
): HTMLElement | null {
  const heading = h('h2', { class: 'govuk-heading-m', id: 'minutes' }, 'Minutes')
  const section = (...content: (HTMLElement | null)[]): HTMLElement =>
    h('section', { class: 'app-section', 'aria-labelledby': 'minutes' }, heading, ...content)
  if (meeting.minutes_thread_id !== null) {
    return section(
      paragraph(link(threadPath({ id: meeting.minutes_thread_id }), 'Read the minutes')),
      paragraph('They are a discussion of the group: reply there with corrections and questions.'),
    )
  }
  if (meeting.status === 'cancelled' || !hasStarted(meeting)) return null
  if (!meeting.can_manage) return section(paragraph('The minutes have not been posted yet.'))
  return section(
    paragraph('Post the minutes when they are ready. They become a discussion of the group, and its members are told.'),
    minutesForm(meeting, area, posted),
  )
}

function minutesForm(meeting: Meeting, area: MessageArea, posted: (meeting: Meeting) => void): HTMLFormElement {
  const check = personalDataCheck('minutes', { body: 'The minutes' })
  const fields = {
    body: textarea({
      id: 'minutes-body',
      name: 'body',
      label: 'Minutes',
      labelClass: 'govuk-label--s',
      hint:
        'Who came, what was decided and who does what by when. You can use Markdown: a line starting with - for a ' +
        'list, **bold**, and [words](https://example.org) for a link.',
      rows: 10,
    }),
    confirm_personal_data: check.field,
  }
  return apiForm({
    fields,
    area,
    submitLabel: 'Post the minutes',
    check: () => (fields.body.textarea.value.trim() ? [] : [{ field: 'body', message: 'Enter the minutes' }]),
    send: async () => {
      const minutes: NewMinutes = {
        body: fields.body.textarea.value.trim(),
        confirm_personal_data: check.confirmed(),
      }
      const withMinutes = await api.post<Meeting>(`/meetings/${meeting.id}/minutes`, minutes)
      check.reset()
      area.showBanner(fields, { success: true, heading: 'The minutes have been posted' })
      posted(withMinutes)
    },
    problemErrors: (problem) =>
      check.errorsFor(problem) ??
      (problem.status === 409 ? [{ field: '', message: problem.detail || 'The minutes are already posted.' }] : null),
  })
}
