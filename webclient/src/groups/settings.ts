// Changing a group's settings, for its owners and network administrators: its name, description and who can join.
// Its kind, services and region stay as they were made.

import * as api from '../api'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { type FormError, MessageArea, apiForm } from '../shell/form'
import { caption, pageHeading, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { checkWording, chosenPrivacy, descriptionField, nameField, privacyField, serverErrors } from './group-form'
import type { Group, GroupChange } from './types'
import { groupPath } from './words'

export async function groupSettingsPage(context: PageContext): Promise<PageView> {
  const group = await api.get<Group>(`/groups/${Number(context.params['id'])}`)
  if (!group.can_manage) return forbiddenPage()
  const back = groupPath(group)
  const area = new MessageArea()
  const fields = {
    name: nameField(group.name),
    description: descriptionField(group.description),
    privacy: privacyField(
      group.privacy,
      'Its discussions follow at once: when it is restricted or private, only its members can read them.',
    ),
  }
  const draft = () => ({
    name: fields.name.input.value.trim(),
    description: fields.description.textarea.value.trim(),
    privacy: chosenPrivacy(fields.privacy),
  })
  const form = apiForm({
    fields,
    area,
    submitLabel: 'Save changes',
    cancel: { href: back, text: 'Cancel' },
    check: () => {
      const errors: FormError[] = []
      const sent = draft()
      checkWording(sent, errors)
      if (!sent.privacy) errors.push({ field: 'privacy', message: 'Select who can join' })
      return errors
    },
    send: async () => {
      const sent = draft()
      const change: GroupChange = {
        name: sent.name,
        description: sent.description,
        ...(sent.privacy ? { privacy: sent.privacy } : {}),
      }
      const changed = await api.patch<Group>(`/groups/${group.id}`, change)
      navigate(groupPath(changed), { replace: true, flash: `Your changes to ${changed.name} have been saved` })
    },
    problemErrors: (problem) => serverErrors(problem, fields, draft().name),
  })
  const heading = 'Change group settings'
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
