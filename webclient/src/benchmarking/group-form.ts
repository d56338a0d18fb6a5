// Saving a comparator group for the organisation, or changing one: its name and its organisations (group-members.ts).
// What is missing is said before anything is sent; a name the organisation already uses, and anything else the
// server refuses, is shown on its field in the GOV.UK error summary.

import * as api from '../api'
import { loadOrganisations } from '../directory/all-organisations'
import { comparatorGroupsApiPath, loadComparatorGroup } from '../directory/comparator-groups'
import type { ComparatorGroup, ComparatorGroupChange, Organisation } from '../directory/types'
import { refreshUser } from '../identity/session'
import type { Me } from '../identity/types'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm, fieldKey } from '../shell/form'
import { caption, pageHeading, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { maxMembers, memberChoice } from './group-members'
import { comparatorGroupPaths } from './group-paths'

const maxNameLength = 80

export async function newComparatorGroupPage(): Promise<PageView> {
  const [me, organisations] = await Promise.all([refreshUser(), loadOrganisations()])
  return groupFormPage(me, null, organisations)
}

export async function changeComparatorGroupPage(context: PageContext): Promise<PageView> {
  const id = Number(context.params['id'])
  const [me, group, organisations] = await Promise.all([refreshUser(), loadComparatorGroup(id), loadOrganisations()])
  if (!group.can_change) return forbiddenPage()
  return groupFormPage(me, group, organisations)
}

function groupFormPage(me: Me, group: ComparatorGroup | null, organisations: readonly Organisation[]): PageView {
  const area = new MessageArea()
  const fields = {
    name: textInput({
      id: 'name',
      name: 'name',
      label: 'Name of the group',
      labelClass: 'govuk-label--m',
      hint: `For example, Our teaching partnership. Everyone in ${me.organisation.name} sees this name.`,
      value: group?.name ?? '',
      autocomplete: 'off',
    }),
    members: memberChoice({ organisations, ownOrganisationId: me.organisation.id, chosen: group?.members ?? [] }),
  }
  const answers = (): ComparatorGroupChange => ({
    name: fields.name.input.value.trim(),
    members: fields.members.selectedIds(),
  })
  const problems = (): FormError[] => {
    const sent = answers()
    const errors: FormError[] = []
    if (!sent.name) errors.push({ field: 'name', message: 'Enter a name for the group' })
    else if ([...sent.name].length > maxNameLength)
      errors.push({ field: 'name', message: `Name must be ${maxNameLength} characters or fewer` })
    if (sent.members.length === 0)
      errors.push({ field: 'members', message: 'Select at least one organisation to compare with' })
    else if (sent.members.length > maxMembers)
      errors.push({ field: 'members', message: `Select ${maxMembers} organisations or fewer` })
    return errors
  }

  const back = comparatorGroupPaths.list
  const form = apiForm({
    fields,
    area,
    submitLabel: group ? 'Save changes' : 'Save group',
    cancel: { href: back, text: 'Cancel' },
    check: problems,
    send: async () => {
      const body = answers()
      const saved = group
        ? await api.put<ComparatorGroup>(comparatorGroupsApiPath(group.id), body)
        : await api.post<ComparatorGroup>(comparatorGroupsApiPath(), body)
      navigate(back, {
        replace: true,
        flash: group ? `Your changes to ‘${saved.name}’ have been saved` : `‘${saved.name}’ has been saved`,
      })
    },
    problemErrors: (problem) => serverErrors(problem, answers()),
  })

  const heading = group ? `Change ${group.name}` : 'Save a comparator group'
  return {
    title: heading,
    content: twoThirds(
      h('a', { class: 'govuk-back-link', href: back }, 'Back'),
      area.element,
      caption('Your saved comparator groups'),
      pageHeading(heading),
      form,
    ),
  }
}

/**
 * The server's refusals in the form's words: a name already in use (409 on `name`), the organisation's limit of
 * groups (409), and the field errors of a 422 ("members[2]" belongs to the organisations).
 */
function serverErrors(problem: api.ApiProblem, sent: ComparatorGroupChange): FormError[] | null {
  if (problem.status !== 409 && problem.status !== 422) return null
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const field = fieldKey(error.field)
    if (errors.some((known) => known.field === field)) continue
    if (field === 'name' && problem.status === 409) {
      errors.push({
        field,
        message: `Your organisation already has a group called ‘${sent.name}’: choose another name`,
      })
    } else if (field === 'name') {
      errors.push({ field, message: /^[a-z]/.test(error.message) ? `Name ${error.message}` : error.message })
    } else if (field === 'members' && error.field !== 'members') {
      errors.push({ field, message: 'One of the organisations chosen is no longer in the directory: remove it' })
    } else if (field === 'members') {
      errors.push({
        field,
        message: /^[a-z]/.test(error.message) ? `The organisations ${error.message}` : error.message,
      })
    } else {
      errors.push({ field: '', message: error.message })
    }
  }
  return errors.length > 0 ? errors : [{ field: '', message: problem.detail || problem.title }]
}
