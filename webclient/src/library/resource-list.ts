// The results of the library list: for each resource its title, type, a line of its summary, who shares it, who can
// see it when not everyone can (the group it is shared with), the licence, how many authorities use it and how often
// it was downloaded. More results are added below on request. A group's page lists its resources with it too.

import './library.css'

import { h, replaceContent } from '../shell/dom'
import { tag } from '../shell/govuk'
import type { ResourceSummary } from './types'
import { licenceNames, resourcePath, typeNames, usedByText, whoCanSee } from './words'

const excerptLength = 200

export interface ResourceListOptions {
  /** Whether each resource says who can see it; not in the list of one group's resources, which all say the same. */
  showWhoCanSee?: boolean
}

export class ResourceList {
  readonly element: HTMLElement = h('div')
  private readonly list = h('ul', { class: 'govuk-list app-resource-list' })
  private readonly shown = new Set<number>()

  constructor(
    resources: readonly ResourceSummary[],
    private readonly empty: HTMLElement,
    private readonly options: ResourceListOptions = {},
  ) {
    this.append(resources)
  }

  get size(): number {
    return this.shown.size
  }

  /** Adds resources at the end and returns the link of the first one added, to move focus to. */
  append(resources: readonly ResourceSummary[]): HTMLAnchorElement | null {
    let first: HTMLAnchorElement | null = null
    for (const resource of resources) {
      // A cursor page may overlap the previous one when resources were added meanwhile.
      if (this.shown.has(resource.id)) continue
      this.shown.add(resource.id)
      const item = resourceItem(resource, this.options.showWhoCanSee ?? true)
      first ??= item.querySelector('a')
      this.list.append(item)
    }
    replaceContent(this.element, this.shown.size === 0 ? this.empty : this.list)
    return first
  }
}

function resourceItem(resource: ResourceSummary, showWhoCanSee: boolean): HTMLLIElement {
  const downloads = resource.download_count
  return h(
    'li',
    { class: 'app-resource-list__item', 'data-resource-id': resource.id },
    h(
      'h3',
      { class: 'govuk-heading-s govuk-!-margin-bottom-1' },
      h('a', { class: 'govuk-link', href: resourcePath(resource) }, resource.title),
    ),
    h('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, tag(typeNames[resource.type] ?? resource.type, 'blue')),
    h('p', { class: 'govuk-body govuk-!-margin-bottom-1 app-resource-list__summary' }, excerpt(resource.summary_html)),
    h(
      'ul',
      { class: 'govuk-list govuk-body-s app-resource-list__meta' },
      h('li', null, 'Shared by ', resource.organisation.name),
      showWhoCanSee && resource.visibility !== 'network' && h('li', null, whoCanSee(resource)),
      h('li', null, licenceNames[resource.licence] ?? resource.licence),
      h('li', null, usedByText(resource.endorsement_count)),
      h('li', null, `${downloads} ${downloads === 1 ? 'download' : 'downloads'}`),
    ),
  )
}

/** The words of the summary without its markup, cut at a word boundary: a list shows a taste, not the whole. */
function excerpt(summaryHtml: string): string {
  // Parsed in an inert document: only its text is read, nothing of it enters the page as markup.
  const body = new DOMParser().parseFromString(summaryHtml, 'text/html').body
  // Paragraphs and list items run on in one line: a space keeps their last and first words apart.
  for (const block of body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, td, th, pre, blockquote, br')) {
    block.after(' ')
  }
  const trimmed = (body.textContent ?? '').replace(/\s+/g, ' ').trim()
  if (trimmed.length <= excerptLength) return trimmed
  const cut = trimmed.slice(0, excerptLength)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), excerptLength / 2))}…`
}
