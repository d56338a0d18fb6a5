// The organisations directory: search by name or code and filter by region and kind. The search is a GET form, so
// every result page has its own bookmarkable URL. Network administrators find the way to add an organisation here.

import { mayAddOrganisations, newOrganisationPath } from '../admin/new-organisation'
import * as api from '../api'
import { h } from '../shell/dom'
import { select, textInput } from '../shell/fields'
import { MessageArea, formErrors } from '../shell/form'
import {
  bulletList,
  button,
  buttonLink,
  headingWithAction,
  link,
  pageHeading,
  paragraph,
  twoThirds,
} from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { pagination } from '../shell/pagination'
import { scrollingTable } from '../shell/tables'
import type { Organisation, RegionList } from './types'
import { kindNames, kinds, organisationPath, organisationType } from './words'

const pageSize = 50
const intro = 'Find a local authority, a Chief Social Worker’s office or another organisation in the network.'

export async function organisationsPage(context: PageContext): Promise<PageView> {
  const search = {
    q: context.query.get('q') ?? '',
    region: context.query.get('region') ?? '',
    kind: context.query.get('kind') ?? '',
  }
  const cursor = context.query.get('cursor')
  const pageNumber = Math.max(1, Number.parseInt(context.query.get('page') ?? '1', 10) || 1)

  const regions = await api.get<RegionList>('/regions')
  const area = new MessageArea()
  const fields = {
    q: textInput({
      id: 'q',
      name: 'q',
      label: 'Name or code',
      hint: 'For example, Southampton, E06000045 or 852',
      value: search.q,
      spellcheck: false,
    }),
    region: select({
      id: 'region',
      name: 'region',
      label: 'Region',
      value: search.region,
      choices: [
        { value: '', text: 'All regions' },
        ...regions.items.map((region) => ({ value: region.code, text: region.name })),
      ],
    }),
    kind: select({
      id: 'kind',
      name: 'kind',
      label: 'Type of organisation',
      value: search.kind,
      choices: [{ value: '', text: 'All types' }, ...kinds.map((kind) => ({ value: kind, text: kindNames[kind] }))],
    }),
  }

  let results: HTMLElement
  try {
    const page = await api.get<api.ListPage<Organisation>>('/organisations', { ...search, cursor, limit: pageSize })
    results = resultsSection(page, search, pageNumber)
  } catch (error) {
    if (!(error instanceof api.ApiProblem && error.status === 422)) throw error
    area.showErrors(fields, formErrors(error, fields))
    results = h('div')
  }

  return {
    title: search.q || search.region || search.kind ? 'Organisations – search results' : 'Organisations',
    content: [
      area.element,
      mayAddOrganisations()
        ? headingWithAction('Organisations', intro, buttonLink(newOrganisationPath, 'Add an organisation', 'secondary'))
        : [pageHeading('Organisations'), paragraph(intro)],
      h(
        'form',
        { method: 'get', action: '/organisations', role: 'search', 'aria-label': 'Organisations' },
        twoThirds(fields.q.element),
        h(
          'div',
          { class: 'govuk-grid-row' },
          h('div', { class: 'govuk-grid-column-one-third' }, fields.region.element),
          h('div', { class: 'govuk-grid-column-one-third' }, fields.kind.element),
        ),
        h('div', { class: 'govuk-button-group' }, button('Search'), link('/organisations', 'Clear search')),
      ),
      results,
    ],
  }
}

type Search = Readonly<Record<'q' | 'region' | 'kind', string>>

function resultsSection(page: api.ListPage<Organisation>, search: Search, pageNumber: number): HTMLElement {
  const first = (pageNumber - 1) * pageSize + 1
  const last = first + page.items.length - 1
  if (page.items.length === 0) {
    return h(
      'div',
      null,
      h('h2', { class: 'govuk-heading-m' }, 'No organisations match'),
      paragraph('Improve your results by:'),
      bulletList([
        'checking the spelling of the name',
        'searching for part of the name, or its code',
        'choosing “All regions” or “All types”',
      ]),
    )
  }
  const count =
    page.next_cursor === null && pageNumber === 1
      ? `${page.items.length} ${page.items.length === 1 ? 'organisation' : 'organisations'}`
      : `Organisations ${first} to ${last}`
  const nextQuery = (cursor: string): string =>
    new URLSearchParams({ ...nonEmpty(search), cursor, page: String(pageNumber + 1) }).toString()
  const next = page.next_cursor
    ? { href: `/organisations?${nextQuery(page.next_cursor)}`, label: `Organisations ${last + 1} onwards` }
    : null
  return h(
    'div',
    null,
    h('h2', { class: 'govuk-heading-m', id: 'results' }, count),
    scrollingTable({
      caption: 'Organisations',
      captionHidden: true,
      firstCellIsHeader: true,
      columns: [
        { header: 'Name' },
        { header: 'Code' },
        { header: 'DfE number' },
        { header: 'Type' },
        { header: 'Region' },
      ],
      rows: page.items.map((organisation) => [
        link(organisationPath(organisation), organisation.name),
        organisation.code,
        organisation.dfe_la_code === null ? 'None' : String(organisation.dfe_la_code),
        organisationType(organisation),
        organisation.region?.name ?? 'None',
      ]),
    }),
    pagination(null, next),
  )
}

function nonEmpty(search: Search): Record<string, string> {
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== ''))
}
