// Who has responded, on the office dashboard: the overall rate, the rate in each region (a sentence, a bar chart
// and its table), the responses by sector (or by service, when each service responds), and the authorities still to
// respond.

import { categoryBarChart } from '../shell/charts'
import { h } from '../shell/dom'
import { details, paragraph } from '../shell/govuk'
import { scrollingTable, table } from '../shell/tables'
import { count, sectorName } from '../shell/words'
import type { Analysis } from './types'
import { percentWords } from './words'

/** "2 of 153 authorities have responded (1.3%)". */
export function respondedWords(
  analysis: Pick<Analysis, 'responded_count' | 'audience_count' | 'response_rate'>,
): string {
  const verb = analysis.responded_count === 1 ? 'has' : 'have'
  return (
    `${analysis.responded_count.toLocaleString('en-GB')} of ${count(analysis.audience_count, 'authority', 'authorities')} ` +
    `${verb} responded (${percentWords(analysis.response_rate)})`
  )
}

/** `byService`: each authority's services respond on their own, so responses are counted by service. */
export function ratesSection(analysis: Analysis, until: AbortSignal, byService = false): HTMLElement {
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'rate-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'rate-heading' }, 'Response rate'),
    h('p', { class: 'govuk-body-l', id: 'responded-count' }, respondedWords(analysis)),
    analysis.responses !== analysis.responded_count &&
      paragraph(
        `There are ${count(analysis.responses, 'submitted response', 'submitted responses')} in all: people in ` +
          'the same authority respond for themselves.',
      ),
    regions(analysis, until),
    byService ? services(analysis) : sectors(analysis),
    notResponded(analysis),
  )
}

function regions(analysis: Analysis, until: AbortSignal): HTMLElement {
  const rows = analysis.by_region
  const best = [...rows].sort((a, b) => b.response_rate - a.response_rate)[0]
  const worst = [...rows].sort((a, b) => a.response_rate - b.response_rate)[0]
  const summary =
    best && worst && analysis.responded_count > 0
      ? `The highest response rate is in ${best.region_name} (${percentWords(best.response_rate)}), the lowest in ` +
        `${worst.region_name} (${percentWords(worst.response_rate)}).`
      : 'No authority has responded yet.'
  return h(
    'div',
    null,
    h('h3', { class: 'govuk-heading-m' }, 'By region'),
    paragraph(summary),
    rows.length > 0 &&
      categoryBarChart({
        label: `Bar chart of the response rate in each region. ${summary} The figures are in the table below.`,
        valueLabel: 'Response rate',
        valueSuffix: '%',
        max: 100,
        names: rows.map((row) => row.region_name),
        values: rows.map((row) => row.response_rate),
        until,
      }),
    regionRatesTable(rows),
  )
}

function sectors(analysis: Analysis): HTMLElement {
  return h(
    'div',
    null,
    h('h3', { class: 'govuk-heading-m' }, 'By sector'),
    paragraph('Submitted responses by the services of the person who submitted them.'),
    table({
      caption: 'Responses by sector',
      captionHidden: true,
      firstCellIsHeader: true,
      columns: [{ header: 'Sector' }, { header: 'Responses', numeric: true }],
      rows: analysis.by_sector.map((row) => [sectorName(row.sector), row.responses.toLocaleString('en-GB')]),
    }),
  )
}

/** For a consultation that takes a response from each service: the responses of each. */
function services(analysis: Analysis): HTMLElement {
  return h(
    'div',
    null,
    h('h3', { class: 'govuk-heading-m' }, 'By service'),
    paragraph('Each authority’s children’s services and adults’ services give their own response.'),
    serviceTable(analysis),
  )
}

function serviceTable(analysis: Analysis): HTMLTableElement {
  return table({
    caption: 'Responses by service',
    captionHidden: true,
    firstCellIsHeader: true,
    columns: [{ header: 'Service' }, { header: 'Responses', numeric: true }],
    rows: analysis.by_sector
      .filter((row) => row.sector !== 'both')
      .map((row) => [sectorName(row.sector), row.responses.toLocaleString('en-GB')]),
  })
}

function notResponded(analysis: Analysis): HTMLElement {
  const missing = analysis.not_responded
  return h(
    'div',
    null,
    h('h3', { class: 'govuk-heading-m' }, 'Not responded yet'),
    missing.length === 0
      ? paragraph('Every authority in the audience has responded.')
      : details(
          `${count(missing.length, 'authority has', 'authorities have')} not responded`,
          h(
            'ul',
            { class: 'govuk-list app-columns' },
            missing.map((organisation) => h('li', null, organisation.name)),
          ),
        ),
  )
}

type RegionRate = Pick<
  Analysis['by_region'][number],
  'region_name' | 'audience_count' | 'responded_count' | 'response_rate'
>

/** Each region's audience, responses and response rate. */
export function regionRatesTable(rows: readonly RegionRate[]): HTMLElement {
  return scrollingTable({
    caption: 'Response rate by region',
    captionHidden: true,
    firstCellIsHeader: true,
    columns: [
      { header: 'Region' },
      { header: 'Authorities', numeric: true },
      { header: 'Responded', numeric: true },
      { header: 'Response rate', numeric: true },
    ],
    rows: rows.map((row) => [
      row.region_name,
      row.audience_count.toLocaleString('en-GB'),
      row.responded_count.toLocaleString('en-GB'),
      percentWords(row.response_rate),
    ]),
  })
}
