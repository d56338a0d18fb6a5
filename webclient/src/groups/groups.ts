// The groups page: the reader's own groups, then every group they may see, found by words and filtered by kind and
// services, a page at a time. The search is a GET form, so every result page has its own address. Network
// administrators, and people who own a group, find the way to create one here.

import * as api from '../api'
import { h } from '../shell/dom'
import { select, textInput } from '../shell/fields'
import { MessageArea, formErrors } from '../shell/form'
import { bulletList, button, buttonLink, headingWithAction, link, pageHeading, paragraph } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { pagination } from '../shell/pagination'
import { count, sectorName, sectors } from '../shell/words'
import { groupList } from './group-list'
import type { Group, GroupList } from './types'
import { groupsPath, kindNames, kinds, mayCreateGroups, newGroupPath } from './words'

const pageSize = 50
const filterNames = ['q', 'kind', 'sector'] as const

type Filters = Readonly<Record<(typeof filterNames)[number], string>>

const intro =
  'Your region’s and England’s networks of Principal Social Workers, and groups about one part of practice. ' +
  'Join them to read and start their discussions.'

export async function groupsPage(context: PageContext): Promise<PageView> {
  const filters = Object.fromEntries(
    filterNames.map((name) => [name, context.query.get(name)?.trim() ?? '']),
  ) as unknown as Filters
  const cursor = context.query.get('cursor')
  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { success: true, heading: context.flash })
  const fields = filterFields(filters)

  const [mine, results] = await Promise.all([
    myGroups(),
    api.get<GroupList>(groupsPath, { ...filters, cursor, limit: pageSize }).catch((error: unknown) => {
      if (!(error instanceof api.ApiProblem && error.status === 422)) throw error
      area.showErrors(fields, formErrors(error, fields))
      return null
    }),
  ])

  const heading = 'Groups'
  return {
    title: hasFilters(filters) ? 'Groups – search results' : heading,
    content: [
      area.element,
      mayCreateGroups(mine)
        ? headingWithAction(heading, intro, buttonLink(newGroupPath, 'Create a group', 'secondary'))
        : [pageHeading(heading), paragraph(intro)],
      h(
        'section',
        { class: 'govuk-!-margin-bottom-6', 'aria-labelledby': 'your-groups' },
        h('h2', { class: 'govuk-heading-m', id: 'your-groups' }, 'Your groups'),
        mine.length === 0
          ? paragraph('You are not a member of any group yet. Find your region’s network below and ask to join.')
          : groupList(mine),
      ),
      h(
        'section',
        { 'aria-labelledby': 'all-groups' },
        h('h2', { class: 'govuk-heading-m', id: 'all-groups' }, 'Find a group'),
        filterForm(fields),
        results && resultsPart(results, filters, cursor),
      ),
    ],
  }
}

/** Every group the reader belongs to, however many pages. */
async function myGroups(): Promise<Group[]> {
  const found: Group[] = []
  let cursor: string | null = null
  do {
    const page: GroupList = await api.get<GroupList>(groupsPath, { mine: 'true', limit: 100, cursor })
    found.push(...page.items)
    cursor = page.next_cursor
  } while (cursor)
  return found
}

function filterFields(filters: Filters) {
  return {
    q: textInput({
      id: 'q',
      name: 'q',
      label: 'Search groups',
      hint: 'Words in the name or description, for example South East or AMHP',
      value: filters.q,
    }),
    kind: select({
      id: 'kind',
      name: 'kind',
      label: 'Type of group',
      value: filters.kind,
      choices: [{ value: '', text: 'All types' }, ...kinds.map((kind) => ({ value: kind, text: kindNames[kind] }))],
    }),
    sector: select({
      id: 'sector',
      name: 'sector',
      label: 'Services',
      value: filters.sector,
      choices: [
        { value: '', text: 'All services' },
        ...sectors.filter((s) => s !== 'both').map((s) => ({ value: s, text: sectorName(s) })),
      ],
    }),
  }
}

function filterForm(fields: ReturnType<typeof filterFields>): HTMLElement {
  const column = (field: HTMLElement): HTMLElement => h('div', { class: 'govuk-grid-column-one-third' }, field)
  return h(
    'form',
    { method: 'get', action: groupsPath, role: 'search', 'aria-label': 'Groups' },
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, fields.q.element)),
    h('div', { class: 'govuk-grid-row' }, column(fields.kind.element), column(fields.sector.element)),
    h('div', { class: 'govuk-button-group' }, button('Search'), link(groupsPath, 'Clear filters')),
  )
}

function hasFilters(filters: Filters): boolean {
  return filterNames.some((name) => filters[name] !== '')
}

function resultsPart(page: GroupList, filters: Filters, cursor: string | null): HTMLElement {
  if (page.items.length === 0) {
    return h(
      'div',
      null,
      h('h3', { class: 'govuk-heading-s', id: 'results' }, 'No groups match'),
      paragraph('Improve your results by:'),
      bulletList(['using fewer or different words', 'choosing “All types” or “All services”']),
    )
  }
  const next = page.next_cursor
    ? { href: `${groupsPath}?${filterQuery(filters, page.next_cursor)}#results`, label: 'More groups' }
    : null
  return h(
    'div',
    null,
    h(
      'h3',
      { class: 'govuk-heading-s', id: 'results' },
      cursor === null && page.next_cursor === null
        ? count(page.items.length, 'group', 'groups')
        : `${count(page.items.length, 'group', 'groups')} on this page`,
    ),
    groupList(page.items),
    pagination(null, next),
  )
}

function filterQuery(filters: Filters, cursor: string): string {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''))
  query.set('cursor', cursor)
  return query.toString()
}
