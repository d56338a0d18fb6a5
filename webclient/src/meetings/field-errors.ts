// The server's 422 field errors in a meetings form's words: each on the field it is about, once, and named ("Start
// time must be …") when the server's message starts with its verb.

import type * as api from '../api'
import { sentence } from '../groups/group-form'
import type { Field } from '../shell/fields'
import { type FormError, fieldKey } from '../shell/form'

/** `names` names each field in a sentence; `whole` names what a message about no field is about. */
export function namedFieldErrors(
  problem: api.ApiProblem,
  fields: Readonly<Record<string, Field>>,
  names: Readonly<Record<string, string>>,
  whole: string,
): FormError[] | null {
  if (problem.status !== 422) return null
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const key = fieldKey(error.field)
    const field = key in fields ? key : ''
    if (field !== '' && errors.some((known) => known.field === field)) continue
    errors.push({ field, message: sentence(names[key] ?? whole, dayInWords(error.message)) })
  }
  return errors.length > 0 ? errors : [{ field: '', message: problem.detail || problem.title }]
}

/** The server writes the days it takes as 2026-12-15; the form asks for day, month and year. */
function dayInWords(message: string): string {
  return message.replace(/, written like \d{4}-\d{2}-\d{2}$/, '')
}
