// Arranging a meeting of a group, for its owners and network administrators: the group's members are told, and it
// appears on the group's page. The date and times are UK time, sent as entered.

import * as api from '../api'
import type { Group } from '../groups/types'
import { groupPath } from '../groups/words'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { MessageArea, apiForm } from '../shell/form'
import { caption, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { loadPaperChoices, meetingForm } from './meeting-form'
import type { Meeting } from './types'
import { meetingPath } from './words'

export async function newMeetingPage(context: PageContext): Promise<PageView> {
  const groupId = Number(context.params['gid'])
  const group = await api.get<Group>(`/groups/${groupId}`)
  if (!group.can_manage) return forbiddenPage()
  const choices = await loadPaperChoices(group.id)
  const area = new MessageArea()
  const questions = meetingForm(choices, null)
  const form = apiForm({
    fields: questions.fields,
    content: questions.content,
    area,
    submitLabel: 'Arrange meeting',
    cancel: { href: groupPath(group), text: 'Cancel' },
    check: () => questions.check(),
    send: async () => {
      const made = await api.post<Meeting>(`/groups/${group.id}/meetings`, questions.answers())
      navigate(meetingPath(made), { replace: true, flash: 'The meeting has been arranged' })
    },
    problemErrors: (problem) => questions.problemErrors(problem),
  })
  const heading = 'Arrange a meeting'
  return {
    title: `${heading} – ${group.name}`,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: groupPath(group) }, `Back to ${group.name}`),
      area.element,
      caption(group.name),
      pageHeading(heading),
      paragraph(
        'The group’s members are told about the meeting, and can say whether they are going. Enter the times in ' +
          'UK time.',
      ),
      form,
    ),
  }
}
