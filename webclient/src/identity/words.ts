// Identity values in plain words, as users see them.

import type { Role, Sector } from './types'

const roleNames: Record<Role, string> = {
  member: 'Member',
  org_admin: 'Organisation administrator',
  csw_office: 'Chief Social Worker’s office',
  moderator: 'Moderator',
  network_admin: 'Network administrator',
}

const sectorNames: Record<Sector, string> = {
  children: 'Children’s services',
  adults: 'Adults’ services',
  both: 'Children’s and adults’ services',
}

export function roleName(role: Role): string {
  return roleNames[role] ?? role
}

export function roleList(roles: readonly Role[]): string {
  return roles.map(roleName).join(', ')
}

export function sectorName(sector: Sector): string {
  return sectorNames[sector] ?? sector
}

export const sectors: readonly Sector[] = ['children', 'adults', 'both']

/** "23 November 2026" in the GOV.UK date style. */
export function longDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  })
}
