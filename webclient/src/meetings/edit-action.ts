// Changing an action, for the group's owners and network administrators: what is to be done, who owns it (a new
// owner is told) and when it is due.

import * as api from '../api'
import type { Group, GroupMemberList } from '../groups/types'
import { h } from '../shell/dom'
import { forbiddenPage, notFoundPage } from '../shell/error-pages'
import { MessageArea, apiForm } from '../shell/form'
import { caption, pageHeading, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { actionQuestions } from './action-fields'
import type { GroupAction, GroupActionChange, GroupActionList } from './types'
import { actionsPath } from './words'

export async function editActionPage(context: PageContext): Promise<PageView> {
  const groupId = Number(context.params['gid'])
  const actionId = Number(context.params['id'])
  // There is no address of one action: it is found among the group's.
  const [group, actions] = await Promise.all([
    api.get<Group>(`/groups/${groupId}`),
    api.get<GroupActionList>(`/groups/${groupId}/actions`, { state: 'all' }),
  ])
  const action = actions.items.find((item) => item.id === actionId)
  if (!action) return notFoundPage()
  if (!action.can_edit) return forbiddenPage()
  const members = (await api.get<GroupMemberList>(`/groups/${group.id}/members`)).items
  const back = actionsPath(group)
  const area = new MessageArea()
  const questions = actionQuestions(members, action, 'action')
  const form = apiForm({
    fields: questions.fields,
    area,
    submitLabel: 'Save changes',
    cancel: { href: back, text: 'Cancel' },
    check: () => questions.check(),
    send: async () => {
      const change: GroupActionChange = questions.answers()
      const changed = await api.patch<GroupAction>(`/actions/${action.id}`, change)
      navigate(back, { replace: true, flash: `Your changes to ‘${changed.title}’ have been saved` })
    },
    problemErrors: (problem) => questions.problemErrors(problem),
  })
  const heading = 'Change the action'
  return {
    title: `${heading} – ${group.name}`,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption(group.name),
      pageHeading(heading),
      form,
    ),
  }
}
