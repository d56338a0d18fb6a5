// The questions that creating a group and changing its settings share: its name, description and who can join, and
// the server's refusals in the form's words.

import * as api from '../api'
import { type Field, radios, textInput, textarea } from '../shell/fields'
import { type FormError, fieldKey } from '../shell/form'
import type { GroupPrivacy } from './types'
import { privacies, privacyHints, privacyNames } from './words'

export const maxNameLength = 120
export const maxDescriptionLength = 2000

export interface WordingValues {
  name: string
  description: string
  privacy: GroupPrivacy | ''
}

export function nameField(value: string): Field & { input: HTMLInputElement } {
  return textInput({
    id: 'name',
    name: 'name',
    label: 'Name of the group',
    labelClass: 'govuk-label--m',
    hint: 'A name people will recognise, for example AMHP leads in the North West.',
    autocomplete: 'off',
    value,
  })
}

export function descriptionField(value: string): Field & { textarea: HTMLTextAreaElement } {
  return textarea({
    id: 'description',
    name: 'description',
    label: 'Description (optional)',
    labelClass: 'govuk-label--m',
    hint: 'What the group is for and who should join it.',
    rows: 4,
    characterLimit: maxDescriptionLength,
    value,
  })
}

export function privacyField(value: GroupPrivacy | '', hint?: string): Field {
  return radios({
    id: 'privacy',
    name: 'privacy',
    legend: 'Who can join?',
    legendClass: 'govuk-fieldset__legend--m',
    ...(hint === undefined ? {} : { hint }),
    choices: privacies.map((privacy) => ({
      value: privacy,
      text: privacyNames[privacy],
      hint: privacyHints[privacy],
    })),
    values: value ? [value] : [],
  })
}

/** The value of the radio chosen in `field`, or empty. */
export function checkedValue(field: Field): string {
  return field.element.querySelector<HTMLInputElement>('input:checked')?.value ?? ''
}

export function chosenPrivacy(field: Field): GroupPrivacy | '' {
  const value = checkedValue(field)
  return privacies.find((privacy) => privacy === value) ?? ''
}

/** What is missing or too long in the name, description and privacy. */
export function checkWording(values: WordingValues, errors: FormError[]): void {
  if (!values.name) errors.push({ field: 'name', message: 'Enter a name for the group' })
  else if ([...values.name].length > maxNameLength)
    errors.push({ field: 'name', message: `Name must be ${maxNameLength} characters or fewer` })
  if ([...values.description].length > maxDescriptionLength)
    errors.push({
      field: 'description',
      message: `Description must be ${maxDescriptionLength.toLocaleString('en-GB')} characters or fewer`,
    })
}

const fieldNames: Readonly<Record<string, string>> = {
  name: 'Name',
  description: 'Description',
  kind: 'Type of group',
  sector: 'Services',
  region_code: 'Region',
  privacy: 'Who can join',
}

/**
 * The server's refusals in the form's words: a name another group has (409), and the field errors of a 422, each on
 * its field when the form shows it. Null for anything else, which the form shows as it comes.
 */
export function serverErrors(
  problem: api.ApiProblem,
  fields: Readonly<Record<string, Field>>,
  name: string,
): FormError[] | null {
  if (problem.status === 409 && problem.errors.some((error) => fieldKey(error.field) === 'name'))
    return [{ field: 'name', message: `There is already a group called ‘${name}’: choose another name` }]
  if (problem.status !== 422) return null
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const key = fieldKey(error.field)
    const field = key in fields ? key : ''
    if (field !== '' && errors.some((known) => known.field === field)) continue
    errors.push({ field, message: sentence(fieldNames[key] ?? 'The group', error.message) })
  }
  return errors.length > 0 ? errors : [{ field: '', message: problem.detail || problem.title }]
}

/** The server's words, which may start "must ...", as a sentence naming what they are about. */
export function sentence(subject: string, message: string): string {
  if (!/^[a-z]/.test(message)) return message
  return /^(must|is|are|cannot|can|should|has|was)\b/.test(message) ? `${subject} ${message}` : `${subject}: ${message}`
}
