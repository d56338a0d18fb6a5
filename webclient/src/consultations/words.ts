// Consultation values in plain words, and the small pieces of page every consultations page shows the same way.

import { hasRole } from '../identity/session'
import { dateTimeWords, daysFromToday } from '../shell/dates'
import { tag } from '../shell/govuk'
import { count, sectorNames, sectors } from '../shell/words'
import type {
  ConsultationAudience,
  ConsultationStatus,
  ConsultationSummary,
  QuestionType,
  ResponseScope,
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

export function consultationPath(id: number, page?: 'respond' | 'check' | 'submitted' | 'edit' | 'dashboard'): string {
  return page ? `/consultations/${id}/${page}` : `/consultations/${id}`
}

/** A percentage as people read it: "43%", "33.3%". */
export function percentWords(value: number): string {
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`
}
