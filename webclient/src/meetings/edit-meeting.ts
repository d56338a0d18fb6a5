// Changing a meeting, for those who may (its organiser, the group's owners, network administrators). Calendars that
// hold it take the change; those who said they are going or may go are told when the day, times or place change.

import * as api from '../api'
import { h } from '../shell/dom'
import { forbiddenPage, messagePage } from '../shell/error-pages'
import { MessageArea, apiForm } from '../shell/form'
import { caption, link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import { type PageContext, type PageView, type Redirect, redirect } from '../shell/page'
import { navigate } from '../shell/router'
import { loadPaperChoices, meetingForm } from './meeting-form'
import type { Meeting, MeetingChange } from './types'
import { editMeetingPath, meetingPath } from './words'

export async function editMeetingPage(context: PageContext): Promise<PageView | Redirect> {
  const meeting = await api.get<Meeting>(`/meetings/${Number(context.params['id'])}`)
  if (meeting.group.id !== Number(context.params['gid'])) return redirect(editMeetingPath(meeting))
  if (!meeting.can_manage) return forbiddenPage()
  const back = meetingPath(meeting)
  if (meeting.status === 'cancelled') {
    return messagePage(
      'This meeting has been cancelled',
      'This meeting has been cancelled',
      paragraph('A cancelled meeting cannot be changed. Arrange a new one instead.'),
      paragraph(link(back, `Go to ${meeting.title}`)),
    )
  }
  const choices = await loadPaperChoices(meeting.group.id)
  const area = new MessageArea()
  const questions = meetingForm(choices, meeting)
  const form = apiForm({
    fields: questions.fields,
    content: questions.content,
    area,
    submitLabel: 'Save changes',
    cancel: { href: back, text: 'Cancel' },
    check: () => questions.check(),
    send: async () => {
      const change: MeetingChange = questions.answers()
      const changed = await api.patch<Meeting>(`/meetings/${meeting.id}`, change)
      navigate(meetingPath(changed), { replace: true, flash: 'Your changes to the meeting have been saved' })
    },
    problemErrors: (problem) =>
      problem.status === 409
        ? [{ field: '', message: problem.detail || 'This meeting can no longer be changed.' }]
        : questions.problemErrors(problem),
  })
  const heading = 'Change the meeting'
  return {
    title: `${heading} – ${meeting.title}`,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption(meeting.group.name),
      pageHeading(heading),
      paragraph(
        'Calendars that hold the meeting take the change. If you change the date, the times, the place or the ' +
          'link, the people who said they are going or may go are told.',
      ),
      form,
    ),
  }
}
