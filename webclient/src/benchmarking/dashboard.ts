// "Your authority's workforce": every metric for one authority and period with the group's median, the rank, the
// quartile band and the change since the year before, against statistical neighbours, the region or England.

import * as api from '../api'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { caption, link, pageHeading, paragraph } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { scrollingTable } from '../shell/tables'
import { loadAuthorities, loadPeriods, mayImportFigures, maySubmitFigures } from './catalogue'
import { comparisonControls, selectionFrom } from './controls'
import { figuresDate } from './figures-date'
import { methodDetails } from './method'
import type { Dashboard, Period } from './types'
import {
  type Selection,
  bandTag,
  changeCell,
  figureCell,
  groupMedianName,
  groupPhrase,
  metricPath,
  neighboursMedianName,
  periodWords,
  rankText,
  statisticText,
} from './words'

export async function dashboardPage(context: PageContext): Promise<PageView> {
  const [me, authorities, periods] = await Promise.all([refreshUser(), loadAuthorities(), loadPeriods()])
  const requested = selectionFrom(context.query, me.organisation.id, authorities)
  const area = new MessageArea()

  let dashboard: Dashboard | null = null
  let problem: api.ApiProblem | null = null
  if (requested.organisationId !== null && periods.length > 0) {
    try {
      dashboard = await api.get<Dashboard>('/benchmarking/dashboard', {
        organisation_id: requested.organisationId,
        group: requested.group,
        period: requested.period,
      })
    } catch (error) {
      if (!(error instanceof api.ApiProblem && error.status === 422)) throw error
      problem = error
    }
  }
  const selection: Selection = dashboard
    ? { organisationId: dashboard.organisation.id, group: dashboard.group, period: dashboard.period }
    : requested
  const controls = comparisonControls({ action: '/benchmarking', authorities, periods, selection, area })
  if (problem) controls.showProblem(problem)

  const heading = dashboard ? `${dashboard.organisation.name}’s workforce` : 'Workforce benchmarking'
  return {
    title: heading,
    content: [
      area.element,
      caption('Benchmarking'),
      pageHeading(heading),
      h(
        'div',
        { class: 'govuk-grid-row' },
        h('div', { class: 'govuk-grid-column-two-thirds' }, introduction(dashboard, periods, requested)),
        h('div', { class: 'govuk-grid-column-one-third' }, relatedLinks()),
      ),
      controls.element,
      dashboard && figuresTable(dashboard, periods, selection),
      methodDetails(),
    ],
  }
}

function periodLabel(periods: readonly Period[], period: string): string {
  return periods.find((known) => known.period === period)?.label ?? periodWords(period)
}

function introduction(dashboard: Dashboard | null, periods: readonly Period[], requested: Selection): HTMLElement {
  if (periods.length === 0) {
    return paragraph('No workforce figures have been imported yet.')
  }
  if (!dashboard) {
    return paragraph(
      requested.organisationId === null
        ? 'Choose a local authority to see its children’s social work workforce figures. The figures are public.'
        : 'These figures cannot be shown. Change the comparison below.',
    )
  }
  const since = dashboard.previous_period ? ` Changes are since ${dashboard.previous_period}.` : ''
  return h(
    'div',
    null,
    paragraph(
      `Children’s social work workforce in ${periodLabel(periods, dashboard.period)}, compared with ` +
        `${groupPhrase(dashboard.group, dashboard.group_name)}.${since}`,
    ),
    figuresDate(periods, dashboard.period),
    paragraph(
      `${neighboursMedianName} is the median of the authority’s 10 neighbours, the authority itself left out, as ` +
        'the DfE publishes it. Ranks and quartile bands place the authority within its group. Rank 1 is the best. ' +
        'Measures where neither a higher nor a lower figure is better are not ranked. Choose a measure to see every ' +
        'authority in the group and how it has changed over time.',
    ),
  )
}

function relatedLinks(): HTMLElement | null {
  const links = [
    maySubmitFigures() && h('li', null, link('/benchmarking/submissions', 'Submit local figures')),
    mayImportFigures() && h('li', null, link('/benchmarking/imports', 'Import figures and add measures')),
  ].filter(Boolean)
  if (links.length === 0) return null
  return h(
    'div',
    null,
    h('h2', { class: 'govuk-heading-s', id: 'related-heading' }, 'Manage figures'),
    h('ul', { class: 'govuk-list' }, links),
  )
}

function figuresTable(dashboard: Dashboard, periods: readonly Period[], selection: Selection): HTMLElement {
  const period = periodLabel(periods, dashboard.period)
  if (dashboard.items.length === 0) return paragraph(`There are no measures for ${period}.`)
  const name = dashboard.organisation.name
  // Against the neighbours, the DfE's median is the one to compare with; other groups add their own median.
  const withNeighbours = dashboard.items.some((item) => item.statistical_neighbours_median !== null)
  const withGroupMedian = dashboard.group !== 'statistical'
  return scrollingTable({
    caption: `${name} compared with ${dashboard.group_name}, ${period}`,
    firstCellIsHeader: true,
    columns: [
      { header: 'Measure' },
      { header: name, numeric: true },
      ...(withNeighbours ? [{ header: neighboursMedianName, numeric: true }] : []),
      ...(withGroupMedian
        ? [{ header: groupMedianName(dashboard.group, dashboard.group_name, name), numeric: true }]
        : []),
      { header: dashboard.group === 'statistical' ? 'Rank among the 11' : `Rank in ${dashboard.group_name}` },
      { header: 'Quartile band' },
      { header: dashboard.previous_period ? `Change since ${dashboard.previous_period}` : 'Change' },
    ],
    rows: dashboard.items.map((item) => [
      link(metricPath(item.metric, selection), item.metric.name),
      figureCell(item, item.metric.unit),
      ...(withNeighbours ? [statisticText(item.statistical_neighbours_median?.value ?? null, item.metric.unit)] : []),
      ...(withGroupMedian ? [statisticText(item.median, item.metric.unit)] : []),
      rankText(item.rank, item.ranked_count, item.metric.polarity),
      bandTag(item.quartile_band, item.metric.polarity),
      changeCell(item, item.metric.unit, dashboard.previous_period),
    ]),
  })
}
