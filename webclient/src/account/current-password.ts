// The "Current password" question of the forms that change something only the account's owner may change (the
// password, the email address), and what the server's refusals of it mean.

import type * as api from '../api'
import { waitWords } from '../identity/words'
import { type Field, passwordInput } from '../shell/fields'
import { type FormError, type MessageArea, apiForm, formErrors } from '../shell/form'
import type { CurrentPassword } from './types'

export function currentPasswordField(hint?: string, label = 'Current password'): Field & { input: HTMLInputElement } {
  return passwordInput({
    id: 'current-password',
    name: 'current_password',
    label,
    ...(hint === undefined ? {} : { hint }),
    autocomplete: 'current-password',
  })
}

/**
 * A wrong current password is a 422 on `current_password` (and counts as a failed sign-in); too many of them are a
 * 429. `messages` words the other fields' 422s, and may reword the wrong password's for a form that labels the field
 * differently. Null for any other problem, which the form shows as usual.
 */
export function currentPasswordErrors(
  problem: api.ApiProblem,
  fields: Readonly<Record<string, Field>>,
  messages: Readonly<Record<string, string>> = {},
): FormError[] | null {
  if (problem.status === 422) {
    return formErrors(problem, fields, { current_password: 'Your current password is not correct', ...messages })
  }
  if (problem.status === 429) {
    return [{ field: '', message: `You have tried too many times. ${waitWords(problem.retryAfterSeconds)}` }]
  }
  return null
}

export interface CurrentPasswordFormOptions {
  area: MessageArea
  submitLabel: string
  submitVariant?: 'warning'
  cancel?: { href: string; text: string }
  /** Sends {current_password} and acts on success. */
  send: (answers: CurrentPassword) => Promise<void>
  /** Errors for a problem other than the password's (a 422 or 429 on it), if any. */
  otherProblemErrors?: (problem: api.ApiProblem) => FormError[] | null
}

/** A form that asks for the current password alone, before an action only the account's owner may take. */
export function currentPasswordForm(options: CurrentPasswordFormOptions): HTMLFormElement {
  const fields = { current_password: currentPasswordField('We need your password to check it is you.') }
  const answers = (): CurrentPassword => ({ current_password: fields.current_password.input.value })
  return apiForm({
    fields,
    area: options.area,
    submitLabel: options.submitLabel,
    ...(options.submitVariant ? { submitVariant: options.submitVariant } : {}),
    ...(options.cancel ? { cancel: options.cancel } : {}),
    check: () =>
      answers().current_password ? [] : [{ field: 'current_password', message: 'Enter your current password' }],
    send: () => options.send(answers()),
    problemErrors: (problem) => currentPasswordErrors(problem, fields) ?? options.otherProblemErrors?.(problem) ?? null,
  })
}
