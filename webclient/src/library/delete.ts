// Deleting a resource, after asking: it leaves the library, searches and downloads (the audit history stays).

import * as api from '../api'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { MessageArea, apiForm } from '../shell/form'
import { caption, link, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import type { Resource } from './types'
import { resourcePath } from './words'

export async function deleteResourcePage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const resource = await api.get<Resource>(`/resources/${id}`)
  if (!resource.may_edit) return forbiddenPage()
  const area = new MessageArea()
  const form = apiForm({
    fields: {},
    area,
    submitLabel: 'Delete resource',
    check: () => [],
    send: async () => {
      await api.del(`/resources/${id}`)
      navigate('/library', { flash: `‘${resource.title}’ has been deleted` })
    },
  })
  // The one button of the form deletes: GOV.UK's warning button says so before it is pressed.
  const submit = form.querySelector('button')
  if (submit) {
    submit.classList.add('govuk-button--warning')
    const group = h('div', { class: 'govuk-button-group' })
    submit.replaceWith(group)
    group.append(submit, link(resourcePath(resource), 'Cancel'))
  }
  return {
    title: `Delete ${resource.title}`,
    content: twoThirds(
      area.element,
      caption(resource.title),
      h('h1', { class: 'govuk-heading-l' }, 'Are you sure you want to delete this resource?'),
      paragraph(
        'It will no longer be listed or found in searches, and no one will be able to download its files. ' +
          'Authorities that said they use it will no longer see it.',
      ),
      form,
    ),
  }
}
