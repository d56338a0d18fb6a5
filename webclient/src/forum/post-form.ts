// The form that writes a post: a reply to a discussion or an edit of a post. Both carry the personal-data guard.

import type { ApiProblem } from '../api'
import { textarea } from '../shell/fields'
import { type MessageArea, apiForm } from '../shell/form'
import { personalDataCheck } from './personal-data'

export interface PostFormOptions {
  /** Makes the ids of the fields unique on the page: "reply", "edit-42". */
  idPrefix: string
  label: string
  /** Shows the label as a medium heading, when the form is a section of the page. */
  labelClass?: string
  submitLabel: string
  value?: string
  area: MessageArea
  /** Sends the post; the form is emptied afterwards unless it is an edit. */
  send: (answer: { body: string; confirm_personal_data: boolean }) => Promise<void>
  problemErrors?: (problem: ApiProblem) => { field: string; message: string }[] | null
}

export const markdownHint =
  'You can use Markdown: **bold**, *italic*, a line starting with - for a list, and [words](https://example.org) ' +
  'for a link. Mention someone with @ and their name.'

export function postForm(options: PostFormOptions): HTMLFormElement {
  const check = personalDataCheck(options.idPrefix, { body: 'Your post' })
  const body = textarea({
    id: `${options.idPrefix}-body`,
    name: 'body',
    label: options.label,
    ...(options.labelClass ? { labelClass: options.labelClass } : {}),
    hint: markdownHint,
    rows: 6,
    value: options.value ?? '',
  })
  const fields = { body, confirm_personal_data: check.field }
  return apiForm({
    fields,
    area: options.area,
    submitLabel: options.submitLabel,
    check: () => (body.textarea.value.trim() ? [] : [{ field: 'body', message: 'Enter your post' }]),
    send: async () => {
      await options.send({ body: body.textarea.value.trim(), confirm_personal_data: check.confirmed() })
      check.reset()
      options.area.clear(fields)
      if (options.value === undefined) body.textarea.value = ''
    },
    problemErrors: (problem) => check.errorsFor(problem) ?? options.problemErrors?.(problem) ?? null,
  })
}
