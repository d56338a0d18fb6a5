// An error message shown inside a container of the caller’s, not in a form group of its own.

import { h } from './dom'
import type { Field } from './fields'

/** An error shown inside `container` rather than in a form group of its own: a list's ("Add at least one"), before
 * the list, or an answer's in a summary list, before the answer. The error summary leads to `focusId`, the control
 * that mends it (the list's add button, the answer's "Change" link). */
export function messageField(container: HTMLElement, focusId: string, at: 'start' | 'end'): Field {
  let message: HTMLElement | null = null
  return {
    element: container,
    focusId,
    setError(text) {
      message?.remove()
      message = null
      if (text === null) return
      message = h(
        'p',
        { class: 'govuk-error-message' },
        h('span', { class: 'govuk-visually-hidden' }, 'Error:'),
        ` ${text}`,
      )
      if (at === 'start') container.prepend(message)
      else container.append(message)
    },
  }
}
