// How the response pages show the server saying no: someone else saved first (412), the consultation has closed
// (409), or answers that need attention (422, including the personal-data guard), each as the GOV.UK pattern for
// it, so the respond and check pages read the same.

import * as api from '../api'
import { h } from '../shell/dom'
import type { Field } from '../shell/fields'
import type { FormError, MessageArea } from '../shell/form'
import { link } from '../shell/govuk'
import type { Question } from './types'

export const conflictHeading = 'Someone else from your organisation changed this response'

export const closedHeading = 'This consultation has closed'

const serviceProblem = 'Sorry, there is a problem with the service. Your answers were not saved. Try again later.'

/** The notification banner for a 412: their changes are kept, ours are not sent, and a link reads theirs. */
export function showConflict(area: MessageArea, fields: Readonly<Record<string, Field>>, reloadPath: string): void {
  area.showBanner(fields, {
    heading: conflictHeading,
    body: [
      'Your latest changes have not been saved, so that theirs are not lost. ',
      link(reloadPath, 'Reload the response to see their changes'),
      ', then make your changes again.',
    ],
  })
}

export function showClosed(area: MessageArea, fields: Readonly<Record<string, Field>>, closesAt: string): void {
  area.showBanner(fields, {
    heading: closedHeading,
    body: `Responses are no longer accepted: the consultation closed at ${closesAt}. Your answers have not been sent.`,
  })
}

/** The question key a server field names: "answers.q1" is q1's. */
export function questionKeyOf(serverField: string): string {
  return serverField.startsWith('answers.') ? serverField.slice('answers.'.length) : serverField
}

/** The server's messages start with a verb ("must be ...", "contains ..."): say whose answer it is. */
export function answerSentence(question: Question | undefined, message: string): string {
  if (!/^[a-z]/.test(message)) return message
  return question ? `Your answer to “${question.text}” ${message}` : `Your answer ${message}`
}

/** Form errors, one per question, from a 422 on the answers; problems with no question are about the whole form. */
export function answerErrors(problem: api.ApiProblem, questions: readonly Question[]): FormError[] {
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const key = questionKeyOf(error.field)
    const question = questions.find((known) => known.key === key)
    if (!question) errors.push({ field: '', message: error.message })
    else if (!errors.some((known) => known.field === key))
      errors.push({ field: key, message: answerSentence(question, error.message) })
  }
  return errors.length > 0 ? errors : [{ field: '', message: problem.detail || problem.title }]
}

/** The words for any other failure: the server's detail for a refusal, an apology when the service failed. */
export function otherProblem(error: unknown): FormError[] {
  if (error instanceof api.ApiProblem && !error.isServiceFailure) {
    return [{ field: '', message: error.detail || error.title }]
  }
  console.error(error)
  return [{ field: '', message: serviceProblem }]
}

/** A line of page that says how the saving is going, read out politely. */
export function saveStatus(): HTMLElement {
  return h('p', { class: 'govuk-body-s app-save-status', role: 'status' })
}
