// An authority's caseload health check return: its organisation administrator (or a network administrator, for any
// authority) gives the authority's caseload cap and how many case-holding social workers hold each band of cases, as a
// draft only the organisation sees or shared with the network. As for local figures, a GET form first chooses the
// period and services (and, for network administrators, the authority), so the address says which return is open.
// The form checks only that each box holds a whole number; the server owns the rules on ranges and names the box it
// refuses as counts.<band>, which is the key of that box here.

import * as api from '../api'
import type { Organisation } from '../directory/types'
import { hasRole, refreshUser } from '../identity/session'
import { timeElement } from '../shell/dates'
import { h } from '../shell/dom'
import { forbiddenPage } from '../shell/error-pages'
import { type Field, radios, select, textInput } from '../shell/fields'
import { type FormError, MessageArea, apiForm, fieldKey, formErrors } from '../shell/form'
import { button, caption, link, pageHeading, paragraph, twoThirds, visuallyHidden } from '../shell/govuk'
import type { PageContext, PageView } from '../shell/page'
import { navigate } from '../shell/router'
import { sectorName } from '../shell/words'
import {
  type Band,
  type BandKey,
  type CaseloadCap,
  type CaseloadChoice,
  type CaseloadCounts,
  type CaseloadRequest,
  type CaseloadReturn,
  type CaseloadStatus,
  caseloadBands,
  caseloadCaps,
  caseloadPaths,
  healthPath,
  idFrom,
  periodFrom,
  serviceFrom,
  serviceWords,
} from './caseload'
import { loadAuthorities, maySubmitFigures } from './catalogue'
import { periodWords } from './words'

const periodPattern = /^\d{4}(-Q[1-4])?$/

/** A whole number, with or without commas between thousands: "12", "1,250". */
const countPattern = /^(\d{1,3}(,\d{3})+|\d+)$/

export async function caseloadReturnPage(context: PageContext): Promise<PageView> {
  const me = await refreshUser()
  if (!maySubmitFigures()) return forbiddenPage()
  const networkAdmin = hasRole('network_admin')
  const authorities = networkAdmin ? await loadAuthorities() : []
  const asked = idFrom(context.query, 'organisation_id')
  const choice: CaseloadChoice = {
    organisationId: !networkAdmin
      ? me.organisation.id
      : (asked ?? (authorities.some((authority) => authority.id === me.organisation.id) ? me.organisation.id : null)),
    service: serviceFrom(context.query, me.sector),
    period: periodFrom(context.query),
  }
  const organisationName =
    (networkAdmin ? authorities.find((authority) => authority.id === choice.organisationId)?.name : null) ??
    (choice.organisationId === me.organisation.id ? me.organisation.name : null)

  const area = new MessageArea()
  const chooser = returnChooser(networkAdmin ? authorities : null, choice)
  let opened: { existing: CaseloadReturn | null } | null = null
  if (choice.period !== null) {
    const errors = chooserErrors(choice)
    if (errors.length > 0) {
      area.showErrors(chooser.fields, errors)
    } else {
      try {
        opened = { existing: await api.get<CaseloadReturn>(returnApiPath(choice)) }
      } catch (error) {
        if (error instanceof api.ApiProblem && error.status === 404) opened = { existing: null }
        else if (error instanceof api.ApiProblem && error.status === 422)
          area.showErrors(chooser.fields, formErrors(error, chooser.fields))
        else throw error
      }
    }
  }

  const period = choice.period === null ? '' : periodWords(choice.period)
  const heading = opened ? `Caseload health check for ${period}` : 'Enter a caseload health check'
  return {
    title: opened && organisationName ? `${heading} – ${organisationName}` : heading,
    content: [
      h('a', { class: 'govuk-back-link', href: healthPath(choice) }, 'Back to the caseload health check'),
      area.element,
      twoThirds(
        caption(
          opened && organisationName
            ? `${organisationName}, ${serviceWords[choice.service]}`
            : (organisationName ?? 'Benchmarking'),
        ),
        pageHeading(heading),
        paragraph(
          'Count the social workers who held cases, by how many cases each held, and give your authority’s ' +
            'caseload cap. Only the counts are sent, never anything about a worker, a child or a family.',
        ),
        chooser.element,
        opened &&
          organisationName &&
          returnForm({ choice, organisationName, existing: opened.existing, area, mayChoose: networkAdmin }),
      ),
    ],
  }
}

function returnApiPath(choice: CaseloadChoice): string {
  const period = encodeURIComponent(choice.period ?? '')
  return `/organisations/${choice.organisationId}/caseload-returns/${period}/${choice.service}`
}

function chooserErrors(choice: CaseloadChoice): FormError[] {
  const errors: FormError[] = []
  if (choice.organisationId === null) errors.push({ field: 'organisation_id', message: 'Choose a local authority' })
  if (!periodPattern.test(choice.period ?? ''))
    errors.push({ field: 'period', message: 'Enter a year, like 2025, or a quarter, like 2025-Q2' })
  return errors
}

/** The GET form that opens the return of one period and services (and, for network administrators, authority). */
function returnChooser(
  authorities: readonly Organisation[] | null,
  choice: CaseloadChoice,
): { element: HTMLElement; fields: Record<string, Field> } {
  const fields: Record<string, Field> = {}
  if (authorities) {
    const known = authorities.some((authority) => authority.id === choice.organisationId)
    fields['organisation_id'] = select({
      id: 'organisation_id',
      name: 'organisation_id',
      label: 'Local authority',
      value: known ? String(choice.organisationId) : '',
      choices: [
        ...(known ? [] : [{ value: '', text: 'Choose a local authority' }]),
        ...authorities.map((authority) => ({ value: String(authority.id), text: authority.name })),
      ],
    })
  }
  fields['service'] = radios({
    id: 'service',
    name: 'service',
    legend: 'Services',
    legendClass: 'govuk-fieldset__legend--s',
    choices: (['children', 'adults'] as const).map((value) => ({ value, text: sectorName(value) })),
    values: [choice.service],
    small: true,
    inline: true,
  })
  fields['period'] = textInput({
    id: 'period',
    name: 'period',
    label: 'Period',
    hint: 'A year, like 2025, for caseloads at 30 September; or a quarter, like 2025-Q2',
    value: choice.period ?? '',
    spellcheck: false,
    widthClass: 'govuk-input--width-10',
  })
  const chosen = choice.period !== null
  const element = h(
    'form',
    { method: 'get', action: caseloadPaths.return, 'aria-labelledby': 'choose-heading' },
    h(
      'h2',
      { class: 'govuk-heading-m', id: 'choose-heading' },
      chosen ? 'Change the period or services' : 'Choose the period and services',
    ),
    Object.values(fields).map((field) => field.element),
    h(
      'div',
      { class: 'govuk-button-group' },
      chosen ? button('Open this return', { variant: 'secondary' }) : button('Continue'),
      chosen && link(caseloadPaths.return, 'Start again'),
    ),
  )
  return { element, fields }
}

interface ReturnFormOptions {
  choice: CaseloadChoice
  organisationName: string
  existing: CaseloadReturn | null
  area: MessageArea
  /** A network administrator enters any authority's return, so the form names whose it is. */
  mayChoose: boolean
}

/** "12 or fewer cases", "more than 22 cases": a band in the middle of a sentence. */
function casesWords(band: Band): string {
  return `${band.label.charAt(0).toLowerCase()}${band.label.slice(1)} cases`
}

function returnForm(options: ReturnFormOptions): HTMLElement {
  const { choice, existing, organisationName } = options
  const boxes = new Map<BandKey, Field & { input: HTMLInputElement }>()
  for (const band of caseloadBands) {
    boxes.set(
      band.key,
      textInput({
        id: `counts-${band.key}`,
        name: `counts-${band.key}`,
        label: `${band.label} cases`,
        value: existing ? String(existing.counts[band.key]) : '',
        inputMode: 'numeric',
        spellcheck: false,
        widthClass: 'govuk-input--width-5',
      }),
    )
  }
  const cap = radios({
    id: 'cap',
    name: 'cap',
    legend: `What is ${organisationName}’s caseload cap?`,
    legendClass: 'govuk-fieldset__legend--m',
    hint:
      'The most cases one social worker should hold. The choices are the tops of the bands, so that the workers ' +
      'above the cap are counted exactly. If your cap falls between them, choose the one below it.',
    choices: caseloadCaps.map((value) => ({ value: String(value), text: `${value} cases` })),
    values: existing ? [String(existing.cap)] : [],
  })
  const counts = countsFieldset([...boxes.values()])
  const status = radios({
    id: 'status',
    name: 'status',
    legend: 'Who can see this return?',
    legendClass: 'govuk-fieldset__legend--m',
    choices: [
      { value: 'draft', text: 'Save as a draft', hint: `Only ${organisationName} sees it.` },
      {
        value: 'shared',
        text: 'Share with the network',
        hint: 'Everyone signed in to PSW Network sees it, and it counts in every comparison.',
      },
    ],
    values: [existing?.status ?? 'draft'],
  })
  const fields: Record<string, Field> = { cap, counts, status }
  for (const [key, box] of boxes) fields[`counts.${key}`] = box
  const names = new Map<string, string>([
    ['cap', 'The caseload cap'],
    ['counts', 'The return'],
    ['status', 'Who can see the return'],
    ['period', 'The period'],
    ['service', 'The services'],
    ...caseloadBands.map((band): [string, string] => [`counts.${band.key}`, `The number holding ${casesWords(band)}`]),
  ])

  const form = apiForm({
    fields,
    content: [cap.element, counts.element, status.element],
    area: options.area,
    submitLabel: 'Save return',
    check: () => {
      const errors: FormError[] = []
      if (!new FormData(form).get('cap'))
        errors.push({ field: 'cap', message: `Select ${organisationName}’s caseload cap` })
      for (const band of caseloadBands) {
        const text = boxes.get(band.key)?.input.value.trim() ?? ''
        if (!text)
          errors.push({
            field: `counts.${band.key}`,
            message: `Enter how many case-holding social workers hold ${casesWords(band)}, or 0`,
          })
        else if (!countPattern.test(text))
          errors.push({
            field: `counts.${band.key}`,
            message: `Enter the number holding ${casesWords(band)} as a whole number, like 12`,
          })
      }
      return errors
    },
    send: async () => {
      const data = new FormData(form)
      const chosen = (data.get('status') ?? 'draft') as CaseloadStatus
      const body: CaseloadRequest = {
        cap: Number(data.get('cap')) as CaseloadCap,
        counts: Object.fromEntries(
          caseloadBands.map((band) => [band.key, Number(boxes.get(band.key)?.input.value.trim().replaceAll(',', ''))]),
        ) as unknown as CaseloadCounts,
        status: chosen,
      }
      const saved = await api.put<CaseloadReturn>(returnApiPath(choice), body)
      const words = `${organisationName}’s caseload health check for ${periodWords(saved.period)}`
      navigate(
        healthPath({
          organisationId: saved.organisation.id,
          service: saved.service,
          period: saved.period,
        }),
        {
          flash:
            chosen === 'shared'
              ? `${words} has been shared with the network`
              : `${words} has been saved as a draft: only ${organisationName} sees it`,
        },
      )
    },
    problemErrors: (problem) => (problem.status === 422 ? namedErrors(problem, fields, names) : null),
  })
  return h(
    'section',
    { class: 'app-section', 'aria-labelledby': 'return-heading' },
    h(
      'h2',
      { class: 'govuk-heading-l', id: 'return-heading' },
      options.mayChoose ? `${organisationName}’s return` : 'Your authority’s return',
    ),
    existing &&
      h(
        'p',
        { class: 'govuk-body' },
        `${existing.status === 'shared' ? 'Shared with the network' : 'Saved as a draft'}`,
        existing.updated_by ? ` by ${existing.updated_by.display_name}` : '',
        ' at ',
        timeElement(existing.updated_at),
        '. Saving again replaces it.',
      ),
    form,
  )
}

/**
 * The five boxes as one question, in a fieldset that can show an error of its own: the server's "counts" error (no
 * case-holder in any band) belongs to them all. The error summary leads to the first box.
 */
function countsFieldset(boxes: readonly (Field & { input: HTMLInputElement })[]): Field {
  const hint = h(
    'div',
    { id: 'counts-hint', class: 'govuk-hint' },
    'Count each social worker who held cases once, in the band of the number of cases they held. Enter 0 for a ' +
      'band with nobody in it.',
  )
  const boxesElement = h(
    'div',
    null,
    boxes.map((box) => box.element),
  )
  const fieldset = h(
    'fieldset',
    { class: 'govuk-fieldset', 'aria-describedby': 'counts-hint' },
    h(
      'legend',
      { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' },
      'How many case-holding social workers held each number of cases?',
    ),
    hint,
    boxesElement,
  )
  const group = h('div', { class: 'govuk-form-group' }, fieldset)
  let message: HTMLElement | null = null
  return {
    element: group,
    focusId: boxes[0]?.input.id ?? 'counts-hint',
    setError(text) {
      message?.remove()
      message = null
      group.classList.toggle('govuk-form-group--error', text !== null)
      if (text !== null) {
        message = h('p', { id: 'counts-error', class: 'govuk-error-message' }, visuallyHidden('Error:'), ` ${text}`)
        boxesElement.before(message)
      }
      fieldset.setAttribute('aria-describedby', text === null ? 'counts-hint' : 'counts-hint counts-error')
    },
  }
}

/** The server's field errors on their fields, its words made a sentence about the field ("The cap must be ..."). */
function namedErrors(
  problem: api.ApiProblem,
  fields: Readonly<Record<string, Field>>,
  names: ReadonlyMap<string, string>,
): FormError[] {
  const errors: FormError[] = []
  for (const error of problem.errors) {
    const key = error.field in fields ? error.field : fieldKey(error.field) in fields ? fieldKey(error.field) : ''
    if (key && errors.some((known) => known.field === key)) continue
    const name = names.get(key || error.field)
    const message = name && /^[a-z]/.test(error.message) ? `${name} ${error.message}` : error.message
    errors.push({ field: key, message })
  }
  return errors.length > 0 ? errors : [{ field: '', message: problem.detail || problem.title }]
}
