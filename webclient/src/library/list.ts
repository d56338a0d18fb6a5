// The practice library: search and filter the resources other authorities share, newest, most adopted or most
// downloaded first, with more results loaded below on request.

import './library.css'

import * as api from '../api'
import { h } from '../shell/dom'
import { MessageArea, formErrors } from '../shell/form'
import { bulletList, button, buttonLink, headingWithAction, link, paragraph } from '../shell/govuk'
import { liveRegion } from '../shell/live-region'
import type { PageContext, PageView } from '../shell/page'
import { type Filters, filterFields, filterPanel, hasFilters, readFilters, sortForm } from './filters'
import { ResourceList } from './resource-list'
import type { ResourceSummary } from './types'

const pageSize = 20

export async function libraryPage(context: PageContext): Promise<PageView> {
  const filters = readFilters(context.query)
  const area = new MessageArea()
  const live = liveRegion()
  const fields = await filterFields(filters)
  if (context.flash) area.showBanner({}, { heading: context.flash, success: true })

  let results: HTMLElement
  try {
    const page = await loadResources(filters, null)
    results = resultsSection(filters, page, live.announce.bind(live))
  } catch (error) {
    if (!(error instanceof api.ApiProblem && error.status === 422)) throw error
    area.showErrors(fields, formErrors(error, fields))
    results = h('div')
  }

  return {
    title: hasFilters(filters) ? 'Practice library – search results' : 'Practice library',
    content: [
      area.element,
      headingWithAction(
        'Practice library',
        'Find policies, induction packs, ASYE programmes, supervision frameworks, assessment templates and ' +
          'risk tools that other authorities share, and share your own.',
        buttonLink('/library/new', 'Share a resource'),
      ),
      h(
        'div',
        { class: 'govuk-grid-row' },
        h('div', { class: 'govuk-grid-column-one-third' }, filterPanel(fields, filters)),
        h('div', { class: 'govuk-grid-column-two-thirds' }, results),
      ),
      live.element,
    ],
  }
}

function loadResources(filters: Filters, cursor: string | null): Promise<api.ListPage<ResourceSummary>> {
  return api.get<api.ListPage<ResourceSummary>>('/resources', { ...filters, cursor, limit: pageSize })
}

function resultsSection(
  filters: Filters,
  first: api.ListPage<ResourceSummary>,
  announce: (text: string) => void,
): HTMLElement {
  const list = new ResourceList(first.items, noResults(filters))
  const more = button('Show more resources', { type: 'button', variant: 'secondary' })
  const problem = h('div')
  let cursor = first.next_cursor
  more.hidden = cursor === null
  more.addEventListener('click', () => {
    if (cursor === null) return
    more.disabled = true
    problem.replaceChildren()
    loadResources(filters, cursor)
      .then((page) => {
        const before = list.size
        const firstAdded = list.append(page.items)
        cursor = page.next_cursor
        more.hidden = cursor === null
        const added = list.size - before
        announce(
          `${added} more ${added === 1 ? 'resource' : 'resources'} shown` + (cursor === null ? '. That is all.' : ''),
        )
        // Keyboard users carry on reading where the new results start, rather than at the button.
        firstAdded?.focus()
      })
      .catch((error: unknown) => {
        console.warn('More resources could not be loaded', error)
        problem.replaceChildren(paragraph('More resources could not be loaded. Try again.'))
      })
      .finally(() => {
        more.disabled = false
      })
  })
  return h(
    'section',
    { 'aria-labelledby': 'results-heading' },
    h(
      'h2',
      { class: 'govuk-heading-m', id: 'results-heading' },
      hasFilters(filters) ? 'Matching resources' : 'All resources',
    ),
    sortForm(filters),
    list.element,
    problem,
    more,
  )
}

function noResults(filters: Filters): HTMLElement {
  if (!hasFilters(filters)) {
    return h(
      'div',
      null,
      paragraph('Nobody has shared a resource yet.'),
      paragraph(link('/library/new', 'Share a resource'), ' to be the first: a policy, a template or a tool of yours.'),
    )
  }
  return h(
    'div',
    null,
    paragraph('No resources match.'),
    paragraph('Improve your results by:'),
    bulletList(['using fewer or different words', 'removing some of the filters', 'checking your spelling']),
  )
}
