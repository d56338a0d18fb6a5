// How old the figures on a benchmarking page are: the day they describe, the DfE publication they come from and when
// it came out, whether newer figures are here, and when the next are due. Read from GET /benchmarking/periods.

import { h } from '../shell/dom'
import { insetText, link } from '../shell/govuk'
import type { Period, Publication } from './types'
import { type Services, periodWords } from './words'

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "2024-02" as "February 2024". */
function monthWords(month: string): string {
  const [year, number] = month.split('-')
  return `${monthNames[Number(number) - 1] ?? number} ${year}`
}

/** "2023-09-30" as "30 September 2023". */
function dayWords(day: string): string {
  const [year, month, date] = day.split('-')
  return `${Number(date)} ${monthWords(`${year}-${month}`)}`
}

/** The current month as "2026-12", to tell a release that is still to come from one that is late. */
function thisMonth(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}

function source(publication: Publication): HTMLElement {
  return h(
    'span',
    null,
    `from the ${publication.publisher}’s `,
    link(publication.url, publication.name),
    `, published ${monthWords(publication.published)}`,
  )
}

/** What comes next: newer figures already here, or when the next release is (or was) due. */
function nextRelease(periods: readonly Period[], shown: Period, publication: Publication): string {
  const newest = periods.find((period) => period.publication !== null)
  if (newest && newest.period > shown.period && newest.publication) {
    return `Newer figures are available: ${dayWords(newest.publication.as_at)}.`
  }
  const nextDay = dayWords(`${publication.next_period}-09-30`)
  const due = monthWords(publication.next_due)
  return publication.next_due >= thisMonth()
    ? `Figures as at ${nextDay} are due in ${due}.`
    : `Figures as at ${nextDay} were due in ${due} and have not been added to PSW Network yet.`
}

/** The inset every benchmarking page shows about the period it shows. */
export function figuresDate(
  periods: readonly Period[],
  period: string,
  services: Services = 'children',
  official = true,
): HTMLElement {
  const shown = periods.find((known) => known.period === period)
  const publication = shown?.publication
  if (services === 'adults') {
    return insetText(
      `Adults’ figures for ${period} are imported by network administrators, for example from ` +
        'Skills for Care’s local authority workforce data, or shared by authorities as their own figures. Each ' +
        'measure names its source. There is no national publication date for them.',
    )
  }
  if (!shown || !publication || !official) {
    return insetText(
      `Figures for ${periodWords(period)} are not from a DfE publication: they are figures authorities have shared ` +
        'or a network administrator has imported. Each measure names its source.',
    )
  }
  return insetText(
    h('p', { class: 'govuk-body' }, `Figures as at ${dayWords(publication.as_at)}, `, source(publication), '.'),
    h('p', { class: 'govuk-body' }, nextRelease(periods, shown, publication)),
  )
}
