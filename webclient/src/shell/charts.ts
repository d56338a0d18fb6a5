// Chart.js as every chart of the webclient uses it: only the parts used are registered, so the bundle leaves the
// rest out; GOV.UK colours and font; no animation. Each canvas is an image with a label; the page gives the same
// figures as a table and a sentence, which is what screen readers and keyboard users read.
//
// The CSP forbids inline style attributes and <style> elements. Chart.js sizes its canvas through the CSSOM
// (element.style.width = ...), which the CSP allows, and injects no stylesheet; the browser tests check that no
// violation is reported.

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js'
import { h } from './dom'

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
)

// GOV.UK colours. Bars are told apart by their outline as well as their colour, lines by their dashes and points.
export const chartColours = {
  text: '#0b0c0c',
  subject: '#003078',
  member: '#5694ca',
  median: '#0b0c0c',
  england: '#505a5f',
  grid: '#cecece',
}

export type ChartConfig = ChartConfiguration<'bar' | 'line', (number | null)[], string>

function applyDefaults(): void {
  Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily
  Chart.defaults.font.size = 16
  Chart.defaults.color = chartColours.text
  // Nothing moves: figures appear at once, and nobody who prefers reduced motion gets animation.
  Chart.defaults.animation = false
}

/** Legend entries drawn as each series' point style, so the legend matches the chart without relying on colour. */
export const chartLegend = { labels: { usePointStyle: true, boxHeight: 10 } }

/**
 * The value axis, from 0, titled with the measure and its ticks with the unit ("15%"); `max` fixes its top (100 for
 * percentages) and `counts` keeps its ticks to whole numbers.
 */
export function valueAxis(title: string, suffix: string, options: { max?: number; counts?: boolean } = {}) {
  return {
    beginAtZero: true,
    ...(options.max === undefined ? {} : { max: options.max }),
    grid: { color: chartColours.grid },
    title: { display: true, text: title },
    ticks: {
      ...(options.counts ? { precision: 0 } : {}),
      callback: (value: string | number) => `${value}${suffix}`,
    },
  }
}

/** A canvas with its label and a fallback text, destroyed when `until` aborts (the page is left or redrawn). */
export function chartElement(config: ChartConfig, label: string, until: AbortSignal): HTMLElement {
  applyDefaults()
  const canvas = h('canvas', { role: 'img', 'aria-label': label }, label)
  const chart = new Chart(canvas, config)
  until.addEventListener('abort', () => chart.destroy(), { once: true })
  return h('div', { class: 'govuk-!-margin-bottom-6' }, canvas)
}

export interface CategoryBarChartOptions {
  /** What the chart shows, for screen readers: say where the figures are as a table. */
  label: string
  valueLabel: string
  /** After each number on the value axis, such as "%". */
  valueSuffix: string
  /** The highest value of the axis, such as 100 for percentages; by default Chart.js picks it. */
  max?: number
  /** The values are counts: the axis shows whole numbers only. */
  counts?: boolean
  names: readonly string[]
  values: readonly number[]
  until: AbortSignal
}

/** One bar per category, in the order given, all the same colour: counts of answers, rates by region. */
export function categoryBarChart(options: CategoryBarChartOptions): HTMLElement {
  return chartElement(
    {
      type: 'bar',
      data: {
        labels: [...options.names],
        datasets: [
          {
            type: 'bar',
            label: options.valueLabel,
            data: [...options.values],
            backgroundColor: chartColours.subject,
            borderColor: chartColours.text,
            borderWidth: 1,
          },
        ],
      },
      options: {
        responsive: true,
        aspectRatio: options.names.length > 6 ? 1.6 : 2,
        // The bars are named on their axis and the measure on the other: a legend would repeat it.
        plugins: { legend: { display: false } },
        scales: {
          x: { ticks: { autoSkip: false, maxRotation: 60 }, grid: { display: false } },
          y: valueAxis(options.valueLabel, options.valueSuffix, {
            ...(options.max === undefined ? {} : { max: options.max }),
            ...(options.counts ? { counts: true } : {}),
          }),
        },
      },
    },
    options.label,
    options.until,
  )
}
