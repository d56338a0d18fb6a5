// Local figures: an organisation administrator enters their authority's own figures for a year or a quarter (a
// network administrator, any authority's), as a draft only their organisation sees or shared with the network.
// First the period (and for network administrators the authority) is chosen with a GET form, so the address says
// which figures are open; then the figures form and the history of changes.

import * as api from '../api'
import type { Organisation } from '../directory/types'
import { hasRole, refreshUser } from '../identity/session'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { type Field, select, textInput } from '../shell/fields'
import { type FormError, MessageArea, formErrors } from '../shell/form'
import { button, caption, link, pageHeading, paragraph, twoThirds } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { loadAuthorities, loadMetrics, loadPeriods, maySubmitFigures } from './catalogue'
import { figuresDate } from './figures-date'
import { historyTable, submissionForm } from './submission-form'
import type { SubmissionSheet } from './types'

const periodPattern = /^\d{4}(-Q[1-4])?$/

export async function submissionsPage(context: PageContext): Promise<PageView> {
  const me = await refreshUser()
  if (!maySubmitFigures()) return forbiddenPage()
  const networkAdmin = hasRole('network_admin')
  const [authorities, metrics, periods] = await Promise.all([
    networkAdmin ? loadAuthorities() : [],
    loadMetrics(),
    loadPeriods(),
  ])
  const newestPublished = periods.find((known) => known.publication !== null)
  const asked = Number.parseInt(context.query.get('organisation_id') ?? '', 10)
  const organisationId = !networkAdmin
    ? me.organisation.id
    : Number.isSafeInteger(asked) && asked > 0
      ? asked
      : authorities.some((authority) => authority.id === me.organisation.id)
        ? me.organisation.id
        : null
  const period = context.query.get('period')?.trim().toUpperCase() ?? ''

  const area = new MessageArea()
  if (context.flash) area.showBanner({}, { heading: context.flash, success: true })
  const chooser = periodChooser(networkAdmin ? authorities : null, organisationId, period)

  let sheet: SubmissionSheet | null = null
  if (period) {
    const errors = chooserErrors(organisationId, period)
    if (errors.length > 0) {
      area.showErrors(chooser.fields, errors)
    } else {
      try {
        sheet = await api.get<SubmissionSheet>(`/organisations/${organisationId}/metrics/${encodeURIComponent(period)}`)
      } catch (error) {
        if (!(error instanceof api.ApiProblem && error.status === 422)) throw error
        area.showErrors(chooser.fields, formErrors(error, chooser.fields))
      }
    }
  }

  return {
    title: sheet ? `Local figures for ${sheet.label} – ${sheet.organisation.name}` : 'Local figures',
    content: [
      h('a', { class: 'govuk-back-link', href: '/benchmarking' }, 'Back to benchmarking'),
      area.element,
      twoThirds(
        caption(sheet ? sheet.organisation.name : 'Benchmarking'),
        pageHeading(sheet ? `Local figures for ${sheet.label}` : 'Local figures'),
        paragraph(
          'Enter your authority’s own workforce figures, for example for a quarter before the Department for ' +
            'Education publishes the year. Shared figures are shown to the network marked “local, not official”, ' +
            'and only where there is no official figure.',
        ),
        newestPublished && figuresDate(periods, newestPublished.period),
        chooser.element,
      ),
      sheet && [
        sheet.may_edit ? submissionForm({ sheet, metrics, area }) : paragraph('You cannot change these figures.'),
        historyTable(sheet, metrics),
      ],
    ],
  }
}

function chooserErrors(organisationId: number | null, period: string): FormError[] {
  const errors: FormError[] = []
  if (organisationId === null) errors.push({ field: 'organisation_id', message: 'Choose a local authority' })
  if (!periodPattern.test(period))
    errors.push({ field: 'period', message: 'Enter a year, like 2024, or a quarter, like 2024-Q2' })
  return errors
}

/** The GET form that opens the figures of one period (and, for network administrators, one authority). */
function periodChooser(
  authorities: readonly Organisation[] | null,
  organisationId: number | null,
  period: string,
): { element: HTMLElement; fields: Record<string, Field> } {
  const fields: Record<string, Field> = {}
  if (authorities) {
    const known = authorities.some((authority) => authority.id === organisationId)
    fields['organisation_id'] = select({
      id: 'organisation_id',
      name: 'organisation_id',
      label: 'Local authority',
      value: known ? String(organisationId) : '',
      choices: [
        ...(known ? [] : [{ value: '', text: 'Choose a local authority' }]),
        ...authorities.map((authority) => ({ value: String(authority.id), text: authority.name })),
      ],
    })
  }
  fields['period'] = textInput({
    id: 'period',
    name: 'period',
    label: 'Period',
    hint: 'A year, like 2024, for figures at 30 September; or a quarter, like 2024-Q2',
    value: period,
    spellcheck: false,
    widthClass: 'govuk-input--width-10',
  })
  const element = h(
    'form',
    { method: 'get', action: '/benchmarking/submissions', 'aria-labelledby': 'choose-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'choose-heading' }, period ? 'Change the period' : 'Choose the period'),
    Object.values(fields).map((field) => field.element),
    h(
      'div',
      { class: 'govuk-button-group' },
      period ? button('Open these figures', { variant: 'secondary' }) : button('Continue'),
      period && link('/benchmarking/submissions', 'Start again'),
    ),
  )
  return { element, fields }
}
