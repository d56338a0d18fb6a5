// Editing a resource's description, for its author, their organisation's administrators and moderators.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { MessageArea } from '../shell/form'
import { caption, pageHeading, twoThirds, warningText } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { myGroups } from './groups'
import { resourceForm } from './resource-form'
import type { Resource, ResourceAnswers } from './types'
import { resourcePath } from './words'

export async function editResourcePage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const [me, resource, mine] = await Promise.all([refreshUser(), api.get<Resource>(`/resources/${id}`), myGroups()])
  if (!resource.may_edit) return forbiddenPage()
  const area = new MessageArea()
  const form = resourceForm({
    area,
    submitLabel: 'Save changes',
    resource,
    organisation: resource.organisation.name,
    defaultSector: me.sector,
    groups: mine.filter((group) => group.can_post),
    send: async (answers: ResourceAnswers) => {
      await api.patch<Resource>(`/resources/${id}`, answers)
      navigate(resourcePath(resource), { flash: 'Your changes have been saved' })
    },
  })
  return {
    title: `Edit ${resource.title}`,
    content: [
      h('a', { class: 'govuk-back-link', href: resourcePath(resource) }, 'Back to the resource'),
      twoThirds(
        area.element,
        caption(resource.title),
        pageHeading('Edit the resource'),
        warningText(
          'Never include information about people who use services, such as names, NHS numbers or dates of birth.',
        ),
        form,
      ),
    ],
  }
}
