// The consultations a person can see, in tabs by where they are in their life (open, upcoming, closed, and drafts
// for the offices), filtered by audience. Members see how far their authority's response has got.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { select } from '../shell/fields'
import { MessageArea } from '../shell/form'
import { button, pageHeading, paragraph, tabs } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import type { ConsultationAudience, ConsultationStatus, ConsultationSummary } from './types'
import {
  audienceNames,
  audiences,
  closingWords,
  consultationPath,
  progressTag,
  runsConsultations,
  statusTag,
} from './words'

interface Group {
  id: string
  label: string
  statuses: readonly ConsultationStatus[]
  empty: string
}

export async function consultationsPage(context: PageContext): Promise<PageView> {
  await refreshUser()
  const office = runsConsultations()
  const requested = context.query.get('audience')
  const audience = audiences.includes(requested as ConsultationAudience) ? requested : null
  const page = await api.get<api.ListPage<ConsultationSummary>>('/consultations', { audience })
  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { heading: context.flash, success: true })

  const groups: Group[] = [
    { id: 'open', label: 'Open', statuses: ['open'], empty: 'There are no open consultations.' },
    { id: 'upcoming', label: 'Upcoming', statuses: ['upcoming'], empty: 'There are no upcoming consultations.' },
    {
      id: 'closed',
      label: 'Closed',
      statuses: ['closed', 'outcome_published'],
      empty: 'There are no closed consultations.',
    },
    ...(office ? [{ id: 'drafts', label: 'Drafts', statuses: ['draft'] as const, empty: 'There are no drafts.' }] : []),
  ]
  const panels = groups.map((group) => {
    const items = page.items.filter((item) => group.statuses.includes(item.status))
    return {
      id: group.id,
      label: `${group.label} (${items.length})`,
      panel: [
        h('h2', { class: 'govuk-heading-m' }, `${group.label} consultations`),
        items.length === 0 ? paragraph(group.empty) : consultationList(items, office),
      ],
    }
  })

  return {
    title: 'Consultations',
    content: [
      area.element,
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          pageHeading('Consultations'),
          paragraph(
            'The Chief Social Workers’ offices ask principal social workers for their views on national policy, ' +
              'and publish what they did with the answers.',
          ),
          office &&
            h(
              'a',
              { class: 'govuk-button', href: '/consultations/new', role: 'button', 'data-module': 'govuk-button' },
              'Create a consultation',
            ),
          audienceFilter(audience),
        ),
      ),
      tabs('Consultations', panels),
    ],
  }
}

function audienceFilter(audience: string | null): HTMLFormElement {
  const field = select({
    id: 'audience',
    name: 'audience',
    label: 'Audience',
    choices: [
      { value: '', text: 'All audiences' },
      ...audiences.map((value) => ({ value, text: audienceNames[value] })),
    ],
    value: audience ?? '',
  })
  return h(
    'form',
    { method: 'get', action: '/consultations', class: 'app-filter' },
    field.element,
    button('Show consultations', { variant: 'secondary' }),
  )
}

function consultationList(items: readonly ConsultationSummary[], office: boolean): HTMLElement {
  return h(
    'ul',
    { class: 'govuk-list app-consultation-list' },
    items.map((item) =>
      h(
        'li',
        { class: 'app-consultation-list__item' },
        h(
          'h3',
          { class: 'govuk-heading-s govuk-!-margin-bottom-2' },
          h('a', { class: 'govuk-link', href: consultationPath(item.id) }, item.title),
        ),
        h(
          'ul',
          { class: 'govuk-list app-consultation-list__meta' },
          h('li', null, statusTag(item.status)),
          !office && showsProgress(item) && h('li', null, progressTag(item)),
          h('li', null, closingWords(item)),
          h('li', null, `For ${audienceNames[item.audience].toLowerCase()}`),
          office && h('li', null, item.organisation.name),
        ),
      ),
    ),
  )
}

/** While it is open, how far the response has got; afterwards, only whether it was sent. */
function showsProgress(item: ConsultationSummary): boolean {
  return item.status === 'open' || item.my_response?.status === 'submitted'
}
