// Cancelling a meeting, after asking: it stays listed as cancelled, with the reason given; calendars take it off,
// and those who said they are going or may go are told.

import * as api from '../api'
import { h } from '../shell/dom'
import { forbiddenPage, messagePage } from '../shell/error-pages'
import { textarea } from '../shell/fields'
import { MessageArea, apiForm } from '../shell/form'
import { caption, link, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { summaryList } from '../shell/tables'
import type { Meeting } from './types'
import { cancelMeetingPath, hasEnded, meetingPath, whenWords, whereWords } from './words'

const maxReasonLength = 500

export async function cancelMeetingPage(context: PageContext): Promise<PageView | Redirect> {
  const meeting = await api.get<Meeting>(`/meetings/${Number(context.params['id'])}`)
  if (meeting.group.id !== Number(context.params['gid'])) return redirect(cancelMeetingPath(meeting))
  if (!meeting.can_manage) return forbiddenPage()
  const back = meetingPath(meeting)
  if (meeting.status === 'cancelled' || hasEnded(meeting)) {
    const cancelled = meeting.status === 'cancelled'
    const heading = cancelled ? 'This meeting has already been cancelled' : 'This meeting has already happened'
    return messagePage(heading, heading, paragraph(link(back, `Go to ${meeting.title}`)))
  }
  const area = new MessageArea()
  const fields = {
    reason: textarea({
      id: 'reason',
      name: 'reason',
      label: 'Why is it cancelled? (optional)',
      labelClass: 'govuk-label--s',
      hint: 'Everyone who can see the meeting reads this, and it goes in the message to those who were going.',
      rows: 3,
      characterLimit: maxReasonLength,
    }),
  }
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Cancel meeting',
    submitVariant: 'warning',
    cancel: { href: back, text: 'Keep the meeting' },
    check: () =>
      [...fields.reason.textarea.value.trim()].length > maxReasonLength
        ? [{ field: 'reason', message: `The reason must be ${maxReasonLength} characters or fewer` }]
        : [],
    send: async () => {
      const reason = fields.reason.textarea.value.trim()
      const cancelled = await api.post<Meeting>(`/meetings/${meeting.id}/cancel`, reason ? { reason } : {})
      navigate(meetingPath(cancelled), { replace: true, flash: 'The meeting has been cancelled' })
    },
    problemErrors: (problem) =>
      problem.status === 409
        ? [{ field: '', message: problem.detail || 'This meeting can no longer be cancelled.' }]
        : null,
  })
  return {
    title: `Cancel ${meeting.title}`,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption(meeting.title),
      pageHeading('Are you sure you want to cancel this meeting?'),
      summaryList([
        { key: 'Meeting', value: meeting.title },
        { key: 'When', value: whenWords(meeting) },
        { key: 'Where', value: whereWords(meeting) },
      ]),
      warningText(
        'The people who said they are going or may go are told, and calendars show it cancelled. You cannot undo this.',
      ),
      form,
    ),
  }
}
