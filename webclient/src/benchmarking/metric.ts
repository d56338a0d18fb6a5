// One measure for one authority: what it means, the authority's figure against its group (bar chart, table, ask
// the best), and how it has changed (line chart, table). The authority, group and period are in the address.

import * as api from '../api'
import { loadComparatorGroups } from '../directory/comparator-groups'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { notFoundPage } from '../shell/error-pages'
import { MessageArea } from '../shell/form'
import { caption, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { summaryList } from '../shell/tables'
import { loadAuthorities, loadMetrics, loadPeriods } from './catalogue'
import { comparisonSection } from './comparison-section'
import { comparisonControls, selectionFrom, servicesFrom } from './controls'
import { figuresDate } from './figures-date'
import { methodDetails } from './method'
import { trendSection } from './trend-section'
import type { Comparison, Metric, Period, Trend } from './types'
import {
  type Selection,
  bandTag,
  dashboardPath,
  figureCell,
  figureText,
  groupMedianName,
  groupQuery,
  metricBasePath,
  neighboursMedianName,
  periodWords,
  polarityNames,
  rankText,
  servicesOf,
  statisticText,
  unitNames,
} from './words'

export async function metricPage(context: PageContext): Promise<PageView> {
  const key = context.params['key'] ?? ''
  const [me, authorities, periods, metrics, savedGroups] = await Promise.all([
    refreshUser(),
    loadAuthorities(),
    loadPeriods(),
    loadMetrics(),
    loadComparatorGroups(),
  ])
  const metric = metrics.find((known) => known.key === key)
  if (!metric) return notFoundPage()
  // A measure of both services keeps the services the person came from.
  const services = metric.sector === 'both' ? servicesFrom(context.query, me.sector) : servicesOf(metric)
  const requested = selectionFrom(context.query, me.organisation.id, authorities, services)
  const area = new MessageArea()

  let comparison: Comparison | null = null
  let trend: Trend | null = null
  let problem: api.ApiProblem | null = null
  if (requested.organisationId !== null) {
    const query = { organisation_id: requested.organisationId, metric: metric.key, ...groupQuery(requested) }
    try {
      ;[comparison, trend] = await Promise.all([
        api.get<Comparison>('/benchmarking/compare', { ...query, period: requested.period }),
        api.get<Trend>('/benchmarking/trend', query),
      ])
    } catch (error) {
      if (!(error instanceof api.ApiProblem && error.status === 422)) throw error
      problem = error
    }
  }
  const selection: Selection = comparison
    ? {
        organisationId: comparison.organisation.id,
        services,
        group: comparison.group,
        groupId: comparison.group_id,
        period: comparison.period,
      }
    : requested
  const controls = comparisonControls({
    action: metricBasePath(metric),
    authorities,
    periods,
    savedGroups,
    selection,
    area,
  })
  if (problem) controls.showProblem(problem)
  const periodLabel = comparison ? labelOf(periods, comparison.period) : ''

  return {
    title: comparison ? `${metric.name} – ${comparison.organisation.name}` : metric.name,
    content: [
      h('a', { class: 'govuk-back-link', href: dashboardPath(selection) }, 'Back to all measures'),
      area.element,
      caption(comparison ? `${comparison.organisation.name}, ${periodLabel}` : 'Benchmarking'),
      pageHeading(metric.name),
      twoThirds(
        about(metric),
        comparison
          ? [figuresDate(periods, comparison.period, services, metric.official), keyFigures(comparison)]
          : null,
        comparison ? null : paragraph('Choose a local authority below.'),
      ),
      controls.element,
      comparison &&
        comparisonSection({
          comparison,
          periodLabel,
          selection,
          ownOrganisationId: me.organisation.id,
          area,
          left: context.left,
        }),
      trend && trendSection({ trend, selection, left: context.left }),
      methodDetails(),
    ],
  }
}

function labelOf(periods: readonly Period[], period: string): string {
  return periods.find((known) => known.period === period)?.label ?? periodWords(period)
}

function about(metric: Metric): HTMLElement {
  return h(
    'div',
    null,
    paragraph(metric.definition),
    h(
      'details',
      { class: 'govuk-details' },
      h(
        'summary',
        { class: 'govuk-details__summary' },
        h('span', { class: 'govuk-details__summary-text' }, 'About this measure'),
      ),
      h(
        'div',
        { class: 'govuk-details__text' },
        summaryList([
          { key: 'Source', value: metric.official ? metric.source : `${metric.source} (not official statistics)` },
          { key: 'Unit', value: unitNames[metric.unit] ?? metric.unit },
          { key: 'Better', value: polarityNames[metric.polarity] ?? metric.polarity },
        ]),
      ),
    ),
  )
}

/** The answer at a glance: the figure, the median, the rank and band, and the published England and region rows. */
function keyFigures(comparison: Comparison): HTMLElement {
  const { metric, reference, statistics } = comparison
  const unit = metric.unit
  const references = [reference.england, reference.region, reference.london_subregion].filter((area) => area !== null)
  const name = comparison.organisation.name
  const neighbours = comparison.statistical_neighbours_median
  return summaryList([
    { key: name, value: figureCell(comparison.subject, unit) },
    ...(neighbours
      ? [
          {
            key: neighboursMedianName,
            value:
              neighbours.value === null
                ? 'No figures: none of the neighbours has a figure the DfE published'
                : `${statisticText(neighbours.value, unit)}: the median of the ${neighbours.count} neighbours with ` +
                  `a figure, ${name} left out, as the DfE publishes it`,
          },
        ]
      : []),
    {
      key: groupMedianName(comparison.group, comparison.group_name, name),
      value: statisticText(statistics.median, unit),
    },
    { key: 'Rank in the group', value: rankText(comparison.rank, comparison.ranked_count, metric.polarity) },
    { key: 'Quartile band', value: bandTag(comparison.quartile_band, metric.polarity) },
    {
      key: 'Group',
      value: `${comparison.group_name}: ${statistics.count} of ${comparison.members.length} authorities have a figure`,
    },
    ...references.map((area) => ({ key: `${area.name} (published)`, value: figureText(area, unit) })),
  ])
}
