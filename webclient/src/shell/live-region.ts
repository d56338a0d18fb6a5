// A polite live region: changes that arrive without the user asking (a new reply, a new discussion) are read out
// by screen readers when they are idle, and focus stays where the user left it.

import { h } from './dom'

export interface LiveRegion {
  /** Place it in the page when the page is built: screen readers only watch regions that were there before. */
  readonly element: HTMLElement
  announce(text: string): void
}

export function liveRegion(): LiveRegion {
  const element = h('div', { class: 'govuk-visually-hidden', role: 'status', 'aria-live': 'polite' })
  let timer: number | undefined
  return {
    element,
    announce(text) {
      // Emptying first makes a repeated message ("1 new reply", twice) be read again.
      element.textContent = ''
      window.clearTimeout(timer)
      timer = window.setTimeout(() => {
        element.textContent = text
      }, 100)
    },
  }
}
