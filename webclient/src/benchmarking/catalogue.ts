// The lists every benchmarking page chooses from: local authorities, periods with figures and the metrics.

import * as api from '../api'
import type { Organisation } from '../directory/types'
import { hasRole } from '../identity/session'
import type { Metric, MetricList, Period, PeriodList } from './types'

let authorities: Promise<Organisation[]> | null = null

/** The 153 local authorities, by name. Kept for the visit: the directory changes far more rarely than pages do. */
export function loadAuthorities(): Promise<Organisation[]> {
  authorities ??= readAllAuthorities().catch((error: unknown) => {
    authorities = null
    throw error
  })
  return authorities
}

async function readAllAuthorities(): Promise<Organisation[]> {
  const all: Organisation[] = []
  let cursor: string | null = null
  do {
    const page: api.ListPage<Organisation> = await api.get('/organisations', {
      kind: 'local_authority',
      limit: 100,
      cursor,
    })
    all.push(...page.items)
    cursor = page.next_cursor
  } while (cursor)
  return all.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
}

/** Periods with official or shared figures, newest first. */
export async function loadPeriods(): Promise<Period[]> {
  return (await api.get<PeriodList>('/benchmarking/periods')).items
}

export async function loadMetrics(): Promise<Metric[]> {
  return (await api.get<MetricList>('/benchmarking/metrics')).items
}

/** Org admins enter their own authority's figures; network admins any authority's. */
export function maySubmitFigures(): boolean {
  return hasRole('org_admin') || hasRole('network_admin')
}

export function mayImportFigures(): boolean {
  return hasRole('network_admin')
}
