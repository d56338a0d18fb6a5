// Consultation values in plain words, and the small pieces of page every consultations page shows the same way.

import { hasRole } from '../identity/session'
import { dateTimeWords, daysFromToday } from '../shell/dates'
import { tag } from '../shell/govuk'
import { count, sectorNames, sectors } from '../shell/words'
import type { Sector } from '../identity/types'
import type {
  ConsultationAudience,
  ConsultationStatus,
  ConsultationSummary,
  QuestionType,
  ResponseScope,
  ResponseService,
} from './types'

/** The Chief Social Workers' offices and network admins run consultations; everyone else answers them. */
export function runsConsultations(): boolean {
  return hasRole('csw_office') || hasRole('network_admin')
}

const statusNames: Readonly<Record<ConsultationStatus, string>> = {
  draft: 'Draft',
  upcoming: 'Upcoming',
  open: 'Open',
  closed: 'Closed',
  outcome_published: 'Outcome published',
}

const statusColours = {
  draft: 'grey',
  upcoming: 'blue',
  open: 'green',
  closed: 'grey',
  outcome_published: 'blue',
} as const

export function statusTag(status: ConsultationStatus): HTMLElement {
  return tag(statusNames[status] ?? status, statusColours[status])
}

/** A consultation's audience is a sector: the children's or adults' services of each authority, or both. */
export const audienceNames: Readonly<Record<ConsultationAudience, string>> = sectorNames

export const audiences: readonly ConsultationAudience[] = sectors

export const scopeNames: Readonly<Record<ResponseScope, string>> = {
  organisation: 'One response from each authority',
  individual: 'Each person responds for themselves',
}

export const questionTypeNames: Readonly<Record<QuestionType, string>> = {
  text: 'Free text',
  single_choice: 'Choose one option',
  multi_choice: 'Choose any options',
  scale: 'Scale from 1 to 5',
  yes_no: 'Yes or no',
  number: 'Number',
}

export const questionTypes: readonly QuestionType[] = [
  'text',
  'single_choice',
  'multi_choice',
  'scale',
  'yes_no',
  'number',
]

/** When it opens or closes, in the tense of its status: "Closes 3 December 2026 at 5pm". */
export function closingWords(consultation: Pick<ConsultationSummary, 'status' | 'opens_at' | 'closes_at'>): string {
  switch (consultation.status) {
    case 'upcoming':
      return `Opens ${dateTimeWords(consultation.opens_at)}`
    case 'closed':
    case 'outcome_published':
      return `Closed ${dateTimeWords(consultation.closes_at)}`
    default:
      return `Closes ${dateTimeWords(consultation.closes_at)}`
  }
}

/** How soon an open consultation closes, in UK calendar days: "Closes in 3 days", "Closes tomorrow", "Closes today". */
export function closesInWords(closesAt: string): string {
  const days = daysFromToday(closesAt)
  if (days <= 0) return 'Closes today'
  return days === 1 ? 'Closes tomorrow' : `Closes in ${count(days, 'day', 'days')}`
}

/** How far the member's (or their authority's) response has got. */
export function responseProgress(consultation: Pick<ConsultationSummary, 'my_response'>): string {
  const mine = consultation.my_response
  if (!mine) return 'Not started'
  return mine.status === 'submitted' ? 'Submitted' : 'Draft saved'
}

export function progressTag(consultation: Pick<ConsultationSummary, 'my_response'>): HTMLElement {
  const mine = consultation.my_response
  const colour = !mine ? 'blue' : mine.status === 'submitted' ? 'green' : 'grey'
  return tag(responseProgress(consultation), colour)
}

export type ConsultationPage = 'respond' | 'check' | 'submitted' | 'edit' | 'dashboard' | 'papers' | 'report'

/** A consultation's page; the response pages of one service of a consultation of both services name it. */
export function consultationPath(id: number, page?: ConsultationPage, service?: ResponseService | null): string {
  const path = page ? `/consultations/${id}/${page}` : `/consultations/${id}`
  return service ? `${path}?${new URLSearchParams({ service }).toString()}` : path
}

/**
 * Whether each service of an authority gives its own response: a consultation of both services, answered by
 * authorities rather than by each person.
 */
export function respondsByService(consultation: Pick<ConsultationSummary, 'audience' | 'response_scope'>): boolean {
  return consultation.audience === 'both' && consultation.response_scope === 'organisation'
}

export const responseServices: readonly ResponseService[] = ['children', 'adults']

/** "children’s services", as in "the children’s services response". */
export const serviceWords: Readonly<Record<ResponseService, string>> = {
  children: 'children’s services',
  adults: 'adults’ services',
}

export function otherService(service: ResponseService): ResponseService {
  return service === 'children' ? 'adults' : 'children'
}

/** The services whose response a person writes: their own, or both for someone who works in both. */
export function servicesOf(sector: Sector): readonly ResponseService[] {
  return sector === 'both' ? responseServices : [sector]
}

/**
 * The service whose response the response pages are about: the one in the address if the person works in it,
 * else their own (children’s first for someone in both); null when the consultation takes one response each.
 */
export function chosenService(
  consultation: Pick<ConsultationSummary, 'audience' | 'response_scope'>,
  sector: Sector,
  query: URLSearchParams,
): ResponseService | null {
  if (!respondsByService(consultation)) return null
  const mine = servicesOf(sector)
  const asked = query.get('service')
  return mine.find((service) => service === asked) ?? mine[0] ?? 'children'
}

/** Who wrote a response, as the office reads it: "Southampton (adults’ services)", or just "Southampton". */
export function respondentName(organisation: { name: string }, service: ResponseService | null): string {
  return service ? `${organisation.name} (${serviceWords[service]})` : organisation.name
}

/** How an authority responds, in the consultation's facts. */
export function whoRespondsWords(consultation: Pick<ConsultationSummary, 'audience' | 'response_scope'>): string {
  return respondsByService(consultation)
    ? 'One response from each authority’s children’s services and one from its adults’ services'
    : scopeNames[consultation.response_scope]
}

/** A percentage as people read it: "43%", "33.3%". */
export function percentWords(value: number): string {
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`
}
