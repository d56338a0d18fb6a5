// Words every capability writes the same way: counts, numbers, and the sectors of social work.

import type { components } from '../api-types'

type Sector = components['schemas']['Sector']

/** The services a person, a discussion, a resource or a consultation is for. */
export const sectorNames: Readonly<Record<Sector, string>> = {
  children: 'Children’s services',
  adults: 'Adults’ services',
  both: 'Children’s and adults’ services',
}

export const sectors: readonly Sector[] = ['children', 'adults', 'both']

export function sectorName(sector: Sector): string {
  return sectorNames[sector] ?? sector
}

/** "1 reply", "3 authorities", "1,250 replies". */
export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

/** A number as people read it: "1,313", "17.25": at most two decimal places, as medians and quartiles need. */
export function numberWords(value: number): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: 2 })
}
