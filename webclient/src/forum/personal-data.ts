// The personal-data guard as a form sees it. A refusal (an NHS or National Insurance number) is an error on the
// field that holds it; a warning (a date of birth, a postcode, a phone number) shows what was found and a checkbox,
// and the author posts again with confirm_personal_data once they have checked.

import type { ApiProblem } from '../api'
import { h } from '../shell/dom'
import { type Field, checkboxes } from '../shell/fields'
import { type FormError, fieldKey } from '../shell/form'
import { warningText } from '../shell/govuk'

const refusal = '/problems/personal-data'
const warning = '/problems/personal-data-warning'

export interface PersonalDataCheck {
  /** The warning and its checkbox, hidden until the server warns; put it in the form's fields. */
  readonly field: Field
  /** Whether to send confirm_personal_data: true. */
  confirmed(): boolean
  /** The form errors for a personal-data problem (and shows the warning), or null for any other problem. */
  errorsFor(problem: ApiProblem): FormError[] | null
  /** After a successful post: hidden and unticked again. */
  reset(): void
}

/**
 * `names` says what each checked field is called in sentences: { body: 'Your answer' }. `fieldOf` turns the
 * server's field ("answers.q1") into the form's key; by default the first part of it ("answers").
 */
export function personalDataCheck(
  idPrefix: string,
  names: Readonly<Record<string, string>>,
  fieldOf: (serverField: string) => string = fieldKey,
): PersonalDataCheck {
  const id = `${idPrefix}-confirm-personal-data`
  const confirmation = checkboxes({
    id,
    name: 'confirm_personal_data',
    legend: 'Check there is no personal data',
    legendClass: 'govuk-fieldset__legend--s',
    choices: [{ value: 'yes', text: 'I have checked: this is not about a person who uses services' }],
    values: [],
    small: true,
  })
  const findings = h('ul', { class: 'govuk-list govuk-list--bullet' })
  const element = h(
    'div',
    { class: 'app-personal-data-check', hidden: true },
    warningText(
      'What you have written may be about a person who uses services. Remove anything that could identify them, ' +
        'or confirm it is not about a person.',
    ),
    findings,
    confirmation.element,
  )
  const checkbox = (): HTMLInputElement | null => element.querySelector<HTMLInputElement>(`#${id}`)
  const sentence = (field: string, message: string): string =>
    /^[a-z]/.test(message) ? `${names[fieldOf(field)] ?? 'It'} ${message}` : message

  const errors = (problem: ApiProblem): FormError[] =>
    problem.errors.map((error) => ({ field: fieldOf(error.field), message: sentence(error.field, error.message) }))

  return {
    field: { element, focusId: id, setError: (message) => confirmation.setError(message) },
    confirmed: () => !element.hidden && (checkbox()?.checked ?? false),
    errorsFor(problem) {
      if (problem.type.endsWith(refusal)) {
        this.reset()
        return errors(problem)
      }
      if (!problem.type.endsWith(warning)) return null
      const warnedBefore = !element.hidden
      findings.replaceChildren(...problem.errors.map((error) => h('li', null, sentence(error.field, error.message))))
      element.hidden = false
      const found = errors(problem)
      if (warnedBefore) {
        found.push({
          field: 'confirm_personal_data',
          message: 'Select ‘I have checked’ to post it, or remove the details that could identify a person',
        })
      }
      return found
    },
    reset() {
      element.hidden = true
      findings.replaceChildren()
      const box = checkbox()
      if (box) box.checked = false
    },
  }
}
