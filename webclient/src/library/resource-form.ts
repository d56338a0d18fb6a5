// The form that describes a resource, for sharing a new one and for editing: title, summary, type, sector, tags,
// licence, who can see it and an optional link. It carries the personal-data guard of the title, summary and tags.

import type { ApiProblem } from '../api'
import { personalDataCheck } from '../forum/personal-data'
import { checkTags, checkTitle, maxTags, splitTags } from '../forum/title-and-tags'
import type { Sector } from '../identity/types'
import { radios, select, textInput, textarea } from '../shell/fields'
import { type FormError, type MessageArea, apiForm } from '../shell/form'
import { sectorName, sectors } from '../shell/words'
import type { ResourceAnswers, ResourceSummary } from './types'
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
  send: (answers: ResourceAnswers) => Promise<void>
}

export function resourceForm(options: ResourceFormOptions): HTMLFormElement {
  const existing = options.resource
  const check = personalDataCheck('resource', { title: 'The title', summary: 'The summary', tags: 'The tags' })
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
      })),
      values: [existing?.visibility ?? 'network'],
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

  const answers = (): ResourceAnswers => {
    const data = new FormData(form)
    const link = fields.link_url.input.value.trim()
    return {
      title: fields.title.input.value.trim(),
      summary: fields.summary.textarea.value.trim(),
      type: fields.type.select.value,
      sector: String(data.get('sector') ?? ''),
      tags: splitTags(fields.tags.input.value),
      licence: String(data.get('licence') ?? ''),
      visibility: String(data.get('visibility') ?? ''),
      link_url: link === '' ? null : link,
      confirm_personal_data: check.confirmed(),
    }
  }
  const form = apiForm({
    fields,
    area: options.area,
    submitLabel: options.submitLabel,
    check: () => checkAnswers(answers()),
    send: () => options.send(answers()),
    problemErrors: (problem: ApiProblem) =>
      check.errorsFor(problem) ??
      (problem.status === 403 ? [{ field: '', message: 'You cannot change this resource' }] : null),
  })
  return form
}

function checkAnswers(answers: ResourceAnswers): FormError[] {
  const errors: FormError[] = []
  checkTitle(answers.title, errors)
  if (!answers.summary) errors.push({ field: 'summary', message: 'Enter a summary' })
  if (!answers.type) errors.push({ field: 'type', message: 'Select the type of resource' })
  if (!answers.sector) errors.push({ field: 'sector', message: 'Select which services it is for' })
  checkTags(answers.tags, errors)
  if (!answers.licence) errors.push({ field: 'licence', message: 'Select a licence' })
  if (!answers.visibility) errors.push({ field: 'visibility', message: 'Select who can find it' })
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
