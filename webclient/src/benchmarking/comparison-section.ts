// The group on a metric page: a sentence that says what the chart shows, the bar chart, the CSV of the comparison,
// and the group's table with the form to ask the chosen authorities.

import { h } from '../shell/dom'
import type { MessageArea } from '../shell/form'
import { link, paragraph } from '../shell/govuk'
import { askAuthoritiesForm } from './ask-authorities'
import { groupBarChart } from './charts'
import type { Comparison, Member } from './types'
import {
  type Selection,
  axisSuffix,
  exportPath,
  formatValue,
  groupMedianName,
  groupPhrase,
  medianInSentence,
  neighboursMedianName,
  ordinal,
} from './words'

/** The median line of the chart: against neighbours, the DfE's median of the ten; otherwise the group's. */
function chartMedian(comparison: Comparison): { value: number | null; label: string } {
  if (comparison.group === 'statistical' && comparison.statistical_neighbours_median) {
    return { value: comparison.statistical_neighbours_median.value, label: neighboursMedianName }
  }
  return {
    value: comparison.statistics.median,
    label: groupMedianName(comparison.group, comparison.group_name, comparison.organisation.name),
  }
}

export interface ComparisonSectionOptions {
  comparison: Comparison
  periodLabel: string
  selection: Selection
  ownOrganisationId: number
  area: MessageArea
  left: AbortSignal
}

export function comparisonSection(options: ComparisonSectionOptions): HTMLElement {
  const { comparison } = options
  const { metric } = comparison
  const withValues = comparison.members.filter(
    (member): member is Member & { value: number } => member.status === 'value' && member.value !== null,
  )
  const heading = `Compared with ${groupPhrase(comparison.group, comparison.group_name)}`
  const median = chartMedian(comparison)
  const chart =
    withValues.length === 0
      ? paragraph(`No authority in the group has a figure for ${options.periodLabel}, so there is no chart.`)
      : [
          h(
            'p',
            { class: 'govuk-body-s' },
            `In the chart, ${comparison.organisation.name} is the dark bar with a black outline and the dashed ` +
              `line is the ${medianInSentence(median.label)}. The table below gives every figure.`,
          ),
          groupBarChart({
            label:
              `Bar chart of ${metric.name.toLowerCase()} in ${options.periodLabel} for ${comparison.organisation.name} ` +
              `and ${groupPhrase(comparison.group, comparison.group_name)}. The figures are in the table below.`,
            valueLabel: metric.name,
            valueSuffix: axisSuffix[metric.unit] ?? '',
            names: withValues.map((member) => member.organisation.name),
            values: withValues.map((member) => member.value),
            subjectIndex: withValues.findIndex((member) => member.is_subject),
            median: median.value,
            medianLabel: median.label,
            left: options.left,
          }),
        ]
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'comparison-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'comparison-heading' }, heading),
    paragraph(comparisonSummary(comparison, options.periodLabel)),
    chart,
    paragraph(
      link(exportPath('compare', metric, options.selection), 'Download this comparison as a spreadsheet (CSV)'),
    ),
    askAuthoritiesForm({
      comparison,
      ownOrganisationId: options.ownOrganisationId,
      periodLabel: options.periodLabel,
      area: options.area,
    }),
  )
}

/** The chart in one paragraph: the authority's figure and rank, the median and middle half, the range, the gaps. */
export function comparisonSummary(comparison: Comparison, periodLabel: string): string {
  const { subject, statistics, metric } = comparison
  const unit = metric.unit
  const name = comparison.organisation.name
  const sentences: string[] = []
  if (subject.status === 'value' && subject.value !== null) {
    let first = `In ${periodLabel}, ${name}’s ${metric.name.toLowerCase()} was ${formatValue(subject.value, unit)}`
    if (comparison.rank !== null && metric.polarity !== 'neutral') {
      const best = metric.polarity === 'lower_is_better' ? 'lowest' : 'highest'
      first += `, ranked ${ordinal(comparison.rank)} of ${comparison.ranked_count} (1st is the ${best})`
    }
    sentences.push(`${first}.`)
  } else {
    sentences.push(`${name} has no figure for ${periodLabel} (${subject.reason ?? 'not published'}).`)
  }
  const neighbours = comparison.statistical_neighbours_median
  if (neighbours && neighbours.value !== null) {
    sentences.push(
      `The median of its ${neighbours.count} statistical neighbours with a figure, as the DfE publishes it, was ` +
        `${formatValue(neighbours.value, unit)}.`,
    )
  }
  if (statistics.median !== null) {
    const counted = subject.status === 'value' ? `, ${name} included,` : ''
    let median =
      `The median of the ${statistics.count} authorities in the group with a figure${counted} was ` +
      formatValue(statistics.median, unit)
    if (statistics.lower_quartile !== null && statistics.upper_quartile !== null) {
      median +=
        `, and the middle half of the group was between ${formatValue(statistics.lower_quartile, unit)} ` +
        `and ${formatValue(statistics.upper_quartile, unit)}`
    }
    sentences.push(`${median}.`)
  }
  if (statistics.min !== null && statistics.max !== null) {
    const at = (value: number): string =>
      comparison.members
        .filter((member) => member.status === 'value' && member.value === value)
        .map((member) => member.organisation.name)
        .join(' and ')
    sentences.push(
      `Figures ranged from ${formatValue(statistics.min, unit)} (${at(statistics.min)}) ` +
        `to ${formatValue(statistics.max, unit)} (${at(statistics.max)}).`,
    )
  }
  const missing = comparison.members.length - statistics.count
  if (missing > 0) {
    sentences.push(
      `${missing === 1 ? '1 authority has' : `${missing} authorities have`} no figure and ` +
        `${missing === 1 ? 'is' : 'are'} not counted.`,
    )
  }
  return sentences.join(' ')
}
