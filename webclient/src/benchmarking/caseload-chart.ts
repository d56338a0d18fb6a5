// The caseload health check's chart: the share of case-holders above their cap as horizontal bars drawn in HTML rather
// than on a canvas, so that every figure is text beside its bar, names wrap on a phone and text zooms with the page.
// The bars only repeat those words (they are hidden from screen readers); the table after the chart has every figure.

import { h } from '../shell/dom'

export interface ShareBar {
  /** What the bar is: "Pooled share". */
  label: string
  /** From 0 to 1. */
  share: number
  /** The authority's own bar is dark, a group's pooled share mid blue and its median striped. */
  kind: 'own' | 'pooled' | 'median'
}

export interface ShareGroup {
  name: string
  /** A line under the name, such as how many authorities returned. */
  note?: string
  bars: readonly ShareBar[]
  /** Said instead of bars when there are none: "No returns". */
  empty?: string
}

export interface ShareChartOptions {
  caption: string
  groups: readonly ShareGroup[]
  /** Words the figure's figures are given in, such as "25.8%". */
  shareText: (share: number) => string
}

export function shareChart(options: ShareChartOptions): HTMLElement {
  return h(
    'figure',
    { class: 'app-bar-chart' },
    h('figcaption', { class: 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1' }, options.caption),
    h('p', { class: 'govuk-body-s' }, 'The full width of a bar is 100%. The table below gives the same figures.'),
    h(
      'ul',
      { class: 'app-bar-chart__groups' },
      options.groups.map((group) =>
        h(
          'li',
          { class: 'app-bar-chart__group' },
          h('p', { class: 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1' }, group.name),
          group.note && h('p', { class: 'govuk-body-s govuk-!-margin-bottom-1' }, group.note),
          group.bars.length === 0
            ? h('p', { class: 'govuk-body-s' }, group.empty ?? 'No figures')
            : group.bars.map((bar) => barRow(bar, options.shareText)),
        ),
      ),
    ),
  )
}

function barRow(bar: ShareBar, shareText: (share: number) => string): HTMLElement {
  const fill = h('span', { class: `app-bar-chart__bar app-bar-chart__bar--${bar.kind}` })
  // The CSP allows no style attribute; the CSSOM sets the width, as Chart.js sizes its canvas.
  fill.style.width = `${Math.min(Math.max(bar.share, 0), 1) * 100}%`
  return h(
    'div',
    { class: 'app-bar-chart__row' },
    h('span', { class: 'app-bar-chart__label govuk-body-s' }, `${bar.label}: ${shareText(bar.share)}`),
    h('span', { class: 'app-bar-chart__track', 'aria-hidden': 'true' }, fill),
  )
}
