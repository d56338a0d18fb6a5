// Sharing a resource, first step: describe it. The file is uploaded on the next page, once the resource exists.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { caption, pageHeading, paragraph, twoThirds, warningText } from '../shell/govuk'
import type { PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { resourceForm } from './resource-form'
import type { Resource } from './types'

export async function newResourcePage(): Promise<PageView> {
  const me = await refreshUser()
  const area = new MessageArea()
  const form = resourceForm({
    area,
    submitLabel: 'Save and continue',
    organisation: me.organisation.name,
    defaultSector: me.sector,
    send: async (answers) => {
      const resource = await api.post<Resource>('/resources', answers)
      navigate(`/library/${resource.id}/upload`, { flash: 'Your resource has been saved' })
    },
  })
  return {
    title: 'Share a resource',
    content: [
      h('a', { class: 'govuk-back-link', href: '/library' }, 'Back to the library'),
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
