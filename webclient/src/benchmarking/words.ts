// Benchmarking values in plain words: numbers with their units, ranks ("3rd of 11"), quartile bands, changes since
// last year, and the reason a figure is missing. A missing figure is always shown with its reason, never as 0.

import type * as api from '../api'
import { h } from '../shell/dom'
import { tag } from '../shell/govuk'
import { numberWords } from '../shell/words'
import type { DashboardItem, Figure, Group, Metric, Polarity, QuartileBand, Unit } from './types'

export const groupNames: Readonly<Record<Group, string>> = {
  statistical: 'Statistical neighbours',
  region: 'Region',
  england: 'England',
  saved: 'A saved group',
}

/** The groups every authority has; a saved group is chosen by its id as well (`Selection.groupId`). */
export const groups: readonly Group[] = ['statistical', 'region', 'england']

/** The DfE's name for the median of an authority's ten neighbours, the authority itself left out. */
export const neighboursMedianName = 'Statistical neighbours (median)'

/** A median's name in the middle of a sentence: "the median of the statistical neighbours". */
export function medianInSentence(name: string): string {
  return name === neighboursMedianName ? 'median of the statistical neighbours' : name.replace(/^Median/, 'median')
}

/** The median of the whole group, which includes the authority: named so that it is not taken for the DfE's. */
export function groupMedianName(group: Group, groupName: string, organisationName: string): string {
  switch (group) {
    case 'statistical':
      return `Median of ${organisationName} and its 10 neighbours`
    case 'region':
      return `Median of ${groupName} authorities`
    case 'england':
      return 'Median of all authorities in England'
    case 'saved':
      return `Median of ${organisationName} and ${groupName}`
  }
}

/** The group in a sentence: "compared with its statistical neighbours (DfE 2025 model)". */
export function groupPhrase(group: Group, groupName: string): string {
  switch (group) {
    case 'statistical':
      return 'its statistical neighbours (DfE 2025 model)'
    case 'region':
      return `the local authorities in ${groupName}`
    case 'england':
      return 'all local authorities in England'
    case 'saved':
      return `the authorities in ${groupName} (a saved group)`
  }
}

/** One of the groups every authority has (a saved group is asked for by its id). */
export function isGroup(value: string | null): value is Group {
  return groups.some((group) => group === value)
}

export const unitNames: Readonly<Record<Unit, string>> = {
  count: 'Number',
  fte: 'Full-time equivalent (FTE)',
  percent: 'Percentage',
  cases_per_fte: 'Cases per full-time equivalent',
  days: 'Days',
}

export const polarityNames: Readonly<Record<Polarity, string>> = {
  lower_is_better: 'Lower is better',
  higher_is_better: 'Higher is better',
  neutral: 'Neither higher nor lower is better: not ranked',
}

/** The short unit after a number ("%", " FTE"); counts and caseloads need none beside the metric's name. */
const unitAfter: Readonly<Record<Unit, string>> = {
  count: '',
  fte: ' FTE',
  percent: '%',
  cases_per_fte: '',
  days: ' days',
}

/** The unit after the numbers of a chart's value axis. */
export const axisSuffix: Readonly<Record<Unit, string>> = {
  count: '',
  fte: '',
  percent: '%',
  cases_per_fte: '',
  days: '',
}

/** The unit as the suffix of an input box. */
export const unitSuffix: Readonly<Record<Unit, string | undefined>> = {
  count: undefined,
  fte: 'FTE',
  percent: '%',
  cases_per_fte: 'cases per FTE',
  days: 'days',
}

export function formatValue(value: number, unit: Unit): string {
  return `${numberWords(value)}${unitAfter[unit] ?? ''}`
}

/** The value, or why there is none ("c: confidential", "no figure for 2019"). */
export function figureText(figure: Figure, unit: Unit): string {
  if (figure.status === 'value' && figure.value !== null) return formatValue(figure.value, unit)
  return figure.reason ?? 'No figure'
}

/** A statistic of the group: a number, or "No figures" when no member had one. */
export function statisticText(value: number | null, unit: Unit): string {
  return value === null ? 'No figures' : formatValue(value, unit)
}

/** A figure as a table cell: the value or its reason, marked when it is local or a joint return. */
export function figureCell(figure: Figure, unit: Unit): HTMLElement {
  return h(
    'span',
    null,
    figureText(figure, unit),
    figure.source === 'local' && [' ', tag('Local, not official', 'grey')],
    figure.joint_return &&
      h('span', { class: 'govuk-body-s' }, ` (joint return with ${figure.joint_with ?? 'another authority'})`),
  )
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  const lastTwo = n % 100
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'
  return `${n}${suffix}`
}

/** "3rd of 11"; "Not ranked" for neutral metrics; "No rank" when the authority has no figure. */
export function rankText(rank: number | null, rankedCount: number, polarity: Polarity): string {
  if (polarity === 'neutral') return 'Not ranked'
  return rank === null ? 'No rank' : `${ordinal(rank)} of ${rankedCount}`
}

const bandNames: Readonly<Record<QuartileBand, string>> = {
  lowest: 'Lowest quarter',
  lower_middle: 'Lower middle quarter',
  upper_middle: 'Upper middle quarter',
  highest: 'Highest quarter',
}

export function bandName(band: QuartileBand): string {
  return bandNames[band] ?? band
}

/** The quartile band as a tag; the colour only repeats what the words say about better or worse. */
export function bandTag(band: QuartileBand | null, polarity: Polarity): HTMLElement | string {
  if (band === null) return 'No band'
  const best = polarity === 'lower_is_better' ? 'lowest' : polarity === 'higher_is_better' ? 'highest' : null
  const worst = polarity === 'lower_is_better' ? 'highest' : polarity === 'higher_is_better' ? 'lowest' : null
  const colour = band === best ? 'green' : band === worst ? 'red' : 'grey'
  const words = band === best ? ' (best)' : band === worst ? ' (worst)' : ''
  return tag(`${bandName(band)}${words}`, colour)
}

/** A dashboard row's change since the previous period. */
export type Change = Pick<DashboardItem, 'previous' | 'change' | 'direction' | 'assessment'>

/** "Up 2.1, worse" as a tag, or why there is nothing to compare with. */
export function changeCell(item: Change, unit: Unit, previousPeriod: string | null): HTMLElement | string {
  if (previousPeriod === null) return 'No earlier year'
  if (item.direction === null || item.change === null) {
    if (item.previous && item.previous.status !== 'value')
      return `${previousPeriod}: ${item.previous.reason ?? 'no figure'}`
    return `No comparison with ${previousPeriod}`
  }
  // A change in a percentage is in percentage points: 12% to 15% is up 3 points, not up 3%.
  const size =
    unit === 'percent'
      ? `${numberWords(Math.abs(item.change))} percentage points`
      : formatValue(Math.abs(item.change), unit)
  const movement = item.direction === 'same' ? 'No change' : `${item.direction === 'up' ? 'Up' : 'Down'} ${size}`
  if (item.assessment === null) return tag(movement, 'grey')
  const colour = item.assessment === 'better' ? 'green' : item.assessment === 'worse' ? 'red' : 'grey'
  const verdict = item.assessment === 'same' ? '' : `, ${item.assessment}`
  return tag(`${movement}${verdict}`, colour)
}

/** A period in words when the server has no label for it yet: "2024 (at 30 September)", "2024 quarter 2". */
export function periodWords(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period)
  if (quarter) return `${quarter[1]} quarter ${quarter[2]}`
  return /^\d{4}$/.test(period) ? `${period} (at 30 September)` : period
}

/** Whose workforce a page shows: children's services (the DfE's measures) or adults' services. */
export type Services = 'children' | 'adults'

/** The services of a measure: adults' measures are compared only with the region or England. */
export function servicesOf(metric: Pick<Metric, 'sector'>): Services {
  return metric.sector === 'adults' ? 'adults' : 'children'
}

/**
 * The groups every authority has that a view may use: the DfE's statistical-neighbour model is for children's services
 * only. The organisation's saved groups serve both.
 */
export function groupsFor(services: Services): Group[] {
  return services === 'adults' ? groups.filter((group) => group !== 'statistical') : [...groups]
}

export interface Selection {
  organisationId: number | null
  services: Services
  /** 'saved' with `groupId`: one of the organisation's saved comparator groups. */
  group: Group
  groupId: number | null
  period: string | null
}

/** The group in an address: `group_id` alone for a saved group, else `group`. */
function setGroup(query: URLSearchParams, selection: Pick<Selection, 'group' | 'groupId'>): void {
  if (selection.group === 'saved' && selection.groupId !== null) query.set('group_id', String(selection.groupId))
  else query.set('group', selection.group)
}

function selectionQuery(selection: Selection): string {
  const query = new URLSearchParams()
  if (selection.organisationId !== null) query.set('organisation_id', String(selection.organisationId))
  query.set('sector', selection.services)
  setGroup(query, selection)
  if (selection.period) query.set('period', selection.period)
  return query.toString()
}

/** The group as the API's benchmarking views take it: `group_id` for a saved group, else `group`. */
export function groupQuery(selection: Pick<Selection, 'group' | 'groupId'>): api.Query {
  return selection.group === 'saved' && selection.groupId !== null
    ? { group_id: selection.groupId }
    : { group: selection.group }
}

export function dashboardPath(selection: Selection): string {
  return `/benchmarking?${selectionQuery(selection)}`
}

/** The metric page without a query, as the action of its comparison form. */
export function metricBasePath(metric: Pick<Metric, 'key'>): string {
  return `/benchmarking/metrics/${encodeURIComponent(metric.key)}`
}

export function metricPath(metric: Pick<Metric, 'key'>, selection: Selection): string {
  return `${metricBasePath(metric)}?${selectionQuery(selection)}`
}

/** The CSV download of a comparison or a trend: a plain link the browser saves. */
export function exportPath(view: 'compare' | 'trend', metric: Metric, selection: Selection): string {
  const query = new URLSearchParams({ view, metric: metric.key })
  setGroup(query, selection)
  if (selection.organisationId !== null) query.set('organisation_id', String(selection.organisationId))
  if (view === 'compare' && selection.period) query.set('period', selection.period)
  return `/api/v1/benchmarking/export?${query.toString()}`
}
