// "Consultations for your authority" on the home page: the open consultations, soonest closing first, each with how
// far the authority's response has got and the days left. People of organisations that do not respond (the Chief
// Social Workers' offices, the network's administrators, NHS trusts) see the open consultations without a response.

import * as api from '../api'
import type { ConsultationSummary } from '../consultations/types'
import { closesInWords, consultationPath, runsConsultations } from '../consultations/words'
import type { Organisation } from '../directory/types'
import { hasRole } from '../identity/session'
import { dateTimeWords } from '../shell/dates'
import { h } from '../shell/dom'
import { link, paragraph, tag } from '../shell/govuk'
import { entryLink, entryList, homeSection, notLoaded } from './section'

/** At most this many on the home page; the rest are on the consultations page. */
const shown = 5

export interface OpenConsultations {
  /** The signed-in person's organisation, whose kind says whether it responds. */
  organisation: Organisation
  consultations: api.ListPage<ConsultationSummary>
}

/** The open consultations the person can see. */
export function loadOpenConsultations(): Promise<api.ListPage<ConsultationSummary>> {
  return api.get<api.ListPage<ConsultationSummary>>('/consultations', { status: 'open' })
}

export function consultationsSection(loaded: OpenConsultations | null): HTMLElement {
  const id = 'home-consultations'
  if (!loaded) return homeSection(id, 'Consultations', notLoaded())

  // Only local authorities respond; the offices and network admins run consultations.
  const responds = loaded.organisation.kind === 'local_authority' && !runsConsultations()
  const open = loaded.consultations.items
    .filter((item) => item.status === 'open')
    .sort((a, b) => Date.parse(a.closes_at) - Date.parse(b.closes_at))
  const entries = open.slice(0, shown).map((item) => ({
    title: entryLink(consultationPath(item.id), item.title),
    details: [
      ...(responds ? [[responseLabel(item), ' ', responseTag(item)]] : []),
      [
        `${closesInWords(item.closes_at)} (`,
        h('time', { datetime: item.closes_at }, dateTimeWords(item.closes_at)),
        ')',
      ],
    ],
  }))

  return homeSection(
    id,
    responds ? 'Consultations for your authority' : 'Open consultations',
    !responds && paragraph(whoResponds()),
    entries.length === 0
      ? paragraph(responds ? 'No consultations are open for your authority.' : 'No consultations are open.')
      : entryList(entries),
    paragraph(
      link(
        '/consultations',
        open.length > shown ? `See all ${open.length} open consultations` : 'See all consultations',
      ),
    ),
  )
}

function whoResponds(): string {
  if (hasRole('csw_office')) return 'Consultations are run by your office. Local authorities respond to them.'
  return 'Consultations are run by the Chief Social Workers’ offices. Local authorities respond to them.'
}

function responseLabel(item: ConsultationSummary): string {
  return item.response_scope === 'organisation' ? 'Your authority’s response:' : 'Your response:'
}

/** How far the response has got, in the words of a task list. */
function responseTag(item: ConsultationSummary): HTMLElement {
  const mine = item.my_response
  if (!mine) return tag('Not started', 'grey')
  return mine.status === 'submitted' ? tag('Submitted', 'green') : tag('In progress (draft)', 'blue')
}
