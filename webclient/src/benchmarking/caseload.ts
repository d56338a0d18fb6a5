// What the two caseload health check pages share: the API's shapes, the bands and caps, the pages' addresses, the
// share above a cap in words, and who may enter an authority's return. Counts only, never people.

import type { components } from '../api-types'
import { currentUser, hasRole } from '../identity/session'
import { numberWords } from '../shell/words'

type Schemas = components['schemas']

export type CaseloadHealth = Schemas['CaseloadHealth']

export type CaseloadReturn = Schemas['CaseloadReturn']

export type CaseloadComparator = Schemas['CaseloadComparator']

export type CaseloadMember = Schemas['CaseloadMember']

export type CaseloadCounts = Schemas['CaseloadCounts']

export type CaseloadCap = Schemas['CaseloadCap']

export type CaseloadService = Schemas['CaseloadService']

export type CaseloadRequest = Schemas['CaseloadReturnRequest']

export type CaseloadStatus = CaseloadRequest['status']

export type BandKey = keyof CaseloadCounts

export interface Band {
  key: BandKey
  /** As the API names it in the health check's `bands`. */
  label: string
  /** The fewest cases a worker in the band holds: the band is above a cap when this is more than the cap. */
  lowest: number
}

/** The bands, fewest cases first. */
export const caseloadBands: readonly Band[] = [
  { key: 'up_to_12', label: '12 or fewer', lowest: 0 },
  { key: '13_to_15', label: '13 to 15', lowest: 13 },
  { key: '16_to_18', label: '16 to 18', lowest: 16 },
  { key: '19_to_22', label: '19 to 22', lowest: 19 },
  { key: 'over_22', label: 'More than 22', lowest: 23 },
]

/** A cap is the top of a band, so that the workers above it are counted exactly. */
export const caseloadCaps: readonly CaseloadCap[] = [12, 15, 18, 22]

export function isAboveCap(band: Pick<Band, 'lowest'>, cap: number): boolean {
  return band.lowest > cap
}

/** "children’s services", in the middle of a sentence. */
export const serviceWords: Readonly<Record<CaseloadService, string>> = {
  children: 'children’s services',
  adults: 'adults’ services',
}

export const caseloadPaths = {
  health: '/benchmarking/caseload-health',
  return: '/benchmarking/caseload-health/return',
} as const

/** Which authority, service and period a page is about; no period means the newest with returns. */
export interface CaseloadChoice {
  organisationId: number | null
  service: CaseloadService
  period: string | null
}

function choiceQuery(choice: CaseloadChoice): string {
  const query = new URLSearchParams()
  if (choice.organisationId !== null) query.set('organisation_id', String(choice.organisationId))
  query.set('service', choice.service)
  if (choice.period) query.set('period', choice.period)
  return query.toString()
}

export function healthPath(choice: CaseloadChoice): string {
  return `${caseloadPaths.health}?${choiceQuery(choice)}`
}

export function returnPath(choice: CaseloadChoice): string {
  return `${caseloadPaths.return}?${choiceQuery(choice)}`
}

/** The service the address asks for, else the person's: children's services for someone in both. */
export function serviceFrom(query: URLSearchParams, personSector: string): CaseloadService {
  const asked = query.get('service')
  if (asked === 'children' || asked === 'adults') return asked
  return personSector === 'adults' ? 'adults' : 'children'
}

/** An id from the address, or null when there is none (or it is not one). */
export function idFrom(query: URLSearchParams, name: string): number | null {
  const id = Number.parseInt(query.get(name) ?? '', 10)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** The period as the API spells it ("2025", "2025-Q2"), from what was typed; null when nothing was. */
export function periodFrom(query: URLSearchParams): string | null {
  return query.get('period')?.trim().toUpperCase() || null
}

/** A share from 0 to 1 as a percentage to one decimal place: "25.8%". */
export function shareWords(share: number): string {
  return `${(share * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`
}

/** "31 of 120 case-holders (25.8%)". */
export function aboveCapWords(figures: Pick<CaseloadReturn, 'above_cap' | 'case_holders' | 'share_above_cap'>): string {
  return (
    `${numberWords(figures.above_cap)} of ${numberWords(figures.case_holders)} ` +
    `${figures.case_holders === 1 ? 'case-holder' : 'case-holders'} (${shareWords(figures.share_above_cap)})`
  )
}

/** An authority's organisation administrators enter its return; network administrators anyone's. */
export function mayEnterReturn(organisationId: number): boolean {
  return hasRole('network_admin') || (hasRole('org_admin') && currentUser()?.organisation.id === organisationId)
}
