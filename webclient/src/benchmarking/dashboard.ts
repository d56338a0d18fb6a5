// "Your authority's workforce": every measure of children's or adults' services (the person's own by default) for one
// authority and period with the medians, the rank, the quartile band and the change since the year before, against
// statistical neighbours (children's services only), the region or England.

import * as api from '../api'
import { loadComparatorGroups } from '../directory/comparator-groups'
import { refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { MessageArea } from '../shell/form'
import { caption, link, pageHeading, paragraph } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { scrollingTable } from '../shell/tables'
import { loadAuthorities, loadPeriods, mayImportFigures, maySubmitFigures } from './catalogue'
import { comparisonControls, selectionFrom, servicesFrom } from './controls'
import { caseloadPaths } from './caseload'
import { figuresDate } from './figures-date'
import { comparatorGroupPaths } from './group-paths'
import { methodDetails } from './method'
import type { Dashboard, Period } from './types'
import {
  type Selection,
  bandTag,
  type Services,
  changeCell,
  dashboardPath,
  figureCell,
  groupMedianName,
  groupPhrase,
  groupQuery,
  metricPath,
  neighboursMedianName,
  periodWords,
  rankText,
  statisticText,
} from './words'

export async function dashboardPage(context: PageContext): Promise<PageView> {
  const [me, authorities, periods, savedGroups] = await Promise.all([
    refreshUser(),
    loadAuthorities(),
    loadPeriods(),
    loadComparatorGroups(),
  ])
  const services = servicesFrom(context.query, me.sector)
  const requested = selectionFrom(context.query, me.organisation.id, authorities, services)
  const area = new MessageArea()

  let dashboard: Dashboard | null = null
  let problem: api.ApiProblem | null = null
  let noFigures = periods.length === 0
  if (requested.organisationId !== null && periods.length > 0) {
    try {
      dashboard = await api.get<Dashboard>('/benchmarking/dashboard', {
        organisation_id: requested.organisationId,
        sector: services,
        ...groupQuery(requested),
        period: requested.period,
      })
    } catch (error) {
      // 404 naming the services: they have no figures in any period yet (not an unknown authority).
      if (error instanceof api.ApiProblem && error.status === 404 && /workforce figures yet/.test(error.detail))
        noFigures = true
      else if (error instanceof api.ApiProblem && error.status === 422) problem = error
      else throw error
    }
  }
  const selection: Selection = dashboard
    ? {
        organisationId: dashboard.organisation.id,
        services,
        group: dashboard.group,
        groupId: dashboard.group_id,
        period: dashboard.period,
      }
    : requested
  const controls = comparisonControls({
    action: '/benchmarking',
    authorities,
    periods,
    savedGroups,
    selection,
    area,
    chooseServices: true,
  })
  if (problem) controls.showProblem(problem)

  const subject = authorities.find((authority) => authority.id === selection.organisationId)
  const heading = subject ? `${subject.name}’s workforce` : 'Workforce benchmarking'
  return {
    title: heading,
    content: [
      area.element,
      caption('Benchmarking'),
      pageHeading(heading),
      h(
        'div',
        { class: 'govuk-grid-row' },
        h(
          'div',
          { class: 'govuk-grid-column-two-thirds' },
          noFigures ? noFiguresYet(selection) : introduction(dashboard, periods, requested),
        ),
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

const workforceNames: Readonly<Record<Services, string>> = {
  children: 'children’s social work workforce',
  adults: 'adults’ social work workforce',
}

/** Said plainly when the services have no figures at all, with the way to the other services' figures. */
function noFiguresYet(selection: Selection): HTMLElement {
  if (selection.services === 'children') return paragraph('No children’s workforce figures have been imported yet.')
  return h(
    'div',
    null,
    h('h2', { class: 'govuk-heading-m' }, 'There are no adults’ social work workforce figures yet'),
    paragraph(
      'There is no national collection of adults’ social work workforce figures like the DfE’s for children’s ' +
        'services. They appear here when a network administrator imports them, for example from Skills for ' +
        'Care’s local authority workforce data, or when authorities share their own figures.',
    ),
    maySubmitFigures() ? paragraph(link('/benchmarking/submissions', 'Enter your authority’s own figures')) : null,
    paragraph(
      link(
        dashboardPath({ ...selection, services: 'children', group: 'statistical', groupId: null, period: null }),
        'See children’s social work figures instead',
      ),
      ' (they describe children’s services, not adults’).',
    ),
  )
}

function introduction(dashboard: Dashboard | null, periods: readonly Period[], requested: Selection): HTMLElement {
  if (!dashboard) {
    return paragraph(
      requested.organisationId === null
        ? `Choose a local authority to see its ${workforceNames[requested.services]} figures. The figures are public.`
        : 'These figures cannot be shown. Change the comparison below.',
    )
  }
  const since = dashboard.previous_period ? ` Changes are since ${dashboard.previous_period}.` : ''
  const services = dashboard.sector === 'adults' ? 'adults' : 'children'
  const workforce = workforceNames[services]
  // "At 30 September" is the DfE's date: adults' figures have each source's own.
  const when = services === 'adults' ? dashboard.period : periodLabel(periods, dashboard.period)
  return h(
    'div',
    null,
    paragraph(
      `${workforce.charAt(0).toUpperCase()}${workforce.slice(1)} in ${when}, ` +
        `compared with ${groupPhrase(dashboard.group, dashboard.group_name)}.${since}`,
    ),
    figuresDate(periods, dashboard.period, services),
    dashboard.items.some((item) => item.statistical_neighbours_median !== null)
      ? paragraph(
          `${neighboursMedianName} is the median of the authority’s 10 neighbours, the authority itself left out, ` +
            'as the DfE publishes it.',
        )
      : services === 'adults'
        ? paragraph(
            'Adults’ figures are compared with the region or England: the DfE’s statistical neighbours are a model ' +
              'of children’s services.',
          )
        : null,
    paragraph(
      'Ranks and quartile bands place the authority within its group. Rank 1 is the best. Measures where neither ' +
        'a higher nor a lower figure is better are not ranked. Choose a measure to see every authority in the ' +
        'group and how it has changed over time.',
    ),
  )
}

function relatedLinks(): HTMLElement {
  const links = [
    maySubmitFigures() && h('li', null, link('/benchmarking/submissions', 'Submit local figures')),
    mayImportFigures() && h('li', null, link('/benchmarking/imports', 'Import figures and add measures')),
  ].filter(Boolean)
  return h(
    'div',
    null,
    h('h2', { class: 'govuk-heading-s', id: 'caseload-heading' }, 'Caseloads above a cap'),
    h('ul', { class: 'govuk-list' }, h('li', null, link(caseloadPaths.health, 'Caseload health check'))),
    h('h2', { class: 'govuk-heading-s', id: 'groups-heading' }, 'Compare with authorities you choose'),
    h('ul', { class: 'govuk-list' }, h('li', null, link(comparatorGroupPaths.list, 'Your saved comparator groups'))),
    links.length > 0 && [
      h('h2', { class: 'govuk-heading-s', id: 'related-heading' }, 'Manage figures'),
      h('ul', { class: 'govuk-list' }, links),
    ],
  )
}

function figuresTable(dashboard: Dashboard, periods: readonly Period[], selection: Selection): HTMLElement {
  const period = periodLabel(periods, dashboard.period)
  if (dashboard.items.length === 0) return paragraph(`There are no measures for ${period}.`)
  const name = dashboard.organisation.name
  // Against the neighbours, the DfE's median is the one to compare with; other groups, and measures the DfE's
  // median does not cover, have the group's own median too.
  const withNeighbours = dashboard.items.some((item) => item.statistical_neighbours_median !== null)
  const withGroupMedian =
    dashboard.group !== 'statistical' || dashboard.items.some((item) => item.statistical_neighbours_median === null)
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
