// The caseload health check of one authority: its own return (how many case-holding social workers hold each band of
// cases, against its cap) and the share above the cap beside its statistical neighbours, region, England and the
// organisation's saved groups, as a chart, a table and each group's returns. The authority, services and period are
// chosen with a GET form, so the address says what is shown. Counts only, never people.

import * as api from '../api'
import type { Organisation } from '../directory/types'
import { refreshUser } from '../identity/session'
import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { type Field, radios, select, textInput } from '../shell/fields'
import { MessageArea, formErrors } from '../shell/form'
import { button, buttonLink, caption, details, link, pageHeading, paragraph, tag, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { scrollingTable } from '../shell/tables'
import { numberWords, sectorName } from '../shell/words'
import {
  type CaseloadChoice,
  type CaseloadComparator,
  type CaseloadHealth,
  type CaseloadReturn,
  aboveCapWords,
  caseloadBands,
  caseloadPaths,
  healthPath,
  idFrom,
  isAboveCap,
  mayEnterReturn,
  periodFrom,
  returnPath,
  serviceFrom,
  serviceWords,
  shareWords,
} from './caseload'
import { type ShareGroup, shareChart } from './caseload-chart'
import { loadAuthorities } from './catalogue'
import { comparatorGroupPaths } from './group-paths'
import { periodWords } from './words'

export async function caseloadHealthPage(context: PageContext): Promise<PageView> {
  const [me, authorities] = await Promise.all([refreshUser(), loadAuthorities()])
  const ownIsAuthority = authorities.some((authority) => authority.id === me.organisation.id)
  const requested: CaseloadChoice = {
    organisationId: idFrom(context.query, 'organisation_id') ?? (ownIsAuthority ? me.organisation.id : null),
    service: serviceFrom(context.query, me.sector),
    period: periodFrom(context.query),
  }
  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { heading: context.flash, success: true })

  let health: CaseloadHealth | null = null
  let noneYet = false
  let problem: api.ApiProblem | null = null
  if (requested.organisationId !== null) {
    try {
      health = await api.get<CaseloadHealth>('/benchmarking/caseload-health', {
        organisation_id: requested.organisationId,
        service: requested.service,
        period: requested.period,
      })
    } catch (error) {
      // 404 naming the services: nobody has shared a return for them yet (not an unknown authority).
      if (error instanceof api.ApiProblem && error.status === 404 && /caseload health check/.test(error.detail))
        noneYet = true
      else if (error instanceof api.ApiProblem && error.status === 422) problem = error
      else throw error
    }
  }
  const chooser = healthChooser(authorities, requested)
  if (problem) area.showErrors(chooser.fields, formErrors(problem, chooser.fields))

  const subject = health?.organisation ?? authorities.find((authority) => authority.id === requested.organisationId)
  const about = health ? `${subject?.name}, ${serviceWords[health.service]}, ${periodWords(health.period)}` : null
  return {
    title: subject ? `Caseload health check – ${subject.name}` : 'Caseload health check',
    content: [
      h('a', { class: 'govuk-back-link', href: '/benchmarking' }, 'Back to benchmarking'),
      area.element,
      caption(subject ? subject.name : 'Benchmarking'),
      pageHeading('Caseload health check'),
      twoThirds(
        introduction(),
        about && h('p', { class: 'govuk-body govuk-!-font-weight-bold' }, `Showing ${about}.`),
        requested.organisationId === null &&
          !problem &&
          paragraph('Choose a local authority below to see its caseload health check.'),
        noneYet && subject && noReturnsYet({ ...requested, organisationId: subject.id }, subject),
      ),
      chooser.element,
      health && [ownSection(health), comparisonSection(health)],
    ],
  }
}

function introduction(): HTMLElement {
  return h(
    'div',
    null,
    paragraph(
      'Authorities count their case-holding social workers by how many cases each holds, in bands, and say what ' +
        'their own caseload cap is. This page shows the share of case-holders above their authority’s cap, beside ' +
        'other authorities.',
    ),
    paragraph(
      'The average caseload alone hides the social workers above a cap: an average of 16 cases can include ' +
        'workers holding 25. Only counts are collected, never anything about a worker, a child or a family.',
    ),
  )
}

/** Said plainly when nobody has shared a return for these services yet, with the way to enter one. */
function noReturnsYet(choice: CaseloadChoice, subject: Pick<Organisation, 'id' | 'name'>): HTMLElement {
  const other = choice.service === 'children' ? 'adults' : 'children'
  return h(
    'div',
    null,
    h('h2', { class: 'govuk-heading-m' }, 'There are no caseload health checks yet'),
    paragraph(`No authority has shared a caseload health check for ${serviceWords[choice.service]} yet.`),
    paragraph('The comparison appears here once authorities share their returns.'),
    mayEnterReturn(subject.id) &&
      paragraph(link(returnPath({ ...choice, period: null }), `Enter ${subject.name}’s caseload health check`)),
    paragraph(
      link(
        healthPath({ ...choice, service: other, period: null }),
        `See the caseload health check for ${serviceWords[other]}`,
      ),
    ),
  )
}

/** The GET form that chooses the authority, the services and the period. */
function healthChooser(
  authorities: readonly Organisation[],
  choice: CaseloadChoice,
): { element: HTMLElement; fields: Record<string, Field> } {
  const known = authorities.some((authority) => authority.id === choice.organisationId)
  const fields: Record<string, Field> = {
    service: radios({
      id: 'service',
      name: 'service',
      legend: 'Services',
      legendClass: 'govuk-fieldset__legend--s',
      choices: (['children', 'adults'] as const).map((value) => ({ value, text: sectorName(value) })),
      values: [choice.service],
      small: true,
      inline: true,
    }),
    organisation_id: select({
      id: 'organisation_id',
      name: 'organisation_id',
      label: 'Local authority',
      value: known ? String(choice.organisationId) : '',
      choices: [
        ...(known ? [] : [{ value: '', text: 'Choose a local authority' }]),
        ...authorities.map((authority) => ({ value: String(authority.id), text: authority.name })),
      ],
    }),
    period: textInput({
      id: 'period',
      name: 'period',
      label: 'Period',
      hint: 'A year, like 2025, or a quarter, like 2025-Q2. Leave it empty for the newest with returns.',
      value: choice.period ?? '',
      spellcheck: false,
      widthClass: 'govuk-input--width-10',
    }),
  }
  const element = h(
    'form',
    { method: 'get', action: caseloadPaths.health, 'aria-labelledby': 'chooser-heading', class: 'app-section' },
    h('h2', { class: 'govuk-heading-m', id: 'chooser-heading' }, 'Change the authority, services or period'),
    fields['service']?.element,
    h(
      'div',
      { class: 'govuk-grid-row' },
      h('div', { class: 'govuk-grid-column-one-half' }, fields['organisation_id']?.element),
      h('div', { class: 'govuk-grid-column-one-half' }, fields['period']?.element),
    ),
    button('Show caseload health check', { variant: 'secondary' }),
  )
  return { element, fields }
}

/** The authority's own return: the headline share, the bands and who saved it; or why there is none. */
function ownSection(health: CaseloadHealth): HTMLElement {
  const name = health.organisation.name
  const own = health.own
  const choice: CaseloadChoice = {
    organisationId: health.organisation.id,
    service: health.service,
    period: health.period,
  }
  const period = periodWords(health.period)
  const mayEnter = mayEnterReturn(health.organisation.id)
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'own-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'own-heading' }, `${name}’s return`),
    own === null
      ? [
          paragraph(`${name} has not shared a caseload health check for ${serviceWords[health.service]} in ${period}.`),
          mayEnter && buttonLink(returnPath(choice), `Enter ${name}’s return`),
        ]
      : [
          own.status === 'draft' &&
            h(
              'div',
              { class: 'govuk-inset-text' },
              tag('Draft', 'grey'),
              ` Only ${name} sees this return. It is not in anyone’s comparison until it is shared with the network.`,
            ),
          h(
            'p',
            { class: 'govuk-body-l', id: 'own-share' },
            `${aboveCapWords(own)} hold more than ${name}’s cap of ${own.cap} cases.`,
          ),
          bandsTable(health, own),
          h(
            'p',
            { class: 'govuk-body-s' },
            own.updated_by ? `Saved by ${own.updated_by.display_name} at ` : 'Saved at ',
            timeElement(own.updated_at),
            '.',
          ),
          mayEnter && paragraph(link(returnPath(choice), `Change ${name}’s return`)),
        ],
  )
}

function bandsTable(health: CaseloadHealth, own: CaseloadReturn): HTMLElement {
  return scrollingTable({
    caption: `${health.organisation.name}’s case-holding social workers by the cases they hold`,
    firstCellIsHeader: true,
    columns: [
      { header: 'Cases held' },
      { header: 'Case-holders', numeric: true },
      { header: 'Share of case-holders', numeric: true },
      { header: `Above the cap of ${own.cap}` },
    ],
    rows: health.bands.map((band) => {
      const count = own.counts[band.key]
      const lowest = caseloadBands.find((known) => known.key === band.key)?.lowest ?? 0
      return [
        band.label,
        numberWords(count),
        own.case_holders > 0 ? shareWords(count / own.case_holders) : 'None',
        isAboveCap({ lowest }, own.cap) ? 'Yes' : 'No',
      ]
    }),
  })
}

/** "Statistical neighbours (DfE 2025 model)", "Saved group: Our teaching partnership". */
function comparatorName(comparator: CaseloadComparator): string {
  return comparator.group === 'saved' ? `Saved group: ${comparator.name}` : comparator.name
}

/** "4 of 10 authorities returned". */
function returnsWords(comparator: CaseloadComparator): string {
  return `${numberWords(comparator.returns)} of ${numberWords(comparator.authorities)} ${
    comparator.authorities === 1 ? 'authority' : 'authorities'
  } returned`
}

function comparisonSection(health: CaseloadHealth): HTMLElement {
  const name = health.organisation.name
  const period = periodWords(health.period)
  const services = serviceWords[health.service]
  const withReturns = health.comparators.filter((comparator) => comparator.returns > 0)
  const own = health.own
  const groups: ShareGroup[] = [
    ...(own
      ? [
          {
            name: own.status === 'draft' ? `${name} (draft, not shared)` : name,
            bars: [{ label: 'Its own share', share: own.share_above_cap, kind: 'own' as const }],
          },
        ]
      : []),
    ...health.comparators.map((comparator) => ({
      name: comparatorName(comparator),
      note: returnsWords(comparator),
      bars: [
        ...(comparator.pooled_share === null
          ? []
          : [{ label: 'Pooled share', share: comparator.pooled_share, kind: 'pooled' as const }]),
        ...(comparator.median_share === null
          ? []
          : [{ label: 'Median share', share: comparator.median_share, kind: 'median' as const }]),
      ],
      empty: 'No returns',
    })),
  ]
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'comparison-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'comparison-heading' }, 'Compared with other authorities'),
    twoThirds(
      paragraph(
        `Each group leaves ${name} out and counts only the returns its authorities have shared for ${services} ` +
          `in ${period}. Each authority’s case-holders are counted against that authority’s own cap.`,
      ),
      h(
        'ul',
        { class: 'govuk-list govuk-list--bullet' },
        h(
          'li',
          null,
          'The pooled share is all the group’s case-holders above their caps, out of all its case-holders: a ' +
            'large authority counts for more.',
        ),
        h('li', null, 'The median share is the middle of the authorities’ own shares: each authority counts once.'),
      ),
    ),
    shareChart({
      caption: `Share of case-holders above their authority’s cap, ${services}, ${period}`,
      groups,
      shareText: shareWords,
    }),
    comparisonTable(health),
    paragraph(
      'To compare with authorities you choose, save a group: ',
      link(comparatorGroupPaths.list, 'your saved comparator groups'),
      '.',
    ),
    h('h3', { class: 'govuk-heading-m' }, 'Each authority’s return'),
    withReturns.length === 0
      ? paragraph(`No other authority has shared a return for ${services} in ${period} yet.`)
      : withReturns.map((comparator) =>
          details(
            `${comparatorName(comparator)}: ${comparator.returns === 1 ? '1 return' : `${numberWords(comparator.returns)} returns`}`,
            membersTable(health, comparator),
          ),
        ),
  )
}

function comparisonTable(health: CaseloadHealth): HTMLElement {
  const own = health.own
  const name = health.organisation.name
  return scrollingTable({
    caption: `${name} compared with other authorities, ${periodWords(health.period)}`,
    firstCellIsHeader: true,
    columns: [
      { header: 'Compared with' },
      { header: 'Authorities that returned' },
      { header: 'Case-holders', numeric: true },
      { header: 'Above their caps', numeric: true },
      { header: 'Pooled share', numeric: true },
      { header: 'Median share', numeric: true },
    ],
    rows: [
      ...(own
        ? [
            [
              own.status === 'draft' ? `${name} (draft, not shared)` : name,
              'Its own return',
              numberWords(own.case_holders),
              numberWords(own.above_cap),
              shareWords(own.share_above_cap),
              'Not a group',
            ],
          ]
        : []),
      ...health.comparators.map((comparator) => [
        comparatorName(comparator),
        `${numberWords(comparator.returns)} of ${numberWords(comparator.authorities)}`,
        numberWords(comparator.case_holders),
        numberWords(comparator.above_cap),
        comparator.pooled_share === null ? 'No returns' : shareWords(comparator.pooled_share),
        comparator.median_share === null ? 'No returns' : shareWords(comparator.median_share),
      ]),
    ],
  })
}

/** Every shared return of a group: the cap, the count in each band and the share above the cap. */
function membersTable(health: CaseloadHealth, comparator: CaseloadComparator): HTMLElement {
  return scrollingTable({
    caption: `Returns shared by ${comparatorName(comparator)}, ${periodWords(health.period)}`,
    captionHidden: true,
    firstCellIsHeader: true,
    columns: [
      { header: 'Authority' },
      { header: 'Cap', numeric: true },
      ...health.bands.map((band) => ({ header: `${band.label} cases`, numeric: true })),
      { header: 'Case-holders', numeric: true },
      { header: 'Above the cap', numeric: true },
      { header: 'Share above the cap', numeric: true },
    ],
    rows: comparator.members.map((member) => [
      member.organisation.name,
      String(member.cap),
      ...health.bands.map((band) => numberWords(member.counts[band.key])),
      numberWords(member.case_holders),
      numberWords(member.above_cap),
      shareWords(member.share_above_cap),
    ]),
  })
}
