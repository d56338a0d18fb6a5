// The search box and filter panel of the library list: words, sector, type, tag, licence, organisation, the group a
// resource is shared with (one of the reader's groups, or the one a group's page linked to) and region. It is a GET
// form, so every search has its own address that can be bookmarked and shared.

import * as api from '../api'
import { loadOrganisations } from '../directory/all-organisations'
import type { RegionList } from '../directory/types'
import { h } from '../shell/dom'
import { type Field, radios, select, textInput } from '../shell/fields'
import { button, link } from '../shell/govuk'
import { groupNamed, myGroups } from './groups'
import { licenceNames, licences, resourceTypes, sortNames, sorts, typeNames } from './words'

export const filterNames = ['q', 'sector', 'type', 'tag', 'licence', 'organisation_id', 'group_id', 'region'] as const

export type Filters = Readonly<Record<(typeof filterNames)[number] | 'sort', string>>

export function readFilters(query: URLSearchParams): Filters {
  const entries = [...filterNames, 'sort'].map((name) => [name, query.get(name)?.trim() ?? ''])
  return Object.fromEntries(entries) as Filters
}

export function hasFilters(filters: Filters): boolean {
  return filterNames.some((name) => filters[name] !== '')
}

/** The address of the list with these filters (and any extra parameters, such as a sort). */
export function libraryPath(filters: Filters, extra: Readonly<Record<string, string>> = {}): string {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''))
  for (const [name, value] of Object.entries(extra)) query.set(name, value)
  const text = query.toString()
  return text ? `/library?${text}` : '/library'
}

export type FilterFields = Readonly<Record<(typeof filterNames)[number], Field>>

export async function filterFields(filters: Filters): Promise<FilterFields> {
  const [regions, everyone, mine, named] = await Promise.all([
    api.get<RegionList>('/regions'),
    loadOrganisations(),
    myGroups(),
    filters.group_id ? groupNamed(filters.group_id) : null,
  ])
  const groups = named && !mine.some((group) => group.id === named.id) ? [...mine, named] : mine
  const fullWidth = <F extends Field & { select: HTMLSelectElement }>(field: F): F => {
    field.select.classList.add('govuk-!-width-full')
    return field
  }
  return {
    q: textInput({
      id: 'q',
      name: 'q',
      label: 'Search the library',
      hint: 'Words in the title, summary or tags, or inside the files',
      value: filters.q,
    }),
    sector: radios({
      id: 'sector',
      name: 'sector',
      legend: 'Services',
      legendClass: 'govuk-fieldset__legend--s',
      choices: [
        { value: '', text: 'All services' },
        { value: 'children', text: 'Children’s services' },
        { value: 'adults', text: 'Adults’ services' },
      ],
      values: [filters.sector],
      small: true,
    }),
    type: fullWidth(
      select({
        id: 'type',
        name: 'type',
        label: 'Type of resource',
        value: filters.type,
        choices: [{ value: '', text: 'All types' }, ...resourceTypes.map((t) => ({ value: t, text: typeNames[t] }))],
      }),
    ),
    tag: textInput({ id: 'tag', name: 'tag', label: 'Tag', value: filters.tag, spellcheck: false }),
    licence: fullWidth(
      select({
        id: 'licence',
        name: 'licence',
        label: 'Licence',
        value: filters.licence,
        choices: [{ value: '', text: 'Any licence' }, ...licences.map((l) => ({ value: l, text: licenceNames[l] }))],
      }),
    ),
    organisation_id: fullWidth(
      select({
        id: 'organisation_id',
        name: 'organisation_id',
        label: 'Shared by',
        value: filters.organisation_id,
        choices: [
          { value: '', text: 'Any organisation' },
          ...everyone.map((organisation) => ({ value: String(organisation.id), text: organisation.name })),
        ],
      }),
    ),
    group_id: fullWidth(
      select({
        id: 'group_id',
        name: 'group_id',
        label: 'Shared with a group',
        value: filters.group_id,
        choices: [
          { value: '', text: 'All resources' },
          ...groups.map((group) => ({ value: String(group.id), text: group.name })),
          // A group the reader cannot see (or an address mistyped) still shows as the filter applied.
          ...(filters.group_id && !groups.some((group) => String(group.id) === filters.group_id)
            ? [{ value: filters.group_id, text: 'A group you cannot see' }]
            : []),
        ],
      }),
    ),
    region: fullWidth(
      select({
        id: 'region',
        name: 'region',
        label: 'Region of the organisation',
        value: filters.region,
        choices: [
          { value: '', text: 'All regions' },
          ...regions.items.map((region) => ({ value: region.code, text: region.name })),
        ],
      }),
    ),
  }
}

/** The search box and the filters, in the panel beside the results. */
export function filterPanel(fields: FilterFields, filters: Filters): HTMLElement {
  return h(
    'form',
    { method: 'get', action: '/library', role: 'search', 'aria-label': 'Library', class: 'app-filter-panel' },
    fields.q.element,
    button('Search', { variant: 'secondary' }),
    h('h2', { class: 'govuk-heading-m' }, 'Filter'),
    fields.sector.element,
    fields.type.element,
    fields.tag.element,
    fields.licence.element,
    fields.organisation_id.element,
    // Only for someone in a group, or who came from one's page.
    fields.group_id.element.querySelectorAll('option').length > 1 && fields.group_id.element,
    fields.region.element,
    // The sort chosen beside the results is kept when the filters change.
    filters.sort && h('input', { type: 'hidden', name: 'sort', value: filters.sort }),
    h('div', { class: 'govuk-button-group' }, button('Apply filters'), link('/library', 'Clear filters')),
  )
}

/** The order of the results: its own small form, which keeps the search and filters as they are. */
export function sortForm(filters: Filters): HTMLElement {
  const sortField = select({
    id: 'sort',
    name: 'sort',
    label: 'Sort by',
    value: filters.sort || 'newest',
    choices: sorts.map((sort) => ({ value: sort, text: sortNames[sort] })),
  })
  return h(
    'form',
    { method: 'get', action: '/library', class: 'app-sort-form' },
    filterNames.map((name) => filters[name] && h('input', { type: 'hidden', name, value: filters[name] })),
    sortField.element,
    button('Sort', { variant: 'secondary', small: true }),
  )
}
