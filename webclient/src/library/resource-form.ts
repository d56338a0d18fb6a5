// The form that describes a resource, for sharing a new one and for editing: title, summary, type, sector, tags,
// licence, who can see it (one of the groups the person belongs to, chosen in a question revealed by its radio) and an
// optional link. It carries the personal-data guard of the title, summary and tags.

import type { ApiProblem } from '../api'
import { personalDataCheck } from '../forum/personal-data'
import { checkTags, checkTitle, maxTags, splitTags } from '../forum/title-and-tags'
import type { Sector } from '../identity/types'
import { h } from '../shell/dom'
import { type Field, radios, select, textInput, textarea } from '../shell/fields'
import { type FormError, type MessageArea, apiForm, formErrors } from '../shell/form'
import { link, paragraph } from '../shell/govuk'
import { sectorName, sectors } from '../shell/words'
import type { LibraryGroup, ResourceAnswers, ResourceSummary, SharedGroup } from './types'
import {
  licenceHints,
  licenceNames,
  licences,
  resourceTypes,
  typeNames,
  visibilities,
  visibilityHint,
  visibilityName,
} from './words'

export const summaryHint =
  'What it is, who it is for and how you use it. You can use Markdown: **bold**, *italic*, a line starting with - ' +
  'for a list, and [words](https://example.org) for a link.'

export interface ResourceFormOptions {
  area: MessageArea
  submitLabel: string
  /** The resource being edited; a new one starts empty. */
  resource?: ResourceSummary
  /** The organisation that owns (or will own) the resource, named in the visibility choices. */
  organisation: string
  /** The sector a new resource starts with: the author's own. */
  defaultSector: Sector
  /** The groups it may be shared with: those the person may post in. */
  groups: readonly LibraryGroup[]
  /** The group a new resource is shared with to start with (`?group_id=` from the group's page). */
  startGroupId?: number
  send: (answers: ResourceAnswers) => Promise<void>
}

/**
 * A group to share a resource with; its privacy says who will see it, when the form knows it (not for the group a
 * resource is shared with already, when the editor is outside it).
 */
type GroupChoice = SharedGroup & Partial<Pick<LibraryGroup, 'privacy'>>

/** The message for a group the server does not take: one the person is not (or no longer) a member of. */
const notYourGroup = 'Select a group you are a member of'

export function resourceForm(options: ResourceFormOptions): HTMLFormElement {
  const existing = options.resource
  const check = personalDataCheck('resource', { title: 'The title', summary: 'The summary', tags: 'The tags' })
  const shared = existing?.group
  const groups: readonly GroupChoice[] =
    shared && !options.groups.some((group) => group.id === shared.id) ? [...options.groups, shared] : options.groups
  const startGroup = groups.find((group) => group.id === options.startGroupId)
  const groupField = groupChoice(groups, shared?.id ?? startGroup?.id)
  const fields = {
    title: textInput({
      id: 'title',
      name: 'title',
      label: 'Title',
      hint: 'For example: Supervision policy for newly qualified social workers',
      value: existing?.title ?? '',
    }),
    summary: textarea({
      id: 'summary',
      name: 'summary',
      label: 'Summary',
      hint: summaryHint,
      rows: 8,
      value: existing?.summary ?? '',
    }),
    type: select({
      id: 'type',
      name: 'type',
      label: 'Type of resource',
      value: existing?.type ?? '',
      choices: [
        ...(existing ? [] : [{ value: '', text: 'Choose a type' }]),
        ...resourceTypes.map((type) => ({ value: type, text: typeNames[type] })),
      ],
    }),
    sector: radios({
      id: 'sector',
      name: 'sector',
      legend: 'Which services is it for?',
      legendClass: 'govuk-fieldset__legend--s',
      choices: sectors.map((sector) => ({ value: sector, text: sectorName(sector) })),
      values: [existing?.sector ?? options.defaultSector],
      small: true,
    }),
    tags: textInput({
      id: 'tags',
      name: 'tags',
      label: 'Tags (optional)',
      hint: `Up to ${maxTags}, separated by commas, for example: supervision, asye, induction`,
      value: existing?.tags.join(', ') ?? '',
      spellcheck: false,
    }),
    licence: radios({
      id: 'licence',
      name: 'licence',
      legend: 'Licence',
      legendClass: 'govuk-fieldset__legend--s',
      hint: 'How others may reuse it.',
      choices: licences.map((licence) => ({
        value: licence,
        text: licenceNames[licence],
        hint: licenceHints[licence],
      })),
      values: existing ? [existing.licence] : [],
      small: true,
    }),
    visibility: radios({
      id: 'visibility',
      name: 'visibility',
      legend: 'Who can find it?',
      legendClass: 'govuk-fieldset__legend--s',
      choices: visibilities.map((visibility) => ({
        value: visibility,
        text: visibilityName(visibility, options.organisation),
        hint: visibilityHint(visibility),
        ...(visibility === 'group' ? { conditional: groupField?.element ?? noGroups() } : {}),
      })),
      values: [existing?.visibility ?? (startGroup ? 'group' : 'network')],
      small: true,
    }),
    link_url: textInput({
      id: 'link_url',
      name: 'link_url',
      label: 'Link to the resource (optional)',
      hint: 'If it is published on a website, its address, starting with https://',
      value: existing?.link_url ?? '',
      spellcheck: false,
      autocomplete: 'url',
    }),
    confirm_personal_data: check.field,
  }

  // The group's choice is revealed inside the visibility's radios, so it is not one of the fields in a row.
  const allFields: Record<string, Field> = groupField ? { ...fields, group_id: groupField } : fields

  const answers = (): ResourceAnswers => {
    const data = new FormData(form)
    const link = fields.link_url.input.value.trim()
    const visibility = String(data.get('visibility') ?? '')
    const groupId = visibility === 'group' && groupField?.select.value ? Number(groupField.select.value) : null
    return {
      title: fields.title.input.value.trim(),
      summary: fields.summary.textarea.value.trim(),
      type: fields.type.select.value,
      sector: String(data.get('sector') ?? ''),
      tags: splitTags(fields.tags.input.value),
      licence: String(data.get('licence') ?? ''),
      visibility,
      ...(groupId === null ? {} : { group_id: groupId }),
      link_url: link === '' ? null : link,
      confirm_personal_data: check.confirmed(),
    }
  }
  /** Whether the answers share it with another group than before, which the server checks the person belongs to. */
  const sharesWithNewGroup = (sent: ResourceAnswers): boolean =>
    sent.visibility === 'group' && sent.group_id !== existing?.group?.id
  const form = apiForm({
    fields: allFields,
    content: Object.values(fields).map((field) => field.element),
    area: options.area,
    submitLabel: options.submitLabel,
    check: () => checkAnswers(answers(), groupField !== null),
    send: () => options.send(answers()),
    problemErrors: (problem: ApiProblem) =>
      check.errorsFor(problem) ??
      (problem.status === 403 && sharesWithNewGroup(answers())
        ? [{ field: 'group_id', message: notYourGroup }]
        : null) ??
      (problem.status === 403 ? [{ field: '', message: 'You cannot change this resource' }] : null) ??
      (problem.status === 422 ? formErrors(problem, allFields, { group_id: notYourGroup }) : null),
  })
  return form
}

/**
 * The choice of group, revealed when "A group you belong to" is chosen: the groups by name, and below them who will
 * see the resource, as the chosen group's privacy decides. Null when there is no group to choose.
 */
function groupChoice(
  groups: readonly GroupChoice[],
  chosenId: number | undefined,
): (Field & { select: HTMLSelectElement }) | null {
  if (groups.length === 0) return null
  // With one group there is nothing to choose between; with several, none is chosen for the person.
  const chosen = chosenId ?? (groups.length === 1 ? groups[0]?.id : undefined)
  const readers = h('span')
  const field = select({
    id: 'group_id',
    name: 'group_id',
    label: 'Which group?',
    hint: readers,
    value: chosen === undefined ? '' : String(chosen),
    choices: [
      ...(chosen === undefined ? [{ value: '', text: 'Choose a group' }] : []),
      ...groups.map((group) => ({ value: String(group.id), text: group.name })),
    ],
  })
  const describe = (): void => {
    const group = groups.find((known) => String(known.id) === field.select.value)
    readers.textContent = group ? groupReaders(group) : 'Only the people who can read the group will see it.'
  }
  describe()
  field.select.addEventListener('change', describe)
  return field
}

function groupReaders(group: GroupChoice): string {
  if (group.privacy === 'open') return `${group.name} is open: everyone in the network will be able to see it.`
  if (group.privacy === undefined) return `Only the people who can read ${group.name} will be able to see it.`
  return `Only the members of ${group.name} will be able to see it.`
}

/** In place of the choice of group for someone in none: sharing with a group starts with joining one. */
function noGroups(): HTMLElement {
  return paragraph(
    'You are not a member of any group yet. ',
    link('/groups', 'Find a group and join it'),
    ' before you share a resource with one.',
  )
}

function checkAnswers(answers: ResourceAnswers, groupsOffered: boolean): FormError[] {
  const errors: FormError[] = []
  checkTitle(answers.title, errors)
  if (!answers.summary) errors.push({ field: 'summary', message: 'Enter a summary' })
  if (!answers.type) errors.push({ field: 'type', message: 'Select the type of resource' })
  if (!answers.sector) errors.push({ field: 'sector', message: 'Select which services it is for' })
  checkTags(answers.tags, errors)
  if (!answers.licence) errors.push({ field: 'licence', message: 'Select a licence' })
  if (!answers.visibility) errors.push({ field: 'visibility', message: 'Select who can find it' })
  if (answers.visibility === 'group' && !groupsOffered) {
    errors.push({ field: 'visibility', message: 'Join a group before you share a resource with one' })
  } else if (answers.visibility === 'group' && answers.group_id === undefined) {
    errors.push({ field: 'group_id', message: 'Select the group to share it with' })
  }
  if (answers.link_url !== null && !isWebAddress(answers.link_url)) {
    errors.push({ field: 'link_url', message: 'Enter a web address starting with https:// or http://' })
  }
  return errors
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
  } catch {
    return false
  }
}
