// The two charts of a metric page: the group as bars and the trend as lines, drawn with the webclient's Chart.js
// setup (shell/charts.ts). The page gives the same figures as a table and a sentence.

import {
  type ChartConfig,
  chartColours as colours,
  chartElement,
  chartLegend as legend,
  valueAxis,
} from '../shell/charts'

export interface BarChartOptions {
  label: string
  valueLabel: string
  /** After each number on the value axis, such as "%". */
  valueSuffix: string
  names: readonly string[]
  values: readonly number[]
  /** Which bar is the authority the page is about. */
  subjectIndex: number
  median: number | null
  medianLabel: string
  left: AbortSignal
}

/** The group as bars, best first, the subject authority dark with a black outline and the median as a dashed line. */
export function groupBarChart(options: BarChartOptions): HTMLElement {
  const isSubject = (index: number): boolean => index === options.subjectIndex
  // A thick outline would swallow the thin bars of a large group.
  const outline = options.values.length > 40 ? 1 : 3
  const datasets: ChartConfig['data']['datasets'] = [
    {
      type: 'bar',
      label: options.valueLabel,
      data: [...options.values],
      backgroundColor: options.values.map((_, index) => (isSubject(index) ? colours.subject : colours.member)),
      borderColor: colours.text,
      borderWidth: options.values.map((_, index) => (isSubject(index) ? outline : 0)),
      pointStyle: 'rect',
      order: 2,
    },
  ]
  if (options.median !== null) {
    datasets.push({
      type: 'line',
      label: options.medianLabel,
      data: options.values.map(() => options.median),
      borderColor: colours.median,
      backgroundColor: colours.median,
      borderDash: [8, 4],
      borderWidth: 2,
      pointRadius: 0,
      pointStyle: 'line',
      order: 1,
    })
  }
  return chartElement(
    {
      type: 'bar',
      data: { labels: [...options.names], datasets },
      options: {
        responsive: true,
        aspectRatio: options.names.length > 20 ? 1.5 : 2,
        // The bars are named on their axis; the legend names only the median line.
        plugins: { legend: { labels: { ...legend.labels, filter: (item) => item.datasetIndex !== 0 } } },
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 90, minRotation: 45 }, grid: { display: false } },
          y: valueAxis(options.valueLabel, options.valueSuffix),
        },
      },
    },
    options.label,
    options.left,
  )
}

export interface LineSeries {
  label: string
  values: readonly (number | null)[]
}

export interface LineChartOptions {
  label: string
  valueLabel: string
  valueSuffix: string
  periods: readonly string[]
  subject: LineSeries
  median: LineSeries
  england: LineSeries | null
  left: AbortSignal
}

/** The authority's figure over time, solid with round points, against the group median and England, dashed. */
export function trendLineChart(options: LineChartOptions): HTMLElement {
  const line = (series: LineSeries, colour: string, dash: number[], point: 'circle' | 'triangle' | 'rect') => ({
    type: 'line' as const,
    label: series.label,
    data: [...series.values],
    borderColor: colour,
    backgroundColor: colour,
    borderDash: dash,
    borderWidth: 3,
    pointStyle: point,
    pointRadius: 5,
    spanGaps: false,
  })
  const datasets = [
    line(options.subject, colours.subject, [], 'circle'),
    line(options.median, colours.median, [8, 4], 'triangle'),
  ]
  if (options.england) datasets.push(line(options.england, colours.england, [2, 3], 'rect'))
  return chartElement(
    {
      type: 'line',
      data: { labels: [...options.periods], datasets },
      options: {
        responsive: true,
        aspectRatio: 2,
        plugins: { legend },
        scales: {
          x: { grid: { display: false } },
          y: valueAxis(options.valueLabel, options.valueSuffix),
        },
      },
    },
    options.label,
    options.left,
  )
}
