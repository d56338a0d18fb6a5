// Searching the whole network: discussions, replies and practice resources (with the words inside their files) in
// one list, best match first. The words are in the address (?q=), so a search can be linked, reloaded and gone back
// to; the router turns the form's GET into a navigation.

import './search.css'

import * as api from '../api'
import { newThreadPath } from '../forum/words'
import { h } from '../shell/dom'
import { textInput } from '../shell/fields'
import { MessageArea, formErrors } from '../shell/form'
import { bulletList, button, link, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { count } from '../shell/words'
import { snippet } from './snippet'
import type { SearchHit, SearchResults } from './types'
import { hitKindNames, hitPath, quoted, searchPath } from './words'

/** The most hits the API gives in one answer; the count says when more matched. */
const hitLimit = 50

export async function searchPage(context: PageContext): Promise<PageView> {
  const words = context.query.get('q')?.trim() ?? ''
  const area = new MessageArea()
  const fields = {
    q: textInput({
      id: 'q',
      name: 'q',
      type: 'search',
      label: 'Search PSW Network',
      labelIsHeading: true,
      hint: 'Discussions, replies and practice resources, including the words inside their files',
      value: words,
    }),
  }

  let results: HTMLElement | null = null
  let failed = false
  if (words !== '') {
    try {
      results = resultsSection(words, await api.get<SearchResults>('/search', { q: words, limit: hitLimit }))
    } catch (error) {
      if (!(error instanceof api.ApiProblem && error.status === 422)) throw error
      area.showErrors(fields, formErrors(error, fields, { q: 'Search words must be 200 characters or fewer' }))
      failed = true
    }
  }

  // The router starts the title with "Error: " itself, since the refused search's page arrives with its error summary.
  const title = failed || words === '' ? 'Search' : `Search results for ${quoted(words)}`
  return {
    title,
    content: [
      area.element,
      twoThirds(
        h(
          'form',
          { method: 'get', action: searchPath(), role: 'search', 'aria-label': 'PSW Network', novalidate: true },
          fields.q.element,
          button('Search'),
        ),
      ),
      results,
    ],
  }
}

function resultsSection(words: string, found: SearchResults): HTMLElement {
  const heading = (text: string): HTMLElement =>
    h('h2', { class: 'govuk-heading-m app-search-count', id: 'results' }, text)
  if (found.items.length === 0) {
    return h(
      'section',
      { 'aria-labelledby': 'results' },
      heading(`No results for ${quoted(words)}`),
      twoThirds(
        paragraph('Improve your results by:'),
        bulletList(['checking your spelling', 'using fewer words', 'using different or more general words']),
        paragraph('Or ', link(newThreadPath(), 'ask the network a question'), '.'),
      ),
    )
  }
  return h(
    'section',
    { 'aria-labelledby': 'results' },
    heading(`${count(found.total, 'result', 'results')} for ${quoted(words)}`),
    found.total > found.items.length && paragraph(`Showing the best ${found.items.length.toLocaleString('en-GB')}`),
    h('ol', { class: 'govuk-list app-search-results' }, found.items.map(hitItem)),
  )
}

function hitItem(hit: SearchHit): HTMLElement {
  return h(
    'li',
    { class: 'app-search-results__item' },
    h(
      'h3',
      { class: 'govuk-heading-s app-search-results__title' },
      h('span', { class: 'govuk-caption-m' }, hitKindNames[hit.type] ?? hit.type),
      link(hitPath(hit), hit.title),
    ),
    hit.snippet_html !== '' && h('p', { class: 'govuk-body app-search-results__snippet' }, snippet(hit.snippet_html)),
  )
}
