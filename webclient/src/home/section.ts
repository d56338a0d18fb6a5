// The parts every section of the home page shares: loading one source without letting its failure break the page,
// the section with its heading, and the short lists of links with lines of details under each.

import * as api from '../api'
import { type Child, h } from '../shell/dom'
import { paragraph } from '../shell/govuk'

/**
 * Waits for one of the page's sources. A failed call answers null, so that its section says so and the others still
 * show; a lost session (401, which already goes to sign in) and errors that are not the API's still fail the page.
 */
export async function settle<T>(what: string, loading: Promise<T>): Promise<T | null> {
  try {
    return await loading
  } catch (error) {
    if (!(error instanceof api.ApiProblem) || error.status === 401) throw error
    console.warn(`${what} could not be loaded`, error)
    return null
  }
}

/** What a section says when its source failed. */
export function notLoaded(): HTMLParagraphElement {
  return paragraph('This could not be loaded. Try again later.')
}

/** A section of the home page: a landmark named by its h2. */
export function homeSection(id: string, heading: string, ...content: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'app-home-section', 'aria-labelledby': id },
    h('h2', { class: 'govuk-heading-m', id }, heading),
    ...content,
  )
}

export interface ListEntry {
  /** The link, or a line holding it ("Mentioned you: " and the link). */
  title: Child
  /** Lines of details under it, in smaller text. */
  details?: readonly Child[]
}

/** A short list: each entry a link in bold with its details below, divided by rules. */
export function entryList(entries: readonly ListEntry[]): HTMLUListElement {
  return h(
    'ul',
    { class: 'govuk-list app-home-list' },
    entries.map((entry) =>
      h(
        'li',
        { class: 'app-home-list__item' },
        h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, entry.title),
        entry.details?.map((line) => h('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, line)),
      ),
    ),
  )
}

/** The link of an entry, in bold as lists of discussions show titles. */
export function entryLink(href: string, text: string): HTMLAnchorElement {
  return h('a', { class: 'govuk-link govuk-!-font-weight-bold', href }, text)
}
