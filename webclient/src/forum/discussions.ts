// The discussions list: search, filters (sector, status, kind, tag), newest activity first, one page at a time.
// It listens to every sector channel: new discussions that match the filters appear at the top as they start,
// and discussions with new replies move up, announced politely to screen readers.

import * as api from '../api'
import * as realtime from '../realtime/realtime'
import { h, replaceContent } from '../shell/dom'
import { select, textInput } from '../shell/fields'
import { MessageArea, formErrors } from '../shell/form'
import { bulletList, button, buttonLink, headingWithAction, link, paragraph } from '../shell/govuk'
import { liveRegion } from '../shell/live-region'
import type { PageContext, PageView } from '../shell/page'
import { pagination } from '../shell/pagination'
import { count, sectorName, sectors } from '../shell/words'
import { ThreadList } from './thread-list'
import { type SectorEvents, type ThreadSummary, sectorChannels } from './types'
import { kindNames, threadStatus } from './words'

const pageSize = 20
const filterNames = ['q', 'sector', 'status', 'kind', 'tag'] as const

type Filters = Readonly<Record<(typeof filterNames)[number], string>>

export async function discussionsPage(context: PageContext): Promise<PageView> {
  const filters = Object.fromEntries(
    filterNames.map((name) => [name, context.query.get(name)?.trim() ?? '']),
  ) as unknown as Filters
  const cursor = context.query.get('cursor')
  const area = new MessageArea()
  const live = liveRegion()
  const fields = filterFields(filters)

  // Listen first, then load: whatever starts after the list was read arrives as an event.
  let list: ThreadList | null = null
  const early: { thread: ThreadSummary; created: boolean }[] = []
  const newElsewhere = new Set<number>()
  const newNotice = h('div', { class: 'app-new-threads' })
  const pending: ThreadSummary[] = []
  let announceTimer: number | undefined

  // On the first page of a list the browser can filter itself, new discussions go straight in; elsewhere (a
  // later page, a text search) the user is offered to see them.
  const insertable = cursor === null && filters.q === ''
  const arrived = (thread: ThreadSummary, created: boolean): void => {
    if (!list) {
      early.push({ thread, created })
      return
    }
    if (list.has(thread.id)) {
      list.update(thread, insertable)
      return
    }
    if (!matches(thread, filters)) return
    if (insertable) {
      list.addToTop(thread, created)
      if (created) announceNew(thread)
    } else if (created && !newElsewhere.has(thread.id)) {
      newElsewhere.add(thread.id)
      showNewElsewhere(newNotice, newElsewhere.size, filters)
      live.announce(count(newElsewhere.size, 'new discussion', 'new discussions'))
    }
  }
  const announceNew = (thread: ThreadSummary): void => {
    pending.push(thread)
    window.clearTimeout(announceTimer)
    // Several discussions starting at once are announced together.
    announceTimer = window.setTimeout(() => {
      live.announce(count(pending.length, 'new discussion', 'new discussions'))
      pending.length = 0
    }, 400)
  }
  const reload = (): void => {
    if (!insertable) return
    void loadThreads(filters, null).then((page) => {
      for (const thread of [...page.items].reverse()) arrived(thread, false)
    })
  }
  const subscription = realtime.subscribe<SectorEvents>(
    sectorChannels,
    {
      on: {
        'thread.created': ({ thread }) => arrived(thread, true),
        'thread.activity': ({ thread }) => arrived(thread, false),
      },
      reload,
    },
    context.left,
  )
  await subscription.ready

  let results: HTMLElement
  try {
    const page = await loadThreads(filters, cursor)
    list = new ThreadList(page.items, { empty: noResults(filters) })
    for (const { thread, created } of early) arrived(thread, created)
    results = h(
      'div',
      null,
      h('h2', { class: 'govuk-heading-m' }, hasFilters(filters) ? 'Matching discussions' : 'Latest activity'),
      newNotice,
      list.element,
      nextPage(filters, page.next_cursor),
    )
  } catch (error) {
    if (!(error instanceof api.ApiProblem && error.status === 422)) throw error
    subscription.close()
    area.showErrors(fields, formErrors(error, fields))
    results = h('div')
  }

  return {
    title: hasFilters(filters) ? 'Discussions – search results' : 'Discussions',
    content: [
      area.element,
      headingWithAction(
        'Discussions',
        'Ask the network a question, answer your peers and find answers given before.',
        buttonLink('/discussions/new', 'Ask a question'),
      ),
      filterForm(fields),
      results,
      live.element,
    ],
  }
}

function filterFields(filters: Filters) {
  return {
    q: textInput({
      id: 'q',
      name: 'q',
      label: 'Search discussions',
      hint: 'Words in the title or in any reply, for example ASYE supervision',
      value: filters.q,
    }),
    sector: select({
      id: 'sector',
      name: 'sector',
      label: 'Sector',
      value: filters.sector,
      choices: [{ value: '', text: 'All sectors' }, ...sectors.map((s) => ({ value: s, text: sectorName(s) }))],
    }),
    status: select({
      id: 'status',
      name: 'status',
      label: 'Status',
      value: filters.status,
      choices: [
        { value: '', text: 'Everything' },
        { value: 'unanswered', text: 'Unanswered questions' },
        { value: 'answered', text: 'Answered questions' },
      ],
    }),
    kind: select({
      id: 'kind',
      name: 'kind',
      label: 'Type',
      value: filters.kind,
      choices: [
        { value: '', text: 'All types' },
        ...Object.entries(kindNames).map(([value, text]) => ({ value, text })),
      ],
    }),
    tag: textInput({ id: 'tag', name: 'tag', label: 'Tag', value: filters.tag, spellcheck: false }),
  }
}

function filterForm(fields: ReturnType<typeof filterFields>): HTMLElement {
  const column = (...children: HTMLElement[]): HTMLElement =>
    h('div', { class: 'govuk-grid-column-one-quarter' }, ...children)
  return h(
    'form',
    { method: 'get', action: '/discussions', role: 'search', 'aria-label': 'Discussions' },
    h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, fields.q.element)),
    h(
      'div',
      { class: 'govuk-grid-row' },
      column(fields.sector.element),
      column(fields.status.element),
      column(fields.kind.element),
      column(fields.tag.element),
    ),
    h('div', { class: 'govuk-button-group' }, button('Search'), link('/discussions', 'Clear filters')),
  )
}

function loadThreads(filters: Filters, cursor: string | null): Promise<api.ListPage<ThreadSummary>> {
  return api.get<api.ListPage<ThreadSummary>>('/threads', { ...filters, cursor, limit: pageSize })
}

function hasFilters(filters: Filters): boolean {
  return filterNames.some((name) => filters[name] !== '')
}

/** Whether a discussion belongs in the list as filtered; a text search is the server's to decide. */
function matches(thread: ThreadSummary, filters: Filters): boolean {
  const status = threadStatus(thread)
  return (
    (filters.sector === '' || thread.sector === filters.sector) &&
    (filters.kind === '' || thread.kind === filters.kind) &&
    (filters.tag === '' || thread.tags.includes(filters.tag.toLowerCase())) &&
    (filters.status === '' || filters.status === 'all' || filters.status === status)
  )
}

function filterQuery(filters: Filters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''))
  for (const [name, value] of Object.entries(extra)) query.set(name, value)
  const text = query.toString()
  return text ? `/discussions?${text}` : '/discussions'
}

function showNewElsewhere(notice: HTMLElement, newCount: number, filters: Filters): void {
  const searched = filters.q !== ''
  replaceContent(
    notice,
    h(
      'div',
      { class: 'govuk-inset-text' },
      h(
        'p',
        { class: 'govuk-body' },
        `${count(newCount, 'new discussion has', 'new discussions have')} started since you ` +
          `${searched ? 'searched' : 'opened this page'}.`,
      ),
      link(
        filterQuery(filters),
        searched ? 'Search again' : `Show ${count(newCount, 'new discussion', 'new discussions')}`,
      ),
    ),
  )
}

function nextPage(filters: Filters, nextCursor: string | null): HTMLElement | null {
  return pagination(null, nextCursor ? { href: filterQuery(filters, { cursor: nextCursor }) } : null)
}

function noResults(filters: Filters): HTMLElement {
  if (!hasFilters(filters)) {
    return h(
      'div',
      null,
      paragraph('Nobody has started a discussion yet.'),
      paragraph(link('/discussions/new', 'Ask the first question')),
    )
  }
  return h(
    'div',
    null,
    paragraph('No discussions match.'),
    paragraph('Improve your results by:'),
    bulletList([
      'using fewer or different words',
      'choosing “All sectors”, “Everything” or “All types”',
      'removing the tag',
    ]),
    paragraph('Or ', link('/discussions/new', 'ask the network'), '.'),
  )
}
