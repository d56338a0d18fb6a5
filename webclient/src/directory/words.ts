// Directory values in plain words.

import type { PswRole } from '../identity/types'
import type { Organisation, OrganisationKind, PswPost } from './types'

export const kindNames: Readonly<Record<OrganisationKind, string>> = {
  local_authority: 'Local authority',
  csw_office: 'Chief Social Worker’s office',
  nhs_trust: 'NHS trust',
  childrens_trust: 'Children’s trust',
  community_interest_company: 'Community interest company',
  other: 'Other organisation',
}

export const kinds = Object.keys(kindNames) as OrganisationKind[]

/** The kinds of the other employers of PSWs that network administrators add: every kind but these two. */
export type EmployerKind = Exclude<OrganisationKind, 'local_authority' | 'csw_office'>

export const employerKinds: readonly EmployerKind[] = [
  'nhs_trust',
  'childrens_trust',
  'community_interest_company',
  'other',
]

/** The local authority type from the DfE list, or the kind of organisation when it is not an authority. */
export function organisationType(organisation: Organisation): string {
  return organisation.la_type ?? kindNames[organisation.kind] ?? organisation.kind
}

/**
 * A region's name as it reads in a sentence: "the South East", "the East of England", but "London" and "Yorkshire and
 * The Humber".
 */
export function regionInSentence(name: string): string {
  return /^(North|South|East|West)\b/.test(name) ? `the ${name}` : name
}

export function organisationPath(organisation: { id: number }): string {
  return `/organisations/${organisation.id}`
}

/** "Principal Social Worker, children’s services": the name of one of a local authority's two posts. */
export function pswPostName(services: PswPost['sector']): string {
  return `Principal Social Worker, ${services === 'children' ? 'children’s' : 'adults’'} services`
}

/** Which Principal Social Worker posts someone holds, as a sentence; null for none. */
export function pswRoleWords(role: PswRole): string | null {
  switch (role) {
    case 'children':
      return 'For children’s services'
    case 'adults':
      return 'For adults’ services'
    case 'both':
      return 'For children’s and adults’ services'
    default:
      return null
  }
}
