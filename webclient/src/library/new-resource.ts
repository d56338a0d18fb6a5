// Sharing a resource, first step: describe it. The file is uploaded on the next page, once the resource exists. From a
// group's page (`?group_id=`) it starts shared with that group.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { messagePage } from '../shell/error-pages'
import { MessageArea } from '../shell/form'
import { caption, link, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { groupNamed, myGroups } from './groups'
import { resourceForm } from './resource-form'
import type { LibraryGroup, Resource } from './types'
import { newResourceGroupParam, sharedGroupPath } from './words'

export async function newResourcePage(context: PageContext): Promise<PageView> {
  const groupId = context.query.get(newResourceGroupParam)
  const [me, mine, named] = await Promise.all([
    refreshUser(),
    myGroups(),
    groupId === null ? null : groupNamed(groupId),
  ])
  if (named && !named.can_post) return notInGroup(named)
  // A network administrator may share with a group they are not in, from its page.
  const groups = [
    ...mine.filter((group) => group.can_post),
    ...(named && !mine.some((group) => group.id === named.id) ? [named] : []),
  ]
  const area = new MessageArea()
  const form = resourceForm({
    area,
    submitLabel: 'Save and continue',
    organisation: me.organisation.name,
    defaultSector: named && named.sector !== 'both' ? named.sector : me.sector,
    groups,
    ...(named ? { startGroupId: named.id } : {}),
    send: async (answers) => {
      const resource = await api.post<Resource>('/resources', answers)
      navigate(`/library/${resource.id}/upload`, { flash: 'Your resource has been saved' })
    },
  })
  return {
    title: named ? `Share a resource – ${named.name}` : 'Share a resource',
    content: [
      named
        ? h('a', { class: 'govuk-back-link', href: sharedGroupPath(named) }, `Back to ${named.name}`)
        : h('a', { class: 'govuk-back-link', href: '/library' }, 'Back to the library'),
      twoThirds(
        area.element,
        caption('Practice library'),
        pageHeading('Share a resource'),
        paragraph(
          `Describe the resource so others can find it. It will be shared as ${me.organisation.name}’s, with you ` +
            'as its author. You can upload the file on the next page.',
        ),
        warningText(
          'Never include information about people who use services, such as names, NHS numbers or dates of birth.',
        ),
        form,
      ),
    ],
  }
}

/** The page for a group the reader may not share with (`?group_id=` from an old link): they are told to join it. */
function notInGroup(group: LibraryGroup): PageView {
  return messagePage(
    'You cannot share a resource with this group',
    'You cannot share a resource with this group',
    paragraph(`Only members of ${group.name} can share resources with it.`),
    paragraph(
      link(sharedGroupPath(group), `Go to ${group.name}`),
      ' to join it, or ',
      link('/library/new', 'share a resource'),
      ' with others.',
    ),
  )
}
