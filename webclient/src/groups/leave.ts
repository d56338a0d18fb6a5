// Leaving a group, after asking: the discussions of a restricted or private group can no longer be read, and joining
// again means asking again.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import { MessageArea, apiForm } from '../shell/form'
import { bulletList, caption, link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import type { Group } from './types'
import { groupPath, groupsPath } from './words'

export async function leaveGroupPage(context: PageContext): Promise<PageView> {
  const [me, group] = await Promise.all([refreshUser(), api.get<Group>(`/groups/${Number(context.params['id'])}`)])
  const back = groupPath(group)
  if (!group.my_role) {
    return messagePage(
      'You are not a member',
      `You are not a member of ${group.name}`,
      paragraph(link(back, `Go to ${group.name}`)),
    )
  }
  const area = new MessageArea()
  const form = apiForm({
    fields: {},
    area,
    submitLabel: 'Leave group',
    submitVariant: 'warning',
    cancel: { href: back, text: 'Cancel' },
    check: () => [],
    send: async () => {
      await api.del<void>(`/groups/${group.id}/members/${me.id}`)
      // A private group is hidden from those who left it.
      navigate(group.privacy === 'private' ? groupsPath : back, { replace: true, flash: `You have left ${group.name}` })
    },
    // 409: the last owner of a group with members; the server says what to do.
    problemErrors: (problem) =>
      problem.status === 404 ? [{ field: '', message: 'You are no longer a member of this group.' }] : null,
  })
  return {
    title: `Leave ${group.name}`,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption(group.name),
      pageHeading('Are you sure you want to leave this group?'),
      bulletList(
        [
          'You will no longer be told about its new discussions.',
          group.privacy === 'open'
            ? 'You can join it again at any time.'
            : group.privacy === 'restricted'
              ? 'You will no longer read its discussions or see its members. To join again, you will have to ask.'
              : 'You will no longer see it. Only its owners can add you again.',
          group.my_role === 'owner' && 'If you are its only owner, make someone else an owner first.',
        ].filter((item) => item !== false),
      ),
      form,
    ),
  }
}
