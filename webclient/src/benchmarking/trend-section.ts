// The trend on a metric page: the authority's figure in every period against the DfE's neighbours' median (or the
// group's median) and England, as a sentence, a line chart, a table and a CSV.

import { h } from '../shell/dom'
import { link, paragraph } from '../shell/govuk'
import { scrollingTable } from '../shell/tables'
import { trendLineChart } from './charts'
import type { Trend, TrendItem } from './types'
import {
  type Selection,
  axisSuffix,
  exportPath,
  figureCell,
  figureText,
  formatValue,
  groupMedianName,
  medianInSentence,
  neighboursMedianName,
  rankText,
  statisticText,
} from './words'

export interface TrendSectionOptions {
  trend: Trend
  selection: Selection
  left: AbortSignal
}

export function trendSection(options: TrendSectionOptions): HTMLElement {
  const { trend } = options
  const { metric } = trend
  const items = trend.items
  const name = trend.organisation.name
  const hasEngland = items.some((item) => item.england !== null)
  const regionName = items.find((item) => item.region !== null)?.region?.name ?? null
  const valueOf = (item: TrendItem): number | null => (item.status === 'value' ? item.value : null)
  const hasNeighbours = items.some((item) => item.statistical_neighbours_median !== null)
  const groupMedian = groupMedianName(trend.group, trend.group_name, name)
  const line = medianLine(trend)

  const body =
    items.length === 0
      ? [paragraph('There are no figures for this measure yet.')]
      : [
          paragraph(trendSummary(trend)),
          h(
            'p',
            { class: 'govuk-body-s' },
            `In the chart, ${name} is the solid line with round points, the ${medianInSentence(line.label)} ` +
              'the dashed line with triangles' +
              (hasEngland ? ', and England the dotted line with squares' : '') +
              '. A gap means there was no figure.',
          ),
          trendLineChart({
            label:
              `Line chart of ${metric.name.toLowerCase()} for ${name} against the ${medianInSentence(line.label)}, ` +
              `${items[0]?.period} to ${items[items.length - 1]?.period}. The figures are in the table below.`,
            valueLabel: metric.name,
            valueSuffix: axisSuffix[metric.unit] ?? '',
            periods: items.map((item) => item.period),
            subject: { label: name, values: items.map(valueOf) },
            median: line,
            england: hasEngland
              ? {
                  label: 'England',
                  values: items.map((item) => (item.england?.status === 'value' ? item.england.value : null)),
                }
              : null,
            left: options.left,
          }),
          scrollingTable({
            caption: `${metric.name} for ${name} and the median of ${trend.group_name}, by period`,
            firstCellIsHeader: true,
            columns: [
              { header: 'Period' },
              { header: name, numeric: true },
              ...(hasNeighbours ? [{ header: neighboursMedianName, numeric: true }] : []),
              { header: groupMedian, numeric: true },
              { header: 'Rank' },
              ...(hasEngland ? [{ header: 'England', numeric: true }] : []),
              ...(regionName ? [{ header: regionName, numeric: true }] : []),
            ],
            rows: items.map((item) => [
              item.period,
              figureCell(item, metric.unit),
              ...(hasNeighbours ? [statisticText(item.statistical_neighbours_median?.value ?? null, metric.unit)] : []),
              statisticText(item.median, metric.unit),
              rankText(item.rank, item.ranked_count, metric.polarity),
              ...(hasEngland ? [item.england ? figureText(item.england, metric.unit) : 'Not published'] : []),
              ...(regionName ? [item.region ? figureText(item.region, metric.unit) : 'Not published'] : []),
            ]),
          }),
        ]
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'trend-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'trend-heading' }, 'Over time'),
    body,
    paragraph(
      link(exportPath('trend', metric, options.selection), 'Download the figures over time as a spreadsheet (CSV)'),
    ),
  )
}

/** The median to compare with: against neighbours the DfE's median of the ten, otherwise the group's median. */
function medianLine(trend: Trend): { label: string; values: (number | null)[] } {
  if (trend.group === 'statistical' && trend.items.some((item) => item.statistical_neighbours_median !== null)) {
    return {
      label: neighboursMedianName,
      values: trend.items.map((item) => item.statistical_neighbours_median?.value ?? null),
    }
  }
  return {
    label: groupMedianName(trend.group, trend.group_name, trend.organisation.name),
    values: trend.items.map((item) => item.median),
  }
}

/** The line chart in one paragraph: where the figure started and ended, the same for the median, and the latest gap. */
export function trendSummary(trend: Trend): string {
  const { metric } = trend
  const unit = metric.unit
  const own = trend.items.filter((item) => item.status === 'value' && item.value !== null)
  const first = own[0]
  const last = own[own.length - 1]
  const name = trend.organisation.name
  if (!first || !last || first.value === null || last.value === null) {
    return `${name} has no figure for this measure in any period.`
  }
  const line = medianLine(trend)
  const medianAt = (item: TrendItem): number | null => line.values[trend.items.indexOf(item)] ?? null
  const firstMedian = medianAt(first)
  const lastMedian = medianAt(last)
  const sentences: string[] = []
  if (first === last) {
    sentences.push(`${name} has a figure only for ${first.period}: ${formatValue(first.value, unit)}.`)
  } else {
    sentences.push(
      `From ${first.period} to ${last.period}, ${name}’s ${metric.name.toLowerCase()} went from ` +
        `${formatValue(first.value, unit)} to ${formatValue(last.value, unit)}.`,
    )
    if (firstMedian !== null && lastMedian !== null) {
      sentences.push(
        `Over the same periods the ${medianInSentence(line.label)} went from ${formatValue(firstMedian, unit)} ` +
          `to ${formatValue(lastMedian, unit)}.`,
      )
    }
  }
  if (lastMedian !== null) {
    const position = last.value > lastMedian ? 'above' : last.value < lastMedian ? 'below' : 'equal to'
    sentences.push(`In ${last.period} it was ${position} the ${medianInSentence(line.label)}.`)
  }
  const missing = trend.items.filter((item) => item.status !== 'value').map((item) => item.period)
  if (missing.length > 0) sentences.push(`There is no figure for ${missing.join(', ')}.`)
  return sentences.join(' ')
}
